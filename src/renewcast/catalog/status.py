"""Derive a show's status from its confirmed events; nobody types it in.

The status answers "what happened after the latest released season?":
- a confirmed renewal, cancellation or ending about that season (or a later one)
  decides it, the latest announcement winning (a canceled show can be revived);
- an ending announced for a season not yet released means another (final)
  season is coming, so the show counts as renewed until that season is out;
- with no such decision the show is awaiting one.

The result is cached on :class:`~renewcast.catalog.models.Show` so lists and
filters need no recomputation; every write path calls :func:`refresh_statuses`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from renewcast.catalog.models import (
    DECISION_KINDS,
    ChartWeek,
    ClaimState,
    Event,
    EventKind,
    Season,
    Show,
    Status,
)

_STATUS_OF = {
    EventKind.RENEWAL: Status.RENEWED,
    EventKind.CANCELLATION: Status.CANCELED,
    EventKind.ENDING: Status.ENDED,
}


def decide(latest_released: int, decisions: list[Event]) -> tuple[str, Event | None]:
    """The status after season ``latest_released`` given decision events sorted by date."""
    relevant = [
        e for e in decisions if e.season_number is None or e.season_number >= latest_released
    ]
    if not relevant:
        return Status.AWAITING, None
    event = relevant[-1]
    if event.kind == EventKind.ENDING and (event.season_number or 0) > latest_released:
        return Status.RENEWED, event
    return _STATUS_OF[event.kind], event


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

    decisions: dict[int, list[Event]] = defaultdict(list)
    events = (
        Event.objects.filter(
            show_id__in=ids, kind__in=DECISION_KINDS, claim__state=ClaimState.CONFIRMED
        )
        .filter(Q(date__lte=today))
        .select_related("season")
        .order_by("date", "id")
    )
    for event in events:
        event.season_number = event.season.number if event.season else None
        decisions[event.show_id].append(event)
        # Renewed or canceled "after season N" means season N was out.
        if event.season_number and event.kind != EventKind.ENDING:
            bump(event.show_id, event.season_number)

    changed = []
    for show in shows:
        status, event = decide(released[show.id], decisions[show.id])
        event_id = event.id if event else None
        if show.status != status or show.status_event_id != event_id:
            show.status, show.status_event_id = status, event_id
            changed.append(show)
    Show.objects.bulk_update(changed, ["status", "status_event"], batch_size=500)
    return len(changed)
