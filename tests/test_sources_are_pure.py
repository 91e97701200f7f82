"""The readers under renewcast.sources and the forecaster under renewcast.forecast must never
import Django, even indirectly."""

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
    "renewcast.sources.titles",
    "renewcast.sources.hedges",
    "renewcast.sources.text",
    "renewcast.sources.tvmaze",
    *(f"renewcast.sources.tvmaze.{name}" for name in ("cache", "client", "limiter", "parse")),
    "renewcast.sources.articles",
    *(f"renewcast.sources.articles.{name}" for name in (
        "cast", "context", "dates", "document", "facts", "html", "meta", "people", "plain",
        "plot", "reader", "reading", "seasons", "sentences", "statements")),
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
from renewcast.sources.articles.reader import fetch_article
from renewcast.sources.articles.reading import read_claims
for page in ("night_agent_renewal.txt", "sweet_magnolias_renewal_wp.html"):
    article = fetch_article(fixtures + "/articles/" + page)
    assert read_claims(article, ["The Night Agent", "Sweet Magnolias"]).claims

print(json.dumps({
    "modules": names,
    "django": sorted(m for m in sys.modules if m == "django" or m.startswith("django.")),
    "used": [len(top10.rows), len(outcomes.rows), len(popular.rows), season.number],
}))
"""


FORECAST_MODULES = {
    f"renewcast.forecast.{name}"
    for name in ("backtest", "batch", "features", "forecaster", "history", "metrics", "model",
                 "priors", "reasons", "report", "store", "timing")
}

FORECAST_PROBE = """
import importlib, json, pkgutil, sys
from datetime import date, timedelta
from pathlib import Path
import renewcast.forecast as package

names = sorted(
    info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
)
for name in names:
    importlib.import_module(name)

# Use it too, so lazily imported dependencies (matplotlib for the plot) are loaded.
from renewcast.forecast.backtest import backtest
from renewcast.forecast.batch import run_batch
from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.history import ChartWeek, History, SeasonFacts
from renewcast.forecast.report import draw_calibration
from renewcast.forecast.store import SHIPPED, load_models

debut = date(2023, 1, 1)
chart = tuple(ChartWeek(debut + timedelta(weeks=i), "TV (English)", 2, 10**6) for i in range(3))
history = History.of([SeasonFacts("a", "A", 1, chart=chart)])
forecaster = Forecaster(history, load_models(SHIPPED))
forecast = forecaster.forecast("a", date(2023, 2, 1))
batch = run_batch("show_title,season,as_of\\nA,1,2023-02-01\\n", forecaster,
                  lambda title, number, as_of: ("a", None), date(2024, 1, 1))
plot = Path(sys.argv[1]) / "calibration.png"
draw_calibration(backtest(history, forecaster), plot)

print(json.dumps({
    "modules": names,
    "django": sorted(m for m in sys.modules if m == "django" or m.startswith("django.")),
    "used": [forecast.state, len(batch.rows), batch.errors, plot.stat().st_size > 0,
             "matplotlib" in sys.modules],
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


def test_forecast_imports_and_runs_without_django(tmp_path):
    report = _run(FORECAST_PROBE, str(tmp_path))
    assert FORECAST_MODULES <= set(report["modules"])
    assert report["django"] == []
    assert report["used"] == ["forecast", 1, 0, True, True]


def test_the_forecast_probe_would_see_django_if_it_were_imported(tmp_path):
    code = FORECAST_PROBE.replace("import renewcast.forecast as package\n",
                                  "import renewcast.forecast as package\nimport django.db\n", 1)
    assert code != FORECAST_PROBE
    report = _run(code, str(tmp_path))
    assert "django.db" in report["django"]
