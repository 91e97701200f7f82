"""Load renewal outcomes into sources, confirmed claims and decision events.

Each outcome row is a decision someone published (with the page and a verbatim
quote), so it becomes a confirmed ``event`` claim carrying that quote and an
:class:`~renewcast.catalog.models.Event` the show's status is derived from.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from renewcast.catalog.ingest import IngestReport, Progress
from renewcast.catalog.ingest.catalog_view import CatalogView
from renewcast.catalog.ingest.page_sources import page_sources
from renewcast.catalog.models import (
    Claim,
    ClaimKind,
    ClaimState,
    Event,
    EventKind,
    Source,
)
from renewcast.catalog.signals import bulk_writes
from renewcast.catalog.status import refresh_statuses
from renewcast.forecast.coverage import ordered
from renewcast.sources.outcomes import OutcomesFile

EVENT_OF = {
    "renewed": EventKind.RENEWAL,
    "canceled": EventKind.CANCELLATION,
    "ended": EventKind.ENDING,
}


def ingest_outcomes(
    parsed: OutcomesFile, *, location: str, progress: Progress | None = None
) -> IngestReport:
    report = IngestReport("outcomes", location, read=parsed.lines_read)
    report.errors = list(parsed.errors)
    with transaction.atomic(), bulk_writes():
        view = CatalogView()
        for row in parsed.rows:
            if view.show(row.show_title) is None:
                # The outcomes data covers Netflix original series.
                view.add_show(row.show_title, platform="Netflix", is_original=True)
        report.shows_created = view.save_new_shows()
        seasons = [view.season_by_number(view.show(r.show_title),
                                         r.season + view.offset(r.show_title))
                   for r in parsed.rows]
        report.seasons_created = view.save_new_seasons()

        sources = page_sources(r.source_url for r in parsed.rows)
        existing: dict[tuple, Event] = {}
        by_page: dict[tuple, Event] = {}
        for e in Event.objects.filter(
            season_id__in={s.pk for s in seasons}, kind__in=list(EVENT_OF.values())
        ).select_related("claim__source", "season"):
            existing[(e.season_id, e.kind, _ordered(e.kind, e.covers, e.season.number))] = e
            if e.claim is not None:
                by_page.setdefault((e.season_id, e.kind, e.claim.source.url), e)
        for row, season in zip(parsed.rows, seasons, strict=True):
            source = sources[row.source_url]
            kind = EVENT_OF[row.outcome]
            value = {"event": kind.value, "date": row.announced.isoformat(),
                     "precision": row.precision}
            key = (season.pk, kind, _ordered(kind, row.covers, season.number))
            # the same page read again with its seasons corrected updates its decision
            event = existing.get(key) or by_page.get((season.pk, kind, row.source_url))
            if event is None:
                claim = Claim.objects.create(
                    show_id=season.show_id, season=season, kind=ClaimKind.EVENT, value=value,
                    source=source, quote=row.evidence, state=ClaimState.CONFIRMED,
                    true_on=row.announced, reviewed_at=timezone.now(),
                )
                existing[key] = Event.objects.create(
                    show_id=season.show_id, season=season, kind=kind, date=row.announced,
                    precision=row.precision, claim=claim, covers=list(row.covers),
                    final_season=row.final_season)
                report.created += 1
            elif _update(event, row, source, value):
                report.updated += 1
            else:
                report.unchanged += 1
            if progress:
                progress(1)
        refresh_statuses({s.show_id for s in seasons})
    if progress and parsed.errors:
        progress(len(parsed.errors))
    return report


def _ordered(kind: str, covers, number: int) -> tuple[int, ...]:
    """The seasons a renewal orders, () for the other kinds: with the season and kind,
    what tells two decisions apart."""
    return ordered(covers, number) if kind == EventKind.RENEWAL else ()


def _update(event: Event, row, source: Source, value: dict) -> bool:
    claim = event.claim
    wanted_claim = {"source_id": source.pk, "quote": row.evidence, "value": value,
                    "true_on": row.announced}
    wanted_event = {"date": row.announced, "precision": row.precision,
                    "covers": list(row.covers), "final_season": row.final_season}
    if all(getattr(claim, k) == v for k, v in wanted_claim.items()) and all(
        getattr(event, k) == v for k, v in wanted_event.items()
    ):
        return False
    for k, v in wanted_claim.items():
        setattr(claim, k, v)
    claim.save()
    for k, v in wanted_event.items():
        setattr(event, k, v)
    event.save()
    return True
