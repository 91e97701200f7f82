"""Page views and the lists made from them: "Most popular" and "Trending".

The arithmetic on plain numbers; the lists from PageView rows at known hours; the WSGI
counting layer (what counts, what does not, no cookie, errors never reach the reader);
flushing counts into rows (adding up, a rival process creating the same row, a failed
write kept for later); and ``renewcast serve`` counting real requests over HTTP.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from conftest import _wait_for_port, free_port, run_cli

from renewcast.catalog.models import Show
from renewcast.community import pageviews, popularity
from renewcast.community.models import PageView
from renewcast.community.pageviews import CountViews, ViewCounter, page_of
from renewcast.community.popularity import (
    decayed_views,
    most_popular,
    popular_lists,
    ranked,
    rise_text,
    split_views,
    trend,
    trending,
)
from renewcast.page_cache import PageCache

NOW = datetime(2024, 5, 10, 12, 30, tzinfo=UTC)
HOUR = NOW.replace(minute=0)
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"


def ago(hours: float) -> datetime:
    return HOUR - timedelta(hours=hours)


# --- arithmetic ------------------------------------------------------------------------

def test_a_view_weighs_half_as_much_each_day():
    assert decayed_views([(NOW, 8)], NOW) == pytest.approx(8)
    assert decayed_views([(NOW - timedelta(days=1), 8)], NOW) == pytest.approx(4)
    assert decayed_views([(NOW - timedelta(days=3), 8)], NOW) == pytest.approx(1)
    assert decayed_views([(NOW - timedelta(hours=12), 8)], NOW) == pytest.approx(8 / 2 ** 0.5)


def test_decay_ranks_fresh_interest_above_a_bigger_old_one():
    old_burst = [(ago(72), 100)]  # 100 views three days ago: weighs 12.5
    today = [(ago(1), 10), (ago(2), 10)]  # 20 views in the last hours: weighs ~19.4
    assert decayed_views(today, NOW) > decayed_views(old_burst, NOW)
    yesterday = [(ago(30), 50)]  # 50 views a day ago still beat the 20 of today
    assert decayed_views(yesterday, NOW) > decayed_views(today, NOW)


def test_only_the_last_seven_days_count():
    assert decayed_views([(NOW - timedelta(days=7), 1000)], NOW) == 0
    assert decayed_views([(NOW + timedelta(hours=1), 1000)], NOW) == 0
    assert decayed_views([(NOW - timedelta(days=7) + timedelta(hours=1), 128)], NOW) \
        == pytest.approx(128 * 0.5 ** (167 / 24))


def test_views_split_into_the_last_day_and_the_six_before():
    rows = [(NOW, 1), (NOW - timedelta(hours=23), 2), (NOW - timedelta(hours=24), 4),
            (NOW - timedelta(days=6), 8), (NOW - timedelta(days=7), 16), (NOW + timedelta(1), 32)]
    assert split_views(rows, NOW) == (3, 12)


def test_trend_compares_the_last_day_with_the_daily_average_before():
    # 95 views today against 60 over six days (10 a day): (95 + 5) / (10 + 5).
    assert trend(95, 60) == pytest.approx(100 / 15)
    assert rise_text(95, 60) == "×6.7"
    # 20 today against 15 a day: (20 + 5) / (15 + 5) = 1.25.
    assert trend(20, 90) == pytest.approx(1.25)
    assert rise_text(20, 90) == "+25%"
    assert rise_text(300, 6) == "×51"


def test_trend_needs_ten_views_in_the_last_day():
    assert trend(9, 0) is None and rise_text(9, 0) == ""
    assert trend(10, 0) == pytest.approx(3.0)
    assert rise_text(10, 0) == "new"


def test_pages_holding_steady_or_falling_are_not_trending():
    assert trend(60, 360) is None  # 60 today, 60 a day before: a score of exactly 1
    assert trend(40, 360) is None
    assert trend(61, 360) is not None


def test_smoothing_keeps_a_tiny_page_below_a_big_rise():
    tiny = trend(12, 6)  # 1 a day to 12: (12 + 5) / (1 + 5) = 2.8
    big = trend(2000, 2400)  # 400 a day to 2,000: (2005) / (405) = 4.9
    assert big > tiny


def test_ties_are_ranked_in_a_fixed_order():
    scores = {(3, 0): 5.0, (1, 2): 5.0, (1, 1): 9.0, (2, 0): 1.0}
    assert ranked(scores, 3) == [(1, 1), (1, 2), (3, 0)]


# --- the lists, from rows --------------------------------------------------------------

def views(show: Show, number: int, *hours_counts: tuple[float, int]) -> None:
    for hours, count in hours_counts:
        PageView.objects.create(show=show, season_number=number, hour=ago(hours), count=count)


@pytest.fixture
def shows(db):
    return {slug: Show.objects.create(title=title, slug=slug) for slug, title in (
        ("partner-track", "Partner Track"), ("bonding", "Bonding"), ("wednesday", "Wednesday"),
        ("old-news", "Old News"))}


def test_most_popular_weighs_views_by_age(shows):
    views(shows["partner-track"], 2, (1, 30), (5, 20))  # 50 today
    views(shows["bonding"], 0, (80, 300))  # 300 three and a half days ago: ~29
    views(shows["wednesday"], 1, (30, 80), (3, 4))  # ~33 + ~3.6
    views(shows["old-news"], 1, (24 * 8, 5000))  # outside the week
    rows = most_popular(NOW)
    assert [(r.show.slug, r.season_number) for r in rows] == [
        ("partner-track", 2), ("wednesday", 1), ("bonding", 0)]
    first = rows[0]
    assert first.label == "Partner Track season 2"
    assert first.url == "/shows/partner-track/season-2/"
    assert first.views == 50
    assert rows[2].label == "Bonding" and rows[2].url == "/shows/bonding/"
    assert rows[2].views == 0
    assert first.score == pytest.approx(30 * 0.5 ** (1.5 / 24) + 20 * 0.5 ** (5.5 / 24))
    assert [r.show.slug for r in most_popular(NOW, limit=1)] == ["partner-track"]


def test_trending_lists_only_rising_pages_with_enough_views(shows):
    views(shows["partner-track"], 2, (2, 95), (48, 30), (100, 30))  # 95 vs 10 a day: ×6.7
    views(shows["bonding"], 1, (2, 60), (30, 360))  # 60 vs 60 a day: steady
    views(shows["wednesday"], 0, (2, 9))  # new, but only 9 views
    views(shows["old-news"], 1, (5, 20), (40, 90))  # 20 vs 15 a day: +25%
    rows = trending(NOW)
    assert [(r.show.slug, r.season_number, r.views, r.rise) for r in rows] == [
        ("partner-track", 2, 95, "×6.7"), ("old-news", 1, 20, "+25%")]
    assert rows[0].score == pytest.approx(100 / 15)


def test_no_views_means_empty_lists(shows):
    assert popular_lists(NOW) == ([], [])


def test_the_database_weighs_views_as_the_arithmetic_does(shows):
    # Random pages and hours, some outside the week: the ranking and every score the
    # query gives must be what the pure functions give for the same rows.
    rng = random.Random(7)
    show = shows["partner-track"]
    pages: dict[int, list] = {}
    for number in range(1, 13):
        hours = rng.sample(range(-3, 175), rng.randint(1, 8))
        pages[number] = [(ago(h), rng.randint(1, 300)) for h in hours]
        PageView.objects.bulk_create(PageView(show=show, season_number=number, hour=hour,
                                              count=count) for hour, count in pages[number])
    exact = {(show.pk, n): decayed_views(rows, NOW) for n, rows in pages.items()}
    expected = [n for (_, n) in ranked(exact, 12) if exact[show.pk, n] > 0]
    got = most_popular(NOW, limit=12)
    assert [r.season_number for r in got] == expected
    for row in got:
        assert row.score == pytest.approx(exact[show.pk, row.season_number], rel=1e-6)
        assert row.views == split_views(pages[row.season_number], NOW)[0]
    assert [r.season_number for r in most_popular(NOW, limit=3)] == expected[:3]


def test_home_page_shows_both_lists_once_there_are_views(client, shows):
    html = client.get("/").content.decode()
    assert 'id="most-popular-h"' not in html and 'id="trending-h"' not in html
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    PageView.objects.create(show=shows["bonding"], season_number=0, hour=now, count=3)
    html = client.get("/").content.decode()
    assert 'href="/shows/bonding/">Bonding</a> <span class="weeks">3 views</span>' in html
    assert "Nothing is rising fast right now." in html
    PageView.objects.create(show=shows["partner-track"], season_number=2, hour=now, count=40)
    html = client.get("/").content.decode()
    assert "Nothing is rising fast right now." not in html
    popular = html[html.index('id="most-popular-h"'):html.index('id="trending-h"')]
    assert popular.index("Partner Track season 2") < popular.index("Bonding")
    assert 'href="/shows/partner-track/season-2/"' in popular
    assert "40 views</span>" in popular
    trending_box = html[html.index('id="trending-h"'):]
    trending_box = trending_box[:trending_box.index("</section>")]
    assert "Partner Track season 2" in trending_box and "new" in trending_box
    assert "Bonding" not in trending_box  # 3 views: too few to trend


@pytest.fixture
def remembered():
    popularity.remember_for(10**9)  # one tick for the whole test
    yield
    popularity.remember_for(0)


def test_a_serving_process_works_the_lists_out_once_per_tick(shows, remembered):
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    PageView.objects.create(show=shows["partner-track"], season_number=2, hour=now, count=40)
    first = popularity.current_lists()
    assert [r.show.slug for r in first[0]] == ["partner-track"]
    PageView.objects.create(show=shows["bonding"], season_number=0, hour=now, count=400)
    assert popularity.current_lists() is first
    popularity.remember_for(0)
    assert [r.show.slug for r in popularity.current_lists()[0]] == ["bonding", "partner-track"]


# --- the counting layer ----------------------------------------------------------------

class Inner:
    """A WSGI app answering with a fixed status, counting its calls."""

    def __init__(self, status: str = "200 OK"):
        self.status, self.calls = status, 0

    def __call__(self, environ, start_response):
        self.calls += 1
        start_response(self.status, [("Content-Type", "text/html"), ("ETag", '"e1"')])
        return [b"page"]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def get(app, path="/shows/partner-track/season-2/", ua=CHROME, method="GET",
        addr="203.0.113.7", **headers):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "",
               "HTTP_HOST": "testserver", "SERVER_NAME": "testserver", "SERVER_PORT": "80",
               "wsgi.url_scheme": "http", "REMOTE_ADDR": addr, "HTTP_USER_AGENT": ua}
    environ.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers

    body = b"".join(app(environ, start_response))
    return started["status"], started["headers"], body


def counting(inner=None, **options):
    clock = Clock()
    counter = ViewCounter(None, clock=clock, hour=lambda: HOUR, **options)
    return CountViews(inner or Inner(), counter), counter, clock


def test_the_pages_that_count():
    assert page_of({"REQUEST_METHOD": "GET", "PATH_INFO": "/shows/bonding/",
                    "HTTP_USER_AGENT": CHROME}) == ("bonding", 0)
    assert page_of({"REQUEST_METHOD": "GET", "PATH_INFO": "/shows/bonding/season-3/",
                    "HTTP_USER_AGENT": CHROME}) == ("bonding", 3)
    for path in ("/", "/shows/bonding/season-0/", "/shows/bonding/feed.atom",
                 "/shows/bonding/season-3/discuss/", "/shows/bonding", "/shows//",
                 "/leaderboard/", "/shows/bonding/widget/"):
        assert page_of({"REQUEST_METHOD": "GET", "PATH_INFO": path,
                        "HTTP_USER_AGENT": CHROME}) is None, path


def test_each_reader_counts_once_per_page_in_half_an_hour():
    app, counter, clock = counting()
    get(app)
    get(app)  # a reload
    get(app, ua=FIREFOX)  # another reader at the same address
    get(app, addr="198.51.100.1")  # another reader with the same browser
    get(app, path="/shows/partner-track/")  # the same reader on another page
    assert counter.pending() == {("partner-track", 2, HOUR): 3, ("partner-track", 0, HOUR): 1}
    clock.now += 29 * 60
    get(app)
    assert counter.pending()[("partner-track", 2, HOUR)] == 3
    clock.now += 2 * 60  # 31 minutes after the first view
    get(app)
    assert counter.pending()[("partner-track", 2, HOUR)] == 4


def test_bots_prefetches_and_other_methods_are_not_counted():
    app, counter, _ = counting()
    for ua in ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
               "Mozilla/5.0 (compatible; bingbot/2.0)", "Baiduspider", "ia_archiver crawler",
               "Mozilla/5.0 (compatible; Yahoo! Slurp)", "Slackbot-LinkExpanding 1.0",
               "facebookexternalhit/1.1", "curl/8.5.0", "python-requests/2.31",
               "python-httpx/0.27", "Wget/1.21", "", "   "):
        status, _, body = get(app, ua=ua)
        assert status == "200 OK" and body == b"page"
    get(app, purpose="prefetch")
    get(app, sec_purpose="prefetch;prerender")
    get(app, x_moz="prefetch")
    get(app, x_purpose="preview")
    get(app, method="HEAD")
    get(app, method="POST")
    assert counter.pending() == {}
    get(app, ua="Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/124.0 Safari/537.36")
    assert counter.pending() == {("partner-track", 2, HOUR): 1}


def test_only_pages_that_were_served_count():
    for status, counted in (("200 OK", 1), ("304 Not Modified", 1), ("404 Not Found", 0),
                            ("301 Moved Permanently", 0), ("500 Internal Server Error", 0)):
        app, counter, _ = counting(Inner(status))
        get(app)
        assert sum(counter.pending().values()) == counted, status


def test_counting_adds_no_header_and_no_cookie():
    inner = Inner()
    app, counter, _ = counting(inner)
    status, headers, body = get(app)
    assert headers == [("Content-Type", "text/html"), ("ETag", '"e1"')]
    assert counter.pending()


def test_pages_from_the_page_cache_count_too():
    inner = Inner()
    app, counter, _ = counting(PageCache(inner, lambda: "v1", 3600, 100))
    get(app)
    get(app, ua=FIREFOX)
    get(app, ua=FIREFOX, if_none_match='"e1"')  # a revalidation by a counted reader
    get(app, addr="198.51.100.1", if_none_match='"e1"')  # ... and by a new one: a 304
    assert inner.calls == 1
    assert counter.pending() == {("partner-track", 2, HOUR): 3}


def test_the_table_of_readers_is_bounded():
    app, counter, clock = counting(max_readers=3)
    for n in range(10):
        get(app, addr=f"198.51.100.{n}")
        assert counter.readers() <= 3
    assert counter.pending()[("partner-track", 2, HOUR)] == 10
    clock.now += 31 * 60
    get(app, addr="203.0.113.99")
    assert counter.readers() == 1  # the others are past their half hour and forgotten


def test_a_failure_in_counting_never_reaches_the_reader(monkeypatch, caplog):
    app, counter, _ = counting()

    def broken(*args):
        raise RuntimeError("counting broke")

    monkeypatch.setattr(counter, "record", broken)
    assert get(app) == ("200 OK", [("Content-Type", "text/html"), ("ETag", '"e1"')], b"page")
    assert "page-view counting failed" in caplog.text
    monkeypatch.setattr(pageviews, "page_of", broken)
    assert get(app)[2] == b"page"


def test_count_views_is_off_when_the_setting_is_zero(settings):
    inner = Inner()
    settings.VIEW_FLUSH_SECONDS = 0
    assert pageviews.count_views(inner) is inner
    settings.VIEW_FLUSH_SECONDS = 5
    wrapped = pageviews.count_views(inner)
    assert isinstance(wrapped, CountViews) and wrapped.counter.flush_seconds == 5


# --- flushing into rows ----------------------------------------------------------------

def rows_now() -> dict:
    return {(v.show.slug, v.season_number, v.hour): v.count
            for v in PageView.objects.select_related("show")}


def test_flushes_add_up_into_one_row_per_page_and_hour(shows):
    app, counter, _ = counting()
    for n in range(3):
        get(app, addr=f"198.51.100.{n}")
    get(app, path="/shows/bonding/")
    get(app, path="/shows/no-such-show/")  # 200 here only because Inner says so
    assert counter.flush() == 4
    assert counter.pending() == {}
    for n in range(3, 5):
        get(app, addr=f"198.51.100.{n}")
    assert counter.flush() == 2
    assert counter.flush() == 0
    assert rows_now() == {("partner-track", 2, HOUR): 5, ("bonding", 0, HOUR): 1}


def test_a_flush_deletes_hour_rows_older_than_the_kept_month_once_an_hour(shows):
    show = Show.objects.get(slug="partner-track")
    old = HOUR - pageviews.KEEP - timedelta(hours=1)
    kept = HOUR - pageviews.KEEP + timedelta(hours=1)
    for hour in (old, kept):
        PageView.objects.create(show=show, season_number=2, hour=hour, count=7)
    app, counter, _ = counting()
    get(app)
    assert counter.flush() == 1
    assert set(rows_now()) == {("partner-track", 2, kept), ("partner-track", 2, HOUR)}
    PageView.objects.create(show=show, season_number=2, hour=old, count=7)
    counter.flush()  # the same hour: not pruned again
    assert ("partner-track", 2, old) in rows_now()


def test_two_processes_flushing_the_same_hour_add_up(shows):
    first, first_counter, _ = counting()
    second, second_counter, _ = counting()
    get(first)
    get(second)  # the same reader on another server process counts there once too
    get(second, ua=FIREFOX)
    first_counter.flush()
    second_counter.flush()
    assert rows_now() == {("partner-track", 2, HOUR): 3}


def test_a_row_made_by_another_process_meanwhile_is_added_to(shows, monkeypatch):
    # The race: our UPDATE found no row, then another process INSERTed it before we did.
    real = pageviews._create_or_add
    raced = []

    def rival_first(show_id, number, hour, n):
        PageView.objects.create(show_id=show_id, season_number=number, hour=hour, count=7)
        raced.append(n)
        real(show_id, number, hour, n)

    monkeypatch.setattr(pageviews, "_create_or_add", rival_first)
    app, counter, _ = counting()
    get(app)
    get(app, ua=FIREFOX)
    counter.flush()
    assert raced == [2]
    assert rows_now() == {("partner-track", 2, HOUR): 9}


def test_a_failed_write_keeps_the_counts_for_the_next_flush(shows, monkeypatch, caplog):
    app, counter, _ = counting()
    get(app)
    get(app, ua=FIREFOX)
    real = pageviews.save_counts

    def down(counts):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(pageviews, "save_counts", down)
    assert counter.flush() == 0
    assert "keeping them" in caplog.text
    get(app, addr="198.51.100.1")
    assert counter.pending() == {("partner-track", 2, HOUR): 3}
    monkeypatch.setattr(pageviews, "save_counts", real)
    assert counter.flush() == 3
    assert rows_now() == {("partner-track", 2, HOUR): 3}


# --- over HTTP -------------------------------------------------------------------------

def _counts(env: dict) -> dict:
    code = ("import json; from renewcast.community.models import PageView as V; "
            "print(json.dumps({f'{v.show.slug}/{v.season_number}': v.count "
            "for v in V.objects.select_related('show')}))")
    done = run_cli(env, "manage", "shell", "-c", code, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_renewcast_serve_counts_views_without_cookies(bundled_cli_env, tmp_path):
    env = {**bundled_cli_env, "RENEWCAST_VIEW_FLUSH_SECONDS": "0.3"}
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "renewcast", "serve", "--port", str(port)],
            env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_for_port(port, process, log, timeout=120)
        base = f"http://127.0.0.1:{port}"
        season = f"{base}/shows/partner-track/season-1/"
        responses = []
        with httpx.Client(timeout=30) as http:
            for ua in (CHROME, FIREFOX, CHROME, "Mozilla/5.0 (compatible; Googlebot/2.1)"):
                responses.append(http.get(season, headers={"User-Agent": ua}))
            etag = responses[0].headers["etag"]
            responses.append(http.get(season, headers={"User-Agent": "Safari/605.1.15",
                                                       "If-None-Match": etag}))
            responses.append(http.get(season, headers={"User-Agent": "Edg/124.0",
                                                       "Sec-Purpose": "prefetch"}))
            responses.append(http.get(f"{base}/shows/partner-track/",
                                      headers={"User-Agent": CHROME}))
            responses.append(http.get(f"{base}/shows/partner-track/season-40/",
                                      headers={"User-Agent": CHROME}))
        assert [r.status_code for r in responses] == [200, 200, 200, 200, 304, 200, 200, 404]
        assert not any("set-cookie" in r.headers for r in responses)
        expected = {"partner-track/1": 3, "partner-track/0": 1}
        deadline = time.monotonic() + 30
        while (counts := _counts(env)) != expected and time.monotonic() < deadline:
            time.sleep(0.5)
        assert counts == expected
        home = httpx.get(f"{base}/?after-flush", headers={"User-Agent": CHROME}, timeout=30)
        box = home.text[home.text.index('id="most-popular-h"'):]
        assert "Partner Track season 1" in box[:box.index("</section>")]
        assert "set-cookie" not in home.headers
    finally:
        process.terminate()
        process.wait(timeout=15)
