"""Backtest of premiere windows: how far off the P50 was, how often the window held.

Every pair of consecutive seasons whose earlier one debuted in the test period and whose
later one has premiered is forecast as of the earlier season's debut week plus 60 days,
through the same :class:`PremiereForecaster` the site uses, so each forecast sees only
what was public then. Pairs whose next season was already out by that date are counted
and left out. Two baselines see the same dates: "same gap as last time" (the seed
article's method; where a show has no earlier gap, the median gap below) and "median gap
of all shows" (every gap between seasons that had ended by then).

Later in the cycle: the same pairs forecast again the day after the renewal was
announced, and a year after the earlier season's premiere, where the next season was
still to come. Each is compared with the first forecast on the same pairs.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from renewcast.forecast.backtest import TEST_FROM, TEST_TO
from renewcast.forecast.history import CHART_DELAY, RENEWED, History, SeasonFacts
from renewcast.forecast.premiere import (
    MIN_GAP,
    PremiereForecaster,
    PremiereWindow,
    has_premiered,
    timing_of,
)

FIRST_LOOK = timedelta(days=60)
A_YEAR_ON = timedelta(days=365)


@dataclass
class Case:
    name: str
    as_of: date
    premiere: date  # when the next season really came
    window: PremiereWindow
    same_gap: date
    median_gap: date
    has_history: bool


@dataclass
class Figures:
    n: int
    median_error: float  # days, |P50 - truth|
    coverage: float  # share of truths inside P10..P90
    median_width: float  # days from P10 to P90

    def to_dict(self) -> dict:
        return {"n": self.n, "median_abs_error_days": round(self.median_error, 1),
                "coverage_10_90": round(self.coverage, 3),
                "median_width_days": round(self.median_width, 1)}


@dataclass
class PremiereBacktest:
    first: date
    last: date
    cases: list[Case] = field(default_factory=list)
    already_out: list[str] = field(default_factory=list)
    no_window: list[str] = field(default_factory=list)  # too little history to fit then
    later: dict[str, list[tuple[Case, Case]]] = field(default_factory=dict)

    def errors(self, pick: Callable[[Case], date], cases=None) -> float:
        cases = self.cases if cases is None else cases
        return statistics.median(abs((pick(c) - c.premiere).days) for c in cases)

    def figures(self, cases: list[Case] | None = None) -> Figures:
        cases = self.cases if cases is None else cases
        inside = sum(c.window.p10 <= c.premiere <= c.window.p90 for c in cases)
        return Figures(len(cases), self.errors(lambda c: c.window.p50, cases),
                       inside / len(cases),
                       statistics.median((c.window.p90 - c.window.p10).days for c in cases))

    def baselines(self) -> dict[str, float]:
        with_history = [c for c in self.cases if c.has_history]
        out = {
            "same gap as last time": self.errors(lambda c: c.same_gap),
            "median gap of all shows": self.errors(lambda c: c.median_gap),
        }
        if with_history:
            out["same gap, shows with an earlier gap only"] = self.errors(
                lambda c: c.same_gap, with_history)
            out["renewcast, shows with an earlier gap only"] = self.errors(
                lambda c: c.window.p50, with_history)
        return out


def premiere_backtest(history: History, forecaster: PremiereForecaster | None = None,
                      first: date = TEST_FROM, last: date = TEST_TO) -> PremiereBacktest:
    forecaster = forecaster or PremiereForecaster(history)
    result = PremiereBacktest(first, last, later={"renewal known": [], "a year on": []})
    gaps = finished_gaps(history)
    for season in sorted(history, key=lambda s: (s.debut_week or date.min, s.name)):
        following = history.season_of(season, season.number + 1)
        if season.debut_week is None or not first <= season.debut_week <= last:
            continue
        if not following or following.premiere_estimate is None:
            continue
        if following.premiere_estimate - season.premiere_estimate < MIN_GAP:
            continue
        as_of = season.debut_week + FIRST_LOOK
        if has_premiered(following, as_of):
            result.already_out.append(season.name)
            continue
        case = _case(forecaster, history, gaps, season, following, as_of)
        if case.window.state != "forecast":
            result.no_window.append(season.name)
            continue
        result.cases.append(case)
        decided = season.decision()
        later_dates = {
            # the day its own renewal was announced: an order for a later season, or the
            # next season turning up in Netflix's files, says nothing of when that was
            "renewal known": (max(as_of, decided.public_on + timedelta(days=1))
                              if decided and decided.outcome == RENEWED and decided.dated
                              else None),
            "a year on": season.premiere_estimate + A_YEAR_ON,
        }
        for stage, day in later_dates.items():
            if day and day > as_of and not has_premiered(following, day):
                result.later[stage].append(
                    (case, _case(forecaster, history, gaps, season, following, day)))
    return result


def finished_gaps(history: History) -> list[tuple[date, int]]:
    """(public on, days) of every gap between two seasons' premieres."""
    out = []
    for season in history:
        following = history.season_of(season, season.number + 1)
        if season.premiere_estimate and following and following.premiere_estimate:
            days = (following.premiere_estimate - season.premiere_estimate).days
            public = following.premiere_date or following.debut_week + CHART_DELAY
            if days >= MIN_GAP.days:
                out.append((public, days))
    return out


def _case(forecaster: PremiereForecaster, history: History, gaps: list[tuple[date, int]],
          season: SeasonFacts, following: SeasonFacts, as_of: date) -> Case:
    window = forecaster.forecast(season.key, as_of)
    known = [days for public, days in gaps if public <= as_of]
    median = timedelta(days=statistics.median(known))
    timing = timing_of(history, season, as_of)
    own = timedelta(days=timing.previous_gap) if timing.previous_gap else median
    start = season.premiere_estimate
    return Case(season.name, as_of, following.premiere_estimate, window, start + own,
                start + median, timing.previous_gap is not None)
