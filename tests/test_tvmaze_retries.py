"""Retries against a misbehaving loopback TVmaze: 429 (with and without Retry-After), 503,
dropped connections, timeouts, and giving up with one clear line."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from tvmaze_server import Faults, TvmazeFixtureServer, many_shows

from renewcast.sources.tvmaze import TvmazeClient, TvmazeError

PROXY_VARIABLES = (
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
)
SHOWS = many_shows(8)
FAST = (100, 1.0)  # a limiter that never makes these short runs wait, so its halving shows


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def fetch_all(server: TvmazeFixtureServer, **options) -> tuple[TvmazeClient, list[str]]:
    with TvmazeClient(server.url, **options) as client:
        names = [client.show(data["id"]).name for data in SHOWS]
    return client, names


def statuses(server: TvmazeFixtureServer) -> Counter:
    return Counter(r.status for r in server.requests)


def test_429_with_retry_after_waits_what_tvmaze_asked_and_slows_down():
    faults = Faults(throttle_every=3, retry_after=0.2)
    with TvmazeFixtureServer(shows=SHOWS, faults=faults) as server:
        # backoff=5 would make any 429 retried without honouring Retry-After take seconds
        client, names = fetch_all(server, rate=FAST, backoff=5.0)
        seen = statuses(server)
    assert names == [s["name"] for s in SHOWS]
    assert seen[429] == 3 and seen[200] == 8
    assert client.stats.retries == Counter({"429": 3})
    assert client.stats.backoff == pytest.approx(0.6)
    assert client.stats.calls == 11
    assert client.limiter.calls < client.limiter.limit == 100


def test_429_without_retry_after_backs_off_exponentially_and_slows_down():
    faults = Faults(throttle_every=2, retry_after=None)
    with TvmazeFixtureServer(shows=SHOWS, faults=faults) as server:
        client, names = fetch_all(server, rate=FAST, backoff=0.05)
        seen = statuses(server)
    assert names == [s["name"] for s in SHOWS]
    assert client.stats.retries["429"] == seen[429] >= 4
    # Each 429 was followed by a success, so every wait was the first step: 0.05 s + jitter.
    assert 0.05 * seen[429] <= client.stats.backoff <= 0.055 * seen[429] + 1e-9
    assert client.limiter.calls == 50


def test_repeated_429s_on_one_call_back_off_exponentially():
    slept = []
    faults = Faults(throttle_every=1, retry_after=None)
    with TvmazeFixtureServer(shows=SHOWS, faults=faults) as server, TvmazeClient(
        server.url, rate=None, retries=4, backoff=1.0, max_backoff=5.0, sleep=slept.append
    ) as client:
        with pytest.raises(TvmazeError) as caught:
            client.show(SHOWS[0]["id"])
    assert len(slept) == 4
    for wait, base in zip(slept, (1.0, 2.0, 4.0, 5.0), strict=True):
        assert base <= wait <= base * 1.1  # capped at max_backoff, plus at most 10% jitter
    assert str(caught.value) == (f"TVmaze did not answer /shows/{SHOWS[0]['id']} after 5 tries "
                                 "(last: HTTP 429 Too Many Requests)")


def test_a_long_retry_after_is_capped_by_max_backoff():
    faults = Faults(throttle_every=2, retry_after=30)
    with TvmazeFixtureServer(shows=SHOWS, faults=faults) as server:
        client, names = fetch_all(server, rate=FAST, max_backoff=0.05)
    assert names == [s["name"] for s in SHOWS]
    assert client.stats.backoff == pytest.approx(0.05 * client.stats.retries["429"])


def test_503_is_retried_without_slowing_the_rate():
    with TvmazeFixtureServer(shows=SHOWS, faults=Faults(error_every=2)) as server:
        client, names = fetch_all(server, rate=FAST, backoff=0.01)
        seen = statuses(server)
    assert names == [s["name"] for s in SHOWS]
    assert seen[503] >= 4 and client.stats.retries == Counter({"5xx": seen[503]})
    assert client.limiter.calls == 100  # a busy server is not a rate limit
    assert client.stats.calls == len(server.requests)


def test_dropped_connections_are_retried():
    with TvmazeFixtureServer(shows=SHOWS, faults=Faults(drop_every=3)) as server:
        client, names = fetch_all(server, rate=FAST, backoff=0.01)
        seen = statuses(server)
    assert names == [s["name"] for s in SHOWS]
    assert seen[0] >= 3 and client.stats.retries == Counter({"connection": seen[0]})
    assert client.stats.calls == len(server.requests)


def test_timeouts_are_retried():
    faults = Faults(slow_every=2, slow_seconds=0.6)
    with TvmazeFixtureServer(shows=SHOWS[:4], faults=faults) as server:
        with TvmazeClient(server.url, rate=None, backoff=0.0, timeout=0.2) as client:
            names = [client.show(data["id"]).name for data in SHOWS[:4]]
    assert names == [s["name"] for s in SHOWS[:4]]
    assert client.stats.retries == Counter({"timeout": 3})  # requests 2, 4 and 6 stalled
    assert client.stats.calls == 7


@pytest.mark.parametrize("faults, last, reason", [
    (Faults(error_every=1), "HTTP 503 Service Unavailable", "5xx"),
    (Faults(drop_every=1), "connection dropped", "connection"),
    (Faults(throttle_every=1, retry_after=0), "HTTP 429 Too Many Requests", "429"),
])
def test_giving_up_after_the_retries_is_one_clear_line(faults, last, reason):
    show_id = SHOWS[0]["id"]
    with TvmazeFixtureServer(shows=SHOWS, faults=faults) as server, TvmazeClient(
        server.url, rate=FAST, retries=3, backoff=0.01
    ) as client:
        with pytest.raises(TvmazeError) as caught:
            client.show(show_id)
        sent = len(server.requests)
    message = str(caught.value)
    assert message == f"TVmaze did not answer /shows/{show_id} after 4 tries (last: {last})"
    assert "\n" not in message and "Traceback" not in message and "httpx" not in message
    error = caught.value  # nothing chained that a traceback would print
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    assert sent == 4 == client.stats.calls
    assert client.stats.retries == Counter({reason: 3})


def test_every_fault_at_once_across_threads():
    shows = many_shows(40)
    faults = Faults(throttle_every=5, retry_after=0.05, error_every=7, drop_every=11)
    with TvmazeFixtureServer(shows=shows, faults=faults) as server, TvmazeClient(
        server.url, rate=FAST, backoff=0.01, retries=8
    ) as client:
        found, lock = {}, threading.Lock()

        def work(part):
            for data in part:
                show = client.show(data["id"])
                with lock:
                    found[show.tvmaze_id] = (show.name, len(show.episodes))

        threads = [threading.Thread(target=work, args=(shows[k::4],)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seen = statuses(server)
    assert found == {s["id"]: (s["name"], len(s["_embedded"]["episodes"])) for s in shows}
    assert seen[200] == 40
    retried = client.stats.retries
    assert (retried["429"], retried["5xx"], retried["connection"]) == (seen[429], seen[503],
                                                                       seen[0])
    assert client.stats.calls == len(server.requests)
    assert client.limiter.calls < 100
    assert "retried" in client.stats.summary()
