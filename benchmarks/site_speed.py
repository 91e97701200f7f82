"""How fast are season pages, rendered and served from the page cache?

1. Uncached render: each page rendered by Django alone (no page cache), in this process,
   on the bundled data; the forecaster is warm (it is rebuilt only when data changes).
   Reported twice: with the viewership chart already drawn for that season, and with
   matplotlib drawing it again for every render ("cold chart").
2. Served from cache: ``renewcast serve`` on loopback under ``wrk`` with 50 concurrent
   connections (install it with ``apt-get install wrk``).

    python benchmarks/site_speed.py [--pages 40] [--renders 5] [--seconds 10]
        [--connections 50] [--url-path /shows/partner-track/season-2/]

Uses a scratch data directory loaded with ``renewcast init`` (or the PostgreSQL server
named by DATABASE_URL, in a scratch database).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import httpx
from ingest_top10 import scratch_env
from startup import free_port

BROWSER = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/156.0 Safari/537.36")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def uncached(env: dict, pages: int, renders: int) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renewcast.settings")
    import django

    django.setup()
    from django.test import Client
    from django.utils import timezone

    from renewcast.catalog.models import Show
    from renewcast.pages.season_page import load_seasons, page_numbers
    from renewcast.pages.viewership_chart import _draw

    today = timezone.localdate()
    client = Client(HTTP_HOST="127.0.0.1")
    shows = list(Show.objects.filter(seasons__chart_weeks__isnull=False).distinct()
                 .order_by("-id")[:pages])
    urls = []
    for show in shows:
        latest, last = page_numbers(load_seasons(show), today)
        urls += [f"/shows/{show.slug}/season-{latest or 1}/", f"/shows/{show.slug}/season-{last}/"]
    for url in urls:  # warm the forecaster and imports, as a running server has them
        assert client.get(url).status_code == 200, url
    for label, cold in (("chart drawn before", False), ("cold chart", True)):
        times = []
        for _ in range(renders):
            for url in urls:
                if cold:
                    _draw.cache_clear()
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
        print(f"uncached render, {label}: {len(times)} renders of {len(urls)} season pages: "
              f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
              f"max {max(times):.1f} ms")


def served(env: dict, path: str, seconds: int, connections: int,
           user_agent: str = BROWSER) -> None:
    if not shutil.which("wrk"):
        print("served from cache: skipped (wrk is not installed: apt-get install wrk)")
        return
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "renewcast", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}{path}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url, timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit("renewcast serve did not answer")
            time.sleep(0.1)
        hit = httpx.get(url).headers.get("X-Renewcast-Cache")
        # A browser's User-Agent, so each request also goes through the page-view counter
        # (which skips scripts, and wrk sends none).
        browser = ["-H", f"User-Agent: {user_agent}"] if user_agent else []
        subprocess.run(["wrk", "-t2", f"-c{connections}", "-d2s", *browser, url],
                       capture_output=True)
        out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                              *browser, url], capture_output=True, text=True, check=True).stdout
    finally:
        process.terminate()
        process.wait(timeout=15)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    print(f"served from cache ({hit}), {connections} connections, {seconds} s, {path}: "
          f"{rps:,.0f} requests/s, p50 {latency['50']}, p99 {latency['99']}"
          f"{', errors: ' + errors.group(1) if errors else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="shows (two season pages each)")
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--url-path", default="/shows/partner-track/season-2/")
    parser.add_argument("--user-agent", default=BROWSER,
                        help="sent by wrk; empty: none, which the page-view counter skips")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        env, drop = scratch_env(data_dir)
        try:
            done = subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(done.stderr)
            served(env, args.url_path, args.seconds, args.connections, args.user_agent)
            uncached(env, args.pages, args.renders)
        finally:
            drop()


if __name__ == "__main__":
    main()
