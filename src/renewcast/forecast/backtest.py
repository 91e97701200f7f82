"""Rolling-origin backtest: forecast each season as the product would have, then score.

Each test season is forecast as of its debut week plus 28 days, through the same
:meth:`Forecaster.forecast` the CLI and site use, so the model behind each forecast was
fitted only on decisions announced before that date. Seasons whose decision was already
public by then are left out (there was nothing left to forecast) and counted. The two
baselines see the same dates: the renewal rate of the decisions known then, and the rule
"renewed if 4+ weeks in the Top 10" on the weeks published by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from renewcast.forecast.forecaster import Forecast, Forecaster
from renewcast.forecast.history import ENDED, RENEWED, History
from renewcast.forecast.metrics import Bin, Scores, reliability, score

TEST_FROM, TEST_TO = date(2023, 1, 1), date(2024, 6, 30)
HORIZON = timedelta(days=28)
RULE_WEEKS = 4


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


@dataclass
class BacktestResult:
    first: date
    last: date
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
             first: date = TEST_FROM, last: date = TEST_TO) -> BacktestResult:
    forecaster = forecaster or Forecaster(history)
    result = BacktestResult(first, last)
    for season in sorted(history, key=lambda s: (s.debut_week or date.min, s.name)):
        decision = season.decision()
        if not decision or decision.proven or decision.outcome == ENDED \
                or season.debut_week is None:
            continue
        if not first <= season.debut_week <= last:
            continue
        as_of = season.debut_week + HORIZON
        if decision.public_on <= as_of or season.decision(as_of) is not None:
            result.decided_early.append(season.name)
            continue
        forecast = forecaster.forecast(season.key, as_of, premiere=False)
        labeled = history.labeled(before=as_of)
        base = sum(d.outcome == RENEWED for _, d in labeled) / len(labeled) if labeled else 0.5
        weeks = len(season.chart_public(as_of))
        result.cases.append(Case(season.name, season.debut_week, as_of, decision.outcome,
                                 decision.event.date, forecast, base,
                                 1.0 if weeks >= RULE_WEEKS else 0.0))
    return result
