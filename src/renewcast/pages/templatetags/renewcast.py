"""Template filters for numbers and dates as fans read them."""

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
# a decision that is a reference table's word on its day reads "listed", not "announced"
register.filter("listed_only", reference.listed_only)


@register.simple_tag
def data_reach():
    """"Netflix's Top 10 to the week ending 19 July 2026; ..." for the page footer."""
    from renewcast.pages.freshness import reach_sentence

    return reach_sentence()
