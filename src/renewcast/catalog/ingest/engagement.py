"""Load a Netflix engagement report into season figures and exact premiere dates.

A report row is matched to a catalog season by the Top 10's own season title first (98-99 %
of charted seasons appear under exactly that title), else by a catalog show's title plus a
numbered season ("Human Resources: Season 2" for a season that never charted, which then
gets its page). Titles of shows the catalog does not track are counted as skipped: the
reports list about 7,000 series a half-year, mostly licensed back catalogue.

Netflix's release date is the season's premiere date, sourced to Netflix; it replaces a
date from a less authoritative source (a chart-week guess, TVmaze, an article). The hours
and views count for forecasts only from the day the report was published.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.utils import timezone

from renewcast.catalog.ingest import IngestReport, Progress
from renewcast.catalog.ingest.catalog_view import CatalogView
from renewcast.catalog.lookup import title_key
from renewcast.catalog.models import EngagementFigure, Season, Source, Tier
from renewcast.catalog.signals import bulk_writes
from renewcast.catalog.status import refresh_statuses
from renewcast.sources.netflix_engagement import EngagementReport, EngagementRow
from renewcast.sources.seasons import parse_season_title

FIGURE_FIELDS = ("period_end", "hours", "views", "runtime", "available_globally",
                 "release_date")
# A season word a report may use for a season the Top 10 never showed.
_NUMBERED = ("season", "part", "volume", "book", "chapter")
REPORT_PAGE = "https://about.netflix.com/en/news/what-we-watched#"
BUNDLED_DIR = ("netflix-engagement",)


def known_publication(half: str) -> dt.date | None:
    """When Netflix published the report for ``half`` (``2024H1``), from the bundled table
    of sourced publication dates; None for a report it does not list yet."""
    import csv
    import io

    from renewcast.bootstrap import bundled_bytes

    table = bundled_bytes(*BUNDLED_DIR, "reports.csv").decode("utf-8")
    for row in csv.DictReader(io.StringIO(table)):
        if row["half"] == half:
            return dt.date.fromisoformat(row["published"])
    return None


def bundled_reports() -> list[str]:
    """The file names of the bundled reports, oldest first."""
    import csv
    import io

    from renewcast.bootstrap import bundled_bytes

    table = bundled_bytes(*BUNDLED_DIR, "reports.csv").decode("utf-8")
    return [row["file"] for row in csv.DictReader(io.StringIO(table))]


def report_url(half: str) -> str:
    """The address a bundled report is filed under (Netflix's newsroom, one per half)."""
    return f"{REPORT_PAGE}{half.lower()}"


def report_title(report: EngagementReport) -> str:
    if report.period_start is None:
        return "What We Watched: A Netflix Engagement Report"
    return (f"What We Watched: A Netflix Engagement Report, {report.period_start:%B} to "
            f"{report.period_end:%B %Y}")


def ingest_engagement(report: EngagementReport, *, location: str, source_url: str,
                      published: dt.date | None, progress: Progress | None = None
                      ) -> IngestReport:
    out = IngestReport(f"netflix-engagement {report.half or '?'}", location,
                       read=report.lines_read)
    out.errors = list(report.errors)
    out.skipped = report.films_skipped
    if report.period_start is None:
        from renewcast.sources.errors import SourceError

        raise SourceError("the report does not say which half-year it covers "
                          "(no 'from January to June 2024' line above the header)")
    moment = dt.datetime.combine(published, dt.time(), tzinfo=dt.UTC) if published else None
    with transaction.atomic(), bulk_writes():
        source, _ = Source.objects.update_or_create(url=source_url, defaults={
            "publisher": "Netflix", "title": report_title(report), "tier": Tier.OFFICIAL,
            "published_at": moment, "retrieved_at": timezone.now()})
        view = CatalogView()
        by_chart_title = {title_key(s.chart_title): s for seasons in view.seasons.values()
                          for s in seasons if s.chart_title}
        matched: list[tuple[EngagementRow, Season]] = []
        for row in report.rows:
            season = by_chart_title.get(title_key(row.title)) or _numbered(view, row)
            if season is None:
                out.skipped += 1
            else:
                matched.append((row, season))
        out.seasons_created = view.save_new_seasons()
        out.skipped_why = "films, and series the catalog does not track"
        touched = _store(out, matched, report, source)
        if progress:
            progress(report.lines_read)
        refresh_statuses(touched)
    return out


def _numbered(view: CatalogView, row: EngagementRow) -> Season | None:
    """"Show: Season 2" for a catalog show, splitting at the last colon that leaves a
    numbered season (a show's spin-off "Love Is Blind: Habibi" is not a season of it)."""
    for m in reversed(list(re.finditer(r":\s", row.title))):
        show = view.show(row.title[:m.start()])
        if show is None:
            continue
        listed_as = row.title[:m.start()]
        ref = parse_season_title(listed_as, row.title)
        if not (ref.limited or (ref.number is not None and ref.word in _NUMBERED)):
            return None
        number = (ref.number or 1) + view.offset(listed_as)
        same = next((s for s in view.seasons.get(show.pk, []) if s.number == number), None)
        if same is not None:
            # a season the chart lists under another title is another show's ("Monster:
            # Season 1", the anime, is not the anthology's first installment)
            return same if not same.chart_title or title_key(same.chart_title) == title_key(
                row.title) else None
        season = view.season_by_number(show, number)
        season.chart_title = row.title
        return season
    return None


def _store(out: IngestReport, matched, report: EngagementReport, source: Source) -> set[int]:
    existing = {(f.season_id, f.period_start): f for f in EngagementFigure.objects.filter(
        period_start=report.period_start, season_id__in={s.pk for _, s in matched})}
    sources = Source.objects.in_bulk({s.premiere_source_id for _, s in matched
                                      if s.premiere_source_id})
    new, changed, seasons_dated = [], [], []
    seen: set[int] = set()
    touched: set[int] = set()
    for row, season in sorted(matched, key=lambda pair: -pair[0].hours):
        if season.pk in seen:  # one title listed twice: keep the larger line
            out.unchanged += 1
            continue
        seen.add(season.pk)
        values = {"period_end": report.period_end, "hours": row.hours, "views": row.views,
                  "runtime": None if row.runtime is None else round(row.runtime, 4),
                  "available_globally": row.available_globally,
                  "release_date": row.release_date}
        figure = existing.get((season.pk, report.period_start))
        if figure is None:
            new.append(EngagementFigure(season=season, period_start=report.period_start,
                                        source=source, **values))
        elif any(_differs(getattr(figure, k), v) for k, v in values.items()):
            for k, v in values.items():
                setattr(figure, k, v)
            figure.source = source
            changed.append(figure)
        else:
            out.unchanged += 1
        if row.release_date and _takes_premiere(season, row.release_date,
                                                sources.get(season.premiere_source_id)):
            season.premiere_date, season.premiere_source = row.release_date, source
            seasons_dated.append(season)
            touched.add(season.show_id)
    EngagementFigure.objects.bulk_create(new, batch_size=500)
    EngagementFigure.objects.bulk_update(changed, [*FIGURE_FIELDS, "source"], batch_size=500)
    # One UPDATE per release date: bulk_update's CASE per row is far slower for thousands.
    by_day: dict[dt.date, list[int]] = {}
    for season in seasons_dated:
        by_day.setdefault(season.premiere_date, []).append(season.pk)
    for day, ids in by_day.items():
        Season.objects.filter(pk__in=ids).update(premiere_date=day, premiere_source=source)
    out.created, out.updated = len(new), len(changed)
    out.events_created = 0
    created = {f.season_id for f in new}
    return touched | {s.show_id for _, s in matched if s.pk in created}


def _differs(stored, wanted) -> bool:
    if stored is None or wanted is None:
        return stored is not wanted
    try:
        return float(stored) != float(wanted)
    except (TypeError, ValueError):
        return stored != wanted


def _takes_premiere(season: Season, day: dt.date, current: Source | None) -> bool:
    """Netflix's own release date wins over any other source but another Netflix one."""
    if season.premiere_date == day:
        return False
    if current is not None and current.url.startswith(REPORT_PAGE) and season.premiere_date \
            and season.premiere_date < day:
        return False  # reports disagree: the first release is the premiere, not a re-release
    if current is None or current.tier != Tier.OFFICIAL:
        return True
    return current.url.startswith(REPORT_PAGE) or current.publisher == "Netflix"
