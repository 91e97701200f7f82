"""Which shows to ask TVmaze about, and one report of what the sync changed.

``renewcast sync tvmaze`` and the daily job both come through here. Each show is
fetched and written on its own (one transaction each), so a show TVmaze fails to
answer costs only that show: the others are kept and the report names it for the
next run. The client paces itself under TVmaze's limit and retries what can be
retried; the report carries its counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from renewcast.catalog.ingest.tvmaze import ShowSync, sync_show
from renewcast.catalog.lookup import find_show
from renewcast.catalog.models import Show
from renewcast.sources.errors import first_line
from renewcast.sources.tvmaze import TvmazeClient, TvmazeError, TvmazeNotFound, parse_rate

Progress = Callable[[int], None]
IMDB_ID = re.compile(r"tt\d{5,10}")


@dataclass
class SyncReport:
    synced: list[ShowSync] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    not_found: list[str] = field(default_factory=list)
    skipped: int = 0  # unchanged on TVmaze since the last sync (``--updates``)
    client_summary: str = ""

    def summary_lines(self) -> list[str]:
        added = sum(r.created for r in self.synced)
        updated = sum(r.changed and not r.created for r in self.synced)
        same = len(self.synced) - added - updated
        lines = [f"TVmaze sync: {len(self.synced)} shows: {added} added, {updated} updated, "
                 f"{same} unchanged"
                 + (f", {self.skipped} not changed on TVmaze since the last sync"
                    if self.skipped else "")
                 + (f", {len(self.failed)} failed" if self.failed else "")]
        disagreements = sum(r.disagreements for r in self.synced)
        if disagreements:
            lines.append(f"{disagreements} disagreement(s) with confirmed claims sent to the "
                         "review queue (/admin/catalog/claim/?state__exact=proposed)")
        if self.client_summary:
            lines.append(f"TVmaze: {self.client_summary}")
        return lines

    def show_lines(self) -> list[str]:
        lines = []
        for r in self.synced:
            if r.created:
                what = "added"
            elif r.changes:
                what = "updated"
            else:
                what = "unchanged"
            detail = ", ".join(f"{n} {k}" for k, n in sorted(r.changes.items()))
            lines.append(f"{r.show.title}: {what}" + (f" ({detail})" if detail else ""))
        lines += [f"{what}: TVmaze knows no such show" for what in self.not_found]
        lines += [f"{what}: failed: {why}" for what, why in self.failed]
        return lines


def make_client() -> TvmazeClient:
    return TvmazeClient(settings.TVMAZE_URL, rate=parse_rate(settings.TVMAZE_RATE),
                        backoff=settings.TVMAZE_BACKOFF,
                        cache_dir=settings.DATA_DIR / "cache" / "tvmaze")


def sync_titles(client: TvmazeClient, titles: Iterable[str], *, progress: Progress | None = None,
                now: dt.datetime | None = None) -> SyncReport:
    """Each title: the catalog show's TVmaze id when it has one, else TVmaze's best match
    (an IMDb id like tt0944947 is looked up as such)."""
    report = SyncReport()
    for title in titles:
        show = find_show(title)
        try:
            if IMDB_ID.fullmatch(title):
                match = client.by_imdb(title)
                if match is None:
                    report.not_found.append(title)
                else:
                    _sync_id(client, match.tvmaze_id, title, report, now)
            elif show is not None and show.tvmaze_id:
                _sync_id(client, show.tvmaze_id, title, report, now)
            else:
                match = client.best_match(title)
                if match is None:
                    report.not_found.append(title)
                else:
                    _sync_id(client, match.tvmaze_id, title, report, now)
        except TvmazeError as exc:
            report.failed.append((title, str(exc)))
        if progress:
            progress(1)
    report.client_summary = client.stats.summary()
    return report


def sync_shows(client: TvmazeClient, shows: Iterable[Show], *,
               progress: Progress | None = None, now: dt.datetime | None = None) -> SyncReport:
    """Catalog shows: linked ones by their TVmaze id, the others by title."""
    shows = list(shows)
    linked = [s for s in shows if s.tvmaze_id]
    report = sync_titles(client, [s.title for s in shows if not s.tvmaze_id],
                         progress=progress, now=now)
    for show in linked:
        try:
            _sync_id(client, show.tvmaze_id, show.title, report, now)
        except TvmazeError as exc:
            report.failed.append((show.title, str(exc)))
        if progress:
            progress(1)
    report.client_summary = client.stats.summary()
    return report


def followed_shows() -> list[Show]:
    from renewcast.alerts.models import Follow

    ids = Follow.objects.active().values_list("show_id", flat=True)
    return list(Show.objects.filter(pk__in=ids).order_by("title"))


def updated_shows(client: TvmazeClient, since: str = "day") -> tuple[list[Show], int]:
    """Linked shows TVmaze changed since ``since`` and we have not synced since; and how
    many linked shows it did not change."""
    stamps = client.updates(since)
    linked = list(Show.objects.filter(tvmaze_id__isnull=False).order_by("title"))
    due = [s for s in linked if s.tvmaze_id in stamps and stamps[s.tvmaze_id] != s.tvmaze_updated]
    return due, len(linked) - len(due)


def premiered_lately(today: dt.date, days: int = 7) -> list[Show]:
    """Linked shows with a season that began in the last ``days``. TVmaze credits its cast
    to the latest season begun, which moves with the calendar rather than with TVmaze's
    update stamps: syncing these again moves the cast onto the new season."""
    return list(Show.objects.filter(
        tvmaze_id__isnull=False, seasons__premiere_date__gt=today - dt.timedelta(days=days),
        seasons__premiere_date__lte=today).distinct().order_by("title"))


def _sync_id(client: TvmazeClient, tvmaze_id: int, what: str, report: SyncReport,
             now: dt.datetime | None) -> None:
    try:
        tv = client.show(tvmaze_id)
    except TvmazeNotFound:
        report.not_found.append(what)
        return
    try:
        report.synced.append(sync_show(tv, now=now or timezone.now()))
    except DatabaseError as exc:  # e.g. a runner adding the same person at this moment
        report.failed.append((what, f"not stored ({type(exc).__name__}: {first_line(exc)}); "
                                    "the next sync tries again"))
