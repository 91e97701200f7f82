"""The home page's lists: seasons awaiting a decision (most and least likely to be renewed)
and what is most watched on Netflix right now.

Forecasting every awaiting season takes about a second, so the lists are computed once
per forecaster (which is rebuilt when the data changes) and day, not per request.
Seasons out for more than a year, and forecasts made from the low-information prior
alone, and unclassified titles that charted a single week (stand-up and other
one-off specials, which nobody expects a "season 2" of), are left off: they would crowd the lists
with old or unknowable cases.
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, timedelta

from django.db.models import Max

from renewcast.catalog.forecasting import get_forecaster, no_forecast_reason, released_season
from renewcast.catalog.models import ChartWeek, Show, Status

RECENT = timedelta(days=365)
_lock = threading.Lock()
_memo: dict = {"forecaster": None, "today": None, "ranked": []}


def awaiting(today: date, size: int = 8) -> tuple[list, list]:
    """(most likely renewed, least likely) as lists of (show, season, forecast)."""
    forecaster = get_forecaster()
    with _lock:
        # Held by identity, not id(): a rebuilt forecaster may reuse a freed one's address.
        if _memo["forecaster"] is not forecaster or _memo["today"] != today:
            _memo.update(forecaster=forecaster, today=today, ranked=_rank(forecaster, today))
        ranked = _memo["ranked"]
    return ranked[:size], list(reversed(ranked[-size:])) if len(ranked) > size else []


def _rank(forecaster, today: date) -> list:
    shows = (Show.objects.filter(status=Status.AWAITING, seasons__chart_weeks__week__gte=today
                                 - RECENT).distinct().prefetch_related("seasons__chart_weeks"))
    found = []
    for show in shows:
        season = released_season(sorted(show.seasons.all(), key=lambda s: s.number), today)
        if season is None or (not show.kind and len(season.chart_weeks.all()) < 2):
            continue  # an unclassified one-week entry is nearly always a one-off special
        if no_forecast_reason(show):
            continue  # licensed, or a kind nobody renews
        forecast = forecaster.forecast(season.pk, today, premiere=False)
        if forecast.state == "forecast" and not forecast.low_information:
            found.append((show, season, forecast))
    return sorted(found, key=lambda row: (-row[2].p_renew, row[0].title))


def most_watched(size: int = 10) -> tuple[date | None, dict[str, list[ChartWeek]]]:
    """The latest published week's Top 10, one ranking per list (English, non-English), as
    Netflix publishes them: merging them would make two #1s."""
    latest = ChartWeek.objects.aggregate(week=Max("week"))["week"]
    if latest is None:
        return None, {}
    lists: dict[str, list[ChartWeek]] = {}
    for week in (ChartWeek.objects.filter(week=latest).select_related("season__show")
                 .order_by("list", "rank")):
        if len(lists.setdefault(week.list, [])) < size:
            lists[week.list].append(week)
    for weeks in lists.values():
        # two seasons of one show on the same list are told apart by their season
        shows = Counter(w.season.show_id for w in weeks)
        for week in weeks:
            week.name = week.season.show.title + (
                f" ({week.season.display_label.lower()})" if shows[week.season.show_id] > 1
                else "")
    return latest, lists
