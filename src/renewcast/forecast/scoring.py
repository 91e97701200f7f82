"""Scoring forecasts against what happened: one arithmetic for fans, the press and the model.

A leaderboard is only fair if every player is scored by the same rule, and only
meaningful if that rule rewards being *calibrated* (of the seasons you gave 70%, about
70% came back) rather than being bold. This module is that rule, in plain Python with no
Django, so it can be tested by hand-computed numbers:

- **Brier score** of one probability ``p`` for an outcome ``o`` (1 renewed, 0 not):
  ``(p - o) ** 2``. 0 is perfect, 0.25 is what always saying 50% earns, 1 is a certain
  forecast that was wrong. (This is the usual binary form; Brier's 1950 paper sums over
  both outcomes, which doubles it.)
- **Premiere-month error**: how many calendar months the predicted month is from the month
  the season premiered, in whole months (May 2027 for a 30 June 2027 premiere is 1).
- **Calibration**: forecasts in ten equal-width bins (0–10%, ..., 90–100%), each with its
  mean forecast, the share that came true and its count; the calibration error is the
  count-weighted mean gap between the two (the "expected calibration error").
- **Ranking**: by mean Brier score, lowest first, counting only players with at least
  :data:`MIN_SCORED` scored predictions — the rule forecasting tournaments such as the
  Good Judgment Project use, since a mean over two lucky calls says nothing. Ties go to
  the player with more scored predictions, then by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

BINS = 10
MIN_SCORED = 5
COIN_FLIP_BRIER = 0.25  # what always saying 50% scores, for readers to compare against


def brier(p: float, outcome: int) -> float:
    """The Brier score of probability ``p`` (0–1) for ``outcome`` (1 happened, 0 did not)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"a probability is between 0 and 1, not {p!r}")
    if outcome not in (0, 1):
        raise ValueError(f"an outcome is 0 or 1, not {outcome!r}")
    return (p - outcome) ** 2


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_error(predicted_month: date, actual: date) -> int:
    """Whole calendar months between the predicted month and the actual premiere's month."""
    return abs(month_index(predicted_month) - month_index(actual))


@dataclass(frozen=True)
class Scored:
    """One prediction next to what happened. Either part may be missing: a press article
    may predict only a premiere month, and a month is scored only once the season is out."""

    probability: float | None = None
    outcome: int | None = None
    months_off: int | None = None

    @property
    def brier(self) -> float | None:
        if self.probability is None or self.outcome is None:
            return None
        return brier(self.probability, self.outcome)


@dataclass(frozen=True)
class CalibrationBin:
    low: float
    high: float
    n: int
    mean_forecast: float | None
    observed: float | None  # the share of these forecasts that came true


def bin_of(p: float, bins: int = BINS) -> int:
    # The epsilon keeps 0.7 in the 70–80% bin although 0.7 * 10 is 6.999... in some spellings.
    return min(bins - 1, max(0, int(p * bins + 1e-9)))


def calibration(pairs: Iterable[tuple[float, int]], bins: int = BINS) -> list[CalibrationBin]:
    """Equal-width bins of (probability, outcome) pairs; empty bins have n=0 and no means."""
    grouped: list[list[tuple[float, int]]] = [[] for _ in range(bins)]
    for p, outcome in pairs:
        grouped[bin_of(p, bins)].append((p, outcome))
    out = []
    for i, members in enumerate(grouped):
        mean = fmean(p for p, _ in members) if members else None
        observed = fmean(o for _, o in members) if members else None
        out.append(CalibrationBin(i / bins, (i + 1) / bins, len(members), mean, observed))
    return out


def calibration_error(bins: Sequence[CalibrationBin]) -> float | None:
    total = sum(b.n for b in bins)
    if not total:
        return None
    return sum(b.n / total * abs(b.mean_forecast - b.observed) for b in bins if b.n)


@dataclass(frozen=True)
class Summary:
    n: int  # predictions with a Brier score
    mean_brier: float | None
    months_n: int
    mean_month_error: float | None
    calibration: list[CalibrationBin] = field(default_factory=list)
    calibration_error: float | None = None


def summarize(scored: Iterable[Scored], bins: int = BINS) -> Summary:
    scored = list(scored)
    pairs = [(s.probability, s.outcome) for s in scored if s.brier is not None]
    briers = [brier(p, o) for p, o in pairs]
    months = [s.months_off for s in scored if s.months_off is not None]
    table = calibration(pairs, bins)
    return Summary(
        n=len(briers),
        mean_brier=fmean(briers) if briers else None,
        months_n=len(months),
        mean_month_error=fmean(months) if months else None,
        calibration=table,
        calibration_error=calibration_error(table),
    )


@dataclass
class Player:
    """Someone on the leaderboard: a fan, the press or the model."""

    key: str
    name: str
    kind: str  # fan, press, model
    scored: list[Scored] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        return summarize(self.scored)


@dataclass(frozen=True)
class Standing:
    rank: int | None  # None: not enough scored predictions yet
    player: Player
    summary: Summary


def rank(players: Iterable[Player], minimum: int = MIN_SCORED) -> tuple[list[Standing],
                                                                        list[Standing]]:
    """(ranked players, best first; players below the minimum, most scored first)."""
    standings = [(p, p.summary) for p in players]
    qualified = sorted(((p, s) for p, s in standings if s.n >= minimum and s.n),
                       key=lambda ps: (ps[1].mean_brier, -ps[1].n, ps[0].name.lower(), ps[0].key))
    ranked, previous, place = [], None, 0
    for i, (player, summary) in enumerate(qualified, start=1):
        # Equal scores share a place (1, 2, 2, 4), as in any sports table.
        key = (round(summary.mean_brier, 12), summary.n)
        if key != previous:
            place, previous = i, key
        ranked.append(Standing(place, player, summary))
    waiting = sorted(((p, s) for p, s in standings if s.n < minimum or not s.n),
                     key=lambda ps: (-ps[1].n, ps[0].name.lower(), ps[0].key))
    return ranked, [Standing(None, p, s) for p, s in waiting]
