"""``renewcast sync tvmaze``: bring shows' seasons, episodes, cast and dates from TVmaze.

One show by title (or IMDb id), every show readers follow, or only the shows TVmaze
changed since the last day, week or month. Exit status 1 when any show failed or was
unknown to TVmaze; the others are stored all the same.
"""

from __future__ import annotations

import sys


def add_command(commands) -> None:
    sync = commands.add_parser("sync", help="bring shows up to date from an outside catalog")
    kinds = sync.add_subparsers(dest="kind", metavar="SOURCE", required=True)
    tvmaze = kinds.add_parser(
        "tvmaze", help="seasons, episodes, cast, platform and dates from TVmaze",
        description="Add or update shows from TVmaze's public API. TVmaze becomes the source "
                    "of each fact it adds; where it disagrees with a confirmed claim the claim "
                    "stays and the disagreement goes to the review queue.")
    which = tvmaze.add_mutually_exclusive_group(required=True)
    which.add_argument("titles", nargs="*", metavar="TITLE", default=[],
                       help="shows' titles (or IMDb ids like tt0944947)")
    which.add_argument("--all-followed", action="store_true",
                       help="every show someone follows by e-mail or webhook")
    which.add_argument("--updates", action="store_true",
                       help="linked shows TVmaze changed since --since (default: day)")
    tvmaze.add_argument("--since", choices=("day", "week", "month"), default="day",
                        help="with --updates: how far back TVmaze's change list goes")
    tvmaze.add_argument("--json", action="store_true", help="print the report as JSON")


def cmd_sync(args, user_error, ensure_database, with_progress) -> int:
    ensure_database()
    from django.db import close_old_connections

    from renewcast.catalog import tvmaze_sync as sync

    if args.since != "day" and not args.updates:
        raise user_error("--since only goes with --updates")
    with sync.make_client() as client:
        if args.updates:
            shows, skipped = sync.updated_shows(client, args.since)
            report = with_progress(len(shows), "Syncing from TVmaze",
                                   lambda p: sync.sync_shows(client, shows, progress=p))
            report.skipped = skipped
        elif args.all_followed:
            shows = sync.followed_shows()
            if not shows:
                print("nobody follows a show yet; nothing to sync", file=sys.stderr)
                return 0
            report = with_progress(len(shows), "Syncing from TVmaze",
                                   lambda p: sync.sync_shows(client, shows, progress=p))
        else:
            titles = [t.strip() for t in args.titles if t.strip()]
            if not titles:
                raise user_error("give a show's title, --all-followed or --updates")
            report = with_progress(len(titles), "Syncing from TVmaze",
                                   lambda p: sync.sync_titles(client, titles, progress=p))
    close_old_connections()
    if len(args.titles) == 1 and report.not_found and not report.synced and not report.failed:
        raise user_error(f"TVmaze knows no show called {args.titles[0]!r}; check the spelling "
                         "or give its IMDb id")
    if args.json:
        import json

        print(json.dumps(_as_dict(report), indent=2, ensure_ascii=False))
    else:
        for line in report.show_lines():
            print(line)
        for line in report.summary_lines():
            print(line, file=sys.stderr)
    return 1 if report.failed or report.not_found else 0


def _as_dict(report) -> dict:
    return {
        "shows": [{"title": r.show.title, "slug": r.show.slug, "tvmaze_id": r.show.tvmaze_id,
                   "created": r.created, "changes": r.changes,
                   "disagreements": r.disagreements} for r in report.synced],
        "not_found": report.not_found,
        "failed": [{"what": w, "why": why} for w, why in report.failed],
        "skipped": report.skipped,
        "tvmaze": report.client_summary,
    }
