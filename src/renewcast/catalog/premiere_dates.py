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

from django.utils import timezone

from renewcast.catalog.lookup import title_key
from renewcast.catalog.models import Season, Source
from renewcast.sources.publishers import publisher_for_url, tier_for_url

PREMIERE_DATES = ("reference", "premiere-dates.csv")


def page_sources(urls) -> dict[str, Source]:
    """The stored source of each page address, created for the ones not stored yet."""
    urls = set(urls)
    found = {s.url: s for s in Source.objects.filter(url__in=urls)}
    for url in sorted(urls - found.keys()):
        found[url] = Source.objects.create(url=url, publisher=publisher_for_url(url),
                                           tier=tier_for_url(url), retrieved_at=timezone.now())
    return found


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
