"""An article's candidate claims: which shows it is about, and what it says of them.

:func:`read_claims` is the reader's one entry point after :mod:`.reader` has the
article. It finds the catalog shows the article names (the caller passes the titles,
so this module stays free of the database), the season the article is about, the
date relative dates count from, and runs the claim readers over the body.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from renewcast.sources.articles.cast import read_cast
from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.dates import find_dates, speaks_of_future
from renewcast.sources.articles.document import Article
from renewcast.sources.articles.facts import read_facts
from renewcast.sources.articles.headline_show import headline_show
from renewcast.sources.articles.people import People
from renewcast.sources.articles.plot import read_plot
from renewcast.sources.articles.seasons import released_season, season_mentions
from renewcast.sources.articles.sentences import outside_quotes, quotations, sentences
from renewcast.sources.articles.statements import read_statements
from renewcast.sources.errors import SourceError
from renewcast.sources.titles import title_key

_WORD = re.compile(r"\w+")


@dataclass
class Reading:
    article: Article
    shows: list[str]
    claims: list[Claim]
    # the headline's show when the catalog has no such title (see headline_show)
    new_show: str | None = None

    def to_dict(self) -> dict:
        return {
            "source": self.article.source_dict(),
            "shows": self.shows,
            "new_show": self.new_show,
            "claims": [c.to_dict() for c in self.claims],
            "comments": [c.to_dict() for c in self.article.comments],
        }


def read_claims(
    article: Article,
    titles: Iterable[str],
    *,
    show: str | None = None,
    shows: list[str] | None = None,
    known_names: Iterable[str] = (),
    next_season: Callable[[str], int | None] | None = None,
) -> Reading:
    """Candidate claims about the main show of ``article``.

    ``titles`` are the catalog's show titles; ``show`` overrides which one the article is
    about; ``shows`` is :func:`identify_shows`' answer when the caller already has it;
    ``known_names`` (people and characters the catalog already credits) help pick
    a name's spelling; ``next_season`` gives the season a show is waiting for, used when
    the article never says which season it means.
    """
    titles = tuple(titles)
    if shows is None:
        shows = identify_shows(article, titles)
    new_show = None
    if show:
        shows = [show] + [s for s in shows if s != show]
    elif not shows:
        new_show = headline_show(article.title, article.body)
        shows = [new_show] if new_show else []
    if not shows:
        raise SourceError("the article names no show in the catalog")
    main = shows[0]
    quotes = quotations(article.body)
    masked = outside_quotes(article.body, quotes)
    spans = sentences(article.body)
    focus = _focus_season(article, masked, main)
    if focus is None and next_season:
        focus = next_season(main)
    # the catalog's names count twice, so one spelling on the page does not outvote them
    people = People([article.title, masked, *article.furniture, *known_names, *known_names],
                    exclude={main})
    anchor, lower_bound = article.published, False
    if anchor is None:
        anchor, lower_bound = _latest_past_date(masked, spans), True
    main_key = title_key(main)
    # another title the article names: one it is about, or any of two words or more (a
    # one-word title such as "You" is too often a plain word)
    others = [(start, end) for title, start, end in title_mentions(
        article.body, _title_tokens(titles)) if title_key(title) not in main_key
        and main_key not in title_key(title)
        and (title in shows or len(title_key(title).split()) > 1)]
    released = released_season([masked[sp.start:sp.end] for sp in spans])
    ctx = Context(article, main, focus, spans, quotes, masked, people, anchor, lower_bound,
                  others, released)
    cast = read_cast(ctx)
    characters = {c.fields["character"] for c in cast if c.fields.get("character")}
    characters |= {part for name in characters for part in name.split()}
    claims = [*read_facts(ctx), *cast, *read_statements(ctx, characters, cast), *read_plot(ctx)]
    unique: dict[tuple, Claim] = {}
    for claim in sorted(claims, key=lambda c: (c.start, c.kind)):
        unique.setdefault(claim.key(), claim)
    return Reading(article, shows, list(unique.values()), new_show)


def identify_shows(article: Article, titles: Iterable[str]) -> list[str]:
    """Catalog titles the article names, most named first (the headline counts triple).

    Titles are matched on their keys (case and punctuation forgiven), longest first, and
    only where the page capitalises them, so "you" in a sentence is not the show *You*;
    a one-word title must be in the headline and named again in the body. A title with a
    subtitle is also found by its main part ("Queen Charlotte" for "Queen Charlotte: A
    Bridgerton Story"), and a title followed by "prequel", "spinoff" and the like names the
    show the article's one comes from, so it does not count for it.
    """
    by_tokens = _title_tokens(tuple(titles))
    scores: Counter[str] = Counter()
    headline = set()
    for text, weight in ((article.title, 3), (article.body, 1)):
        for title, _, end in title_mentions(text, by_tokens):
            if not _DERIVED.match(text, end):
                scores[title] += weight
                if weight == 3:
                    headline.add(title)
    return [t for t, score in scores.most_common()
            if (len(title_key(t).split()) > 1 and (score >= 2 or t in headline))
            or (t in headline and score >= 4)]


def title_mentions(text: str, by_tokens: dict[tuple[str, ...], str]):
    """``(title, start, end)`` of each capitalised mention of a title, longest first."""
    longest = max((len(t) for t in by_tokens), default=0)
    words = [(m.group(), title_key(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            title = by_tokens.get(tuple(w[1] for w in words[i:i + n]))
            if title and _capitalised([w[0] for w in words[i:i + n]]):
                yield title, words[i][2], words[i + n - 1][3]
                i += n - 1
                break
        i += 1


# "Money Heist prequel Berlin", "the Bridgerton universe": the named show is the parent
_DERIVED = re.compile(r"[’'\"”]?(?:['’]s)?\s+(?:prequel|sequel|spin-?offs?|spin offs?|"
                      r"franchise|universe|reboot|remake)\b", re.I)


@functools.lru_cache(maxsize=4)  # a news desk reads many articles against one catalog
def _title_tokens(titles: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Each title's key words, and the main part of a subtitled title where only one title
    has that main part and no title is that main part alone."""
    by_tokens: dict[tuple[str, ...], str] = {}
    mains: dict[tuple[str, ...], list[str]] = {}
    for title in titles:
        tokens = tuple(title_key(title).split())
        if tokens:
            by_tokens.setdefault(tokens, title)
        main, colon, _ = title.partition(":")
        main_tokens = tuple(title_key(main).split())
        if colon and len(main_tokens) >= 2:
            mains.setdefault(main_tokens, []).append(title)
    for tokens, owners in mains.items():
        if len(owners) == 1 and tokens not in by_tokens:
            by_tokens[tokens] = owners[0]
    return by_tokens


_SMALL = frozenset("a an and the of in on at to for with from by or is & vs".split())


def _capitalised(words: list[str]) -> bool:
    """Written as a title: "Shadow and Bone", "Emily in Paris", not "shadow and bone"."""
    return all(w[0].isupper() or w[0].isdigit() or (i and w.lower() in _SMALL)
               for i, w in enumerate(words))


def _focus_season(article: Article, masked: str, show: str) -> int | None:
    """The season the article is about: the one in its headline, else the one it names most."""
    in_title = season_mentions(article.title)
    if in_title:
        return max(m.number for m in in_title)
    counts = Counter(m.number for m in season_mentions(masked))
    return counts.most_common(1)[0][0] if counts else None


def _latest_past_date(masked: str, spans) -> dt.date | None:
    """Without a publication date: the latest day the article reports as already past."""
    latest = None
    for span in spans:
        text = masked[span.start:span.end]
        if speaks_of_future(text) or text.rstrip().endswith("?"):
            continue
        for mention in find_dates(text, None):
            if len(mention.value) >= 7 and (latest is None or mention.as_date() > latest):
                latest = mention.as_date()
    return latest
