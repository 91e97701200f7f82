"""The ``renewcast`` command: one entry point for serving, ingesting and querying.

Every command first makes sure the database exists (creating it with the bundled
data when missing). Errors a user can cause end in one ``renewcast: error: …``
line and exit status 2 (1 for "not found" and for ingests that rejected rows);
never a stack trace.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
import os
import sys
from collections.abc import Callable

from renewcast import __version__
from renewcast.cli.read import iso_date

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="renewcast",
        description="Will my show come back, and when? Track, forecast and publish TV renewals.",
    )
    parser.add_argument("--version", action="version", version=f"renewcast {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    init = commands.add_parser("init", help="create the database and load the bundled data")
    init.add_argument("--empty", action="store_true", help="create it without loading any data")

    serve = commands.add_parser("serve", help="serve the site and admin over HTTP")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    serve.add_argument("--threads", type=_positive, default=8,
                       help="threads per worker process (8)")
    serve.add_argument("--workers", type=_positive, default=1,
                       help="worker processes sharing the port (1); up to one per core")

    ingest = commands.add_parser("ingest", help="read outside data into the knowledge base")
    kinds = ingest.add_subparsers(dest="kind", metavar="KIND", required=True)
    top10 = kinds.add_parser(
        "netflix-top10", help="Netflix's all-weeks-global or most-popular file (TSV or XLSX)"
    )
    top10.add_argument("location", metavar="PATH_OR_URL")
    outcomes = kinds.add_parser("outcomes", help="renewal outcomes CSV")
    outcomes.add_argument("location", metavar="PATH_OR_URL")
    engagement = kinds.add_parser(
        "netflix-engagement", help="a Netflix engagement report ('What We Watched', XLSX)")
    engagement.add_argument("location", metavar="PATH_OR_URL")
    engagement.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD",
                            help="the day Netflix published it (default: known reports' "
                                 "sourced dates, else the day it was read)")

    cover = commands.add_parser(
        "coverage", help="how many seasons have a known fate, and the most-watched unknown ones")
    cover.add_argument("--json", action="store_true", help="print JSON")
    cover.add_argument("--top", type=_positive, default=25,
                       help="how many unknown seasons to list (25)")

    front = commands.add_parser(
        "front-config", help="print the nginx config that caches the site in front of it "
                             "(docs/deploy.md)")
    front.add_argument("--upstream", default="127.0.0.1:8000",
                       help="where renewcast serve listens (127.0.0.1:8000)")
    front.add_argument("--listen", default="80", help="nginx's listen directive (80)")
    front.add_argument("--cache-dir", default="/var/cache/nginx/renewcast",
                       help="where nginx keeps cached pages (/var/cache/nginx/renewcast)")

    show = commands.add_parser("show", help="print what is known about a show")
    show.add_argument("title", metavar="TITLE")
    show.add_argument("--json", action="store_true", help="print JSON (see docs/show-json.md)")

    from renewcast.cli.editor import add_command as add_editor
    from renewcast.cli.follow import add_commands as add_follow
    from renewcast.cli.forecast import add_commands
    from renewcast.cli.jobs import add_command as add_jobs
    from renewcast.cli.news import add_command as add_news
    from renewcast.cli.read import add_command as add_read
    from renewcast.cli.sync import add_command as add_sync

    add_commands(commands)
    add_read(commands)
    add_sync(commands)
    add_jobs(commands)
    add_follow(commands)
    add_editor(commands)
    add_news(commands)

    manage = commands.add_parser("manage", help="run a Django management command (advanced)")
    manage.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS")
    return parser


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is outside 1-65535")
    return port


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is below 1")
    return value


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "serve":
            _allow_host(args.host)
        if args.command == "forecast":
            from renewcast.cli.forecast import forecast_args_problem

            if (problem := forecast_args_problem(args)) is not None:
                raise UserError(problem)
        _setup()
        return COMMANDS[args.command](args)
    except UserError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last guard before a user sees a traceback
        from renewcast.bootstrap import DatabaseUnavailable
        from renewcast.sources.errors import SourceError

        if isinstance(exc, SourceError | DatabaseUnavailable):
            return _fail(str(exc))
        if os.environ.get("RENEWCAST_DEBUG"):
            raise
        return _fail(f"unexpected {type(exc).__name__}: {exc} (set RENEWCAST_DEBUG=1 for details)")


def _fail(message: str) -> int:
    print(f"renewcast: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _setup() -> None:
    from renewcast.bootstrap import setup_django

    try:
        setup_django()
    except ValueError as exc:  # e.g. a DATABASE_URL with an unknown scheme
        raise UserError(f"bad configuration: {exc}") from None


def _allow_host(host: str) -> None:
    """Let the site answer on the address it is served on, unless the admin chose hosts."""
    if os.environ.get("RENEWCAST_ALLOWED_HOSTS"):
        return
    try:
        wildcard = ipaddress.ip_address(host).is_unspecified
    except ValueError:
        wildcard = False
    if wildcard:
        print(
            "renewcast: serving on all interfaces; set RENEWCAST_ALLOWED_HOSTS to the site's "
            "domain names to refuse other Host headers",
            file=sys.stderr,
        )
        os.environ["RENEWCAST_ALLOWED_HOSTS"] = "*"
    else:
        os.environ["RENEWCAST_ALLOWED_HOSTS"] = f"127.0.0.1,localhost,[::1],{host}"


def _say(message: str) -> None:
    print(f"renewcast: {message}", file=sys.stderr)


def _ensure_database() -> None:
    from renewcast.bootstrap import ensure_database

    ensure_database(say=_say)


def cmd_init(args) -> int:
    from renewcast.bootstrap import describe_database, ensure_database

    if ensure_database(load_data=not args.empty, say=_say):
        print(f"created {describe_database()}" + (" (empty)" if args.empty else ""))
    else:
        print(f"{describe_database()} already exists; nothing to do")
    return EXIT_OK


def cmd_front_config(args) -> int:
    from renewcast.front import site_config

    try:
        print(site_config(args.upstream, args.listen, args.cache_dir), end="")
    except ValueError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK


def cmd_serve(args) -> int:
    import gc

    from renewcast.serving import serve
    from renewcast.wsgi import application

    _ensure_database()
    # What is loaded by now lives as long as the server: keep the garbage collector from
    # walking it on every full collection (those pauses showed as 150 ms tail latency).
    gc.collect()
    gc.freeze()
    display = f"[{args.host}]" if ":" in args.host else args.host
    print(f"renewcast {__version__} serving http://{display}:{args.port}/ (Ctrl+C to stop)",
          flush=True)
    try:
        serve(application, args.host, args.port, args.threads, args.workers)
    except OSError as exc:
        raise UserError(f"cannot listen on {display}:{args.port}: {exc.strerror or exc}") from None
    return EXIT_OK


def cmd_ingest(args) -> int:
    from django.conf import settings

    from renewcast.sources.fetch import fetch

    if args.kind == "netflix-top10":
        return _ingest_finished(*_ingest_top10(args.location, settings.ALLOW_PRIVATE_FETCH))
    # read and check the input before touching the database
    fetched = fetch(args.location, allow_private=settings.ALLOW_PRIVATE_FETCH)
    if args.kind == "netflix-engagement":
        report = _ingest_engagement(args, fetched)
    else:
        from renewcast.catalog.ingest.outcomes import ingest_outcomes
        from renewcast.sources.outcomes import read_outcomes

        parsed = read_outcomes(fetched.data)
        _ensure_database()
        report = _with_progress(
            parsed.lines_read,
            "Ingesting outcomes",
            lambda progress: ingest_outcomes(parsed, location=fetched.location,
                                             progress=progress),
        )
    return _ingest_finished(fetched.location, report)


def _ingest_finished(location: str, report) -> int:
    from renewcast.catalog.reference_fates import after_ingest

    after_ingest()
    for error in report.errors:
        print(str(error), file=sys.stderr)
    # Only the first bad lines are kept (a junk file has millions); say how many more.
    if unshown := report.unshown:
        print(f"… {unshown:,} more rejected lines not shown", file=sys.stderr)
    print(location)
    for line in report.summary_lines():
        print(line)
    return EXIT_PARTIAL if report.errors else EXIT_OK


def _ingest_top10(location: str, allow_private: bool):
    """Read a Top 10 file before touching the database, then load it; a local file is read
    as a stream, a line at a time, so a huge one is never held in memory whole."""
    import io

    from renewcast.catalog.ingest.top10 import ingest_top10
    from renewcast.sources.fetch import fetch, is_url, open_local
    from renewcast.sources.netflix_top10 import read_top10

    source_url = None
    if is_url(location) or "://" in location:  # other schemes get fetch's own refusal
        fetched = fetch(location, allow_private=allow_private)
        stream, retrieved_at = io.BytesIO(fetched.data), fetched.retrieved_at
        location = fetched.location
        source_url = location if fetched.is_url else None
    else:
        stream, retrieved_at = open_local(location)
    with stream:
        parsed = read_top10(stream, os.path.basename(location))
    _ensure_database()
    report = _with_progress(
        parsed.lines_read,
        f"Ingesting {parsed.kind} Top 10",
        lambda progress: ingest_top10(parsed, source_url=source_url, retrieved_at=retrieved_at,
                                      progress=progress),
    )
    return location, report


def _ingest_engagement(args, fetched):
    from renewcast.sources.netflix_engagement import read_engagement

    parsed = read_engagement(fetched.data)
    _ensure_database()
    from renewcast.catalog.ingest.engagement import (
        ingest_engagement,
        known_publication,
        report_url,
    )

    published = (args.published or known_publication(parsed.half)
                 or dt.datetime.now(dt.UTC).date())
    return _with_progress(
        parsed.lines_read, f"Ingesting engagement report {parsed.half}",
        lambda progress: ingest_engagement(
            parsed, location=fetched.location,
            source_url=fetched.location if fetched.is_url else report_url(parsed.half),
            published=published, progress=progress))


def _with_progress(total: int, label: str, work: Callable):
    """Run ``work(progress)`` with a Rich progress bar when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return work(None)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(label, total=total)
        return work(lambda n: bar.advance(task, n))


def cmd_coverage(args) -> int:
    _ensure_database()
    from django.utils import timezone

    from renewcast.catalog.coverage_report import coverage_lines, coverage_report

    report = coverage_report(timezone.localdate(), top=args.top)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print("\n".join(coverage_lines(report)))
    return EXIT_OK


def cmd_show(args) -> int:
    from renewcast.catalog.lookup import did_you_mean, find_show
    from renewcast.catalog.show_json import show_as_dict

    _ensure_database()
    show = find_show(args.title)
    if show is None:
        print(f"no show named {args.title!r}{did_you_mean(args.title)}", file=sys.stderr)
        return EXIT_PARTIAL
    data = show_as_dict(show)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from datetime import date

        from renewcast.pages.season_page import load_seasons, season_answer
        from renewcast.show_text import print_answer, print_show

        print_answer(data, season_answer(show, load_seasons(show), None, date.today(),
                                         with_path=False))
        print_show(data)
    return EXIT_OK


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    _ensure_database()
    execute_from_command_line(["renewcast manage", *args.args])
    return EXIT_OK


def _forecasting(name: str) -> Callable:
    def run(args) -> int:
        from renewcast.cli import forecast as cli_forecast

        _ensure_database()
        return getattr(cli_forecast, f"cmd_{name}")(args, UserError)

    return run


def _elsewhere(module: str, name: str, *extra: Callable) -> Callable:
    """``cmd_<name>`` of ``renewcast.cli.<module>``, imported only when that command runs (so
    every other command starts without it), given the CLI's error and database helpers."""
    def run(args) -> int:
        import importlib

        command = getattr(importlib.import_module(f"renewcast.cli.{module}"), f"cmd_{name}")
        return command(args, UserError, _ensure_database, *extra)

    return run


COMMANDS = {
    "follow": _elsewhere("follow", "follow"),
    "unfollow": _elsewhere("follow", "unfollow"),
    "follows": _elsewhere("follow", "follows"),
    "run-jobs": _elsewhere("jobs", "run_jobs"),
    "editor": _elsewhere("editor", "editor"),
    "news": _elsewhere("news", "news"),
    "read": _elsewhere("read", "read"),
    "sync": _elsewhere("sync", "sync", _with_progress),
    "init": cmd_init,
    "forecast": _forecasting("forecast"),
    "backtest": _forecasting("backtest"),
    "train": _forecasting("train"),
    "ledger": _forecasting("ledger"),
    "serve": cmd_serve,
    "front-config": cmd_front_config,
    "ingest": cmd_ingest,
    "coverage": cmd_coverage,
    "show": cmd_show,
    "manage": cmd_manage,
}
