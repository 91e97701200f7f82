"""What a renewal sentence orders: "seasons 5 and 6", "a fifth and final season", "two more".

The status of a show follows from the seasons a decision covers (see
:mod:`renewcast.forecast.coverage`), so the reader proposes them with the status claim
for the editor to confirm. Counting words ("two more seasons", "one final outing") are
relative to the next season, which only the caller knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renewcast.sources.articles.seasons import _NUM, _ORD, _UNIT, _number

_AND = r"(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+(?:through|to)\s+)"
# "seasons 5 and 6", "seasons 3 & 4", "seasons four through six"
_NAMED_LIST = re.compile(rf"\bseasons\s+(?P<a>{_NUM})(?P<rest>(?:{_AND}{_NUM})+)\b", re.I)
# "a fifth and sixth season", "third and fourth seasons"
_ORD_LIST = re.compile(rf"\b(?P<a>{_ORD})(?P<rest>(?:{_AND}{_ORD})+)\s+{_UNIT}s?\b", re.I)
# "a fifth and final season", "its sixth — and final — season"
_ORD_FINAL = re.compile(rf"\b(?P<n>{_ORD})\s*(?:,|—|–|-)?\s*(?:and\s+)?(?:final|last)\s*"
                        rf"(?:,|—|–|-)?\s*{_UNIT}\b", re.I)
# "season 3 will be its last", "season three is the final season"
_NAMED_FINAL = re.compile(rf"\bseason\s+(?P<n>{_NUM})\s+(?:will\s+be|is|would\s+be)\s+"
                          rf"(?:the|its|their)\s+(?:final|last)\b", re.I)
# "will end with season 3", "ends after season 3", "conclude with its fourth season"
_END_WITH = re.compile(rf"\b(?:end|ends|ending|conclude|concludes|wrap\s+up|wraps\s+up)\s+"
                       rf"(?:with|after)\s+(?:its\s+|the\s+)?(?:season\s+(?P<n>{_NUM})|"
                       rf"(?P<o>{_ORD})\s+{_UNIT})\b", re.I)
# "two more seasons", "a two-season renewal", "renewed for two seasons"
_MORE = re.compile(rf"\b(?P<n>{_NUM})(?:\s+more|\s+additional|-season)\s+(?:{_UNIT}s?|renewal|"
                   rf"order|pickup)\b|\bfor\s+(?P<m>two|three|\d)\s+(?:more\s+)?seasons\b",
                   re.I)
# "one final outing", "a final season" with no number
_FINAL_NEXT = re.compile(rf"\b(?:one|a|its|the)\s+(?:final|last)\s+{_UNIT}\b", re.I)


@dataclass(frozen=True)
class SeasonOrder:
    covers: tuple[int, ...] = ()  # seasons named as ordered
    final: int | None = None  # season named as the last
    more: int = 0  # "two more seasons": how many after the next one's predecessor
    final_next: bool = False  # "one final season": the next season is the last

    def resolve(self, next_number: int | None) -> tuple[tuple[int, ...], int | None]:
        """(covers, final) with counting words turned into numbers from the next season."""
        covers, final = self.covers, self.final
        if next_number:  # "seasons seven and two": the two is another (spin-off) show's
            covers = tuple(n for n in covers if n >= next_number)
        if not covers and self.more > 1 and next_number:
            covers = tuple(range(next_number, next_number + self.more))
        if final is None and self.final_next and next_number:
            final = max(covers) if covers else next_number
        return covers, final

    def __bool__(self) -> bool:
        return bool(self.covers or self.final or self.more > 1 or self.final_next)


def _numbers(first: str, rest: str) -> tuple[int, ...]:
    parts = [first] + [p for p in re.split(_AND, rest) if p.strip()]
    numbers = [_number(p.strip()) for p in parts]
    if any(n is None for n in numbers):
        return ()
    if re.search(r"through|to", rest, re.I) and len(numbers) == 2:
        return tuple(range(numbers[0], numbers[1] + 1))
    return tuple(sorted(set(numbers)))


def season_order(text: str) -> SeasonOrder:
    """The seasons a sentence says were ordered, or named as the last."""
    covers: tuple[int, ...] = ()
    final = None
    for pattern in (_NAMED_LIST, _ORD_LIST):
        m = pattern.search(text)
        if m:
            covers = _numbers(m["a"], m["rest"])
            break
    for pattern in (_ORD_FINAL, _NAMED_FINAL, _END_WITH):
        m = pattern.search(text)
        if m:
            final = _number(m.groupdict().get("n") or m.groupdict().get("o") or "")
            break
    if final and not covers and _ORD_FINAL.search(text):
        covers = (final,)
    more = 0
    m = _MORE.search(text)
    if m and not covers:
        more = _number(m["n"] or m["m"]) or 0
    final_next = final is None and bool(_FINAL_NEXT.search(text))
    return SeasonOrder(covers, final, more, final_next)
