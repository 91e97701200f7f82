"""Which season a sentence talks about: "Season 2", "season two", "a third season", "S3".

"Canceled after two seasons" is about the season that will not come (3), so a
mention carries whether it counted seasons already made. :func:`released_season` reads
the other half: how many seasons the article says are already out, which is what "two
more seasons", "a final season" and a cancellation with no number count from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renewcast.sources.articles.dates import NUMBER_WORDS

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
             "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
             "sophomore": 2, "inaugural": 1, "debut": 1}
_NUM = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_ORD = r"(\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")"
_UNIT = r"(?:season|series|installment|instalment|outing|chapter|run)"
_FORMS = [
    ("after", re.compile(rf"\bafter\s+(?:just\s+|only\s+)?(?P<n>{_NUM}|a single|one)\s+"
                         rf"(?:seasons?|series)\b", re.I)),
    ("named", re.compile(rf"\b(?:season|series)\s+(?P<n>{_NUM})\b", re.I)),
    ("named", re.compile(r"\bS(?P<n>\d{1,2})\b")),
    ("ordinal", re.compile(rf"\b(?P<n>{_ORD})(?:\s+and\s+(?:final|last))?\s+{_UNIT}\b", re.I)),
]


@dataclass(frozen=True)
class SeasonMention:
    number: int  # the season the sentence is about
    start: int
    end: int


def _number(text: str) -> int | None:
    text = text.lower()
    if text in ("a single", "one"):
        return 1
    if text.isdigit():
        return int(text)
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if text in _ORDINALS:
        return _ORDINALS[text]
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def season_mentions(text: str, offset: int = 0) -> list[SeasonMention]:
    found: list[SeasonMention] = []
    for form, pattern in _FORMS:
        for m in pattern.finditer(text):
            if any(offset + m.start() < f.end and f.start < offset + m.end() for f in found):
                continue
            n = _number(m["n"])
            if not n or n > 40:
                continue
            found.append(SeasonMention(n + 1 if form == "after" else n,
                                       offset + m.start(), offset + m.end()))
    return sorted(found, key=lambda f: f.start)


def season_in(text: str) -> int | None:
    """The season a sentence names (the highest, when it names several)."""
    found = season_mentions(text)
    return max(f.number for f in found) if found else None


# "aired for two seasons", "after one season", "a four-season run", "has had four seasons"
_RAN = re.compile(rf"\b(?:(?:after|(?:aired|ran|run|lasted|went) for|had|over)\s+(?:just\s+|"
                  rf"only\s+|its\s+|(?:a\s+)?(?:\w+\s+){{0,1}}?)?(?P<n>{_NUM}|a single)\s+"
                  rf"(?!more|additional|new|further|final)(?:\w+\s+)?seasons?\b|"
                  rf"\b(?P<m>{_NUM})-season\s+run)", re.I)
# "Season 2 premiered in March", "after Season 2 dropped", "the second season concluded"
_OUT = re.compile(r"\b(premiered|dropped|debuted|aired|arrived|released|concluded|ended|"
                  r"wrapped up|came out|landed|launched|followed|continued)\b", re.I)
_NOT_YET = re.compile(r"\b(will|to be|set to|yet|not|n['’]t|upcoming|until|could|would|might|"
                      r"may|should|can|if|whether)\b", re.I)
_OTHER_WORK = re.compile(r"\b(original\s+(?:\w+\s+)?(?:series|show|version|run|cartoon|anime)|"
                         r"anime|manga|books?|novels?|film|movie|comics?)\b", re.I)


def released_season(sentences: list[str]) -> int | None:
    """The latest season the article reports as already out, if it says."""
    latest = None
    for text in sentences:
        if _OTHER_WORK.search(text):
            continue  # "the original anime ran for three seasons"
        found = [_number(m["n"] or m["m"]) for m in _RAN.finditer(text)]
        out = _OUT.search(text)
        if out and not _NOT_YET.search(text[:out.start()][-40:]):
            # the season named just before the verb ("Season 2 premiered", "the second season
            # concluded"), not one named after it
            before = [m for m in season_mentions(text[:out.start()]) if m.end > out.start() - 60
                      and not text[m.start:m.end].lower().startswith("after")]
            # only the nearest is the verb's subject: in "not yet renewed for a fourth season,
            # though the third season, which premiered in May", the fourth is not out
            found += [before[-1].number] if before else []
        for n in found:
            if n and n < 40 and (latest is None or n > latest):
                latest = n
    return latest
