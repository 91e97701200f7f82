"""Derive a show's status from its confirmed events; nobody types it in.

The status answers "what happened after the latest released season?", and the answer
comes from :mod:`renewcast.forecast.coverage`, the one place that knows what a decision
covers: a renewal "for seasons 5 and 6" keeps a show renewed until season 6 is out; "a
fifth and final season" makes season 5 the last, so the show is ``ended`` once it is out;
a cancellation ends it after the season it names; with nothing covering the next season
the show is awaiting a decision. A later season out proves the earlier ones were renewed.

The result is cached on :class:`~renewcast.catalog.models.Show` so lists and
filters need no recomputation; every write path calls :func:`refresh_statuses`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from renewcast.catalog.models import (
    DECISION_KINDS,
    ChartWeek,
    ClaimState,
    Event,
    Season,
    Show,
)
from renewcast.forecast.coverage import Coverage


def coverage(latest_released: int, decisions: list[Event]) -> Coverage:
    """The decisions (confirmed, sorted by date, ``season_number`` set) seen from the
    latest released season."""
    return Coverage.of(decisions, latest_released)


def decide(latest_released: int, decisions: list[Event]) -> tuple[str, Event | None]:
    """The status after season ``latest_released`` given decision events sorted by date."""
    return coverage(latest_released, decisions).status_and_event()


def decision_events(show_ids: Iterable[int], today: dt.date) -> dict[int, list[Event]]:
    """Each show's confirmed decisions public by ``today``, earliest first, with
    ``season_number`` set (the released season each follows)."""
    found: dict[int, list[Event]] = defaultdict(list)
    events = (
        Event.objects.filter(
            show_id__in=list(show_ids), kind__in=DECISION_KINDS,
            claim__state=ClaimState.CONFIRMED, date__lte=today,
        )
        .select_related("season", "claim__source")
        .order_by("date", "id")
    )
    for event in events:
        event.season_number = event.season.number if event.season else None
        found[event.show_id].append(event)
    return found


def refresh_statuses(show_ids: Iterable[int] | None = None, today: dt.date | None = None) -> int:
    """Recompute the cached status of the given shows (all when None); returns how many changed."""
    today = today or timezone.localdate()
    shows = Show.objects.all() if show_ids is None else Show.objects.filter(id__in=list(show_ids))
    shows = list(shows.only("id", "status", "status_event_id"))
    if not shows:
        return 0
    ids = [s.id for s in shows]
    released: dict[int, int] = defaultdict(int)

    def bump(show_id: int, number: int) -> None:
        released[show_id] = max(released[show_id], number)

    charted = ChartWeek.objects.filter(season__show_id__in=ids).values_list(
        "season__show_id", "season__number"
    ).distinct()
    premiered = Season.objects.filter(show_id__in=ids, premiere_date__lte=today).values_list(
        "show_id", "number"
    )
    for show_id, number in [*charted, *premiered]:
        bump(show_id, number)

    decisions = decision_events(ids, today)
    changed = []
    for show in shows:
        status, event = decide(released[show.id], decisions[show.id])
        event_id = event.id if event else None
        if show.status != status or show.status_event_id != event_id:
            show.status, show.status_event_id = status, event_id
            changed.append(show)
    Show.objects.bulk_update(changed, ["status", "status_event"], batch_size=500)
    return len(changed)
