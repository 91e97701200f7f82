"""``renewcast.page_cache.PageCache`` around a small real WSGI application."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pytest

from renewcast.page_cache import PageCache

LAST_MODIFIED = "Tue, 08 Nov 2022 12:00:00 GMT"
ETAG = '"v1-etag"'


class Inner:
    """A WSGI app that counts its calls and answers with a configurable response."""

    def __init__(self, status: str = "200 OK", headers: list | None = None,
                 delay: float = 0.0):
        self.status = status
        self.headers = headers if headers is not None else [
            ("Content-Type", "text/html; charset=utf-8"), ("ETag", ETAG),
            ("Last-Modified", LAST_MODIFIED)]
        self.delay = delay
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self._lock:
            self.calls.append(environ["PATH_INFO"])
            n = len(self.calls)
        if self.delay:
            time.sleep(self.delay)
        start_response(self.status, list(self.headers))
        return [f"render {n} of {environ['PATH_INFO']}".encode()]


class Version:
    """The data stamp: a value the test changes, and how often it was read."""

    def __init__(self, value: object = "v1"):
        self.value, self.reads = value, 0

    def __call__(self):
        self.reads += 1
        return self.value


@dataclass
class Response:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def code(self) -> int:
        return int(self.status.split()[0])

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def get(app, path: str = "/shows/partner-track/", method: str = "GET", query: str = "",
        host: str = "testserver", **headers: str) -> Response:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "HTTP_HOST": host, "SERVER_NAME": "testserver", "SERVER_PORT": "80",
               "wsgi.url_scheme": "http"}
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    started: dict = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, list(response_headers)
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return Response(started["status"], started["headers"], body)


def cache(inner: Inner, version: Version | None = None, seconds: float = 3600,
          entries: int = 100) -> PageCache:
    return PageCache(inner, version or Version(), seconds, entries)


def test_second_identical_get_is_a_hit():
    inner = Inner()
    app = cache(inner)
    first = get(app)
    second = get(app)
    assert inner.calls == ["/shows/partner-track/"]
    assert first.code == second.code == 200
    assert first.header("X-Renewcast-Cache") == "miss"
    assert second.header("X-Renewcast-Cache") == "hit"
    assert first.body == second.body == b"render 1 of /shows/partner-track/"
    assert second.header("ETag") == ETAG
    assert second.header("Content-Type") == "text/html; charset=utf-8"
    assert second.header("Cache-Control") == "public, max-age=60"


def test_an_own_cache_control_is_kept():
    inner = Inner(headers=[("Content-Type", "text/plain"), ("Cache-Control", "max-age=5")])
    app = cache(inner)
    get(app)
    hit = get(app)
    assert hit.header("X-Renewcast-Cache") == "hit"
    assert [v for k, v in hit.headers if k.lower() == "cache-control"] == ["max-age=5"]


def test_path_query_and_host_are_separate_pages():
    inner = Inner()
    app = cache(inner)
    get(app, "/a/")
    get(app, "/b/")
    get(app, "/a/", query="x=1")
    get(app, "/a/", host="localhost")
    assert len(inner.calls) == 4
    assert get(app, "/a/", query="x=1").header("X-Renewcast-Cache") == "hit"
    assert len(inner.calls) == 4


def test_a_version_change_renders_again():
    inner, version = Inner(), Version("v1")
    app = cache(inner, version, seconds=1e-9)  # re-read on every request
    assert get(app).body == b"render 1 of /shows/partner-track/"
    assert get(app).header("X-Renewcast-Cache") == "hit"
    version.value = "v2"
    again = get(app)
    assert again.header("X-Renewcast-Cache") == "miss"
    assert again.body == b"render 2 of /shows/partner-track/"
    assert get(app).body == b"render 2 of /shows/partner-track/"
    assert len(inner.calls) == 2


def test_the_version_is_read_at_most_once_per_period_until_cleared():
    inner, version = Inner(), Version("v1")
    app = cache(inner, version, seconds=3600)
    for _ in range(5):
        get(app)
    get(app, "/other/")
    assert version.reads == 1
    version.value = "v2"  # not seen until the period is over
    stale = get(app)
    assert stale.header("X-Renewcast-Cache") == "hit"
    assert stale.body == b"render 1 of /shows/partner-track/"
    assert version.reads == 1
    app.clear()
    fresh = get(app)
    assert version.reads == 2
    assert fresh.header("X-Renewcast-Cache") == "miss"
    assert fresh.body == b"render 3 of /shows/partner-track/"


@pytest.mark.parametrize("headers", [
    [("Content-Type", "text/html"), ("Set-Cookie", "sessionid=abc; HttpOnly")],
    [("Content-Type", "text/html"), ("set-cookie", "csrftoken=x")],
    [("Content-Type", "text/html"), ("Vary", "Cookie")],
    [("Content-Type", "text/html"), ("Vary", "Accept-Encoding, Cookie")],
    [("Content-Type", "text/html"), ("Cache-Control", "private")],
    [("Content-Type", "text/html"), ("Cache-Control", "max-age=0, private")],
    [("Content-Type", "text/html"), ("Cache-Control", "no-store")],
], ids=["set-cookie", "set-cookie-lower", "vary-cookie", "vary-list", "private",
        "private-list", "no-store"])
def test_personal_responses_are_not_stored(headers):
    inner = Inner(headers=headers)
    app = cache(inner)
    first, second = get(app), get(app)
    assert len(inner.calls) == 2
    assert second.body == b"render 2 of /shows/partner-track/"
    assert first.header("X-Renewcast-Cache") is None
    assert second.header("X-Renewcast-Cache") is None
    assert second.headers == headers  # passed through untouched


@pytest.mark.parametrize("status", ["404 Not Found", "301 Moved Permanently",
                                    "500 Internal Server Error", "206 Partial Content"])
def test_other_statuses_are_not_stored(status):
    inner = Inner(status=status)
    app = cache(inner)
    first, second = get(app), get(app)
    assert first.status == second.status == status
    assert len(inner.calls) == 2
    assert second.header("X-Renewcast-Cache") is None


def test_cookie_in_a_second_vary_header_is_not_stored():
    inner = Inner(headers=[("Content-Type", "text/html"), ("Vary", "Accept-Encoding"),
                           ("Vary", "Cookie")])
    app = cache(inner)
    get(app)
    get(app)
    assert len(inner.calls) == 2


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/admin/"), ("GET", "/admin/catalog/show/"), ("GET", "/static/renewcast/site.css"),
    ("POST", "/shows/partner-track/"), ("HEAD", "/shows/partner-track/"),
    ("PUT", "/shows/partner-track/"),
])
def test_admin_static_and_other_methods_bypass_the_cache(method, path):
    inner, version = Inner(), Version()
    app = cache(inner, version)
    first, second = get(app, path, method=method), get(app, path, method=method)
    assert len(inner.calls) == 2
    assert first.header("X-Renewcast-Cache") is None
    assert second.header("X-Renewcast-Cache") is None
    assert version.reads == 0  # not even the data stamp is read


def test_a_post_does_not_disturb_the_stored_page():
    inner = Inner()
    app = cache(inner)
    get(app)
    get(app, method="POST")
    assert get(app).body == b"render 1 of /shows/partner-track/"
    assert len(inner.calls) == 2


def test_turned_off_by_zero_seconds_or_zero_entries():
    for seconds, entries in ((0, 100), (3600, 0)):
        inner = Inner()
        app = cache(inner, seconds=seconds, entries=entries)
        get(app)
        assert get(app).header("X-Renewcast-Cache") is None
        assert len(inner.calls) == 2


@pytest.mark.parametrize("match", [ETAG, f"W/{ETAG}", f'"other", {ETAG}', "*"])
def test_if_none_match_with_the_stored_etag_is_304(match):
    inner = Inner()
    app = cache(inner)
    get(app)
    response = get(app, IF_NONE_MATCH=match)
    assert response.code == 304
    assert response.body == b""
    assert response.header("ETag") == ETAG
    assert response.header("Last-Modified") == LAST_MODIFIED
    assert response.header("X-Renewcast-Cache") == "hit"
    assert response.header("Content-Type") is None
    assert len(inner.calls) == 1


def test_if_none_match_with_another_etag_is_the_page():
    inner = Inner()
    app = cache(inner)
    get(app)
    response = get(app, IF_NONE_MATCH='"stale"')
    assert response.code == 200
    assert response.body == b"render 1 of /shows/partner-track/"


def test_a_revalidating_first_request_is_304_and_fills_the_cache():
    inner = Inner()
    app = cache(inner)
    response = get(app, IF_NONE_MATCH=ETAG)
    assert response.code == 304 and response.body == b""
    assert get(app).body == b"render 1 of /shows/partner-track/"
    assert len(inner.calls) == 1


@pytest.mark.parametrize(("since", "code"), [
    (LAST_MODIFIED, 304),
    ("Wed, 09 Nov 2022 00:00:00 GMT", 304),
    ("Tue, 08 Nov 2022 11:59:59 GMT", 200),
    ("Mon, 01 Jan 2001 00:00:00 GMT", 200),
])
def test_if_modified_since(since, code):
    inner = Inner()
    app = cache(inner)
    get(app)
    response = get(app, IF_MODIFIED_SINCE=since)
    assert response.code == code
    assert response.body == (b"" if code == 304 else b"render 1 of /shows/partner-track/")
    assert len(inner.calls) == 1


def test_if_none_match_wins_over_if_modified_since():
    inner = Inner()
    app = cache(inner)
    get(app)
    response = get(app, IF_NONE_MATCH='"stale"', IF_MODIFIED_SINCE=LAST_MODIFIED)
    assert response.code == 200


def test_no_last_modified_means_no_304_by_date():
    inner = Inner(headers=[("Content-Type", "text/html")])
    app = cache(inner)
    get(app)
    assert get(app, IF_MODIFIED_SINCE=LAST_MODIFIED).code == 200


@pytest.mark.parametrize("since", [
    "garbage", "", "1", "Sun, 06 Nov 99999 08:49:37 GMT", "Tue, 08 Nov 2022 12:00:00 +2500",
    "Tue, 08 Nov 2022 12:00:00 -0000", "Tue, 32 Nov 2022 12:00:00 GMT",
])
def test_malformed_if_modified_since_is_ignored(since):
    inner = Inner()
    app = cache(inner)
    get(app)
    response = get(app, IF_MODIFIED_SINCE=since)
    assert response.code == 200
    assert response.body == b"render 1 of /shows/partner-track/"


def test_if_modified_since_with_a_huge_zone_offset_is_ignored():
    inner = Inner()
    app = cache(inner)
    get(app)
    response = get(app, IF_MODIFIED_SINCE="Tue, 08 Nov 2022 12:00:00 +99999999999999")
    assert response.code == 200


def test_least_recently_used_page_is_evicted():
    inner = Inner()
    app = cache(inner, entries=2)
    get(app, "/a/")
    get(app, "/b/")
    assert get(app, "/a/").header("X-Renewcast-Cache") == "hit"  # /b/ is now the oldest
    get(app, "/c/")  # evicts /b/
    assert inner.calls == ["/a/", "/b/", "/c/"]
    assert get(app, "/a/").header("X-Renewcast-Cache") == "hit"
    assert get(app, "/c/").header("X-Renewcast-Cache") == "hit"
    assert inner.calls == ["/a/", "/b/", "/c/"]
    assert get(app, "/b/").header("X-Renewcast-Cache") == "miss"  # evicts /a/
    assert inner.calls == ["/a/", "/b/", "/c/", "/b/"]
    assert get(app, "/a/").header("X-Renewcast-Cache") == "miss"
    assert inner.calls == ["/a/", "/b/", "/c/", "/b/", "/a/"]


def test_an_inner_error_releases_the_page_for_the_next_request():
    inner = Inner()
    failures = []

    def flaky(environ, start_response):
        if not failures:
            failures.append(1)
            raise RuntimeError("boom")
        return inner(environ, start_response)

    app = PageCache(flaky, Version(), 3600, 10)
    with pytest.raises(RuntimeError):
        get(app)
    assert get(app).header("X-Renewcast-Cache") == "miss"
    assert get(app).header("X-Renewcast-Cache") == "hit"
    assert len(inner.calls) == 1


def herd(app, n: int = 20) -> list[Response]:
    barrier = threading.Barrier(n)
    results: list[Response | BaseException] = [None] * n  # type: ignore[list-item]

    def ask(i: int) -> None:
        barrier.wait()
        try:
            results[i] = get(app)
        except BaseException as exc:  # reported below
            results[i] = exc

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    assert not [r for r in results if isinstance(r, BaseException)], results
    return results  # type: ignore[return-value]


def test_a_herd_asking_for_a_missing_page_causes_one_render():
    inner = Inner(delay=0.2)
    app = cache(inner)
    results = herd(app)
    assert len(inner.calls) == 1
    assert {r.code for r in results} == {200}
    assert {r.body for r in results} == {b"render 1 of /shows/partner-track/"}
    assert sorted(r.header("X-Renewcast-Cache") for r in results) == ["hit"] * 19 + ["miss"]


class SlowVersion(Version):
    """A data stamp that takes a moment to read, like the database queries of data_stamp."""

    def __call__(self):
        time.sleep(0.1)
        return super().__call__()


def test_a_herd_at_cold_start_with_a_slow_stamp_causes_one_render():
    inner = Inner(delay=0.2)
    app = cache(inner, SlowVersion("v1"))
    results = herd(app)
    assert {r.code for r in results} == {200}
    assert len(inner.calls) == 1
