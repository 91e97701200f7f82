"""Sentences and quotations of an article body, as offsets into it.

Every claim quotes the body verbatim, so nothing here copies or rewrites text: a
sentence is a ``(start, end)`` span, and :func:`outside_quotes` blanks quoted speech
with spaces (same length, same offsets) so that what a person *said* is not read as
what the article *reports*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr vs no inc co ltd jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k e.g i.e etc approx".split()
)
_BOUNDARY = re.compile(r"[.!?]+[”\"’')\]]*(?=\s+[“\"‘(\[]?[A-Z0-9])")
_OPEN, _CLOSE = "“", "”"


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, body: str) -> str:
        return body[self.start:self.end]


def sentences(body: str) -> list[Span]:
    """Sentence spans, never crossing a paragraph break."""
    spans = []
    at = 0
    for paragraph in body.split("\n\n"):
        start = 0
        for m in _BOUNDARY.finditer(paragraph):
            word = re.search(r"([\w.]+)[.!?]*$", paragraph[start:m.start() + 1])
            token = (word.group(1) if word else "").rstrip(".").lower()
            # an initial ("J. Smith") does not end a sentence; a day number ("June 5.") does
            if paragraph[m.start()] == "." and (token in _ABBREVIATIONS
                                                or len(token) == 1 and token.isalpha()):
                continue
            spans.append(Span(at + start, at + m.end()))
            start = m.end()
            while start < len(paragraph) and paragraph[start].isspace():
                start += 1
        if paragraph[start:].strip():
            spans.append(Span(at + start, at + len(paragraph.rstrip())))
        at += len(paragraph) + 2
    return spans


def quotations(body: str, min_words: int = 5) -> list[Span]:
    """Quoted speech (curly or straight quotes), at most three paragraphs long.

    Short quoted phrases (“early conversations”, “damn”) are a writer's emphasis, not a
    statement, and are left out by ``min_words``. A span covers the words inside the
    marks, not the marks.
    """
    found = []
    for m in re.finditer(r"“([^”]{1,6000}?)”|(?<![\w])\"([^\"]{1,6000}?)\"(?![\w])", body):
        inner_start = m.start() + 1
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if inner.count("\n\n") > 2:
            continue
        if len(re.findall(r"\w+", inner)) < min_words:
            continue
        found.append(Span(inner_start, inner_start + len(inner)))
    return found


def outside_quotes(body: str, quotes: list[Span]) -> str:
    """``body`` with every quotation blanked, offsets unchanged."""
    chars = list(body)
    for q in quotes:
        for i in range(q.start, q.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
