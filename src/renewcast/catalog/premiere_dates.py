"""Premiere dates read from press pages, for seasons Netflix's files give no date for.

Netflix's engagement reports date its own releases and leave licensed titles blank, so a
licensed season (Grey's Anatomy, a tvN drama) has no premiere date unless someone reads it
from a page: ``data/reference/premiere-dates.csv``, one row per season with the page's
address and a verbatim quote. A date already set (by Netflix's files, TVmaze or an editor)
is kept; the page only fills a blank.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from renewcast.catalog.ingest.page_sources import page_sources
from renewcast.catalog.lookup import title_key
from renewcast.catalog.models import Season

PREMIERE_DATES = ("reference", "premiere-dates.csv")


def apply_bundled_premiere_dates(text: str | None = None) -> int:
    """Fill blank premiere dates from the bundled file (or ``text`` in its format);
    returns how many were filled."""
    if text is None:
        from renewcast.bootstrap import bundled_bytes

        text = bundled_bytes(*PREMIERE_DATES).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    wanted = {(title_key(r["show_title"]), int(r["season"])): r for r in rows}
    blank = [s for s in Season.objects.filter(premiere_date__isnull=True).select_related("show")
             if (title_key(s.show.title), s.number) in wanted]
    sources = page_sources(wanted[title_key(s.show.title), s.number]["source_url"]
                           for s in blank)
    for season in blank:
        row = wanted[title_key(season.show.title), season.number]
        season.premiere_date = date.fromisoformat(row["premiere_date"])
        season.premiere_source = sources[row["source_url"]]
    Season.objects.bulk_update(blank, ["premiere_date", "premiere_source"], batch_size=500)
    return len(blank)
