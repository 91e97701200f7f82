"""The news desk: watch the feeds, read every new renewal story into the review queue.

One pass (the ``news`` job) polls each active feed politely (conditional requests, short
timeouts, a size cap, the shared address check), keeps the entries about a catalog show or
about a renewal, cancellation, ending or premiere date, and reads each new article once
with the reader, most important first: a decision about a followed show, then any
decision, then other news about a catalog show. Its claims wait in the review queue like
any article an editor adds. A decision stated by an official feed (the broadcaster's own
newsroom) is confirmed at once when ``RENEWCAST_NEWS_AUTO_CONFIRM`` is on (the default):
status, pages and alerts follow as after an editor's confirmation.

Every entry is recorded, under its unique link, before its article is read, so a story in
two feeds, or seen by two runs or two runners at once, is read exactly once; a broken feed
or article is recorded with its reason and never stops the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from renewcast.news.models import Feed, FeedItem, ItemState
from renewcast.sources.errors import SourceError, first_line

FEED_BYTES = 5 * 1024 * 1024
FEED_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
DECISIONS = ("renewed", "canceled", "ended")


@dataclass
class DeskReport:
    feeds: int = 0
    unchanged: int = 0
    broken: list[str] = field(default_factory=list)
    new: int = 0
    skipped: int = 0
    read: int = 0
    failed: int = 0
    proposed: int = 0
    confirmed: int = 0

    def summary_lines(self) -> list[str]:
        lines = [f"news: {self.feeds} feed(s) checked ({self.unchanged} unchanged, "
                 f"{len(self.broken)} failed); {self.new} new item(s): {self.read} read, "
                 f"{self.skipped} not about a show or a decision, {self.failed} unreadable; "
                 f"{self.proposed} claim(s) proposed, {self.confirmed} confirmed from "
                 "official feeds"]
        return lines + [f"news: {line}" for line in self.broken]


def check_news(now: dt.datetime | None = None) -> DeskReport:
    from renewcast.catalog.models import Show

    now = now or timezone.now()
    report = DeskReport()
    titles = list(Show.objects.values_list("title", flat=True))
    followed = _followed_titles()
    queue = []
    for feed in Feed.objects.filter(active=True):
        report.feeds += 1
        try:
            entries = _poll(feed, now)
        except SourceError as exc:
            report.broken.append(f"{feed}: {exc}")
            continue
        if entries is None:
            report.unchanged += 1
            continue
        for entry in entries:
            item = _claim(feed, entry, titles, followed)
            if item is None:
                continue  # seen before, here or through another feed or runner
            report.new += 1
            if item.state == ItemState.SKIPPED:
                report.skipped += 1
            else:
                queue.append((item, entry))
    for item, entry in sorted(queue, key=lambda pair: -pair[0].priority):
        _read(item, entry, titles, report)
    return report


def _poll(feed: Feed, now: dt.datetime):
    """The feed's entries, or None when it has not changed since the last poll."""
    from renewcast.sources.feeds import read_feed
    from renewcast.sources.fetch import fetch

    try:
        fetched = fetch(feed.url, max_bytes=FEED_BYTES, timeout=FEED_TIMEOUT,
                        allow_private=settings.ALLOW_PRIVATE_FETCH,
                        etag=feed.etag, last_modified=feed.last_modified)
        entries = None if fetched.not_modified else read_feed(fetched.data)
    except SourceError as exc:
        Feed.objects.filter(pk=feed.pk).update(checked_at=now, last_error=str(exc)[:500])
        raise
    Feed.objects.filter(pk=feed.pk).update(
        checked_at=now, last_error="", etag=fetched.etag or feed.etag,
        last_modified=fetched.last_modified or feed.last_modified)
    return entries


def _claim(feed: Feed, entry, titles: list[str], followed: set[str]) -> FeedItem | None:
    from renewcast.sources.articles.reading import identify_shows

    shows = identify_shows(SimpleNamespace(title=entry.title, body=entry.summary), titles)
    decision = entry.about_a_decision
    if shows and decision:
        priority = 3 if shows[0] in followed else 2
    else:
        priority = 1 if shows or decision else 0
    state = ItemState.FAILED if priority else ItemState.SKIPPED
    try:
        with transaction.atomic():
            return FeedItem.objects.create(
                feed=feed, link=entry.link, title=entry.title, published_at=entry.published,
                state=state, priority=priority,
                reason="being read" if priority else "names no catalog show and no decision")
    except IntegrityError:
        return None


def _read(item: FeedItem, entry, titles: list[str], report: DeskReport) -> None:
    from renewcast.catalog.ingest.articles import store_reading
    from renewcast.catalog.reading import read_for_catalog
    from renewcast.sources.articles.reader import fetch_article

    try:
        article = fetch_article(item.link, allow_private=settings.ALLOW_PRIVATE_FETCH,
                                published=entry.published.date() if entry.published else None)
        reading = read_for_catalog(article, titles=titles)
        stored = store_reading(reading, location=article.url, is_url=True,
                               retrieved_at=timezone.now())
    except SourceError as exc:
        _done(item, ItemState.FAILED, str(exc))
        report.failed += 1
        return
    except Exception as exc:  # noqa: BLE001 - one bad article never stops the desk
        _done(item, ItemState.FAILED, f"unexpected {type(exc).__name__}: {first_line(exc)}")
        report.failed += 1
        return
    confirmed = _confirm_official(item.feed, stored.proposed)
    _done(item, ItemState.READ, "", source=stored.source, proposed=len(stored.proposed),
          confirmed=confirmed)
    report.read += 1
    report.proposed += len(stored.proposed)
    report.confirmed += confirmed


def _confirm_official(feed: Feed, proposed: list) -> int:
    """An official feed's decision, stated outright, needs no editor (where allowed)."""
    if not (feed.official and settings.NEWS_AUTO_CONFIRM):
        return 0
    from renewcast.catalog.models import ClaimState
    from renewcast.catalog.review import review

    decisions = [c for c in proposed
                 if c.kind == "status" and (c.value or {}).get("value") in DECISIONS]
    return review(decisions, ClaimState.CONFIRMED) if decisions else 0


def _done(item: FeedItem, state: str, reason: str, **fields) -> None:
    FeedItem.objects.filter(pk=item.pk).update(state=state, reason=reason[:500], **fields)


def _followed_titles() -> set[str]:
    from renewcast.alerts.models import Follow

    return set(Follow.objects.filter(disabled_at__isnull=True).values_list(
        "show__title", flat=True))
