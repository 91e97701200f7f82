"""The schedule: huey runs each job at its time (UTC) in ``renewcast run-jobs``.

Netflix publishes its Top 10 on Tuesdays; TVmaze's change list is read daily; alerts
(and webhook retries that have come due) go out every five minutes. A lease in the
database (:mod:`renewcast.jobs.lease`) keeps two runners from doing the same job at the
same moment; what one runner does twice is harmless (see :mod:`renewcast.jobs.work`).
"""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from renewcast.jobs.work import run_leased

log = logging.getLogger("renewcast.jobs")

SCHEDULE = {
    "top10": crontab(day_of_week="2", hour="20", minute="0"),
    "tvmaze": crontab(hour="5", minute="0"),
    "alerts": crontab(minute="*/5"),
    "news": crontab(minute="*/30"),
}
WHEN = {"top10": "Tuesdays 20:00 UTC", "tvmaze": "daily 05:00 UTC", "alerts": "every 5 minutes",
        "news": "every 30 minutes"}


def _say(line: str) -> None:
    print(line, flush=True)


@db_periodic_task(SCHEDULE["top10"], name="top10")
def top10() -> None:
    run_leased("top10", say=_say)


@db_periodic_task(SCHEDULE["tvmaze"], name="tvmaze")
def tvmaze() -> None:
    run_leased("tvmaze", say=_say)


@db_periodic_task(SCHEDULE["alerts"], name="alerts")
def alerts() -> None:
    run_leased("alerts", say=_say)


@db_periodic_task(SCHEDULE["news"], name="news")
def news() -> None:
    run_leased("news", say=_say)


@db_task(name="run-now")
def run_now(name: str) -> None:
    """One job on request (``run-jobs --now``), outside its schedule."""
    run_leased(name, say=_say)
