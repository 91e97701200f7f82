"""The story so far: a premise paragraph, and recaps under a plot or ending heading.

A recap is flagged as a spoiler when the article warns of spoilers (in its heading or
the paragraph), so a page can hide it behind a control. The warning sentence itself
is not part of the story and is left out of the claim's text.
"""

from __future__ import annotations

import re

from renewcast.sources.articles.context import Claim, Context
from renewcast.sources.articles.seasons import season_in

_PLOT_HEADING = re.compile(r"\b(plot|story|storyline|recap|synopsis|what happened|ending|"
                           r"finale|what to expect|what will happen|spoilers?)\b", re.I)
_SPOILER = re.compile(r"\bspoiler", re.I)
_WARNING = re.compile(r"^[^.!?]*\bspoilers?\b[^.!?]*[.!?:]\s*", re.I)
_THE_SHOW = re.compile(r"\bthe (?:\w+ )?(series|show|drama|comedy|thriller|sitcom)\b", re.I)
_TALK = re.compile(r"\b(discussed|talked|said|told|explained|mentioned|interview\w*)\b", re.I)
_PREMISE = re.compile(r"\b(centers on|centres on|follows|tells the story of|revolves around|"
                      r"is about|chronicles|is set in|stars .{0,40} as a)\b", re.I)


def read_plot(ctx: Context) -> list[Claim]:
    body = ctx.article.body
    found: list[Claim] = []
    warned = False
    for start, end in ctx.article.paragraphs():
        text = body[start:end]
        if ctx.article.is_heading(start):
            warned = bool(_SPOILER.search(text))
            continue
        if "“" in text or '"' in text or len(text.split()) < 15:
            continue
        heading = ctx.article.heading_before(start)
        in_plot = bool(_PLOT_HEADING.search(heading))
        spoiler = warned or bool(_SPOILER.search(text))
        if _TALK.search(text):
            continue  # about an interview, not the story
        if in_plot or _SPOILER.search(text):
            warning = _WARNING.match(text)
            story_start = start + (warning.end() if warning else 0)
            if end - story_start < 60:
                warned = warned or bool(warning)
                continue
            season = season_in(body[start:story_start]) or season_in(text) or \
                (ctx.focus_season - 1 if ctx.focus_season and ctx.focus_season > 1 else None)
            if re.search(r"\b(will|could|might|may|likely)\b", body[story_start:end], re.I) and \
                    not re.search(r"\b(ended|ends|finds|found|discover\w*|betray\w*|dies|died|"
                                  r"reveal\w*|end up|ends up|turns out)\b", body[story_start:end],
                                  re.I):
                continue  # speculation about what comes next, not the story so far
            found.append(ctx.claim("plot", (story_start, end), season,
                                   text=body[story_start:end], spoiler=spoiler))
        elif _PREMISE.search(text) and (ctx.show.lower() in text.lower() or _THE_SHOW.search(text)):
            if not any(c.kind == "plot" and not c.fields["spoiler"] for c in found):
                found.append(ctx.claim("plot", (start, end), 1, text=text, spoiler=False))
    return found
