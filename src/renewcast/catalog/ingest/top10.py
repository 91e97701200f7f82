"""Load a parsed Netflix Top 10 file into shows, seasons, chart weeks and all-time ranks.

Films are skipped: renewcast tracks series. A season Netflix lists as a
"Limited Series" gets a confirmed ``ending`` event sourced to the official file,
so its show's status is derived as ``ended`` like any other.

A row whose show or season would not fit the catalog's columns (a slug or season
label longer than they hold) is refused on its line like the reader's bad rows:
PostgreSQL would otherwise fail the whole load and SQLite store it uncut.
"""

from __future__ import annotations

import copy
import datetime as dt

from django.db import transaction
from django.utils import timezone

from renewcast.catalog.ingest import IngestReport, Progress
from renewcast.catalog.ingest.catalog_view import CatalogView
from renewcast.catalog.lookup import slug_for
from renewcast.catalog.models import (
    AllTimeRank,
    ChartWeek,
    Claim,
    ClaimKind,
    ClaimState,
    Event,
    EventKind,
    Season,
    Show,
    Source,
    Tier,
)
from renewcast.catalog.signals import bulk_writes
from renewcast.catalog.status import refresh_statuses
from renewcast.sources.netflix_top10 import ChartRow, PopularRow, Top10File
from renewcast.sources.seasons import parse_season_title

CHART_FIELDS = ("rank", "hours", "views", "runtime", "weeks_on_list")
RANK_FIELDS = ("rank", "hours", "views", "runtime")
TITLES = {
    "weekly": "Netflix Top 10, weekly global lists",
    "popular": "Netflix Top 10, most popular of all time",
}


def public_on(week: dt.date) -> dt.date:
    """Netflix publishes a week's lists on the Tuesday after it ends."""
    return week + dt.timedelta(days=2)


def ingest_top10(
    parsed: Top10File,
    *,
    source_url: str | None = None,
    retrieved_at: dt.datetime | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    url = source_url or parsed.official_url
    report = IngestReport(f"netflix-top10 {parsed.kind}", url, read=parsed.lines_read)
    bad_lines = copy.deepcopy(parsed.bad_lines)  # the parsed file stays as read
    tv = [r for r in parsed.rows if r.is_tv]
    series = []
    for row in tv:
        if (problem := _unfit(row)) is None:
            series.append(row)
        else:
            bad_lines.add(row.line, problem)
    report.errors, report.unshown = bad_lines.kept, bad_lines.unshown
    if progress and report.rejected:
        progress(report.rejected)
    report.skipped = len(parsed.rows) - len(tv)
    report.skipped_why = "films: renewcast tracks series"
    if progress and report.skipped:
        progress(report.skipped)
    with transaction.atomic(), bulk_writes():
        source, source_created = Source.objects.get_or_create(
            url=url,
            defaults={
                "publisher": "Netflix",
                "title": TITLES[parsed.kind],
                "tier": Tier.OFFICIAL,
                "retrieved_at": retrieved_at or timezone.now(),
            },
        )
        view = CatalogView()
        rows = sorted(series, key=_order)
        for row in rows:
            if view.show(row.show_title) is None:
                view.add_show(
                    row.show_title,
                    platform="Netflix",
                    language="English" if row.category == "TV (English)" else "Non-English",
                )
        report.shows_created = view.save_new_shows()
        seasons = [view.season_for_chart(view.show(r.show_title), r.season_title, r.show_title)
                   for r in rows]
        report.seasons_created = view.save_new_seasons()
        if parsed.kind == "weekly":
            _store_chart_weeks(report, rows, seasons, source, progress)
            report.events_created = _mark_limited_series(rows, seasons, source)
        else:
            _store_all_time_ranks(report, rows, seasons, source, progress)
        if report.changed and not source_created:
            source.retrieved_at = retrieved_at or timezone.now()
            source.save(update_fields=["retrieved_at"])
        touched = {s.show_id for s in seasons}
        refresh_statuses(touched)
    return report


def _unfit(row: ChartRow | PopularRow) -> str | None:
    """Why the catalog cannot store ``row``'s show or season as they would be made, if so."""
    title_length = Show._meta.get_field("title").max_length
    if len(row.show_title) > title_length:
        return f"show_title is over the {title_length} characters the catalog keeps"
    # A slug can outgrow its title (U+FDFA spells out as 18 letters) and may get a "-2".
    slug_length = Show._meta.get_field("slug").max_length - len("-999")
    if len(slug_for(row.show_title)) > slug_length:
        return f"show_title makes a web address over {slug_length} characters long"
    for name, value in (("chart_title", row.season_title or ""),
                        ("label", parse_season_title(row.show_title, row.season_title).label)):
        length = Season._meta.get_field(name).max_length
        if len(value) > length:
            return (f"season_title makes a season {name.replace('_', ' ')} over {length} "
                    "characters long")
    return None


def _order(row: ChartRow | PopularRow):
    # Oldest first, so seasons first seen earlier get the lower numbers.
    week = getattr(row, "week", dt.date.min)
    return (week, row.category, row.rank)


def _store_chart_weeks(report, rows, seasons, source, progress) -> None:
    existing = {
        (c.season_id, c.list, c.week): c
        for c in ChartWeek.objects.filter(season_id__in={s.pk for s in seasons})
    }
    new, changed = [], []
    for i, (row, season) in enumerate(zip(rows, seasons, strict=True), start=1):
        values = {
            "rank": row.rank,
            "hours": row.hours,
            "views": row.views,
            "runtime": row.runtime,
            "weeks_on_list": row.weeks_on_list,
        }
        current = existing.get((season.pk, row.category, row.week))
        if current is None:
            new.append(ChartWeek(season=season, week=row.week, list=row.category, source=source,
                                 **values))
        elif _differs(current, values) or current.source_id != source.pk:
            for name, value in values.items():
                setattr(current, name, value)
            current.source = source
            changed.append(current)
        else:
            report.unchanged += 1
        if progress and i % 500 == 0:
            progress(500)
    ChartWeek.objects.bulk_create(new, batch_size=1000)
    ChartWeek.objects.bulk_update(changed, [*CHART_FIELDS, "source"], batch_size=1000)
    report.created, report.updated = len(new), len(changed)
    if progress and len(rows) % 500:
        progress(len(rows) % 500)


def _store_all_time_ranks(report, rows, seasons, source, progress) -> None:
    existing = {
        (r.season_id, r.list): r
        for r in AllTimeRank.objects.filter(season_id__in={s.pk for s in seasons})
    }
    new, changed = [], []
    for row, season in zip(rows, seasons, strict=True):
        values = {"rank": row.rank, "hours": row.hours, "views": row.views, "runtime": row.runtime}
        current = existing.get((season.pk, row.category))
        if current is None:
            new.append(AllTimeRank(season=season, list=row.category, source=source, **values))
        elif _differs(current, values):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
        else:
            report.unchanged += 1
    AllTimeRank.objects.bulk_create(new)
    AllTimeRank.objects.bulk_update(changed, list(RANK_FIELDS))
    report.created, report.updated = len(new), len(changed)
    if progress:
        progress(len(rows))


def _differs(obj, values: dict) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _mark_limited_series(rows: list[ChartRow], seasons: list[Season], source: Source) -> int:
    """Give each season Netflix calls a Limited Series a confirmed ending event."""
    first: dict[int, tuple[ChartRow, Season]] = {}
    for row, season in zip(rows, seasons, strict=True):
        if season.pk not in first and parse_season_title(row.show_title, row.season_title).limited:
            first[season.pk] = (row, season)
    if not first:
        return 0
    done = set(
        Event.objects.filter(season_id__in=first, kind=EventKind.ENDING).values_list(
            "season_id", flat=True
        )
    )
    created = 0
    for season_id, (row, season) in first.items():
        if season_id in done:
            continue
        when = public_on(row.week)
        claim = Claim.objects.create(
            show_id=season.show_id,
            season=season,
            kind=ClaimKind.EVENT,
            value={"event": EventKind.ENDING.value, "date": when.isoformat(),
                   "why": "listed by Netflix as a Limited Series"},
            source=source,
            quote=f"{row.show_title}\t{row.season_title}",
            state=ClaimState.CONFIRMED,
            true_on=when,
            reviewed_at=timezone.now(),
        )
        Event.objects.create(show_id=season.show_id, season=season, kind=EventKind.ENDING,
                             date=when, claim=claim)
        created += 1
    return created
