"""The forecaster wired to the catalog: one shared instance, rebuilt when the data changes.

The site, the CLI and ``--batch`` all come through here, so they share one forecaster
(and its cache of fits). The catalog's change stamp is a few cheap aggregates; when an
ingest or an editor changes a fact, the next forecast sees a fresh history.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max

from renewcast.catalog.history import load_history
from renewcast.catalog.lookup import did_you_mean, find_show
from renewcast.catalog.models import (
    ChartWeek,
    Claim,
    EngagementFigure,
    Event,
    Season,
    Show,
    Statement,
)
from renewcast.forecast.forecaster import Forecast, Forecaster
from renewcast.forecast.history import CHART_DELAY
from renewcast.forecast.premiere import PremiereWindow, has_premiered
from renewcast.forecast.store import SHIPPED, load_models, read_model_file

_lock = threading.Lock()
_state: dict = {"stamp": None, "forecaster": None}
PATH_WEEKS = 12
# Premiere window states a page or the API shows; the others (canceled, ended, the next
# season already out) say nothing a reader of the next season's outlook needs.
PREMIERE_SHOWN = ("forecast", "announced", "unknown")


def no_forecast_reason(show: Show) -> str | None:
    """Why a show gets no renewal forecast at all, or None when a renewal is a real question:
    nobody renews a stand-up special, a live event or an ambient video, and a licensed
    series is renewed by its own network, not by Netflix."""
    from renewcast.sources.kinds import NOT_RENEWABLE

    if show.kind in NOT_RENEWABLE:
        return (f"{show.title} is {_KIND_WORDS.get(show.kind, 'a one-off')}: there is no next "
                "season to forecast")
    if show.is_limited and len(show.seasons.all()) <= 1:
        return f"{show.title} was made as a limited series: one season was all it planned"
    if show.is_original is False:
        network = show.platform if show.platform and show.platform != "Netflix" else \
            "another network"
        return (f"{show.title} was made for {network}, which decides its renewal; "
                "Netflix's renewal forecast does not apply")
    return None


_KIND_WORDS = {"standup": "a stand-up special", "live": "a live event or weekly programme",
               "ambient": "an ambient video"}


def model_folders() -> list:
    return [settings.DATA_DIR / "model", SHIPPED]


def data_stamp() -> tuple:
    """A few cheap aggregates that change whenever a fact the site shows changes."""
    parts = []
    for model in (ChartWeek, Event, Statement, Season, EngagementFigure):
        parts.append(tuple(model.objects.aggregate(n=Count("id"), last=Max("id")).values()))
    parts.append(tuple(Claim.objects.aggregate(n=Count("id"), at=Max("reviewed_at")).values()))
    parts.append(tuple(Show.objects.aggregate(at=Max("updated_at")).values()))
    parts.append(tuple(Season.objects.aggregate(n=Count("premiere_date"),
                                                last=Max("premiere_date")).values()))
    return tuple(parts)


def model_summary() -> dict | None:
    """The model file in use (data directory first, then the shipped one), as a dict."""
    return read_model_file(*model_folders())


def get_forecaster() -> Forecaster:
    stamp = data_stamp()
    with _lock:
        if _state["stamp"] != stamp:
            _state["forecaster"] = Forecaster(load_history(), load_models(*model_folders()))
            _state["stamp"] = stamp
        return _state["forecaster"]


def released_season(seasons: Iterable[Season], as_of: date) -> Season | None:
    """The latest of ``seasons`` (in number order, chart weeks prefetched) out by ``as_of``:
    premiered, or its first chart published."""
    out = None
    for season in seasons:
        weeks = [w.week for w in season.chart_weeks.all()]
        charted = bool(weeks) and min(weeks) + CHART_DELAY <= as_of
        if charted or (season.premiere_date and season.premiere_date <= as_of):
            out = season
    return out


def resolve(title: str, number: int | None, as_of: date) -> tuple[object, str | None]:
    """A season's key for ``forecast`` from what a person typed, or why there is none."""
    show = find_show(title)
    if show is None:
        return None, f"no show named {title!r}{did_you_mean(title)}"
    if number is None:
        season = released_season(show.seasons.prefetch_related("chart_weeks"), as_of)
        if season is None:
            return None, f"{show.title} had no released season by {as_of}"
        return season.pk, None
    season = show.seasons.filter(number=number).first()
    if season is None:
        have = ", ".join(str(n) for n in show.seasons.values_list("number", flat=True))
        return None, f"{show.title} has no season {number} (seasons: {have or 'none'})"
    return season.pk, None


def season_outlook(season: Season, today: date,
                   with_path: bool = True) -> tuple[Forecast, list[Forecast]]:
    """The forecast as of ``today`` and, while undecided (and ``with_path``), the forecast
    on each chart day (Tuesday) since debut, up to the decision or ``today``; then today's
    own forecast when it has moved since the last of them (a wait without news lowers it),
    so the chart ends where the page's chance stands."""
    forecaster = get_forecaster()
    forecast = forecaster.forecast(season.pk, today)
    if forecast.state != "forecast" or not with_path:
        return forecast, []
    debut = forecaster.history[season.pk].debut_week
    path = []
    for week in range(PATH_WEEKS if debut else 0):
        as_of = debut + CHART_DELAY + timedelta(weeks=week)
        if as_of > today:
            break
        earlier = forecaster.forecast(season.pk, as_of, premiere=False)
        if earlier.state != "forecast":
            break
        path.append(earlier)
    if path and forecast.as_of > path[-1].as_of and (
            round(forecast.p_renew, 2) != round(path[-1].p_renew, 2)):
        path.append(forecast)
    return forecast, path


def upcoming_premieres(today: date) -> list[tuple[Season, PremiereWindow]]:
    """Next seasons with an announced date, or renewed with a forecast window, soonest first.

    Each show's latest released season is asked about the one after it. A window that is
    only "if renewed" is left out: a calendar should not list a season nobody ordered.
    """
    premieres = get_forecaster().premieres
    latest: dict[object, object] = {}
    for facts in premieres.history:
        if has_premiered(facts, today):
            show = facts.show_key
            if show not in latest or facts.number > latest[show].number:
                latest[show] = facts
    found = []
    for facts in latest.values():
        window = premieres.forecast(facts.key, today)
        if window.state == "announced" or (window.state == "forecast" and not window.if_renewed):
            found.append((facts.key, window))
    seasons = Season.objects.select_related("show").in_bulk([key for key, _ in found])
    out = [(seasons[key], window) for key, window in found if key in seasons]
    return sorted(out, key=lambda pair: (pair[1].p50, pair[0].show.title))
