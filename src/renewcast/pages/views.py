"""The public pages: home, search and a show's page; plus friendly error pages."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from renewcast.catalog.forecasting import get_forecaster, model_summary, upcoming_premieres
from renewcast.catalog.ledger import track_record
from renewcast.catalog.lookup import MAX_QUERY, close_matches, search_shows
from renewcast.catalog.models import DECISION_KINDS, ClaimState, Event, Show
from renewcast.community.popularity import current_lists
from renewcast.forecast.rescore import rescore
from renewcast.forecast.store import (
    read_fair_test,
    read_fair_test_rows,
    read_report_stage_test,
    read_wait_rule_test,
)
from renewcast.pages import home_lists, structured_data
from renewcast.pages.season_page import load_seasons, load_show, page_numbers, season_context
from renewcast.pages.site import absolute

RECENT_DECISIONS = timedelta(weeks=8)


def home(request):
    today = timezone.localdate()
    decisions = list(
        Event.objects.filter(kind__in=DECISION_KINDS, claim__state=ClaimState.CONFIRMED,
                             date__lte=today)
        .exclude(claim__source__tier="official", kind="ending")
        .select_related("show", "season", "claim__source")
        .order_by("-date", "-id")[:10]
    )
    latest_decision = decisions[0].date if decisions else None
    likely, unlikely = home_lists.awaiting(today)
    chart_week, most_watched = home_lists.most_watched()
    most_popular, trending = current_lists()
    return render(
        request,
        "pages/home.html",
        {
            "decisions": decisions,
            "recent": bool(latest_decision and latest_decision >= today - RECENT_DECISIONS),
            "latest_decision": latest_decision,
            "likely": likely,
            "unlikely": unlikely,
            "premieres": upcoming_premieres(today)[:8],
            "chart_week": chart_week,
            "most_watched": most_watched,
            "most_popular": most_popular,
            "trending": trending,
            "show_count": Show.objects.listed().count(),
            "json_ld": structured_data.json_ld(structured_data.website(absolute(request, "/"))),
        },
    )


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results = search_shows(query) if query else []
    return render(request, "pages/search.html", {"query": query, "results": results})


def show_detail(request, slug):
    show = load_show(slug)
    if show is None:
        return unknown_show(request, slug)
    context = season_context(show, load_seasons(show), None, timezone.localdate(),
                             whole_show=True)
    url = absolute(request, show.get_absolute_url())
    about = structured_data.series(show, url, context["seasons"])
    context["json_ld"] = structured_data.json_ld(about, _article(context, url, about))
    return _page(request, "pages/show.html", context)


def season_detail(request, slug, number):
    show = load_show(slug)
    if show is None:
        return unknown_show(request, slug)
    today = timezone.localdate()
    seasons = load_seasons(show)
    _, last = page_numbers(seasons, today)
    if not 1 <= number <= last:
        return render(request, "pages/404.html",
                      {"path": request.path, "show": show, "last_season": last}, status=404)
    canonical = reverse("season", args=[show.slug, number])
    if request.path != canonical:  # /season-02/ is /season-2/
        return redirect(canonical, permanent=True)
    # (site-wide "Most popular" and "Trending" stay on the home page: inside a season's
    # article they read as part of it)
    context = season_context(show, seasons, number, today)
    url = absolute(request, request.path)
    series_url = absolute(request, show.get_absolute_url())
    about = structured_data.season(show, number, context["season"], url, series_url,
                                   context["cast"])
    context["json_ld"] = structured_data.json_ld(about, _article(context, url, about))
    return _page(request, "pages/season.html", context)


def _article(context, url, about) -> dict:
    answer = context["answer"]
    changes = context["changes"]
    published = changes[-1].updated if changes else context["modified"]
    return structured_data.article(f"{answer.question} {answer.short}", url,
                                   min(published, context["modified"]), context["modified"],
                                   about)


def _page(request, template, context):
    show, answer = context["show"], context["answer"]
    if template.endswith("show.html"):
        context["page_title"] = f"{show.title}: renewed or canceled? – renewcast"
    elif context["released"]:
        context["page_title"] = f"{show.title} {context['label']}: cast, story, viewing – renewcast"
    else:
        context["page_title"] = (f"{show.title} season {context['number']}: renewed or "
                                 "canceled? Release date, cast, news – renewcast")
    context["page_description"] = (f"{answer.question} {answer.short} — {answer.text} "
                                   "Every fact with its source.")
    response = render(request, template, context)
    # The page also changes when the show itself is edited (a renamed title), and when
    # fans comment: a cache revalidating by date alone must not keep the old thread.
    community = context.get("community") or {}
    changed = max(context["modified"], show.updated_at,
                  community.get("changed") or context["modified"])
    response["Last-Modified"] = http_date(changed.timestamp())
    return response


def unknown_show(request, slug):
    """A 404 that helps: the shows whose titles look like what was typed."""
    typed = slug.replace("-", " ")[:MAX_QUERY]
    return render(request, "pages/404.html",
                  {"path": request.path, "typed": typed, "suggestions": close_matches(typed)},
                  status=404)


FEATURE_WORDS = {
    "hours_percentile": "Hours viewed in its first weeks, against same-list seasons of the "
                        "previous 12 months",
    "weeks_in_top10": "Weeks in the global Top 10 so far",
    "non_english": "On the non-English list",
    "non_english_scripted": "A non-English drama or comedy (not reality or documentary)",
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
    forecaster, today = get_forecaster(), timezone.localdate()
    premieres = forecaster.premieres.backtest()
    fair_rows = read_fair_test_rows()
    fair_now = rescore(fair_rows, forecaster.history, today) if fair_rows else None
    return render(request, "pages/forecasts.html",
                  {"card": card, "weights": weights, "unused": unused,
                   "fair": read_fair_test(),
                   "fair_now": fair_now,
                   "fair_now_scores": fair_now.scores().get("renewcast") if fair_now else None,
                   "report_test": read_report_stage_test(),
                   "wait_test": read_wait_rule_test(),
                   "report_stage": forecaster.report_stage(today),
                   "ledger": track_record(forecaster.history, today),
                   "premiere_backtest": premieres if premieres.cases else None})


def not_found(request, exception=None):
    return render(request, "pages/404.html", {"path": request.path}, status=404)


def server_error(request):
    # No context processors or database: this page must render when those are what broke.
    return HttpResponseServerError(loader.get_template("pages/500.html").render())
