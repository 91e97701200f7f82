"""One forecast: features as of a date, a model fitted on what was decided before it.

Every forecast as of date D uses a model fitted only on seasons whose fate was settled
and public before D (see :meth:`History.labeled`), with each training season measured over
as many chart weeks as the forecast season has had. Fits are cached by their training set,
so a batch refits once per distinct set. The model shipped in the package is that same fit
for the bundled data on the day it was trained; it is used when the training set matches
it, and checked against a refit by the tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from renewcast.forecast.engagement import (
    MATURE,
    ReportIndex,
    ReportStage,
    Standing,
    waiting_after,
)
from renewcast.forecast.features import (
    MAX_HORIZON,
    Features,
    PeerIndex,
    features_as_of,
    window_public_on,
)
from renewcast.forecast.history import CANCELED, ENDED, RENEWED, Decision, History
from renewcast.forecast.model import RenewalModel
from renewcast.forecast.premiere import PREMIERE_FIELDS, PremiereForecaster, PremiereWindow
from renewcast.forecast.priors import base_rate_prior
from renewcast.forecast.reasons import Reason, explain, what_would_move
from renewcast.forecast.timing import ANNOUNCED, DecisionTiming, decision_timing, shift

LIKELY = 0.65  # at or above: "likely renewed"; at or below 1 - LIKELY: "likely canceled"
MIN_TRAINING = 20
# No forecast is surer than this either way: a few hundred past seasons cannot tell 98 %
# from 99 %, and every "sure thing" has had its surprise (Alice in Borderland at 97 %).
SUREST = 0.97


def bounded(p: float) -> float:
    return min(max(p, 1 - SUREST), SUREST)


def verdict(p: float) -> str:
    if p >= LIKELY:
        return "likely renewed"
    if p <= 1 - LIKELY:
        return "likely canceled"
    return "toss-up"


@dataclass
class Forecast:
    season_name: str
    as_of: date
    state: str  # forecast, renewed, canceled, ended
    p_renew: float | None = None
    low_information: bool = False
    reasons: list[Reason] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    movers: list[str] = field(default_factory=list)
    timing: DecisionTiming | None = None
    decision: Decision | None = None
    features: Features | None = None
    trained_on: int = 0
    premiere: PremiereWindow | None = None
    # which fit made it: the training set's fingerprint, or "base rate"
    model_version: str = ""

    @property
    def verdict(self) -> str:
        if self.state != "forecast":
            return {RENEWED: "renewed", CANCELED: "canceled", ENDED: "ended"}[self.state]
        return verdict(self.p_renew)

    @property
    def reasons_text(self) -> str:
        parts = [r.text for r in self.reasons] + self.notes
        return "; ".join(parts)

    def to_dict(self) -> dict:
        f = self.features
        return {
            "season": self.season_name,
            "as_of": self.as_of.isoformat(),
            "state": self.state,
            "p_renew": None if self.p_renew is None else round(self.p_renew, 4),
            "verdict": self.verdict,
            "low_information": self.low_information,
            "reasons": [r.to_dict() for r in self.reasons],
            "notes": self.notes,
            "what_would_move_it": self.movers,
            "decision_timing": self.timing.to_dict() if self.timing else None,
            "decision": None if not self.decision else {
                "outcome": self.decision.outcome,
                "announced": self.decision.event.date.isoformat(),
            },
            "chart_weeks_used": f.horizon if f else 0,
            "trained_on_seasons": self.trained_on,
            **self.premiere_fields(),
            "premiere": self.premiere.to_dict() if self.premiere else None,
        }

    def premiere_fields(self) -> dict[str, str | None]:
        """The next season's premiere window as ISO dates (empty when none applies)."""
        window = self.premiere.to_dict() if self.premiere else {}
        return {name: window.get(name) for name in PREMIERE_FIELDS}


@dataclass
class ReportStep:
    """A chance before any wait -> the final one, through the season's own report: waited
    to the day after the report (where the stage learned), moved by the stage, then waited
    on to the forecast date, by the same rule as any wait without news."""

    standing: Standing
    stage: ReportStage
    ratio_then: float  # DecisionTiming.silence_ratio the day after the report
    ratio_now: float  # ... and on the forecast date

    def apply(self, p: float) -> float:
        moved = self.stage.predict_proba(shift(bounded(p), self.ratio_then),
                                         self.standing.percentile)
        return bounded(shift(moved, self.ratio_now / self.ratio_then))


@dataclass
class Fit:
    model: RenewalModel | None
    training: list[tuple[Features, int]]
    labeled: list


class Forecaster:
    def __init__(self, history: History, shipped: dict[int, RenewalModel] | None = None,
                 wait_on: str = ANNOUNCED):
        self.history = history
        self.shipped = shipped or {}
        self.wait_on = wait_on  # what silence is compared with (timing.decision_timing)
        self._peers: dict[int, PeerIndex] = {}
        self._fits: dict[tuple[str, int], Fit] = {}
        self._stages: dict[str, ReportStage | None] = {}
        self._stage_on: dict[date, ReportStage | None] = {}
        self._before_report: dict[tuple, float] = {}
        self._reports: ReportIndex | None = None
        self.premieres = PremiereForecaster(history)

    @property
    def reports(self) -> ReportIndex:
        if self._reports is None:
            self._reports = ReportIndex(self.history)
        return self._reports

    def forecast(self, key, as_of: date, premiere: bool = True, report: bool = True) -> Forecast:
        """The renewal forecast and, unless ``premiere`` is False, the premiere window;
        ``report=False`` leaves out the engagement report stage (to measure it)."""
        out = self._renewal(key, as_of, report)
        if premiere:
            out.premiere = self.premieres.forecast(key, as_of)
        return out

    def _renewal(self, key, as_of: date, report: bool = True) -> Forecast:
        """The chance from the chart model or base rate, lowered by a wait without news
        and, unless ``report`` is False, moved by the season's own engagement report once
        that is out. The movers ("what would move it") go through the same steps."""
        season = self.history[key]
        out = Forecast(season.name, as_of, "forecast")
        decided = season.decision(as_of)
        if decided:
            out.state, out.decision = decided.outcome, decided
            out.p_renew = {RENEWED: 1.0, CANCELED: 0.0}.get(decided.outcome)
            return out
        labeled = self.history.labeled(before=as_of)
        features = features_as_of(season, as_of, self._peers, self.history)
        out.features, out.notes = features, list(features.notes)
        out.timing = decision_timing(season, labeled, as_of, self.wait_on)
        fit = self.fit(as_of, features.horizon, labeled) if features.horizon else None
        step, unweighed = self._report_step(out, season, as_of, labeled) if report else (
            None, None)

        def wait(p: float) -> float:
            return bounded(out.timing.after_waiting(p))

        def final(p: float) -> float:
            return step.apply(p) if step else wait(p)

        if fit is None or fit.model is None:
            prior = base_rate_prior(season, labeled, as_of)
            before = prior.p_renew
            out.low_information = True
            out.notes.append(f"base rate: {prior.explanation}")
            out.trained_on = len(labeled)
            out.model_version = "base rate"
        else:
            before = fit.model.predict_proba(features.vector())
            out.low_information = features.low_information
            out.reasons = explain(features, fit.model, fit.training)
            out.movers = self._next_chart(features, as_of, labeled, final) + what_would_move(
                features, fit.model, final)
            out.trained_on = fit.model.n_train
            out.model_version = f"h{features.horizon}-{fit.model.fingerprint}"
        out.p_renew = final(before)
        self._note_wait(out, bounded(before), wait(before))
        if step:
            out.notes.append(f"{step.standing.describe()}, so {wait(before):.0%} becomes "
                             f"{out.p_renew:.0%}")
            out.model_version += f"+r{step.stage.fingerprint}"
        elif unweighed:
            out.notes.append(f"{unweighed.describe()} (not weighed: too few past seasons "
                             "waited for their report)")
        return out

    def _report_step(self, out: Forecast, season, as_of: date,
                     labeled) -> tuple[ReportStep | None, Standing | None]:
        """How the season's own engagement report moves its chance, once it is out and
        past seasons can teach it; else no step, and the standing if the report is out."""
        standing = self.reports.standing(season, as_of)
        stage = self.report_stage(as_of) if standing else None
        if stage is None:
            return None, standing
        then = decision_timing(season, labeled, standing.figure.published_on + timedelta(days=1),
                               self.wait_on)
        return ReportStep(standing, stage, then.silence_ratio, out.timing.silence_ratio), None

    def report_stage(self, as_of: date) -> ReportStage | None:
        """The report stage for forecasts as of ``as_of``: fitted on seasons whose fate was
        public before it and that were still waiting when their own report came out, each
        at the chance given the day after that report, and premiered ``MATURE`` before."""
        if as_of in self._stage_on:
            return self._stage_on[as_of]
        learn_from, day = [], as_of - timedelta(days=1)
        for season, decision in self.history.labeled(before=as_of):
            standing = self.reports.standing(season, day)
            start = season.premiered_by(day)
            if standing is None or start is None or start + MATURE > day:
                continue
            after = waiting_after(season, standing.figure)
            if after:  # else settled before its report: nothing left to move
                learn_from.append((season, decision, standing, after))
        key = fingerprint([(s, d) for s, d, *_ in learn_from])
        if key not in self._stages:
            self._stages[key] = ReportStage.fit([
                (self._chance_after_report(s.key, after), standing.percentile,
                 int(d.outcome == RENEWED)) for s, d, standing, after in learn_from])
        if len(self._stage_on) > 64:
            self._stage_on.clear()
        self._stage_on[as_of] = self._stages[key]
        return self._stage_on[as_of]

    def _chance_after_report(self, key, after: date) -> float:
        """The chance without the report stage on ``after``, the day after the report."""
        if (key, after) not in self._before_report:
            self._before_report[key, after] = self._renewal(key, after, report=False).p_renew
        return self._before_report[key, after]

    @staticmethod
    def _note_wait(out: Forecast, before: float, after: float) -> None:
        timing = out.timing
        if timing.renewals_still_to_come is None or round(before * 100) == round(after * 100):
            return
        out.notes.append(
            f"no news after {timing.waited_weeks} weeks: only "
            f"{timing.renewals_still_to_come:.0%} of past renewals were announced later, so "
            f"{before:.0%} becomes {after:.0%}")

    def _next_chart(self, features: Features, as_of: date, labeled: list,
                    wait=lambda p: p) -> list[str]:
        """Where the next weekly chart could take it: in the Top 10 again, or not."""
        if features.weeks_since_debut >= MAX_HORIZON:
            return []
        model = self.fit(as_of, features.horizon + 1, labeled).model
        if model is None or "weeks_in_top10" not in model.features:
            return []
        row = features.vector()
        stay = wait(model.predict_proba({**row, "weeks_in_top10": row["weeks_in_top10"] + 1}))
        drop = wait(model.predict_proba(row))
        return [f"on the next chart: {stay:.0%} if it stays in the Top 10, {drop:.0%} if it "
                "drops out (hours standing unchanged)"]

    def fit(self, as_of: date, horizon: int, labeled: list | None = None) -> Fit:
        """The model for forecasts as of ``as_of`` that see ``horizon`` chart weeks."""
        labeled = self.history.labeled(before=as_of) if labeled is None else labeled
        usable = [(s, d) for s, d in labeled
                  if s.debut_week and window_public_on(s.debut_week, horizon) <= as_of]
        key = (fingerprint(usable), horizon)
        if key not in self._fits:
            training = [
                (features_as_of(s, window_public_on(s.debut_week, horizon), self._peers,
                                self.history, horizon=horizon), int(d.outcome == RENEWED))
                for s, d in usable
            ]
            model = None
            outcomes = [y for _, y in training]
            if len(training) >= MIN_TRAINING and 0 < sum(outcomes) < len(outcomes):
                shipped = self.shipped.get(horizon)
                if shipped and shipped.fingerprint == key[0]:
                    model = shipped
                else:
                    model = RenewalModel.fit([f.vector() for f, _ in training], outcomes,
                                             fingerprint=key[0])
            self._fits[key] = Fit(model, training, usable)
        return self._fits[key]


def fingerprint(labeled: list[tuple]) -> str:
    """Names the training set by content, so two databases with the same facts agree."""
    lines = sorted(f"{s.show_title}|{s.number}|{d.outcome}|{d.public_on}" for s, d in labeled)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
