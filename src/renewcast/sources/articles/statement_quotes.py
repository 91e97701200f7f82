"""Quoted words the sentence splitter leaves out, and quotes spoken by several people.

Two kinds of quotation carry a statement although they are not a closed quote of five
words or more: a fragment woven into the writer's sentence ("She was “heartbroken and
deeply disappointed” by the news"), and a quote that runs over several paragraphs, each
opened with a quotation mark and only the last one closed. A fragment counts only where
its own sentence names who said it.

A joint statement ("creators A, B and C said", "The trio said in a joint statement") is
a statement by each of them.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.people import PARTICLE
from renewcast.sources.articles.sentences import Span

_FRAGMENT = re.compile(r"“([^“”\n]{2,60})”|(?<!\w)\"([^\"\n]{2,60})\"(?!\w)")
_OPENER = re.compile(r"^[“\"](?P<text>[^“”\"\n]{20,})$")
_NAME = rf"[A-Z][\w'’.-]+(?:\s+(?:{PARTICLE}\s+)?[A-Z][\w'’.-]+){{0,3}}"
_GROUP_LIST = re.compile(rf"(?:{_NAME})(?:\s*,\s*(?:and\s+)?(?:{_NAME})|\s+and\s+(?:{_NAME}))+")
GROUP_WORDS = re.compile(r"\b(?:they|the trio|the duo|the pair|the creators|the co-creators|"
                         r"the showrunners|the co-showrunners|both)\b", re.I)


def extra_quotes(body: str, quotes: list[Span]) -> tuple[list[Span], set[int]]:
    """Fragments (1-4 words) and unclosed paragraph-opening quotes that ``quotes`` misses,
    and the starts of those that are fragments."""
    def inside(start: int) -> bool:
        return any(q.start - 1 <= start < q.end + 1 for q in quotes)

    found, fragments = [], set()
    for m in _FRAGMENT.finditer(body):
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if inside(m.start()) or not 1 <= len(re.findall(r"\w+", inner)) <= 4:
            continue
        found.append(Span(m.start() + 1, m.end() - 1))
        fragments.add(m.start() + 1)
    at = 0
    for paragraph in body.split("\n\n"):
        m = _OPENER.match(paragraph)
        if m and not inside(at):
            found.append(Span(at + 1, at + len(paragraph.rstrip())))
        at += len(paragraph) + 2
    return found, fragments


def group_with(text: str, name: str, resolve) -> list[str]:
    """Everyone in the list ``name`` is part of in ``text`` ("A, B and C"), resolved; just
    ``name`` when it stands alone."""
    for m in _GROUP_LIST.finditer(text):
        if name.split()[-1] in m.group():
            names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group())
            people = [resolve(n) for n in names]
            if len(people) >= 2 and all(people):
                return list(dict.fromkeys(people))
    return []


def last_group(texts: list[str], resolve) -> list[str]:
    """The last list of two or more people named in ``texts`` (earliest text first)."""
    for text in reversed(texts):
        for m in reversed(list(_GROUP_LIST.finditer(text))):
            names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group())
            people = [resolve(n) for n in names]
            if len(people) >= 2 and all(people):
                return list(dict.fromkeys(people))
    return []
