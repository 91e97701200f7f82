"""The news desk against feeds served from loopback: each renewal story is read into the
review queue once (two runs, two feeds carrying it, two runners at once), a broken, slow or
huge feed and an unreadable article stop nothing, and an official newsroom's cancellation
goes from the feed to a confirmed decision on the show's page and an alert to a follower.

The articles are real (``../shared/reader-corpus/``, read from there); the feeds that list
them are written here, since no feed can be fetched from the internet in a test.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from alert_receivers import webhook_receiver  # noqa: F401 - a fixture
from conftest import run_cli
from helpers import load_top10

from renewcast.alerts import following
from renewcast.alerts.jobs import run_alerts
from renewcast.catalog.models import Claim, ClaimState, Show
from renewcast.news import desk
from renewcast.news.models import Feed, FeedItem, ItemState

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from reader_corpus import CORPUS, load  # noqa: E402

TOP10 = ROOT / "src" / "renewcast" / "data" / "netflix-top10" / "all-weeks-global.tsv"
pytestmark = pytest.mark.skipif(not (CORPUS / "a04.txt").exists(),
                                reason=f"the reader corpus is not at {CORPUS}")


def article_text(name: str) -> bytes:
    _url, title, day, excerpt = load(CORPUS / name)
    dated = f"Published: {day:%d %B %Y}\n\n" if day else ""
    return f"{title}\n\n{dated}{excerpt}".encode()


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    body = "".join(f"<item><title>{title}</title><link>{base}{path}</link>"
                   f"<description>{summary}</description>"
                   "<pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate></item>"
                   for title, path, summary in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}'
            "</channel></rss>").encode()


class Site:
    """Feeds and articles on 127.0.0.1, counting what is asked for."""

    def __init__(self):
        self.hits: list[str] = []
        self.pages: dict[str, tuple[int, bytes, str]] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                site.hits.append(self.path)
                if self.path == "/feeds/slow.xml":
                    time.sleep(3)
                status, data, kind = site.pages.get(self.path, (404, b"no", "text/plain"))
                if self.headers.get("If-None-Match") == '"v1"' and status == 200:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("ETag", '"v1"')
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def feed(self, path: str, items) -> str:
        self.pages[path] = (200, rss(self.base, items), "application/rss+xml")
        return self.base + path


@pytest.fixture
def site(settings):
    settings.ALLOW_PRIVATE_FETCH = True
    settings.ALLOW_PRIVATE_WEBHOOKS = True
    served = Site()
    served.pages["/news/1899-canceled"] = (200, article_text("a04.txt"), "text/plain")
    served.pages["/news/kaos-canceled"] = (200, article_text("a13.txt"), "text/plain")
    served.pages["/news/broken-article"] = (500, b"oops", "text/plain")
    yield served
    served.server.shutdown()
    served.server.server_close()


def catalog_with(*titles: str) -> None:
    """The real Top 10 rows of these shows (and no decisions yet)."""
    with TOP10.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["show_title"] in titles]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter="\t",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    load_top10(data=out.getvalue().encode())


def watch(url: str, official: bool = False) -> Feed:
    return Feed.objects.create(url=url, name=url.rsplit("/", 1)[-1], official=official)


@pytest.fixture
def newsroom(site, db):
    Feed.objects.all().delete()  # not the default feeds: nothing leaves the machine
    catalog_with("1899", "KAOS")
    trade = watch(site.feed("/feeds/trade.xml", [
        ("Netflix cancels 1899 after one season", "/news/1899-canceled", "The series ends."),
        ("Netflix cancels 1899 after one season", "/news/1899-canceled", "A repeated item."),
        ("Ten cosy autumn recipes", "/news/recipes", "Soup and bread."),
        ("Netflix cancels KAOS", "/news/broken-article", "A cancellation."),
    ]))
    official = watch(site.feed("/feeds/official.xml", [
        ("Netflix cancels 1899 after one season", "/news/1899-canceled", "Also here."),
        ("KAOS will not return", "/news/kaos-canceled", "Netflix has canceled KAOS."),
    ]), official=True)
    return trade, official


def test_each_story_is_read_once_across_feeds_and_runs(site, newsroom):
    first = desk.check_news()
    assert first.feeds == 2 and first.broken == []
    assert first.new == 4 and first.skipped == 1 and first.failed == 1 and first.read == 2
    assert site.hits.count("/news/1899-canceled") == 1
    assert site.hits.count("/news/recipes") == 0  # not about a show or a decision: not fetched
    assert FeedItem.objects.get(link__endswith="/news/broken-article").state == ItemState.FAILED
    proposed = Claim.objects.filter(state=ClaimState.PROPOSED, show__title="1899").count()
    assert proposed > 0
    second = desk.check_news()
    assert second.unchanged == 2 and second.new == 0  # the feeds answered 304
    Feed.objects.update(etag="")  # a feed that ignores validators: still nothing read twice
    third = desk.check_news()
    assert third.new == 0 and site.hits.count("/news/1899-canceled") == 1
    assert Claim.objects.filter(state=ClaimState.PROPOSED, show__title="1899").count() == proposed


def test_a_broken_slow_or_huge_feed_stops_nothing(site, newsroom, monkeypatch):
    monkeypatch.setattr(desk, "FEED_TIMEOUT", httpx.Timeout(1.0))
    monkeypatch.setattr(desk, "FEED_BYTES", 100_000)
    site.pages["/feeds/broken.xml"] = (500, b"down", "text/plain")
    site.pages["/feeds/huge.xml"] = (200, b"<rss>" + b"x" * 200_000, "application/rss+xml")
    site.pages["/feeds/notafeed.xml"] = (200, b"\x00\x01 binary", "application/octet-stream")
    for path in ("/feeds/broken.xml", "/feeds/slow.xml", "/feeds/huge.xml",
                 "/feeds/notafeed.xml"):
        watch(site.base + path)
    watch("http://127.0.0.1:9/nothing-listens.xml")
    report = desk.check_news()
    assert report.feeds == 7 and len(report.broken) == 5, report.broken
    assert report.read == 2  # the good feeds' stories were read all the same
    messages = " ".join(report.broken)
    for words in ("HTTP 500", "timed out", "over 100,000 bytes", "not an RSS or Atom feed"):
        assert words in messages, words
    assert Feed.objects.get(url__endswith="/feeds/broken.xml").last_error


def test_an_official_cancellation_reaches_the_page_and_a_follower(
        site, newsroom, webhook_receiver, client, settings):  # noqa: F811 - the fixture
    settings.NEWS_AUTO_CONFIRM = True
    kaos = Show.objects.get(title="KAOS")
    following.follow_show(kaos, webhook=webhook_receiver.url("/kaos"))
    run_alerts()  # the follower's baseline
    assert "canceled" not in client.get(f"/shows/{kaos.slug}/").content.decode().lower() \
        .split('class="status')[1][:40]
    report = desk.check_news()
    assert report.confirmed >= 1
    kaos.refresh_from_db()
    assert kaos.status == "canceled"
    # 1899's story is in both feeds: it was read once, through whichever listed it first,
    # and only an official feed's reading confirms itself
    seen = FeedItem.objects.get(link__endswith="/news/1899-canceled")
    assert (Show.objects.get(title="1899").status == "canceled") is seen.feed.official
    page = client.get(f"/shows/{kaos.slug}/").content.decode()
    assert 'class="status status-canceled"' in page
    run_alerts()
    calls = webhook_receiver.to("/kaos")
    assert len(calls) == 1 and b"canceled" in calls[0].body


def test_without_auto_confirm_the_official_story_waits_for_an_editor(site, newsroom, settings):
    settings.NEWS_AUTO_CONFIRM = False
    report = desk.check_news()
    assert report.confirmed == 0
    assert Show.objects.get(title="KAOS").status != "canceled"


def test_two_runners_at_once_file_each_story_once(cli_env, site):
    env = {**cli_env, "RENEWCAST_ALLOW_PRIVATE_FETCH": "1"}
    assert run_cli(env, "init").returncode == 0
    setup = f"""
from renewcast.news.models import Feed
Feed.objects.all().delete()
Feed.objects.create(url="{site.feed('/feeds/both.xml', [
    ('Netflix cancels 1899 after one season', '/news/1899-canceled', 'x'),
    ('KAOS will not return', '/news/kaos-canceled', 'y')])}", name="both")
"""
    assert run_cli(env, "manage", "shell", "-c", setup).returncode == 0
    runners = [subprocess.Popen([sys.executable, "-m", "renewcast", "run-jobs", "--once",
                                 "news"], env=env, stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    outputs = [r.communicate(timeout=300)[0] for r in runners]
    assert all(r.returncode == 0 for r in runners), outputs
    again = run_cli(env, "run-jobs", "--once", "news")
    assert again.returncode == 0
    assert site.hits.count("/news/1899-canceled") == 1
    assert site.hits.count("/news/kaos-canceled") == 1
    listed = run_cli(env, "news", "list")
    assert "both" in listed.stdout and "checked" in listed.stdout


def test_news_add_and_list_from_the_command_line(cli_env):
    env = {k: v for k, v in cli_env.items() if k != "RENEWCAST_ALLOW_PRIVATE_FETCH"}
    assert run_cli(env, "init", "--empty").returncode == 0
    listed = run_cli(env, "news", "list")
    assert "Netflix newsroom (official) (paused)" in listed.stdout  # defaults wait, offline
    resumed = run_cli(env, "news", "add", "https://tvline.com/feed/")
    assert resumed.returncode == 0 and "watching TVLine again" in resumed.stdout
    added = run_cli(env, "news", "add", "https://press.example/tv.xml", "--name", "Press")
    assert added.returncode == 0 and "watching Press" in added.stdout
    refused = run_cli(env, "news", "add", "http://127.0.0.1:8000/feed")
    assert refused.returncode == 2 and "loopback" in refused.stderr
    assert "Traceback" not in refused.stderr
