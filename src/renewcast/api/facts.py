"""A show's sourced facts, one paginated list each: events, statements, chart weeks, claims.

Only what editors confirmed is public: events and statements count through their
confirmed claim, and ``/claims`` lists confirmed claims alone, never proposed or
rejected ones. ``/api/events`` is the site-wide feed of confirmed events, newest first.
"""

# No ``from __future__ import annotations`` here: ninja reads a paginated view's parameter
# types through the pagination wrapper, whose module cannot see the names used here.
from datetime import date

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from renewcast.api.errors import get_show
from renewcast.api.pagination import Pagination
from renewcast.api.schemas import (
    ChartWeekOut,
    ClaimOut,
    EventOut,
    SiteEventOut,
    StatementOut,
    answers,
)
from renewcast.api.shows import MAX_SEASON, SLUG
from renewcast.catalog.models import (
    ChartList,
    ChartWeek,
    Claim,
    ClaimKind,
    ClaimState,
    Event,
    EventKind,
    Statement,
)

router = Router()

SEASON = Query(None, ge=1, le=MAX_SEASON, description="Only this season number")
EVENT_KIND = Query(None, description="Only this kind of event")
CLAIM_KIND = Query(None, description="Only this kind of claim")
CHART_LIST = Query(None, alias="list", description="Only this Top 10 list")
SINCE = Query(None, description="Only events on or after this date (YYYY-MM-DD)")


def confirmed_events():
    return Event.objects.filter(claim__state=ClaimState.CONFIRMED).select_related(
        "claim__source", "season", "show"
    )


@router.get("/shows/{slug}/events", response=answers(list[EventOut]), tags=["facts"],
            summary="A show's events")
@paginate(Pagination)
def show_events(
    request: HttpRequest,
    slug: str = SLUG,
    kind: EventKind | None = EVENT_KIND,
    season: int | None = SEASON,
):
    """Confirmed events (renewals, premieres, filming...) in date order, each with its
    source and the quote it rests on."""
    events = confirmed_events().filter(show=get_show(slug))
    if kind:
        events = events.filter(kind=kind)
    if season:
        events = events.filter(season__number=season)
    return events.order_by("date", "id")


@router.get("/shows/{slug}/statements", response=answers(list[StatementOut]),
            tags=["facts"], summary="What people involved said")
@paginate(Pagination)
def show_statements(request: HttpRequest, slug: str = SLUG, season: int | None = SEASON):
    """Confirmed statements from cast and crew about another season, newest first, each
    with its stance and source."""
    statements = Statement.objects.filter(
        show=get_show(slug), claim__state=ClaimState.CONFIRMED
    ).select_related("claim__source", "season", "person")
    if season:
        statements = statements.filter(season__number=season)
    return statements.order_by("-said_on", "id")


@router.get("/shows/{slug}/chart-weeks", response=answers(list[ChartWeekOut]),
            tags=["facts"], summary="A show's weeks in the Netflix Top 10")
@paginate(Pagination)
def show_chart_weeks(
    request: HttpRequest,
    slug: str = SLUG,
    season: int | None = SEASON,
    list_: ChartList | None = CHART_LIST,
):
    """Every week any season spent in Netflix's global Top 10, oldest first."""
    weeks = ChartWeek.objects.filter(season__show=get_show(slug)).select_related(
        "season", "source"
    )
    if season:
        weeks = weeks.filter(season__number=season)
    if list_:
        weeks = weeks.filter(list=list_)
    return weeks.order_by("week", "list", "season__number")


@router.get("/shows/{slug}/claims", response=answers(list[ClaimOut]),
            tags=["facts"], summary="A show's confirmed claims")
@paginate(Pagination)
def show_claims(
    request: HttpRequest,
    slug: str = SLUG,
    kind: ClaimKind | None = CLAIM_KIND,
):
    """Facts an editor confirmed against their source (cast, plot, predictions...), oldest
    first. Proposed and rejected claims are never listed."""
    claims = Claim.objects.filter(
        show=get_show(slug), state=ClaimState.CONFIRMED
    ).select_related("source", "season", "person")
    if kind:
        claims = claims.filter(kind=kind)
    return claims.order_by("created_at", "id")


@router.get("/events", response=answers(list[SiteEventOut], show=False),
            tags=["events"], summary="Recent events across all shows")
@paginate(Pagination)
def site_events(
    request: HttpRequest,
    kind: EventKind | None = EVENT_KIND,
    since: date | None = SINCE,
):
    """Confirmed events on every show, most recent first."""
    events = confirmed_events()
    if kind:
        events = events.filter(kind=kind)
    if since:
        events = events.filter(date__gte=since)
    return events.order_by("-date", "-id")
