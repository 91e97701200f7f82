"""Fates from Wikipedia's lists for seasons no dated decision speaks for.

Many Netflix originals ended without a press release: a miniseries, a docuseries, a show
quietly not continued. Wikipedia's editors list them as ended or "Miniseries", and list
renewals the trade press did not cover. Each such fate becomes a confirmed decision whose
source is the table (tier "other press") and whose date is the snapshot's day, so the page
can say "Ended — Wikipedia's list of ended Netflix originals, 28 August 2023" instead of
"awaiting a decision". Only for shows no cancellation or ending from another source speaks
for, and where their renewals do not already say whether a season after the table's comes
(a season 2 renewal found later leaves the table's "ended after season 2" standing); and
only where the catalog knows no season the snapshot could not have seen
(:func:`renewcast.sources.reference.reference_fate`). Loaded after the bundled outcomes and
engagement reports, so release dates are known; an ingest of later decisions outranks it.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from django.db.models import Min

from renewcast.catalog.ingest import IngestReport
from renewcast.catalog.ingest.outcomes import EVENT_OF, ingest_outcomes
from renewcast.catalog.models import ClaimState, Event, Season, Source, Tier
from renewcast.catalog.status import DECISION_KINDS
from renewcast.forecast.coverage import RENEWAL, Coverage
from renewcast.sources import reference
from renewcast.sources.outcomes import OutcomesFile
from renewcast.sources.titles import title_key


def reference_source(table: str) -> Source:
    """The table's source row, attributed as CC BY-SA asks."""
    _name, url, title, _day = reference.TABLES[table]
    source, _ = Source.objects.get_or_create(url=url, defaults={
        "publisher": "Wikipedia", "title": title, "tier": Tier.PRESS})
    return source


@functools.lru_cache(maxsize=1)
def reference_tables() -> dict[str, dict[str, reference.ReferenceRow]]:
    """The bundled tables, parsed once per process (classification and fates both read
    them, at first load and after every ingest)."""
    from renewcast.bootstrap import bundled_bytes

    return {table: reference.read_reference(table, bundled_bytes("reference", name))
            for table, (name, _url, _title, _day) in reference.TABLES.items()}


def apply_reference_fates() -> IngestReport:
    """Give table fates where they hold and withdraw those that no longer do (a dated
    decision arrived, or a season the snapshot could not see): safe to run after any ingest."""
    tables = reference_tables()
    for table in tables:
        reference_source(table)
    released: dict[int, dict[int, object]] = defaultdict(dict)
    titles: dict[int, str] = {}
    for season in (Season.objects.filter(show__is_original=True)
                   .annotate(first=Min("chart_weeks__week"))
                   .values("show_id", "show__title", "number", "first", "premiere_date")):
        days = [d for d in (season["first"], season["premiere_date"]) if d is not None]
        released[season["show_id"]][season["number"]] = min(days) if days else None
        titles[season["show_id"]] = season["show__title"]
    dated = _dated_decisions(released)
    parsed = OutcomesFile()
    for show_id, seasons in released.items():
        show = reference.ShowSeasons(titles[show_id], seasons)
        key = title_key(show.title)
        # the current list is the later snapshot: its word wins over the ended list's
        for table in (reference.CURRENT, reference.ENDED):
            row = tables[table].get(key)
            if row is None:
                continue
            fate = reference.reference_fate(show, row)
            if fate is not None and not _spoken_for(dated.get(show_id, []), fate.season):
                parsed.rows.append(fate)
            break
    report = ingest_outcomes(parsed, location="Wikipedia's lists of Netflix original programming")
    _withdraw_void(parsed, titles)
    return report


def _dated_decisions(show_ids) -> dict[int, list[Event]]:
    """Each show's decisions from any source but the tables (a pending one counts: an
    editor is about to rule on it), earliest first."""
    found: dict[int, list[Event]] = defaultdict(list)
    for event in (Event.objects.filter(show_id__in=list(show_ids), kind__in=DECISION_KINDS)
                  .exclude(claim__state=ClaimState.REJECTED)
                  .exclude(claim__source__url__in=reference.REFERENCE_URLS)
                  .select_related("season").order_by("date", "id")):
        event.season_number = event.season.number if event.season else None
        found[event.show_id].append(event)
    return found


def _spoken_for(decisions: list[Event], season: int) -> bool:
    """Whether those decisions speak for the table's ``season``: a cancellation or an ending
    speaks for the whole show (the tables' season counts do not always match the catalog's
    parts and seasons); renewals only where they say whether a season after it comes."""
    if any(event.kind != RENEWAL for event in decisions):
        return True
    return Coverage.of(decisions, season).ruling(season + 1).decided


def _withdraw_void(parsed: OutcomesFile, titles: dict[int, str]) -> None:
    from renewcast.catalog.models import Claim
    from renewcast.catalog.status import refresh_statuses

    by_title = {title_key(title): show_id for show_id, title in titles.items()}
    held = {(by_title.get(title_key(r.show_title)), r.season, EVENT_OF[r.outcome])
            for r in parsed.rows}
    void = [e for e in Event.objects.filter(claim__source__url__in=reference.REFERENCE_URLS)
            .select_related("season")
            if (e.show_id, e.season.number if e.season else None, e.kind) not in held]
    if void:
        Claim.objects.filter(pk__in=[e.claim_id for e in void]).delete()  # events cascade
        refresh_statuses({e.show_id for e in void})


def after_ingest() -> None:
    """What an ingest may have changed beyond its own rows: new shows need a kind and an
    original flag, and a new season or decision may void a table's fate."""
    from renewcast.catalog.classify import classify_shows

    classify_shows()
    apply_reference_fates()
