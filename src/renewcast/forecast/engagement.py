"""Netflix's half-yearly engagement reports, weighed once a season's own report is out.

A forecast a month after debut never has one: Netflix publishes the report for a half-year
two to six months after it ends. A season still waiting for news when its report comes out
has one more public number, its views in the half-year it was released in. Raw views
favour seasons released early in the half (they had more days to be watched), so a season
is placed among the seasons Netflix released within :data:`NEAR` days of it, in the same
report: its **report standing**.

The report stage then moves the chance the chart model gave (waiting discount included):
``log-odds = a + b * log-odds(chance) + c * standing``, a logistic regression fitted on past
seasons that were still waiting when their own report came out, each at the chance the
forecaster gave the day after that report, against the fate they later met. It is fitted
only on fates public before the forecast date, like the chart model.

Chosen on the reports for 2023 H1 to 2024 H1 (seasons released before July 2024), 133
seasons still waiting when their report came out, 5-fold cross-validated: the chance alone
scored Brier 0.246; recalibrated, 0.235; with the standing among seasons released within
30 days, 0.226 (raw views in the half: 0.228; views per day: 0.228). See
``benchmarks/report_stage.py`` and docs/forecasting.md.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from renewcast.forecast.history import History, ReportFigure, SeasonFacts
from renewcast.numbers import compact

NEAR = timedelta(days=30)
# A season still waiting when its report comes out is a late decider: of those released
# January 2023 - June 2024 that were renewed, only 21% had it public a year after the
# premiere (when the chart model's quiet label would call them unrenewed), 77% after two
# years, 91% after two and a half. So the stage learns only from seasons this far past
# their premiere; earlier, its labels would say "waiting means not renewed".
MATURE = timedelta(days=913)
MIN_PEERS = 5  # fewer seasons released near it: no standing
MIN_ROWS = 30  # fewer past seasons that waited for their report: no report stage
C_STAGE = 1.0  # the usual default; three inputs need little shrinking
EDGE = 0.01  # a 0% or 100% input would have infinite log-odds


@dataclass(frozen=True)
class Standing:
    figure: ReportFigure
    percentile: float  # share of nearby releases with fewer views (ties count half)
    peers: int

    def describe(self) -> str:
        f = self.figure
        half = f"{f.period_start:%B}–{f.period_end:%B %Y}"
        return (f"Netflix's engagement report for {half} (out {f.published_on:%-d %B %Y}): "
                f"{compact(f.views)} {f.measure}, more than {self.percentile:.0%} of the "
                f"{self.peers} seasons released within {NEAR.days} days of it")


def released_on(season: SeasonFacts, figure: ReportFigure) -> date | None:
    return figure.release or season.premiere_estimate


def own_release(season: SeasonFacts, figure: ReportFigure) -> date | None:
    """The season's release day if ``figure`` is for the half-year it was released in."""
    start = released_on(season, figure)
    return start if start and figure.period_start <= start <= figure.period_end else None


def own_figure(season: SeasonFacts, as_of: date) -> ReportFigure | None:
    """The figure for the half-year the season was released in, if out by ``as_of``."""
    for figure in season.engagement:
        if figure.published_on <= as_of and own_release(season, figure):
            return figure
    return None


def waiting_after(season: SeasonFacts, figure: ReportFigure) -> date | None:
    """The day after ``figure``'s report came out if the season was still waiting for news
    then (no decision and no fate yet); None if it had been settled by that day."""
    after = figure.published_on + timedelta(days=1)
    return None if season.fate(after) or season.decision(after) else after


class ReportIndex:
    """Every season's own-half figure, per report, sorted by release day."""

    def __init__(self, history: History):
        rows: dict[date, list[tuple[date, int, object]]] = {}
        for season in history:
            for figure in season.engagement:
                start = own_release(season, figure)
                if start:
                    rows.setdefault(figure.period_start, []).append(
                        (start, figure.views, season.key))
        self._rows = {k: sorted(v, key=lambda r: r[0]) for k, v in rows.items()}
        self._days = {k: [r[0] for r in v] for k, v in self._rows.items()}

    def standing(self, season: SeasonFacts, as_of: date) -> Standing | None:
        figure = own_figure(season, as_of)
        if figure is None:
            return None
        start = own_release(season, figure)
        days, rows = self._days[figure.period_start], self._rows[figure.period_start]
        near = [views for _, views, key in
                rows[bisect_left(days, start - NEAR):bisect_right(days, start + NEAR)]
                if key != season.key]
        if len(near) < MIN_PEERS:
            return None
        below = sum(v < figure.views for v in near) + 0.5 * sum(v == figure.views for v in near)
        return Standing(figure, below / len(near), len(near))


def log_odds(p: float) -> float:
    p = min(max(p, EDGE), 1 - EDGE)
    return math.log(p / (1 - p))


@dataclass
class ReportStage:
    intercept: float
    slope: float  # on the log-odds of the chance before the report
    weight: float  # on the report standing (0..1)
    n_train: int
    n_renewed: int
    fingerprint: str

    @classmethod
    def fit(cls, rows: Sequence[tuple[float, float, int]]) -> ReportStage | None:
        """``rows``: (chance before the report, standing, renewed 1/0) of past seasons."""
        outcomes = [y for *_, y in rows]
        if len(rows) < MIN_ROWS or not 0 < sum(outcomes) < len(outcomes):
            return None
        import numpy as np
        from sklearn.linear_model import LogisticRegression  # only when fitting

        x = np.array([[log_odds(p), s] for p, s, _ in rows])
        fitted = LogisticRegression(C=C_STAGE, max_iter=1000).fit(x, outcomes)
        text = "\n".join(f"{p:.6f}|{s:.6f}|{y}" for p, s, y in sorted(rows))
        return cls(float(fitted.intercept_[0]), float(fitted.coef_[0][0]),
                   float(fitted.coef_[0][1]), len(rows), int(sum(outcomes)),
                   hashlib.sha256(text.encode()).hexdigest()[:12])

    def predict_proba(self, p: float, standing: float) -> float:
        z = self.intercept + self.slope * log_odds(p) + self.weight * standing
        return 1.0 / (1.0 + math.exp(-z))
