"""Premieres as iCalendar feeds: site-wide at ``/calendar.ics``, per show beside its page.

Fans subscribe in their calendar app and see both kinds of date: an announced premiere
(with its source) and a forecast window, drawn as an all-day span from the 10th to the
90th percentile that is marked as a prediction in its title, category and status so it
is never mistaken for an announcement. The ``icalendar`` library writes the format.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone as django_timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from renewcast.catalog.forecasting import (
    get_forecaster,
    released_season,
    upcoming_premieres,
)
from renewcast.catalog.models import Season, Show
from renewcast.forecast.premiere import PremiereWindow
from renewcast.pages.site import absolute

CONTENT_TYPE = "text/calendar; charset=utf-8"


def site_calendar(request):
    today = django_timezone.localdate()
    entries = upcoming_premieres(today)
    return _response(request, "renewcast: upcoming premieres", entries, today)


def show_calendar(request, slug):
    show = get_object_or_404(Show.objects.listed(), slug=slug)
    today = django_timezone.localdate()
    latest = released_season(list(show.seasons.prefetch_related("chart_weeks")), today)
    entries = []
    if latest is not None:
        window = get_forecaster().premieres.forecast(latest.pk, today)
        if window.state in ("announced", "forecast"):
            entries.append((latest, window))
    return _response(request, f"{show.title}: premieres (renewcast)", entries, today)


def _response(request, name: str, entries: list[tuple[Season, PremiereWindow]],
              today: date) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//renewcast//premieres//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.combine(today, time(), tzinfo=UTC)
    for season, window in entries:
        calendar.add_component(_entry(request, season, window, stamp))
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="premieres.ics"'
    return response


def _entry(request, season: Season, window: PremiereWindow, stamp: datetime):
    show = season.show
    page = absolute(request, reverse("show", args=[show.slug]))
    title = f"{show.title} season {window.next_number}"
    entry = CalendarEvent()
    entry.add("dtstamp", stamp)
    entry.add("url", page)
    if window.state == "announced":
        entry.add("uid", f"premiere-{show.slug}-{window.next_number}@renewcast")
        entry.add("summary", f"{title} premieres")
        entry.add("status", "CONFIRMED")
        entry.add("categories", ["premiere", "announced"])
        entry.add("dtstart", window.p10)
        entry.add("dtend", window.p90 + timedelta(days=1))
        source = f" Source: {window.source}" if window.source else ""
        entry.add("description", f"{window.sentence}{source}\n{page}")
        return entry
    entry.add("uid", f"premiere-window-{show.slug}-{window.next_number}@renewcast")
    entry.add("summary", f"Prediction: {title} (best guess {window.p50:%B %Y})")
    entry.add("status", "TENTATIVE")
    entry.add("transp", "TRANSPARENT")
    entry.add("categories", ["premiere", "prediction"])
    entry.add("dtstart", window.p10)
    entry.add("dtend", window.p90 + timedelta(days=1))
    entry.add("description", (
        f"A prediction, not an announcement. {window.sentence} 80% window "
        f"{window.p10:%-d %b %Y} to {window.p90:%-d %b %Y}; best guess {window.p50:%-d %b %Y}. "
        f"renewcast forecast as of {window.as_of:%-d %b %Y}.\n{page}"))
    return entry
