"""What an article reports as happened or decided, and what it itself predicts.

Each sentence outside quotation marks is read for a decision about the show (renewed,
canceled, ended, or still awaited), the dated events of :mod:`.events`, and the article's
own forecasts. Three things separate a decision about *this* show from the words for one:

- whose it is: the decision word must have the show (its title, "the series", "it") as
  its subject or object: "amid a string of projects being axed" or "both strikes have come
  to an end" decide nothing about it;
- whether it happened: "until Netflix gives us the green light", "in place for Season 2 to
  be greenlit" and a question are not decisions, and hedged wording is not either;
- what it is: "will return for a sixth season in December" announces a premiere, and a
  season being filmed, cast or dated counts as ordered (renewed) without being news of a
  renewal; a final season not yet out is renewed with its number as the last one, while
  "has come to a close" ends the show.

An article reports one status for its show, so the candidates are resolved to one: a
decision in the headline first, then the first in the body, then the highest season
the article says is awaited or coming. Forecasts are only the writer's own ("we suspect",
"our guess is", "don't hold your breath"), never a hedge in passing.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.dates import DateMention, find_dates
from renewcast.sources.articles.events import (
    OWN_VIEW,
    PREMIERE,
    Trigger,
    assign,
    read_events,
    still_to_come,
    triggers,
)
from renewcast.sources.articles.orders import season_order
from renewcast.sources.articles.seasons import season_in, season_mentions

_AWAITING = re.compile(
    r"\b(yet to|has ?n[o'’]t|have ?n[o'’]t|not yet|still)\s+(officially\s+|formally\s+)?"
    r"(been\s+|be\s+)?(renew|announc|confirm|decid|greenl|green-l|give|gave|pick|order|made|"
    r"make)"
    r"|no (official )?word (yet )?(on|about)|(awaiting|still waiting|remains to be seen|"
    r"unclear whether|not been (officially )?(renewed|confirmed)|neither renewed nor|"
    r"(?:been|remains?|stayed|gone) (?:\w+ )?(?:radio silent|silent|quiet|mum)|"
    r"not (?:yet )?announced (?:a|any|its) decision|"
    r"has not (officially )?(renewed|canceled|cancelled)|no (official )?(announcement|decision|"
    r"confirmation))", re.I,
)
_RENEWED = re.compile(
    r"\b(renew(?:ed|s|ing)?|picked up|pickup|green[- ]?lit|greenlighted|green light|"
    r"order(?:s|ed) (?:a|an) \w+ (?:season|installment)|is (?:officially )?coming back|"
    # "orders two more seasons"; "handed the show a two-season renewal" (the noun alone, as in
    # "the renewal comes after...", reports no decision, so a verb of giving must carry it)
    r"order(?:s|ed) (?:two|three|four|five|\d) (?:more|additional|further) (?:seasons|"
    r"installments)|(?:handed|hands|given|gave|gives|earned|earns|landed|lands|scored|scores|"
    r"received|receives|got|gets|secured|secures)\s+(?:[\w'’+-]+\s+){0,3}?(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,2}?renewal|"
    r"officially happening|confirmed (?:for )?(?:a|its) \w+ season|brought back|"
    r"scored (?:a|an) \w+ season)\b", re.I,
)
_CANCELED = re.compile(
    r"\b(cancel+ed|cancels|cancel+ation|axed|axes|scrapped|pulled the plug|pulling the plug|"
    r"(?:will not|won['’]t|wo n't|is not|isn['’]t|not be) (?:return|be back|be returning|"
    r"coming back|be renewed|be continuing)|decided (?:not|against) (?:to )?renew|"
    r"not be getting|(?:will not|won['’]t) (?:get|receive) (?:a|another))", re.I,
)
# the show is over: said in the past, or of a season already out
# ("now": said in the present, "comes to an end tonight", which dates the ending itself)
_ENDED = re.compile(r"\b(ha(?:s|ve) (?:finally |officially )?(?:come|came) to (?:an end|a close)|"
                    r"came to (?:an end|a close)|(?:ended|concluded|wrapped) its "
                    r"(?:[\w-]+ ){0,2}run|(?:has|have) (?:ended|concluded) (?:after|with)|"
                    r"(?P<now>(?:comes|is coming) to (?:an end|a close)|(?:ends|concludes|"
                    r"wraps(?: up)?|closes out) its (?:[\w-]+ ){0,2}run)|"
                    # made as one season: "is a six-episode limited series", "a miniseries"
                    r"(?P<limited>(?:is|was|as) (?:a|an) (?:[\w-]+ ){0,4}?(?:limited series|"
                    r"mini-?series)))\b", re.I)
# a limited series only at first, or in someone's plan: not how it ended
_ONCE_LIMITED = re.compile(r"\b(?:originally|initially|first|once|at first|billed|planned|"
                           r"conceived|intended|pitched|meant|announced|described)\b", re.I)
# a season named as the last one: news of an ending when said with "will"
_FINAL = re.compile(
    r"\b((?:final|last) (?:ever )?(?:season|chapter|installment|outing|run|batch)|"
    r"one (?:last|final) time|will (?:end|conclude|wrap up) (?:with|after)|"
    r"(?:will be|is) (?:the|its|their) (?:series['’] |show['’]s )?(?:final|last) (?:one|season)|"
    r"end (?:with|after) (?:its|the) \w+ season)\b", re.I)
_ENDING_NEWS = re.compile(r"\bwill (?:end|conclude|wrap up)\b|\b(?:will be|is) (?:the|its|their) "
                          r"(?:series['’] |show['’]s )?(?:final|last)\b", re.I)
# a season confirmed as coming: being made, cast, or returning
_COMING = re.compile(
    r"\b(?:in production|(?:is|are) (?:now |currently )?(?:filming|shooting|in the works)|"
    r"will return for|will be back|is coming back|cast for|casting for|(?:season \w+|new season) "
    r"cast|join(?:s|ed|ing)? (?:the )?(?:cast|season)|expanding its cast|newcomers?|"
    r"plans for .{0,30}season)\b", re.I)
_HEDGE = re.compile(
    r"\b(likely|unlikely|probably|poised|expect|expected|expects|could|might|may|chances?|"
    r"odds|bet|hope|hoping|possib\w*|potential(?:ly)?|predict\w*|if|whether|guess|"
    r"speculat\w*|would|should|seems?|appears?|rumou?r\w*|we think|bound to)\b", re.I)
_UNREAL = re.compile(r"(?:\b(?:until|unless|if|once|whether|when|before|hope|hoping|want)\b"
                     r"(?!.*\b(?:that|and)\b)|\bto (?:be |get )?)(?:\s*\S+){0,6}\s*$", re.I)
_NEGATED_RENEWAL = re.compile(r"\b(not|n['’]t|never)\b[^.]{0,30}\brenew", re.I)
_DOUBT = re.compile(r"\b(unlikely|doubt\w*|slim|bleak|grim|hold (?:your|their|our) breath|"
                    r"(?:don['’]t|do not|wouldn['’]t) expect|won['’]t be renewed)\b", re.I)
_RETURN = re.compile(r"\b(renew\w*|announced|greenlit|green-lit|return|back|another "
                     r"(?:season|series|installment)|(?:season|series) (?:\d+|one|two|three|four|"
                     r"five|six)|(?:next|new|second|third|fourth|fifth) season|lock)\b", re.I)
_GENERIC = (r"(?:series|show|drama|dramedy|comedy|thriller|sitcom|anime|reboot|revival|"
            r"adaptation|docuseries|procedural|saga|season|seasons|installment|it)")
_PLURAL_OTHERS = re.compile(r"\b(projects|shows|titles|films|movies|dramas|others|"
                            r"programmes|programs)\s+(?:\w+\s+){0,2}$", re.I)
# news of a decision: an announcement of "the news" and when it was made
_ANNOUNCEMENT = re.compile(r"\b(shared|announced|broke|revealed|confirmed|made)\s+(?:the\s+)?"
                           r"(news|announcement|decision)\b|\bannounced\s+(?:on\s+)?\w+day\b|"
                           # "confirmed Wednesday", "confirmed to Deadline on Thursday"
                           r"\b(?:announced|confirmed|revealed|reported)\s+(?:to\s+(?-i:[A-Z][\w.+]*)"
                           r"(?:\s+(?-i:[A-Z][\w.+]*)){0,2}\s+)?(?:on\s+)?(?:mon|tues|wednes|thurs|"
                           r"fri|satur|sun)day\b", re.I)
_NEWS = re.compile(r"\b(has|have|had|officially|today|this week|announced|just|confirmed|"
                   r"renews|orders|cancels|axes|ends)\b", re.I)
_CONFIRMED = re.compile(r"\b(confirmed|announced|ordered|greenlit|green-lit|picked up)\b", re.I)
# what "has come to an end" can be said of besides a show
_NOT_SHOW = re.compile(r"\b(filming|production|shooting|strikes?|deal|contract|tour|run of|"
                       r"relationship|romance|career|partnership|journey)\s*$", re.I)
# "the second installment is coming to a close": one season ends, the show goes on
_SEASON_SUBJECT = re.compile(r"\b(?:season|installment|instalment|chapter|part|volume|episode|"
                             r"finale|batch)(?:\s+\w+)?(?:\s+of\s+[^,;.]{1,60})?\s*$", re.I)
_AUX = re.compile(r"(?:\s+(?:has|have|had|officially|finally|been|was|were|is|are|now|also|"
                  r"just|will|be|not|n['’]t))*\s*$", re.I)
_RANK = {"headline": 0, "decision": 1, "awaiting": 2, "coming": 2}


def read_facts(ctx: Context) -> list[Claim]:
    found: list[Claim] = []
    statuses: list[tuple[str, Claim]] = []
    news_day = _news_day(ctx)
    for index, span in enumerate(ctx.sentences):
        text = ctx.masked[span.start:span.end]
        if not text.strip() or len(text.strip()) < 12:
            continue
        raw = ctx.article.body[span.start:span.end]
        question = raw.rstrip().rstrip("”\"’'").endswith("?")
        dates = [d for d in find_dates(text, ctx.anchor, span.start, lower_bound=ctx.lower_bound)
                 if not _is_past_work(d, text, span.start) and not d.guessed]
        headline = index == 0 and raw.strip() == ctx.article.title.strip()
        events = [] if question else read_events(ctx, span, text, dates)
        found += events
        if ctx.names_other_title(span.start, span.end) and not _names_show(ctx, text):
            continue
        if not question:
            statuses += _status(ctx, span, text, dates, headline, news_day, found)
            found += _predictions(ctx, span, text, dates)
        elif _AWAITING.search(text) is None and re.search(r"\bseason\b", text, re.I):
            continue
        statuses += _coming(ctx, span, text, events, question)
    return _resolve(statuses) + found


def _is_past_work(date: DateMention, text: str, offset: int) -> bool:
    """'Helen Wan's 2013 novel': a year that dates something else."""
    after = text[date.end - offset:date.end - offset + 20].lower()
    return bool(re.match(r"['’]?s?\s*(novel|book|film|movie|series|memoir|comic|play|"
                         r"documentary|podcast|article|interview)\b", after))


def _names_show(ctx: Context, text: str) -> bool:
    words = [re.escape(w) for w in re.findall(r"\w+", ctx.show)]
    return bool(words) and bool(re.search(r"\W+".join(words), text, re.I))


def _about_show(ctx: Context, text: str, m: re.Match, headline: bool) -> bool:
    """Whether the decision word ``m`` has the show as its subject or object."""
    if _NOT_SHOW.search(_AUX.sub("", text[:m.start()])):
        return False  # "filming has officially come to an end"
    if headline:
        return True
    before = re.split(r"[.;:!?—–]|\bwhile\b|\bbut\b|\bnow that\b", text[:m.start()])[-1]
    if _PLURAL_OTHERS.search(before) and not re.search(r"\b(one of|among)\b", before, re.I):
        return False  # "a string of projects being axed"
    show = rf"(?:{'|'.join(re.escape(w) for w in [ctx.show])}|\b{_GENERIC}\b)"
    if re.search(show, before, re.I) or _names_show(ctx, before) or _names_show(ctx, m.group()):
        return True  # "HBO has given Harbour Lights a renewal": the show inside the phrase
    after = re.split(r"[.;,!?—–]", text[m.end():])[0][:60]
    return bool(re.search(show, after, re.I) or _names_show(ctx, after))


def _status(ctx, span, text, dates, headline, news_day, found) -> list[tuple[str, Claim]]:
    rank = "headline" if headline else "decision"
    for m in _AWAITING.finditer(text):
        about_date = re.search(r"\b(release|premiere|return) date\b", text[:m.start()], re.I)
        if about_date or not re.search(r"renew|season|series|return|status|green|decision",
                                       text, re.I):
            continue
        season = max(filter(None, [season_in(text), ctx.next_season]), default=None)
        return [("awaiting", ctx.claim("status", span, season, value="awaiting"))]
    published = ctx.article.published
    out = []
    for value, pattern in (("canceled", _CANCELED), ("ended", _ENDED), ("renewed", _RENEWED),
                           ("final", _FINAL)):
        m = pattern.search(text)
        if m is None or not _about_show(ctx, text, m, headline):
            continue
        if value == "ended" and _SEASON_SUBJECT.search(_AUX.sub("", text[:m.start()])):
            continue
        if value == "ended" and m["limited"] and _ONCE_LIMITED.search(text[:m.end()]):
            continue
        before = text[:m.start()]
        clause = re.split(r"[.;:!?—–]|\bwhile\b|\bbut\b", before)[-1] + m.group()
        if _UNREAL.search(before) or (_HEDGE.search(clause) and value != "final"):
            continue
        if value == "renewed" and _NEGATED_RENEWAL.search(text) or value == "canceled" and \
                re.search(r"(?:\bnot|n['’]t|\bnever)\s+(?:been\s+|officially\s+)?$", before, re.I):
            continue  # "Netflix has not canceled the show"
        word = Trigger("decision", m.start(), m.end())
        # the decision's own verb ("the final season was confirmed in May") is not another
        others = [t for t in triggers(text) if not (t.start < m.end() and m.start() < t.end)
                  and not (t.kind == "other" and 0 <= t.start - m.end() < 25)]
        mine = assign(dates, sorted([*others, word], key=lambda t: t.start), span.start,
                      text)[word]
        mine = mine or _near(dates, span.start + m.end())
        if published and mine and (published - mine[0].as_date()).days > 200:
            return []  # "it was canceled in 2022": history, not this article's news
        claim = _decision(ctx, span, text, value, m)
        out.append((rank, claim))
        if mine and re.search(r"coming back", m.group(), re.I):
            break  # "is coming back on March 3": a return date is a premiere's
        if value == "ended" and not (m["now"] and mine):
            break  # "came to an end" reports no day; "comes to an end tonight" does
        out += [(None, e) for e in _decision_events(ctx, span, text, value, mine, headline,
                                                     news_day, claim)]
        break
    return out


def _near(dates: list[DateMention], at: int) -> list[DateMention]:
    """The date right after a decision word ("renewed ... in September 2021")."""
    return [d for d in dates if 0 <= d.start - at < 25]


def _decision(ctx, span, text, value, m) -> Claim:
    season = season_in(text) if value in ("canceled", "ended") else _main_season(text, m)
    covers, final = season_order(text).resolve(ctx.next_season)
    fields = {}
    if value == "canceled":
        season = season or ctx.next_season
        if ctx.released and season and season <= ctx.released:
            season = ctx.released + 1  # "canceled ... weeks after Season 2 dropped"
    elif value == "ended" and m["limited"]:
        season = season or ctx.released or 1  # a limited series is one season
        fields["final_season"] = season
    elif value == "ended":
        after = re.search(r"\bafter\s+(\w+)\s+seasons?\b", text, re.I)
        season = (season - 1 if after and season else season) or ctx.released or \
            ctx.focus_season
    else:
        if value == "final" and final is None:
            final = season or ctx.next_season
        season = max(filter(None, [*covers, final, season]), default=None) or ctx.next_season
        if covers and covers != (season,):
            fields["covers"] = list(covers)
        if final:
            fields["final_season"] = final
        value = "renewed"
    return ctx.claim("status", span, season, value=value, **fields)


# a clause that gives background to a decision ("two months after its second season
# premiered", "which premiered its second season in May"): a season named in it was not decided
_SUBORDINATE = re.compile(r"\b(?:after|before|since|following|when|once|although|though|while|"
                          r"which|who|whose|because)\b[^,;:—–]*", re.I)


def _main_season(text: str, m: re.Match) -> int | None:
    """The season a renewal names outside the background clauses around its verb."""
    clauses = [c.span() for c in _SUBORDINATE.finditer(text)
               if not c.start() <= m.start() < c.end()]
    kept = [s.number for s in season_mentions(text)
            if text[s.start:s.end].lower().startswith("after")  # "after two seasons" counts
            or not any(a <= s.start and s.end <= b for a, b in clauses)]
    return max(kept, default=None)


def _decision_events(ctx, span, text, value, dates, headline, news_day, claim) -> list[Claim]:
    """A renewal, cancellation or ending, dated by its sentence or as the article's news."""
    kind = {"canceled": "cancellation", "ended": "ending", "renewed": "renewal",
            "final": None}[value]
    if value == "final":
        # "will be the final season" announces an ending, "the final season was confirmed"
        # or "renewed for a final season" an order
        kind = "ending" if _ENDING_NEWS.search(text) else "renewal" if (
            _RENEWED.search(text) or _CONFIRMED.search(text)) else None
    if kind is None:
        return []
    date = next((d.value for d in dates if len(d.value) >= 7), None)
    noun = headline and re.search(r"\b(cancellation|renewal|pickup)\b", text, re.I) and \
        not re.search(r"\b(renews|renewed|cancels|canceled|cancelled|axed|axes|ends)\b", text,
                      re.I)
    if date is None and (headline or _NEWS.search(text)) and news_day and not noun:
        date = news_day
    if date is None:
        return []
    out = [ctx.claim("event", span, claim.season, event=kind, date=date)]
    if kind == "renewal" and value == "final" and _ENDING_NEWS.search(text):
        out.append(ctx.claim("event", span, claim.season, event="ending", date=date))
    return out


def _news_day(ctx: Context) -> str | None:
    """The day the article's news was announced ("shared the news on Friday"), else its date."""
    for span in ctx.sentences[:12]:
        text = ctx.masked[span.start:span.end]
        said = _ANNOUNCEMENT.search(text)
        if said:
            days = [d for d in find_dates(text, ctx.anchor, lower_bound=ctx.lower_bound)
                    if len(d.value) == 10]
            # the day the announcing verb carries, before any other the sentence names
            days.sort(key=lambda d: not said.start() <= d.start < said.end())
            if days:
                return days[0].value
    return ctx.article.published.isoformat() if ctx.article.published else None


def _coming(ctx, span, text, events, question) -> list[tuple[str, Claim]]:
    """A season being made, cast or dated to come: ordered, though not news of a renewal."""
    future = [e for e in events if e.fields["event"] in ("filming_start", "filming_wrap",
                                                          "writers_room", "date_announced")
              or (e.fields["event"] == "premiere" and _ahead(ctx, e.fields["date"], text))]
    season = None
    if future:
        season = max(filter(None, [e.season for e in future]), default=None)
    elif not question and _COMING.search(text) and not _HEDGE.search(text):
        season = season_in(text) or ctx.focus_season
    if season is None or (ctx.released and season <= ctx.released):
        return []
    return [("coming", ctx.claim("status", span, season, value="renewed"))]


def _ahead(ctx, value: str, text: str) -> bool:
    published = ctx.article.published
    if published:
        return still_to_come(published, value, text)
    return bool(re.search(r"\b(will|set to|slated|due|upcoming)\b", text, re.I))


def _resolve(statuses: list[tuple[str | None, Claim]]) -> list[Claim]:
    """One status for the article (see the module's docstring), and the decision events."""
    events = [c for rank, c in statuses if rank is None]
    ranked = [(rank, c) for rank, c in statuses if rank is not None]
    if not ranked:
        return events
    decisions = [(r, c) for r, c in ranked if r in ("headline", "decision")]
    if decisions:
        ended = [c for _, c in decisions if c.fields["value"] == "ended"]
        best = min(decisions, key=lambda rc: _RANK[rc[0]])[1] if not ended else ended[0]
    else:
        best = max((c for _, c in ranked),
                   key=lambda c: (c.season or 0, c.fields["value"] == "awaiting"))
    value = best.fields["value"]
    same = [c for _, c in ranked if c.fields["value"] == value]
    fields = dict(best.fields)
    season = best.season
    if value == "renewed":
        # a multi-season or final order elsewhere in the article can name a later season
        ordered = [c.season for r, c in ranked if c.fields["value"] == value and r != "coming"
                   and (c.fields.get("covers") or c.fields.get("final_season"))]
        season = max(filter(None, [season, *ordered]), default=season)
        finals = [c.fields["final_season"] for c in same if c.fields.get("final_season")]
        covers = sorted({n for c in same for n in c.fields.get("covers", [])})
        if finals:
            fields["final_season"] = max(finals)
        if covers:
            fields["covers"] = covers
    best = Claim(best.kind, best.show, season, best.quote, best.start, best.end, fields)
    return [best, *events]


def _predictions(ctx, span, text, dates) -> list[Claim]:
    view = OWN_VIEW.search(text)
    if view is None:
        return []
    season = season_in(text) or ctx.next_season
    out = []
    published = ctx.article.published
    ahead = [d for d in dates if published is None
             or d.as_date() >= published.replace(day=1)]
    dated = bool(ahead and PREMIERE.search(text))
    if _DOUBT.search(text):
        out.append(ctx.claim("prediction", span, season, about="renewal", value="canceled"))
    elif _RETURN.search(text) and not dated:
        out.append(ctx.claim("prediction", span, season, about="renewal", value="renewed"))
    if dated:
        out.append(ctx.claim("prediction", span, season, about="premiere", value=ahead[-1].value))
    return out
