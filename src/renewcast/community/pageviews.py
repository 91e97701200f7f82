"""Count readers' views of show and season pages on the server, with no cookie and no tracker.

"Most popular" and "Trending" (:mod:`renewcast.community.popularity`) need to know what
people read, and a third-party tracker or a cookie would tell someone else, or keep
something about the reader. This WSGI layer sits in front of the page cache, so pages
answered from memory count as well, and it counts a GET of ``/shows/<slug>/`` or
``/shows/<slug>/season-<n>/`` that was answered 200 or 304.

Not counted: other methods, bots and scripts (by their User-Agent), prefetches and
previews, and the same reader opening the same page again within 30 minutes. A reader is
recognised only for those 30 minutes, in this process's memory, by a hash of (address,
User-Agent, page) keyed with a random secret made at start-up and never written down;
the table of those hashes is bounded and is never stored. What is stored is one number
per page and hour (``PageView``).

Counts gather in memory and a daemon thread adds them to the database every
``VIEW_FLUSH_SECONDS`` (and once more when the process exits), so a view costs a dict
update and never a query. Counting must not hurt a page: its errors are logged, never
raised.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

PAGE = re.compile(r"/shows/(?P<slug>[^/]+)/(?:season-(?P<number>[1-9][0-9]{0,3})/)?")
# Browsers always send a User-Agent naming a browser; an empty one is a script.
# "HeadlessChrome" is deliberately not here: the site's own browser tests use it.
BOTS = re.compile(r"bot|spider|crawl|slurp|preview|facebookexternalhit|lighthouse|curl/|wget/"
                  r"|python-|httpx|go-http-client|java/|libwww|scrapy|^\s*$", re.IGNORECASE)
# Chrome sends Sec-Purpose (and Purpose), Firefox X-Moz, Safari's previews X-Purpose.
PURPOSE_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")
COUNTED_STATUSES = ("200", "304")
REPEAT_SECONDS = 30 * 60
# About 180 bytes each, so some 9 MB when full. Past it the oldest are forgotten early, so a
# reader coming back within 30 minutes might count twice on a very busy server.
MAX_READERS = 50_000
KEEP = timedelta(days=35)  # hour rows older than this are deleted, once an hour

Page = tuple[str, int]  # (slug, season number; 0 for the show page)
Key = tuple[str, int, datetime]  # a page and the hour its views fall in


def page_of(environ) -> Page | None:
    """The show or season page a request would count for, if it is one that counts."""
    if environ.get("REQUEST_METHOD") != "GET":
        return None
    match = PAGE.fullmatch(environ.get("PATH_INFO", ""))
    if match is None or BOTS.search(environ.get("HTTP_USER_AGENT", "")):
        return None
    for header in PURPOSE_HEADERS:
        purpose = environ.get(header, "").lower()
        if "prefetch" in purpose or "preview" in purpose:
            return None
    return match["slug"], int(match["number"] or 0)


def _address(environ) -> str:
    from renewcast.community.clients import client_address

    # The same rule as rate limits (behind a proxy, the hop the proxy saw); it reads only META.
    return client_address(SimpleNamespace(META=environ))


def _this_hour() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


class ViewCounter:
    """Views counted in memory, per page and hour, until :meth:`flush` writes them."""

    def __init__(self, flush_seconds: float | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 hour: Callable[[], datetime] = _this_hour, max_readers: int = MAX_READERS):
        self.flush_seconds = flush_seconds  # None: no thread, the caller flushes
        self._clock, self._hour, self.max_readers = clock, hour, max_readers
        self._secret = secrets.token_bytes(32)  # made per process and never stored
        self._seen: OrderedDict[bytes, float] = OrderedDict()  # oldest first
        self._pending: dict[Key, int] = {}
        self._lock = threading.Lock()
        self._flushing = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._pruned: datetime | None = None

    def reader(self, environ, page: Page) -> bytes:
        text = "\0".join((_address(environ), environ.get("HTTP_USER_AGENT", ""), page[0],
                          str(page[1])))
        return hashlib.blake2b(text.encode(), key=self._secret, digest_size=16).digest()

    def record(self, page: Page, reader: bytes) -> bool:
        """Count one view of ``page`` unless this reader was counted on it lately."""
        now = self._clock()
        with self._lock:
            last = self._seen.get(reader)
            if last is not None and now - last < REPEAT_SECONDS:
                return False
            self._seen[reader] = now
            self._seen.move_to_end(reader)
            while self._seen:
                oldest = next(iter(self._seen.values()))
                if now - oldest < REPEAT_SECONDS and len(self._seen) <= self.max_readers:
                    break
                self._seen.popitem(last=False)
            key = (*page, self._hour())
            self._pending[key] = self._pending.get(key, 0) + 1
        self._start()
        return True

    def pending(self) -> dict[Key, int]:
        with self._lock:
            return dict(self._pending)

    def readers(self) -> int:
        with self._lock:
            return len(self._seen)

    def flush(self) -> int:
        """Add the counts gathered so far to the database; the number of views written.

        If the write fails the counts go back to wait for the next flush: the whole flush
        is one transaction, so none of them was written.
        """
        with self._flushing:
            with self._lock:
                counts, self._pending = self._pending, {}
            if self._pruned != self._hour():
                self._pruned = self._hour()
                try:
                    prune(self._pruned)
                except Exception:
                    logger.exception("could not delete old page views")
            if not counts:
                return 0
            try:
                return save_counts(counts)
            except Exception:
                logger.exception("could not save %d page-view counts; keeping them",
                                 len(counts))
                with self._lock:
                    for key, n in counts.items():
                        self._pending[key] = self._pending.get(key, 0) + n
                return 0

    def stop(self) -> None:
        self._stop.set()

    def _start(self) -> None:
        # Started on the first view, not at import: `renewcast serve` imports the WSGI
        # application before it creates the database, and a forked worker needs its own.
        if not self.flush_seconds or (self._thread is not None and self._thread.is_alive()):
            return
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            first = self._thread is None
            self._thread = threading.Thread(target=self._run, name="renewcast-page-views",
                                            daemon=True)
            self._thread.start()
        if first:
            atexit.register(self._flush_quietly)

    def _run(self) -> None:
        while not self._stop.wait(self.flush_seconds):
            self._flush_quietly()

    def _flush_quietly(self) -> None:
        try:
            close_old_connections()  # this thread has no requests to do it
            self.flush()
            close_old_connections()
        except Exception:
            logger.exception("page-view flush failed")


def prune(now: datetime) -> int:
    """Delete hour rows older than ``KEEP``: the lists read one week, editors may want a
    month, and nothing needs the table to grow for ever. The number of rows deleted."""
    from renewcast.community.models import PageView

    deleted, _ = PageView.objects.filter(hour__lt=now - KEEP).delete()
    return deleted


def save_counts(counts: dict[Key, int]) -> int:
    """Add ``counts`` to the PageView rows in one transaction; unknown slugs are dropped."""
    from renewcast.catalog.models import Show

    shows = dict(Show.objects.filter(slug__in={slug for slug, _, _ in counts})
                 .values_list("slug", "id"))
    rows = sorted((shows[slug], number, hour, n) for (slug, number, hour), n in counts.items()
                  if slug in shows and n > 0)
    # Sorted, so two processes flushing at once lock rows in the same order (no deadlock).
    with transaction.atomic():
        for show_id, number, hour, n in rows:
            if not _add(show_id, number, hour, n):
                _create_or_add(show_id, number, hour, n)
    return sum(n for *_, n in rows)


def _add(show_id: int, number: int, hour: datetime, n: int) -> bool:
    from renewcast.community.models import PageView

    return bool(PageView.objects.filter(show_id=show_id, season_number=number, hour=hour)
                .update(count=F("count") + n))


def _create_or_add(show_id: int, number: int, hour: datetime, n: int) -> None:
    from renewcast.community.models import PageView

    try:
        with transaction.atomic():
            PageView.objects.create(show_id=show_id, season_number=number, hour=hour, count=n)
    except IntegrityError:
        # Another process made the row between our update and this insert.
        if not _add(show_id, number, hour, n):
            raise


class CountViews:
    """The WSGI layer: passes every request on, and counts the ones that are page views."""

    def __init__(self, app: Callable, counter: ViewCounter):
        self.app, self.counter = app, counter

    def __call__(self, environ, start_response):
        try:
            page = page_of(environ)
        except Exception:
            logger.exception("page-view counting failed")
            page = None
        if page is None:
            return self.app(environ, start_response)

        def counting_start_response(status, headers, exc_info=None):
            if status[:3] in COUNTED_STATUSES:
                try:
                    self.counter.record(page, self.counter.reader(environ, page))
                except Exception:
                    logger.exception("page-view counting failed")
            return start_response(status, headers, exc_info)

        return self.app(environ, counting_start_response)


def count_views(app: Callable) -> Callable:
    """``app`` with page views counted as the settings say (``app`` itself if turned off)."""
    from django.conf import settings

    if settings.VIEW_FLUSH_SECONDS <= 0:
        return app
    return CountViews(app, ViewCounter(settings.VIEW_FLUSH_SECONDS))
