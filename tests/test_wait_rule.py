"""The wait rule's registered run: the method page's figures are those of the published rows.

benchmarks/wait_rule.py --test ran once (docs/forecasting.md, "Waiting without news"); its
rows are in docs/backtest/ and the method page reads a shipped summary of them. The shipped
forecaster uses the rule that run chose.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.history import History
from renewcast.forecast.metrics import score
from renewcast.forecast.store import read_wait_rule_test

ROWS = Path(__file__).parents[1] / "docs" / "backtest" / "wait-rule-2024-07-to-2025-06.csv"
COLUMNS = {"seen": "seen", "announced": "announced", "none": "none", "base rate": "base_rate"}


def test_the_published_scores_are_those_of_the_published_rows():
    summary = read_wait_rule_test()
    with ROWS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_weeks: dict[int, list[dict]] = {}
    for row in rows:
        weeks = (date.fromisoformat(row["as_of"]) - date.fromisoformat(row["debut_week"])).days
        by_weeks.setdefault(weeks // 7, []).append(row)
    assert [h["weeks"] for h in summary["horizons"]] == sorted(by_weeks) == [13, 26, 40, 48]
    for horizon in summary["horizons"]:
        found = by_weeks[horizon["weeks"]]
        renewed = [int(r["renewed"]) for r in found]
        assert (horizon["n"], horizon["renewed"]) == (len(found), sum(renewed))
        for name, column in COLUMNS.items():
            expected = score(renewed, [float(r[column]) for r in found]).to_dict()
            assert horizon["scores"][name] == pytest.approx(expected, abs=5e-5)
    means = {rule: mean for rule, _, mean in summary["rows"]}
    # the registered rule: 'seen' unless 'announced' had the lower mean Brier
    kept = "seen" if means["seen"] <= means["announced"] else "announced"
    assert summary["kept"] == kept


def test_the_forecaster_uses_the_rule_the_run_chose():
    assert Forecaster(History.of([])).wait_on == read_wait_rule_test()["kept"]
