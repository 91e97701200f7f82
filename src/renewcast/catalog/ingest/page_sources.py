"""The stored source of each page a bundled fact was read from, made once per address.

Outcomes, kinds, makers and premiere dates are each read from a press page; every one of
those loaders asks here for the page's ``Source`` row, so a page cited by several files is
one source with its publisher and tier worked out from the address.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from renewcast.catalog.models import Source
from renewcast.sources.publishers import publisher_for_url, tier_for_url


def page_sources(urls: Iterable[str]) -> dict[str, Source]:
    """The stored source of each page address, created for the ones not stored yet."""
    urls = set(urls)
    found = {s.url: s for s in Source.objects.filter(url__in=urls)}
    for url in sorted(urls - found.keys()):
        found[url] = Source.objects.create(url=url, publisher=publisher_for_url(url),
                                           tier=tier_for_url(url), retrieved_at=timezone.now())
    return found
