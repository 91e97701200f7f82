"""Netflix's engagement reports: the three real layouts, bad files and rows, and the catalog."""

from __future__ import annotations

import datetime as dt
import io
from importlib import resources

import openpyxl
import pytest

from renewcast.catalog.ingest.engagement import (
    bundled_reports,
    ingest_engagement,
    known_publication,
    report_url,
)
from renewcast.catalog.models import EngagementFigure, Season, Show, Source
from renewcast.sources.errors import SourceError
from renewcast.sources.netflix_engagement import read_engagement


def bundled(name: str) -> bytes:
    return resources.files("renewcast.data").joinpath("netflix-engagement", name).read_bytes()


@pytest.mark.parametrize(("name", "half", "series"), [
    ("What_We_Watched_A_Netflix_Engagement_Report_2023Jan-Jun.xlsx", "2023H1", 18214),
    ("What_We_Watched_A_Netflix_Engagement_Report_2023Jul-Dec.xlsx", "2023H2", 6599),
    ("What_We_Watched_A_Netflix_Engagement_Report_2024Jan-Jun.xlsx", "2024H1", 6801),
    ("What_We_Watched_A_Netflix_Engagement_Report_2024Jul-Dec.xlsx", "2024H2", 6883),
    ("What_We_Watched_A_Netflix_Engagement_Report_2025Jan-Jun.xlsx", "2025H1", 7508),
])
def test_every_layout_reads_every_row(name, half, series):
    # Row counts as Netflix's SOURCE.md gives them (2023 H1 mixes series and films).
    report = read_engagement(bundled(name))
    assert report.half == half and not report.errors
    assert len(report.rows) == series
    assert known_publication(half) > report.period_end
    if half != "2023H1":
        assert report.films_skipped > 8000 and all(r.kind == "tv" for r in report.rows)


def test_titles_dates_and_figures_as_netflix_wrote_them():
    rows = {r.title: r for r in read_engagement(bundled(
        "What_We_Watched_A_Netflix_Engagement_Report_2024Jul-Dec.xlsx")).rows}
    squid = rows["Squid Game: Season 2"]  # "// 오징어 게임: 시즌 2" dropped
    assert (squid.release_date, squid.hours, squid.views) == (dt.date(2024, 12, 26),
                                                              619_900_000, 86_500_000)
    assert round(squid.runtime, 2) == 7.17 and squid.available_globally is True
    fight = rows["Jake Paul vs. Mike Tyson"]  # runtime footnoted "4:44*"
    assert round(fight.runtime, 2) == 4.73
    licensed = rows["Masha and the Bear: Season 5"]  # no release date for licensed titles
    assert licensed.release_date is None and licensed.runtime is None


def workbook(rows, period="Views from July to December 2025", sheet="Shows") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws["B2"] = "What We Watched: A Netflix Engagement Report"
    ws["B3"] = period
    ws.append([])
    ws.append([])
    ws.append([None, "Title", "Available Globally?", "Release Date", "Hours Viewed", "Runtime",
               "Views"])
    for row in rows:
        ws.append([None, *row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_bad_row_is_reported_by_line_and_the_rest_kept():
    report = read_engagement(workbook([
        ["Good Show: Season 1", "Yes", "2025-08-01", 1_000_000, "3:30", 285_700],
        ["Bad Hours: Season 1", "Yes", "2025-08-01", "lots", "3:30", 1],
        ["", "Yes", "2025-08-01", 5, "1:00", 5],
        ["Bad Date: Season 1", "Yes", "first of August", 10, "1:00", 10],
        ["Huge: Season 1", "Yes", "2025-08-01", 1e308, "1:00", 10],
        ["Next Good: Season 2", "No", None, 200_000, "", None],
    ]))
    assert report.half == "2025H2" and report.period_end == dt.date(2025, 12, 31)
    assert [r.title for r in report.rows] == ["Good Show: Season 1", "Next Good: Season 2"]
    assert [e.line for e in report.errors] == [8, 9, 10, 11]
    assert "Hours Viewed 'lots' is not a number" in str(report.errors[0])
    assert str(report.errors[0]).startswith("line 8: sheet Shows: ")


@pytest.mark.parametrize(("data", "words"), [
    (b"Title\tHours\n", "not an XLSX file"),
    (b"PK\x03\x04 truncated", "cannot open the workbook"),
])
def test_a_file_that_is_no_report_is_refused_whole(data, words):
    with pytest.raises(SourceError, match=words):
        read_engagement(data)


def test_a_workbook_without_the_report_columns_is_refused():
    book = openpyxl.Workbook()
    book.active["A1"] = "week"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(SourceError, match="Title, Available Globally"):
        read_engagement(out.getvalue())


@pytest.mark.django_db
def test_ingest_dates_seasons_adds_unseen_ones_and_changes_nothing_twice():
    show = Show.objects.create(title="Quiet Show", slug="quiet-show", platform="Netflix")
    charted = Season.objects.create(show=show, number=1, chart_title="Quiet Show: Season 1")
    report = read_engagement(workbook([
        ["Quiet Show: Season 1", "Yes", "2025-07-04", 3_000_000, "5:00", 600_000],
        ["Quiet Show: Season 2", "Yes", "2025-11-14", 1_000_000, "5:00", 200_000],
        ["Quiet Show: Habibi", "Yes", "2025-09-01", 9, "1:00", 9],  # not a numbered season
        ["Somebody Else: Season 1", "No", None, 9, "1:00", 9],
    ]))
    kwargs = dict(location="test", source_url=report_url(report.half),
                  published=dt.date(2026, 1, 20))
    first = ingest_engagement(report, **kwargs)
    assert (first.created, first.seasons_created, first.skipped) == (2, 1, 2)
    charted.refresh_from_db()
    second_season = show.seasons.get(number=2)
    assert charted.premiere_date == dt.date(2025, 7, 4)
    assert second_season.premiere_date == dt.date(2025, 11, 14)
    source = Source.objects.get(url=report_url("2025H2"))
    assert (charted.premiere_source, source.publisher, source.tier) == (source, "Netflix",
                                                                        "official")
    assert source.published_at.date() == dt.date(2026, 1, 20)
    again = ingest_engagement(report, **kwargs)
    assert (again.created, again.updated, again.seasons_created) == (0, 0, 0)
    assert EngagementFigure.objects.count() == 2


def test_the_bundled_reports_are_listed_oldest_first_with_their_publication_days():
    names = bundled_reports()
    assert len(names) == 5 and names[0].endswith("2023Jan-Jun.xlsx")
    assert [known_publication(h) for h in ("2023H1", "2023H2", "2024H1", "2024H2", "2025H1")] \
        == [dt.date(2023, 12, 12), dt.date(2024, 5, 23), dt.date(2024, 9, 19),
            dt.date(2025, 2, 27), dt.date(2025, 7, 17)]
    assert known_publication("2027H1") is None


def test_a_parsed_report_round_trips_through_its_json_copy():
    from renewcast.sources.netflix_engagement import report_from_json, report_to_json

    report = read_engagement(bundled(
        "What_We_Watched_A_Netflix_Engagement_Report_2023Jan-Jun.xlsx"))
    again = report_from_json(report_to_json(report))
    assert again == report and again.half == "2023H1"
