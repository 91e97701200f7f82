"""Dates as articles write them, kept at the precision the writer gave.

"On Aug. 23" is a day without a year, "between September 2021 and February 2022" two
months, "early 2025" a year. Each mention becomes a :class:`DateMention` whose value is
``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a missing year is filled from the article's
own date (the nearest such day before it, or after it when the sentence speaks of the
future). Writing the patterns here rather than handing whole sentences to a date
parser keeps the precision: a parser turns "August 2023" into the 1st of the month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
# "premiered in March 2023 and was renewed just two months later": counted from the date
# before it in the same sentence
_LATER = re.compile(r"\b(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r"|a|an)\s+"
                    r"(?P<unit>day|week|month|year)s?\s+later\b", re.I)
# Full names first so "Sept." is not read as "Sep" + "t."
_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
          r"Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19[89]|20[0-4])\d)"
_SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}
# forms counted from the article's own day ("today", "on Monday", "next year")
_FROM_TODAY = frozenset(("relday", "period", "weekday", "relseason", "relyear", "relmonthword",
                         "month_rel"))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_HOLIDAYS = {"new year's day": (1, 1), "new year's eve": (12, 31), "christmas day": (12, 25),
             "christmas eve": (12, 24), "boxing day": (12, 26), "valentine's day": (2, 14),
             "halloween": (10, 31)}
# Near a date, the verb says which side of the article's day it lies on: "premiered on
# March 3" is behind it, "premieres March 3" and "a March 3 premiere date" ahead of it.
_PAST_NEAR = re.compile(
    r"\b(premiered|released|debuted|dropped|aired|arrived|landed|launched|announced|shared|"
    r"revealed|confirmed|began|started|wrapped|ended|concluded|canceled|cancelled|renewed|"
    # "back in July" looks back, "coming back in March" and "will be back in May" ahead
    r"axed|was|were|had|saw|came|went|took|(?<!coming )(?<!come )(?<!comes )(?<!be )back in|ago|"
    r"earlier|since|after)\b", re.I)
_FUTURE_NEAR = re.compile(
    r"\b(will|['’]ll|set to|set for|slated|scheduled|due|expected|going to|upcoming|coming|"
    r"premieres|returns|debuts|arrives|lands|drops|hits|until|by|starting|begins|starts)\b"
    # "a Dec. 19 premiere date" is a date set ahead; "its October 3 debut" is not
    r"|\A\s*(?:premiere|release|return|launch|debut)\s+date\b", re.I)

# Order matters: the most precise form that matches a span wins.
_PATTERNS = [
    ("iso", re.compile(r"\b(?P<year>20[0-4]\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")),
    ("day", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")),
    ("month", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")),
    ("month_rel", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b")),
    ("dayless", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)(?!:)")),
    ("dayless", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+\d)")),
    ("relmonth", re.compile(rf"\b(?P<rel>this|next|last|early|late|mid-?)\s*{_MONTH}\b(?!\s+\d)")),
    ("bare_month", re.compile(rf"\b(?P<prep>in|since|until|by|from|through|before|after)\s+"
                              rf"{_MONTH}\b(?!\s+\d)")),
    ("relseason", re.compile(r"\b(?P<rel>this|next|last)\s+(?P<season>spring|summer|fall|autumn|"
                             r"winter)\b", re.I)),
    ("seasonyear", re.compile(rf"\b(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?"
                              rf"{_YEAR}\b", re.I)),
    ("holiday", re.compile(r"\b(?P<holiday>New Year['’]s (?:Day|Eve)|Christmas (?:Day|Eve)|"
                           r"Boxing Day|Valentine['’]s Day|Halloween)\b")),
    ("relday", re.compile(r"\b(?P<rel>(?:earlier |later )?today|this (?:morning|afternoon|"
                          r"evening)|tonight|yesterday)\b", re.I)),
    ("period", re.compile(r"\b(?P<rel>(?:earlier |later )?this week|last week|"
                          r"(?:earlier |later )?this month)\b", re.I)),
    # "announced Tuesday", "on Monday": a weekday as a date, never "Wednesday season 2"
    ("weekday", re.compile(rf"(?:\b(?P<prep>on|last|this|next|since|by|until|early|late)\s+|"
                           rf"(?<=[a-z]ed\s)){_WEEKDAY}\b(?!\s+(?:season|series|episode)|"
                           # a capitalised word after it makes it a name ("Monday Night
                           # Football", a character's surname), not a day
                           rf"(?-i:\s+[A-Z][a-z])|['’]s|,?\s*\(?(?:{_MONTH}\s+\d|\d))",
                           re.I)),
    # "October saw the arrival of season 3": a month opening the sentence as its subject
    ("lead_month", re.compile(rf"^\s*{_MONTH}\s+(?=(?:saw|brought|marked|sees|brings|will see|"
                              rf"will bring)\b)")),
    ("relyear", re.compile(r"\b(?P<rel>this|next|last)\s+year\b", re.I)),
    ("relmonthword", re.compile(r"\b(?P<rel>this|next|last)\s+month\b", re.I)),
    ("year", re.compile(rf"(?:\b(?:early|mid|late)[- ])?\b{_YEAR}\b(?!-\d)")),
]

_FUTURE = re.compile(
    r"\b(will|won['’]t|['’]ll|is set to|are set to|set for|slated|scheduled|expected|expect|"
    r"upcoming|coming|plans? to|going to|is due|are due|hope to|could|would|might|may|should)\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    start: int
    end: int
    # a day with no year, put in the year after the latest date the article reports as past:
    # a guess, good for dating a quote, not for a fact
    guessed: bool = False

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]

    def as_date(self) -> dt.date:
        return first_day(self.value)


def first_day(value: str) -> dt.date:
    """The first day a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value could mean."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def precision_of(value: str) -> str:
    """"year", "month" or "day": how precise a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` is."""
    return {4: "year", 7: "month", 10: "day"}[len(value)]


def speaks_of_future(sentence: str) -> bool:
    return bool(_FUTURE.search(sentence))


def find_dates(
    sentence: str, anchor: dt.date | None, offset: int = 0, *, lower_bound: bool = False
) -> list[DateMention]:
    """Every date in ``sentence``, in order; ``offset`` is the sentence's place in the body.

    ``anchor`` is the article's date; without one, a mention that needs a year ("Aug. 23",
    "last month") is skipped. With ``lower_bound`` the anchor is only the latest date the
    article reports as past, so a year-less day is put on or after it.
    """
    future = speaks_of_future(sentence) or lower_bound
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if lower_bound and (form in _FROM_TODAY or form == "relmonth" and m["rel"].lower()
                                in ("this", "next", "last")):
                continue  # counted from a day the article only reports as past: unknown
            ahead = future if lower_bound else _ahead(sentence, m.start(), m.end(), future)
            value = _value(form, m, anchor, ahead)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(value, offset + m.start(), offset + m.end(),
                                     lower_bound and form in _YEARLESS))
    for m in _LATER.finditer(sentence):
        before = max((d for d in found if d.end <= offset + m.start()), key=lambda d: d.end,
                     default=None)
        value = _later(before.value, m) if before else None
        if value and not any(m.start() < e and s < m.end() for s, e in taken):
            found.append(DateMention(value, offset + m.start(), offset + m.end(),
                                     before.guessed))
    return sorted(found, key=lambda d: d.start)


def _later(base: str, m: re.Match) -> str | None:
    """``base`` moved on by "two months later", at the precision both allow."""
    word = m["n"].lower()
    n = 1 if word in ("a", "an") else NUMBER_WORDS.get(word) or int(word)
    unit = m["unit"].lower()
    if unit in ("day", "week"):
        if len(base) < 10:
            return None  # "a week later" than a month: the month is unknown
        return (dt.date.fromisoformat(base) + dt.timedelta(days=n * (7 if unit == "week"
                                                                      else 1))).isoformat()
    if len(base) < 7:
        return str(int(base) + n) if unit == "year" else None
    index = int(base[:4]) * 12 + int(base[5:7]) - 1 + (n * 12 if unit == "year" else n)
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# a day or month written without its year: on a page with no date of its own the year is
# only a guess ("the second season dropped in September" on an undated page)
_YEARLESS = ("dayless", "holiday", "bare_month", "lead_month", "relmonth")


def _ahead(sentence: str, start: int, end: int, future: bool) -> bool:
    """Whether a date without a year lies after the article's day: the nearest verb decides
    ("premiered on June 5" behind, "will premiere June 5" ahead), else the sentence's tense."""
    before, after = sentence[max(0, start - 60):start], sentence[end:end + 25]
    past = [m.end() for m in _PAST_NEAR.finditer(before)]
    coming = [m.end() for m in _FUTURE_NEAR.finditer(before)]
    if re.search(r"(?<!coming )(?<!come )(?<!comes )(?<!be )\bback\s*$", before, re.I):
        return False  # "back in July" (but "coming back in March" is ahead)
    if _FUTURE_NEAR.match(after):
        return True
    if past or coming:
        return max(coming, default=-1) > max(past, default=-1)
    return future


def _month(m: re.Match) -> int:
    return MONTHS[m.group("month").rstrip(".").lower()]


def _value(form: str, m: re.Match, anchor: dt.date | None, future: bool) -> str | None:
    if form == "iso":
        return _checked(int(m["year"]), int(m["mnum"]), int(m["day"]))
    if form == "day":
        return _checked(int(m["year"]), _month(m), int(m["day"]))
    if form == "month":
        return f"{int(m['year']):04d}-{_month(m):02d}"
    if form == "year":
        return m["year"]
    if form == "seasonyear":
        return m["year"]
    if anchor is None:
        return None
    if form == "holiday":
        month, day = _HOLIDAYS[m["holiday"].replace("’", "'").lower()]
        return _checked(_nearest_year(anchor, month, day, future), month, day)
    if form == "relday":
        rel = m["rel"].lower()
        return (anchor - dt.timedelta(days=1 if rel == "yesterday" else 0)).isoformat()
    if form == "period":
        return _period(m["rel"].lower(), anchor)
    if form == "weekday":
        return _weekday(m["weekday"].lower(), (m["prep"] or "").lower(), anchor, future)
    if form == "month_rel":
        year = anchor.year + {"this": 0, "next": 1, "last": -1}[m["rel"].lower()]
        return f"{year:04d}-{_month(m):02d}"
    if form == "lead_month":
        month = _month(m)
        return f"{_nearest_year(anchor, month, 1, future):04d}-{month:02d}"
    if form == "dayless":
        month, day = _month(m), int(m["day"])
        if _checked(anchor.year, month, day) is None:
            return None
        year = _nearest_year(anchor, month, day, future)
        return _checked(year, month, day)
    if form in ("relmonth", "bare_month"):
        month = _month(m)
        rel = (m.groupdict().get("rel") or "").lower()
        if form == "bare_month" and m["prep"].lower() in ("since", "after") or rel == "last":
            future = False
        elif rel == "next" or m.groupdict().get("prep", "").lower() in ("until", "by"):
            future = True
        year = _nearest_year(anchor, month, 1, future)
        return f"{year:04d}-{month:02d}"
    if form == "relseason":
        return str(anchor.year + {"this": 0, "next": 1, "last": -1}[m["rel"].lower()])
    if form == "relyear":
        return str(anchor.year + {"this": 0, "next": 1, "last": -1}[m["rel"].lower()])
    if form == "relmonthword":
        step = {"this": 0, "next": 1, "last": -1}[m["rel"].lower()]
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return None


def _period(rel: str, anchor: dt.date) -> str:
    """"earlier this week": the month when the days it can mean share one, else the year."""
    if rel.endswith("month"):
        return f"{anchor.year:04d}-{anchor.month:02d}"
    first, last = ((anchor - dt.timedelta(days=13), anchor - dt.timedelta(days=7))
                   if rel == "last week" else (anchor - dt.timedelta(days=6), anchor))
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    return str(first.year) if first.year == last.year else None


def _weekday(name: str, prep: str, anchor: dt.date, future: bool) -> str:
    """The nearest such day on the article's side: "on Monday" in a report is the Monday
    just gone (the day itself counts), "next Monday" the one to come."""
    shift = (_WEEKDAYS.index(name) - anchor.weekday()) % 7
    if prep == "next" or (future and prep != "last"):
        return (anchor + dt.timedelta(days=shift)).isoformat()
    back = (7 - shift) % 7 or (7 if prep == "last" else 0)
    return (anchor - dt.timedelta(days=back)).isoformat()


def _nearest_year(anchor: dt.date, month: int, day: int, future: bool) -> int:
    """The year that puts month/day on the right side of the anchor, at most a year away."""
    this_year = (month, day) >= (anchor.month, anchor.day)
    if future:
        return anchor.year if this_year else anchor.year + 1
    return anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1


def _checked(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
