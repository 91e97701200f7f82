"""What a performer's and a character's name look like in entertainment prose, and how to
peel the words around them off.

Writers put a descriptor before a character ("the Ancient Greek god Zeus", "UK foreign
secretary Austin Dennison", "his love interest, Sophie Baek") and credit a performer with
their other work ("Fallout's Ella Purnell", "Glass Onion's Madelyn Cline"). The cast
reader finds where a name should be; these helpers say which words of that stretch are
the name.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.people import _NOT_NAME, UPPER, not_possessive

WORD = rf"[{UPPER}][\w'’.\-]*[\w.]"
PARTICLES = r"(?:de|del|della|der|den|van|von|da|di|du|dos|das|le|la|bin|ibn|al)"
# a person: one to five capitalised words, name particles between them
NAME = rf"{WORD}(?:\s+(?:{PARTICLES}\s+)?{WORD}){{0,4}}"
# a character may carry "of" ("Princess Marie Charlotte of Belgium") or a number ("Player 333")
CRUN = rf"{WORD}(?:\s+(?:(?:{PARTICLES}|of|of the)\s+)?(?:{WORD}|\d+))*"
_CRUN = re.compile(CRUN)
_POSSESSIVE = re.compile(r"['’]s$")
# Offices and ranks written before a character's name are a description, not the name;
# honorifics (Dr., Lady, Prince) are kept, as fiction uses them as part of the name.
_OFFICE = frozenset(w.lower() for w in """
President Vice-President Vice Secretary Minister Prime Chief Deputy Director Head Foreign
State Officer Ambassador Senator Governor Mayor General Colonel Captain Sheriff Judge Detective
Lieutenant Lt. Sergeant Sgt. Inspector Agent Commander CEO CFO MP US U.S. UK CIA FBI NSA First
Special
""".split())
_ABBREVIATION = re.compile(r"(?:^|\s)(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Lt|Sgt|Capt|Prof|[A-Z])$")
# words after which a role phrase ends: what follows is about something else
_CUT_WORDS = re.compile(
    r"\s(?:who|which|that|whose|in|on|at|for|from|with|opposite|alongside|to|when|while|after|"
    r"before|but|is|are|was|were|will|has|have|had|during|since|until|because|respectively|"
    r"into|across|through|against|reprising|returning|"
    # the show as the subject: "KAOS starring Jeff Goldblum as Zeus premiered at Netflix"
    r"premiere[sd]?|debut(?:s|ed)?|arrive[sd]?|return(?:s|ed)?|drop(?:s|ped)?|"
    r"launch(?:es|ed)?|hits?|land(?:s|ed)?|stream(?:s|ed)?)\b")
_CUT_MARKS = re.compile(r"[,;:!?()\[\]“”\"—–]|\s-\s|\.(?=\s|$)")
# words never part of a person's name, even in a list ("Daisy Head" is a name, "Season" isn't)
_NEVER = frozenset(w.lower() for w in """
The A An And Or But In On At For With From By Of To As Season Seasons Part Episode Episodes
Series Show Shows Netflix HBO Hulu Disney Amazon Prime Apple Peacock Paramount BBC ITV TV
Variety Deadline Tudum Instagram Twitter TikTok YouTube Youtube Reddit Facebook Volume Chapter
""".split())
_NOT_CHARACTER = re.compile(r"^(?:\d|Netflix|Season|Series|Left|Right|Center|Pictured|Photo|"
                            r"Credit|The|A|An|This|That|Episode|Part|Instagram|Twitter)\b")
_COMPANY = re.compile(r"\b(?:Content|Pictures|Television|Studios?|Productions?|Films|Media|"
                      r"Entertainment|Network|Inc|Ltd|LLC|Group|Company)\b")


_DESCRIPTOR = frozenset("newcomer newcomers actress actor star veteran rapper singer comedian "
                        "model musician".split())


def clean_person(name: str) -> str:
    """The person in "Fallout's Ella Purnell" and "Newcomer Rosalind Ashby"."""
    words = name.strip(" .,").split()
    while len(words) > 2 and words[0].lower() in _DESCRIPTOR:
        words = words[1:]
    for i in range(len(words) - 1, -1, -1):
        if _POSSESSIVE.search(words[i]):
            words = words[i + 1:] if i < len(words) - 1 else [_POSSESSIVE.sub("", words[i])]
            break
    return " ".join(words)


def person_ok(name: str, *, relaxed: bool = False) -> bool:
    """Whether ``name`` can be a person's name. In a list of performers (``relaxed``) only the
    first word must be a plain name word: "Daisy Head" is a name there."""
    words = name.split()
    if not words or _COMPANY.search(name) or any(not w[0].isupper() for w in words
                                                 if w.lower() not in PARTICLES_SET):
        return False
    if any(w.lower().rstrip(".") in _NEVER for w in words):
        return False
    checked = words[:1] if relaxed else words
    return all(not_possessive(w.lower()) not in _NOT_NAME and w.lower() not in _NOT_NAME
               for w in checked)


PARTICLES_SET = frozenset(PARTICLES.strip("(?:)").split("|"))


def clean_character(name: str) -> str | None:
    """``name`` as a character's name, or None when it is not one ("Netflix", "Season 2")."""
    words = name.strip(" .,").split()
    while words and words[0] == "of":
        words = words[1:]
    character = " ".join(words)
    if not character or _NOT_CHARACTER.match(character) or _COMPANY.search(character) or \
            all(w.lower() in _NOT_NAME or w.lower() in _OFFICE for w in words):
        return None
    return character


def is_office(name: str) -> bool:
    """Whether ``name`` opens with an office ("US Vice-President Grace Penn")."""
    return bool(name) and name.split()[0].lower() in _OFFICE


def clause(text: str) -> str:
    """``text`` up to where its phrase ends (a mark, or a word that starts something else)."""
    end = len(text)
    for m in _CUT_MARKS.finditer(text):
        if m.group() == "." and _ABBREVIATION.search(text[:m.start()]):
            continue  # "Dr. Kureha", "Monkey D. Luffy"
        end = m.start()
        break
    cut = _CUT_WORDS.search(text[:end])
    return text[:cut.start()] if cut else text[:end]


def role_character(after: str, *, apposition: bool = False) -> tuple[str | None, int]:
    """The character a role phrase names, and where the name ends in ``after``.

    "the Ancient Greek god Zeus" -> Zeus; "CIA lawyer Owen Hendricks, and" -> Owen Hendricks;
    "twin sisters Osha and Mae" -> "Osha and Mae"; "the lead" -> None. The name is the first
    capitalised run that closes the phrase (or is followed by "and"). With ``apposition``, a
    phrase without a name may be followed by one after a comma ("his love interest, Sophie").
    """
    phrase = clause(after)
    runs = list(_CRUN.finditer(phrase))
    for i, run in enumerate(runs):
        rest = phrase[run.end():]
        if rest.strip() and not re.match(r"\s*and\b", rest):
            continue
        name, end = run.group(), run.end()
        if rest.strip() and i + 1 < len(runs) and not phrase[runs[-1].end():].strip() and \
                len(name.split()) == 1 and len(runs[-1].group().split()) == 1 and \
                re.fullmatch(r"\s+and\s+", phrase[run.end():runs[-1].start()]):
            name, end = f"{name} and {runs[-1].group()}", runs[-1].end()  # twins
        character = clean_character(name)
        if character:
            return character, end
        break
    if apposition and not runs and after[len(phrase):len(phrase) + 1] == ",":
        character, end = role_character(after[len(phrase) + 1:])
        return character, (len(phrase) + 1 + end) if character else 0
    return None, 0


def last_name_in(text: str) -> re.Match | None:
    """The last capitalised run of ``text`` (the performer in "trans YouTube star Miss Benny")."""
    runs = list(re.finditer(NAME, text))
    return runs[-1] if runs else None
