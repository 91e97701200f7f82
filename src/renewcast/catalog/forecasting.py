"""The forecaster wired to the catalog: one shared instance, rebuilt when the data changes.

The site, the CLI and ``--batch`` all come through here, so they share one forecaster
(and its cache of fits). The catalog's change stamp is a few cheap aggregates; when an
ingest or an editor changes a fact, the next forecast sees a fresh history.
"""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max

from renewcast.catalog.history import load_history
from renewcast.catalog.lookup import close_matches, find_show
from renewcast.catalog.models import ChartWeek, Claim, Event, Season, Show, Statement
from renewcast.forecast.forecaster import Forecast, Forecaster
from renewcast.forecast.history import CHART_DELAY
from renewcast.forecast.store import MODEL_FILE, SHIPPED, load_models

_lock = threading.Lock()
_state: dict = {"stamp": None, "forecaster": None}
PATH_WEEKS = 12


def model_folders() -> list:
    return [settings.DATA_DIR / "model", SHIPPED]


def _stamp() -> tuple:
    parts = []
    for model in (ChartWeek, Event, Statement, Season):
        parts.append(tuple(model.objects.aggregate(n=Count("id"), last=Max("id")).values()))
    parts.append(tuple(Claim.objects.aggregate(n=Count("id"), at=Max("reviewed_at")).values()))
    parts.append(tuple(Show.objects.aggregate(at=Max("updated_at")).values()))
    return tuple(parts)


def model_summary() -> dict | None:
    """The model file in use (data directory first, then the shipped one), as a dict."""
    for folder in model_folders():
        path = folder / MODEL_FILE
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


def get_forecaster() -> Forecaster:
    stamp = _stamp()
    with _lock:
        if _state["stamp"] != stamp:
            _state["forecaster"] = Forecaster(load_history(), load_models(*model_folders()))
            _state["stamp"] = stamp
        return _state["forecaster"]


def released_season(show: Show, as_of: date) -> Season | None:
    """The latest season out by ``as_of``: premiered, or its first chart published."""
    out = None
    for season in show.seasons.prefetch_related("chart_weeks"):
        weeks = [w.week for w in season.chart_weeks.all()]
        charted = bool(weeks) and min(weeks) + CHART_DELAY <= as_of
        if charted or (season.premiere_date and season.premiere_date <= as_of):
            out = season
    return out


def resolve(title: str, number: int | None, as_of: date) -> tuple[object, str | None]:
    """A season's key for ``forecast`` from what a person typed, or why there is none."""
    show = find_show(title)
    if show is None:
        matches = close_matches(title)
        hint = "; did you mean: " + ", ".join(m.title for m in matches) if matches else ""
        return None, f"no show named {title!r}{hint}"
    if number is None:
        season = released_season(show, as_of)
        if season is None:
            return None, f"{show.title} had no released season by {as_of}"
        return season.pk, None
    season = show.seasons.filter(number=number).first()
    if season is None:
        have = ", ".join(str(n) for n in show.seasons.values_list("number", flat=True))
        return None, f"{show.title} has no season {number} (seasons: {have or 'none'})"
    return season.pk, None


def forecast_season(season: Season, as_of: date) -> Forecast:
    return get_forecaster().forecast(season.pk, as_of)


def forecast_path(season: Season, until: date) -> list[Forecast]:
    """The forecast on each chart day (Tuesday) since debut, up to the decision or ``until``."""
    forecaster = get_forecaster()
    facts = forecaster.history[season.pk]
    if facts.debut_week is None:
        return []
    path = []
    for week in range(PATH_WEEKS):
        as_of = facts.debut_week + CHART_DELAY + timedelta(weeks=week)
        if as_of > until:
            break
        forecast = forecaster.forecast(season.pk, as_of)
        if forecast.state != "forecast":
            break
        path.append(forecast)
    return path
