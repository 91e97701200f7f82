"""How long until ``renewcast serve`` answers, on a fresh machine and on later starts?

First start creates the SQLite database (or uses the PostgreSQL server named by
DATABASE_URL, in a scratch database) and loads the bundled data; later starts
find it ready. The time is from launching the command to the first HTTP 200
from the home page.

    python benchmarks/startup.py [--repeat N]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import httpx
from ingest_top10 import scratch_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def time_to_first_page(env: dict) -> float:
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "renewcast", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 120:
            if process.poll() is not None:
                sys.exit("renewcast serve exited early")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                time.sleep(0.05)
        sys.exit("renewcast serve did not answer within 120 s")
    finally:
        process.terminate()
        process.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    first, later = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as data_dir:
            env, drop = scratch_env(data_dir)
            try:
                first.append(time_to_first_page(env))
                later.append(time_to_first_page(env))
            finally:
                drop()
    for label, times in (("first start (create + load)", first), ("later start", later)):
        print(f"{label:28s} median {statistics.median(times):.2f} s   "
              f"min {min(times):.2f} s   max {max(times):.2f} s")


if __name__ == "__main__":
    main()
