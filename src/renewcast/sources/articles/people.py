"""Who an article names: full names, the short forms it later uses, and their spellings.

Articles introduce a person once in full ("creator Georgia Lee") and then say "Lee";
they also misspell ("Indrid Yung" beside "Ingrid Yun" twice). :class:`People` is
built from capitalised runs of words in the whole page and answers "who is 'Lee'?"
and "which spelling of this name does the page support?".

A name may carry a lowercase particle ("Ludwig van Beethoven", "Ana de Armas"): the
usual ones anywhere, and any other short lowercase word that is not English where the
page writes it before the same surname more than once ("Mia ko Tarn ... ko Tarn said").
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from renewcast.sources.articles.dates import MONTHS

# Latin letters with their accents: "Assandé", "Iñaki" and "Álvaro" are names too.
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
LOWER = "a-z" + "".join(c for c in map(chr, range(0xDF, 0x250)) if c.islower())
_TOKEN = rf"[{UPPER}][{UPPER}{LOWER}'’\-]*[{LOWER}]|[{UPPER}]\.(?:[{UPPER}]\.)?"
_RUN = re.compile(rf"(?:{_TOKEN})(?:\s(?:{_TOKEN}))*")
# Capitalised words that are not parts of a person's name.
_NOT_NAME = frozenset(w.lower() for w in """
The A An And Or But If In On At For With From By Of To As So Yes No Not It Its This That These
Those He She They We You I Our Their His Her My Your Who What When Where Why How Will Would Can
Could Should Is Are Was Were Be Been Has Have Had Do Does Did Here There Then Now Also Just
After Before Following Though Although Meanwhile However Because While Since Given Despite Until
Season Seasons Part Episode Episodes Series Show Shows Drama Comedy Finale Premiere Volume Chapter
Netflix Netflix's Netflix’s HBO Max Hulu Disney Amazon Prime Video Apple Peacock Paramount BBC ITV
Deadline Variety Hollywood Reporter TVLine Tudum IndieWire Vulture Collider Wrap Entertainment
Weekly Times Post Guardian Magazine News Radio Twitter Instagram TikTok YouTube Reddit Facebook
TV Head Chief Officer President Vice Executive Producer Producers Director Directors Showrunner
Showrunners Creator Creators Star Stars Writer Writers Development Content Original Originals
Global Television Scripted Programming Studios Studio Productions Films Pictures Entertainment's
New York City Los Angeles London Atlanta Toronto Vancouver Paris Madrid Berlin Seoul Tokyo Korea
Korean American British English Spanish French German Asian America Canada Spain Europe
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Fall Autumn Winter
Everything Know Cast Plot Release Date Renewal Status Trailer Spoilers Spoiler Story Recap Update
Mr Mrs Ms Dr Sir Dame Lady Lord Official Officially Renewed Canceled Cancelled Ended Confirmed
Read Watch Sign Click Subscribe Follow Author Novelist Actor Actress Journalist Reporter Critic
""".split()) | frozenset(MONTHS)


# lowercase words that join a given name to a surname
PARTICLES = frozenset("van von de da del della der den di du dos das le la ter ten bin ibn al "
                      "el y zu".split())
# short English words, which never do ("Emily in Paris", "Mazin and Druckmann")
_ENGLISH_SHORT = frozenset("""
a an am as at be by do go he if in is it me my no of oh ok on or so to up us we ye
and are but can did for had has her him his how its let may not now off one our out own per
put say see she the too two via was way who why yet you all any few got new old set who won
""".split())
# a particle the page itself may use (checked against its own repetition by People)
_KNOWN = "|".join(sorted(PARTICLES))
PARTICLE = rf"(?:{_KNOWN}|(?!(?:{'|'.join(sorted(_ENGLISH_SHORT))})\b)[a-z]{{2,3}})"
_JOIN = re.compile(rf"\s+(?P<particle>{PARTICLE}(?:\s+(?:{_KNOWN}))?)\s+$")


def not_possessive(word: str) -> str:
    """"Netflix's" → "Netflix": the possessive ending only ("Wes" and "James" stay whole)."""
    return re.sub(r"['’]s?$", "", word)

def _particle_ok(particle: str, surname: str, page: str) -> bool:
    """``particle`` joins names: a usual particle, or one the page writes before
    ``surname`` twice or more (a single "Emily ko Paris" may be a slip)."""
    if all(p in PARTICLES for p in particle.split()):
        return True
    pattern = rf"(?<![\w'’-]){re.escape(particle)}\s+{re.escape(surname)}\b"
    return len(re.findall(pattern, page)) >= 2


_CLOSES = re.compile(r"(?:['’]s|-(?:starr\w*|led|fronted|helmed|directed|created|produced))$")


def name_runs(text: str) -> list[tuple[int, int, str]]:
    """Runs of 1-4 name-like capitalised words, split at words that are not names.

    A possessive or a "-starring" ends a run, without its suffix: "Glass Onion's Madelyn
    Cline" is two names, "Rufus Sewell-starring" names Rufus Sewell.
    """
    out = []
    for m in _RUN.finditer(text):
        run: list[tuple[int, int]] = []
        for w in [*re.finditer(rf"{_TOKEN}", m.group()), None]:
            closes = _CLOSES.search(w.group()) if w is not None else None
            if w is not None and not_possessive(w.group().lower()) not in _NOT_NAME and \
                    w.group().lower() not in _NOT_NAME:
                run.append((w.start(), w.end() - (len(closes.group()) if closes else 0)))
                if not closes:
                    continue
            if run and len(run) <= 4:
                start, end = m.start() + run[0][0], m.start() + run[-1][1]
                out.append((start, end, text[start:end]))
            run = []
    return out


def _joined_runs(text: str, page: str) -> list[str]:
    """The names of ``text`` (:func:`name_runs`), with a given name and a surname joined
    where a name particle stands between them."""
    runs = name_runs(text)
    out: list[str] = []
    i = 0
    while i < len(runs):
        name = runs[i][2]
        if i + 1 < len(runs):
            gap = _JOIN.match(text[runs[i][1]:runs[i + 1][0]] + " ")
            surname = runs[i + 1][2]
            # a lone capitalised word opening a sentence may be any word ("Later van Dijk")
            opens = len(name.split()) == 1 and re.search(r"(?:^|[.!?:“”\"]\s*)$",
                                                         text[:runs[i][0]])
            if gap and not opens and len(name.split()) + len(surname.split()) <= 4 and \
                    _particle_ok(gap["particle"], surname.split()[0], page):
                out.append(f"{name} {gap['particle']} {surname}")
                i += 2
                continue
        out.append(name)
        i += 1
    return out


class People:
    """Names an article uses, with short forms resolved to the full name they stand for."""

    def __init__(self, texts: list[str], exclude: set[str] = frozenset()):
        self.counts: Counter[str] = Counter()
        page = "\n\n".join(texts)
        for text in texts:
            for name in _joined_runs(text, page):
                if name not in exclude:
                    self.counts[name] += 1
        self.full = {n for n in self.counts if len(n.split()) >= 2}
        self._short: dict[str, set[str]] = {}
        for name in self.full:
            for part in (name.split()[0], name.split()[-1]):
                self._short.setdefault(part, set()).add(name)

    def resolve(self, name: str) -> str | None:
        """The full name ``name`` stands for, or None when it is no one or ambiguous."""
        name = re.sub(r"['’]s?$", "", name.strip())  # "Fiction’s statement" is Fiction's
        if name in self.full:
            return name
        last = self._short.get(name.split()[-1] if name else "", set())
        # a headline's "Show Welcomes Jane Doe" holds the name the page also writes alone
        last = {n for n in last if not any(f" {o} " in f" {n} " for o in last if o != n)}
        if len(last) == 1:
            return next(iter(last))
        return None

    def best_spelling(self, name: str) -> str:
        """The spelling of ``name`` the page supports most (a typo loses to a repeated form)."""
        candidates = [n for n in self.full if n != name and len(n.split()) == len(name.split())
                      and difflib.SequenceMatcher(None, n.lower(), name.lower()).ratio() >= 0.8]
        best = max(candidates, key=lambda n: self.counts[n], default=None)
        if best and self.counts[best] > self.counts[name]:
            return best
        return name

    def is_person(self, name: str) -> bool:
        return self.resolve(name) is not None
