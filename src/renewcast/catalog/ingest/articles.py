"""Store what the article reader found: the source with its body, and proposed claims.

Nothing is shown to readers from here: every claim is ``proposed`` until an editor
confirms it (:mod:`renewcast.catalog.review`). Reading the same page again replaces
its unreviewed proposals and leaves the editor's decisions alone, so a re-read never
undoes a review or proposes a rejected claim twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from renewcast.catalog.lookup import find_show, free_slug, slug_for
from renewcast.catalog.models import Claim, ClaimState, Season, Show, Source, Tier
from renewcast.sources.articles.context import Claim as ReadClaim
from renewcast.sources.articles.reading import Reading
from renewcast.sources.errors import SourceError
from renewcast.sources.publishers import publisher_for_url, tier_for_url


@dataclass
class Stored:
    source: Source
    show: Show
    proposed: list[Claim] = field(default_factory=list)
    already_reviewed: int = 0


def source_url(location: str, is_url: bool) -> str:
    return location if is_url else Path(location).resolve().as_uri()


def store_reading(reading: Reading, *, location: str, is_url: bool,
                  retrieved_at: dt.datetime, new_show: bool = False) -> Stored:
    """Store the reading; with ``new_show`` a show the catalog lacks is created unlisted
    (off the public site until an editor confirms one of its claims)."""
    show = find_show(reading.shows[0])
    if show is None and not new_show:
        raise SourceError(f"no show named {reading.shows[0]!r} in the catalog")
    article = reading.article
    url = source_url(location, is_url)
    published = (dt.datetime.combine(article.published, dt.time(), tzinfo=dt.UTC)
                 if article.published else None)
    with transaction.atomic():
        if show is None:
            title = reading.shows[0]
            slug = free_slug(slug_for(title), lambda s: Show.objects.filter(slug=s).exists())
            show = Show.objects.create(title=title, slug=slug, listed=False)
        source, _ = Source.objects.update_or_create(url=url, defaults={
            "title": article.title[:500],
            "publisher": (article.site or (publisher_for_url(url) if is_url else ""))[:200],
            "tier": tier_for_url(url) if is_url else Tier.PRESS,
            "published_at": published,
            "retrieved_at": retrieved_at,
            "author": article.author[:200],
            "body": article.body,
            "comments": [c.to_dict() for c in article.comments],
        })
        source.claims.filter(state=ClaimState.PROPOSED).delete()
        reviewed = {_key(c) for c in source.claims.all()}
        seasons = {s.number: s for s in Season.objects.filter(show=show)}
        stored = Stored(source=source, show=show)
        for claim in reading.claims:
            value = {**claim.fields, "season": claim.season}
            if _key_of(claim.kind, value, claim.quote) in reviewed:
                stored.already_reviewed += 1
                continue
            stored.proposed.append(Claim.objects.create(
                show=show, season=seasons.get(claim.season), kind=claim.kind, value=value,
                source=source, quote=claim.quote, start=claim.start, end=claim.end,
                state=ClaimState.PROPOSED, true_on=_true_on(claim),
            ))
    return stored


def _true_on(claim: ReadClaim) -> dt.date | None:
    date = claim.fields.get("date") if claim.kind in ("event", "statement") else None
    return dt.date.fromisoformat(date) if date and len(date) == 10 else None


def _key(claim: Claim) -> tuple:
    return _key_of(claim.kind, claim.value, claim.quote)


def _key_of(kind: str, value: dict, quote: str) -> tuple:
    return kind, quote, tuple(sorted((k, str(v)) for k, v in value.items()))
