"""How long does ``renewcast sync tvmaze`` take for 100 shows, and is the second run a no-op?

Starts the loopback TVmaze fixture server from the test suite (``tests/tvmaze_server.py``)
with ``--shows`` synthetic shows in TVmaze's documented format, then runs the real command
twice on a scratch database (``renewcast init --empty`` in a temporary data directory, or a
scratch database on the PostgreSQL server named by ``--database-url``) with the client's
rate limit lifted (``RENEWCAST_TVMAZE_RATE=0``; the limit is a setting). It prints each
run's wall time, the command's own report and how many requests the server answered, and
checks that the second run changed nothing.

    python benchmarks/tvmaze_sync.py [--shows 100] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest_top10 import scratch_env

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from tvmaze_server import TvmazeFixtureServer, many_shows  # noqa: E402


def renewcast(env: dict, *args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "renewcast", *args], env=env,
                          capture_output=True, text=True, timeout=600)
    return time.perf_counter() - started, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shows", type=int, default=100)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    shows = many_shows(args.shows)
    titles = [s["name"] for s in shows]
    with tempfile.TemporaryDirectory() as tmp, TvmazeFixtureServer(shows=shows) as server:
        env, drop = scratch_env(tmp)
        try:
            return measure(env, server, args.shows, titles)
        finally:
            drop()


def measure(env: dict, server: TvmazeFixtureServer, count: int, titles: list[str]) -> int:
    env.update({"RENEWCAST_TVMAZE_URL": server.url, "RENEWCAST_TVMAZE_RATE": "0",
                "RENEWCAST_SECRET_KEY": "bench"})
    _, init = renewcast(env, "init", "--empty")
    if init.returncode:
        print(init.stderr)
        return 1
    start_up, _ = renewcast(env, "show", "nothing")
    results = []
    for attempt in ("first", "second"):
        before = len(server.requests)
        seconds, done = renewcast(env, "sync", "tvmaze", "--json", *titles)
        if done.returncode:
            print(done.stderr)
            return 1
        report = json.loads(done.stdout)
        changed = sum(1 for s in report["shows"] if s["created"] or s["changes"])
        results.append((attempt, seconds, len(server.requests) - before, changed, report))
    where = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
    print(f"{count} shows on {where}, rate limit lifted; command start-up alone "
          f"{start_up:.2f} s")
    for attempt, seconds, requests, changed, report in results:
        print(f"{attempt} run: {seconds:.2f} s wall, {requests} requests, "
              f"{changed} shows changed; {report['tvmaze']}")
    second_changed = results[1][3]
    print("second run changed nothing" if second_changed == 0
          else f"SECOND RUN CHANGED {second_changed} SHOWS")
    return 0 if second_changed == 0 and results[0][1] < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
