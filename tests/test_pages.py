"""The public pages, through Django's test client on the real test database."""

import datetime as dt

import pytest
from django.utils.html import escape
from helpers import load_outcomes, load_top10

from renewcast.catalog.models import ChartWeek, Season, Show, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    load_top10()
    load_outcomes()


def test_show_page_has_status_with_source_and_the_chart_weeks(client, catalog):
    response = client.get("/shows/partner-track/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="status status-canceled"' in html
    assert 'href="https://comicbook.com/tv-shows/news/netflix-cancels-partner-track' in html
    for rank, hours, short in ((7, 16660000, "16.66M"), (4, 31140000, "31.14M"),
                               (6, 18210000, "18.21M")):
        assert f"#{rank}</td>" in html
        assert f'<data value="{hours}">{short}</data>' in html
    assert "8 November 2022" in html


def test_home_lists_recent_decisions_and_each_top_10_in_rank_order(client, catalog):
    html = client.get("/").content.decode()
    assert "Latest decisions" in html and "Sex/Life" in html
    latest = ChartWeek.objects.order_by("-week").first().week
    headings = {"TV (English)": "English-language TV", "TV (Non-English)": "non-English TV"}
    present = set(ChartWeek.objects.filter(week=latest).values_list("list", flat=True))
    assert present
    for name, heading in headings.items():
        if name not in present:
            assert f"Most watched on Netflix: {heading}" not in html
            continue
        top = list(ChartWeek.objects.filter(week=latest, list=name).order_by("rank")
                   .values_list("season__show__title", flat=True)[:10])
        start = html.index(f"Most watched on Netflix: {heading}")
        ranking = html[start:html.index("</section>", start)]
        positions = [ranking.index(f">{escape(title)}</a>") for title in top]
        assert top and positions == sorted(positions), name
        assert ranking.count("<li ") == len(top)  # one list's ranks, not both merged


@pytest.mark.parametrize(
    ("query", "expected"),
    [("partner track", "Partner Track"), ("SEX LIFE", "Sex/Life"), ("sex/life", "Sex/Life"),
     ("partner trak", "Partner Track"), ("mony heist", "Money Heist")],
)
def test_search_forgives_case_punctuation_and_typos(client, catalog, query, expected):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert f">{expected}</a>" in response.content.decode()


def test_search_with_nothing_close_says_so(client, catalog):
    html = client.get("/search/", {"q": "zzqx"}).content.decode()
    assert "No show named" in html and "Did you mean" not in html


def test_unknown_show_is_a_friendly_404(client, catalog):
    response = client.get("/shows/no-such-show/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_hostile_text_is_escaped(client):
    show = Show.objects.create(title='<script>alert("x")</script>', slug="xss", platform="<b>N</b>")
    season = Season.objects.create(show=show, number=1, label="<img src=x onerror=alert(1)>")
    source = Source.objects.create(url="https://example.org/x", title="<i>t</i>")
    ChartWeek.objects.create(season=season, week=dt.date(2024, 1, 7), list="TV (English)", rank=1,
                             hours=1, weeks_on_list=1, source=source)
    for url in ("/shows/xss/", "/", "/search/?q=%3Cscript%3E"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in client.get("/shows/xss/").content.decode()


def test_a_server_error_shows_no_stack_trace(client, catalog, monkeypatch):
    from renewcast.pages import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views, "load_show", broken)
    client.raise_request_exception = False
    response = client.get("/shows/partner-track/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_pages_support_conditional_get(client, catalog):
    first = client.get("/shows/partner-track/")
    etag = first.headers["ETag"]
    again = client.get("/shows/partner-track/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304


def test_a_season_that_will_not_be_made_has_no_empty_cast_sentence(client, catalog):
    canceled = client.get("/shows/partner-track/season-2/").content.decode()
    assert "No season 2 is coming, so there is no cast to confirm." in canceled
    assert "No cast confirmed yet." not in canceled
    # site-wide lists belong to the home page, not inside a season's article
    assert 'id="most-popular-h"' not in canceled and 'id="trending-h"' not in canceled


@pytest.mark.parametrize("title, slug, heading", [
    ("Under a Dark Sun", "under-a-dark-sun", "Will there be an Under a Dark Sun season 2?"),
    ("Wednesday", "wednesday", "Will there be a Wednesday season 2?"),
    ('<script>x</script>', "xss", "Will there be a &lt;script&gt;x&lt;/script&gt; season 2?"),
])
def test_a_coming_season_asks_with_the_right_article(client, title, slug, heading):
    show = Show.objects.create(title=title, slug=slug, platform="Netflix")
    Season.objects.create(show=show, number=1, premiere_date=dt.date(2025, 7, 9))
    html = client.get(f"/shows/{slug}/season-2/").content.decode()
    assert f"<h1>{heading}</h1>" in html
