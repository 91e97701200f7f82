"""What every claim reader needs about one article, computed once.

The readers of statuses, events, cast, statements and plots all walk the same
sentences, skip the same quotations and resolve dates against the same anchor; the
:class:`Context` holds those, and :meth:`Context.claim` is the one way a reader
makes a :class:`Claim` (so every claim quotes the body exactly, with its offsets).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from renewcast.sources.articles.document import Article
from renewcast.sources.articles.people import People
from renewcast.sources.articles.sentences import Span


@dataclass
class Claim:
    kind: str  # status, cast, statement, event, prediction, plot
    show: str
    season: int | None
    quote: str
    start: int
    end: int
    fields: dict = field(default_factory=dict)

    def key(self) -> tuple:
        """What makes two claims the same fact (the quote does not)."""
        ignore = {"role", "stance", "text", "spoiler", "date"} if self.kind == "statement" else {
            "text"}
        facts = tuple(sorted((k, str(v)) for k, v in self.fields.items() if k not in ignore))
        extra = (self.quote,) if self.kind in ("statement", "plot") else ()
        return (self.kind, self.season, facts, *extra)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "show": self.show, "season": self.season,
                "quote": self.quote, "start": self.start, "end": self.end, **self.fields}


@dataclass
class Context:
    article: Article
    show: str
    focus_season: int | None
    sentences: list[Span]
    quotes: list[Span]
    masked: str  # the body with quotations blanked
    people: People
    anchor: dt.date | None
    lower_bound: bool  # the anchor is only the latest past date the article reports
    # where the body names another catalog title: a sentence about that one is not about ours
    others: list[tuple[int, int]] = field(default_factory=list)
    released: int | None = None  # the latest season the article reports as out

    @property
    def next_season(self) -> int | None:
        """The season a decision with no number is about: the one after the last out."""
        return self.released + 1 if self.released else self.focus_season

    def names_other_title(self, start: int, end: int) -> bool:
        return any(start <= s and e <= end for s, e in self.others)

    def claim(self, kind: str, span: Span | tuple[int, int], season: int | None,
              **fields) -> Claim:
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        body = self.article.body
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        return Claim(kind, self.show, season, body[start:end], start, end, fields)
