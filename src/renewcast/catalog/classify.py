"""Give every show its kind and say whether Netflix made it, from the evidence the catalog has.

Runs after the bundled data loads and after each ingest from the CLI
(:func:`renewcast.catalog.reference_fates.after_ingest`). Evidence, strongest first (see
:mod:`renewcast.sources.kinds`): an editor's correction (``classified_by_editor``; never
overwritten), Wikipedia's lists of Netflix original programming (CC BY-SA, tier "other
press"), kinds and makers read from stored press pages with a quote each
(``show-kinds.csv``, ``show-origins.csv``: "Netflix's new series", "a four-part BBC
thriller"), the desk notes filed with the outcomes ("licensed: The CW"), Netflix's own
files (a decision in the outcomes data is about a Netflix original; an engagement report
gives a release date for Netflix's releases and none for most licensed titles) and title
rules.
A licensed show's platform becomes its own network, so it gets no Netflix forecast.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction

from renewcast.catalog.ingest.page_sources import page_sources
from renewcast.catalog.lookup import title_key
from renewcast.catalog.models import (
    EngagementFigure,
    Event,
    Season,
    Show,
    Source,
    Tier,
)
from renewcast.sources import kinds
from renewcast.sources.seasons import parse_season_title

NETFLIX = "Netflix"
NOTES = ("outcomes", "no-decision-found.csv")
READ_KINDS = ("reference", "show-kinds.csv")
READ_ORIGINS = ("reference", "show-origins.csv")


@dataclass
class Verdict:
    kind: str = ""
    kind_source: Source | None = None
    original: bool | None = None
    platform: str | None = None  # None: leave as it is
    limited: bool | None = None


def _bundled_csv(*parts: str) -> list[dict]:
    from renewcast.bootstrap import bundled_bytes

    return list(csv.DictReader(io.StringIO(bundled_bytes(*parts).decode("utf-8"))))


def _wikipedia() -> dict[str, tuple[dict, Source]]:
    from renewcast.catalog.reference_fates import reference_source, reference_tables

    found: dict[str, tuple[dict, Source]] = {}
    for table, rows in reference_tables().items():
        source = reference_source(table)
        for key, row in rows.items():
            found.setdefault(key, (row.cells, source))
    return found


def classify_shows(show_ids=None) -> int:
    """Set kind, original-or-licensed and platform where evidence says; returns changes."""
    shows = Show.objects.filter(classified_by_editor=False)
    if show_ids is not None:
        shows = shows.filter(id__in=list(show_ids))
    shows = list(shows)
    if not shows:
        return 0
    wiki = _wikipedia()
    read = _read_kinds()
    origins = _read_origins()
    notes = {title_key(r["show_title"]): r["reason"] for r in _bundled_csv(*NOTES)}
    decided = set(Event.objects.filter(claim__source__tier__in=(Tier.TRADE, Tier.PRESS,
                                                                  Tier.FAN))
                  .values_list("show_id", flat=True))
    released = {}  # show -> (any Netflix release date, any row at all)
    for show_id, day in EngagementFigure.objects.values_list("season__show_id",
                                                             "release_date"):
        has_date, _ = released.get(show_id, (False, True))
        released[show_id] = (has_date or day is not None, True)
    yearly = set()
    for show_id, show_title, chart_title in Season.objects.exclude(chart_title="").values_list(
            "show_id", "show__title", "chart_title"):
        if parse_season_title(show_title, chart_title).word == "year":
            yearly.add(show_id)
    changed = []
    for show in shows:
        key = title_key(show.title)
        verdict = _verdict(show, wiki.get(key), notes.get(key, ""), show.pk in decided,
                           released.get(show.pk), show.pk in yearly, read.get(key),
                           origins.get(key))
        if _apply(show, verdict):
            changed.append(show)
    with transaction.atomic():
        Show.objects.bulk_update(changed, ["kind", "kind_source", "is_original", "platform",
                                           "is_limited"], batch_size=500)
    return len(changed)


def _read_kinds() -> dict[str, tuple[str, Source]]:
    """Kinds read from stored press pages, one quote each (``data/reference/show-kinds.csv``)."""
    rows = [r for r in _bundled_csv(*READ_KINDS) if r["kind"] in kinds.KINDS]
    sources = page_sources(r["source_url"] for r in rows)
    found = {}
    for row in rows:
        found.setdefault(title_key(row["show_title"]), (row["kind"], sources[row["source_url"]]))
    return found


def _read_origins() -> dict[str, tuple[bool, str]]:
    """Who made a show, read from stored press pages, one quote each
    (``data/reference/show-origins.csv``): Netflix, or the network it was made for."""
    found = {}
    for row in _bundled_csv(*READ_ORIGINS):
        if row["original"] in ("yes", "no"):
            made_for = NETFLIX if row["original"] == "yes" else row["platform"].strip()
            found.setdefault(title_key(row["show_title"]), (row["original"] == "yes", made_for))
    return found


def _verdict(show, wiki, note: str, decided: bool, released, yearly: bool,
             read=None, origin=None) -> Verdict:
    verdict = Verdict()
    network = kinds.licensed_network(note) if note else None
    if wiki is not None:
        row, source = wiki
        verdict.original, verdict.platform = True, NETFLIX
        verdict.kind = kinds.kind_from_genre(row.get("genre", ""), row.get("subject", ""),
                                             row.get("language", ""))
        verdict.kind_source = source if verdict.kind else None
    elif origin is not None:
        verdict.original, verdict.platform = origin
    elif network:
        verdict.original, verdict.platform = False, network
    elif decided:
        verdict.original = True  # the outcomes data records Netflix originals' fates
    elif released is not None:
        has_date, _ = released
        verdict.original = True if has_date else False
        if not has_date:
            verdict.platform = ""  # licensed from a network the report does not name
    if (wiki is not None and kinds.limited_from_status(wiki[0].get("status", ""))) or (
            note and kinds.limited_from_note(note)):
        verdict.limited = True
    if not verdict.kind and read is not None:
        verdict.kind, verdict.kind_source = read
    title_kind = kinds.kind_from_title(show.title, yearly_seasons=yearly)
    note_kind = kinds.kind_from_note(note) if note else ""
    if title_kind in kinds.NOT_RENEWABLE or not verdict.kind:
        verdict.kind = title_kind or note_kind or verdict.kind
        if title_kind or note_kind:
            verdict.kind_source = None
    return verdict


def _apply(show: Show, verdict: Verdict) -> bool:
    before = (show.kind, show.kind_source_id, show.is_original, show.platform, show.is_limited)
    if verdict.limited is not None:
        show.is_limited = verdict.limited
    if verdict.kind:
        show.kind, show.kind_source = verdict.kind, verdict.kind_source
    if verdict.original is not None:
        show.is_original = verdict.original
    # a platform another source set (TVmaze's network, say) is kept for non-Netflix shows
    if verdict.platform is not None and (show.platform in ("", NETFLIX)
                                         or verdict.platform == NETFLIX):
        show.platform = verdict.platform
    return before != (show.kind, show.kind_source_id, show.is_original, show.platform,
                      show.is_limited)
