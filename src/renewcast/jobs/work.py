"""The periodic work itself, as plain functions that say what they did.

``renewcast run-jobs`` runs these on huey's schedule (see :mod:`renewcast.jobs.tasks`);
``renewcast run-jobs --once`` calls them directly for cron. Every step is safe to run
twice, or twice at once: ingests and syncs compare before writing, and alerts are
created and claimed under database constraints, so a follower hears of a change once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from django.conf import settings
from django.utils import timezone

Lines = list[str]
log = logging.getLogger("renewcast.jobs")


def refresh_top10() -> Lines:
    """Netflix's published all-weeks file: new chart weeks, new seasons."""
    from renewcast.catalog.ingest.top10 import ingest_top10
    from renewcast.sources.fetch import fetch, is_url
    from renewcast.sources.netflix_top10 import read_top10

    fetched = fetch(settings.TOP10_URL, allow_private=settings.ALLOW_PRIVATE_FETCH)
    parsed = read_top10(fetched.data, os.path.basename(fetched.location))
    report = ingest_top10(parsed, source_url=fetched.location if is_url(fetched.location)
                          else None, retrieved_at=fetched.retrieved_at)
    return [str(e) for e in report.errors] + report.summary_lines()


def refresh_tvmaze() -> Lines:
    """Linked shows TVmaze changed lately, linked shows with a season begun this week (its
    cast moves onto it), and followed shows not linked yet. The window is a week though
    the job runs daily: stored stamps skip what is synced already, and a missed day loses
    nothing."""
    from renewcast.catalog import tvmaze_sync as sync

    with sync.make_client() as client:
        due, _ = sync.updated_shows(client, "week")
        begun = sync.premiered_lately(timezone.localdate())
        unlinked = [s for s in sync.followed_shows() if not s.tvmaze_id]
        shows = {s.pk: s for s in [*due, *begun, *unlinked]}  # each once
        report = sync.sync_shows(client, list(shows.values()))
    return report.show_lines() + report.summary_lines()


def recompute_forecasts() -> Lines:
    """Rebuild the forecaster on the new data and forecast every show's current season,
    so the alerts that follow compare against fresh numbers, and keep the day's chances in
    the published record (:mod:`renewcast.catalog.ledger`)."""
    from renewcast.catalog import ledger
    from renewcast.catalog.forecasting import get_forecaster, no_forecast_reason, released_season
    from renewcast.catalog.models import Show

    today = timezone.localdate()
    forecaster = get_forecaster()
    made = []
    for show in Show.objects.prefetch_related("seasons__chart_weeks"):
        season = released_season(show.seasons.all(), today)
        if season is None or no_forecast_reason(show):
            continue
        forecast = forecaster.forecast(season.pk, today)
        if forecast.state == "forecast":
            made.append((season.pk, forecast))
    new = ledger.record(made, today)
    return [f"forecasts: {len(made)} open seasons forecast as of {today.isoformat()}; "
            f"{new} added to the published record"]


def check_news() -> Lines:
    """The watched feeds: new renewal stories read into the review queue."""
    from renewcast.news.desk import check_news as desk

    return desk().summary_lines()


def send_alerts() -> Lines:
    from renewcast.alerts.jobs import run_alerts

    return run_alerts().summary_lines()


# A refresh is followed by new forecasts and by the alerts they may set off.
JOBS: dict[str, tuple[Callable[[], Lines], ...]] = {
    "top10": (refresh_top10, recompute_forecasts, send_alerts),
    "tvmaze": (refresh_tvmaze, recompute_forecasts, send_alerts),
    "forecasts": (recompute_forecasts, send_alerts),
    "alerts": (send_alerts,),
    "news": (check_news, send_alerts),
}


def run_job(name: str, say: Callable[[str], None] = print) -> bool:
    """Run one job's steps in order; a failed step is reported and stops that job only."""
    from renewcast.sources.errors import SourceError

    for step in JOBS[name]:
        try:
            lines = step()
        except SourceError as exc:
            say(f"{name}: {step.__name__} failed: {exc}")
            return False
        except Exception as exc:  # noqa: BLE001 - one line in the job's log, never a traceback
            log.error("job %s: %s failed", name, step.__name__, exc_info=settings.DEBUG)
            say(f"{name}: {step.__name__} failed: unexpected {type(exc).__name__}: {exc}")
            return False
        for line in lines:
            say(line if line.startswith(f"{name}:") else f"{name}: {line}")
    return True


def run_leased(name: str, say: Callable[[str], None] = print) -> bool:
    """:func:`run_job` under the job's lease; a job another runner holds is skipped."""
    from renewcast.jobs.lease import Busy, lease

    try:
        with lease(name):
            return run_job(name, say)
    except Busy:
        say(f"{name}: already running in another runner; skipped")
        return True
