"""Who plays whom: "Arden Cho (Ingrid Yun)", "Arden Cho as Ingrid Yun", "Wilde plays the
role of Mia Polanco", "Ingrid, played by Arden Cho", and plain cast lists ("stars X
alongside Y, Z, and W").

A character's spelling is checked against the rest of the page (and the catalog's own
credits, when the caller passes them): a name written once one way and twice another is
taken in the form the page supports.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.people import _NOT_NAME
from renewcast.sources.articles.seasons import season_in

_W = r"[A-Z][\w'’.\-]*[\w.]"
_PERSON = rf"(?P<person>{_W}(?:\s+(?:{_W}|de|van|von|da|del|di|le|la)){{1,3}})"
_PERSON1 = rf"(?P<person>{_W}(?:\s+(?:{_W}|de|van|von|da|del|di|le|la)){{0,3}})"
_CHAR = rf"(?P<char>{_W}(?:\s+{_W}){{0,3}})"
_VERB = (r"(?:as|plays|played|portrays|portrayed|will play|who plays|stars as|starring as|"
         r"has been cast as|is cast as|was cast as|will portray|is set to play|joins as|"
         r"joined as|will star as|returns as|returning as|reprises (?:her|his|their) role as|"
         r"takes on the role of|plays the role of|in the role of|will take on the role of)")
_PAIRED = re.compile(
    rf"(?P<p1>{_W}(?:\s+{_W}){{1,3}})\s+and\s+(?P<p2>{_W}(?:\s+{_W}){{1,3}}),?\s+(?:\w+\s+){{0,2}}?"
    rf"(?:as|play|plays|played|portray|portrayed|return as|returned as)\s+(?:the\s+)?"
    rf"(?:[a-z-]+\s+){{0,3}}?(?P<c1>{_W}(?:\s+{_W}){{0,2}})\s+and\s+(?P<c2>{_W}(?:\s+{_W}){{0,2}})")
_DESCRIPTOR = frozenset("newcomer actress actor star veteran rapper singer comedian model "
                        "musician newcomers".split())
_PATTERNS = [
    re.compile(rf"{_PERSON}\s+(?:has\s+|have\s+)?(?:joined|joins|will join|is joining)\s+the "
               rf"cast of\s+[^.;]{{1,80}}?\s+as\s+{_CHAR}"),
    re.compile(rf"{_PERSON}\s*\((?:who\s+)?(?:plays|as|playing)\s+{_CHAR}\)"),
    re.compile(rf"{_PERSON1},?\s+{_VERB}\s+(?:the\s+role\s+of\s+)?{_CHAR}"),
    re.compile(rf"{_CHAR},?\s+\(?(?:played|portrayed) by\s+{_PERSON}"),
]
_LIST = re.compile(
    r"\b(?:stars|starring|star|cast (?:also )?includes?|cast members include|ensemble includes|"
    r"alongside|also stars|co-stars|led by|headlined by|joins|joined by|returning cast "
    r"includes|cast of)\b", re.I)
_ITEM = re.compile(rf"(?:,\s*(?:and\s+)?|\s+and\s+|^\s*|\s+)(?P<name>{_W}(?:\s+{_W}){{1,3}})")
# "Detective Guedira (Soufiane Guerrab)": a rank or title opens a character's name.
_TITLED = re.compile(r"^(?:Detective|Lieutenant|Lt\.?|Captain|Capt\.?|Dr\.?|Doctor|Officer|"
                     r"Agent|Sergeant|Sgt\.?|Inspector|King|Queen|Prince|Princess|Lord|Lady|"
                     r"Sir|Professor|Prof\.?|Mr\.?|Mrs\.?|Ms\.?|Uncle|Aunt|Father|Sister|"
                     r"Judge|Commander|General|Colonel|Chief|Mayor|President)\s")
# Where a page names performers outright: "actors Park Ji-hu, Yoon Chan-young", "played by X".
_PERFORMERS = re.compile(r"\b(?:actors?|actresses|actress|played by|portrayed by|voiced by|"
                         r"starring|stars)\s+", re.I)
_BARE_PAREN = re.compile(rf"{_PERSON1}\s*\({_CHAR}\)")
_NOT_CHARACTER = re.compile(r"^(?:\d|Netflix|Season|Series|Left|Right|Center|Pictured|Photo|"
                            r"Credit|The|A|An|This|That|Episode|Part)\b")


def read_cast(ctx: Context) -> list[Claim]:
    found: list[Claim] = []
    taken: list[tuple[int, int]] = []
    performers = _performers(ctx.masked)
    for span in ctx.sentences:
        text = ctx.masked[span.start:span.end]
        if ctx.article.is_heading(span.start):
            continue
        season = season_in(text) or _heading_season(ctx, span.start) or ctx.focus_season
        for m in _BARE_PAREN.finditer(text):
            start, end = span.start + m.start(), span.start + m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            person, character = m["person"], m["char"]
            if _character_first(text[:m.start()], person, character, performers):
                person, character = character, person
            claim = _pair(ctx, person, character, (start, end), season)
            if claim:
                found.append(claim)
                taken.append((start, end))
        for pattern in _PATTERNS:
            for m in pattern.finditer(text):
                start, end = span.start + m.start(), span.start + m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                claim = _pair(ctx, m["person"], m["char"], (start, end), season)
                if claim:
                    found.append(claim)
                    taken.append((start, end))
        for m in _PAIRED.finditer(text):
            start, end = span.start + m.start(), span.start + m.end()
            if any(s < end and start < e for s, e in taken):
                continue
            c1, c2 = m["c1"], m["c2"]
            if len(c1.split()) == 1 and len(c2.split()) > 1:
                c1 = f"{c1} {c2.split()[-1]}"  # "Georgia and Ginny Miller"
            pairs = [_pair(ctx, m["p1"], c1, (start, end), season),
                     _pair(ctx, m["p2"], c2, (start, end), season)]
            if all(pairs):
                found += pairs
                taken.append((start, end))
        for m in _LIST.finditer(text):
            found += _list_items(ctx, text, span.start, m.end(), season, taken)
    return found


def _performers(text: str) -> set[str]:
    """Names the page itself calls performers (after "actors", "played by", "starring")."""
    names = set()
    for m in _PERFORMERS.finditer(text):
        rest = text[m.end():m.end() + 300]
        stop = re.search(r"[.;:!?()]|\s(?:in|on|for|who|which|as|to|with)\s", rest)
        for item in _ITEM.finditer(rest[:stop.start()] if stop else rest):
            names.add(item["name"].strip(" ."))
    return names


def _character_first(before: str, first: str, second: str, performers: set[str]) -> bool:
    """Whether "A (B)" is written "Character (Actor)", as plot summaries do, rather than
    "Actor (Character)", as cast lists do."""
    if second.strip(" .") in performers:
        return True
    if first.strip(" .") in performers or _LIST.search(before):
        return False
    if _TITLED.match(first):
        return True
    return len(first.split()) == 1 and len(second.split()) > 1


def _pair(ctx, person: str, character: str, span, season) -> Claim | None:
    person, character = person.strip(" ."), character.strip(" .")
    words = person.split()
    if len(words) >= 3 and words[0].lower() in _DESCRIPTOR:
        person = " ".join(words[1:])
    if not _name_ok(person) or _NOT_CHARACTER.match(character):
        return None
    if person == character or character in ctx.show:
        return None
    if len(person.split()) == 1:
        full = ctx.people.resolve(person)
        if not full:
            return None
        person = full
    return ctx.claim("cast", span, season, person=ctx.people.best_spelling(person),
                     character=ctx.people.best_spelling(character))


def _list_items(ctx, text, offset, at, season, taken) -> list[Claim]:
    out = []
    rest = text[at:]
    stop = re.search(r"[.;:!?]|\s(?:in|on|for|who|which|as|to|with)\s", rest)
    segment = rest[:stop.start()] if stop else rest
    for m in _ITEM.finditer(segment):
        name = m["name"]
        start = offset + at + m.start("name")
        end = start + len(name)
        if any(s < end and start < e for s, e in taken) or not _name_ok(name):
            continue
        if name in ctx.show or ctx.show.startswith(name):
            continue
        out.append(ctx.claim("cast", (start, end), season,
                             person=ctx.people.best_spelling(name), character=None))
        taken.append((start, end))
    return out


def _name_ok(name: str) -> bool:
    words = name.split()
    return bool(words) and all(w.lower().rstrip("'’s") not in _NOT_NAME and
                               w.lower() not in _NOT_NAME for w in words if w[0].isupper())


def _heading_season(ctx: Context, offset: int) -> int | None:
    heading = ctx.article.heading_before(offset)
    return season_in(heading) if re.search(r"\bcast\b", heading, re.I) else None
