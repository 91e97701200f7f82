"""Rolling-origin backtest: forecast each season as the product would have, then score.

Each test season is forecast as of its debut week plus 28 days, through the same
:meth:`Forecaster.forecast` the CLI and site use, so the model behind each forecast was
fitted only on what was known before that date. A season is scored against its fate as
known on a later day (today by default): renewed or canceled by an announcement, renewed
as a later season in Netflix's files proves, or not renewed a year after its premiere.
Seasons whose fate was already known by the forecast date are left out (there was nothing
left to forecast) and counted. The two baselines see the same dates: the renewal rate of
the labels known then, and the rule "renewed if 4+ weeks in the Top 10" on the weeks
published by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from renewcast.forecast.engagement import own_release, waiting_after
from renewcast.forecast.forecaster import Forecast, Forecaster
from renewcast.forecast.history import RENEWED, History, is_label
from renewcast.forecast.metrics import Bin, Scores, reliability, score

TEST_FROM, TEST_TO = date(2023, 1, 1), date(2024, 6, 30)
HORIZON = timedelta(days=28)
RULE_WEEKS = 4
NO_NEWS = "no renewal a year on"


@dataclass
class Case:
    name: str
    debut_week: date
    as_of: date
    outcome: str
    announced: date
    forecast: Forecast
    base_rate: float
    rule: float
    known_by: str = "announced"  # announced / Netflix's files / NO_NEWS


@dataclass
class BacktestResult:
    first: date
    last: date
    known_on: date | None = None
    cases: list[Case] = field(default_factory=list)
    decided_early: list[str] = field(default_factory=list)

    @property
    def outcomes(self) -> list[int]:
        return [int(c.outcome == RENEWED) for c in self.cases]

    def scores(self) -> dict[str, Scores]:
        y = self.outcomes
        return {
            "renewcast": score(y, [c.forecast.p_renew for c in self.cases]),
            "base rate": score(y, [c.base_rate for c in self.cases]),
            f"{RULE_WEEKS}+ weeks rule": score(y, [c.rule for c in self.cases]),
        }

    def reliability(self) -> list[Bin]:
        return reliability(self.outcomes, [c.forecast.p_renew for c in self.cases])


def backtest(history: History, forecaster: Forecaster | None = None,
             first: date = TEST_FROM, last: date = TEST_TO,
             known_on: date | None = None, horizon: timedelta = HORIZON) -> BacktestResult:
    """Every season that debuted from ``first`` to ``last`` whose fate was known on
    ``known_on`` (default: today), as :meth:`SeasonFacts.fate` reads it: announced,
    proven by a later season, or a quiet non-renewal; forecast ``horizon`` after the debut
    week, when still undecided then."""
    forecaster = forecaster or Forecaster(history)
    known_on = known_on or date.today()
    result = BacktestResult(first, last, known_on)
    for season in sorted(history, key=lambda s: (s.debut_week or date.min, s.name)):
        if season.debut_week is None or not first <= season.debut_week <= last:
            continue
        decision = season.fate(known_on)
        if not is_label(season, decision, known_on):
            continue
        as_of = season.debut_week + horizon
        if decision.public_on <= as_of or season.fate(as_of) or season.decision(as_of):
            result.decided_early.append(season.name)
            continue
        forecast = forecaster.forecast(season.key, as_of, premiere=False)
        base = _base_rate(history, as_of)
        weeks = len(season.chart_public(as_of))
        result.cases.append(Case(season.name, season.debut_week, as_of, decision.outcome,
                                 decision.event.date, forecast, base,
                                 1.0 if weeks >= RULE_WEEKS else 0.0, _how(decision)))
    return result


@dataclass
class ReportCase:
    name: str
    published_on: date  # the day its own engagement report came out
    standing: float
    outcome: str
    known_by: str
    with_report: float
    without_report: float
    base_rate: float


def report_backtest(history: History, forecaster: Forecaster | None = None,
                    first: date = TEST_FROM, last: date = TEST_TO,
                    known_on: date | None = None) -> list[ReportCase]:
    """Every season released from ``first`` to ``last`` that was still waiting for news
    the day after its own engagement report came out, forecast that day with and without
    the report stage, against its fate as known on ``known_on`` (default: today)."""
    forecaster = forecaster or Forecaster(history)
    known_on = known_on or date.today()
    cases = []
    for season in sorted(history, key=lambda s: s.name):
        decision = season.fate(known_on)
        if not is_label(season, decision, known_on):
            continue
        standing = forecaster.reports.standing(season, known_on)
        if standing is None or not first <= own_release(season, standing.figure) <= last:
            continue
        as_of = waiting_after(season, standing.figure)
        if as_of is None or decision.public_on <= as_of:
            continue
        base = _base_rate(history, as_of)
        cases.append(ReportCase(
            season.name, standing.figure.published_on, standing.percentile, decision.outcome,
            _how(decision), forecaster.forecast(season.key, as_of, premiere=False).p_renew,
            forecaster.forecast(season.key, as_of, premiere=False, report=False).p_renew, base))
    return cases


def _base_rate(history: History, as_of: date) -> float:
    """The share renewed among the seasons settled before ``as_of`` (0.5 with none)."""
    labeled = history.labeled(before=as_of)
    return sum(d.outcome == RENEWED for _, d in labeled) / len(labeled) if labeled else 0.5


def _how(decision) -> str:
    if decision.quiet:
        return NO_NEWS
    return "Netflix's files" if decision.proven else "announced"
