"""The show a headline is about, when the catalog has no such title.

An article about a show the catalog lacks (another network's series, a new one) used to
be refused. Headlines of this genre name their show in a few set places: in quote marks
("'Slow Horses': Apple TV+ renews…"), right before the season ("Reacher season 4
renewed", "The Last of Us: Season Two casting…"), as the object of the decision ("NBC
cancels Quantum Leap after two seasons"), or before a role ("The Acolyte Star … Says").
The guess must also be named in the article's body, written as a title. It is only a
proposal: the catalog adds the show, unlisted, and an editor's confirmation of one of its
claims is what puts it on the site.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.platforms import PLATFORMS

_WORDS = (r"(?:[A-Z0-9][\w'’&.!?-]*(?:\s+(?:of|the|and|in|on|at|to|a|an|for|&|"
          r"[A-Z0-9][\w'’&.!?-]*)){0,7})")
_NUMBER = r"(?:\d{1,2}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine)"
_SEASON = r"(?:[Ss]eason|SEASON|[Ss]eries|[Pp]art|S)"
# a quoted title: opening the headline, owned ("Netflix's 'One Piece'"), after "of"/"on",
# or followed by its season; a quote elsewhere is someone's words
_QUOTED = re.compile(r"(?:^|['’]s\s+|\b(?:[Oo]f|[Oo]n|[Ii]n|[Aa]bout|[Aa]n?|[Tt]he)\s+)[‘'\"“]"
                     r"(?P<t>[A-Z0-9][^‘’'\"“”]{1,60}?)[’'\"”](?=[\s:,.!?]|$)"
                     r"|[‘'\"“](?P<s>[A-Z0-9][^‘’'\"“”]{1,60}?)[’'\"”]"
                     rf"(?=[:,]?\s+{_SEASON}\s*{_NUMBER}\b)")
_BEFORE_SEASON = re.compile(
    rf"^(?:[A-Z][\w&+]*['’]s\s+)?(?P<t>{_WORDS}?)[:,]?\s+{_SEASON}\s*{_NUMBER}\b")
_DECIDED = re.compile(
    r"\b(?:[Cc]ancels|[Aa]xes|[Rr]enews|[Ee]nds|[Ss]craps|[Oo]rders|[Pp]icks\s+[Uu]p)\s+"
    rf"(?P<t>{_WORDS}?)\s+(?:after|for|at|with|over|in|as|amid|ahead)\b")
_ROLE = re.compile(rf"^(?P<t>{_WORDS}?)\s+(?:[Ss]tars?|[Cc]reator|[Ss]howrunner|[Cc]ast|"
                   r"[Aa]ctor|[Aa]ctress|[Dd]irector|[Ww]riter|[Bb]oss)\b")
_NOT_A_TITLE = re.compile(rf"^(?:{PLATFORMS}|why|how|what|when|will|is|are|everything|"
                          r"exclusive|watch|new)$", re.I)


def headline_show(title: str, body: str) -> str | None:
    """The show ``title`` (a headline) names, if the body names it too; else None.

    In a Title Case headline the title runs on into the verb ("The Diplomat Renewed for
    Season 4"), so the longest run of the guess's first words that the body also names
    (not counting a copy of the headline) is the title.
    """
    title = " ".join((title or "").split())
    if not title:
        return None
    body = " ".join((body or "").split()).replace(title, " ")
    for pattern in (_QUOTED, _BEFORE_SEASON, _DECIDED, _ROLE):
        for match in pattern.finditer(title):
            guess = (match.groupdict().get("t") or match.groupdict().get("s") or "").strip(
                " :,.-–—")
            words = guess.split()
            for n in range(len(words), 0, -1):
                candidate = " ".join(words[:n]).strip(" :,.-–—")
                if words[n - 1].lower() in _JOINERS or not _plausible(candidate):
                    continue
                if _named_in(candidate, body):
                    return candidate
    return None


_JOINERS = {"of", "the", "and", "in", "on", "at", "to", "a", "an", "for", "&"}


def _plausible(guess: str) -> bool:
    words = guess.split()
    return 0 < len(words) <= 8 and not _NOT_A_TITLE.match(guess) and any(
        w[0].isupper() or w[0].isdigit() for w in words)


def _named_in(guess: str, body: str) -> bool:
    """Written in the body with the headline's capitals (a title, not a phrase)."""
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, guess.split())) + r"(?!\w)"
    return re.search(pattern, body) is not None
