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


_MARK = re.compile(r"[“”\"]")
_BEFORE_OPEN = " \t\n([{—–-/“\""  # what may stand before an opening mark
_AFTER_CLOSE = " \t\n.,;:!?)]}—–-…”\""  # what may follow a closing mark


def _mark_role(text: str, at: int, inside: bool) -> str:
    """Whether the quotation mark at ``at`` opens or closes, read from the characters
    around it rather than its shape: writers and their software mistype curly marks
    ("…season,“ said"), and a straight mark has no shape to read."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    opens = before in _BEFORE_OPEN and after not in " \t\n"
    closes = before not in " \t\n" and after in _AFTER_CLOSE
    if opens != closes:
        return "open" if opens else "close"
    mark = text[at]
    if mark == "“":
        return "open"
    if mark == "”":
        return "close"
    return "close" if inside else "open"


def quotations(body: str, min_words: int = 5) -> list[Span]:
    """Quoted speech (curly or straight quotes), read mark by mark.

    A quote may hold another (“... “The Show” star ...”), and may run over paragraphs
    the English way: each continuing paragraph opens with a quotation mark and only the
    last one closes. A quote still open where its paragraph ends, with no quotation mark
    opening the next, ends with its paragraph (a quote the page cut off). Short quoted
    phrases (“early conversations”, “damn”) are a writer's emphasis, not a statement, and
    are left out by ``min_words``. A span covers the words inside the marks, not the marks.
    """
    found: list[Span] = []

    def keep(start: int, end: int) -> None:
        if len(re.findall(r"\w+", body[start:end])) >= min_words:
            found.append(Span(start, end))

    opened: int | None = None  # where the outermost open quote's words begin
    depth = 0
    at = last_end = 0
    for paragraph in body.split("\n\n"):
        marks = list(_MARK.finditer(paragraph))
        if opened is not None:
            if marks and marks[0].start() == 0 and \
                    _mark_role(paragraph, 0, False) == "open":
                marks = marks[1:]  # the quote goes on in this paragraph
            else:
                keep(opened, last_end)
                opened, depth = None, 0
        for m in marks:
            role = _mark_role(paragraph, m.start(), depth > 0)
            if role == "open":
                if depth == 0:
                    opened = at + m.end()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    keep(opened, at + m.start())
                    opened = None
        if depth > 1:  # an inner quote left open: the outer one ends with the paragraph too
            keep(opened, at + len(paragraph.rstrip()))
            opened, depth = None, 0
        last_end = at + len(paragraph.rstrip())
        at += len(paragraph) + 2
    if opened is not None:
        keep(opened, last_end)
    return found


def outside_quotes(body: str, quotes: list[Span]) -> str:
    """``body`` with every quotation blanked, offsets unchanged."""
    chars = list(body)
    for q in quotes:
        for i in range(q.start, q.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
