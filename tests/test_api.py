"""The public JSON API under /api/, through Django's test client on the real test database."""

import datetime as dt
import json
import re

import pytest
from django.utils import timezone
from helpers import load_outcomes, load_top10

from renewcast.bootstrap import load_bundled
from renewcast.catalog.models import (
    ChartWeek,
    Claim,
    ClaimKind,
    ClaimState,
    Event,
    EventKind,
    Person,
    Season,
    Show,
    Source,
    Statement,
)

pytestmark = pytest.mark.django_db

SOURCE_FIELDS = {"url", "publisher", "title", "tier", "published_at"}


@pytest.fixture
def catalog():
    load_top10()
    load_outcomes()


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, json.loads(response.content)


def ok(client, url, **params):
    response, data = get(client, url, **params)
    assert response.status_code == 200, data
    return data


def confirmed_fact(show, kind, state=ClaimState.CONFIRMED, *, url, season=None, **value):
    source = Source.objects.create(url=url, publisher="Deadline", title=f"{kind} story",
                                   tier="trade", published_at=timezone.now())
    return Claim.objects.create(show=show, season=season, kind=kind, source=source, state=state,
                                quote=f"{state} {kind} quote", value=value)


# --- /api/shows ---------------------------------------------------------------------------


def test_list_is_paginated_by_limit_and_offset(client, catalog):
    everything = ok(client, "/api/shows")
    total = Show.objects.count()
    assert (everything["count"], everything["limit"], everything["offset"]) == (total, 50, 0)
    titles = [s["title"] for s in everything["items"]]
    assert titles == sorted(titles) and len(titles) == min(total, 50)

    first, second = ok(client, "/api/shows", limit=2), ok(client, "/api/shows", limit=2, offset=2)
    assert [s["slug"] for s in first["items"] + second["items"]] == \
        [s["slug"] for s in everything["items"][:4]]
    assert first["count"] == second["count"] == total
    assert ok(client, "/api/shows", offset=total)["items"] == []


def test_list_filters_by_status_platform_and_title(client, catalog):
    canceled = ok(client, "/api/shows", status="canceled")["items"]
    assert canceled and {s["status"] for s in canceled} == {"canceled"}
    assert "partner-track" in {s["slug"] for s in canceled}
    assert ok(client, "/api/shows", status="canceled")["count"] == \
        Show.objects.filter(status="canceled").count()

    assert ok(client, "/api/shows", platform="NETFLIX")["count"] == \
        Show.objects.filter(platform="Netflix").count()
    assert ok(client, "/api/shows", platform="Hulu")["items"] == []

    for query in ("SEX LIFE", "sex/life", "Sex-Life", "  sex / LIFE "):
        assert [s["title"] for s in ok(client, "/api/shows", q=query)["items"]] == ["Sex/Life"]
    partner = ok(client, "/api/shows", q="partner", status="canceled")["items"]
    assert [s["slug"] for s in partner] == ["partner-track"]
    assert ok(client, "/api/shows", q="partner", status="renewed")["items"] == []
    assert ok(client, "/api/shows", q="!!!")["count"] == 0  # nothing left to search for


def test_list_items_carry_status_and_the_source_of_the_decision(client, catalog):
    (item,) = ok(client, "/api/shows", q="partner track")["items"]
    assert item["url"] == "/shows/partner-track/"
    assert item["api_url"] == "/api/shows/partner-track"
    decision = item["decision"]
    assert (decision["kind"], decision["date"], decision["season"]) == \
        ("cancellation", "2022-11-08", 1)
    assert set(decision["source"]) == SOURCE_FIELDS
    assert decision["source"]["url"].startswith("https://comicbook.com/tv-shows/news/netflix-c")


def test_show_detail_has_status_decision_seasons_and_its_page(client, catalog):
    data = ok(client, "/api/shows/partner-track")
    show = Show.objects.get(slug="partner-track")
    assert (data["title"], data["slug"], data["platform"]) == \
        ("Partner Track", "partner-track", "Netflix")
    assert data["url"] == show.get_absolute_url() == "/shows/partner-track/"
    assert data["status"] == "canceled" and data["status_label"] == "canceled"
    decision = data["decision"]
    assert (decision["date"], decision["precision"], decision["kind"], decision["season"]) == \
        ("2022-11-08", "day", "cancellation", 1)
    assert decision["source"]["publisher"] == "comicbook.com"
    (season,) = data["seasons"]
    assert (season["number"], season["label"], season["weeks_in_top10"], season["best_rank"]) \
        == (1, "Season 1", 3, 4)
    assert season["hours_in_top10_weeks"] == 16_660_000 + 31_140_000 + 18_210_000
    assert data["links"]["forecast"] == "/api/shows/partner-track/forecast"
    assert client.get(data["links"]["page"]).status_code == 200
    for link in data["links"].values():
        assert client.get(link).status_code == 200, link


def test_unknown_slug_is_a_json_404_with_close_matches(client, catalog):
    response, data = get(client, "/api/shows/partner-trak")
    assert response.status_code == 404
    assert "partner-trak" in data["detail"]
    assert data["close_matches"][0] == {"title": "Partner Track", "slug": "partner-track",
                                        "api_url": "/api/shows/partner-track"}
    for tail in ("", "/seasons", "/status", "/forecast", "/events", "/claims"):
        response, data = get(client, f"/api/shows/no-such-show{tail}")
        assert response.status_code == 404 and data["detail"].startswith("No show"), tail


def test_seasons_and_one_season_with_its_chart_weeks(client, catalog):
    (season,) = ok(client, "/api/shows/partner-track/seasons")
    assert (season["number"], season["first_chart_week"], season["last_chart_week"]) == \
        (1, "2022-08-28", "2022-09-11")
    one = ok(client, "/api/shows/partner-track/seasons/1")
    assert one["show"]["slug"] == "partner-track"
    assert [(w["week"], w["rank"], w["hours"]) for w in one["chart_weeks"]] == [
        ("2022-08-28", 7, 16_660_000), ("2022-09-04", 4, 31_140_000),
        ("2022-09-11", 6, 18_210_000)]
    assert one["chart_weeks"][0]["source"]["tier"] == "official"
    response, data = get(client, "/api/shows/partner-track/seasons/9")
    assert response.status_code == 404
    assert data == {"detail": "Partner Track has no season 9", "seasons": [1]}


def test_status_has_the_decision_event_and_its_source(client, catalog):
    data = ok(client, "/api/shows/partner-track/status")
    assert data["status"] == "canceled"
    assert data["latest_released_season"] == {"number": 1, "label": "Season 1"}
    assert data["decision"]["source"]["url"].startswith("https://comicbook.com/")
    assert "would not be going forward" in data["decision"]["quote"]
    assert data["as_of"] == timezone.localdate().isoformat()

    Show.objects.create(title="Nothing Yet", slug="nothing-yet")
    empty = ok(client, "/api/shows/nothing-yet/status")
    assert (empty["status"], empty["decision"], empty["latest_released_season"]) == \
        ("awaiting", None, None)


# --- forecasts ----------------------------------------------------------------------------


def test_forecast_of_an_awaiting_season_is_a_probability(client):
    load_bundled(say=lambda _: None)
    assert Show.objects.get(slug="beef").status == "awaiting"
    data = ok(client, "/api/shows/beef/forecast")
    assert data["state"] == "forecast" and data["message"] is None
    assert 0 < data["p_renew"] < 1
    assert data["verdict"] in ("likely renewed", "toss-up", "likely canceled")
    assert data["as_of"] == timezone.localdate().isoformat()
    assert data["season"]["number"] == 2
    assert isinstance(data["reasons"], list) and data["trained_on_seasons"] > 0
    for reason in data["reasons"]:
        assert set(reason) == {"feature", "text", "effect"}
    premiere = data["premiere"]
    assert (premiere["state"], premiere["next_season"], premiere["if_renewed"]) == \
        ("forecast", 3, True)
    assert data["premiere_p50"] == premiere["premiere_p50"]
    assert data["path"] and all(0 <= p["p_renew"] <= 1 for p in data["path"])
    # the path ends where the chance stands today (a wait without news may have moved it)
    assert abs(data["path"][-1]["p_renew"] - data["p_renew"]) < 0.006

    decided = ok(client, "/api/shows/partner-track/forecast")
    assert (decided["state"], decided["p_renew"], decided["verdict"]) == ("canceled", None, None)
    assert decided["decision"] == {"outcome": "canceled", "announced": "2022-11-08"}
    assert "no forecast" in decided["message"]


def test_no_forecast_without_a_released_season_or_after_the_end(client, catalog):
    show = Show.objects.create(title="Coming Soon", slug="coming-soon")
    Season.objects.create(show=show, number=1, premiere_date=timezone.localdate()
                          + dt.timedelta(days=30))
    data = ok(client, "/api/shows/coming-soon/forecast")
    assert (data["state"], data["p_renew"], data["season"]) == ("no_released_season", None, None)
    assert "nothing to forecast" in data["message"]

    ended = Show.objects.create(title="All Done", slug="all-done")
    season = Season.objects.create(show=ended, number=1, premiere_date=dt.date(2021, 1, 1))
    claim = confirmed_fact(ended, ClaimKind.EVENT, url="https://example.org/end", season=season)
    Event.objects.create(show=ended, season=season, kind=EventKind.ENDING,
                         date=dt.date(2021, 6, 1), claim=claim)
    assert Show.objects.get(slug="all-done").status == "ended"
    data = ok(client, "/api/shows/all-done/forecast")
    assert (data["state"], data["p_renew"], data["season"]["number"]) == ("ended", None, 1)
    assert data["decision"] == {"outcome": "ended", "announced": "2021-06-01"}

    # Canceled after season 2, though no season of it is dated or charted in the catalog.
    assert not Show.objects.get(slug="bonding").seasons.filter(chart_weeks__isnull=False)
    data = ok(client, "/api/shows/bonding/forecast")
    assert (data["state"], data["p_renew"], data["season"]) == ("canceled", None, None)
    assert data["decision"] == {"outcome": "canceled", "announced": "2021-07-01"}


# --- sourced facts ------------------------------------------------------------------------


@pytest.fixture
def facts(catalog):
    """Claims in every state about Partner Track, with the events and statements on them."""
    show = Show.objects.get(slug="partner-track")
    season = show.seasons.get(number=1)
    person = Person.objects.create(name="Arden Cho", slug="arden-cho")
    made = {}
    for state in ClaimState.values:
        plot = confirmed_fact(show, ClaimKind.PLOT, state, url=f"https://ex.org/plot-{state}",
                              season=season, text=f"{state} plot")
        said = confirmed_fact(show, ClaimKind.STATEMENT, state, url=f"https://ex.org/s-{state}")
        Statement.objects.create(show=show, season=season, person=person, speaker="Arden Cho",
                                 speaker_role="star", quote=f"{state}: I'd love a season 2",
                                 said_on=dt.date(2022, 9, 1), stance="positive", claim=said)
        trailer = confirmed_fact(show, ClaimKind.EVENT, state, url=f"https://ex.org/t-{state}")
        Event.objects.create(show=show, season=season, kind=EventKind.TRAILER,
                             date=dt.date(2022, 8, 1), claim=trailer)
        made[state] = (plot, said, trailer)
    return made


def test_claims_are_confirmed_ones_only(client, facts):
    data = ok(client, "/api/shows/partner-track/claims", limit=200)
    assert data["items"] and data["count"] == len(data["items"])
    ids = {c["id"] for c in data["items"]}
    for state, claims in facts.items():
        for claim in claims:
            assert (claim.id in ids) is (state == ClaimState.CONFIRMED), (state, claim.kind)
    assert not any("proposed" in (c["quote"] or "") or "rejected" in (c["quote"] or "")
                   for c in data["items"])
    (plot,) = ok(client, "/api/shows/partner-track/claims", kind="plot")["items"]
    assert (plot["kind"], plot["value"], plot["season"]) == ("plot", {"text": "confirmed plot"}, 1)
    assert plot["source"] == {"url": "https://ex.org/plot-confirmed", "publisher": "Deadline",
                              "title": "plot story", "tier": "trade",
                              "published_at": plot["source"]["published_at"]}
    assert set(plot["source"]) == SOURCE_FIELDS


def test_events_and_statements_count_only_when_confirmed(client, facts):
    events = ok(client, "/api/shows/partner-track/events")["items"]
    assert [(e["kind"], e["date"]) for e in events] == [("trailer", "2022-08-01"),
                                                        ("cancellation", "2022-11-08")]
    assert events[0]["source"]["url"] == "https://ex.org/t-confirmed"
    (trailer,) = ok(client, "/api/shows/partner-track/events", kind="trailer")["items"]
    assert trailer["quote"] == "confirmed event quote"

    (said,) = ok(client, "/api/shows/partner-track/statements")["items"]
    assert (said["speaker"], said["person"], said["stance"], said["season"]) == \
        ("Arden Cho", "Arden Cho", "positive", 1)
    assert said["quote"].startswith("confirmed:")
    assert said["source"]["url"] == "https://ex.org/s-confirmed"


def test_chart_weeks_filter_by_season_and_list(client, catalog):
    data = ok(client, "/api/shows/love-is-blind/chart-weeks", limit=200)
    show = Show.objects.get(slug="love-is-blind")
    assert data["count"] == ChartWeek.objects.filter(season__show=show).count() > 3
    weeks = [w["week"] for w in data["items"]]
    assert weeks == sorted(weeks)
    numbers = sorted({w["season"] for w in data["items"]})
    first = ok(client, "/api/shows/love-is-blind/chart-weeks", season=numbers[0], limit=200)
    assert first["count"] and {w["season"] for w in first["items"]} == {numbers[0]}
    english = ok(client, "/api/shows/love-is-blind/chart-weeks", list="TV (English)")
    assert english["count"] == data["count"]
    assert ok(client, "/api/shows/love-is-blind/chart-weeks", list="TV (Non-English)")[
        "count"] == 0
    page = ok(client, "/api/shows/love-is-blind/chart-weeks", limit=1, offset=1)
    assert page["items"] == data["items"][1:2]


def test_site_events_are_recent_first_and_filtered(client, facts):
    data = ok(client, "/api/events", limit=200)
    dates = [e["date"] for e in data["items"]]
    assert dates == sorted(dates, reverse=True)
    assert data["count"] == Event.objects.filter(claim__state="confirmed").count()
    assert all(set(e["source"]) == SOURCE_FIELDS and e["show"]["slug"] for e in data["items"])
    renewals = ok(client, "/api/events", kind="renewal")["items"]
    assert renewals and {e["kind"] for e in renewals} == {"renewal"}
    recent = ok(client, "/api/events", since="2023-01-01")["items"]
    assert recent and all(e["date"] >= "2023-01-01" for e in recent)
    assert len(recent) < len(data["items"])


def test_every_endpoint_answers_for_every_show(client, catalog):
    tails = ("", "/seasons", "/status", "/forecast", "/events", "/statements", "/chart-weeks",
             "/claims")
    states = set()
    for show in Show.objects.all():
        for tail in tails:
            ok(client, f"/api/shows/{show.slug}{tail}")
        for season in show.seasons.all():
            ok(client, f"/api/shows/{show.slug}/seasons/{season.number}")
        forecast = ok(client, f"/api/shows/{show.slug}/forecast")
        states.add(forecast["state"])
        assert (forecast["p_renew"] is None) is (forecast["state"] != "forecast"), show.slug
    assert {"forecast", "canceled", "ended"} <= states


# --- HTTP behaviour -----------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/shows/partner-track", "/api/shows?status=canceled",
                                 "/api/shows/partner-track/forecast"])
def test_conditional_get_answers_304(client, catalog, url):
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/shows?status=maybe", "status"),
    ("/api/shows?limit=201", "limit"),
    ("/api/shows?limit=0", "limit"),
    ("/api/shows?limit=ten", "limit"),
    ("/api/shows?offset=-1", "offset"),
    ("/api/shows?offset=99999999999999999999999", "offset"),
    ("/api/shows?kind=opera", "kind"),
    ("/api/shows?q=" + "x" * 201, "q"),
    ("/api/events?since=2023-02-30", "since"),
    ("/api/events?since=yesterday", "since"),
    ("/api/events?kind=explosion", "kind"),
    ("/api/shows/partner-track/seasons/one", "number"),
    ("/api/shows/partner-track/seasons/0", "number"),
    ("/api/shows/partner-track/chart-weeks?season=-2", "season"),
    ("/api/shows/partner-track/chart-weeks?list=TV", "list"),
    ("/api/shows/partner-track/claims?kind=rumour", "kind"),
])
def test_bad_parameters_are_a_clear_400(client, catalog, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["detail"].startswith(f"Bad request: {parameter}: ")
    assert [e["parameter"] for e in data["errors"]] == [parameter]
    assert data["errors"][0]["location"] == ("path" if parameter == "number" else "query")
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("url", ["/api/shows/%00", "/api/shows?platform=%00", "/api/shows?q=%00",
                                 "/api/shows/a%00b/events"])
def test_nul_bytes_are_not_a_server_error(client, catalog, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    assert response["Content-Type"].startswith("application/json")


def test_unknown_api_paths_are_json_404s(client):
    response, data = get(client, "/api/nowhere")
    assert response.status_code == 404 and "/api/docs" in data["detail"]
    response, data = get(client, "/api/shows/")
    assert response.status_code == 404 and "did you mean /api/shows?" in data["detail"]


def test_openapi_schema_lists_the_paths_and_docs_are_local(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    for path in ("/api/shows", "/api/shows/{slug}", "/api/shows/{slug}/seasons",
                 "/api/shows/{slug}/seasons/{number}", "/api/shows/{slug}/status",
                 "/api/shows/{slug}/forecast", "/api/shows/{slug}/events",
                 "/api/shows/{slug}/statements", "/api/shows/{slug}/chart-weeks",
                 "/api/shows/{slug}/claims", "/api/events"):
        assert set(paths[path]) == {"get"}, path
    assert not any("rest" in path for path in paths)
    listed = {p["name"] for p in paths["/api/shows"]["get"]["parameters"]}
    assert {"status", "platform", "q", "limit", "offset"} <= listed
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn." not in html and "unpkg" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/static/") for a in assets)
    assert all(client.get(a).status_code == 200 for a in assets)


def test_hostile_text_is_json_string_data(client):
    title = "<script>alert(1)</script>"
    show = Show.objects.create(title=title, slug="xss", platform='<b onclick="x">N</b>')
    Season.objects.create(show=show, number=1, label="<img src=x onerror=alert(1)>")
    claim = confirmed_fact(show, ClaimKind.PLOT, url='https://e.org/"><script>alert(2)</script>',
                           text="</script><script>alert(3)</script>")
    for url in ("/api/shows/xss", "/api/shows?q=script", "/api/shows/xss/seasons",
                "/api/shows/xss/claims"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
    data = ok(client, "/api/shows/xss")
    assert (data["title"], data["platform"]) == (title, '<b onclick="x">N</b>')
    assert data["seasons"][0]["label"] == "<img src=x onerror=alert(1)>"
    assert ok(client, "/api/shows", q="script")["items"][0]["title"] == title
    (item,) = ok(client, "/api/shows/xss/claims")["items"]
    assert item["value"] == claim.value and item["source"]["url"] == claim.source.url
