"""Loading renewal outcomes: sources, confirmed claims with quotes, events; idempotent."""

import datetime as dt

import pytest
from helpers import FIXTURES, load_outcomes

from renewcast.catalog.models import Claim, Event, Season, Show, Source

pytestmark = pytest.mark.django_db


def test_outcomes_become_sourced_confirmed_events():
    report = load_outcomes()
    assert (report.read, report.created, report.rejected) == (6, 6, 0)
    event = Event.objects.get(show__slug="partner-track")
    assert (event.kind, event.date, event.precision) == ("cancellation", dt.date(2022, 11, 8),
                                                          "day")
    assert event.claim.state == "confirmed"
    assert event.claim.quote.startswith("On Tuesday, the streamer announced")
    assert event.claim.source.publisher == "comicbook.com"
    bonding = Event.objects.get(show__title="Bonding")
    assert (bonding.date, bonding.precision) == (dt.date(2021, 7, 1), "month")
    assert Season.objects.get(show__title="Bonding").number == 2


def test_second_run_changes_nothing():
    load_outcomes()
    report = load_outcomes()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert Claim.objects.count() == Event.objects.count() == 6
    assert Show.objects.count() == 5


def test_a_corrected_date_updates_the_event_and_claim():
    load_outcomes()
    text = (FIXTURES / "outcomes-excerpt.csv").read_text().replace("2022-11-08", "2022-11-09")
    report = load_outcomes(data=text.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 1, 5)
    event = Event.objects.get(show__slug="partner-track")
    assert event.date == event.claim.true_on == dt.date(2022, 11, 9)


def test_an_editors_rejection_is_not_undone_by_a_rerun():
    load_outcomes()
    claim = Event.objects.get(show__slug="partner-track").claim
    claim.state = "rejected"
    claim.save()
    assert Show.objects.get(slug="partner-track").status == "awaiting"
    load_outcomes()
    claim.refresh_from_db()
    assert claim.state == "rejected"


def test_bad_rows_are_skipped_with_line_numbers_and_good_rows_kept():
    text = (FIXTURES / "outcomes-excerpt.csv").read_text().splitlines()
    text.insert(2, "Broken,two,renewed,2022-01-01,https://x.example/a,quote")
    report = load_outcomes(data=("\n".join(text) + "\n").encode())
    assert [str(e) for e in report.errors] == ["line 3: season 'two' is not a whole number"]
    assert report.created == 6
    assert not Show.objects.filter(title="Broken").exists()
    assert Source.objects.filter(url__contains="comicbook.com").count() == 1


TWO_ORDERS = (
    "show_title,season,outcome,announced,source_url,evidence,covers,final_season\n"
    "Wednesday,1,renewed,2023-01-06,https://ew.example/s2,Renewed for season 2 (a test).,,\n"
    "Wednesday,1,renewed,2025-07-23,https://pulse.example/s3,"
    "Renewed for season 3 ahead of season 2 (a test).,3,\n"
)


def test_two_orders_after_the_same_season_are_two_decisions():
    # season 2 ordered in 2023, season 3 in 2025 before season 2 came out: both follow season 1
    report = load_outcomes(data=TWO_ORDERS.encode())
    assert (report.created, report.errors) == (2, [])
    events = Event.objects.filter(show__title="Wednesday").order_by("date")
    assert [(e.date.year, e.covers, e.season.number) for e in events] == [
        (2023, [], 1), (2025, [3], 1)]
    again = load_outcomes(data=TWO_ORDERS.encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_page_read_again_with_its_seasons_corrected_updates_its_decision():
    # "renewed for Season 6" first read as the next season, then corrected to cover 6
    row = ("show_title,season,outcome,announced,source_url,evidence,covers,final_season\n"
           "Virgin River,4,renewed,2023-05-17,https://variety.example/vr,"
           "Renewed for Season 6 (a test).,{},\n")
    load_outcomes(data=row.format("").encode())
    report = load_outcomes(data=row.format("6").encode())
    assert (report.created, report.updated) == (0, 1)
    assert list(Event.objects.filter(show__title="Virgin River").values_list("covers", flat=True)) \
        == [[6]]


def test_the_timeline_tells_the_two_orders_apart(client):
    load_outcomes(data=TWO_ORDERS.encode())
    page = client.get("/shows/wednesday/").content.decode()
    assert "Renewed after Season 1</span>" in page  # season 2's order: the next season
    assert "Renewed for season 3 after Season 1</span>" in page
