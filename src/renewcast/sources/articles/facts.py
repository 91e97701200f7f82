"""What an article reports as happened or decided, and what it only predicts.

Each sentence outside quotation marks is read for a renewal status (awaiting, renewed,
canceled, ended), dated production events (premiere, filming start and wrap, writers'
room, renewal, cancellation, premiere-date announcement) and the article's own
forecasts ("likely headed for a renewal", "expect season 2 around August 2023").
Hedged wording is what separates a forecast from a fact: "Netflix renewed" is a
status, "Netflix will likely renew" a prediction, and a question is neither.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.dates import DateMention, find_dates, speaks_of_future
from renewcast.sources.articles.orders import season_order
from renewcast.sources.articles.seasons import season_in

_AWAITING = re.compile(
    r"\b(yet to|has ?n[o'’]t|have ?n[o'’]t|not yet|still)\s+(officially\s+|formally\s+)?"
    r"(been\s+|be\s+)?(renew|announc|confirm|decid|greenl|green-l|give|gave|pick|order|made)"
    r"|no (official )?word (yet )?(on|about)|(awaiting|still waiting|remains to be seen|"
    r"unclear whether|not been (officially )?(renewed|confirmed)|neither renewed nor|"
    r"has not (officially )?(renewed|canceled|cancelled)|no (official )?(announcement|decision))",
    re.I,
)
_RENEWED = re.compile(
    r"\b(renew(?:ed|s|ing)?|picked up|pickup|green[- ]?lit|greenlighted|green light|"
    r"ordered (?:a|an) \w+ (?:season|installment)|is (?:officially )?coming back|"
    r"will return for|officially happening|confirmed (?:for )?(?:a|its) \w+ season|"
    r"brought back)\b", re.I,
)
_CANCELED = re.compile(
    r"\b(cancel+ed|cancels|cancel+ation|axed|axes|scrapped|pulled the plug|"
    r"(?:will not|won['’]t|wo n't|is not|isn['’]t|not be) (?:return|be back|be returning|"
    r"coming back|be renewed)|decided (?:not|against) (?:to )?renew|not be getting|"
    r"(?:will not|won['’]t) (?:get|receive) (?:a|another))", re.I,
)
_ENDED = re.compile(
    r"\b((?:final|last) (?:season|chapter|installment|outing|run)|will (?:end|conclude|wrap up)"
    r" (?:with|after)|come to an end|conclude with|end with (?:its|the) \w+ season)\b", re.I,
)
_HEDGE = re.compile(
    r"\b(likely|unlikely|probably|poised|expect|expected|expects|could|might|may|chances?|"
    r"odds|bet|hope|hoping|possib\w*|potential(?:ly)?|predict\w*|if|whether|guess|"
    r"speculat\w*|would|should|seems?|appears?|rumou?r\w*|sometime|around|estimate\w*|"
    r"we think|bound to|set to be renewed|high|good sign)\b", re.I,
)
_POSITIVE_HEDGE = re.compile(
    r"\b(likely|poised|expect(?:ed)?|probably|good chance|bound to|should|high|bet|safe to "
    r"say|all but|good sign|sure|strong)\b", re.I)
_NEGATIVE_HEDGE = re.compile(
    r"\b(unlikely|doubt\w*|slim|low|not likely|probably not|don['’]t expect|bleak|grim|"
    r"doesn['’]t look good|on the bubble)\b", re.I)
_NEXT_SEASON = re.compile(
    r"\b(renew\w*|another (season|installment)|(second|third|fourth|fifth|next|new) season|"
    r"season \w+|come back|return)\b", re.I)
_PREMIERE = re.compile(
    r"\b(premier(?:e|es|ed|ing)|debut(?:s|ed|ing)?|releas(?:e|es|ed|ing)|drops?|dropped|"
    r"arriv(?:e|es|ed|ing)|lands?|landed|hit(?:s)? (?:netflix|screens|the streamer)|"
    r"launch(?:es|ed)?|returns? (?:on|in|to)|streaming (?:on|from)|out (?:on|in)|"
    r"expect (?:it|season \w+|the \w+ season|new episodes)|back (?:in|by|around|on))\b", re.I,
)
_ANNOUNCED = re.compile(r"\b(announc\w+|reveal\w+|confirm\w+|unveil\w+)\b", re.I)
_FILMING = r"(?:filming|production|shooting|principal photography|cameras|the shoot)"
_START = re.compile(
    rf"{_FILMING}\s+(?:\w+\s+){{0,8}}?(?:officially\s+)?(?:began|begins|begin|started|starts|"
    rf"start|kicked off|kicks off|kick off|got underway|is underway|commenced|rolled|took place|"
    rf"began rolling|started rolling|ran|was done)"
    rf"|(?:began|begins|begin|started|starts|start|commenced|kicked off|entered|went into|going "
    rf"into|heads? into|headed into|began rolling)\s+(?:\w+\s+){{0,2}}?{_FILMING}", re.I)
_WRAP = re.compile(
    rf"{_FILMING}\s+(?:\w+\s+){{0,8}}?(?:has\s+|have\s+|officially\s+)*(?:wrapped|wraps|wrap|"
    rf"ended|ends|concluded|finished|completed|stopped rolling)|wrapped(?: up)?|wraps? up|"
    rf"cameras stopped rolling|production wrap", re.I)
_RANGE = re.compile(r"\b(between|from)\b.+\b(and|to|through|until|till)\b", re.I)
_WRITERS = re.compile(r"\b(writers['’]? room|(?:began|begun|started|start) writing|"
                      r"writing (?:has |have )?(?:began|begun|started|kicked off))", re.I)


def read_facts(ctx: Context) -> list[Claim]:
    found: list[Claim] = []
    for span in ctx.sentences:
        text = ctx.masked[span.start:span.end]
        if not text.strip() or len(text.strip()) < 12:
            continue
        raw = ctx.article.body[span.start:span.end]
        question = raw.rstrip().rstrip("”\"’'").endswith("?")
        hedged = bool(_HEDGE.search(text)) or question
        dates = [d for d in find_dates(text, ctx.anchor, span.start, lower_bound=ctx.lower_bound)
                 if not _is_past_work(d, text, span.start)]
        season = season_in(text)
        found += _status(ctx, span, text, hedged, question, season, dates)
        if not question:
            found += _events(ctx, span, text, hedged, season, dates)
            found += _predictions(ctx, span, text, hedged, season, dates)
    return found


def _is_past_work(date: DateMention, text: str, offset: int) -> bool:
    """'Helen Wan's 2013 novel': a year that dates something else."""
    after = text[date.end - offset:date.end - offset + 20].lower()
    return bool(re.match(r"['’]?s?\s*(novel|book|film|movie|series|memoir|comic|play|"
                         r"documentary|podcast|article|interview)\b", after))


def _status(ctx, span, text, hedged, question, season, dates) -> list[Claim]:
    if question:
        return []
    published = ctx.article.published
    decision = _CANCELED.search(text) or _RENEWED.search(text) or _ENDED.search(text)
    if published and decision:
        # "it was canceled in 2022": history, not what the article reports now
        at = span.start + decision.end()
        dated = [d for d in dates if 0 <= d.start - at < 40]
        if dated and (published - dated[0].as_date()).days > 200:
            return []
    if _AWAITING.search(text):
        if not (_RENEWED.search(text) or _NEXT_SEASON.search(text) or "status" in text.lower()):
            return []
        return [ctx.claim("status", span, season or ctx.focus_season, value="awaiting")]
    out = []
    order = _order(text, season or ctx.focus_season)
    if _ENDED.search(text) and not hedged:
        out.append(ctx.claim("status", span, season or ctx.focus_season, value="ended",
                             **order))
        return out
    if _CANCELED.search(text) and not hedged:
        out.append(ctx.claim("status", span, season or ctx.focus_season, value="canceled"))
        out += _decision_event(ctx, span, text, "cancellation", season, dates)
    elif _RENEWED.search(text) and not hedged and not re.search(
            r"\b(not|n['’]t|never)\b[^.]{0,30}\brenew", text, re.I):
        out.append(ctx.claim("status", span, season or ctx.focus_season, value="renewed",
                             **order))
        out += _decision_event(ctx, span, text, "renewal", season, dates)
    return out


def _order(text: str, next_number: int | None) -> dict:
    """The seasons a decision sentence orders and the one it names as last, when it says."""
    covers, final = season_order(text).resolve(next_number)
    found = {}
    if covers and covers != ((next_number,) if next_number else ()):
        found["covers"] = list(covers)
    if final:
        found["final_season"] = final
    return found


def _decision_event(ctx, span, text, kind, season, dates) -> list[Claim]:
    """A renewal or cancellation dated by the sentence, or by the article when it is news."""
    date = next((d.value for d in dates if len(d.value) >= 7), None)
    if date is None and ctx.article.published and re.search(
            r"\b(has|have|officially|today|this week|announced|just)\b", text, re.I):
        date = ctx.article.published.isoformat()
    if date is None:
        return []
    return [ctx.claim("event", span, season or ctx.focus_season, event=kind, date=date)]


def _events(ctx, span, text, hedged, season, dates) -> list[Claim]:
    if not dates:
        return []
    out = []
    filming = re.search(_FILMING, text, re.I)
    start, wrap = _START.search(text), _WRAP.search(text) if filming else None
    soft = re.search(r"\b(could|might|may|likely|probably|if|expect\w*|hope\w*)\b", text, re.I)
    if filming and not soft:
        if len(dates) >= 2 and (_RANGE.search(text) or (start and wrap)):
            out.append(ctx.claim("event", span, season or ctx.focus_season,
                                 event="filming_start", date=dates[0].value))
            out.append(ctx.claim("event", span, season or ctx.focus_season,
                                 event="filming_wrap", date=dates[-1].value))
        elif wrap:
            out.append(ctx.claim("event", span, season or ctx.focus_season,
                                 event="filming_wrap", date=dates[-1].value))
        elif start:
            out.append(ctx.claim("event", span, season or ctx.focus_season,
                                 event="filming_start", date=dates[0].value))
    if _WRITERS.search(text) and not soft:
        out.append(ctx.claim("event", span, season or ctx.focus_season,
                             event="writers_room", date=dates[0].value))
    if _PREMIERE.search(text) and not hedged and not filming:
        out += _premiere(ctx, span, text, season, dates)
    return out


def _premiere(ctx, span, text, season, dates) -> list[Claim]:
    announced = _ANNOUNCED.search(text)
    premiere_dates = list(dates)
    out = []
    if announced and len(dates) >= 2:
        # "announced on May 2 that it premieres June 12": the date after the verb is the
        # announcement when it comes first
        first_after = next((d for d in dates if d.start > span.start + announced.end() - 1), None)
        if first_after is not None and first_after is dates[0] or (
                first_after is not None and first_after.start - (span.start + announced.end()) < 6):
            out.append(ctx.claim("event", span, season or ctx.focus_season,
                                 event="date_announced", date=first_after.value))
            premiere_dates = [d for d in dates if d is not first_after]
    elif announced and ctx.article.published and re.search(r"\b(today|this morning|on \w+day)\b",
                                                           text, re.I):
        out.append(ctx.claim("event", span, season or ctx.focus_season,
                             event="date_announced", date=ctx.article.published.isoformat()))
    if not premiere_dates:
        return out
    if season is None:
        future = speaks_of_future(text)
        if future or ctx.focus_season is None:
            season = ctx.focus_season
        else:
            season = max(ctx.focus_season - 1, 1)
    verb = _PREMIERE.search(text)
    at = span.start + verb.start()
    # the date that goes with the verb: the first after it, else the nearest before it
    after = [d for d in premiere_dates if d.start >= at]
    date = after[0] if after else premiere_dates[-1]
    out.append(ctx.claim("event", span, season, event="premiere", date=date.value))
    return out


def _predictions(ctx, span, text, hedged, season, dates) -> list[Claim]:
    if not hedged:
        return []
    out = []
    conditional = re.search(r"\bif\b[^,]{0,40}\b(renew\w*|green[- ]?lit|picked up)", text, re.I)
    if _NEXT_SEASON.search(text) and not conditional and not _AWAITING.search(text):
        if _NEGATIVE_HEDGE.search(text):
            out.append(ctx.claim("prediction", span, season or ctx.focus_season,
                                 about="renewal", value="canceled"))
        elif _POSITIVE_HEDGE.search(text) and re.search(r"renew|another season|season \w+|"
                                                         r"second season|return", text, re.I):
            out.append(ctx.claim("prediction", span, season or ctx.focus_season,
                                 about="renewal", value="renewed"))
    future = [d for d in dates
              if ctx.article.published is None or d.as_date() >= ctx.article.published.replace(
                  day=1)]
    if future and _PREMIERE.search(text) and not (_START.search(text) or _WRAP.search(text)):
        out.append(ctx.claim("prediction", span, season or ctx.focus_season,
                             about="premiere", value=future[-1].value))
    return out
