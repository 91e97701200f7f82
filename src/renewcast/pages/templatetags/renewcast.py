"""Template filters for numbers and dates as fans read them."""

import re

from django import template

from renewcast import numbers
from renewcast.sources import reference

register = template.Library()

register.filter("compact", numbers.compact)


@register.filter
def percent(value):
    """0.614 -> "61%"."""
    return "—" if value is None else f"{float(value):.0%}"


@register.filter
def percent_points(value):
    """An effect of -0.152 -> "15 pts" (the sign is shown separately)."""
    return f"{abs(float(value)) * 100:.0f} pts"


register.filter("human_date", numbers.human_date)

# titles said with "an": a vowel sound first ("an Under a Dark Sun", "an 1899", "an 8-bit
# Christmas"), but not "a Unicorn Store" or "a One Piece"
_AN = re.compile(r"(?!one\b)(?:[aeio]|u(?!ni|s[aeu]|ti|r[aeiou])|hour|honest|heir|8|11|18)",
                 re.I)
_OPENING_QUOTES = "'\"‘“"


@register.filter
def with_article(title) -> str:
    """"Wednesday" -> "a Wednesday", "Under a Dark Sun" -> "an Under a Dark Sun"."""
    text = str(title)
    return f"{'an' if _AN.match(text.lstrip(_OPENING_QUOTES)) else 'a'} {text}"


@register.filter
def orders(event) -> str:
    """" for season 3" for a renewal that names the seasons it orders, else "": Wednesday's
    two renewals after season 1 read apart on its timeline."""
    covers = getattr(event, "covers", None)
    return f" for {numbers.seasons_words(sorted(covers))}" if covers else ""


# a decision that is a reference table's word on its day reads "listed", not "announced"
register.filter("listed_only", reference.listed_only)


@register.simple_tag
def data_reach():
    """"Netflix's Top 10 to the week ending 19 July 2026; ..." for the page footer."""
    from renewcast.pages.freshness import reach_sentence

    return reach_sentence()
