"""Template tags for the follow box: the settings its sentence quotes."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def alert_forecast_points() -> str:
    """``RENEWCAST_ALERT_FORECAST_POINTS`` as people write it: 15, or 7.5."""
    points = settings.ALERT_FORECAST_POINTS
    return f"{points:g}"
