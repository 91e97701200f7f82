"""``/api/shows/{slug}/forecast``: the renewal forecast for a show's latest released season.

It is the forecast the show's page shows (``released_season`` then ``season_outlook``, as
of today), with the weekly path that led to it. When there is nothing to forecast (the
season is decided, the show has ended or nothing is out yet) ``state`` says which, and
the chance is null; that is an answer, not an error.
"""

from datetime import date

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from renewcast.api.errors import get_show
from renewcast.api.schemas import SeasonRef, ShowRef, answers
from renewcast.api.shows import SLUG, shows
from renewcast.catalog.forecasting import (
    PREMIERE_SHOWN,
    no_forecast_reason,
    released_season,
    season_outlook,
)
from renewcast.catalog.models import ChartWeek, Status

router = Router(tags=["forecast"])



class ReasonOut(Schema):
    feature: str
    text: str
    effect: float


class TimingOut(Schema):
    compared_with: str
    seasons: int
    weeks_after_premiere: list[int] | None
    renewed_weeks: list[int] | None
    canceled_weeks: list[int] | None
    likely_by: date | None
    text: str


class DecisionOut(Schema):
    outcome: str
    announced: date


class PremiereOut(Schema):
    state: str
    next_season: int
    premiere_p10: date | None
    premiere_p50: date | None
    premiere_p90: date | None
    if_renewed: bool
    timed_from: str
    timed_from_date: date | None
    precision: str
    source: str | None
    sentence: str
    notes: list[str]
    trained_on_gaps: int


class PathPoint(Schema):
    as_of: date
    p_renew: float


class ForecastOut(Schema):
    show: ShowRef
    state: str
    message: str | None
    as_of: date
    season: SeasonRef | None
    p_renew: float | None
    verdict: str | None
    low_information: bool | None
    reasons: list[ReasonOut]
    notes: list[str]
    what_would_move_it: list[str]
    decision_timing: TimingOut | None
    decision: DecisionOut | None
    chart_weeks_used: int | None
    trained_on_seasons: int | None
    premiere_p10: date | None
    premiere_p50: date | None
    premiere_p90: date | None
    premiere: PremiereOut | None
    path: list[PathPoint]


def _ints(pair) -> list[int] | None:
    return None if pair is None else [int(x) for x in pair]


def _timing(data: dict | None) -> dict | None:
    if not data:
        return None
    return {**data, "seasons": int(data["seasons"]),
            **{k: _ints(data[k]) for k in ("weeks_after_premiere", "renewed_weeks",
                                           "canceled_weeks")}}


def _empty(show, today: date, state: str, message: str, season=None) -> dict:
    event = show.status_event if state == show.status else None
    return {
        "show": show, "state": state, "message": message, "as_of": today,
        "season": season and {"number": season.number, "label": season.display_label},
        "p_renew": None, "verdict": None, "low_information": None, "reasons": [], "notes": [],
        "what_would_move_it": [], "decision_timing": None,
        "decision": event and {"outcome": show.status, "announced": event.date},
        "chart_weeks_used": None, "trained_on_seasons": None, "premiere_p10": None,
        "premiere_p50": None, "premiere_p90": None, "premiere": None, "path": [],
    }


def outlook(show, today: date) -> dict:
    seasons = list(show.seasons.prefetch_related(
        Prefetch("chart_weeks", queryset=ChartWeek.objects.order_by("week", "list"))
    ).order_by("number"))
    latest = released_season(seasons, today)
    if show.status == Status.ENDED or (latest is None and show.status != Status.AWAITING):
        # decided, though perhaps about a season the catalog has no dates for
        return _empty(show, today, show.status,
                      f"{show.title} is {show.get_status_display()}; there is no forecast",
                      latest)
    if (reason := no_forecast_reason(show)) is not None and show.status == Status.AWAITING:
        return _empty(show, today, "not_forecast", reason, latest)
    if latest is None:
        return _empty(show, today, "no_released_season",
                      f"{show.title} has no season out yet, so there is nothing to forecast")
    forecast, path = season_outlook(latest, today)
    data = forecast.to_dict()
    window = forecast.premiere
    shown = window is not None and window.state in PREMIERE_SHOWN
    out = {
        **data,
        "show": show,
        "as_of": forecast.as_of,
        "season": {"number": latest.number, "label": latest.display_label},
        "message": None,
        "decision_timing": _timing(data["decision_timing"]),
        "premiere": {**data["premiere"], "source": data["premiere"]["source"] or None}
        if shown else None,
        "path": [{"as_of": f.as_of, "p_renew": round(float(f.p_renew), 4)} for f in path],
    }
    if not shown:
        out.update(premiere_p10=None, premiere_p50=None, premiere_p90=None)
    if forecast.state == "forecast":
        out["p_renew"] = round(float(forecast.p_renew), 4)
    else:
        out.update(p_renew=None, verdict=None, low_information=None, chart_weeks_used=None,
                   trained_on_seasons=None)
        out["message"] = (f"{latest.display_label} of {show.title} is decided "
                          f"({forecast.verdict}); there is no forecast")
    return out


@router.get("/shows/{slug}/forecast", response=answers(ForecastOut),
            summary="Renewal forecast")
def show_forecast(request: HttpRequest, slug: str = SLUG):
    """The chance the latest released season is followed by another, as of today.

    ``state`` is ``forecast`` when there is one; otherwise ``renewed``, ``canceled``,
    ``ended``, ``no_released_season`` or ``not_forecast`` (licensed, or a kind nobody
    renews), with ``p_renew`` null and ``message`` saying why.
    ``path`` is the forecast as it stood on each chart day since the season's debut."""
    show = get_show(slug, shows())
    return outlook(show, timezone.localdate())
