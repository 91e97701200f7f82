"""A backtest's published chances are re-scored against later fates, never recomputed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from renewcast.forecast.history import Event, History, SeasonFacts
from renewcast.forecast.rescore import RescoreError, read_forecasts, rescore
from renewcast.forecast.store import SHIPPED

KNOWN_ON = date(2026, 12, 5)
HEADER = "season,debut_week,as_of,renewcast,base_rate,4_weeks_rule,renewed,known_by,known_on\n"


def facts(title: str, *events: Event, limited: bool = False) -> SeasonFacts:
    return SeasonFacts(key=title, show_title=title, number=1, kind="scripted",
                       premiere_date=date(2024, 9, 6), original=True, limited=limited,
                       events=events)


def history() -> History:
    return History.of([
        facts("Renewed late", Event("renewal", date(2026, 1, 13), season_number=1)),
        facts("Canceled", Event("cancellation", date(2024, 12, 1), season_number=1)),
        facts("Limited after all", limited=True),
    ])


def csv_text(*rows: str) -> str:
    return HEADER + "".join(f"{row}\n" for row in rows)


def test_a_later_renewal_changes_the_fate_not_the_chance():
    text = csv_text("Renewed late: Season 1,2024-09-08,2024-10-06,0.3611,0.6,0,0,x,2025-09-06",
                    "Canceled: Season 1,2024-09-08,2024-10-06,0.2000,0.6,1,0,x,2024-12-01")
    result = rescore(text, history(), KNOWN_ON)
    assert result.changed == [("Renewed late: Season 1", 0, 1)]
    assert [r["renewcast"] for r in result.rows] == [0.3611, 0.2]  # as published
    assert result.published_scores()["renewcast"].brier == pytest.approx(
        (0.3611 ** 2 + 0.2 ** 2) / 2)
    assert result.scores()["renewcast"].brier == pytest.approx(
        ((1 - 0.3611) ** 2 + 0.2 ** 2) / 2)


def test_a_season_that_is_no_question_any_more_is_left_out_and_named():
    text = csv_text("Limited after all: Season 1,2024-09-08,2024-10-06,0.54,0.6,0,0,x,x",
                    "Not here: Season 2,2024-09-08,2024-10-06,0.5,0.6,0,1,x,x",
                    "Canceled: Season 1,2024-09-08,2024-10-06,0.2,0.6,1,0,x,x")
    result = rescore(text, history(), KNOWN_ON)
    assert result.no_longer == ["Limited after all: Season 1"]
    assert result.unknown == ["Not here: Season 2"]
    assert [r["season"] for r in result.rows] == ["Canceled: Season 1"]
    assert len(result.published) == 3


def test_a_bad_row_is_named_by_line_and_the_rest_is_kept():
    rows, errors = read_forecasts(csv_text(
        "Canceled: Season 1,2024-09-08,2024-10-06,1.7,0.6,1,0,x,x",
        "Canceled: Season 1,2024-09-08,2024-10-06,0.2,0.6,1,yes,x,x",
        "'=Canceled: Season 1,2024-09-08,2024-10-06,0.2,0.6,1,0,x,x",
        "Canceled: Season 1,2024-09-08,2024-10-06,nan,0.6,1,0,x,x",
        f"Canceled: Season 1,2024-09-08,2024-10-06,{'9' * 500},0.6,1,0,x,x"))
    assert errors[:3] == ["line 2: '1.7' is not a chance between 0 and 1",
                          "line 3: renewed must be 0, 1 or empty, not 'yes'",
                          "line 5: 'nan' is not a chance between 0 and 1"]
    assert errors[3].startswith("line 6: '999") and len(errors[3]) < 100
    assert [r["season"] for r in rows] == ["=Canceled: Season 1"]  # spreadsheet guard undone


@pytest.mark.parametrize("text, message", [
    ("", "missing column(s) season, renewcast, renewed"),
    ("season,p_renew\nx,0.5\n", "missing column(s) renewcast, renewed"),
    (HEADER, "the file has a header but no forecasts"),
])
def test_a_file_that_is_not_a_backtest_says_why(text, message):
    with pytest.raises(RescoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_forecasts(text)


def test_the_site_rescores_the_very_rows_that_were_published():
    published = Path(__file__).parents[1] / "docs/backtest/2024-07-to-2026-01/forecasts.csv"
    assert (SHIPPED / "fair-test-forecasts.csv").read_bytes() == published.read_bytes()


SNAPSHOT = "season,published_on,renewcast,model_version,renewed\n"


def test_a_snapshot_of_open_seasons_is_scored_as_their_fates_land():
    text = SNAPSHOT + "".join([
        "Renewed late: Season 1,2025-10-01,0.7000,h8-x,\n",  # renewed 2026-01-13: scored
        "Canceled: Season 1,2025-10-01,0.4000,h8-x,\n",  # canceled before it was published
        "Still waiting: Season 1,2026-02-01,0.5000,h8-x,\n",
    ])
    waiting = SeasonFacts(key="w", show_title="Still waiting", number=1, kind="scripted",
                          premiere_date=date(2026, 1, 2), original=True)
    result = rescore(text, History.of([*history().seasons.values(), waiting]), KNOWN_ON)
    assert [r["season"] for r in result.rows] == ["Renewed late: Season 1"]
    assert result.scores()["renewcast"].brier == pytest.approx(0.3 ** 2)
    assert result.settled == ["Canceled: Season 1"]  # its fate was public: no forecast
    assert result.still_open == ["Still waiting: Season 1"]  # no fate yet, not 'no longer'
    assert result.changed == [] and result.published_scores() == {}


def test_a_snapshot_row_needs_a_real_publication_day():
    rows, errors = read_forecasts(SNAPSHOT + "Canceled: Season 1,yesterday,0.4,h8-x,\n")
    assert rows == [] and errors == ["line 2: published_on 'yesterday' is not a date "
                                     "(YYYY-MM-DD)"]
