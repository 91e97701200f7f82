"""Syncing TVmaze into the catalog: added once, unchanged the second time, sources kept,
disagreements with confirmed claims sent to review, faults survived.

The TVmaze API is the fixture server in ``tvmaze_server.py`` on loopback; the client,
the sync and the database are the real ones.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest
from conftest import run_cli
from tvmaze_server import Faults, TvmazeFixtureServer, load_fixture_shows, many_shows

from renewcast.sources.tvmaze import TvmazeClient

NOW = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)


def fixture(name: str) -> dict:
    return copy.deepcopy(next(s for s in load_fixture_shows() if s["name"] == name))


def non_netflix() -> dict:
    """A fixture show on another network or streamer (the sync is not Netflix-only)."""
    return next(s for s in load_fixture_shows()
                if ((s.get("network") or s.get("webChannel") or {}).get("name")) != "Netflix")


# -- through the command, on a database holding the bundled data ---------------------------

@pytest.fixture(scope="module")
def server():
    with TvmazeFixtureServer(shows=load_fixture_shows() + many_shows(5)) as running:
        yield running


@pytest.fixture
def env(bundled_cli_env, server):
    return {**bundled_cli_env, "RENEWCAST_TVMAZE_URL": server.url, "RENEWCAST_TVMAZE_RATE": "0"}


def test_sync_adds_a_non_netflix_show_with_platform_dates_and_cast(env):
    tv = non_netflix()
    done = run_cli(env, "sync", "tvmaze", tv["name"])
    assert done.returncode == 0, done.stderr
    assert f"{tv['name']}: added" in done.stdout
    shown = run_cli(env, "show", tv["name"], "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    platform = (tv.get("network") or tv.get("webChannel"))["name"]
    assert data["platform"] == platform and data["tvmaze_id"] == tv["id"]
    page = f"https://www.tvmaze.com/shows/{tv['id']}"  # by id: a rename keeps the source
    assert data["platform_source"] == page
    dated = {s["number"]: s["premiereDate"] for s in tv["_embedded"]["seasons"]}
    assert {s["number"]: s["premiere_date"] for s in data["seasons"]} == dated
    characters = {(c["person"]["name"], c["character"]["name"])
                  for c in tv["_embedded"]["cast"]}
    assert {(c["person"], c["character"]) for c in data["cast"]} == characters
    assert all(c["source"] == page for c in data["cast"])

    again = run_cli(env, "sync", "tvmaze", tv["name"])
    assert again.returncode == 0, again.stderr
    assert f"{tv['name']}: unchanged" in again.stdout
    assert run_cli(env, "show", tv["name"], "--json").stdout == shown.stdout  # byte for byte


def test_sync_links_a_netflix_show_already_in_the_catalog(env):
    tv = fixture("The Imperfects")
    before = json.loads(run_cli(env, "show", "The Imperfects", "--json").stdout)
    done = run_cli(env, "sync", "tvmaze", "the imperfects")
    assert done.returncode == 0, done.stderr
    after = json.loads(run_cli(env, "show", "The Imperfects", "--json").stdout)
    assert after["slug"] == before["slug"] == "the-imperfects"  # the same show, not a copy
    assert after["tvmaze_id"] == tv["id"] and after["platform"] == "Netflix"
    assert after["status"] == before["status"] and after["events"] == before["events"]
    assert after["seasons"][0]["chart_weeks"] == before["seasons"][0]["chart_weeks"]
    assert after["seasons"][0]["premiere_date"] == tv["_embedded"]["seasons"][0]["premiereDate"]


def test_all_followed_syncs_the_shows_readers_follow(env):
    empty = run_cli(env, "sync", "tvmaze", "--all-followed")
    assert empty.returncode == 0
    follow = {**env, "RENEWCAST_ALLOW_PRIVATE_WEBHOOKS": "1"}
    assert run_cli(follow, "follow", "1899", "--webhook", "http://127.0.0.1:9/hook"
                   ).returncode == 0
    done = run_cli(env, "sync", "tvmaze", "--all-followed", "--json")
    assert done.returncode == 0, done.stderr
    assert [s["title"] for s in json.loads(done.stdout)["shows"]] == ["1899"]


def test_unknown_title_and_bad_arguments_give_one_line(env):
    done = run_cli(env, "sync", "tvmaze", "Zzyzx Qwerty Nonexistent")
    assert done.returncode == 2
    assert "TVmaze knows no show called 'Zzyzx Qwerty Nonexistent'" in done.stderr
    assert "Traceback" not in done.stderr
    both = run_cli(env, "sync", "tvmaze", "Dark", "--updates")
    assert both.returncode == 2 and "not allowed with" in both.stderr
    since = run_cli(env, "sync", "tvmaze", "Dark", "--since", "week")
    assert since.returncode == 2 and "--since only goes with --updates" in since.stderr


def test_unreachable_tvmaze_is_one_line(bundled_cli_env):
    from conftest import free_port

    env = {**bundled_cli_env, "RENEWCAST_TVMAZE_URL": f"http://127.0.0.1:{free_port()}",
           "RENEWCAST_TVMAZE_RATE": "0", "RENEWCAST_TVMAZE_BACKOFF": "0.01"}
    done = run_cli(env, "sync", "tvmaze", "Anything", timeout=120)
    assert done.returncode in (1, 2), done.stderr
    assert "TVmaze" in done.stderr and "Traceback" not in done.stderr


def test_updates_syncs_only_what_tvmaze_changed(env, server):
    shows = many_shows(5)
    assert run_cli(env, "sync", "tvmaze", *[tv["name"] for tv in shows]).returncode == 0
    changed = copy.deepcopy(shows[2])
    changed["updated"] += 100
    season = changed["_embedded"]["seasons"][-1]
    season["premiereDate"] = "2027-03-05"
    server.set_show(changed)
    try:
        done = run_cli(env, "sync", "tvmaze", "--updates", "--json")
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert [s["title"] for s in report["shows"]] == [changed["name"]]
        assert report["shows"][0]["changes"]
        assert report["skipped"] >= 4
        data = json.loads(run_cli(env, "show", changed["name"], "--json").stdout)
        assert data["seasons"][-1]["premiere_date"] == "2027-03-05"
        again = json.loads(run_cli(env, "sync", "tvmaze", "--updates", "--json").stdout)
        assert again["shows"] == []
    finally:
        server.set_show(shows[2])


# -- in process ------------------------------------------------------------------------------

def _client(server, **kw) -> TvmazeClient:
    return TvmazeClient(server.url, rate=kw.pop("rate", None), backoff=kw.pop("backoff", 0.01),
                        **kw)


def _snapshot() -> str:
    from renewcast.catalog.models import Show
    from renewcast.catalog.show_json import show_as_dict

    return json.dumps([show_as_dict(s) for s in Show.objects.order_by("slug")], sort_keys=True)


@pytest.mark.django_db
def test_a_hundred_shows_sync_idempotently():
    from renewcast.catalog.models import Episode, Show
    from renewcast.catalog.tvmaze_sync import sync_titles

    shows = many_shows(100)
    with TvmazeFixtureServer(shows=shows) as srv, _client(srv) as client:
        first = sync_titles(client, [s["name"] for s in shows], now=NOW)
        assert sum(r.created for r in first.synced) == 100 and not first.failed
        episodes = sum(len(s["_embedded"]["episodes"]) for s in shows)
        assert Episode.objects.count() == episodes
        before = _snapshot()
        second = sync_titles(client, [s["name"] for s in shows], now=NOW)
    assert [r.changes for r in second.synced if r.changed] == []
    assert Show.objects.count() == 100 and _snapshot() == before
    assert "100 shows: 0 added, 0 updated, 100 unchanged" in second.summary_lines()[0]


@pytest.mark.django_db
def test_sync_paces_itself_under_tvmazes_limit():
    """The real limit (20 calls in 10 s) on both sides: the server never has to say 429."""
    from renewcast.catalog.tvmaze_sync import sync_titles

    shows = many_shows(14)
    faults = Faults(enforce_rate=(20, 10.0))
    with TvmazeFixtureServer(shows=shows, faults=faults) as srv, \
            _client(srv, rate=(20, 10.0)) as client:
        report = sync_titles(client, [s["name"] for s in shows], now=NOW)
        times = sorted(r.time for r in srv.requests)
        statuses = [r.status for r in srv.requests]
    assert len(report.synced) == 14 and not report.failed
    assert len(times) == 28 and 429 not in statuses
    assert max(sum(1 for t in times if start <= t < start + 10.0) for start in times) <= 20
    assert times[-1] - times[0] >= 9.0  # it really waited for the window
    assert client.stats.waited > 5


@pytest.mark.django_db
def test_throttled_and_dropped_answers_slow_it_down_but_lose_nothing():
    from renewcast.catalog.models import Show
    from renewcast.catalog.tvmaze_sync import sync_titles

    shows = many_shows(30)
    faults = Faults(throttle_every=7, retry_after=0.05, drop_every=5, error_every=11)
    with TvmazeFixtureServer(shows=shows, faults=faults) as srv, \
            _client(srv, rate=(1000, 1.0), retries=6) as client:
        report = sync_titles(client, [s["name"] for s in shows], now=NOW)
    assert not report.failed and len(report.synced) == 30
    assert Show.objects.filter(tvmaze_id__in=[s["id"] for s in shows]).count() == 30
    retried = client.stats.retries
    assert retried["429"] and retried["connection"] and retried["5xx"]
    assert "retried" in report.client_summary


@pytest.mark.django_db
def test_disagreement_with_a_confirmed_premiere_goes_to_review_once():
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.models import Claim, ClaimState, Event, Season, Show, Source
    from renewcast.sources.tvmaze import parse_show

    tv = parse_show(non_netflix())
    show = Show.objects.create(title=tv.name, slug="x")
    season = Season.objects.create(show=show, number=tv.seasons[0].number)
    editor = Source.objects.create(url="https://press.example/premiere", publisher="Press")
    claim = Claim.objects.create(show=show, season=season, kind="event", source=editor,
                                 state=ClaimState.CONFIRMED, quote="It premieres in May.",
                                 value={"event": "premiere", "date": "1999-05-01"})
    Event.objects.create(show=show, season=season, kind="premiere", date=dt.date(1999, 5, 1),
                         claim=claim)
    season.premiere_date, season.premiere_source = dt.date(1999, 5, 1), editor
    season.save()

    first = sync_show(tv, now=NOW)
    assert first.show == show and first.disagreements == 1
    proposed = Claim.objects.get(state=ClaimState.PROPOSED)
    assert proposed.value["disagrees_with"] == claim.pk
    assert tv.seasons[0].premiere_date.isoformat() in proposed.quote
    assert proposed.source.publisher == "TVmaze"
    season.refresh_from_db()
    claim.refresh_from_db()
    assert season.premiere_date == dt.date(1999, 5, 1) and season.premiere_source == editor
    assert claim.state == ClaimState.CONFIRMED
    assert sync_show(tv, now=NOW).disagreements == 0  # raised once, not on every sync
    proposed.state = ClaimState.REJECTED
    proposed.save()
    assert sync_show(tv, now=NOW).disagreements == 0  # an editor's "keep ours" sticks


@pytest.mark.django_db
def test_a_synced_non_netflix_show_gets_the_low_information_prior():
    from renewcast.catalog.forecasting import get_forecaster, released_season
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.sources.tvmaze import parse_show

    raw = non_netflix()
    result = sync_show(parse_show(raw), now=NOW)
    today = dt.date(2026, 11, 21)
    season = released_season(result.show.seasons.prefetch_related("chart_weeks"), today)
    assert season is not None
    forecast = get_forecaster().forecast(season.pk, today)
    assert forecast.state == "forecast"  # no decision is known for it
    assert forecast.low_information and 0 < forecast.p_renew < 1


@pytest.mark.django_db
def test_people_are_linked_by_name_once_and_namesakes_kept_apart():
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.lookup import slug_for
    from renewcast.catalog.models import Credit, Person
    from renewcast.sources.tvmaze import parse_show

    raw = copy.deepcopy(non_netflix())
    cast = raw["_embedded"]["cast"]
    first = cast[0]["person"]
    # as the article reader would have stored them: no TVmaze id
    named = Person.objects.create(name=first["name"], slug=slug_for(first["name"]))
    namesake = copy.deepcopy(cast[1])
    namesake["person"] = {**namesake["person"], "id": 987654, "name": first["name"]}
    namesake["character"] = {**namesake["character"], "name": "Someone Else"}
    cast.append(namesake)
    sync_show(parse_show(raw), now=NOW)
    named.refresh_from_db()
    assert named.tvmaze_id == first["id"]  # linked, not copied
    same_name = Person.objects.filter(name=first["name"]).order_by("id")
    assert [p.tvmaze_id for p in same_name] == [first["id"], 987654]
    assert len({p.slug for p in same_name}) == 2
    assert Credit.objects.filter(person__tvmaze_id=987654, character="Someone Else").exists()
    before = Person.objects.count(), Credit.objects.count()
    sync_show(parse_show(raw), now=NOW)
    assert (Person.objects.count(), Credit.objects.count()) == before


def _confirmed(show, season, kind="event", **value):
    from renewcast.catalog.models import Claim, ClaimState, Source

    source, _ = Source.objects.get_or_create(url="https://press.example/a", publisher="Press")
    return Claim.objects.create(show=show, season=season, kind=kind, source=source,
                                state=ClaimState.CONFIRMED, quote="…", value=value)


@pytest.mark.django_db
def test_no_false_disagreements_and_no_endless_updates():
    """An announcement's own date, an actor in two roles and a credit an editor already
    confirmed are not disagreements, and a second sync still changes nothing."""
    from renewcast.catalog.ingest.tvmaze import _credit_season, sync_show
    from renewcast.catalog.models import Claim, ClaimState, Credit, Event
    from renewcast.sources.tvmaze import parse_show

    raw = copy.deepcopy(non_netflix())
    role = raw["_embedded"]["cast"][0]
    twin = copy.deepcopy(role)
    twin["character"] = {**twin["character"], "id": 424242, "name": "The Twin"}
    raw["_embedded"]["cast"].append(twin)
    tv = parse_show(raw)
    show = sync_show(tv, now=NOW).show
    seasons = {s.number: s for s in show.seasons.all()}
    first = seasons[min(seasons)]
    claim = _confirmed(show, first, event="date_announced", date="2001-01-01")
    Event.objects.create(show=show, season=first, kind="date_announced",
                         date=dt.date(2001, 1, 1), claim=claim)
    credited = _credit_season(tv, seasons, NOW.date())
    cast = _confirmed(show, credited, kind="cast", person=role["person"]["name"],
                      character=role["character"]["name"])
    Credit.objects.filter(season=credited, character=role["character"]["name"]).update(
        claim=cast)
    again = sync_show(tv, now=NOW)
    assert again.disagreements == 0 and not again.changed, again.changes
    assert not Claim.objects.filter(state=ClaimState.PROPOSED).exists()


@pytest.mark.django_db
def test_a_renamed_or_qualified_title_keeps_one_show_and_one_source():
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.models import Episode, Show, Source
    from renewcast.sources.tvmaze import parse_show

    raw = copy.deepcopy(non_netflix())
    catalog = Show.objects.create(title=raw["name"], slug="ours")  # e.g. from the Top 10
    raw["name"] += " (2022)"  # TVmaze tells namesakes apart like this
    assert sync_show(parse_show(raw), now=NOW).show == catalog
    episodes = set(Episode.objects.values_list("pk", flat=True))
    raw["name"], raw["url"] = "Renamed", raw["url"] + "-renamed"
    renamed = sync_show(parse_show(raw), now=NOW)
    assert renamed.show == catalog and Show.objects.count() == 1
    assert Source.objects.filter(publisher="TVmaze").count() == 1
    assert set(Episode.objects.values_list("pk", flat=True)) == episodes  # kept, not redone


@pytest.mark.django_db
def test_the_daily_job_moves_the_cast_onto_a_season_that_just_began(settings):
    """TVmaze's stamp does not change when a season begins, but the season its cast belongs
    to does: the job syncs shows whose season began this week again."""
    from django.utils import timezone

    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.models import Credit
    from renewcast.jobs.work import refresh_tvmaze
    from renewcast.sources.tvmaze import parse_show

    today = timezone.localdate()
    raw = fixture("The Bear")
    newest = raw["_embedded"]["seasons"][-1]
    newest["premiereDate"], newest["endDate"] = (today - dt.timedelta(days=2)).isoformat(), None
    raw["_embedded"]["episodes"] = [e for e in raw["_embedded"]["episodes"]
                                    if e["season"] != newest["number"]]
    week_ago = dt.datetime.combine(today - dt.timedelta(days=7), dt.time(12), tzinfo=dt.UTC)
    show = sync_show(parse_show(raw), now=week_ago).show  # before the new season began

    def credited() -> set[int]:
        return set(Credit.objects.filter(season__show=show).values_list("season__number",
                                                                        flat=True))

    before = credited()
    assert newest["number"] not in before and before
    with TvmazeFixtureServer(shows=[raw]) as srv:  # same stamp: not in TVmaze's updates
        settings.TVMAZE_URL, settings.TVMAZE_RATE = srv.url, "0"
        lines = refresh_tvmaze()
    assert f"{raw['name']}: updated" in "\n".join(lines), lines
    assert newest["number"] in credited()
