"""Cast members named in lists, without their characters: "starring A, B and C", "A, B and
C also star", "A and B are joining the cast", "the Lily Collins-starrer", "Jenna Ortega's
Wednesday schedule".

A list counts only where a word of casting is attached to it, before ("starring", "the
cast includes", "actors") or after ("also star", "recur", "are set to return", "confirmed
to lead the cast"); a list in a sentence about making the show ("will also serve as
executive producers") is crew, and never read as cast.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.cast_names import NAME

_FORWARD = re.compile(
    r"(?:\b(?:[Ss]tarring|[Ss]tars|[Ss]tarred|[Cc]o-starring|[Cc]o-stars|[Aa]ctors|[Aa]ctresses|"
    r"cast (?:also )?(?:includes?|included)|cast members (?:include|included|such as)|"
    r"(?:[Cc]ast(?:mates)?|cast mates|cast members|cast of actors)\W[^.;:]{0,30}?"
    r"(?:including|includes?|included|such as)|"
    r"ensemble(?: cast)? (?:of|includes?|included)|[Aa]longside|[Ll]ed by|[Hh]eadlined by|"
    r"[Jj]oined (?:[\w ]{0,30}? )?by|returning (?:cast|stars?)(?: (?:includes?|are|were))?|"
    r"[Aa]lso returning|the cast of|"
    # "supporting roles from", "strong performances by": the names that follow are performers
    r"(?:[Rr]oles|[Pp]erformances|[Tt]urns) (?:from|by)|"
    # an inverted list: "joining them are", "newcomers include", "returning for the new
    # season are", "among the names set to join the cast are"
    r"(?:[Jj]oin(?:ing)?|[Rr]eturn(?:ing)?|[Nn]ewcomers?|[Aa]dditions?|[Nn]ew faces)\b"
    r"[\w ,]{0,40}?\b(?:are|were|include|includes|included))|(?<!-)\bstar(?= [A-Z]))"
    r"(?:\s*:)?\s+")
_BACKWARD = re.compile(
    r"\s+(?:(?:are|is|were|was|will|would|have|has|had|been|be|all|also|both|each|officially|now|"
    r"reportedly|confirmed|set|to|being|going|again|too)\s+){0,4}"
    r"(?:star|stars|starred|recur|recurs|co-star|co-stars|lead the cast|led the cast|"
    r"round(?:s|ing)? out the (?:cast|ensemble)|(?:are |is )?joining the cast|joined the cast|"
    r"join the cast|return|returns|returning|be back|back|also play|play the leading roles?|"
    r"(?:the )?(?:latest|newest) (?:names|additions|stars|faces) to join)\b(?![ \t]+[A-Z])"
    r"(?!\s+as\s+(?:the\s+|an?\s+)?"
    r"(?:creator|executive|producer|showrunner|director|writer|host|head|president|chief))")
_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
_ITEM = rf"(?:{NAME})(?:\s*\([^()]{{1,40}}\))?"
_LIST_AHEAD = re.compile(rf"(?:[a-z][\w-]*\s+){{0,3}}?(?P<list>{_ITEM}(?:{_SEPARATOR}{_ITEM})*)")
_LIST_BEHIND = re.compile(rf"(?P<list>{_ITEM}(?:{_SEPARATOR}{_ITEM})*)\s*,?\s*$")
_STARRER = re.compile(r"-(?:starrer|starring|led|fronted)\b")
_CREW = re.compile(
    r"\b(?:executive[- ]produc\w*|co-executive|producers?|produce|showrunners?|creators?|"
    r"co-creators?|created by|written by|writers?|directed by|directors?|authors?|novelists?|"
    r"webtoon|manga|screenwriters?|journalists?|critics?|reviews?|editors?|filmmakers?)\b", re.I)
_CAST_WORD = re.compile(r"\b(?:star\w*|cast\w*|play\w*|role\w*|actors?|actress\w*|portray\w*|"
                        r"voic\w*)\b", re.I)


# the story's own people: "centers on a band of smugglers led by Tomas Reyne (Idris Vahl)"
_PLOT_VERB = re.compile(r"\b(?:follow(?:s|ed|ing)?|cent(?:er|re)(?:s|ed)?\s+(?:on|around)|"
                        r"revolv(?:es|ed)\s+around|tells?\s+the\s+story\s+of|told\s+the\s+"
                        r"story\s+of|chronicl(?:es|ed)|focus(?:es|ed)?\s+on|(?:is|was)\s+about)\b",
                        re.I)


def tells_plot(text: str) -> bool:
    """Whether ``text`` (a sentence up to a name) is a plot summary: a verb of telling a story
    with no word of casting after it, so the names after it are characters first."""
    verb = None
    for verb in _PLOT_VERB.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    # "played by" names a character first too, so it does not turn the summary into a list
    rest = re.sub(r"\b(?:played|portrayed|voiced)\s+by\b", "", text[verb.end():] if verb else "")
    return bool(verb) and not _CAST_WORD.search(rest)


def is_crew_sentence(text: str) -> bool:
    """A sentence about who makes the show, with no word of casting in it."""
    return bool(_CREW.search(text)) and not _CAST_WORD.search(text)


def items(list_text: str, at: int) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` of the names in a list ("A, B (Character) and C")."""
    out = []
    for m in re.finditer(_ITEM, list_text):
        name = re.sub(r"\s*\(.*$", "", m.group())
        out.append((name, at + m.start(), at + m.start() + len(name)))
    return out


def listed(text: str) -> list[tuple[str, int, int]]:
    """Names a sentence lists as cast, with their offsets in ``text``."""
    found = []
    for cue in _FORWARD.finditer(text):
        m = _LIST_AHEAD.match(text, cue.end())
        if m:
            found += items(m["list"], m.start("list"))
    for cue in _BACKWARD.finditer(text):
        m = _LIST_BEHIND.search(text[:cue.start()])
        if m:
            found += items(m["list"], m.start("list"))
    for cue in _STARRER.finditer(text):
        m = _LIST_BEHIND.search(text[:cue.start()])
        if m:
            found += items(m["list"], m.start("list"))
    return found


def names_before(text: str) -> list[tuple[str, int, int]]:
    """The list of names ``text`` ends with ("A, B and C")."""
    m = _LIST_BEHIND.search(text)
    return items(m["list"], m.start("list")) if m else []


def introduces(text: str) -> bool:
    """Whether ``text`` ends by introducing a cast list ("The cast includes ..."), with no
    clause of its own between the cue and the list ("starred X as Y, who teams up with")."""
    cue = None
    for cue in _FORWARD.finditer(text):  # noqa: B007 - the last cue is wanted
        pass
    return bool(cue) and not re.search(r"\b(?:as|who|which|with|follows?|centers?)\b",
                                       text[cue.end():])


def show_possessors(text: str, show: str) -> list[tuple[str, int, int]]:
    """"Jenna Ortega's Wednesday schedule", "Kim Cattrall's 'Glamorous'": the show as a
    performer's own is how a page names its star."""
    out = []
    pattern = (rf"(?P<p>{NAME})['’]s\s+[‘'“\"]?{re.escape(show)}\b[’'”\"]?(?!\s+(?:trilogy|"
               r"novels?|books?|comics?|webtoon|manga|duology|saga|series of))")
    for m in re.finditer(pattern, text):
        out.append((m["p"], m.start("p"), m.end("p")))
    return out
