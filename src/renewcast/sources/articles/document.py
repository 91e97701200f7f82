"""An article as the reader sees it: metadata, a clean body, and reader comments apart.

Claims point into :attr:`Article.body` by character offsets, so the body is built
once, here, from paragraphs joined by blank lines, and never changed afterwards.
Headings stay in the body (they say which section a sentence is in) and are listed in
:attr:`Article.headings`; page furniture (photo credits, captions, comment forms) is
kept out of it but remembered in :attr:`Article.furniture`, because a caption can still
confirm how a name is spelled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Comment:
    author: str | None
    text: str
    parent: int | None  # index into Article.comments

    def to_dict(self) -> dict:
        return {"author": self.author, "text": self.text, "parent": self.parent}


@dataclass
class Article:
    url: str
    title: str
    body: str
    site: str = ""
    author: str = ""
    published: dt.date | None = None
    headings: list[tuple[int, int]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    @classmethod
    def from_paragraphs(cls, paragraphs: list[tuple[str, bool]], **meta) -> Article:
        """Build the body from ``(text, is_heading)`` pairs, recording heading offsets."""
        parts, headings, at = [], [], 0
        for text, is_heading in paragraphs:
            if parts:
                at += 2
            if is_heading:
                headings.append((at, at + len(text)))
            parts.append(text)
            at += len(text)
        return cls(body="\n\n".join(parts), headings=headings, **meta)

    def paragraphs(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every paragraph of the body, headings included."""
        spans, at = [], 0
        for part in self.body.split("\n\n"):
            spans.append((at, at + len(part)))
            at += len(part) + 2
        return spans

    def heading_before(self, offset: int) -> str:
        """The text of the nearest heading above ``offset`` ('' when none)."""
        before = [(s, e) for s, e in self.headings if s <= offset]
        if not before:
            return ""
        s, e = before[-1]
        return self.body[s:e]

    def is_heading(self, start: int) -> bool:
        return any(s == start for s, _ in self.headings)

    def source_dict(self) -> dict:
        return {
            "url": self.url,
            "title": self.title,
            "site": self.site,
            "author": self.author or None,
            "published": self.published.isoformat() if self.published else None,
            "body": self.body,
        }
