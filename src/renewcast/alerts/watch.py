"""Find the changes followers hear about, by comparing each followed show with its last look.

Four things alert: the show's status changing, a newly confirmed official statement, a
premiere date announced (a season's date appearing or moving, or a confirmed premiere
event), and the renewal forecast for the next season moving by
``RENEWCAST_ALERT_FORECAST_POINTS`` or more since the last forecast alert. The first
look at a show only takes the baseline: a new follower is not told old news.

Each change becomes a :class:`~renewcast.alerts.models.Notice` with a key that names the
change itself (``status:canceled:<event id>``), unique per show, so two runs at the same
moment make it once, and a later run that sees the same facts makes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from renewcast.alerts.models import Follow, Notice, NoticeKind, ShowWatch
from renewcast.catalog.forecasting import get_forecaster, no_forecast_reason, released_season
from renewcast.catalog.models import (
    ClaimState,
    Event,
    EventKind,
    Season,
    Show,
    Statement,
    Status,
    Tier,
)
from renewcast.numbers import at_precision, human_date

log = logging.getLogger(__name__)
UNKNOWN = "unknown"  # the forecaster failed: keep the old baseline, alert nothing
ANNOUNCED_RECENTLY = timedelta(days=30)
PREMIERE_KINDS = (EventKind.PREMIERE, EventKind.DATE_ANNOUNCED)


@dataclass
class Change:
    kind: str
    key: str
    title: str
    data: dict = field(default_factory=dict)


def detect(today: date | None = None, now=None) -> list[Notice]:
    """New notices for every show with an active follow; updates each show's baseline."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    ids = set(Follow.objects.active().values_list("show_id", flat=True))
    if not ids:
        return []
    watches = {w.show_id: w for w in ShowWatch.objects.filter(show_id__in=ids)}
    shows = Show.objects.filter(pk__in=ids).select_related(
        "status_event__claim__source", "status_event__season").order_by("pk")
    made = []
    for show in shows:
        current = snapshot(show, today)
        old = watches.get(show.pk)
        if old is not None:
            changes, current["forecast"] = compare(show, old.snapshot, current, today)
            for change in changes:
                notice = _notice(show, change, now)
                if notice is not None:
                    made.append(notice)
        elif current["forecast"] == UNKNOWN:
            current["forecast"] = None
        ShowWatch.objects.update_or_create(show=show, defaults={"snapshot": current,
                                                                "checked_at": now})
    return made


def snapshot(show: Show, today: date) -> dict:
    """What alerts compare: plain JSON, stored as the next run's baseline."""
    seasons = list(show.seasons.prefetch_related("chart_weeks").order_by("number"))
    statements = Statement.objects.filter(show=show, claim__state=ClaimState.CONFIRMED,
                                          claim__source__tier=Tier.OFFICIAL)
    events = Event.objects.filter(show=show, kind__in=PREMIERE_KINDS,
                                  claim__state=ClaimState.CONFIRMED)
    return {
        "status": show.status,
        "status_event": show.status_event_id,
        "statements": sorted(statements.values_list("id", flat=True)),
        "premieres": {str(s.number): s.premiere_date.isoformat()
                      for s in seasons if s.premiere_date},
        "premiere_events": sorted(events.values_list("id", flat=True)),
        "forecast": None if no_forecast_reason(show) else forecast_now(seasons, today),
    }


def forecast_now(seasons: list[Season], today: date) -> dict | str | None:
    """The renewal forecast after the latest released season, or None when there is none."""
    latest = released_season(seasons, today)
    if latest is None:
        return None
    try:
        forecast = get_forecaster().forecast(latest.pk, today, premiere=False)
    except KeyError:  # a season the forecaster's history does not hold
        return None
    except Exception:  # noqa: BLE001 - a forecaster bug must not stop status alerts
        log.exception("alerts: forecast for season %s failed", latest.pk)
        return UNKNOWN
    p = None if forecast.p_renew is None else round(float(forecast.p_renew), 4)
    return {"season": latest.number, "state": forecast.state, "p": p}


def compare(show: Show, old: dict, new: dict, today: date) -> tuple[list[Change], object]:
    """The changes from ``old`` to ``new``, and the forecast baseline to keep."""
    changes = []
    if old.get("status") != new["status"]:
        changes.append(_status_change(show, old.get("status"), new["status"]))
    fresh = sorted(set(new["statements"]) - set(old.get("statements", [])))
    for statement in Statement.objects.filter(pk__in=fresh).select_related(
            "claim__source", "season").order_by("said_on", "id"):
        changes.append(_statement_change(show, statement))
    changes += _premiere_changes(show, old, new, today)
    forecast, baseline = _forecast_change(show, old.get("forecast"), new["forecast"], today)
    if forecast is not None:
        changes.append(forecast)
    return changes, baseline


def _notice(show: Show, change: Change, now) -> Notice | None:
    """The notice for ``change``, or None when it exists already (made by an earlier or a
    concurrent run)."""
    try:
        notice, created = Notice.objects.get_or_create(
            show=show, key=change.key[:200],
            defaults={"kind": change.kind, "title": change.title[:500], "data": change.data,
                      "created_at": now})
    except IntegrityError:  # lost a race on a backend that reports it late: it exists
        return None
    return notice if created else None


def _source(source) -> dict:
    if source is None:
        return {}
    return {"source": source.publisher or str(source), "source_url": source.public_url}


def _status_change(show: Show, old: str | None, new: str) -> Change:
    event = show.status_event
    number = event.season.number if event is not None and event.season else None
    title = show.title
    if new == Status.RENEWED:
        if event is not None and event.kind == EventKind.ENDING:
            text = f"{title} is renewed for a final season"
        else:
            text = f"{title} is renewed" + (f" for season {number + 1}" if number else "")
    elif new == Status.CANCELED:
        text = f"{title} is canceled" + (f" after season {number}" if number else "")
    elif new == Status.ENDED:
        text = f"{title} has ended" + (f" with season {number}" if number else "")
    else:
        text = f"{title} is awaiting a renewal decision"
    data = {"old": old, "new": new, "season": number}
    if event is not None:
        data |= {"date": event.date.isoformat(),
                 "detail": f"Announced {human_date(event.date, event.precision)}.",
                 **_source(event.claim.source)}
    # A decision is keyed by its event; a return to "awaiting" has none, so it is keyed by
    # the day (two runners the same day agree on it; a later return is a new notice).
    key = (f"status:{new}:{show.status_event_id}" if show.status_event_id
           else f"status:{new}:{old}:{timezone.localdate().isoformat()}")
    return Change(NoticeKind.STATUS, key, text, data)


def _statement_change(show: Show, statement: Statement) -> Change:
    who = statement.speaker + (f" ({statement.speaker_role})" if statement.speaker_role else "")
    data = {"speaker": statement.speaker, "role": statement.speaker_role,
            "quote": statement.quote, "stance": statement.stance,
            "date": statement.said_on.isoformat() if statement.said_on else None,
            "season": statement.season.number if statement.season else None,
            **_source(statement.claim.source)}
    return Change(NoticeKind.STATEMENT, f"statement:{statement.pk}",
                  f"{show.title}: official statement from {who}", data)


def _premiere_changes(show: Show, old: dict, new: dict, today: date) -> list[Change]:
    found: dict[str, Change] = {}
    before = old.get("premieres", {})
    labels = {str(s.number): s.display_label for s in show.seasons.all()}
    for number, iso in sorted(new["premieres"].items(), key=lambda kv: int(kv[0])):
        day = date.fromisoformat(iso)
        if before.get(number) == iso or day < today:
            continue  # unchanged, or a past date filled in (old news)
        label = labels.get(number, f"Season {number}")
        data = {"season": int(number), "old": before.get(number), "new": iso,
                "detail": (f"It was listed for {human_date(date.fromisoformat(before[number]))}."
                           if before.get(number) else "")}
        season = show.seasons.filter(number=int(number)).select_related(
            "premiere_source").first()
        data |= _source(season.premiere_source if season else None)
        found[f"premiere:{number}:{iso}"] = Change(
            NoticeKind.PREMIERE, f"premiere:{number}:{iso}",
            f"{show.title} {label} premieres {human_date(day)}", data)
    fresh = sorted(set(new["premiere_events"]) - set(old.get("premiere_events", [])))
    for event in Event.objects.filter(pk__in=fresh).select_related("season", "claim__source"):
        number = event.season.number if event.season else None
        label = event.season.display_label if event.season else "A new season"
        when = human_date(event.date, event.precision)
        if event.kind == EventKind.PREMIERE:
            known_to = event.precision
            if at_precision(event.date, known_to) < at_precision(today, known_to):
                continue  # wholly in the past
            key = f"premiere:{number}:{event.date.isoformat()}"
            text = f"{show.title} {label} premieres {when}"
        else:
            if event.date < today - ANNOUNCED_RECENTLY:
                continue
            key = f"premiere:announced:{event.pk}"
            text = f"{show.title}: {label.lower()} premiere date announced"
        data = {"season": number, "new": event.date.isoformat(),
                "precision": event.precision, **_source(event.claim.source)}
        found.setdefault(key, Change(NoticeKind.PREMIERE, key, text, data))
    return list(found.values())


def _forecast_change(show: Show, base, now, today: date) -> tuple[Change | None, object]:
    if now == UNKNOWN:
        return None, base
    if now is None:
        return None, None
    comparable = (isinstance(base, dict) and base.get("season") == now["season"]
                  and base.get("state") == now["state"] == "forecast"
                  and base.get("p") is not None and now["p"] is not None)
    if not comparable:
        return None, now  # a new season, a decision, or the first forecast: a new baseline
    points = (now["p"] - base["p"]) * 100
    if abs(points) < settings.ALERT_FORECAST_POINTS:
        return None, base  # small moves add up against the last alerted value
    number = now["season"] + 1
    way = "up" if points > 0 else "down"
    text = (f"{show.title} season {number}: chance of renewal {way} from "
            f"{base['p']:.0%} to {now['p']:.0%}")
    data = {"season": number, "old": base["p"], "new": now["p"],
            "detail": f"renewcast's forecast as of {human_date(today)} moved {abs(points):.0f} "
                      "percentage points."}
    key = f"forecast:{now['season']}:{today.isoformat()}:{now['p']:.4f}"
    return Change(NoticeKind.FORECAST, key, text, data), now
