"""A season's own engagement report moves its forecast once the report is out, compared
with seasons released near it, through a stage that learns only from settled seasons."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from renewcast.forecast.engagement import MIN_ROWS, ReportIndex, ReportStage
from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.history import Event, History, ReportFigure, SeasonFacts
from renewcast.forecast.metrics import score
from renewcast.forecast.store import SHIPPED

ROWS = Path(__file__).parents[1] / "docs/backtest/report-stage-2024-07-to-2025-06.csv"

H1_2023 = (date(2023, 1, 1), date(2023, 6, 30), date(2023, 12, 12))
H1_2024 = (date(2024, 1, 1), date(2024, 6, 30), date(2024, 9, 19))
NEW_RELEASE = date(2024, 2, 2)


def season(key, premiere: date, views: int, report=H1_2024, events=(), original=True):
    start, end, out = report
    return SeasonFacts(key=key, show_title=str(key), number=1, kind="scripted",
                       premiere_date=premiere, original=original, events=tuple(events),
                       engagement=(ReportFigure(start, end, out, views, premiere),))


def history() -> History:
    seasons = []
    for n in range(60):  # released Jan - Mar 2023, still waiting when the report came out
        views = ((n * 37) % 60 + 1) * 100_000
        kind = "renewal" if views > 3_000_000 else "cancellation"
        seasons.append(season(f"old {n}", date(2023, 1, 6) + timedelta(days=n), views,
                              H1_2023, [Event(kind, date(2024, 6, 1), season_number=1)]))
    for k in range(6):  # licensed seasons released the same weeks as the new one
        seasons.append(season(f"peer {k}", NEW_RELEASE + timedelta(days=k), 1_000_000 * (k + 1),
                              original=False))
    seasons.append(season("far", date(2024, 5, 20), 1, original=False))
    seasons.append(season("new", NEW_RELEASE, 5_500_000))
    return History.of(seasons)


def test_standing_compares_with_seasons_released_within_30_days():
    found = ReportIndex(history()).standing(history()["new"], date(2026, 1, 1))
    assert found.peers == 6  # "far" was released months later and is not compared
    assert found.percentile == 5 / 6
    assert "5.50M views, more than 83% of the 6 seasons released within 30 days" in (
        found.describe())


def test_a_report_counts_only_from_the_day_it_came_out():
    index, facts = ReportIndex(history()), history()["new"]
    assert index.standing(facts, H1_2024[2] - timedelta(days=1)) is None
    assert index.standing(facts, H1_2024[2]) is not None


def test_a_figure_for_a_later_half_is_not_the_seasons_own():
    later = season("later", date(2023, 12, 1), 9_000_000)  # released in 2023 H2, figure for 2024 H1
    facts = History.of([*history(), later])
    assert ReportIndex(facts).standing(facts["later"], date(2026, 1, 1)) is None


def test_the_stage_learns_only_from_seasons_long_past_their_premiere():
    forecaster = Forecaster(history())
    # mid-2025: every old season's fate is public, but none is 2.5 years past its premiere
    assert forecaster.report_stage(date(2025, 6, 1)) is None
    stage = forecaster.report_stage(date(2026, 1, 1))
    assert stage.n_train == 60 and stage.n_renewed == 30
    assert stage.weight > 0  # the seasons that out-viewed their neighbours were renewed
    assert stage.predict_proba(0.5, 0.9) > 0.5 > stage.predict_proba(0.5, 0.1)


def test_the_forecast_moves_with_the_report_and_says_so():
    forecaster = Forecaster(history())
    before_report = forecaster.forecast("new", H1_2024[2] - timedelta(days=1), premiere=False)
    assert not any("engagement report" in note for note in before_report.notes)
    weighed = forecaster.forecast("new", date(2026, 1, 1), premiere=False)
    unweighed = forecaster.forecast("new", date(2026, 1, 1), premiere=False, report=False)
    assert weighed.p_renew > unweighed.p_renew  # out-viewed five of its six neighbours
    note = weighed.notes[-1]
    assert note.startswith("Netflix's engagement report for January–June 2024 (out 19 "
                           "September 2024)")
    assert note.endswith(f"so {unweighed.p_renew:.0%} becomes {weighed.p_renew:.0%}")
    assert weighed.model_version.startswith("base rate+r")


def test_a_report_with_nothing_to_learn_from_is_shown_but_not_weighed():
    forecaster = Forecaster(history())
    early = forecaster.forecast("new", date(2025, 6, 1), premiere=False)
    assert early.p_renew == forecaster.forecast("new", date(2025, 6, 1), premiere=False,
                                                report=False).p_renew
    assert early.notes[-1].endswith("(not weighed: too few past seasons waited for their "
                                    "report)")


def test_the_stage_needs_enough_seasons_of_both_fates():
    rows = [(0.5, i / 40, i % 2) for i in range(MIN_ROWS - 1)]
    assert ReportStage.fit(rows) is None
    assert ReportStage.fit([(0.5, i / 40, 1) for i in range(MIN_ROWS)]) is None
    assert ReportStage.fit([(0.5, i / 40, i % 2) for i in range(MIN_ROWS)]) is not None


def test_the_published_scores_are_those_of_the_published_rows():
    # the method page reads the shipped summary; the rows behind it are in docs/backtest
    summary = json.loads((SHIPPED / "report-stage-test.json").read_text(encoding="utf-8"))
    with ROWS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    renewed = [int(r["renewed"]) for r in rows]
    assert summary["renewed"] == sum(renewed) and len(rows) == 112
    for name, column in (("without the report", "without_report"),
                         ("with the report", "with_report"), ("base rate", "base_rate")):
        found = score(renewed, [float(r[column]) for r in rows]).to_dict()
        assert summary["scores"][name] == pytest.approx(found, abs=5e-5)
