"""How many comments a second can ``renewcast serve`` take in, and how fast is each answered?

A decision day brings bursts of fans posting under one season page. This starts the real
server on a scratch database (``renewcast init``: SQLite in a temporary data directory,
or a scratch database on the PostgreSQL server named by ``--database-url`` or
DATABASE_URL) with the per-client rate limit off (every poster here is 127.0.0.1), then
has ``--posters`` concurrent posters, each a thread with its own keep-alive connection,
cookies and CSRF token, post JSON comments (one in ``--reply-every`` a reply) as fast as
they are answered. After ``--warmup`` seconds it measures for ``--seconds``: acknowledged
posts per second (201s), latency percentiles, errors, and the CPU time the server and
this client used per post (on a small machine they share the cores). Last, it counts the
rows in the database: every acknowledgement must be there.

    python benchmarks/comment_posts.py [--seconds 10] [--posters 16] [--workers 2] [--threads 8]
        [--warmup 2] [--reply-every 4] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import string
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
from ingest_top10 import scratch_env
from site_speed import percentile
from startup import free_port

DISCUSS = "/shows/partner-track/season-2/discuss/"


class Poster(threading.Thread):
    def __init__(self, url: str, index: int, stop: threading.Event, reply_every: int):
        super().__init__(daemon=True)
        self.url, self.index, self.stop, self.reply_every = url, index, stop, reply_every
        self.results: list[tuple[float, float, str]] = []  # (started, finished, outcome)
        self.acked = 0
        self.published: list[int] = []  # ids to reply to

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            client.get(DISCUSS + "fragment/").raise_for_status()
            headers = {"Accept": "application/json", "X-CSRFToken": client.cookies["csrftoken"]}
            n = 0
            while not self.stop.is_set():
                n += 1
                parent = ""
                if self.published and n % self.reply_every == 0:
                    parent = str(random.choice(self.published[-20:]))
                form = {"name": f"Bench fan {self.index}", "email": "", "parent": parent,
                        "comment": f"Benchmark comment {words()} from poster {self.index}",
                        "nonce": uuid.uuid4().hex}
                started = time.perf_counter()
                try:
                    response = client.post(DISCUSS, data=form, headers=headers)
                    outcome = str(response.status_code)
                    if response.status_code == 201:
                        self.acked += 1
                        if response.json()["status"] == "published":
                            self.published.append(response.json()["id"])
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                self.results.append((started, time.perf_counter(), outcome))


def words() -> str:
    # Letters only: a run of digits could look like a phone number to the spam score.
    return "".join(random.choices(string.ascii_lowercase, k=24))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live children (the workers of
    ``serve --workers``), from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return total + sum(cpu_seconds(int(child)) for child in children)


def stored_rows(env: dict) -> int:
    query = "SELECT count(*) FROM community_comment"
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            return conn.execute(query).fetchone()[0]
    conn = sqlite3.connect(Path(env["RENEWCAST_DATA_DIR"]) / "renewcast.sqlite3")
    try:
        return conn.execute(query).fetchone()[0]
    finally:
        conn.close()


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("renewcast serve exited early")
        try:
            if httpx.get(url + DISCUSS + "fragment/", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    sys.exit("renewcast serve did not answer within 120 s")


def bench(env: dict, args) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "renewcast", "serve", "--port", str(port),
         "--threads", str(args.threads), "--workers", str(args.workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(url, process)
        before = stored_rows(env)
        stop = threading.Event()
        posters = [Poster(url, i, stop, args.reply_every) for i in range(args.posters)]
        for poster in posters:
            poster.start()
        time.sleep(args.warmup)
        start, server_cpu, client_cpu = (time.perf_counter(), cpu_seconds(process.pid),
                                         time.process_time())
        time.sleep(args.seconds)
        end, server_cpu, client_cpu = (time.perf_counter(),
                                       cpu_seconds(process.pid) - server_cpu,
                                       time.process_time() - client_cpu)
        stop.set()
        for poster in posters:
            poster.join(timeout=60)
        stored = stored_rows(env) - before
    finally:
        process.terminate()
        process.wait(timeout=15)

    window = [r for p in posters for r in p.results if start <= r[0] and r[1] <= end]
    outcomes = Counter(outcome for _, _, outcome in window)
    latencies = [(finished - started) * 1000 for started, finished, outcome in window
                 if outcome == "201"]
    acked = sum(p.acked for p in posters)
    errors = ", ".join(f"{n} × {o}" for o, n in sorted(outcomes.items()) if o != "201")
    backend = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
    seconds = end - start
    print(f"{backend}, {args.posters} posters, server --workers {args.workers} "
          f"--threads {args.threads}, "
          f"{args.seconds} s measured after {args.warmup} s warm-up, 1 in {args.reply_every} "
          "a reply")
    if not latencies:
        sys.exit(f"no post was acknowledged in the window (errors: {errors or 'none'})")
    print(f"acknowledged posts: {len(latencies) / seconds:,.1f} posts/s "
          f"({len(latencies)} in {seconds:.1f} s)")
    print(f"latency: p50 {percentile(latencies, 50):.1f} ms, p95 {percentile(latencies, 95):.1f}"
          f" ms, p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms")
    print(f"errors: {errors or 'none'}")
    print(f"CPU per acknowledged post: server {server_cpu / len(latencies) * 1000:.1f} ms "
          f"({server_cpu / seconds:.0%} of a core), this client "
          f"{client_cpu / len(latencies) * 1000:.1f} ms ({client_cpu / seconds:.0%} of a core)")
    verdict = "ok" if stored == acked else "MISMATCH"
    print(f"verified in the database: {stored} comments stored for {acked} acknowledgements "
          f"({verdict})")
    if stored != acked:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--posters", type=int, default=16, help="concurrent posters")
    parser.add_argument("--threads", type=int, default=8, help="server threads per worker")
    parser.add_argument("--workers", type=int, default=2,
                        help="server worker processes (serve --workers; 2 = this machine's cores)")
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--reply-every", type=int, default=4)
    parser.add_argument("--database-url", help="a PostgreSQL server (default: DATABASE_URL, "
                        "else SQLite)")
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    with tempfile.TemporaryDirectory() as data_dir:
        env, drop = scratch_env(data_dir)
        env["RENEWCAST_COMMENT_RATE"] = "0"
        try:
            done = subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(done.stderr)
            bench(env, args)
        finally:
            drop()


if __name__ == "__main__":
    main()
