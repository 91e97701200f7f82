"""The TVmaze client over real loopback HTTP: endpoints, parsing, errors and the cache.

Every test talks to tests/tvmaze_server.py on 127.0.0.1; nothing here touches the
network. Retries and pacing have their own files (test_tvmaze_retries.py,
test_tvmaze_limiter.py).
"""

from __future__ import annotations

import datetime as dt
import json
import socket

import httpx
import pytest
from tvmaze_server import TvmazeFixtureServer, load_fixture_shows, many_shows

from renewcast.sources.errors import SourceError
from renewcast.sources.tvmaze import (
    ClientStats,
    TvmazeClient,
    TvmazeError,
    TvmazeNotFound,
    parse_rate,
    parse_show,
)

PROXY_VARIABLES = (
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
)
WEDNESDAY, THE_BEAR, SEVERANCE, IMPERFECTS, EIGHTEEN99 = 53647, 58186, 44933, 61001, 55914


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server():
    with TvmazeFixtureServer(shows=load_fixture_shows() + many_shows(30)) as running:
        yield running


@pytest.fixture
def fresh_server():
    with TvmazeFixtureServer(shows=load_fixture_shows()) as running:
        yield running


@pytest.fixture
def client(server):
    with TvmazeClient(server.url, rate=None, backoff=0.0) as made:
        yield made


def one_line(exc_info) -> str:
    message = str(exc_info.value)
    assert message and "\n" not in message and "Traceback" not in message
    return message


# -- the endpoints -------------------------------------------------------------------------


def test_search_matches_case_insensitively_and_puts_the_best_first(client):
    matches = client.search("WEDNESDAY")
    assert matches[0].show.tvmaze_id == WEDNESDAY
    assert matches[0].show.name == "Wednesday"
    assert isinstance(matches[0].score, float) and matches[0].score > 0
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert matches[0].show.seasons == ()  # search results carry no embeds
    assert client.search("no show is called this at all") == []


def test_search_refuses_an_empty_title(client, server):
    before = len(server.requests)
    with pytest.raises(TvmazeError) as caught:
        client.search("   ")
    assert one_line(caught) == "a TVmaze search needs a title"
    assert len(server.requests) == before


def test_best_match_uses_singlesearch_and_is_none_when_nothing_matches(client, server):
    assert client.best_match("the imperfects").tvmaze_id == IMPERFECTS
    assert client.best_match("1899").tvmaze_id == EIGHTEEN99
    assert client.best_match("qqqq xxxx zzzz") is None
    last = server.requests[-1]
    assert last.path.startswith("/singlesearch/shows?q=") and last.status == 404


def test_by_imdb_follows_tvmazes_redirect(server):
    with TvmazeClient(server.url, rate=None) as client:
        show = client.by_imdb(" tt11280740 ")
        assert client.stats.calls == 2  # the 301 and the show: each hop is paced and counted
    assert show.tvmaze_id == SEVERANCE and show.name == "Severance"
    lookup, target = server.requests[-2:]
    assert (lookup.path, lookup.status) == ("/lookup/shows?imdb=tt11280740", 301)
    assert (target.path, target.status) == (f"/shows/{SEVERANCE}", 200)


def test_by_imdb_is_none_for_an_unknown_id(client, server):
    assert client.by_imdb("tt0000001") is None
    assert server.requests[-1].status == 404


@pytest.mark.parametrize("bad", ["0944947", "tt", "nm0000123", "tt12ab", "", "tt1 tt2", None])
def test_by_imdb_refuses_what_is_not_an_imdb_id(client, server, bad):
    before = len(server.requests)
    with pytest.raises(TvmazeError) as caught:
        client.by_imdb(bad)
    assert one_line(caught).endswith("is not an IMDb id like tt0944947")
    assert len(server.requests) == before  # refused before asking


def test_show_asks_once_with_all_four_embeds(client, server):
    client.show(WEDNESDAY)
    request = server.requests[-1]
    assert request.path.startswith(f"/shows/{WEDNESDAY}?")
    for embed in ("seasons", "episodes", "cast", "crew"):
        assert f"embed%5B%5D={embed}" in request.path
    assert client.stats.calls == 1


def test_show_parses_seasons_episodes_specials_cast_and_crew(client):
    show = client.show(WEDNESDAY)
    assert (show.name, show.kind, show.language, show.status) == (
        "Wednesday", "Scripted", "English", "Running")
    assert (show.platform, show.platform_kind, show.country) == ("Netflix", "web", None)
    assert show.imdb_id == "tt13443470"
    assert show.premiered == dt.date(2022, 11, 23) and show.ended is None
    assert show.genres == ("Comedy", "Mystery", "Supernatural")
    assert show.updated == 1_757_400_000
    assert show.summary.startswith("Wednesday follows Wednesday Addams") and "<" not in show.summary

    assert [s.number for s in show.seasons] == [1, 2, 3]
    two, three = show.seasons[1], show.seasons[2]
    assert (two.premiere_date, two.end_date) == (dt.date(2025, 8, 6), dt.date(2025, 9, 3))
    assert (two.episode_order, two.platform) == (8, "Netflix")
    assert (three.premiere_date, three.end_date, three.episode_order) == (None, None, None)

    assert len(show.episodes) == 17
    specials = [e for e in show.episodes if e.special]
    assert [(e.season, e.number, e.name) for e in specials] == [
        (2, None, "Wednesday: Inside the Woe")]
    finale = [e for e in show.episodes if (e.season, e.number) == (2, 8)][0]
    assert (finale.name, finale.airdate, finale.runtime) == (
        "This Means Woe", dt.date(2025, 9, 3), 55)

    roles = {role.person.name: role for role in show.cast}
    assert roles["Jenna Ortega"].character == "Wednesday Addams"
    assert roles["Steve Buscemi"].character == "Barry Dort"
    assert not roles["Jenna Ortega"].voice and not roles["Jenna Ortega"].self_
    jobs = {}
    for role in show.crew:
        jobs.setdefault(role.person.name, set()).add(role.job)
    assert jobs["Alfred Gough"] == {"Creator", "Executive Producer"}
    assert jobs["Tim Burton"] == {"Executive Producer"}


def test_show_platform_comes_from_the_network_or_the_web_channel(client):
    bear = client.show(THE_BEAR)
    assert (bear.platform, bear.platform_kind, bear.country) == ("FX", "network", "US")
    assert [s.number for s in bear.seasons] == [1, 2, 3, 4, 5]
    assert bear.seasons[3].premiere_date == dt.date(2025, 6, 25)
    assert bear.seasons[4].premiere_date is None  # announced, not scheduled
    assert {r.person.name: r.character for r in bear.cast}["Ayo Edebiri"] == "Sydney Adamu"

    severance = client.show(SEVERANCE)
    assert (severance.platform, severance.platform_kind) == ("Apple TV+", "web")
    first = [e.airdate for e in severance.episodes if e.season == 1]
    assert first[:3] == [dt.date(2022, 2, 18), dt.date(2022, 2, 18), dt.date(2022, 2, 25)]
    assert severance.seasons[1].end_date == dt.date(2025, 3, 21)

    imperfects = client.show(IMPERFECTS)
    assert (imperfects.status, imperfects.ended) == ("Ended", dt.date(2022, 9, 8))
    assert len(imperfects.seasons) == 1 and len(imperfects.episodes) == 10


def test_synthetic_shows_without_a_platform_parse_too(client, server):
    nowhere = [s for s in many_shows(30) if s["network"] is None and s["webChannel"] is None]
    assert nowhere
    show = client.show(nowhere[0]["id"])
    assert (show.platform, show.platform_kind, show.country) == (None, None, None)
    assert show.seasons and show.episodes and show.cast and show.crew


def test_an_unknown_show_raises_not_found(client, server):
    with pytest.raises(TvmazeNotFound) as caught:
        client.show(999_999)
    assert one_line(caught) == "TVmaze has no show 999999"
    assert isinstance(caught.value, TvmazeError) and isinstance(caught.value, SourceError)
    assert server.requests[-1].status == 404
    assert client.stats.calls == 1  # a 404 is an answer, not a reason to retry


@pytest.mark.parametrize("bad", [0, -3, "5", True, 2.0])
def test_show_refuses_what_is_not_an_id(client, bad):
    with pytest.raises(TvmazeError) as caught:
        client.show(bad)
    assert "is not a TVmaze show id" in one_line(caught)


def test_updates_maps_show_ids_to_timestamps(client):
    updates = client.updates("week")
    assert updates[WEDNESDAY] == 1_757_400_000
    assert len(updates) == 35 and all(isinstance(k, int) for k in updates)
    assert client.updates() == updates  # since defaults to day


@pytest.mark.parametrize("bad", ["year", "", "DAY", None])
def test_updates_refuses_an_unknown_since(client, bad):
    with pytest.raises(TvmazeError) as caught:
        client.updates(bad)
    assert one_line(caught).startswith("since must be day, week or month")


# -- answers that cannot be used ---------------------------------------------------------


def test_a_body_that_is_not_json_is_one_clear_error(fresh_server):
    fresh_server.override(f"/shows/{IMPERFECTS}", 200, b"<html><body>Maintenance</body></html>")
    with TvmazeClient(fresh_server.url, rate=None) as client, pytest.raises(TvmazeError) as caught:
        client.show(IMPERFECTS)
    assert one_line(caught) == f"TVmaze sent something that is not JSON for /shows/{IMPERFECTS}"


def test_json_that_is_not_a_show_is_refused(fresh_server):
    fresh_server.override("/shows/5", 200, b'{"code": 0}', "application/json")
    fresh_server.override("/shows/6", 200, b"[1, 2]", "application/json")
    with TvmazeClient(fresh_server.url, rate=None) as client:
        with pytest.raises(TvmazeError) as caught:
            client.show(5)
        assert one_line(caught) == "TVmaze sent something that is not a show (it has no id)"
        with pytest.raises(TvmazeError) as caught:
            client.show(6)
        assert one_line(caught) == "TVmaze sent a list where a show was expected"


def test_other_client_errors_are_not_retried(fresh_server):
    fresh_server.override("/shows/7", 400, b'{"name": "Bad Request"}', "application/json")
    with TvmazeClient(fresh_server.url, rate=None, backoff=0.0) as client:
        with pytest.raises(TvmazeError) as caught:
            client.show(7)
        assert one_line(caught) == "TVmaze answered HTTP 400 Bad Request for /shows/7"
        assert client.stats.calls == 1 and not client.stats.retries
    assert [r.status for r in fresh_server.requests] == [400]


def test_nobody_listening_is_one_line_after_the_retries():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with TvmazeClient(f"http://127.0.0.1:{port}", rate=None, retries=2, backoff=0.0) as client:
        with pytest.raises(TvmazeError) as caught:
            client.show(12)
        assert client.stats.retries["connection"] == 2
    assert one_line(caught) == (
        "TVmaze did not answer /shows/12 after 3 tries (last: could not connect)")


@pytest.mark.parametrize("bad", ["", "api.tvmaze.com", "ftp://api.tvmaze.com"])
def test_the_base_url_must_be_http(bad):
    with pytest.raises(TvmazeError) as caught:
        TvmazeClient(bad)
    assert "is not an http(s) URL" in one_line(caught)


def test_a_base_url_with_a_path_prefix_is_kept(fresh_server):
    with TvmazeClient(fresh_server.url + "/", rate=None) as client:
        assert client.show(WEDNESDAY).name == "Wednesday"
    with TvmazeClient(fresh_server.url + "/mirror", rate=None) as client:
        assert client.best_match("wednesday") is None  # the fixture has no /mirror: a 404
    assert fresh_server.requests[-1].path.startswith("/mirror/singlesearch/shows?q=")


# -- parsing on its own ----------------------------------------------------------------------


def test_parse_show_tolerates_missing_and_null_fields():
    show = parse_show({"id": 7, "name": " Bare ", "network": None, "webChannel": None,
                       "genres": None, "premiered": None, "ended": "", "summary": None,
                       "externals": None, "updated": None,
                       "_embedded": {"seasons": [{"id": 70, "number": 1}, {"bad": True}, 3],
                                     "episodes": [{"id": 700, "season": 1, "airdate": "",
                                                   "number": None, "runtime": None}],
                                     "cast": [{"person": {"id": 1, "name": "A"},
                                               "character": None, "voice": True},
                                              {"person": None}],
                                     "crew": "nonsense"}})
    assert (show.tvmaze_id, show.name, show.url, show.kind, show.language, show.status) == (
        7, "Bare", "", "", "", "")
    assert (show.platform, show.platform_kind, show.country, show.imdb_id) == (
        None, None, None, None)
    assert (show.genres, show.premiered, show.ended, show.summary, show.updated) == (
        (), None, None, "", None)
    assert len(show.seasons) == 1 and show.seasons[0].premiere_date is None
    episode = show.episodes[0]
    assert (episode.airdate, episode.number, episode.runtime, episode.special) == (
        None, None, None, False)
    assert show.cast[0].character == "" and show.cast[0].voice and not show.cast[0].self_
    assert show.crew == ()


def test_parse_show_turns_the_html_summary_into_plain_text():
    show = parse_show({"id": 1, "name": "X", "summary":
                       "<p><b>X</b> is <i>good</i> &amp; brief.</p><p>Second&nbsp;part.</p>"})
    assert show.summary == "X is good & brief. Second part."


@pytest.mark.parametrize("data, message", [
    ({"name": "No id"}, "TVmaze sent something that is not a show (it has no id)"),
    ({"id": 3, "name": ""}, "TVmaze sent something that is not a show (it has no name)"),
    ({"id": "x", "name": "Y"}, "TVmaze sent something that is not a show (it has no id)"),
    (None, "TVmaze sent null where a show was expected"),
    ("text", "TVmaze sent a str where a show was expected"),
])
def test_parse_show_refuses_what_is_not_a_show(data, message):
    with pytest.raises(TvmazeError) as caught:
        parse_show(data)
    assert one_line(caught) == message


def test_every_fixture_file_is_a_show_in_the_documented_format():
    shows = load_fixture_shows()
    assert {s["name"] for s in shows} >= {"The Imperfects", "Wednesday", "The Bear", "Severance"}
    for data in shows:
        assert set(data["_embedded"]) == {"seasons", "episodes", "cast", "crew"}
        parsed = parse_show(data)
        numbers = {s.number for s in parsed.seasons}
        assert {e.season for e in parsed.episodes} <= numbers
        assert all(role.character for role in parsed.cast)
        assert parsed.crew and parsed.url.startswith("https://www.tvmaze.com/shows/")


def test_parse_rate():
    assert parse_rate("20/10") == (20, 10.0)
    assert parse_rate(" 5 / 0.5s ") == (5, 0.5)
    assert parse_rate("0") is None and parse_rate("") is None and parse_rate("0/10") is None
    for bad in ("fast", "20", "20/0", "-1/10", "20/10/3", "1.5/10"):
        with pytest.raises(ValueError) as caught:
            parse_rate(bad)
        assert repr(bad) in str(caught.value)


def test_stats_summary_reads_as_one_line():
    stats = ClientStats(calls=57, cache_hits=3, waited=12.06)
    stats.retries.update({"429": 3, "connection": 1})
    assert stats.summary() == ("57 calls, 3 answered from cache, 4 retried (429: 3, "
                               "connection: 1), waited 12.1 s for the rate limit")
    stats.backoff = 2.5
    assert stats.summary().endswith(", backed off 2.5 s")
    assert ClientStats(calls=1).summary().startswith("1 call, 0 answered from cache, 0 retried")


# -- the cache ------------------------------------------------------------------------------


def test_an_unchanged_show_comes_back_as_304_from_the_cache(fresh_server):
    with TvmazeClient(fresh_server.url, rate=None) as client:
        first = client.show(WEDNESDAY)
        second = client.show(WEDNESDAY)
        assert second == first
        assert client.stats.cache_hits == 1 and client.stats.calls == 2
        assert [r.status for r in fresh_server.requests] == [200, 304]

        changed = fresh_server.get_show(WEDNESDAY)
        changed["updated"] += 60
        changed["_embedded"]["seasons"][2]["premiereDate"] = "2027-08-04"
        fresh_server.set_show(changed)
        third = client.show(WEDNESDAY)
        assert third.seasons[2].premiere_date == dt.date(2027, 8, 4)
        assert third.updated == first.updated + 60
        assert client.stats.cache_hits == 1
        assert fresh_server.requests[-1].status == 200
        assert client.show(WEDNESDAY) == third and client.stats.cache_hits == 2


def test_the_disk_cache_is_reused_by_the_next_client(fresh_server, tmp_path):
    cache = tmp_path / "tvmaze-cache"
    with TvmazeClient(fresh_server.url, rate=None, cache_dir=cache) as client:
        first = client.show(SEVERANCE)
        assert client.stats.cache_hits == 0
    files = list(cache.glob("*.json"))
    assert len(files) == 1 and not list(cache.glob(".tmp-*"))
    stored = json.loads(files[0].read_text())
    assert stored["url"].startswith(fresh_server.url + f"/shows/{SEVERANCE}?") and stored["etag"]

    with TvmazeClient(fresh_server.url, rate=None, cache_dir=cache) as later:
        assert later.show(SEVERANCE) == first
        assert later.stats.cache_hits == 1
    assert fresh_server.requests[-1].status == 304

    files[0].write_text("{not json")  # a damaged entry is ignored, never an error
    with TvmazeClient(fresh_server.url, rate=None, cache_dir=cache) as damaged:
        assert damaged.show(SEVERANCE) == first
        assert damaged.stats.cache_hits == 0
    assert fresh_server.requests[-1].status == 200


def test_the_fixture_server_honours_if_modified_since(fresh_server):
    url = f"{fresh_server.url}/shows/{IMPERFECTS}"
    with httpx.Client() as http:
        fresh = http.get(url)
        stamp = fresh.headers["last-modified"]
        assert fresh.status_code == 200 and fresh.headers["etag"]
        assert http.get(url, headers={"If-Modified-Since": stamp}).status_code == 304
        older = "Mon, 01 Jan 2001 00:00:00 GMT"
        assert http.get(url, headers={"If-Modified-Since": older}).status_code == 200
        # If-None-Match wins over If-Modified-Since, as RFC 9110 says.
        both = {"If-None-Match": '"other"', "If-Modified-Since": stamp}
        assert http.get(url, headers=both).status_code == 200
