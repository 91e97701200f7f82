"""How fast is a season page through the documented nginx front, against the app alone and
against nginx serving the very same HTML as a static file?

Past one machine a site like this is served by a CDN or a caching proxy, and the app only
answers misses and revalidations; the front's cache should come close to a static file.
All three are measured in one run, on loopback, under ``wrk`` (``apt-get install wrk
nginx-light``), with the same connections and duration:

1. through the front (nginx with ``renewcast front-config``'s config, cache warm),
2. the app alone (``renewcast serve``, its own page cache warm),
3. nginx serving the page's HTML saved to a file.

    python benchmarks/front_cache.py [--seconds 10] [--connections 50]
        [--url-path /shows/partner-track/season-2/]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from ingest_top10 import scratch_env
from startup import free_port

from renewcast.front import foreground_nginx, standalone_config

STATIC = """    server {{
        listen 127.0.0.1:{port};
        location / {{ root {root}; try_files /page.html =404; default_type text/html; }}
    }}
"""


def wait_for(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{process.args[0]} exited early")
        try:
            if httpx.get(url, timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    sys.exit(f"no answer from {url}")


def load(url: str, seconds: int, connections: int) -> tuple[float, str, str]:
    subprocess.run(["wrk", "-t2", f"-c{connections}", "-d2s", url], capture_output=True)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)$", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p99, errors.group(1) if errors else "0"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--url-path", default="/shows/partner-track/season-2/")
    args = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which("wrk") or not Path(nginx).exists():
        sys.exit("needs wrk and nginx: apt-get install wrk nginx-light")
    processes = []
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        env, drop = scratch_env(str(base / "data"))
        try:
            done = subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env,
                                  capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(done.stderr)
            app_port, front_port, static_port = free_port(), free_port(), free_port()
            app = subprocess.Popen([sys.executable, "-m", "renewcast", "serve", "--port",
                                    str(app_port)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
            processes.append(app)
            app_url = f"http://127.0.0.1:{app_port}{args.url_path}"
            wait_for(app_url, app)
            html = httpx.get(app_url).content
            (base / "static").mkdir()
            (base / "static" / "page.html").write_bytes(html)
            conf = standalone_config(base / "front", f"127.0.0.1:{app_port}",
                                     f"127.0.0.1:{front_port}")
            static_conf = foreground_nginx(base / "static-nginx", STATIC.format(
                port=static_port, root=base / "static"))
            for config, prefix in ((conf, base / "front"),
                                   (static_conf, base / "static-nginx")):
                processes.append(subprocess.Popen([nginx, "-c", str(config), "-p", str(prefix)],
                                                  stdout=subprocess.DEVNULL,
                                                  stderr=subprocess.DEVNULL))
            front_url = f"http://127.0.0.1:{front_port}{args.url_path}"
            static_url = f"http://127.0.0.1:{static_port}/page.html"
            wait_for(front_url, processes[1])
            wait_for(static_url, processes[2])
            hit = httpx.get(front_url).headers.get("X-Cache-Status")
            print(f"{args.url_path}, {len(html):,} bytes, wrk -t2 -c{args.connections} "
                  f"-d{args.seconds}s on loopback (2 cores shared by load and servers)")
            results = {}
            for name, url in (("through the front (nginx cache " + str(hit) + ")", front_url),
                              ("the app alone (its page cache)", app_url),
                              ("nginx, the same HTML as a static file", static_url)):
                rps, p99, errors = load(url, args.seconds, args.connections)
                results[name] = rps
                print(f"  {name:48} {rps:>10,.0f} requests/s   p99 {p99:>8}   errors {errors}")
            front, static = list(results.values())[0], list(results.values())[2]
            print(f"  front / static: {front / static:.2f}")
        finally:
            for process in reversed(processes):
                process.terminate()
                process.wait(timeout=15)
            drop()


if __name__ == "__main__":
    main()
