"""When will the next season premiere? An honest window, from what was public then.

The answer is a distribution of the next season's premiere date, given the show is
renewed, read as a 10th-50th-90th percentile window. It is built in stages: a gap is
timed from the last thing known about it, the latest of this season's premiere and the
next season's writers' room, filming start and filming wrap.
Each stage has its own :class:`~renewcast.forecast.survival.LogNormalDuration` fitted on
the seasons that reached that stage by the as-of date, so a forecast made once filming has
wrapped is timed from the wrap. A stage with too few examples yields to the one before it.

No peeking: on date D, a season counts as finished when its next season's premiere was
public by D, as still running (censored) when it was renewed by D but is not back yet;
seasons with neither are left out. Recent seasons weigh more (a one-year half-life) so
the model follows the lengthening of gaps after 2023 and their shortening since. The
forecast conditions on the next season not being out by D. An announced premiere date
(a confirmed ``premiere`` event for the next season, public by D) replaces the model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from threadpoolctl import threadpool_limits

from renewcast.forecast.history import (
    CANCELED,
    ENDED,
    NON_ENGLISH,
    RENEWED,
    Event,
    History,
    SeasonFacts,
)
from renewcast.forecast.survival import LogNormalDuration

# A renewal-anchored stage was tried and dropped: on seasons debuting in 2022 (the
# validation years) its P50 was off by 405 days against 147 for timing from the premiere
# and waiting; see docs/forecasting.md.
STAGES = ("premiere", "writers_room", "filming_start", "filming_wrap")
STAGE_WORDS = {
    "premiere": "this season's premiere",
    "writers_room": "the writers' room opening",
    "filming_start": "the start of filming",
    "filming_wrap": "the filming wrap",
}
PROBS = (0.1, 0.5, 0.9)
# The fitted spread makes 10–90 windows that held 90 % of real premieres, not 80 %: the
# maximum-likelihood spread also absorbs shows that never came back. 0.85 was chosen on the
# pairs whose earlier season debuted 2023-01 – 2024-06 (81 % held there; see
# docs/forecasting.md), before any later season was looked at.
SPREAD = 0.85
PREMIERE_FIELDS = ("premiere_p10", "premiere_p50", "premiere_p90")
MIN_GAP = timedelta(days=28)  # two seasons closer than this are a re-charted old season
HALF_LIFE_DAYS = 365
MIN_ROWS, MIN_FINISHED = 20, 10
# Coefficients are pulled toward "the same gap as last time" (log of the previous gap at
# 1), the seed article's rule, until enough returning shows say otherwise.
PRIOR = [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]
# Reality and docuseries come back on a production cycle of months, not years.
UNSCRIPTED = ("reality", "docuseries")


@dataclass
class Timing:
    """What was known on ``as_of`` about when the season after ``season`` could come."""

    season: SeasonFacts
    as_of: date
    premiere: date | None
    previous_gap: int | None  # days from the previous season's premiere to this one's
    renewed_on: date | None
    milestones: dict[str, date] = field(default_factory=dict)

    def anchor(self, stage: str) -> date | None:
        if stage == "premiere":
            return self.premiere
        return self.milestones.get(stage)

    @property
    def known_renewed(self) -> bool:
        return self.renewed_on is not None or bool(self.milestones)

    def x(self, stage: str) -> list[float]:
        """The features of a gap (log days is linear in these)."""
        gap = self.previous_gap
        row = [
            1.0,
            float(self.season.list_as_of(self.as_of) == NON_ENGLISH),
            float(gap is None),
            math.log(gap / 365) if gap else 0.0,
            math.log(self.season.number),
            float(self.season.kind in UNSCRIPTED),
        ]
        if stage != "premiere":
            row.append((self.anchor(stage) - self.premiere).days / 365)
        return row

    def z(self) -> list[float]:
        """The features of its spread: a show with a cadence is more predictable."""
        return [1.0, float(self.previous_gap is None), float(self.season.kind in UNSCRIPTED)]


def has_premiered(season: SeasonFacts | None, as_of: date) -> bool:
    return season is not None and bool(season.premiered_by(as_of) or season.chart_public(as_of))


def timing_of(history: History, season: SeasonFacts, as_of: date) -> Timing:
    premiere = season.premiere_estimate if season.premiered_by(as_of) else None
    previous = history.season_of(season, season.number - 1)
    gap = None
    if premiere and previous and previous.premiere_estimate and has_premiered(previous, as_of):
        if premiere - previous.premiere_estimate >= MIN_GAP:
            gap = (premiere - previous.premiere_estimate).days
    decided = season.decision(as_of)
    renewed_on = decided.event.date if decided and decided.outcome == RENEWED else None
    if renewed_on is None:
        # a later season announced (as the final one, say) means the next one is ordered
        ordered = [e.date for e in season.show_events
                   if e.kind in ("renewal", "ending") and e.public_on <= as_of]
        renewed_on = min(ordered) if ordered else None
    milestones = {}
    for event in season.next_season_work(as_of):
        if event.season_number == season.number + 1 and event.kind in STAGES:
            milestones[event.kind] = max(milestones.get(event.kind, event.date), event.date)
    return Timing(season, as_of, premiere, gap, renewed_on, milestones)


@dataclass
class PremiereWindow:
    """The next season's premiere as of a date: announced, forecast, or not coming."""

    season_name: str
    next_number: int
    as_of: date
    state: str  # forecast, announced, premiered, canceled, ended, unknown
    p10: date | None = None
    p50: date | None = None
    p90: date | None = None
    if_renewed: bool = False
    stage: str = ""
    anchor: date | None = None
    precision: str = "day"  # of an announced date
    source: str = ""
    trained_on: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        n = self.next_number
        if self.state == "announced":
            when = (f"in {_month(self.p50)}" if self.precision == "month"
                    else f"on {self.p50.day} {_month(self.p50)}")
            return f"Season {n} premieres {when} (announced)."
        if self.state == "premiered":
            return f"Season {n} is out" + (f" (premiered {self.p50:%-d %B %Y})."
                                            if self.p50 else ".")
        if self.state in (CANCELED, ENDED):
            return f"There will be no season {n}: the show was {self.state}."
        if self.state != "forecast":
            return f"Too little is known to time season {n}."
        first, last, best = _month(self.p10), _month(self.p90), _month(self.p50)
        if self.p10.year == self.p90.year:
            first = f"{self.p10:%B}"
        if self.p50.year == self.p90.year:
            best = f"{self.p50:%B}"
        lead = f"If renewed, season {n}" if self.if_renewed else f"Season {n}"
        if (self.p10.year, self.p10.month) == (self.p90.year, self.p90.month):
            return f"{lead} most likely premieres in {last}."
        return (f"{lead} most likely premieres between {first} and {last}, with {best} the "
                "single best guess.")

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "state": self.state,
            "next_season": self.next_number,
            "premiere_p10": iso(self.p10),
            "premiere_p50": iso(self.p50),
            "premiere_p90": iso(self.p90),
            "if_renewed": self.if_renewed,
            "timed_from": STAGE_WORDS.get(self.stage, ""),
            "timed_from_date": iso(self.anchor),
            "precision": self.precision,
            "source": self.source,
            "sentence": self.sentence,
            "notes": self.notes,
            "trained_on_gaps": self.trained_on,
        }


def _month(day: date) -> str:
    return f"{day:%B %Y}"


class PremiereForecaster:
    def __init__(self, history: History):
        self.history = history
        self._fits: dict[date, dict[str, LogNormalDuration | None]] = {}
        self._backtest = None

    def forecast(self, key, as_of: date) -> PremiereWindow:
        season = self.history[key]
        window = PremiereWindow(season.name, season.number + 1, as_of, "unknown")
        decided = season.decision(as_of)
        if decided and decided.outcome in (CANCELED, ENDED):
            window.state = decided.outcome
            return window
        following = self.history.season_of(season, season.number + 1)
        if has_premiered(following, as_of):
            window.state = "premiered"
            window.p10 = window.p50 = window.p90 = following.premiere_estimate
            return window
        if any(e.kind != "ending" and (e.season_number or 0) > season.number
               and e.public_on <= as_of for e in season.decision_events):
            # renewed or canceled "after season N+1": that season is out, date unrecorded
            window.state = "premiered"
            return window
        announced = announced_premiere(season, as_of)
        if announced:
            return _announced(window, announced)
        timing = timing_of(self.history, season, as_of)
        window.if_renewed = not timing.known_renewed
        if timing.premiere is None:
            window.notes.append(f"season {season.number} has no known premiere date yet")
            return window
        fits = self.fits(as_of)
        stage = next((s for s in reversed(STAGES) if timing.anchor(s) and fits.get(s)), None)
        for later in STAGES[STAGES.index(stage) + 1 if stage else 0:]:
            if timing.anchor(later):
                window.notes.append(
                    f"{STAGE_WORDS[later]} ({timing.anchor(later):%-d %b %Y}) is known, but too "
                    "few past seasons record it to time from it yet")
        if stage is None:
            window.notes.append("too few past gaps between seasons to learn from")
            return window
        model, anchor = fits[stage], timing.anchor(stage)
        waited = max((as_of - anchor).days, 0)
        days, done = model.quantiles(timing.x(stage), timing.z(), PROBS, after=waited,
                                     spread=SPREAD)
        window.state, window.stage, window.anchor = "forecast", stage, anchor
        window.p10, window.p50, window.p90 = (anchor + timedelta(days=round(d)) for d in days)
        window.trained_on = model.n_rows
        window.notes += _why(timing, stage, done)
        return window

    def backtest(self):
        """The premiere backtest on this history, computed once per forecaster."""
        if self._backtest is None:
            # imported here: the backtest module builds on this one
            from renewcast.forecast.premiere_backtest import premiere_backtest

            self._backtest = premiere_backtest(self.history, self)
        return self._backtest

    def fits(self, as_of: date) -> dict[str, LogNormalDuration | None]:
        """One model per stage, fitted on what was public on ``as_of``."""
        if as_of not in self._fits:
            rows = training_rows(self.history, as_of)
            # BLAS threads only fight each other over these small fits (7x slower on 2 cores)
            with threadpool_limits(limits=1):
                self._fits[as_of] = {stage: _fit(found, stage) for stage, found in rows.items()}
        return self._fits[as_of]


@dataclass
class Gap:
    timing: Timing
    days: int
    running: bool
    weight: float


def training_rows(history: History, as_of: date) -> dict[str, list[Gap]]:
    rows: dict[str, list[Gap]] = {stage: [] for stage in STAGES}
    for season in history:
        if season.premiere_estimate is None or not season.premiered_by(as_of):
            continue
        following = history.season_of(season, season.number + 1)
        timing = timing_of(history, season, as_of)
        if has_premiered(following, as_of):
            if (following.premiere_estimate is None
                    or following.premiere_estimate - timing.premiere < MIN_GAP):
                continue
            end, running = following.premiere_estimate, False
        elif timing.known_renewed:
            end, running = as_of, True
        else:
            continue
        weight = 0.5 ** ((as_of - timing.premiere).days / HALF_LIFE_DAYS)
        for stage in STAGES:
            anchor = timing.anchor(stage)
            if anchor is not None and anchor <= end:
                rows[stage].append(Gap(timing, max((end - anchor).days, 1), running, weight))
    return rows


def _fit(rows: list[Gap], stage: str) -> LogNormalDuration | None:
    finished = sum(not g.running for g in rows)
    if len(rows) < MIN_ROWS or finished < MIN_FINISHED:
        return None
    return LogNormalDuration().fit(
        [g.timing.x(stage) for g in rows], [g.timing.z() for g in rows],
        [g.days for g in rows], [g.running for g in rows], [g.weight for g in rows],
        prior=PRIOR[:len(rows[0].timing.x(stage))])


def announced_premiere(season: SeasonFacts, as_of: date) -> Event | None:
    """The latest confirmed premiere date for the next season public by ``as_of``."""
    found = [e for e in season.show_events
             if e.kind == "premiere" and e.season_number == season.number + 1
             and e.public_on <= as_of]
    return max(found, key=lambda e: e.public_on) if found else None


def _announced(window: PremiereWindow, event: Event) -> PremiereWindow:
    window.state, window.precision, window.source = "announced", event.precision, event.source
    if event.precision == "month":
        first = event.date.replace(day=1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        window.p10, window.p50, window.p90 = first, first.replace(day=15), last
    elif event.precision == "year":
        window.p10 = event.date.replace(month=1, day=1)
        window.p50, window.p90 = event.date.replace(month=7, day=1), event.date.replace(
            month=12, day=31)
    else:
        window.p10 = window.p50 = window.p90 = event.date
    return window


def _why(timing: Timing, stage: str, done: float) -> list[str]:
    notes = [f"timed from {STAGE_WORDS[stage]} on {timing.anchor(stage):%-d %b %Y}"]
    if timing.previous_gap:
        notes.append(f"the previous season came {timing.previous_gap / 30.44:.0f} months "
                     "before this one")
    else:
        notes.append("a wide window: no earlier season to time it by")
    if not timing.milestones:
        notes.append("no production news (writers' room, filming) confirmed yet")
    if done >= 0.9:
        notes.append(f"this wait is already longer than {done:.0%} of comparable gaps, so "
                     "the window is uncertain")
    return notes
