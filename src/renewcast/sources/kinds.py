"""What a show is: its kind, and whether it was made for Netflix, from the evidence at hand.

A renewal forecast only makes sense for a Netflix original of a renewable kind: nobody
renews a stand-up special, a boxing night, WWE Raw's yearly "seasons" or a fireplace video,
and a licensed series (made for NBC, say) is renewed by its own network. The evidence, in
the order it is trusted: an editor's word; Wikipedia's lists of Netflix original programming
(genre, subject, language); desk notes on shows no decision was found for ("licensed: The
CW", "stand-up special"); Netflix's engagement reports (a release date is given for
Netflix's own releases and left blank for most licensed titles); and title rules.

Plain Python: each rule takes text and returns a kind, or "" when it cannot tell.
"""

from __future__ import annotations

import re

SCRIPTED, REALITY, DOCUSERIES = "scripted", "reality", "docuseries"
ANIMATION, ANIME, KIDS = "animation", "anime", "kids"
STANDUP, LIVE, AMBIENT = "standup", "live", "ambient"
KINDS = (SCRIPTED, REALITY, DOCUSERIES, ANIMATION, ANIME, KIDS, STANDUP, LIVE, AMBIENT)
# Kinds nobody renews: no renewal forecast, not on the most/least-likely lists.
NOT_RENEWABLE = (STANDUP, LIVE, AMBIENT)

_GENRE_WORDS = (
    # (kind, words in Wikipedia's genre/subject cells), first match wins
    (STANDUP, r"stand-?up|comedy special"),
    (ANIME, r"\banime\b"),
    (KIDS, r"\bpreschool|children|kids|educational"),
    (ANIMATION, r"animat|cartoon"),
    # a fiction word outranks a subject word: "Sports comedy" is scripted
    (SCRIPTED, r"drama|comedy|sitcom|thriller|horror|fantasy|science fiction|mystery|"
               r"romance|action|superhero|western|soap|telenovela|satire|mockumentary|"
               r"anthology|adventure|supernatural|dystopia|spy|war\b"),
    (REALITY, r"reality|dating|competition|game show|talk show|makeover|cooking show|"
              r"aftershow|variety|clip ?show|social experiment"),
    (DOCUSERIES, r"docu|true crime|nature|history|biograph|sports|travel|food|culinary|"
                 r"making-of|society|health|science|music|politic|professions|drugs|"
                 r"lifestyle|fitness|religion|spirituality|crime documentary|business|"
                 r"technology|art|fashion|design|wildlife"),
)


def kind_from_genre(genre: str, subject: str = "", language: str = "") -> str:
    """The kind Wikipedia's genre (and, for docuseries, subject) cells point to."""
    text = f"{genre} | {subject}".lower()
    if subject.strip():
        return DOCUSERIES
    for kind, words in _GENRE_WORDS:
        if re.search(words, text):
            if kind == ANIMATION and language.strip().lower() == "japanese":
                return ANIME
            return kind
    return SCRIPTED if genre.strip() and "awaiting" not in genre.lower() else ""


_NOTE_WORDS = (
    (STANDUP, r"stand-?up|comedy special|\broast\b"),
    (AMBIENT, r"ambient|fireplace"),
    (LIVE, r"live event|live concert|boxing|fight|\bnfl\b|wwe|weekly|award|concert|"
           r"sports event|one-off special|\bspecial\b"),
    (DOCUSERIES, r"docuseries|documentary"),
)


def kind_from_note(reason: str) -> str:
    """The kind a researcher's note names ("stand-up special", "live event", ...)."""
    text = reason.lower()
    for kind, words in _NOTE_WORDS:
        if re.search(words, text):
            return kind
    return ""


def licensed_network(reason: str) -> str | None:
    """"licensed: The CW (US network)" → "The CW"; None when the note says nothing of it."""
    m = re.match(r"\s*licensed\s*(?::|-|—|\()\s*([^;()\n]+)", reason, re.I)
    if not m:
        return None
    network = re.split(r"\s*(?:/|,| and | co-production| original| series| anime|"
                       r" TV anime)\s*", m[1].strip(), maxsplit=1)[0].strip(" .")
    return network[:100] or "another network"


_TITLE_RULES = (
    (AMBIENT, r"\bfireplace\b|\bambient\b|\baquarium\b|\bcoffee shop\b.*\bsounds\b"),
    (LIVE, r"\bvs\.?\s|\bversus\b|\bnfl\b|\bwwe\b|\bchristmas gameday\b|"
           r"\blive\b.*\b(?:tour|concert|show|from)\b|\bawards\b|\bcountdown\b|\bbout\b"),
    (STANDUP, r"^the roast of\b|\broast\b|\bstand-?up\b|\blive at\b"),
)


def kind_from_title(title: str, *, yearly_seasons: bool = False) -> str:
    """What a title alone gives away: a weekly show numbered by year, a live fight, a roast."""
    if yearly_seasons:
        return LIVE
    low = title.lower()
    for kind, words in _TITLE_RULES:
        if re.search(words, low):
            return kind
    return ""


def limited_from_note(reason: str) -> bool:
    """"limited series", "limited docuseries", "miniseries": one season was all it planned."""
    return bool(re.search(r"\blimited\b|\bmini-?series\b", reason, re.I))


def limited_from_status(status: str) -> bool:
    """Wikipedia's status cell: "Miniseries" for a show made as one season."""
    return bool(re.search(r"\bmini-?series\b|\blimited series\b", status, re.I))
