"""Understand Netflix's ``season_title`` column.

Netflix names a season in many ways: "Partner Track: Season 1", "Money Heist:
Part 5", "Love, Death & Robots: Volume 3", "Stranger Things 4", "Love Is Blind:
S7: Washington D.C.", "Our Planet: II", "Raw: April 13, 2026", "Chernobyl:
Limited Series", "N/A", or an arc name ("Demon Slayer: Hashira Training Arc").
This module turns a title into a :class:`SeasonRef`: a number when the title
carries one, the word it used (season, part, volume...), and a label for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renewcast.sources.text import positive_whole

# Words Netflix puts before an installment number; all of them mean "a season" to a
# fan asking whether the show comes back, but the word is kept so two different
# numbering schemes of one show are not merged by accident.
_NUMBER_WORDS = {
    "season": "season",
    "part": "part",
    "volume": "volume",
    "vol.": "volume",
    "book": "book",
    "chapter": "chapter",
    "collection": "collection",
    "class": "class",
    "series": "season",  # British usage: "Series 2"
    "시즌": "season",
    "temporada": "season",
    "saison": "season",
    "staffel": "season",
}
_WORDS = "|".join(re.escape(w) for w in sorted(_NUMBER_WORDS, key=len, reverse=True))
_WORD_NUMBER = re.compile(
    rf"^(?:the final season\s+)?({_WORDS})\s*(\d{{1,4}})\b\s*:?\s*(.*)$", re.I
)
_SHORT_SEASON = re.compile(r"^S(\d{1,3})\s*:\s*(.+)$")  # "S7: Washington D.C."
_LEADING_NUMBER = re.compile(r"^(\d{1,4})\.?(?:\s+(.*))?$")  # "4", "1.", "2. The Soul Game"
_ROMAN = re.compile(r"^(?=[IVXLC]+$)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_DATED = re.compile(rf"^({_MONTHS})\s+\d{{1,2}},\s*(\d{{4}})$", re.I)  # weekly live shows
_LIMITED = re.compile(r"^limited series$", re.I)
_NOT_APPLICABLE = {"", "n/a", "na", "none"}


@dataclass(frozen=True)
class SeasonRef:
    number: int | None  # None: the title names a season but carries no number
    word: str  # "season", "part", "volume", ... or "named" / "year"
    label: str  # what a page shows: "Season 1", "Part 5", "Hashira Training Arc"
    limited: bool = False


def season_number(text: str) -> int:
    """A season number typed in a file ("2"); ValueError with a one-line reason otherwise."""
    return positive_whole(text, "season")


def parse_season_title(show_title: str, season_title: str | None) -> SeasonRef:
    """Return the season a Netflix ``season_title`` refers to, for ``show_title``."""
    raw = (season_title or "").strip()
    if raw.lower() in _NOT_APPLICABLE:
        # A series charted without a season title is its only (or first) season.
        return SeasonRef(1, "season", "Season 1")
    rest = _strip_show_title(show_title.strip(), raw)
    if _LIMITED.match(rest):
        return SeasonRef(1, "season", "Limited Series", limited=True)
    if m := _WORD_NUMBER.match(rest):
        word = _NUMBER_WORDS[m.group(1).lower()]
        number = int(m.group(2))
        label = f"{word.capitalize()} {number}"
        if m.group(3).strip(" :"):
            label = f"{label}: {m.group(3).strip(' :')}"
        return SeasonRef(number, word, label)
    if m := _SHORT_SEASON.match(rest):
        number = int(m.group(1))
        return SeasonRef(number, "season", f"Season {number}: {m.group(2).strip()}")
    if m := _DATED.match(rest):
        # Weekly live shows ("Raw: April 13, 2026") are numbered by year, as TV
        # listings number them.
        year = int(m.group(2))
        return SeasonRef(year, "year", str(year))
    if m := _LEADING_NUMBER.match(rest):
        number = int(m.group(1))
        label = f"Season {number}"
        if m.group(2):
            label = f"{label}: {m.group(2).strip()}"
        word = "year" if number >= 1900 else "season"
        return SeasonRef(number, word, str(number) if word == "year" else label)
    if (number := _roman(rest)) is not None:
        return SeasonRef(number, "season", f"Season {number}")
    if not rest:
        return SeasonRef(1, "season", "Season 1")
    return SeasonRef(None, "named", rest)


def _strip_show_title(show_title: str, season_title: str) -> str:
    if show_title and season_title.lower().startswith(show_title.lower()):
        return season_title[len(show_title) :].strip().lstrip(":").strip()
    return season_title


def _roman(text: str) -> int | None:
    if not text or not _ROMAN.match(text.upper()) or text != text.upper():
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total, prev = 0, 0
    for ch in reversed(text):
        v = values[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total or None

