"""Who plays whom: "Arden Cho as Ingrid Yun", "Ingrid, played by Arden Cho", "Daniel Dae Kim –
who plays Firelord Ozai –", "Edwin Payne (George Rexstrew)" and "Arden Cho (Ingrid Yun)",
"Luke Thompson's Benedict Bridgerton", and plain cast lists (:mod:`.cast_lists`).

"A (B)" is written both ways: cast lists put the performer first, plot summaries the
character. The page decides: a name it elsewhere uses alone by first name is a character,
one it uses by surname is a performer, and a list introduced as cast is performers first;
with no evidence, running prose is read as a plot summary (character first).

Credits in parentheses or with "played by" are read inside quotations too (an official
synopsis credits its cast that way); everything else only outside them. One claim per
performer: the one that names a character wins over a bare mention. A character's
spelling is checked against the rest of the page (and the catalog's own credits, when the
caller passes them).
"""

from __future__ import annotations

import re

from renewcast.sources.articles import cast_lists
from renewcast.sources.articles.cast_names import (
    CRUN,
    NAME,
    clean_character,
    clean_person,
    is_office,
    last_name_in,
    person_ok,
    role_character,
)
from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.platforms import PLATFORMS
from renewcast.sources.articles.seasons import season_in

_PAIRED = re.compile(
    rf"(?P<p1>{NAME})\s+and\s+(?P<p2>{NAME}),?\s+(?:\w+\s+){{0,2}}?"
    rf"(?:as|play|plays|played|portray|portrayed|return as|returned as|led the cast as)\s+"
    rf"(?:the\s+)?(?:[a-z-]+\s+){{0,3}}?(?P<c1>{CRUN})\s+and\s+(?:[a-z-]+\s+){{0,3}}?"
    rf"(?P<c2>{CRUN})(?!\s+as\b)")
_CAST_VERB = (r"(?:star(?:s|red|ring)?|play(?:s|ed|ing)?|return(?:s|ed|ing)?|join(?:s|ed|ing)?|"
              r"co-star(?:s|red|ring)?|appear(?:s|ed|ing)?|recur(?:s|red|ring)?|reprise[sd]?|"
              r"reprising|cast|back|portray(?:s|ed|ing)?|voice[sd]?|voicing|lead(?:s|ing)?|led|"
              r"debut(?:s|ed)?)")
# "X as C", "X will return as C", "X reprising his role as C", "X in the titular role of C",
# "X will play C", "X will take on C"
_AS = re.compile(
    rf"(?P<p>{NAME})(?:\s*\([^()]{{1,60}}\))?(?:,\s+(?:he|she|they))?\s+"
    rf"(?P<gap>(?:(?:[a-z][\w-]*|Season \d+|season \d+)\s+){{0,7}}?)"
    r"(?P<trigger>as|(?:in\s+)?the\s+(?:titular\s+|lead\s+|main\s+)?role\s+of|"
    r"(?:will |would |to |also |is set to |is going to )?"
    r"(?:play|plays|portray|portrays|take on|takes on|taking on|voice|voices)(?! the role))\s+")
_JOINED_AS = re.compile(
    rf"(?P<p>{NAME})\s+(?:has\s+|have\s+)?(?:joined|joins|will join|is joining)\s+the cast of\s+"
    rf"[^.;]{{1,80}}?\s+as\s+")
_PLAYING = re.compile(rf"^(?:[A-Z][\w\s]*?\s)?(?P<p>{NAME})\s+(?:has|have|is|was|will)\s"
                      r"[^.;,]{0,60},\s+playing\s+"
                      # "Also new this season is Tam Oyelaran, playing a smuggler named Rook Vance"
                      rf"|\b(?:is|are|was|were)\s+(?P<p2>{NAME}),\s+(?:who\s+(?:is|will be)\s+)?"
                      r"playing\s+")
_PLAYED_BY = re.compile(r"\b(?:played|portrayed|voiced|embodied)\s+(?:[\w’'-]+\s+){0,4}?by\s+")
_WHO_PLAYS = re.compile(
    rf"(?P<p>{NAME})\s*(?:,|–|—|-)?\s*(?:who|which)\s+(?:also\s+|will\s+|has\s+)?"
    r"(?:plays|played|portrays|portrayed|voices|voiced|stars as|starred as|is playing|play|"
    r"will play|has played)\s+")
_PAREN = re.compile(rf"(?P<a>{CRUN})\s*\((?P<b>[^()]{{1,80}})\)")
_KIN_PAREN = re.compile(
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)\s+(?:[a-z-]+\s+){{0,2}}(?:mother|father|son|daughter|wife|"
    rf"husband|brother|sister|friend|partner|girlfriend|boyfriend|fiancée?|boss|mentor|rival|"
    rf"uncle|aunt|grandmother|grandfather|mom|dad)\s*\((?P<b>{NAME})\)")
_POSSESSED = re.compile(rf"(?P<p>{NAME})['’]s\s+(?P<c>{CRUN})(?:,\s+(?P<app>{CRUN}))?")
_TITLE = (r"(?:Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|King|Queen|Prince|Princess|Duke|Duchess|"
          r"Count|Countess|Emperor|Empress|Master|Uncle|Aunt|Father|Sister|Detective|Lieutenant|"
          r"Captain|Agent|Officer|Sheriff|Judge|Professor|General|Colonel|President)\.?$")
_COMPANY = re.compile(r"\b(?:Content|Pictures|Television|Studios?|Productions?|Films|Media|"
                      r"Entertainment|Network|Inc|Ltd|LLC|Group|Company)\b")
_QUOTED_TITLE = re.compile(r"‘[^’\n]{1,80}’(?!\w)")  # ‘Glamorous’: a title or a phrase, no names

# how strongly a kind of evidence ties a performer to a character (lower wins)
_STRONG, _PAREN_RANK, _POSSESSIVE, _LIST = 0, 1, 2, 3


def read_cast(ctx: Context) -> list[Claim]:
    return _CastReader(ctx).read()


class _CastReader:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.body = ctx.article.body
        self.masked = _QUOTED_TITLE.sub(lambda m: " " * len(m.group()), ctx.masked)
        self.found: dict[str, list[tuple[int, int, Claim]]] = {}
        self.taken: list[tuple[int, int]] = []
        self.performers: set[str] = set()
        self.characters: set[str] = set()
        author = ctx.article.author or ""
        self.not_cast = {author} if author else set()

    def read(self) -> list[Claim]:
        spans = [s for s in self.ctx.sentences if not self.ctx.article.is_heading(s.start)]
        seasons = {s: season_in(self.body[s.start:s.end]) or self._heading_season(s.start)
                   or self.ctx.focus_season for s in spans}
        for reader in (self._directed, self._parenthesised, self._possessed, self._listed):
            for span in spans:
                reader(span.start, self.body[span.start:span.end],
                       self.masked[span.start:span.end], seasons[span])
        return self._best()

    # --- evidence ----------------------------------------------------------------------------

    def _directed(self, at: int, raw: str, text: str, season) -> None:
        """Credits that say which name is the performer: "as", "plays", "played by"."""
        for m in _PLAYED_BY.finditer(raw):
            self._played_by(at, raw, m, season)
        for m in _WHO_PLAYS.finditer(text):
            character, end = role_character(text[m.end():])
            if character:
                self._add(m["p"], character, at + m.start(), at + m.end() + end, season, _STRONG)
        for m in [*_JOINED_AS.finditer(text), *_PLAYING.finditer(text)]:
            character, end = role_character(text[m.end():])
            who = "p" if m["p"] else "p2"
            if character:
                self._add(m[who], character, at + m.start(who), at + m.end() + end, season,
                          _STRONG)
        for m in _AS.finditer(text):
            self._as(at, text, m, season)
        for m in _PAIRED.finditer(text):
            c1, c2 = m["c1"], m["c2"]
            if len(c1.split()) == 1 and len(c2.split()) > 1 and "Season" not in c2:
                c1 = f"{c1} {c2.split()[-1]}"  # "Georgia and Ginny Miller"
            both = [(m["p1"], c1), (m["p2"], c2)]
            if not self._overlaps(at + m.start(), at + m.end()) and all(
                    self._add(p, c, 0, 0, season, _STRONG, check=True) for p, c in both):
                for person, character in both:
                    self._add(person, character, at + m.start(), at + m.end(), season, _STRONG)

    def _as(self, at: int, text: str, m: re.Match, season) -> None:
        gap, trigger = m["gap"], m["trigger"]
        if trigger == "as" and gap and not re.search(rf"\b{_CAST_VERB}\b", gap):
            return  # "served as", "known as": not a part
        if re.search(r"\b(?:known|such|same|well|serve[sd]?|serving|work(?:s|ed)?)\s*$", gap):
            return
        after = text[m.end():]
        if self._respectively(at, text, m, season):
            return
        people = re.split(r"\s+and\s+", m["p"])
        if len(people) == 2 and all(len(p.split()) >= 1 for p in people):
            # "Adam Brody and Kristen Bell led the cast as rabbi Noah and podcast host Joanna"
            first, end1 = role_character(re.split(r"\s+and\s+", after, maxsplit=1)[0])
            rest = after[end1:]
            second, end2 = role_character(re.sub(r"^\s*and\s+", "", rest)) if first else (None, 0)
            if first and second:
                offset = len(rest) - len(re.sub(r"^\s*and\s+", "", rest))
                span_end = at + m.end() + end1 + offset + end2
                self._add(people[0], first, at + m.start(), span_end, season, _STRONG)
                self._add(people[1], second, at + m.start(), span_end, season, _STRONG)
                return
        # "is back as her mentor, Judge Ada Brook": after "as", a relation to another
        # character ("his rival", "her mother") is followed by the name it describes
        related = re.match(r"(?:his|her|their)\s+(?:[a-z-]+\s+){0,2}[a-z-]+,\s", after)
        character, end = role_character(after, apposition=trigger != "as" or bool(related))
        person = m["p"]
        if character:
            end = _past_paren(after, end)
            self._add(person, character, at + m.start(), at + m.end() + end, season, _STRONG)

    def _respectively(self, at: int, text: str, m: re.Match, season) -> bool:
        """"A, B and C will all return as X, Y and Z": the n-th performer plays the n-th part."""
        if m["trigger"] != "as":
            return False
        listed = cast_lists.names_before(text[:m.end("p")])
        if len(listed) < 2:
            return False
        phrase = clause_list(text[m.end():])
        parts = re.split(r"(\s*,\s*(?:and\s+)?|\s+and\s+)", phrase)
        names, used = parts[0::2][:len(listed)], "".join(parts[:2 * len(listed) - 1])
        rest = phrase[len(used):]
        if len(names) != len(listed) or rest.strip() and not rest.lstrip().startswith(","):
            return False
        if re.match(r"\s+as\b", text[m.end() + len(used):]) or " as " in used:
            return False  # "A as X and B as Y": each has their own "as"
        characters = [role_character(p)[0] for p in names]
        if not all(characters):
            return False
        if len(characters) == 2 and len(characters[0].split()) == 1 and \
                len(characters[1].split()) > 1:
            characters[0] += " " + characters[1].split()[-1]  # "Georgia and Ginny Miller"
        phrase = used
        end = at + m.end() + len(phrase)
        for (person, _, _), character in zip(listed, characters, strict=True):
            self._add(person, character, at + m.start(), end, season, _STRONG)
        return True

    def _played_by(self, at: int, raw: str, m: re.Match, season) -> None:
        before = raw[:m.start()]
        character = self._character_before(before)
        rest = raw[m.end():]
        pos = 0
        while True:
            phrase = cast_lists_clause(rest[pos:])
            name = last_name_in(phrase)
            if not name:
                return
            end = pos + name.end()
            qualifier = re.match(r"\s+(?:on|in)\s+[‘'“\"]?(?P<t>[^,.;”\"’]{2,60})[”\"’]?",
                                 rest[end:])
            other_work = qualifier and _other_title(qualifier["t"], self.ctx.show)
            if not other_work:
                start = at + (m.start() if character else m.end() + pos + name.start())
                self._add(name.group(), character, start, at + m.end() + _past_paren(rest, end),
                          season, _STRONG if character else _LIST)
            if qualifier:
                end += qualifier.end()
            more = re.match(r"\s*,?\s*and\s+", rest[end:])
            if not more:
                return
            pos = end + more.end()

    def _character_before(self, before: str) -> str | None:
        trimmed = re.sub(r"[\s,(–—-]+$", "", before)
        run = re.search(rf"(?:{CRUN})$", trimmed)
        if run:
            return clean_character(_strip_article(run.group()))
        clause = re.split(r"[,;:–—(]", trimmed)[-1]
        if re.search(r"\btitular\b", clause):
            # "the titular monarch, played by ...": the title role, named by the title's main
            # part ("Queen Charlotte" of "Queen Charlotte: A Bridgerton Story")
            return re.split(r"\s*[:–—]\s+", self.ctx.show)[0]
        head = trimmed[:len(trimmed) - len(clause)].rstrip(" ,–—(")
        run = re.search(rf"(?:{CRUN})$", head)
        if run and len(clause.split()) <= 12 and not re.search(r"[A-Z]", clause[:1]):
            return clean_character(_strip_article(run.group()))  # "Candela, an ... woman"
        return None

    def _parenthesised(self, at: int, raw: str, text: str, season) -> None:
        if cast_lists.is_crew_sentence(text):
            return  # "Jenny Daly (Critical Content)": a producer and her company
        pairs, directed = [], False
        for m in _PAREN.finditer(raw):
            if self._overlaps(at + m.start(), at + m.end()):
                directed = directed or "played by" in raw[m.start():m.end()]
                continue
            a, b = _strip_article(m["a"]), m["b"].strip()
            if not a or a == self.ctx.show or m["a"] == self.ctx.show:
                continue  # "The Empress (Die Kaiserin)": the show's other title
            played = re.match(r"(?:played|portrayed|voiced)\s+(?:[\w’'-]+\s+){0,4}?by\s+", b)
            plays = re.match(r"(?:who\s+)?(?:plays|played|playing|as|portrays|portraying)\s+", b)
            if played:
                directed = True
                name = last_name_in(b[played.end():])
                if name:
                    self._add(name.group(), clean_character(a), at + m.start(), at + m.end(),
                              season, _PAREN_RANK)
            elif plays:
                character, _ = role_character(b[plays.end():])
                if character:
                    self._add(a, character, at + m.start(), at + m.end(), season, _PAREN_RANK)
            elif re.fullmatch(NAME, b):
                pairs.append((m, a, clean_person(b)))
        for m in _KIN_PAREN.finditer(raw):
            self._add(m["b"], None, at + m.start("b"), at + m.end("b"), season, _LIST)
        if not pairs:
            return
        plot = cast_lists.tells_plot(text[:pairs[0][0].start()])
        listing = not plot and (cast_lists.introduces(text[:pairs[0][0].start()]) or re.match(
            r"\s*(?:,?\s*and\s+[^.]*?)?\s+(?:are|is)\s+(?:all\s+)?(?:set|expected|back)",
            text[pairs[-1][0].end():]) is not None)
        # one sentence writes all its pairs the same way round: the evidence is pooled
        votes = [self._character_first(a, b) for _, a, b in pairs]
        pooled = sum(v for v in votes if isinstance(v, int)) - 4 * listing + 3 * directed + \
            4 * plot
        char_first = [v if isinstance(v, bool) else pooled >= 0 for v in votes]
        sure = sum(1 for (_, _, b), first in zip(pairs, char_first, strict=True)
                   if first and len(b.split()) > 1)
        for (m, a, b), first in zip(pairs, char_first, strict=True):
            person, character = (b, a) if first else (a, b)
            single = len(person.split()) == 1 and not self.ctx.people.resolve(person)
            if single and not (sure >= 1 or person in self.performers or listing):
                continue  # a lone word in brackets: a film, a network, a year
            character = clean_character(character)
            if character and _COMPANY.search(character):
                continue
            self._add(person, character, at + m.start(), at + m.end(), season,
                      _PAREN_RANK, mononym=single)

    def _character_first(self, a: str, b: str) -> bool | int:
        """True/False when the page settles which of "A (B)" is the character; otherwise a
        vote (positive: character first)."""
        people = self.ctx.people
        if len(b.split()) == 1 and (full := people.resolve(b)) and full != a:
            return True  # "Joe Goldberg (Badgley)": a surname in brackets
        if len(a.split()) == 1 and people.resolve(a) and not people.resolve(b):
            return False
        votes = 0
        if b in self.performers or a in self.characters:
            votes += 3
        if a in self.performers or b in self.characters:
            votes -= 3
        a_words, b_words = _given(a), _given(b)
        votes += self._alone(a_words[0], a) + (self._alone(b_words[-1], b) if len(b_words) > 1
                                               else 0)
        votes -= (self._alone(a_words[-1], a) if len(a_words) > 1 else 0) + \
            self._alone(b_words[0], b)
        return votes

    def _alone(self, word: str, name: str) -> int:
        """1 if the page uses ``word`` without the rest of ``name`` ("Leo" beside "Leo Pap")."""
        if len(name.split()) == 1:
            return 0
        for m in re.finditer(rf"\b{re.escape(word)}\b(?!['’]?\w)", self.masked):
            around = self.masked[max(0, m.start() - 40):m.end() + 40]
            if name not in around:
                return 1
        return 0

    def _possessed(self, at: int, raw: str, text: str, season) -> None:
        """"Luke Thompson's Benedict Bridgerton": a performer's character, when the page shows
        the second name is a character (used alone by first name, or known as one)."""
        if cast_lists.is_crew_sentence(text):
            return
        for m in _POSSESSED.finditer(text):
            person, raw_character = clean_person(m["p"]), m["c"]
            if self._overlaps(at + m.start(), at + m.end()) or raw_character in self.ctx.show:
                continue
            character = clean_character(raw_character)
            office = is_office(raw_character)
            if office and m["app"] and all(is_office(w) for w in raw_character.split()):
                character = clean_character(m["app"])  # "First Gentleman, Todd Penn"
            if not character or len(person.split()) < 2 and not self.ctx.people.resolve(person):
                continue
            if character in self.performers or not (
                    office or character in self.characters
                    or self._alone(character.split()[0], character)):
                continue
            self._add(person, character, at + m.start(), at + m.end(), season, _POSSESSIVE)
        for name, start, end in cast_lists.show_possessors(text, self.ctx.show):
            self._add(name, None, at + start, at + end, season, _LIST)

    def _listed(self, at: int, raw: str, text: str, season) -> None:
        if cast_lists.is_crew_sentence(text):
            return
        names = cast_lists.listed(text)
        several = sum(1 for n, _, _ in names if len(n.split()) > 1) >= 2
        for name, start, end in names:
            self._add(name, None, at + start, at + end, season, _LIST, mononym=several,
                      relaxed=True)

    # --- claims ------------------------------------------------------------------------------

    def _add(self, person: str, character: str | None, start: int, end: int, season, rank: int,
             *, mononym: bool = False, relaxed: bool = False, check: bool = False) -> bool:
        person = clean_person(person)
        if len(person.split()) == 1:
            full = self.ctx.people.resolve(person)
            if full:
                person = full
            elif not mononym:
                return False
        if not person_ok(person, relaxed=relaxed) or person in self.not_cast:
            return False
        show = self.ctx.show
        if person == show or person in show.split(":")[0] and len(person.split()) > 1:
            return False
        if character and (character == person or character in self.performers):
            return False
        if check:
            return True
        people = self.ctx.people
        claim = self.ctx.claim("cast", (start, end), season, person=people.best_spelling(person),
                               character=people.best_spelling(character) if character else None)
        self.found.setdefault(claim.fields["person"], []).append((rank, start, claim))
        if rank < _LIST:
            self.taken.append((start, end))
        self.performers.add(claim.fields["person"])
        if character:
            self.characters.add(claim.fields["character"])
        return True

    def _overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.taken)

    def _best(self) -> list[Claim]:
        out = []
        for person, claims in self.found.items():
            if person in self.characters and not any(c.fields["character"] for _, _, c in claims):
                continue  # named as someone's character elsewhere: not a performer
            named = [c for c in claims if c[2].fields["character"]]
            best = min(c[0] for c in named or claims)
            candidates = sorted((c for c in named or claims if c[0] == best), key=lambda c: c[1])
            rank, start, claim = candidates[0]
            for other in candidates[1:]:  # "Georgia Miller" says more than "Georgia"
                mine, theirs = claim.fields["character"] or "-", other[2].fields["character"] or ""
                if theirs.startswith(mine + " ") or \
                        mine.endswith(" " + theirs) and is_office(mine):
                    claim = other[2]  # "CEO Madolyn Addison" is Madolyn Addison
            out.append(claim)
        return sorted(out, key=lambda c: c.start)

    def _heading_season(self, offset: int) -> int | None:
        heading = self.ctx.article.heading_before(offset)
        return season_in(heading) if re.search(r"\bcast\b", heading, re.I) else None


def clause_list(text: str) -> str:
    """The list of parts after "as" ("X, Y and Z, respectively."), up to where it ends."""
    m = re.search(r"[;:()“”\"—–]|,?\s+respectively\b|\.(?=\s|$)|\s(?:who|which|in|on|for|"
                  r"with|from|to|after|when|while)\s", text)
    return text[:m.start()] if m else text


def cast_lists_clause(text: str) -> str:
    """Where the performer's name after "played by" ends."""
    m = re.search(r"[,;:()“”\"—–]|\s(?:on|in|who|which|and|as|to|for|with|from)\s|\.(?=\s|$)",
                  text)
    return text[:m.start()] if m else text


def _past_paren(text: str, end: int) -> int:
    """Extend a credit over the brackets right after it ("Player 333 (Lee Myung-gi)")."""
    m = re.match(r"\s*\([^()]{1,80}\)", text[end:])
    return end + m.end() if m else end


def _given(name: str) -> list[str]:
    """The words of a name after its title ("Prince Wilhelm" -> ["Wilhelm"])."""
    words = name.split()
    while len(words) > 1 and re.match(_TITLE, words[0]):
        words = words[1:]
    return words


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:(?:The|A|An|And|But|Or|Then|While|As|With)\s+)+", "", name)


def _other_title(title: str, show: str) -> bool:
    """Whether "on X" names another work than the show (not the show, not a platform)."""
    title = title.strip()
    if not title[:1].isupper():
        return False
    key = re.sub(r"\W+", " ", title).lower().strip()
    show_key = re.sub(r"\W+", " ", show).lower().strip()
    platform = re.match(rf"(?:{PLATFORMS}|the show|the series)\b", key)
    return not platform and key not in show_key and show_key not in key
