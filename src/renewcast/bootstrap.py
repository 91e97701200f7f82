"""Make sure a usable database exists before any command runs.

On a fresh machine the first command creates the database (SQLite in the data
directory unless ``DATABASE_URL`` says otherwise), applies the migrations and
loads the bundled data, so ``renewcast serve`` works with no setup. Later runs
only check that the migrations are applied, which takes a fraction of a second.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

Say = Callable[[str], None]

BUNDLED_TOP10 = ("netflix-top10", "all-weeks-global.tsv")
BUNDLED_POPULAR = ("netflix-top10", "most-popular.tsv")
BUNDLED_OUTCOMES = ("outcomes", "netflix-outcomes.csv")


class DatabaseUnavailable(Exception):
    """The database cannot be reached; the message is one line for a user."""


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renewcast.settings")
    import django

    django.setup()


def bundled_bytes(*parts: str) -> bytes:
    return resources.files("renewcast.data").joinpath(*parts).read_bytes()


def database_state() -> str:
    """``missing`` (no tables yet), ``outdated`` (migrations pending) or ``ready``."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.utils import OperationalError

    from renewcast.sources.errors import first_line

    try:
        tables = connection.introspection.table_names()
    except OperationalError as exc:
        raise DatabaseUnavailable(f"cannot open the database: {first_line(exc)}") from None
    if "django_migrations" not in tables:
        return "missing"
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "outdated" if plan else "ready"


def ensure_database(*, load_data: bool = True, say: Say = print) -> bool:
    """Create and migrate the database if needed; return True if it was created now."""
    from django.core.management import call_command

    state = database_state()
    if state == "ready":
        return False
    if state == "outdated":
        call_command("migrate", interactive=False, verbosity=0)
        return False
    say(f"Creating the database ({describe_database()})")
    call_command("migrate", interactive=False, verbosity=0)
    if load_data:
        load_bundled(say=say)
    return True


def load_bundled(*, say: Say = print, progress_factory=None) -> list:
    """Load the Top 10 snapshot and the outcome labels that ship in the package."""
    from renewcast.catalog.ingest.outcomes import ingest_outcomes
    from renewcast.catalog.ingest.top10 import ingest_top10
    from renewcast.sources.netflix_top10 import read_top10
    from renewcast.sources.outcomes import read_outcomes

    reports = []
    for parts in (BUNDLED_TOP10, BUNDLED_POPULAR):
        say(f"Loading bundled data: {'/'.join(parts)}")
        reports.append(ingest_top10(read_top10(bundled_bytes(*parts), parts[-1])))
    from renewcast.catalog.merge import apply_bundled_merges

    say("Merging anthology installments into their shows (data/merges.csv)")
    apply_bundled_merges()
    say(f"Loading bundled data: {'/'.join(BUNDLED_OUTCOMES)}")
    reports.append(
        ingest_outcomes(read_outcomes(bundled_bytes(*BUNDLED_OUTCOMES)),
                        location="bundled " + "/".join(BUNDLED_OUTCOMES))
    )
    # after the outcomes: shows known only from a decision get their dates and figures too
    reports += _load_engagement(say)
    from renewcast.catalog.classify import classify_shows

    say("Classifying shows: kind, original or licensed")
    classify_shows()
    # after classifying: only Netflix originals get a fate from Wikipedia's lists
    from renewcast.catalog.reference_fates import apply_reference_fates

    say("Reading fates from Wikipedia's lists for seasons no dated decision covers")
    reports.append(apply_reference_fates())
    from renewcast.catalog.premiere_dates import apply_bundled_premiere_dates

    say("Premiere dates read from press pages for seasons Netflix's files leave blank")
    apply_bundled_premiere_dates()
    return reports


@functools.lru_cache(maxsize=8)
def _parsed_report(name: str):
    """A bundled report, parsed once: per process, and across processes through a JSON copy
    in the user's cache directory keyed by the file's digest (parsing the five XLSX files
    is most of a first start)."""
    import hashlib

    import platformdirs

    from renewcast.catalog.ingest.engagement import BUNDLED_DIR
    from renewcast.sources.netflix_engagement import (
        read_engagement,
        report_from_json,
        report_to_json,
    )

    data = bundled_bytes(*BUNDLED_DIR, name)
    digest = hashlib.sha256(data).hexdigest()[:20]
    cache = Path(platformdirs.user_cache_dir("renewcast", appauthor=False)) / (
        f"engagement-{digest}-{PARSE_VERSION}.json")
    try:
        return report_from_json(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no copy yet, or an unreadable one: parse the workbook
    report = read_engagement(data)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(report_to_json(report), encoding="utf-8")
        partial.replace(cache)  # whole or not at all, even with two first starts at once
    except OSError:
        pass  # a read-only home: parse again next time
    return report


PARSE_VERSION = 1  # bump when the reader's output changes, so old copies are not used


def _load_engagement(say: Say) -> list:
    """Netflix's half-yearly engagement reports: exact premiere dates, hours and views."""
    from renewcast.catalog.ingest.engagement import (
        BUNDLED_DIR,
        bundled_reports,
        ingest_engagement,
        known_publication,
        report_url,
    )
    reports = []
    for name in bundled_reports():
        say(f"Loading bundled data: {'/'.join((*BUNDLED_DIR, name))}")
        parsed = _parsed_report(name)
        reports.append(ingest_engagement(
            parsed, location="bundled " + "/".join((*BUNDLED_DIR, name)),
            source_url=report_url(parsed.half), published=known_publication(parsed.half)))
    return reports


def describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite at {db['NAME']}"
    host = db.get("HOST") or "local socket"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"PostgreSQL database {db.get('NAME')} on {host}{port}"
