"""Serve unchanged public pages from memory, in front of Django.

A season page takes tens of milliseconds to render, and on a decision day thousands of
readers a minute ask for the same bytes. This WSGI layer keeps each rendered anonymous
GET response together with the catalog's change stamp (``data_stamp``, with the
community's ``community_stamp``) and, while the
stamp is unchanged, answers from memory (with its ETag, and 304s for revalidations)
without entering Django. The stamp is read at most once per
``RENEWCAST_PAGE_CACHE_SECONDS``, so an editor's change reaches every server process
within that time; 0 turns the cache off.

Only responses that are the same for everyone are kept: 200s that set no cookie, do
not vary by cookie and are not marked private; the admin is never cached.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

MAX_BODY = 4 * 1024 * 1024
SKIP_PREFIXES = ("/admin/", "/static/")
BROWSER_MAX_AGE = "public, max-age=60"
WAIT_SECONDS = 10


@dataclass(frozen=True)
class Entry:
    version: object
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        """All values of header ``name``, joined as one (a response may repeat Vary)."""
        name = name.lower()
        values = [v for k, v in self.headers if k.lower() == name]
        return ", ".join(values) if values else None


class PageCache:
    def __init__(self, app: Callable, version: Callable[[], object], seconds: float,
                 entries: int):
        self.app, self._read_version = app, version
        self.seconds, self.capacity = seconds, entries
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._version: object = None
        self._checked = float("-inf")
        self._refreshing = threading.Lock()
        self._filling: dict[tuple, threading.Event] = {}

    def __call__(self, environ, start_response):
        if not self._wanted(environ):
            return self.app(environ, start_response)
        key = (environ.get("HTTP_HOST", ""), environ.get("PATH_INFO", ""),
               environ.get("QUERY_STRING", ""))
        version = self.version()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is not None and entry.version == version:
            return self._answer(entry, environ, start_response, "hit")
        # One request renders a missing page; the others arriving meanwhile wait for it
        # instead of all rendering the same page at once (a decision day's first second).
        with self._lock:
            filling = self._filling.get(key)
            if filling is None:
                self._filling[key] = threading.Event()
        if filling is not None:
            filling.wait(timeout=WAIT_SECONDS)
            with self._lock:
                entry = self._entries.get(key)
            if entry is not None and entry.version == version:
                return self._answer(entry, environ, start_response, "hit")
            return self.app(environ, start_response)
        try:
            return self._render(key, version, environ, start_response)
        finally:
            with self._lock:
                self._filling.pop(key).set()

    def _render(self, key, version, environ, start_response):
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None  # the body comes back through the iterable

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        entry = Entry(version, captured["status"], list(captured["headers"]), body)
        if self._storable(entry):
            entry = Entry(version, entry.status, _with_cache_control(entry.headers), body)
            with self._lock:
                self._entries[key] = entry
                while len(self._entries) > self.capacity:
                    self._entries.popitem(last=False)
            return self._answer(entry, environ, start_response, "miss")
        start_response(entry.status, entry.headers)
        return [body]

    def version(self) -> object:
        """The data stamp, re-read at most once per ``seconds`` by one thread at a time."""
        now = time.monotonic()
        # Until the first read finishes everyone waits for it: there is no version to use.
        first = self._checked == float("-inf")
        if now - self._checked >= self.seconds and self._refreshing.acquire(blocking=first):
            if first and self._checked != float("-inf"):
                self._refreshing.release()  # another thread read it while this one waited
                return self._version
            try:
                self._version = self._read_version()
                self._checked = time.monotonic()
            finally:
                self._refreshing.release()
        return self._version

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
        self._checked = float("-inf")

    def _wanted(self, environ) -> bool:
        return (self.seconds > 0 and self.capacity > 0
                and environ.get("REQUEST_METHOD") == "GET"
                and not environ.get("PATH_INFO", "").startswith(SKIP_PREFIXES))

    @staticmethod
    def _storable(entry: Entry) -> bool:
        if not entry.status.startswith("200") or len(entry.body) > MAX_BODY:
            return False
        if entry.header("Set-Cookie") is not None:
            return False
        vary = (entry.header("Vary") or "").lower()
        control = (entry.header("Cache-Control") or "").lower()
        return "cookie" not in vary and "private" not in control and "no-store" not in control

    @staticmethod
    def _answer(entry: Entry, environ, start_response, how: str):
        headers = [*entry.headers, ("X-Renewcast-Cache", how)]
        if _not_modified(entry, environ):
            keep = {"etag", "last-modified", "cache-control", "vary", "x-renewcast-cache"}
            start_response("304 Not Modified", [h for h in headers if h[0].lower() in keep])
            return [b""]
        start_response(entry.status, headers)
        return [entry.body]


def _with_cache_control(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    if any(k.lower() == "cache-control" for k, _ in headers):
        return headers
    return [*headers, ("Cache-Control", BROWSER_MAX_AGE)]


def _not_modified(entry: Entry, environ) -> bool:
    etag = entry.header("ETag")
    match = environ.get("HTTP_IF_NONE_MATCH")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return etag is not None and ("*" in tags or etag.removeprefix("W/") in tags)
    since, modified = environ.get("HTTP_IF_MODIFIED_SINCE"), entry.header("Last-Modified")
    if since and modified:
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError, OverflowError, IndexError):
            return False  # an unreadable date is no date: send the page
    return False


def wrap(app: Callable) -> Callable:
    """``app`` behind a page cache configured by the settings (or ``app`` itself if off)."""
    from django.conf import settings

    from renewcast.catalog.forecasting import data_stamp
    from renewcast.community.stamp import community_stamp

    if settings.PAGE_CACHE_SECONDS <= 0 or settings.PAGE_CACHE_ENTRIES <= 0:
        return app
    return PageCache(app, lambda: (data_stamp(), community_stamp()),
                     settings.PAGE_CACHE_SECONDS, settings.PAGE_CACHE_ENTRIES)
