"""Premiere dates end to end: the CLI (JSON, text, batch, backtest), show pages and calendars."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta

import pytest
from conftest import FIXTURES, run_cli
from django.utils import timezone
from django.utils.html import escape
from icalendar import Calendar

from renewcast.bootstrap import load_bundled
from renewcast.catalog.forecasting import get_forecaster, released_season, upcoming_premieres
from renewcast.catalog.models import Claim, ClaimKind, ClaimState, Event, Season, Show, Source

BATCH = FIXTURES / "forecast" / "batch.csv"
POINTS = ("premiere_p10", "premiere_p50", "premiere_p90")
DAY = timedelta(days=1)


def forecast_json(env: dict, *args: str) -> dict:
    done = run_cli(env, "forecast", *args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_forecast_has_an_ordered_if_renewed_premiere_window(bundled_cli_env):
    data = forecast_json(bundled_cli_env, "Partner Track", "--as-of", "2022-10-27")
    assert data["state"] == "forecast"  # undecided then (canceled on 2022-11-08)
    p10, p50, p90 = (date.fromisoformat(data[p]) for p in POINTS)
    assert date(2022, 10, 27) < p10 < p50 < p90
    window = data["premiere"]
    assert (window["state"], window["next_season"], window["if_renewed"]) == ("forecast", 2, True)
    assert [window[p] for p in POINTS] == [data[p] for p in POINTS]
    assert window["sentence"].startswith("If renewed, season 2 most likely premieres")
    assert window["trained_on_gaps"] > 0 and window["timed_from"]

    human = run_cli(bundled_cli_env, "forecast", "Partner Track", "--as-of", "2022-10-27")
    assert human.returncode == 0, human.stderr
    lines = human.stdout.splitlines()
    assert f"Premiere: {window['sentence']}" in lines
    assert f"  10th–50th–90th percentile: {p10} · {p50} · {p90}" in lines


def test_a_canceled_season_has_no_premiere_window(bundled_cli_env):
    data = forecast_json(bundled_cli_env, "Partner Track", "--as-of", "2023-01-01")
    assert data["state"] == "canceled"
    assert [data[p] for p in POINTS] == [None, None, None]
    window = data["premiere"]
    assert window["state"] == "canceled" and window["if_renewed"] is False
    assert [window[p] for p in POINTS] == [None, None, None]
    assert window["sentence"] == "There will be no season 2: the show was canceled."
    human = run_cli(bundled_cli_env, "forecast", "Partner Track", "--as-of", "2023-01-01")
    assert human.returncode == 0 and "Premiere:" not in human.stdout


def test_batch_has_premiere_columns_with_dates_and_blanks_on_errors(bundled_cli_env, tmp_path):
    out = tmp_path / "out.csv"
    done = run_cli(bundled_cli_env, "forecast", "--batch", str(BATCH), "--out", str(out))
    assert done.returncode == 1, done.stderr  # the fixture has rows with errors
    reader = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert reader.fieldnames[-5:] == [*POINTS, "premiere", "error"]
    rows = list(reader)
    dated = 0
    for row in rows:
        if row["error"]:
            assert [row[p] for p in (*POINTS, "premiere")] == ["", "", "", ""], row
        elif row["premiere_p50"]:
            p10, p50, p90 = (date.fromisoformat(row[p]) for p in POINTS)
            assert date.fromisoformat(row["as_of"]) < p10 < p50 < p90, row
            # a window for a season not yet renewed says so; a renewed one states it plainly
            renewed = row["p_renew"] == "1.0000"
            assert row["premiere"].startswith("Season " if renewed else "If renewed, season "), row
            dated += 1
        else:  # no window: all three blank and the sentence says why
            assert row["premiere_p10"] == row["premiere_p90"] == "", row
            assert row["premiere"].startswith("Too little is known"), row
    assert sum(bool(r["error"]) for r in rows) == 5 and dated >= 4
    by_input = {(r["show_title"], r["season"], r["as_of"]): r for r in rows}
    partner = by_input["Partner Track", "1", "2022-09-20"]
    assert partner["premiere_p50"] and partner["premiere"].startswith("If renewed, season 2")


def test_backtest_reports_premiere_dates(bundled_cli_env, tmp_path):
    done = run_cli(bundled_cli_env, "backtest", "--out", str(tmp_path / "bt"))
    assert done.returncode == 0, done.stderr
    assert re.search(r"^premiere dates, as of debut \+ 60 days \(n=\d+\):$", done.stdout, re.M)
    report = (tmp_path / "bt" / "backtest.md").read_text(encoding="utf-8")
    assert "# Premiere-date forecaster" in report
    assert re.search(r"^\| renewcast \(P50\) \| \d+ \| \d+% \| \d+ \|$", report, re.M)
    assert re.search(r"^\| same gap as last time \| \d+ \| \| \|$", report, re.M)


# The site, in process, on the bundled data.


@pytest.fixture
def today(db) -> date:
    load_bundled(say=lambda _: None)
    return timezone.localdate()


def latest_window(slug: str, today: date):
    show = Show.objects.get(slug=slug)
    latest = released_season(list(show.seasons.prefetch_related("chart_weeks")), today)
    return latest, get_forecaster().premieres.forecast(latest.pk, today)


def announce(slug: str, day: date, url: str, title: str = "Season date set",
             published: datetime | None = None, retrieved: datetime | None = None) -> Season:
    """A confirmed premiere event for the season after the show's latest released one."""
    latest, _ = latest_window(slug, timezone.localdate())
    season, _ = Season.objects.get_or_create(show=latest.show, number=latest.number + 1)
    source = Source.objects.create(url=url, title=title, publisher=title,
                                   published_at=published, retrieved_at=retrieved)
    claim = Claim.objects.create(show=latest.show, season=season, kind=ClaimKind.EVENT,
                                 source=source, state=ClaimState.CONFIRMED,
                                 reviewed_at=timezone.now())
    Event.objects.create(show=latest.show, season=season, kind="premiere", date=day, claim=claim)
    return season


def page_section(client, slug: str) -> str | None:
    response = client.get(f"/shows/{slug}/")
    assert response.status_code == 200
    found = re.search(r'<section class="premiere".*?</section>', response.content.decode(), re.S)
    return found[0] if found else None


def calendar_events(client, url: str) -> list:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def uids(events) -> list[str]:
    return [str(e["uid"]) for e in events]


def test_an_announced_premiere_is_on_the_page_and_in_the_calendars(client, today):
    assert "premiere-window-beef-3@renewcast" not in uids(
        calendar_events(client, "/calendar.ics"))  # only "if renewed" until now
    day, url = today + timedelta(days=120), "https://example.org/beef-3-date"
    announce("beef", day, url, published=timezone.now() - timedelta(days=3))

    section = page_section(client, "beef")
    assert "When will season 3 come out?" in section
    assert f'<time datetime="{day.isoformat()}">{day.day} {day:%B %Y}</time>' in section
    assert 'class="badge badge-announced">announced</span>' in section
    assert f'href="{url}"' in section
    assert 'class="window"' not in section and "badge-prediction" not in section

    events = {str(e["uid"]): e for e in calendar_events(client, "/calendar.ics")}
    entry = events["premiere-beef-3@renewcast"]
    assert entry["status"] == "CONFIRMED"
    assert (entry["dtstart"].dt, entry["dtend"].dt) == (day, day + DAY)
    assert not str(entry["summary"]).startswith("Prediction:")
    assert url in str(entry["description"])
    (own,) = calendar_events(client, "/shows/beef/calendar.ics")
    assert (str(own["uid"]), own["dtstart"].dt) == ("premiere-beef-3@renewcast", day)


@pytest.mark.parametrize(("published", "retrieved", "shown"), [
    (timedelta(days=30), timedelta(days=-3), False),  # published later: not public yet
    (None, timedelta(days=-3), True),  # no publication date: public when retrieved
])
def test_an_announced_date_counts_from_when_it_was_public(client, today, published, retrieved,
                                                           shown):
    now = timezone.now()
    announce("beef", today + timedelta(days=90), "https://example.org/w3",
             published=published and now + published, retrieved=now + retrieved)
    _, window = latest_window("beef", today)
    assert window.state == ("announced" if shown else "forecast")
    assert ("badge-announced" in page_section(client, "beef")) is shown
    events = uids(calendar_events(client, "/calendar.ics"))
    assert ("premiere-beef-3@renewcast" in events) is shown


def test_hostile_source_text_is_escaped_on_the_page(client, today):
    url, title = 'https://example.org/x"><script>alert(1)</script>', "<script>alert(2)</script>"
    announce("beef", today + timedelta(days=60), url, title=title,
             published=timezone.now() - timedelta(days=1))
    html = client.get("/shows/beef/").content.decode()
    assert "<script>alert" not in html
    assert f'href="{escape(url)}"' in page_section(client, "beef")
    assert "&lt;script&gt;alert(2)" in html  # the publisher, in the timeline
    assert "premiere-beef-3@renewcast" in uids(calendar_events(client, "/calendar.ics"))


def test_site_calendar_is_valid_and_marks_predictions(client, today):
    events = calendar_events(client, "/calendar.ics")
    predictions = [e for e in events if "prediction" in e["categories"].cats]
    assert predictions  # bundled renewed shows have forecast windows
    assert len(set(uids(events))) == len(events)
    for entry in events:
        for prop in ("UID", "DTSTART", "DTSTAMP", "SUMMARY"):
            assert prop in entry, entry
        assert isinstance(entry["dtstamp"].dt, datetime)
        assert today <= entry["dtstart"].dt < entry["dtend"].dt
    for entry in predictions:
        assert str(entry["summary"]).startswith("Prediction: "), entry
        assert entry["status"] == "TENTATIVE"
        # only seasons that were ordered: a renewed show, never an "if renewed" window
        slug = re.fullmatch(r"premiere-window-(.+)-\d+@renewcast", str(entry["uid"]))[1]
        assert Show.objects.get(slug=slug).status == "renewed", slug
    assert len(events) == len(upcoming_premieres(today))


def test_show_calendar_has_its_window_and_unknown_shows_are_404(client, today):
    renewed = upcoming_premieres(today)[0][0].show.slug
    for slug in (renewed, "beef"):  # renewed, and awaiting a decision
        _, window = latest_window(slug, today)
        assert window.state == "forecast"
        (entry,) = calendar_events(client, f"/shows/{slug}/calendar.ics")
        assert (entry["dtstart"].dt, entry["dtend"].dt) == (window.p10, window.p90 + DAY)
        assert str(entry["summary"]).startswith("Prediction: ") and entry["status"] == "TENTATIVE"
    assert calendar_events(client, "/shows/partner-track/calendar.ics") == []  # canceled
    assert client.get("/shows/no-such-show/calendar.ics").status_code == 404


def test_show_page_of_an_awaiting_show_has_its_window(client, today):
    assert Show.objects.get(slug="beef").status == "awaiting"
    _, window = latest_window("beef", today)
    assert (window.state, window.if_renewed, window.next_number) == ("forecast", True, 3)
    section = page_section(client, "beef")
    assert "When will season 3 come out?" in section
    listed = re.search(r'<ol class="window".*?</ol>', section, re.S)[0]
    assert re.findall(r'<time datetime="([\d-]+)">', listed) == [
        window.p10.isoformat(), window.p50.isoformat(), window.p90.isoformat()]
    assert escape(window.sentence) in section and "If renewed, season 3" in section
    assert "This assumes a renewal" in section
    assert 'href="/shows/beef/calendar.ics"' in section
    assert page_section(client, "partner-track") is None
    assert "When will season" not in client.get("/shows/partner-track/").content.decode()
