"""The public pages: home, search and a show's page; plus friendly error pages."""

from __future__ import annotations

from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone

from renewcast.catalog.forecasting import (
    get_forecaster,
    model_summary,
    released_season,
    season_outlook,
)
from renewcast.catalog.lookup import close_matches, title_key
from renewcast.catalog.models import DECISION_KINDS, ChartWeek, ClaimState, Event, Show
from renewcast.pages.forecast_chart import forecast_svg
from renewcast.pages.knowledge import confirmed_knowledge

MAX_QUERY = 200


def home(request):
    most_weeks = (
        Show.objects.annotate(weeks=Count("seasons__chart_weeks"))
        .filter(weeks__gt=0)
        .order_by("-weeks", "title")[:25]
    )
    decisions = (
        Event.objects.filter(kind__in=DECISION_KINDS, claim__state=ClaimState.CONFIRMED)
        .exclude(claim__source__tier="official", kind="ending")
        .select_related("show", "season", "claim__source")
        .order_by("-date", "-id")[:10]
    )
    latest_week = ChartWeek.objects.aggregate(latest=Max("week"))["latest"]
    latest_decision = decisions[0].date if decisions else None
    return render(
        request,
        "pages/home.html",
        {
            "most_weeks": most_weeks,
            "decisions": decisions,
            "latest_week": latest_week,
            "latest_decision": latest_decision,
            "show_count": Show.objects.count(),
        },
    )


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results, suggestions = [], []
    if query:
        key = title_key(query)
        if key:
            matching = Q(title__icontains=query) | Q(slug__icontains=key.replace(" ", "-"))
            results = list(Show.objects.filter(matching).order_by("title")[:50])
        if not results:
            suggestions = close_matches(query)
    return render(
        request,
        "pages/search.html",
        {"query": query, "results": results, "suggestions": suggestions},
    )


def show_detail(request, slug):
    show = get_object_or_404(
        Show.objects.select_related("status_event__claim__source", "status_event__season"),
        slug=slug,
    )
    seasons = show.seasons.prefetch_related(
        Prefetch("chart_weeks", queryset=ChartWeek.objects.order_by("week", "list"))
    )
    seasons = list(seasons)
    today = timezone.localdate()
    # The season the pending decision is about, for "no decision since Season 4 came out".
    latest = released_season(seasons, today)
    forecast, path, premiere = None, [], None
    if latest and show.status != "ended":
        forecast, path = season_outlook(latest, today)
        premiere = forecast.premiere
        if premiere and premiere.state not in ("forecast", "announced", "unknown"):
            premiere = None  # canceled, ended, or the next season is already out
        if forecast.state != "forecast":
            forecast = None
    events = (
        show.events.filter(claim__state=ClaimState.CONFIRMED)
        .select_related("claim__source", "season")
        .order_by("date", "id")
    )
    return render(
        request,
        "pages/show.html",
        {
            "show": show,
            "seasons": seasons,
            "events": events,
            "decision": show.status_event,
            "latest_season": latest,
            "forecast": forecast,
            "premiere": premiere,
            "path": path,
            **confirmed_knowledge(show),
            "path_svg": forecast_svg(tuple((f.as_of.isoformat(), f.p_renew) for f in path))
            if len(path) > 1 else "",
        },
    )


FEATURE_WORDS = {
    "hours_percentile": "Hours viewed in its first weeks, against same-list seasons of the "
                        "previous 12 months",
    "weeks_in_top10": "Weeks in the global Top 10 so far",
    "non_english": "On the non-English list",
    "log_season_number": "Season number (later seasons are renewed more often)",
    "stance": "Encouraging or discouraging statements from people involved",
    "next_season_work": "Work reported on a later season (writers' room, filming)",
    "kind_reality": "Reality series",
    "kind_docuseries": "Docuseries",
    "kind_animation": "Animated series",
}


def forecasts(request):
    """How forecasts are made and how good they are, from the model in use."""
    card = model_summary()
    horizon = card["horizons"].get("4") if card else None
    weights = []
    if horizon:
        weights = [(FEATURE_WORDS.get(n, n), horizon["weights"][n] * horizon["slope"])
                   for n in horizon["features"]]
        weights.sort(key=lambda w: -abs(w[1]))
    unused = [FEATURE_WORDS.get(n, n) for n in (horizon or {}).get("unused", [])]
    premieres = get_forecaster().premieres.backtest()
    return render(request, "pages/forecasts.html",
                  {"card": card, "weights": weights, "unused": unused,
                   "premiere_backtest": premieres if premieres.cases else None})


def not_found(request, exception=None):
    return render(request, "pages/404.html", {"path": request.path}, status=404)


def server_error(request):
    # No context processors or database: this page must render when those are what broke.
    return HttpResponseServerError(loader.get_template("pages/500.html").render())
