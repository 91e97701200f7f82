"""Dated production events, each date going with the verb it belongs to.

One sentence often carries several events ("production was underway in September 2023 and
now the show is due back on November 22"), so the date of an event is not any date in the
sentence: each date goes to the nearest event word before it ("premiered in 2021"), or to one
right after it with nothing between ("the Jan. 5 release", "a Dec. 19 premiere date"). Words
of other happenings (a commission, an announcement) take their dates too, so that they are
not handed to a premiere. An event reported as today's news with no date of its own ("Netflix
has released a trailer") takes the article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.dates import DateMention, speaks_of_future
from renewcast.sources.articles.seasons import season_mentions

PREMIERE = re.compile(
    r"\b(premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|releas(?:e|es|ed|ing)|drops?|dropped|"
    r"arriv(?:e|es|ed|ing|al)|lands?|landed|hit(?:s)? (?:netflix|screens|the streamer)|"
    r"launch(?:es|ed)?|returns? (?:on|in|to)|streaming (?:on|from)|out (?:on|in)|"
    r"first appeared on|due back|(?:be|is|are|comes?|coming) back (?:in|by|around|on))\b", re.I,
)
_FILMING = r"(?:filming|production|shooting|principal photography|cameras|the shoot)"
START = re.compile(
    rf"{_FILMING}\s+(?:[\w,]+\s+){{0,16}}?(?:officially\s+)?(?:began|begins|begin|started|"
    rf"starts|start(?! streaming| airing)|kicked off|kicks off|kick off|got underway|"
    rf"(?:is|was) underway|commenced|rolled|took place|began rolling|started rolling|ran|"
    rf"was done)"
    rf"|(?:began|begins|begin|started|starts|start|commenced|kicked off|entered|went into|going "
    rf"into|heads? into|headed into|began rolling)\s+(?:\w+\s+){{0,2}}?{_FILMING}", re.I)
WRAP = re.compile(
    rf"{_FILMING}\s+(?:\w+\s+){{0,8}}?(?:has\s+|have\s+|officially\s+)*(?:wrapped|wraps|wrap|"
    rf"ended|ends|concluded|finished|completed|stopped rolling)|wrapped(?: up)?(?! party)|"
    rf"wraps? up|cameras stopped rolling|production wrap|(?:the|a|its) wrap\b(?! party)", re.I)
FILMING = re.compile(_FILMING, re.I)
_RANGE = re.compile(r"\b(between|from)\b.+\b(and|to|through|until|till)\b", re.I)
_WRITERS = re.compile(r"\b(writers['’]? room|(?:began|begun|started|start) writing|"
                      r"writing (?:has |have )?(?:began|begun|started|kicked off))", re.I)
_TRAILER = re.compile(
    r"\b(?:trailer|teaser)s?\b(?:\s+[\w'’-]+){0,5}?\s+(?:was |were |has been |is )?(?:released|"
    r"dropped|shared|unveiled|debuted|arrived|revealed|came out|is out|premiered|launched)\b"
    r"|\b(?:released|releases|dropped|drops|shared|unveiled|debuted|revealed|launched)\s+"
    r"(?:[\w'’-]+\s+){0,5}?(?:trailer|teaser)s?\b", re.I)
# "announced the date on Monday along with a new trailer": a trailer that came out with
# another announcement, and on its day (the trigger is the noun, so the date is not taken
# from the announcement it sits beside)
_ALONGSIDE = re.compile(r"\b(?:alongside|along with|together with)\s+(?:a|an|the|its|their)\s+"
                        r"(?:[\w'’-]+\s+){0,3}?(?P<noun>trailer|teaser)s?\b", re.I)
_DATE_SET = re.compile(
    r"\b(?:confirmed|announced|revealed|set|unveiled|gave|given|gets?|got)\s+(?:\w+\s+){0,4}?"
    r"(?:premiere|release|return|launch) date\b"
    r"|\b(?:premiere|release|return|launch) date\s+(?:was\s+|has been\s+|is\s+)?(?:officially\s+)?"
    r"(?:confirmed|announced|revealed|set|unveiled)\b", re.I)
# words that take a date without being an event we record
_OTHER = re.compile(r"\b(commissioned|ordered|announced|revealed|confirmed|shared|told|said|"
                    r"published|interview\w*|posted|wrote|reported)\b", re.I)
# the writer's own forecast: "we suspect", "our guess is", "it is our feeling that"
OWN_VIEW = re.compile(
    r"(?<!what )\b(?:we|i)\s+(?:\w+\s+){0,2}?(?:suspect|expect|predict|think|believe|reckon|"
    r"bet|wager|imagine|anticipate)\b|\bwe['’]d bet\b|\b(?:our|my)\s+(?:\w+\s+)?(?:guess|bet|"
    r"prediction|feeling|money|expectation)\b|(?<!what )\b(?:fans|viewers|you)\s+can\s+expect\b"
    r"|\blook for (?:it|them|the (?:show|series)|(?:season|series|part) \w+)\s+(?:in|around|"
    r"by|this|next|early|late)\b|\bhint(?:s|ing)? that\b[^.]{0,80}\bwill\b|"
    r"\bsuggests? that\b[^.]{0,80}\bwill\b|\bhold (?:your|their|our) breath\b|"
    r"\b(?:is|are|looks?)\s+(?:\w+\s+)?(?:likely|"
    r"poised|bound|unlikely)\s+(?:headed|to\s+(?:be\s+renewed|return|get|come back)|for)\b", re.I)
_SOFT = re.compile(r"\b(could|might|may|likely|probably|if|expect\w*|hope\w*|possibly|"
                   r"perhaps|would|should|guess|predict\w*|speculat\w*|rumou?r\w*)\b", re.I)
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever|\byet to)\b(?:\s+\w+){0,3}\s*$", re.I)
_NEWS = re.compile(r"\b(has|have|today|this morning|just|officially)\b", re.I)
# "has had four seasons since 2020", "since its 2021 debut": when the first season came out
# a new clause between a word and a date after it: the date is that clause's
# the verbs of a renewal, and of a decision either way
_ORDER_VERBS = r"renewed|picked up|ordered|greenlit|green-lit"
_DECISION_VERBS = rf"{_ORDER_VERBS}|canceled|cancelled|axed"
_CLAUSE = re.compile(r"[;.]|,\s*(?:and|but|while|with|so|if)\b|\band (?:in|on|by|now)\b|\band\s*$"
                     # "premiered in March and (was) renewed two months later": a decision's
                     # own clause, whose date is the decision's
                     r"|\band (?:was |were |has been |had been |got |then )?"
                     rf"(?:{_DECISION_VERBS})\b", re.I)
# premiere verbs that other things do too ("dropped some early intel", "released a clip")
_GENERIC_VERB = re.compile(r"drop|releas|launch|land|arriv", re.I)
_SHOW_WORD = re.compile(r"\b(series|show|season|seasons|episodes?|finale|drama|comedy|thriller|"
                        r"part|installment|chapter)\b", re.I)
_SINCE = re.compile(r"\bseasons?\s+since\s+(?P<year>(?:19|20)\d\d)\b|\bsince\s+(?:its|the "
                    r"show['’]s|the series['’])\s+(?P<debut>(?:19|20)\d\d)\s+(?:debut|premiere)",
                    re.I)
# "The first season of "Sweet Home" (2020)": a year in brackets dates that season
_BRACKET_YEAR = re.compile(r"\((?P<year>(?:19|20)\d\d)\)")
_OTHER_WORK = re.compile(r"\b(film|movie|feature|franchise|book|novel|comics?|also set to star|"
                         r"also stars?|next project|video game)\b", re.I)


@dataclass(frozen=True)
class Trigger:
    kind: str  # premiere, filming_start, filming_wrap, writers_room, trailer, date_announced,
    # or "other" (a word that takes a date for itself)
    start: int  # offsets in the sentence
    end: int


def triggers(text: str) -> list[Trigger]:
    found = []
    filming = FILMING.search(text)
    for kind, pattern in (("filming_start", START), ("filming_wrap", WRAP),
                          ("writers_room", _WRITERS), ("trailer", _TRAILER),
                          ("date_announced", _DATE_SET), ("premiere", PREMIERE),
                          ("other", _OTHER)):
        if kind == "filming_wrap" and not filming and not re.search(r"\bwrap\b", text, re.I):
            continue
        for m in pattern.finditer(text):
            if any(t.start < m.end() and m.start() < t.end for t in found):
                continue
            found.append(Trigger(kind, m.start(), m.end()))
    for m in _ALONGSIDE.finditer(text):
        if not any(t.start < m.end() and m.start("noun") < t.end for t in found):
            found.append(Trigger("trailer", m.start("noun"), m.end()))
    return sorted(found, key=lambda t: t.start)


def assign(dates: list[DateMention], found: list[Trigger], offset: int,
           text: str = "") -> dict[Trigger, list]:
    """Each date to the event word it belongs to (see the module's docstring)."""
    out: dict[Trigger, list[DateMention]] = {t: [] for t in found}
    for date in dates:
        start, end = date.start - offset, date.end - offset
        if found and start < 25 and found[0].start >= end:
            out[found[0]].append(date)  # "Back in July, Netflix released a teaser"
            continue
        best, best_gap = None, 10 ** 6
        for t in found:
            if t.end <= start:
                gap = start - t.end
                between = text[t.end:start]
                for other in dates:  # "on August 15 and September 12": one verb, two dates
                    if t.end <= other.start - offset and other.end - offset <= start:
                        between = between.replace(text[other.start - offset:other.end - offset],
                                                  "DATE")
                listed = re.search(r"DATE\s*,?\s*(?:and|or|&)?\s*$", between)
                if gap > 90 or (_CLAUSE.search(between) and not listed):
                    continue
            elif t.start >= end:
                gap = t.start - end
                # "in March 2023 and renewed ...": the date closes the clause before the word
                if gap > 14 or re.match(r"\s*,?\s*(?:and|but|then|before|after)\b",
                                        text[end:t.start], re.I):
                    continue
                gap = gap * 2 + 3  # a date before its word only when right next to it
            else:
                gap = 0
            if gap < best_gap:
                best, best_gap = t, gap
        if best is not None:
            out[best].append(date)
    return out


def read_events(ctx: Context, span, text: str, dates: list[DateMention]) -> list[Claim]:
    """The dated events of one sentence (``text`` is it, quotations blanked)."""
    if ctx.names_other_title(span.start, span.end) and not _names_show(ctx, text):
        return []  # about another title in the catalog
    if _OTHER_WORK.search(text) and not _names_show(ctx, text):
        return []  # a film, a book, a cast member's other project
    found = triggers(text)
    by = assign(dates, found, span.start, text)
    out = _since(ctx, span, text)
    ranged = [t for t in found if t.kind in ("filming_start", "filming_wrap")]
    if _RANGE.search(text) and FILMING.search(text) and len(dates) >= 2 and ranged:
        season = _season(ctx, text, ranged[0])
        return out + [ctx.claim("event", span, season, event="filming_start",
                                date=dates[0].value),
                      ctx.claim("event", span, season, event="filming_wrap",
                                date=dates[-1].value)]
    since = {c.fields["date"] for c in out}
    for t in found:
        if t.kind == "other" or _soft(text, t) or _NEGATED.search(text[:t.start][-40:]):
            continue
        when = [d.value for d in by[t] if d.value not in since]
        if not when and t.kind == "trailer" and _ALONGSIDE.match(text, _alongside_start(text, t)):
            # it came out with the event before it: that event's day
            earlier = [o for o in found if o.end <= t.start and o.kind != "other" and by[o]]
            when = [by[earlier[-1]][-1].value] if earlier else []
        clause = re.split(r"[;:.]|,\s*(?:and|but|which|while)\b", text[:t.start])[-1]
        if not when and t.kind in ("trailer", "date_announced", "filming_wrap") and \
                ctx.article.published and _NEWS.search(clause) and \
                not speaks_of_future(clause):
            when = [ctx.article.published.isoformat()]  # today's news: the article's day
        if t.kind == "premiere" and (FILMING.search(text[max(0, t.start - 30):t.start])
                                     or not _premiere_of_show(ctx, text, t)):
            continue  # "production returns to the set", "dropped some early intel"
        season = _season(ctx, text, t, when[0] if when else None)
        for value in when:
            out.append(ctx.claim("event", span, season, event=t.kind, date=value))
    return out


def _alongside_start(text: str, t: Trigger) -> int:
    """Where the "alongside ..." phrase ending in trigger ``t`` starts (or ``t``'s start)."""
    m = re.search(r"\b(?:alongside|along with|together with)\s+(?:\S+\s+){0,4}?$",
                  text[:t.start], re.I)
    return m.start() if m else t.start


def _soft(text: str, t: Trigger) -> bool:
    """Hedged where the event word is: "could premiere in 2025", "our feeling is that you
    won't see it premiere until 2025" are forecasts."""
    clause = re.split(r"[;,—–]|\band\b|\bbut\b", text[:t.start])[-1]
    return bool(_SOFT.search(clause) or OWN_VIEW.search(text[:t.start]))


def _premiere_of_show(ctx: Context, text: str, t: Trigger) -> bool:
    """Whether a verb other things also do ("dropped", "released") is said of the show."""
    if not _GENERIC_VERB.match(text[t.start:t.end]):
        return True
    before = re.split(r"[;:.—–]|,\s*(?:and|but|while)\b", text[:t.start])[-1]
    after = text[t.end:t.end + 30]
    return bool(_SHOW_WORD.search(before) or _SHOW_WORD.match(after.strip() + " ")
                or re.match(r"\s*(?:of\s+)?(?:(?:its|the|a|all)\s+(?:\w+\s+){0,2})?(?:season|"
                            r"series|show|episodes?)", after, re.I)
                or re.match(r"\s*of\b", after) and _names_show(ctx, after)
                or _names_show(ctx, before) or re.match(r"\s*(?:on|in|onto)\b", after)
                and _names_show(ctx, text))


def _names_show(ctx: Context, text: str) -> bool:
    words = [re.escape(w) for w in re.findall(r"\w+", ctx.show)]
    return bool(words) and bool(re.search(r"\W+".join(words), text, re.I))


def _season(ctx: Context, text: str, t: Trigger, date: str | None = None) -> int | None:
    """The season named nearest the event word, else the one the article's tense points at."""
    mentions = season_mentions(text)
    before = [m for m in mentions if m.end <= t.end]  # "filming for Season 1 took place"
    after = [m for m in mentions if m.start >= t.end and m.start - t.end < 25]
    if before and (not after or t.start - before[-1].end < after[0].start - t.end):
        return before[-1].number
    if after:
        return after[0].number
    if t.kind != "premiere" or ctx.focus_season is None:
        return ctx.focus_season
    published = ctx.article.published
    if published and date and still_to_come(published, date, text) or \
            (not (published and date) and speaks_of_future(text)):
        return ctx.next_season
    # "premiered in March 2023 and was renewed for Season 2 two months later": the season
    # before the one the same sentence says was ordered next
    ordered = _ORDERED_NEXT.search(text, t.end)
    named = season_mentions(ordered.group()) if ordered else []
    if named:
        return max(named[0].number - 1, 1)
    return max((ctx.released or ctx.focus_season) - (0 if ctx.released else 1), 1)


_ORDERED_NEXT = re.compile(rf"\b(?:{_ORDER_VERBS})\b[^.;]*", re.I)
# a debut the sentence reports as past ("debuted earlier this month")
_PAST_DEBUT = re.compile(r"\b(?:debuted|premiered|arrived|dropped|landed|launched|bowed|came out|"
                         r"(?:was|were) released)\b", re.I)


def still_to_come(published: dt.date, value: str, text: str) -> bool:
    """Whether a date ``value`` an article gives is after the article's own day: later, or
    within the article's own month or year unless the sentence says it already happened
    ("debuted earlier this month" on 20 July is July, and past)."""
    stamp = published.isoformat()[:len(value)]
    if value != stamp:
        return value > stamp
    return len(value) == 10 or not _PAST_DEBUT.search(text) or speaks_of_future(text)


def _since(ctx: Context, span, text: str) -> list[Claim]:
    out = []
    for m in _SINCE.finditer(text):
        out.append(ctx.claim("event", span, 1, event="premiere", date=m["year"] or m["debut"]))
    for m in _BRACKET_YEAR.finditer(text):
        named = [s for s in season_mentions(text[:m.start()]) if m.start() - s.end < 40]
        show_next = _names_show(ctx, text[max(0, m.start() - len(ctx.show) - 4):m.start()])
        if named and show_next:
            out.append(ctx.claim("event", span, named[-1].number, event="premiere",
                                 date=m["year"]))
    return out
