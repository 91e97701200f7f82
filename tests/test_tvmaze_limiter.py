"""Pacing: the sliding-window limiter on its own (fake time) and the client against a server
that enforces TVmaze's rate limit (real time, scaled down so the run stays short)."""

from __future__ import annotations

import email.utils
import threading
import time

import httpx
import pytest
from tvmaze_server import Faults, TvmazeFixtureServer, many_shows, max_in_window

from renewcast.sources.tvmaze import RateLimiter, TvmazeClient, TvmazeError
from renewcast.sources.tvmaze.limiter import retry_after_seconds

PROXY_VARIABLES = (
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


class FakeTime:
    """A clock that only moves when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def fake_limiter(calls: int, window: float) -> tuple[RateLimiter, FakeTime]:
    fake = FakeTime()
    return RateLimiter(calls, window, sleep=fake.sleep, clock=fake.clock), fake


def take_turns(limiter: RateLimiter, fake: FakeTime, count: int) -> list[float]:
    started = []
    for _ in range(count):
        with limiter.turn():
            started.append(fake.now)
    return started


# -- the limiter on its own --------------------------------------------------------------------


def test_a_full_window_blocks_until_its_oldest_call_leaves():
    limiter, fake = fake_limiter(3, 10.0)
    assert take_turns(limiter, fake, 7) == [0, 0, 0, 10, 10, 10, 20]
    assert fake.sleeps == [10.0, 10.0]
    assert limiter.waited == 20.0


def test_the_window_slides_rather_than_resetting():
    limiter, fake = fake_limiter(2, 10.0)
    with limiter.turn():
        pass
    fake.now = 6.0
    with limiter.turn():
        pass
    fake.now = 7.0
    assert limiter.wait_time() == 3.0  # the call at 0 leaves at 10; the one at 6 stays till 16
    assert take_turns(limiter, fake, 2) == [10.0, 16.0]


def test_a_turn_counts_from_when_its_answer_arrived():
    limiter, fake = fake_limiter(1, 10.0)
    with limiter.turn():
        fake.now += 4.0  # a slow response: the server saw the request any time up to here
    assert take_turns(limiter, fake, 1) == [14.0]


def test_slow_down_halves_once_per_window_and_never_below_one():
    limiter, fake = fake_limiter(20, 10.0)
    assert limiter.slow_down() and limiter.calls == 10
    assert not limiter.slow_down() and limiter.calls == 10  # the same burst of 429s
    allowed = []
    for _ in range(6):
        fake.now += 10.0
        limiter.slow_down()
        allowed.append(limiter.calls)
    assert allowed == [5, 2, 1, 1, 1, 1]
    assert limiter.limit == 20 and limiter.slowdowns == 4


def test_slowing_down_takes_effect_on_the_next_turns():
    limiter, fake = fake_limiter(4, 10.0)
    limiter.slow_down()
    assert take_turns(limiter, fake, 5) == [0, 0, 10, 10, 20]


def test_hold_pauses_every_caller():
    limiter, fake = fake_limiter(100, 1.0)
    limiter.hold(2.5)
    limiter.hold(1.0)  # a shorter hold never shortens a longer one
    assert take_turns(limiter, fake, 2) == [2.5, 2.5]
    assert limiter.waited == 2.5


@pytest.mark.parametrize("calls, window", [(0, 10.0), (-1, 10.0), (True, 10.0), (5, 0.0),
                                           (5, -1.0), (2.5, 10.0)])
def test_a_limit_must_make_sense(calls, window):
    with pytest.raises(ValueError):
        RateLimiter(calls, window)


def test_threads_share_one_window():
    limiter = RateLimiter(4, 0.5)
    started, lock = [], threading.Lock()

    def work():
        for _ in range(3):
            with limiter.turn():
                with lock:
                    started.append(time.monotonic())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(started) == 12
    assert max_in_window([_At(t) for t in started], 0.5) <= 4
    assert max(started) - min(started) >= 1.0  # 12 calls at 4 per half second: 3 full waits


def test_retry_after_is_read_as_seconds_or_a_date():
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds(" 0.2 ") == 0.2
    assert retry_after_seconds("-5") == 0.0
    assert retry_after_seconds("Mon, 01 Jan 2001 00:00:00 GMT") == 0.0  # already past
    future = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after_seconds(future) <= 31
    for bad in (None, "", "soon", "nan"):
        assert retry_after_seconds(bad) is None


class _At:
    def __init__(self, at: float) -> None:
        self.time = at


# -- the client's pacing --------------------------------------------------------------------


class RecordingTransport(httpx.BaseTransport):
    """Real HTTP, noting the fake clock's time as each request goes out."""

    def __init__(self, clock) -> None:
        self.inner = httpx.HTTPTransport()
        self.clock = clock
        self.sent: list[float] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(self.clock())
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_the_default_rate_waits_the_right_amounts():
    fake = FakeTime()
    transport = RecordingTransport(fake.clock)
    shows = many_shows(45)
    with TvmazeFixtureServer(shows=shows) as server, TvmazeClient(
        server.url, sleep=fake.sleep, clock=fake.clock, transport=transport
    ) as client:
        assert client.limiter.calls == 20 and client.limiter.window == 10.0  # the default
        names = [client.show(s["id"]).name for s in shows]
    assert names == [s["name"] for s in shows]
    assert transport.sent == [0.0] * 20 + [10.0] * 20 + [20.0] * 5
    assert fake.sleeps == [10.0, 10.0]
    assert client.stats.waited == 20.0 and client.stats.calls == 45
    assert client.stats.summary().endswith("waited 20.0 s for the rate limit")


def test_paced_calls_never_trip_a_server_that_enforces_the_limit():
    # TVmaze's 20 calls per 10 s, scaled down by ten on both sides to keep the test short.
    shows = many_shows(16)
    faults = Faults(enforce_rate=(5, 1.0))
    with TvmazeFixtureServer(shows=shows, faults=faults) as server, TvmazeClient(
        server.url, rate=(5, 1.0), retries=0
    ) as client:
        started = time.monotonic()
        names = [client.show(s["id"]).name for s in shows]
        elapsed = time.monotonic() - started
        requests = server.requests
    assert names == [s["name"] for s in shows]
    assert [r.status for r in requests] == [200] * 16
    assert max_in_window(requests, 1.0) <= 5
    assert elapsed >= 3.0  # 16 calls at 5 per second: three full waits
    assert client.stats.waited >= 2.5 and not client.stats.retries


def test_threads_sharing_a_client_are_paced_together():
    shows = many_shows(12)
    faults = Faults(enforce_rate=(4, 0.5))
    with TvmazeFixtureServer(shows=shows, faults=faults) as server, TvmazeClient(
        server.url, rate=(4, 0.5), retries=0
    ) as client:
        found, lock = {}, threading.Lock()

        def work(part):
            for data in part:
                show = client.show(data["id"])
                with lock:
                    found[show.tvmaze_id] = show.name

        threads = [threading.Thread(target=work, args=(shows[k::3],)) for k in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        requests = server.requests
    assert found == {s["id"]: s["name"] for s in shows}
    assert [r.status for r in requests] == [200] * 12
    assert max_in_window(requests, 0.5) <= 4
    assert client.stats.calls == 12


def test_without_pacing_the_same_server_answers_429():
    # The control for the two tests above: the server's check does bite.
    shows = many_shows(8)
    with TvmazeFixtureServer(shows=shows, faults=Faults(enforce_rate=(5, 1.0))) as server, \
            TvmazeClient(server.url, rate=None, retries=0) as client:
        with pytest.raises(TvmazeError) as caught:
            for data in shows:
                client.show(data["id"])
        statuses = [r.status for r in server.requests]
    assert statuses == [200] * 5 + [429]
    assert str(caught.value) == (
        f"TVmaze did not answer /shows/{shows[5]['id']} after 1 try "
        "(last: HTTP 429 Too Many Requests)")
