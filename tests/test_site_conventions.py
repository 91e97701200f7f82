"""The conventions a public site keeps, checked through Django's test client on real rows.

Structured data (JSON-LD), Open Graph and canonical links, the sitemap and robots.txt,
Atom feeds, the premieres calendar, HTTP revalidation (ETag, Last-Modified), helpful
404s, the first-line answer on season pages, escaping of hostile text, the embeddable
widget and search ranking.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from helpers import load_outcomes, load_top10
from icalendar import Calendar

from renewcast.catalog.forecasting import released_season
from renewcast.catalog.lookup import search_shows
from renewcast.catalog.models import ChartWeek, Claim, Season, Show, Source, Status
from renewcast.catalog.review import review
from renewcast.pages.season_page import load_seasons

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOST = "http://testserver"
SHOW = "/shows/partner-track/"
SEASON_1 = "/shows/partner-track/season-1/"
SEASON_2 = "/shows/partner-track/season-2/"

TITLE = "<script>alert(1)</script>"
QUOTE = '"><img src=x onerror=alert(2)>'
CHARACTER = "</script><script>alert(3)</script>"
PERSON = "Mallory <b>Bold</b>"


@pytest.fixture
def catalog():
    load_top10()
    load_outcomes()


class Page(HTMLParser):
    """The parts of an HTML page these tests look at."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self.title = ""
        self.answer_line = ""
        self._script: list[str] | None = None
        self._in_title = False
        self._answer_depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []
        elif tag == "title":
            self._in_title = True
        elif tag == "p" and "answer-line" in attrs.get("class", "").split():
            self._answer_depth = 1

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        elif tag == "title":
            self._in_title = False
        elif tag == "p" and self._answer_depth:
            self._answer_depth = 0

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._in_title:
            self.title += data
        if self._answer_depth:
            self.answer_line += data

    def link(self, rel: str) -> str | None:
        return next((a.get("href") for a in self.links if a.get("rel") == rel), None)

    def items(self) -> list[dict]:
        """Every schema.org item on the page (the members of a graph are items too)."""
        out = []
        for text in self.json_ld:
            data = json.loads(text)
            assert data["@context"] == "https://schema.org"
            out += data["@graph"] if "@graph" in data else [data]
        return out

    def item(self, kind: str) -> dict:
        found = [i for i in self.items() if i["@type"] == kind]
        assert len(found) == 1, (kind, [i["@type"] for i in self.items()])
        return found[0]


def get_page(client, url: str, status: int = 200) -> tuple[object, str, Page]:
    response = client.get(url)
    assert response.status_code == status, url
    html = response.content.decode()
    assert "Traceback" not in html
    return response, html, Page(html)


def words(text: str) -> str:
    return " ".join(text.split())


# --- JSON-LD -------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "types"), [
    (SHOW, {"TVSeries", "Article"}),
    (SEASON_1, {"TVSeason", "Article"}),
    (SEASON_2, {"TVSeason", "Article"}),
    ("/", {"WebSite"}),
])
def test_json_ld_parses_and_has_the_expected_types(client, catalog, url, types):
    _, _, page = get_page(client, url)
    assert page.json_ld, "no JSON-LD on the page"
    assert {i["@type"] for i in page.items()} == types


@pytest.mark.parametrize(("url", "number"), [(SEASON_1, 1), (SEASON_2, 2)])
def test_season_json_ld_names_its_number_and_series(client, catalog, url, number):
    _, _, page = get_page(client, url)
    season = page.item("TVSeason")
    assert season["seasonNumber"] == number
    assert season["name"] == f"Partner Track Season {number}"
    assert season["url"] == HOST + url
    assert season["partOfSeries"] == {"@type": "TVSeries", "name": "Partner Track",
                                      "url": HOST + SHOW}


def test_show_json_ld_describes_the_series(client, catalog):
    _, _, page = get_page(client, SHOW)
    series = page.item("TVSeries")
    assert series["name"] == "Partner Track"
    assert series["url"] == HOST + SHOW
    assert series["numberOfSeasons"] == 1
    assert series["publisher"] == {"@type": "Organization", "name": "Netflix"}


@pytest.mark.parametrize(("url", "headline"), [
    (SHOW, "Has Partner Track been renewed for season 2? No"),
    (SEASON_1, "Is Partner Track season 1 out? Yes"),
    (SEASON_2, "Has Partner Track been renewed for season 2? No"),
])
def test_article_json_ld_has_headline_and_ordered_iso_dates(client, catalog, url, headline):
    _, _, page = get_page(client, url)
    article = page.item("Article")
    assert article["headline"] == headline
    assert article["url"] == article["mainEntityOfPage"] == HOST + url
    published = dt.datetime.fromisoformat(article["datePublished"])
    modified = dt.datetime.fromisoformat(article["dateModified"])
    assert published.tzinfo is not None and modified.tzinfo is not None
    assert published <= modified
    # The page's oldest change is Partner Track's first chart (week ending 28 August 2022,
    # published two days later); the newest fact is the cancellation of 8 November 2022.
    assert published == dt.datetime(2022, 8, 30, 12, tzinfo=dt.UTC)
    assert modified >= dt.datetime(2022, 11, 8, 12, tzinfo=dt.UTC)
    assert page.meta["article:modified_time"] == article["dateModified"]


def test_home_json_ld_is_a_website_with_a_search_action(client, catalog):
    _, _, page = get_page(client, "/")
    site = page.item("WebSite")
    assert site["url"] == HOST + "/"
    assert site["potentialAction"]["target"] == HOST + "/search/?q={search_term_string}"


# --- Open Graph, Twitter, canonical --------------------------------------------------


@pytest.mark.parametrize(("url", "og_type"), [
    (SHOW, "article"), (SEASON_1, "article"), (SEASON_2, "article"), ("/", "website"),
])
def test_open_graph_twitter_and_canonical(client, catalog, url, og_type):
    _, _, page = get_page(client, url)
    for key in ("og:title", "og:description", "og:url", "og:type", "twitter:card"):
        assert page.meta.get(key), key
    assert page.meta["og:type"] == og_type
    assert page.meta["og:title"] == page.title
    if og_type == "article":
        assert page.meta["og:description"] == page.meta["description"]
    assert page.link("canonical") == page.meta["og:url"] == HOST + url


@pytest.mark.parametrize("url", [SHOW, SEASON_2])
def test_canonical_drops_the_query_string(client, catalog, url):
    _, _, page = get_page(client, url + "?utm_source=newsletter&ref=x")
    assert page.link("canonical") == page.meta["og:url"] == HOST + url


def test_open_graph_description_states_the_answer(client, catalog):
    _, _, page = get_page(client, SEASON_2)
    assert page.meta["og:description"] == (
        "Has Partner Track been renewed for season 2? No — Netflix canceled it on "
        "8 November 2022. Every fact with its source.")


@pytest.mark.parametrize("url", [SHOW, SEASON_1, SEASON_2, "/"])
def test_site_url_setting_pins_canonical_og_url_and_json_ld(client, catalog, settings, url):
    settings.SITE_URL = "https://renewcast.example"
    _, html, page = get_page(client, url)
    assert page.link("canonical") == page.meta["og:url"] == "https://renewcast.example" + url
    assert [i["url"] for i in page.items()] == ["https://renewcast.example" + url] * len(
        page.items())
    assert "http://testserver" not in html


def test_zero_padded_season_address_names_the_real_one_as_canonical(client, catalog):
    response = client.get("/shows/partner-track/season-01/")
    if response.status_code == 200:
        assert Page(response.content.decode()).link("canonical") == HOST + SEASON_1
    else:
        assert response.status_code in (301, 404)


# --- sitemap and robots ----------------------------------------------------------------


def sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    locs = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert all(urlparse(loc).scheme in ("http", "https") and urlparse(loc).netloc
               for loc in locs)
    return [urlparse(loc).path for loc in locs]


def test_sitemap_lists_the_show_and_its_season_pages(client, catalog):
    paths = sitemap_paths(client)
    assert len(paths) == len(set(paths))
    for path in ("/", SHOW, SEASON_1, SEASON_2):
        assert path in paths
    assert "/shows/partner-track/season-3/" not in paths
    assert [p for p in paths if p.startswith("/shows/partner-track/")] == [
        SHOW, SEASON_1, SEASON_2]


def test_every_page_in_the_sitemap_answers(client, catalog):
    paths = sitemap_paths(client)
    seasons = [p for p in paths if re.fullmatch(r"/shows/[^/]+/season-\d+/", p)]
    assert len(seasons) >= 20
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_robots_txt(client, catalog):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    sitemap = [line.removeprefix("Sitemap: ") for line in lines if line.startswith("Sitemap:")]
    assert sitemap == [HOST + "/sitemap.xml"]
    assert client.get(urlparse(sitemap[0]).path).status_code == 200


def test_robots_txt_follows_site_url(client, catalog, settings):
    settings.SITE_URL = "https://renewcast.example"
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: https://renewcast.example/sitemap.xml" in lines


def test_sitemap_follows_site_url(client, catalog, settings):
    settings.SITE_URL = "https://renewcast.example"
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locs = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert locs and all(loc.startswith("https://renewcast.example/") for loc in locs)


# --- Atom feeds --------------------------------------------------------------------------


def atom(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), name
    dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith(HOST + "/")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    return root


def test_site_feed_is_atom_with_the_decisions(client, catalog):
    root = atom(client, "/feed.atom")
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert titles[0] == "Sex/Life: canceled after Season 2"
    assert "Partner Track: canceled after Season 1" in titles
    assert root.findtext(f"{ATOM}updated") == "2023-04-07T12:00:00+00:00"


def test_show_feed_is_atom_with_the_cancellation(client, catalog):
    root = atom(client, "/shows/partner-track/feed.atom")
    entries = {e.findtext(f"{ATOM}title"): e for e in root.findall(f"{ATOM}entry")}
    canceled = entries["Season 1: status awaiting → canceled"]
    assert canceled.findtext(f"{ATOM}updated") == "2022-11-08T12:00:00+00:00"
    assert canceled.find(f"{ATOM}link").get("href") == HOST + SEASON_2
    assert canceled.findtext(f"{ATOM}id").startswith("tag:renewcast,")
    assert root.findtext(f"{ATOM}title") == "Partner Track: renewal news on renewcast"


def test_show_feed_entry_ids_stay_the_same_across_renders(client, catalog):
    def ids():
        root = ET.fromstring(client.get("/shows/partner-track/feed.atom").content)
        return [e.findtext(f"{ATOM}id") for e in root.findall(f"{ATOM}entry")]

    first = ids()
    Show.objects.filter(slug="partner-track").update(title="Partner Track (US)")
    assert ids() == first


def test_unknown_show_feed_is_404(client, catalog):
    response = client.get("/shows/no-such-show/feed.atom")
    assert response.status_code == 404
    assert "Traceback" not in response.content.decode()


def test_show_feed_follows_site_url(client, catalog, settings):
    settings.SITE_URL = "https://renewcast.example"
    root = ET.fromstring(client.get("/shows/partner-track/feed.atom").content)
    hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert hrefs and all(h.startswith("https://renewcast.example/") for h in hrefs)


# --- calendar -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/calendar.ics", "/shows/money-heist/calendar.ics"])
def test_calendar_parses(client, catalog, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//renewcast//premieres//EN"


# --- HTTP caching ----------------------------------------------------------------------


@pytest.mark.parametrize("url", [SHOW, SEASON_1, SEASON_2])
def test_pages_revalidate_with_etag_and_last_modified(client, catalog, url):
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert re.fullmatch(r'(W/)?"[^"]+"', etag)
    assert modified.endswith(" GMT")
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
    assert by_date.status_code == 304 and by_date.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT"
                      ).status_code == 200


def test_etag_changes_when_the_show_is_renamed(client, catalog):
    before = {url: client.get(url).headers["ETag"] for url in (SHOW, SEASON_1, SEASON_2)}
    show = Show.objects.get(slug="partner-track")
    show.title = "Partner Track (US)"
    show.save()
    for url, etag in before.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, url
        assert response.headers["ETag"] != etag
        assert "Partner Track (US)" in response.content.decode()


def confirm_revival(show: Show, published: dt.datetime | None) -> Claim:
    """An editor confirms an article saying the show is back for season 2."""
    source = Source.objects.create(url="https://example.org/partner-track-revived",
                                   title="Partner Track is back", body="Partner Track is back.",
                                   published_at=published, retrieved_at=published)
    claim = Claim.objects.create(show=show, kind="status", source=source,
                                 value={"value": "renewed", "season": 2},
                                 quote="Partner Track is back.", start=0, end=22,
                                 true_on=dt.date(2024, 5, 1))
    assert review([claim], "confirmed", None) == 1
    return claim


def test_etag_changes_after_a_new_decision(client, catalog):
    before = {url: client.get(url).headers["ETag"] for url in (SHOW, SEASON_2)}
    confirm_revival(Show.objects.get(slug="partner-track"),
                    dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC))
    for url, etag in before.items():
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200, url
        assert response.headers["ETag"] != etag
    _, _, page = get_page(client, SEASON_2)
    assert words(page.answer_line) == (
        "Has Partner Track been renewed for season 2? Yes — Netflix renewed it on 1 May 2024.")


def test_last_modified_moves_when_the_show_is_renamed(client, catalog):
    # Last-Modified has one-second resolution: start from a show (and reviews) of yesterday.
    yesterday = timezone.now() - dt.timedelta(days=1)
    Show.objects.filter(slug="partner-track").update(updated_at=yesterday)
    Claim.objects.filter(reviewed_at__isnull=False).update(reviewed_at=yesterday)
    modified = client.get(SHOW).headers["Last-Modified"]
    show = Show.objects.get(slug="partner-track")
    show.title = "Partner Track (US)"
    show.save()
    response = client.get(SHOW, HTTP_IF_MODIFIED_SINCE=modified)
    assert response.status_code == 200


def test_pages_render_with_a_source_that_has_no_dates(client, catalog):
    confirm_revival(Show.objects.get(slug="partner-track"), None)
    client.raise_request_exception = False
    for url in (SHOW, SEASON_1, SEASON_2):
        assert client.get(url).status_code == 200, url


# --- 404s --------------------------------------------------------------------------------


def test_misspelt_show_is_a_404_with_close_matches(client, catalog):
    _, html, _ = get_page(client, "/shows/partner-trak/", status=404)
    assert "Did you mean" in html
    assert '<a href="/shows/partner-track/">Partner Track</a>' in html


@pytest.mark.parametrize("number", [9, 0, 3])
def test_missing_season_is_a_404_that_names_the_show(client, catalog, number):
    url = f"/shows/partner-track/season-{number}/"
    _, html, page = get_page(client, url, status=404)
    assert "Page not found" in html
    assert "Partner Track has no season page" in words(html)
    assert "we know of seasons 1 to 2" in html
    assert f'<a href="{SHOW}">Everything about Partner Track</a>' in html
    assert page.meta.get("robots") == "noindex"


def test_unknown_show_season_is_a_404(client, catalog):
    _, html, _ = get_page(client, "/shows/no-such-show/season-1/", status=404)
    assert "Page not found" in html


# --- the first line of season pages ---------------------------------------------------


def test_next_season_page_answers_canceled(client, catalog):
    _, html, page = get_page(client, SEASON_2)
    assert words(page.answer_line) == (
        "Has Partner Track been renewed for season 2? No — Netflix canceled it on "
        "8 November 2022.")
    assert 'class="short short-canceled">No</strong>' in html


def test_released_season_page_says_it_is_out(client, catalog):
    _, _, page = get_page(client, SEASON_1)
    assert words(page.answer_line) == (
        "Is Partner Track season 1 out? Yes — Season 1 of Partner Track is out: it entered "
        "Netflix's Top 10 in the week ending 28 August 2022.")


def test_awaiting_shows_next_season_page_gives_the_forecast(client, catalog):
    today = timezone.localdate()
    checked = 0
    for show in Show.objects.filter(status=Status.AWAITING).order_by("slug"):
        latest = released_season(load_seasons(show), today)
        if latest is None:
            continue
        number = latest.number + 1
        _, html, page = get_page(client, f"/shows/{show.slug}/season-{number}/")
        line = words(page.answer_line)
        assert line.startswith(f"Has {show.title} been renewed for season {number}? Not yet — ")
        found = re.fullmatch(r".* Not yet — our forecast: (\d{1,3})% likely\.", line)
        if found:
            checked += 1
            # the forecast section below says the same number
            assert f'">{found[1]}%</strong>' in html
    assert checked >= 1
    assert Show.objects.get(slug="money-heist").status == Status.AWAITING


def test_month_precision_decision_reads_in_month(client, catalog):
    load_outcomes(data=b"show_title,season,outcome,announced,source_url,evidence\n"
                       b"The Chestnut Man,2,canceled,2024-03,https://example.org/chestnut,"
                       b"Netflix has canceled The Chestnut Man.\n")
    _, _, page = get_page(client, "/shows/the-chestnut-man/season-3/")
    assert "No — Netflix canceled it in March 2024." in words(page.answer_line)


def test_decision_after_an_uncharted_season_is_about_the_next_one(client, catalog):
    _, _, page = get_page(client, "/shows/bonding/")
    assert words(page.answer_line).startswith("Has Bonding been renewed for season 3? No")
    # The sitemap lists the same pages the site has.
    assert "/shows/bonding/season-3/" in sitemap_paths(client)
    assert "/shows/bonding/season-4/" not in sitemap_paths(client)
    assert client.get("/shows/bonding/season-4/").status_code == 404


# --- hostile text ------------------------------------------------------------------------


@pytest.fixture
def hostile():
    show = Show.objects.create(title=TITLE, slug="hostile", platform="Netflix")
    season = Season.objects.create(show=show, number=1)
    chart = Source.objects.create(url="https://example.org/chart", title="chart",
                                  publisher="Netflix", tier="official")
    for i in range(3):
        ChartWeek.objects.create(season=season, week=dt.date(2024, 1, 7) + dt.timedelta(weeks=i),
                                 list="TV (English)", rank=3 + i, hours=10_000_000 - i,
                                 weeks_on_list=i + 1, source=chart)
    article = Source.objects.create(url="https://example.org/hostile", title="hostile",
                                    body=QUOTE + " " + CHARACTER,
                                    published_at=dt.datetime(2024, 2, 1, tzinfo=dt.UTC))
    said = Claim.objects.create(show=show, season=season, kind="statement", source=article,
                                value={"speaker": "Jane Doe", "season": 1, "stance": "positive"},
                                quote=QUOTE, start=0, end=len(QUOTE))
    cast = Claim.objects.create(show=show, season=season, kind="cast", source=article,
                                value={"person": PERSON, "character": CHARACTER, "season": 1},
                                quote=CHARACTER, start=len(QUOTE) + 1,
                                end=len(QUOTE) + 1 + len(CHARACTER))
    assert review([said, cast], "confirmed", None) == 2
    assert show.statements.get().quote == QUOTE
    assert season.credits.get().character == CHARACTER
    return show


def assert_no_raw_payload(text: str) -> None:
    for raw in ("<script>alert", "<img src=x", "</script><script>", "<b>Bold"):
        assert raw not in text, raw


@pytest.mark.parametrize("url", [
    "/shows/hostile/", "/shows/hostile/season-1/", "/shows/hostile/season-2/",
])
def test_hostile_text_is_escaped_on_pages(client, hostile, url):
    _, html, page = get_page(client, url)
    assert_no_raw_payload(html)
    # shown, but as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert page.title.startswith(TITLE)
    assert page.meta["og:title"].startswith(TITLE)
    # inside JSON-LD "<" is written \u003C, and the JSON still reads back the original
    assert page.json_ld
    for text in page.json_ld:
        assert "<" not in text and ">" not in text
        assert "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E" in text
    names = [i["name"] for i in page.items() if i["@type"] in ("TVSeries", "TVSeason")]
    assert names and all(n.startswith(TITLE) for n in names)
    if url.endswith("season-1/"):
        assert page.item("TVSeason")["actor"] == [{"@type": "Person", "name": PERSON}]


def test_hostile_text_is_escaped_in_the_widget(client, hostile):
    _, html, page = get_page(client, "/shows/hostile/widget/")
    assert_no_raw_payload(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert page.title == f"{TITLE}: renewal status – renewcast"


def test_hostile_text_is_escaped_in_the_show_feed(client, hostile):
    response = client.get("/shows/hostile/feed.atom")
    assert response.status_code == 200
    assert_no_raw_payload(response.content.decode())
    root = ET.fromstring(response.content)
    assert root.findtext(f"{ATOM}title") == f"{TITLE}: renewal news on renewcast"


def test_feed_summaries_are_html_with_the_text_escaped(client, hostile):
    # Atom's <summary type="html"> is HTML once the XML is read: a publisher's name must
    # arrive as text in it, never as markup a feed reader would run
    Source.objects.filter(url="https://example.org/hostile").update(
        publisher="Deadline <img src=x onerror=alert(9)>")
    root = ET.fromstring(client.get("/shows/hostile/feed.atom").content)
    summaries = list(root.iter(f"{ATOM}summary"))
    assert summaries and all(e.get("type") == "html" for e in summaries)
    texts = [e.text or "" for e in summaries]
    assert any("Deadline &lt;img src=x onerror=alert(9)&gt;" in t for t in texts), texts
    for text in texts:
        assert_no_raw_payload(text)


def test_hostile_text_in_the_api_is_json_not_html(client, hostile):
    response = client.get("/api/shows/hostile")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert json.loads(response.content)["title"] == TITLE


def test_hostile_slug_in_a_404_is_escaped(client, catalog):
    for url in ("/shows/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
                "/shows/%3Cscript%3Ealert(1)%3C%2Fscript%3E/widget/"):
        response = client.get(url)
        assert response.status_code == 404
        assert_no_raw_payload(response.content.decode())


# --- the widget --------------------------------------------------------------------------


def test_widget_may_be_framed_and_the_page_may_not(client, catalog):
    widget = client.get("/shows/partner-track/widget/")
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget.headers
    assert client.get(SHOW).headers["X-Frame-Options"] == "DENY"
    html = widget.content.decode()
    assert words(Page(html).answer_line) == (
        "Has Partner Track been renewed for season 2? No — Netflix canceled it on "
        "8 November 2022.")
    assert '<base target="_blank">' in html


def test_widget_script_is_javascript(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] in ("text/javascript",
                                                      "application/javascript")
    assert "data-renewcast-show" in response.content.decode()


def test_show_page_offers_the_embed_snippets(client, catalog):
    _, html, _ = get_page(client, SHOW)
    assert f'&lt;iframe src="{HOST}/shows/partner-track/widget/"' in html
    assert f'&lt;script async src="{HOST}/widget.js"&gt;&lt;/script&gt;' in html
    assert 'data-renewcast-show="partner-track"' in html
    assert '<a href="/shows/partner-track/widget/">Preview the box</a>' in html


def test_unknown_widget_is_a_friendly_404(client, catalog):
    response = client.get("/shows/no-such-show/widget/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "renewcast has no show at “no-such-show”" in html
    assert "Traceback" not in html
    assert "X-Frame-Options" not in response.headers


# --- search ----------------------------------------------------------------------------


def titles(query: str) -> list[str]:
    return [s.title for s in search_shows(query)]


def page_results(client, query: str) -> list[str]:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Traceback" not in html
    results = html.split('<ul class="results">', 1)
    return re.findall(r'<li><a href="/shows/[^"]+/">([^<]+)</a>', results[1]) if len(
        results) == 2 else []


def test_search_partner_lists_partner_track_without_near_misses(client, catalog):
    for title in ("Departure", "Painter", "Pardner", "Partners in Rhyme"):
        Show.objects.create(title=title, slug=title.lower().replace(" ", "-"))
    # near misses are for when nothing matches as typed; a title starting with the word
    # ("Partners in Rhyme") does match, after the shorter one
    assert titles("partner") == ["Partner Track", "Partners in Rhyme"]
    assert page_results(client, "partner") == ["Partner Track", "Partners in Rhyme"]
    assert titles("pardner")[0] == "Pardner"


def test_search_forgives_a_typo(client, catalog):
    assert titles("partner trak")[0] == "Partner Track"
    assert page_results(client, "partner trak")[0] == "Partner Track"


@pytest.mark.parametrize("query", ["sex life", "SEX/LIFE", "Sex/Life"])
def test_search_ignores_case_and_punctuation(client, catalog, query):
    assert titles(query) == ["Sex/Life"]
    assert page_results(client, query) == ["Sex/Life"]


def test_search_ranks_the_exact_title_first(client, catalog):
    # created in this order so that neither id nor creation order explains the ranking
    Show.objects.create(title="Elite Short Stories", slug="elite-short-stories")
    Show.objects.create(title="Elite", slug="elite")
    Show.objects.create(title="The Elite Squad", slug="the-elite-squad")
    assert titles("elite") == ["Elite", "Elite Short Stories", "The Elite Squad"]
    assert page_results(client, "Elite") == ["Elite", "Elite Short Stories", "The Elite Squad"]


@pytest.mark.parametrize("query", ["", "   ", "x" * 500, "partner " * 63, "%<>\"'", "\u00e9" * 300])
def test_search_copes_with_empty_and_long_queries(client, catalog, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Traceback" not in html
    assert_no_raw_payload(html)


# --- addresses with a NUL -----------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/shows/%00/", "/shows/a%00b/season-1/", "/shows/%00/feed.atom", "/shows/%00/widget/",
    "/shows/%00/calendar.ics", "/shows/%00/follow/", "/alerts/confirm/%00/",
    "/alerts/unsubscribe/%00/", "/shows/%00/season-1/discuss/", "/shows/%00/season-1/predict/",
])
def test_a_nul_in_a_slug_or_token_is_a_404_on_every_database(client, catalog, url):
    # PostgreSQL refuses NUL in text it compares: these were server errors there
    response = client.get(url)
    assert response.status_code == 404, (url, response.status_code)
