"""Find shows by what people type: case, punctuation and small typos forgiven."""

from __future__ import annotations

import difflib

from renewcast.catalog.models import Show
from renewcast.sources.titles import title_key

__all__ = ["MAX_QUERY", "close_matches", "did_you_mean", "find_show", "free_slug",
           "search_shows", "slug_for", "title_key"]

MAX_QUERY = 200  # characters of a search that count; the rest of a pasted essay does not


def slug_for(title: str) -> str:
    """URL slug: "Sex/Life" -> "sex-life", "Love, Death & Robots" -> "love-death-robots"."""
    return title_key(title).replace(" ", "-") or "show"


def free_slug(base: str, taken) -> str:
    """``base``, else ``base-2``, ``base-3``...: the first one ``taken(slug)`` says is free."""
    slug, n = base, 2
    while taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


def find_show(title: str) -> Show | None:
    """The show whose title (or slug) matches ``title`` ignoring case and punctuation."""
    key = title_key(title)
    if not key:
        return None
    exact = Show.objects.filter(title__iexact=title.strip()).first()
    if exact:
        return exact
    return Show.objects.filter(slug=key.replace(" ", "-")).first() or next(
        (s for s in Show.objects.only("id", "title", "slug") if title_key(s.title) == key), None
    )


def close_matches(title: str, limit: int = 5) -> list[Show]:
    """Up to ``limit`` shows whose titles look like ``title``, best first."""
    key = title_key(title)
    if not key:
        return []
    shows = list(Show.objects.listed().only("id", "title", "slug"))
    by_key: dict[str, Show] = {}
    for show in shows:
        by_key.setdefault(title_key(show.title), show)
    names = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=0.6)
    found = [by_key[n] for n in names]
    if len(found) < limit:
        for k, show in by_key.items():
            if key in k and show not in found:
                found.append(show)
                if len(found) == limit:
                    break
    return found


def did_you_mean(title: str) -> str:
    """"; did you mean: A, B" for a title the catalog does not know, or "" when nothing is
    close: the end of every "no show named ..." message."""
    matches = close_matches(title)
    return "; did you mean: " + ", ".join(m.title for m in matches) if matches else ""


def search_shows(query: str, limit: int = 50) -> list[Show]:
    """Shows for a search box, best first: the exact title, titles starting with the query,
    titles containing it (word for word, in any order), then near misses ("partner trak").

    Punctuation and case never matter: "sex life" finds "Sex/Life".
    """
    key = title_key(query)
    if not key:
        return []
    words = key.split()
    ranked: list[tuple[int, str, Show]] = []
    for show in Show.objects.listed().only("id", "title", "slug", "status"):
        title = title_key(show.title)
        if title == key:
            rank = 0
        elif title.startswith(key):
            rank = 1
        elif f" {key}" in f" {title}":
            rank = 2
        elif all(w in title.split() for w in words) or key in title:
            rank = 3
        else:
            continue
        ranked.append((rank, title, show))
    ranked.sort(key=lambda r: (r[0], len(r[1]), r[1]))
    # Near misses only when nothing matches as typed: "partner" should not list "Departure".
    return [show for _, _, show in ranked[:limit]] or close_matches(query, limit)
