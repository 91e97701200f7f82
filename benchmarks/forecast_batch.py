"""How long does ``renewcast forecast --batch`` take on 500 rows, refits included?

The rows are real seasons from the bundled data (charted and not, decided and not),
each with an as-of date drawn between mid-2021 and mid-2025, so the forecaster has to
fit many distinct training sets (one per set of decisions known and chart weeks seen).
The database is created first and not timed; the figure is the whole command, from
launch to exit, as a user would wait for it.

    python benchmarks/forecast_batch.py [--rows 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from ingest_top10 import scratch_env

TITLES = Path(__file__).resolve().parents[1] / "src/renewcast/data/outcomes/netflix-outcomes.csv"


def make_batch(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with TITLES.open(encoding="utf-8") as handle:
        seasons = [(r["show_title"], r["season"]) for r in csv.DictReader(handle)]
    start, span = date(2021, 7, 1), (date(2025, 6, 30) - date(2021, 7, 1)).days
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["show_title", "season", "as_of"])
        for _ in range(rows):
            title, season = rng.choice(seasons)
            writer.writerow([title, season, start + timedelta(days=rng.randrange(span))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as data_dir:
        env, drop = scratch_env(data_dir)
        try:
            subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env, check=True,
                           capture_output=True)
            batch, out = Path(data_dir) / "in.csv", Path(data_dir) / "out.csv"
            make_batch(batch, args.rows)
            for _ in range(args.repeat):
                started = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-m", "renewcast", "forecast", "--batch", str(batch),
                     "--out", str(out)], env=env, capture_output=True, text=True)
                times.append(time.perf_counter() - started)
                if done.returncode not in (0, 1):
                    sys.exit(done.stderr)
            print(done.stdout.strip())
        finally:
            drop()
    print(f"forecast --batch, {args.rows} rows: median {statistics.median(times):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
