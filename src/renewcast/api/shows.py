"""``/api/shows``: the catalog's shows, one show, its seasons and its current status.

The list filters on the status cached on each show (derived from confirmed events by
:mod:`renewcast.catalog.status`), on platform and kind, and on the site's own title search
(:func:`renewcast.catalog.lookup.search_shows`: best match first, typos forgiven).
"""

# No ``from __future__ import annotations`` here: ninja reads a paginated view's parameter
# types through the pagination wrapper, whose module cannot see the names used here.
from django.db.models import Count, Max, Min, Prefetch, Sum
from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router
from ninja.pagination import paginate

from renewcast.api.errors import NotFound, get_show
from renewcast.api.pagination import Pagination
from renewcast.api.schemas import SeasonDetail, SeasonOut, ShowItem, ShowOut, StatusOut, answers
from renewcast.catalog.forecasting import released_season
from renewcast.catalog.lookup import MAX_QUERY, search_shows
from renewcast.catalog.models import AllTimeRank, ChartWeek, EngagementFigure, Kind, Show, Status

router = Router(tags=["shows"])

MAX_SEASON = 10_000
SLUG = Path(..., max_length=300, description="The show's slug, as in its page's address")
NUMBER = Path(..., ge=1, le=MAX_SEASON, description="Season number")
STATUS = Query(None, description="Current status")
PLATFORM = Query(None, max_length=100, description="Network or streamer (any case)")
KIND = Query(None, description="Kind of show")
TITLE = Query(None, max_length=MAX_QUERY,
              description="Title search, best match first (typos forgiven, as on the site); "
                          "case, accents and punctuation are ignored")


def shows():
    return Show.objects.listed().select_related("status_event__claim__source",
                                                "status_event__season")


def seasons_of(show: Show):
    """The show's seasons in number order, each annotated with its Top 10 summary."""
    return (
        show.seasons.select_related("premiere_source")
        .annotate(
            weeks_in_top10=Count("chart_weeks__week", distinct=True),
            best_rank=Min("chart_weeks__rank"),
            first_chart_week=Min("chart_weeks__week"),
            last_chart_week=Max("chart_weeks__week"),
            hours_in_top10_weeks=Sum("chart_weeks__hours"),
        )
        .order_by("number")
    )


@router.get("", response=answers(list[ShowItem], show=False), summary="List shows")
@paginate(Pagination)
def list_shows(
    request: HttpRequest,
    status: Status | None = STATUS,
    platform: str | None = PLATFORM,
    kind: Kind | None = KIND,
    q: str | None = TITLE,
):
    """Shows by title, or, with ``q``, best match first: the site's search (exact title,
    then titles starting with it, containing it, then near misses such as "partner trak").
    Each carries its current status and the decision (with source) that settled it, if
    any."""
    found = shows()
    if status:
        found = found.filter(status=status)
    if platform and "\x00" in platform:  # none has one, and PostgreSQL refuses it in SQL
        found = found.none()
    elif platform:
        found = found.filter(platform__iexact=platform.strip())
    if kind:
        found = found.filter(kind=kind)
    if q and q.strip():
        allowed = set(found.values_list("pk", flat=True))
        if not allowed:
            return []
        ranked = [s.pk for s in search_shows(q[:MAX_QUERY], limit=len(allowed))
                  if s.pk in allowed]
        in_bulk = found.in_bulk(ranked)
        return [in_bulk[pk] for pk in ranked]
    return found.order_by("title", "id")


@router.get("/{slug}", response=answers(ShowOut), summary="One show")
def show_detail(request: HttpRequest, slug: str = SLUG):
    """A show with its status decision, a summary of each season and links to the rest.

    An unknown slug is a 404 whose ``close_matches`` lists shows with similar titles."""
    show = get_show(slug, shows())
    show.seasons_summary = list(seasons_of(show))
    return show


@router.get("/{slug}/seasons", response=answers(list[SeasonOut]),
            summary="A show's seasons")
def list_seasons(request: HttpRequest, slug: str = SLUG):
    """Every season in number order, with its premiere (and source) and Top 10 run."""
    return list(seasons_of(get_show(slug)))


@router.get("/{slug}/seasons/{number}", response=answers(SeasonDetail),
            summary="One season")
def season_detail(request: HttpRequest, slug: str = SLUG, number: int = NUMBER):
    """One season, with each of its weeks in the Top 10, its all-time ranks and its figures
    in Netflix's half-yearly engagement reports."""
    show = get_show(slug)
    season = (
        seasons_of(show)
        .prefetch_related(
            Prefetch("chart_weeks", queryset=ChartWeek.objects.select_related("source")
                     .order_by("week", "list")),
            Prefetch("all_time_ranks", queryset=AllTimeRank.objects.select_related("source")),
            Prefetch("engagement", queryset=EngagementFigure.objects.select_related("source")),
        )
        .filter(number=number)
        .first()
    )
    if season is None:
        have = list(show.seasons.order_by("number").values_list("number", flat=True))
        raise NotFound(f"{show.title} has no season {number}", seasons=have)
    season.show = show
    return season


@router.get("/{slug}/status", response=answers(StatusOut),
            summary="A show's current status")
def show_status(request: HttpRequest, slug: str = SLUG):
    """Renewed, canceled, ended or awaiting a decision, with the confirmed event (and its
    source) that decided it. ``latest_released_season`` is the season a pending decision
    is about."""
    show = get_show(slug, shows())
    today = timezone.localdate()
    seasons = show.seasons.prefetch_related("chart_weeks").order_by("number")
    latest = released_season(seasons, today)
    return {
        "show": show,
        "status": show.status,
        "status_label": show.get_status_display(),
        "as_of": today,
        "latest_released_season": latest and {"number": latest.number,
                                               "label": latest.display_label},
        "decision": show.status_event,
    }
