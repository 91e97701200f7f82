"""Template filters for numbers as fans read them."""

from django import template

register = template.Library()


@register.filter
def compact(value):
    """16660000 -> "16.66M", 850000 -> "850K"; None -> an em dash."""
    if value is None or value == "":
        return "—"
    number = float(value)
    if abs(number) >= 1_000_000:
        return f"{number / 1_000_000:.2f}M"
    if abs(number) >= 1_000:
        return f"{number / 1_000:.0f}K"
    return f"{number:.0f}"
