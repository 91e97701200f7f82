"""schema.org JSON-LD for search engines: the series, the season and the page as an Article.

Search engines show rich results (air dates, cast) from this, and publishers' tools read
it. The JSON is escaped for a <script> element so a hostile title cannot close the tag.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

PUBLISHER = {"@type": "Organization", "name": "renewcast"}
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(*items: dict) -> SafeString:
    """``<script type="application/ld+json">`` holding ``items`` (a graph if several)."""
    data = items[0] if len(items) == 1 else {"@context": "https://schema.org", "@graph": [
        {k: v for k, v in item.items() if k != "@context"} for item in items]}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def series(show, url: str, seasons) -> dict:
    item = {"@context": "https://schema.org", "@type": "TVSeries", "name": show.title,
            "url": url, "numberOfSeasons": len(seasons)}
    if show.platform:
        item["publisher"] = {"@type": "Organization", "name": show.platform}
    if show.language:
        item["inLanguage"] = show.language
    return item


def season(show, number: int, season_row, url: str, series_url: str, cast) -> dict:
    label = season_row.display_label if season_row else f"Season {number}"
    item = {"@context": "https://schema.org", "@type": "TVSeason", "url": url,
            "name": f"{show.title} {label}",
            "seasonNumber": number,
            "partOfSeries": {"@type": "TVSeries", "name": show.title, "url": series_url}}
    if season_row is not None and season_row.premiere_date:
        item["startDate"] = season_row.premiere_date.isoformat()
    if cast:
        item["actor"] = [{"@type": "Person", "name": row["person"].name} for row in cast]
    return item


def article(headline: str, url: str, published, modified, about: dict) -> dict:
    return {"@context": "https://schema.org", "@type": "Article", "headline": headline[:110],
            "url": url, "mainEntityOfPage": url, "datePublished": published.isoformat(),
            "dateModified": modified.isoformat(), "author": PUBLISHER, "publisher": PUBLISHER,
            "about": {k: v for k, v in about.items() if k in ("@type", "name", "url")}}


def website(url: str) -> dict:
    """Lets search engines offer a search box for the site in their results."""
    return {"@context": "https://schema.org", "@type": "WebSite", "name": "renewcast",
            "url": url, "potentialAction": {
                "@type": "SearchAction", "target": url + "search/?q={search_term_string}",
                "query-input": "required name=search_term_string"}}
