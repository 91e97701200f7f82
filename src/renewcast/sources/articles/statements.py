"""Quotes from people involved: who said it, in what role, when, and which way it leans.

A statement is a quotation of at least a few words with a speaker found in the
attribution ("..., she told Deadline in an interview published on Aug. 23", "Jinny
Howe, the Head of Drama Development at Netflix stated, ...", a quote that is a whole
paragraph after "Lee discussed the finale"). Short names and pronouns are resolved
to the full name the article introduced. The stance toward another season is read
from the words of the quote (hope and plans lean positive; goodbyes and endings
negative); a quote with neither is neutral.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.dates import find_dates
from renewcast.sources.articles.people import name_runs
from renewcast.sources.articles.seasons import season_in
from renewcast.sources.articles.sentences import Span

_SPEECH = (r"(?:said|says|say|told|tells|stated|states|added|adds|explained|explains|noted|"
           r"continued|wrote|writes|tweeted|posted|shared|revealed|reveals|teased|teases|"
           r"admitted|recalled|confirmed|insisted|joked|mentioned|offered|answered|replied|"
           r"talked|discussed|described|put it|hinted|commented)")
_PRONOUN = re.compile(r"^\W*\s*(?:he|she|they)\s+" + _SPEECH + r"\b", re.I)
_TAIL_NAME = re.compile(r"^\W*\s*(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+"
                        + _SPEECH + r"\b")
_TAIL_VERB = re.compile(r"^\W*\s*" + _SPEECH + r"\s+(?:the\s+\w+\s+)?(?P<who>[A-Z][\w'’.-]+"
                        r"(?:\s+[A-Z][\w'’.-]+){0,3})")
_OUTLET = re.compile(r"\b(?:told|to|in (?:an?|her|his|their) interview with|in (?:her|his|"
                     r"their|an?) (?=[A-Z]))\s*(?P<outlet>(?:The\s+)?[A-Z][\w]+(?:\s+[A-Z][\w]+)"
                     r"{0,2})")
_ROLE_WORDS = frozenset(
    "creator co-creator showrunner co-showrunner executive producer producers director head "
    "chief president vice vp star actor actress writer author novelist officer boss ep "
    "co-star lead host narrator developer".split()
)
_ROLE_VOCAB = _ROLE_WORDS | frozenset(
    "series drama comedy senior global content original originals scripted programming "
    "development of and unscripted television tv streaming creative co and/or "
    "creator/executive producer/creator writer/producer".split()
)
_POSITIVE = re.compile(
    r"\b(excit\w*|hopeful|hope|hoping|can['’]t wait|cannot wait|looking forward|love to|"
    r"(?:early|ongoing|in) conversations?|ideas for|plans? for|planning|more stories|continue|"
    r"keep going|next chapter|"
    r"brainstorm\w*|renewed|coming back|more to tell|thrilled|optimistic|fingers crossed|"
    r"(?:in|for) season (?:\w+)|next season|what season \w+ (?:might|would|could) be|"
    r"we['’]ll see|another season|pick ?up|greenlight|so much more|hoped|plans?|what['’]s next|"
    r"more (?:story|stories|books|seasons?|episodes) to|back for|come back|ambitious|grateful)\b",
    re.I)
_NEGATIVE = re.compile(
    r"\b(no plans|not coming back|won['’]t be back|won['’]t return|the end|final season|"
    r"closure|cancel\w*|disappoint\w*|heartbr\w*|sad|goodbye|farewell|no more|last season|"
    r"end of the road|not (?:be )?renewed|we['’]re done|saying goodbye|it['’]s over|"
    r"finished story|complete story|always meant to be one|one and done|ending|endings|"
    r"conclusion|concluding|closed|closing|proper goodbye|wrap(?:ped)? up|the last)\b", re.I)


def read_statements(ctx: Context, characters: set[str], cast: list[Claim]) -> list[Claim]:
    body = ctx.article.body
    found: list[Claim] = []
    last: tuple[Span, str] | None = None  # the previous quote and its speaker
    for q in ctx.quotes:
        para_start = body.rfind("\n\n", 0, q.start) + 2 if "\n\n" in body[:q.start] else 0
        sentence = _sentence_at(ctx, q.start - 1)
        lead_start = max(sentence.start if sentence else para_start, para_start)
        lead = body[lead_start:max(q.start - 1, lead_start)]
        after = _sentence_at(ctx, q.end + 1)
        tail = body[q.end + 1:after.end] if after and after.start <= q.end + 1 else ""
        tail = tail.split("“")[0]
        speaker = _speaker(ctx, q, lead, tail, characters, last, para_start)
        if not speaker:
            continue
        quote = body[q.start:q.end]
        date = next((d.value for d in find_dates(tail + " " + lead, ctx.anchor,
                                                 lower_bound=ctx.lower_bound)
                     if len(d.value) == 10), None)
        outlet = _OUTLET.search(tail) or _OUTLET.search(lead)
        continued = found and last and last[1] == speaker and \
            body.rfind("\n\n", 0, q.start) < last[0].start
        last = (q, speaker)
        if continued:
            # "“A,” she told Deadline. “B.”" is one answer: one statement spanning both parts
            previous = found.pop()
            merged = ctx.claim("statement", (previous.start, q.end), previous.season,
                               **{**previous.fields, "date": previous.fields["date"] or date})
            merged.fields["parts"] = [*previous.fields.get("parts", [[previous.start,
                                                                      previous.end]]),
                                      [q.start, q.end]]
            merged.fields["stance"] = stance(" ".join(body[a:b] for a, b in
                                                      merged.fields["parts"]))
            found.append(merged)
            continue
        fields = {"speaker": speaker, "role": role_of(ctx, speaker, characters, cast),
                  "stance": stance(quote), "date": date}
        if outlet and not ctx.people.resolve(outlet["outlet"]):
            fields["outlet"] = outlet["outlet"]
        season = max(season_in(quote) or 0, ctx.focus_season or 0) or None
        found.append(ctx.claim("statement", q, season, **fields))
    return found


def stance(quote: str) -> str:
    # an ending said once outweighs warm words around it ("heartbroken ... so much more to tell")
    score = len(_POSITIVE.findall(quote)) - 2 * len(_NEGATIVE.findall(quote))
    return "positive" if score > 0 else "negative" if score < 0 else "neutral"


def _sentence_at(ctx: Context, offset: int) -> Span | None:
    return next((s for s in ctx.sentences if s.start <= offset < s.end), None)


def _speaker(ctx, q, lead, tail, characters, last, para_start) -> str | None:
    def person(name: str) -> str | None:
        return _speaker_named(ctx, name, characters)

    m = _TAIL_NAME.match(tail) or _TAIL_VERB.match(tail)
    if m and (who := person(m["who"])):
        return who
    if _PRONOUN.match(tail) or re.search(r"\b(?:he|she|they)\s+" + _SPEECH + r"\W*$", lead, re.I):
        return _previous_person(ctx, q.start, characters)
    if lead.strip():
        names = [n for _, e, n in name_runs(lead) if person(n)]
        before_verb = re.search(r"(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:also\s+)?"
                                + _SPEECH + r"\b[^“]*$", lead)
        if before_verb and person(before_verb["who"]):
            return person(before_verb["who"])
        if names and re.search(r"[,:]\s*$", lead):
            return person(names[0])
    if last and ctx.article.body[last[0].end:q.start].count("\n\n") == 0 and \
            last[0].start >= para_start:
        return last[1]  # a quote continued after its attribution
    if not lead.strip() and (not tail.strip() or tail.strip()[:1] in ".,"):
        # a quote standing as its own paragraph: the speaker is the previous one's subject
        previous = ctx.article.body[:para_start].rstrip().rsplit("\n\n", 1)[-1]
        names = [n for _, _, n in name_runs(ctx.masked[para_start - 2 - len(previous):para_start])
                 if person(n)]
        if names:
            return person(names[0])
    return None


def _speaker_named(ctx: Context, name: str, characters: set[str]) -> str | None:
    """The full name ``name`` stands for, unless it is a character (characters don't talk
    to the press)."""
    full = ctx.people.resolve(name)
    return full if full and full not in characters and name not in characters else None


def _previous_person(ctx: Context, offset: int, characters: set[str]) -> str | None:
    """Who "she said" refers to: the subject of the nearest earlier sentence naming someone.

    "According to Howe" names the source outright; otherwise the first person a sentence
    names is its subject, which is who a following pronoun usually means.
    """
    def person(name: str) -> str | None:
        return _speaker_named(ctx, name, characters)

    earlier = [s for s in ctx.sentences if s.end <= offset and offset - s.start < 2000]
    for span in reversed(earlier):
        text = ctx.masked[span.start:span.end]
        according = re.search(r"according to\s+(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})",
                              text)
        if according and person(according["who"]):
            return person(according["who"])
        names = [person(n) for _, _, n in name_runs(text)]
        if any(names):
            return next(n for n in names if n)
    return None


def role_of(ctx: Context, person: str, characters: set[str], cast: list[Claim]) -> str | None:
    """How the article describes ``person``: "Netflix's drama head", "series creator"."""
    body = ctx.article.body
    names = {person, person.split()[-1]}
    best: tuple[int, str] | None = None
    for name in names:
        for m in re.finditer(rf"\b{re.escape(name)}\b", body):
            role = _premodifier(body[max(0, m.start() - 80):m.start()]) or _appositive(
                body[m.end():m.end() + 120])
            if role and (best is None or m.start() < best[0]):
                best = (m.start(), role)
    if best:
        return best[1]
    if re.search(rf"{re.escape(person)},?\s+(?:who\s+)?(?:created|developed)\b|"
                 rf"(?:created|developed) by\s+{re.escape(person)}", body):
        return "creator"
    played = next((c.fields["character"] for c in cast if c.fields["person"] == person), False)
    if played is not False:
        return f"cast member (plays {played})" if played else "cast member"
    return None


def _premodifier(before: str) -> str | None:
    words = before.rstrip().split(" ")
    kept: list[str] = []
    for word in reversed(words):
        bare = word.lower().strip(",")
        if word.endswith(",") or not word:
            break
        if bare in _ROLE_VOCAB or re.fullmatch(r"[A-Z][\w]+['’]s", word) or \
                all(part in _ROLE_VOCAB for part in bare.split("/")):
            kept.insert(0, word)
            continue
        break
    while kept and kept[0].lower() in ("of", "and"):
        kept.pop(0)
    if any(w.lower().strip("'’s").split("/")[0] in _ROLE_WORDS or
           any(p in _ROLE_WORDS for p in w.lower().split("/")) for w in kept):
        return " ".join(kept)
    return None


def _appositive(after: str) -> str | None:
    m = re.match(r",\s+(?:the\s+|a\s+|an\s+|who is\s+|Netflix['’]s\s+)?(?P<role>[^,.;“”]{3,80}?)"
                 r"(?:,|\s+(?:" + _SPEECH + r")\b|\s+and\b)", after)
    if not m:
        return None
    role = m["role"].strip()
    words = re.split(r"[\s/]+", role.lower())
    return role if any(w in _ROLE_WORDS for w in words) else None
