"""The readers under renewcast.sources must never import Django, even indirectly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED_MODULES = {
    "renewcast.sources.errors",
    "renewcast.sources.fetch",
    "renewcast.sources.netflix_top10",
    "renewcast.sources.outcomes",
    "renewcast.sources.publishers",
    "renewcast.sources.seasons",
}

PROBE = """
import importlib, io, json, pkgutil, sys
import renewcast.sources as package

names = sorted(
    info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
)
for name in names:
    importlib.import_module(name)

# Use the readers too, so lazily imported dependencies (openpyxl for XLSX) are loaded.
import openpyxl
from renewcast.sources.netflix_top10 import read_top10
from renewcast.sources.outcomes import read_outcomes
from renewcast.sources.seasons import parse_season_title

fixtures = sys.argv[1]
top10 = read_top10(open(fixtures + "/top10-excerpt.tsv", "rb").read())
outcomes = read_outcomes(open(fixtures + "/outcomes-excerpt.csv", "rb").read())
book = openpyxl.Workbook()
book.active.append(["category", "rank", "show_title", "season_title",
                    "hours_viewed_first_91_days"])
book.active.append(["TV (English)", 1, "Wednesday", "Wednesday: Season 1", 1718800000])
buffer = io.BytesIO()
book.save(buffer)
popular = read_top10(buffer.getvalue())
season = parse_season_title("Partner Track", "Partner Track: Season 1")

print(json.dumps({
    "modules": names,
    "django": sorted(m for m in sys.modules if m == "django" or m.startswith("django.")),
    "used": [len(top10.rows), len(outcomes.rows), len(popular.rows), season.number],
}))
"""


def _run(code: str, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_sources_import_and_run_without_django():
    report = _run(PROBE, str(FIXTURES))
    assert EXPECTED_MODULES <= set(report["modules"])
    assert report["django"] == []
    top10_rows, outcome_rows, popular_rows, season_number = report["used"]
    assert top10_rows >= 125
    assert (outcome_rows, popular_rows, season_number) == (6, 1, 1)


def test_the_probe_would_see_django_if_it_were_imported():
    # The check above can fail: the same probe notices Django when something imports it.
    code = PROBE.replace("import openpyxl\n", "import openpyxl\nimport django.db\n", 1)
    assert code != PROBE
    report = _run(code, str(FIXTURES))
    assert "django" in report["django"]
    assert "django.db" in report["django"]
