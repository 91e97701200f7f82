"""How long does ``renewcast ingest netflix-top10`` take on the full bundled file?

Runs the real command in a subprocess against a fresh database (SQLite in a
temporary data directory, or the PostgreSQL server named by DATABASE_URL, where
a scratch database is created and dropped), three times each:
  cold   - into an empty database (``init --empty`` first): every row created
  rerun  - the same file again: every row compared, nothing written

    python benchmarks/ingest_top10.py [--repeat N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

FILE = Path(__file__).parents[1] / "src/renewcast/data/netflix-top10/all-weeks-global.tsv"


def run(env, *args) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "renewcast", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"renewcast {' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def scratch_env(data_dir: str) -> tuple[dict, callable]:
    env = {**os.environ, "RENEWCAST_DATA_DIR": data_dir}
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        env.pop("DATABASE_URL", None)
        return env, lambda: None
    import psycopg

    parts = urlparse(url)
    name = f"renewcast_bench_{uuid.uuid4().hex[:8]}"
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunparse(parts._replace(path=f"/{name}"))

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return env, drop


@contextlib.contextmanager
def bundled_history():
    """The bundled data loaded (``renewcast init``) into a scratch database, read back as
    the forecaster's History; the database is dropped afterwards."""
    with tempfile.TemporaryDirectory() as data_dir:
        env, drop = scratch_env(data_dir)
        try:
            subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env, check=True,
                           capture_output=True)
            os.environ.update(env)
            from renewcast.bootstrap import setup_django

            setup_django()
            from renewcast.catalog.history import load_history

            yield load_history()
        finally:
            drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = sum(1 for _ in FILE.open(encoding="utf-8")) - 1
    backend = (
        "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    )
    cold, rerun = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as data_dir:
            env, drop = scratch_env(data_dir)
            try:
                run(env, "init", "--empty")
                cold.append(run(env, "ingest", "netflix-top10", str(FILE)))
                rerun.append(run(env, "ingest", "netflix-top10", str(FILE)))
            finally:
                drop()
    print(f"backend: {backend}; file: {FILE.name}, {rows:,} rows; {args.repeat} runs each")
    print("(wall time of the whole command, Python and Django start-up included)")
    for label, times in (("cold (empty database)", cold), ("rerun (nothing changes)", rerun)):
        print(
            f"{label:26s} median {statistics.median(times):.2f} s   "
            f"min {min(times):.2f} s   max {max(times):.2f} s   "
            f"{rows / statistics.median(times):,.0f} rows/s"
        )


if __name__ == "__main__":
    main()
