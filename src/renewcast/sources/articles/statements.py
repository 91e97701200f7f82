"""Quotes from people involved: who said it, in what role, when, and which way it leans.

A statement is a quotation of at least a few words with a speaker found in the
attribution ("..., she told Deadline in an interview published on Aug. 23", "Jinny
Howe, the Head of Drama Development at Netflix stated, ...", a quote that is a whole
paragraph after "Lee discussed the finale", or after a paragraph ending "said the
following:"). A critic's verdict is not a statement. Short names and pronouns are resolved
to the full name the article introduced. The stance toward another season is read
from the words of the quote (hope and plans lean positive; goodbyes and endings
negative); a quote with neither is neutral.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.cast_names import person_ok
from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.dates import find_dates
from renewcast.sources.articles.people import _NOT_NAME, PARTICLE, name_runs
from renewcast.sources.articles.seasons import season_in
from renewcast.sources.articles.sentences import Span
from renewcast.sources.articles.statement_quotes import (
    GROUP_WORDS,
    extra_quotes,
    group_with,
    last_group,
)

_SPEECH = (r"(?:said|says|say|told|tells|stated|states|added|adds|explained|explains|noted|"
           r"continued|wrote|writes|tweeted|posted|shared|revealed|reveals|teased|teases|"
           r"admitted|recalled|confirmed|insisted|joked|mentioned|offered|answered|replied|"
           r"talked|discussed|described|put it|hinted|commented|expressed|asserted|stressed|"
           r"argued|acknowledged|announced|declared|emphasi[sz]ed|promised|reflected|remarked|"
           r"responded|suggested|urged|vowed|spoke|speaks|says|wrote)")
# verbs by which a writer hands a fragment to its speaker ("termed the decision “...”")
_ATTRIBUTING = (r"(?:" + _SPEECH + r"|telling|saying|termed|terms|called|calls|describing|"
                r"expressed|promised|vowed)")
_INNER_ATTRIBUTION = re.compile(r"[,.!?][“”\"]\s+" + r"(?:said|says|told|added)\s+"
                                r"(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})")
_PRONOUN = re.compile(r"^\W*\s*(?:he|she|they)\s+" + _SPEECH + r"\b", re.I)
_TAIL_NAME = re.compile(r"^\W*\s*(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+"
                        + _SPEECH + r"\b")
_TAIL_VERB = re.compile(r"^\W*\s*" + _SPEECH + r"\s+(?:the\s+\w+\s+)?(?P<who>[A-Z][\w'’.-]+"
                        r"(?:\s+[A-Z][\w'’.-]+){0,3})")
# "..., said co-creator Teo Banks", "said HBO's president of programming Mara Quell": a title
# (an organisation's possessive, then lower-case role words) between the verb and the name
_TAIL_VERB_TITLED = re.compile(
    r"^\W*\s*" + _SPEECH + r"\s+(?P<pre>(?:(?:the|a|an)\s+)?(?:[A-Z][\w+&.-]*['’]s\s+|"
    r"[A-Z][\w+&.-]*\s+){0,3}(?:[a-z][\w/-]*\s+){1,5})(?P<who>[A-Z][\w'’.-]+"
    r"(?:\s+(?:" + PARTICLE + r"\s+)?[A-Z][\w'’.-]+){1,3})(?=\s*(?:[.,;:!?]|$)|\s+(?:in|to|on|"
    r"during|at|via)\s)")
_ROLE = (r"(?:showrunner|co-showrunner|creator|co-creator|actor|actress|star|director|producer|"
         r"executive producer|author|writer|novelist|host|executive)")
# "..., showrunner Patrick Smith told Tudum", "..., Apple TV+ creative director Jay Hunt said"
_TAIL_ROLE = re.compile(r"^\W*\s*(?:[^.,;“”\"]{0,80}?\s)?(?P<who>[A-Z][\w'’.-]+"
                        r"(?:\s+[A-Z][\w'’.-]+){0,3})\s+" + _SPEECH + r"\b")
_TAIL_ROLE_ONLY = re.compile(r"^\W*\s*(?:the|our)\s+(?:[\w-]+\s+)?(?P<role>" + _ROLE + r")\s+"
                             + _SPEECH + r"\b")
_LEAD_ROLE_ONLY = re.compile(r"\b(?:The|the)\s+(?P<role>" + _ROLE + r")\s+(?:also\s+)?" + _SPEECH +
                             r"\b[^“”\"]{0,60}[,:]?\s*$")
_LEAD_PRONOUN = re.compile(r"\b(?:he|she|they)\s+(?:also\s+|then\s+)?" + _SPEECH +
                           r"\b[^“”\".]{0,60}?[,:]?\s*$", re.I)
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
    r"we['’]ll see|another (?:season|chapter|installment|outing)|"
    r"pick ?up|greenlight|so much more|hoped|plans?|what['’]s next|"
    r"more (?:story|stories|books|seasons?|episodes) to|back for|come back|ambitious|grateful|"
    r"hopefully|working on|delighted)\b",
    re.I)
_NEGATIVE = re.compile(
    r"\b(no plans|not coming back|won['’]t be back|won['’]t return|final season|"
    # "at the end of our fourth season" is a time, not an ending
    r"the end(?! of (?:\w+\s+){0,3}(?:season|episode|part|chapter|volume|book|day|week|month|"
    r"year|summer|winter|spring|fall|autumn)s?\b)|"
    r"closure|cancel\w*|disappoint\w*|heartbr\w*|gutted|devastat\w*|"
    r"breaks? (?:my|our|everyone['’]s) hearts?|"
    # "we never got to finish the story": the work stopped before its end
    r"(?:won['’]t|will not|never|didn['’]t|did not) get to (?:finish|end|tell|complete|see)|"
    r"sad|goodbye|farewell|no more|last season|"
    r"end of the road|not (?:be )?renewed|we['’]re done|saying goodbye|it['’]s over|"
    r"finished story|complete story|always meant to be one|one and done|"
    r"ending(?!\s+(?:the|a|an|this|each|every)\s+(?:season|episode))|endings|"
    r"conclusion|concluding|closed|closing|proper goodbye|wrap(?:ped)? up|"
    r"the last (?:season|episode|chapter|time)|"
    r"(?:won['’]t|will not|not) be (?:continuing|returning)|"
    r"not (?:continuing|returning)|it is what it is|onto the next|move on|moving on)\b", re.I)


_REVIEW = re.compile(r"\b(?:review|reviews|reviewer|reviewers|critic|critics)\b", re.I)
# a role written just before a name ("creator Darren Star told"), or "said" just before it
_TITLED = re.compile(r"(?:\b" + _ROLE + r"s?|\b(?:said|says))\s+$", re.I)
# words that end the names of outlets rather than of people ("Sky News")
_NOT_SURNAME = frozenset("news times post weekly magazine radio reporter tv today daily journal "
                         "wire network studios".split())
_TITLE_LIKE = re.compile(r"(?:[A-Z0-9][\w'’.:-]*\W*\s*|(?:of|the|a|an|and|in|on|to|from|for)\s+)+")


def read_statements(ctx: Context, characters: set[str], cast: list[Claim]) -> list[Claim]:
    body = ctx.article.body
    found: list[Claim] = []
    extra, fragments = extra_quotes(body, ctx.quotes)
    last: tuple[Span, list[str]] | None = None  # the previous quote and its speakers
    for q in sorted([*ctx.quotes, *extra], key=lambda q: q.start):
        para_start = body.rfind("\n\n", 0, q.start) + 2 if "\n\n" in body[:q.start] else 0
        sentence = _sentence_at(ctx, q.start - 1)
        lead_start = max(sentence.start if sentence else para_start, para_start)
        lead = body[lead_start:max(q.start - 1, lead_start)]
        if not lead.strip() and q.start == para_start + 1 and \
                body[:para_start].rstrip().endswith(":"):
            # "X said the following, per Deadline:" and the quote as the next paragraph
            introduced = _sentence_at(ctx, len(body[:para_start].rstrip()) - 1)
            lead = body[introduced.start:len(body[:para_start].rstrip())] if introduced else ""
        after = _sentence_at(ctx, q.end + 1)
        tail = body[q.end + 1:after.end] if after and after.start <= q.end + 1 else ""
        tail = re.split(r"[“\"]", tail)[0]
        if q.start in fragments and _TITLE_LIKE.fullmatch(body[q.start:q.end] + " "):
            continue  # a title in quotation marks ("Moon Knight"), not someone's words
        if _REVIEW.search(_attribution(lead, tail)):
            continue  # a critic's verdict ("a three-star review from X, who wrote:")
        if q.start in fragments:
            # a fragment woven into a sentence: only that sentence can say whose words they are
            who = _attributed(ctx, lead, tail + body[q.end + 1:q.end + 1].strip(), characters,
                              q.start)
            speakers = _with_group(ctx, who, lead + tail, characters) if who else []
        else:
            speakers = _speakers(ctx, q, lead, tail, characters, last, para_start)
        speakers = [s for s in speakers if s not in ctx.show and s != ctx.article.author]
        if not speakers:
            continue
        quote = body[q.start:q.end]
        date = next((d.value for d in find_dates(tail + " " + lead, ctx.anchor,
                                                 lower_bound=ctx.lower_bound)
                     if len(d.value) == 10), None)
        outlet = _OUTLET.search(tail) or _OUTLET.search(lead)
        between = body[last[0].end:q.start] if last else ""
        continued = found and last and last[1] == speakers and (
            "\n\n" not in between or re.search(r"\b(?:continued|added|went on)\b", lead + tail)
            or (not lead.strip() and between.count("\n\n") == 1
                and q.start == para_start + 1))  # a quote running on over paragraphs
        last = (q, speakers)
        if continued:
            # "“A,” she told Deadline. “B.”" is one answer: one statement spanning both parts
            for i in range(len(found) - len(speakers), len(found)):
                previous = found[i]
                merged = ctx.claim("statement", (previous.start, q.end), previous.season,
                                   **{**previous.fields, "date": previous.fields["date"] or date})
                merged.fields["parts"] = [*previous.fields.get("parts", [[previous.start,
                                                                          previous.end]]),
                                          [q.start, q.end]]
                merged.fields["stance"] = stance(" ".join(body[a:b] for a, b in
                                                          merged.fields["parts"]))
                found[i] = merged
            continue
        season = max(season_in(quote) or 0, ctx.focus_season or 0) or None
        for speaker in speakers:
            fields = {"speaker": speaker, "role": role_of(ctx, speaker, characters, cast),
                      "stance": stance(quote), "date": date}
            if outlet and not ctx.people.resolve(outlet["outlet"]):
                fields["outlet"] = outlet["outlet"]
            found.append(ctx.claim("statement", q, season, **fields))
    return found


def _with_group(ctx, speaker: str, text: str, characters) -> list[str]:
    """``speaker`` and whoever the sentence names alongside them ("A, B and C said")."""
    group = group_with(text, speaker, lambda n: _speaker_named(ctx, n, characters))
    return group if speaker in group else [speaker]


def _speakers(ctx, q, lead, tail, characters, last, para_start) -> list[str]:
    inner = _INNER_ATTRIBUTION.search(ctx.article.body[q.start:q.end])
    if inner and (who := _speaker_named(ctx, inner["who"], characters, explicit=True)):
        return [who]  # "…season,“ said Vernon Sanders, …": a mistyped closing mark
    if not lead.strip() and last and not body_between(ctx, last[0].end, q.start).strip(' "“”\n'):
        return last[1]  # the next paragraph of a quote running on
    if re.search(GROUP_WORDS.pattern + r"\s+(?:also\s+|then\s+)?" + _SPEECH + r"\b|" + _SPEECH +
                 r"\s+" + GROUP_WORDS.pattern, _attribution(lead, tail), re.I):
        # "the trio said", "They said the following": the people the page just listed
        sentences = [ctx.masked[s.start:s.end] for s in ctx.sentences
                     if s.end <= q.start and q.start - s.start < 1500]
        group = last_group(sentences[-3:] + [lead],
                           lambda n: _speaker_named(ctx, n, characters))
        if group:
            return group
    speaker = _speaker(ctx, q, lead, tail, characters, last and (last[0], last[1][0]),
                       para_start)
    if not speaker:
        return []
    if last and speaker == last[1][0]:
        return last[1]
    return _with_group(ctx, speaker, lead + " " + tail, characters)


def _last(matches):
    found = None
    for found in matches:  # noqa: B007 - the last one is wanted
        pass
    return found


def body_between(ctx, start: int, end: int) -> str:
    return ctx.article.body[start:end]


def _attribution(lead: str, tail: str) -> str:
    """The words around a quote that say who speaks ("the trio said in a joint statement:")."""
    m = re.search(r"[^.!?“”]*$", lead)
    return (m.group() if m else "") + " " + tail[:80]


def _titled_speaker(ctx, tail: str, characters) -> str | None:
    """The speaker of "..., said Netflix's head of drama Jane Doe": a name after the verb and
    a title, where the title holds a word of office ("head", "showrunner", "president")."""
    m = _TAIL_VERB_TITLED.match(tail)
    if m is None or not any(w.strip(",").lower() in _ROLE_WORDS for w in m["pre"].split()):
        return None
    return _speaker_named(ctx, m["who"], characters, explicit=True, titled=True)


def _attributed(ctx, lead: str, tail: str, characters, at: int) -> str | None:
    """The speaker a fragment's own sentence names: "Lee told fans that she's “...”"."""
    m = _TAIL_NAME.match(tail) or _TAIL_VERB.match(tail)
    if m and (who := _speaker_named(ctx, m["who"], characters)):
        return who
    if who := _titled_speaker(ctx, tail, characters):
        return who
    if _PRONOUN.match(tail):
        # "“Stay tuned,” he said": the person the page named last before the fragment
        return _previous_person(ctx, at, characters)
    verb = _last(re.finditer(_ATTRIBUTING + r"\b", lead))
    was = re.search(r"\b(?:was|were)\s*$", lead)  # "She was “heartbroken”"
    if not verb and not was:
        return None
    verb = verb or was
    if re.search(r"\b(?:he|she|they)\s+(?:was|were)?\s*$", lead[:verb.start()], re.I):
        return _previous_person(ctx, ctx.article.body.find(lead), characters)
    names = [n for _, _, n in name_runs(lead[:verb.start()])]
    for name in reversed(names):
        if who := _speaker_named(ctx, name, characters):
            return who
    return None


def stance(quote: str) -> str:
    # an ending said once outweighs warm words around it ("heartbroken ... so much more to tell")
    negative = list(_NEGATIVE.finditer(quote))
    # "we won't be continuing with another season": hope words inside a refusal don't count
    positive = [m for m in _POSITIVE.finditer(quote)
                if not any(n.start() <= m.start() < n.end() + 30 for n in negative)]
    score = len(positive) - 2 * len(negative)
    return "positive" if score > 0 else "negative" if score < 0 else "neutral"


def _sentence_at(ctx: Context, offset: int) -> Span | None:
    return next((s for s in ctx.sentences if s.start <= offset < s.end), None)


def _speaker(ctx, q, lead, tail, characters, last, para_start) -> str | None:
    def person(name: str, explicit: bool = False, titled: bool = False) -> str | None:
        return _speaker_named(ctx, name, characters, explicit=explicit, titled=titled)

    m = _TAIL_NAME.match(tail) or _TAIL_VERB.match(tail) or _TAIL_ROLE.match(tail)
    if m and (who := person(m["who"], explicit=True,
                            titled=bool(_TITLED.search(tail[:m.start("who")])))):
        return who
    if who := _titled_speaker(ctx, tail, characters):
        return who
    role = _TAIL_ROLE_ONLY.match(tail) or _LEAD_ROLE_ONLY.search(lead)
    if role:  # "..., the actor told the outlet": the person the page gave that role
        return _person_in_role(ctx, role["role"], q.start, characters)
    if _PRONOUN.match(tail) or _LEAD_PRONOUN.search(lead):
        return _previous_person(ctx, q.start, characters)
    if lead.strip():
        names = [n for _, e, n in name_runs(lead) if person(n)]
        before_verb = re.search(r"(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:also\s+)?"
                                + _SPEECH + r"\b[^“]*$", lead)
        titled = bool(before_verb and _TITLED.search(lead[:before_verb.start("who")]))
        if before_verb and (who := person(before_verb["who"], explicit=True, titled=titled)):
            return who
        verb = _last(re.finditer(_SPEECH + r"\b(?=[^“”\"]*$)", lead))
        if verb:  # "X, who played Y, expressed his hope": the subject before the verb
            for _, _, name in reversed(name_runs(lead[:verb.start()])):
                if who := person(name):
                    return who
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


def _speaker_named(ctx: Context, name: str, characters: set[str], *,
                   explicit: bool = False, titled: bool = False) -> str | None:
    """The full name ``name`` stands for, unless it is a character (characters don't talk
    to the press). Where the page writes "Jane Doe told" (``explicit``), a full name it
    cannot resolve is still that name; after a role or "said" (``titled``: "creator Jane
    Head told", "said Jane Head") a surname may be a word that is seldom a name."""
    name = re.sub(r"['’]s?$|\.$", "", name.strip())
    full = ctx.people.resolve(name)
    words = name.split()
    if not full and explicit and len(words) >= 2 and words[0].lower() not in _NOT_NAME and (
            person_ok(name) or titled and len(words) == 2 and person_ok(name, relaxed=True)
            and words[1].lower() not in _NOT_SURNAME):
        full = name
    return full if full and full not in characters and name not in characters else None


def _person_in_role(ctx: Context, role: str, offset: int, characters) -> str | None:
    """Who the page calls ``role`` before ``offset`` ("showrunner Patrick Smith")."""
    body = ctx.article.body[:offset]
    found = None
    for m in re.finditer(rf"\b{role}s?\s+(?P<who>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,3}})|"
                         rf"(?P<who2>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){{0,3}}),\s+(?:the\s+|a\s+)?"
                         rf"(?:[\w-]+\s+){{0,3}}{role}\b", body, re.I):
        found = _speaker_named(ctx, m["who"] or m["who2"], characters) or found
    return found or _previous_person(ctx, offset, characters)


def _previous_person(ctx: Context, offset: int, characters: set[str]) -> str | None:
    """Who "she said" refers to: the subject of the nearest earlier sentence naming someone.

    "According to Howe" names the source outright; otherwise the first person a sentence
    names is its subject, which is who a following pronoun usually means. A sentence whose
    subject is a character ends the search: "he says" then quotes the show, not a person.
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
        for _, _, name in name_runs(text):
            if name in characters or ctx.people.resolve(name) in characters:
                return None
            if who := person(name):
                return who
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
    # only the words of the name's own line: "...Brandt).\n\nCreator Felix Morrow"
    words = before.rsplit("\n", 1)[-1].rstrip().split(" ")
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
