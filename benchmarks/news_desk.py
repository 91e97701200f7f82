"""How long does one news-desk pass take over 20 feeds of 50 items each, served on loopback?

Half the items are stories about catalog shows (the 40 real articles of
``../shared/reader-corpus/``, each under several addresses, so every link is new), half are
unrelated headlines the desk skips without fetching. Printed: the first pass (every feed
new, every relevant article fetched and read into the queue) and a second pass (the feeds
answer 304 Not Modified). The database is a scratch copy made with ``renewcast init``.

    python benchmarks/news_desk.py [--feeds 20] [--items 50]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reader_corpus import CORPUS, load


def articles() -> list[bytes]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        _url, title, day, excerpt = load(path)
        dated = f"Published: {day:%d %B %Y}\n\n" if day else ""
        out.append((title, f"{title}\n\n{dated}{excerpt}".encode()))
    return out


def serve(feeds: int, items: int, stories: list) -> tuple[ThreadingHTTPServer, str]:
    pages: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            if self.headers.get("If-None-Match") == '"1"':
                self.send_response(304)
                self.end_headers()
                return
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("ETag", '"1"')
            self.send_header("Content-Type", "application/rss+xml" if self.path.endswith(".xml")
                             else "text/plain")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    n = 0
    for f in range(feeds):
        entries = []
        for i in range(items):
            n += 1
            if i % 2 == 0:
                title, text = stories[n % len(stories)]
                pages[f"/a/{n}"] = text
                entries.append((title, f"/a/{n}"))
            else:
                entries.append((f"Weekend recipes, part {n}", f"/other/{n}"))
        pages[f"/feed{f}.xml"] = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>f</title>' + "".join(
                f"<item><title>{t}</title><link>{base}{p}</link></item>" for t, p in entries)
            + "</channel></rss>").encode()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "RENEWCAST_DATA_DIR": data, "RENEWCAST_ALLOW_PRIVATE_FETCH": "1"}
        env.pop("DATABASE_URL", None)
        subprocess.run([sys.executable, "-m", "renewcast", "init"], env=env, check=True,
                       capture_output=True)
        os.environ.update({k: env[k] for k in ("RENEWCAST_DATA_DIR",
                                                "RENEWCAST_ALLOW_PRIVATE_FETCH")})
        os.environ.pop("DATABASE_URL", None)
        os.environ["DJANGO_SETTINGS_MODULE"] = "renewcast.settings"
        import django

        django.setup()
        from renewcast.news.desk import check_news
        from renewcast.news.models import Feed

        server, base = serve(args.feeds, args.items, articles())
        Feed.objects.all().delete()
        for f in range(args.feeds):
            Feed.objects.create(url=f"{base}/feed{f}.xml", name=f"feed {f}")
        for label in ("first pass (all new)", "second pass (feeds unchanged: 304)"):
            began = time.perf_counter()
            report = check_news()
            took = time.perf_counter() - began
            print(f"{label}: {took:.1f} s — {report.summary_lines()[0]}")
        server.shutdown()


if __name__ == "__main__":
    main()
