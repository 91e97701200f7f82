"""``renewcast run-jobs``: the scheduled refreshes and alerts, on huey's job runner.

Without options it runs huey's consumer in the foreground (for systemd): the Top 10
weekly, TVmaze daily, alerts every five minutes, each refresh followed by new forecasts
and alerts. ``--once JOB...`` runs jobs now and exits (for cron); ``--now`` starts the
runner with every job queued at once. See docs/jobs.md.
"""

from __future__ import annotations

import sys

JOB_NAMES = ("top10", "tvmaze", "forecasts", "alerts", "news")


def add_command(commands) -> None:
    jobs = commands.add_parser(
        "run-jobs", help="run the scheduled refreshes and alerts (see docs/jobs.md)",
        description="Run the periodic work: Netflix's Top 10 weekly, TVmaze daily, forecasts "
                    "after each refresh and alerts every five minutes.")
    jobs.add_argument("--once", nargs="*", metavar="JOB", choices=JOB_NAMES,
                      help=f"run these jobs now and exit (default: all; {', '.join(JOB_NAMES)})")
    jobs.add_argument("--now", action="store_true",
                      help="queue every job at start, then keep to the schedule")
    jobs.add_argument("--no-periodic", action="store_true",
                      help="work the shared queue but leave scheduling to another runner")
    jobs.add_argument("--workers", type=int, default=2, help="worker threads (2)")


def cmd_run_jobs(args, user_error, ensure_database) -> int:
    from django.conf import settings

    if settings.JOBS_URL and not settings.JOBS_URL.startswith("redis"):
        raise user_error(f"RENEWCAST_JOBS_URL must be a redis:// address, not "
                         f"{settings.JOBS_URL!r} (leave it empty for the embedded queue)")
    if args.workers < 1:
        raise user_error("--workers must be 1 or more")
    ensure_database()
    if args.once is not None:
        return _once(args.once or list(JOB_NAMES))
    return _consume(args)


def _once(names: list[str]) -> int:
    import signal

    from renewcast.jobs.work import run_leased

    def stop(signum, frame):  # cron's or systemd's SIGTERM: unwind, so the lease is let go
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    ok = True
    for name in dict.fromkeys(names):
        ok = run_leased(name) and ok
    return 0 if ok else 1


def _consume(args) -> int:
    from django.conf import settings
    from huey.contrib.djhuey import HUEY

    from renewcast.jobs import tasks

    where = (f"the shared queue at {settings.JOBS_URL}" if settings.JOBS_URL
             else f"the embedded queue at {settings.HUEY['filename']}")
    print(f"renewcast run-jobs on {where} (Ctrl+C to stop)", flush=True)
    if not args.no_periodic:
        for name, when in tasks.WHEN.items():
            print(f"  {name}: {when}", flush=True)
    if args.now:
        for name in ("top10", "tvmaze", "news", "alerts"):
            tasks.run_now(name)
    sys.stdout.flush()
    consumer = HUEY.create_consumer(workers=args.workers, worker_type="thread",
                                    periodic=not args.no_periodic)
    consumer.run()  # until SIGINT or SIGTERM; the job in hand is finished first
    return 0
