"""A show the catalog lacks can be read from an article when the editor says it is new: it
is added off the public site, and goes public with the first claim an editor confirms.
Without that word, an unknown title is refused (a typo must not become a show)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_cli
from django.contrib.auth import get_user_model
from helpers import FIXTURES, load_top10

from renewcast.catalog.ingest.articles import store_reading
from renewcast.catalog.models import Claim, ClaimState, Show, Source
from renewcast.catalog.reading import read_for_catalog
from renewcast.catalog.review import review
from renewcast.sources.articles.reader import read_article
from renewcast.sources.errors import SourceError
from renewcast.sources.fetch import Fetched

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
# Written for this test: a show no catalog holds.
TEXT = """Glass Harbor Renewed for Season 2 at Netflix

Netflix has renewed Glass Harbor for a second season, the streamer announced on Tuesday.
The coastal mystery drama premiered in October and spent three weeks among the most-watched
series. Mara Quill stars as Detective June Ashby, with Tomas Reyland as her brother Eli.
Showrunner Petra Lindqvist said, “We have so much more of this town to show, and we are
thrilled to get to go back.” Filming on the second season is set to begin in spring 2027.
"""


def article():
    fetched = Fetched(data=TEXT.encode(), location="https://news.example/glass-harbor-s2",
                      is_url=True, retrieved_at=NOW)
    return read_article(fetched, published=dt.date(2026, 11, 18))


@pytest.fixture
def catalog():
    load_top10()


def test_an_unknown_title_is_refused_without_the_editors_word(catalog):
    with pytest.raises(SourceError, match="say it is a new show"):
        read_for_catalog(article(), show_title="Glass Harbor")
    assert not Show.objects.filter(title="Glass Harbor").exists()


def test_a_new_show_stays_off_the_site_until_a_claim_is_confirmed(client, catalog):
    reading = read_for_catalog(article(), show_title="Glass Harbor", new_show=True)
    assert reading.shows[0] == "Glass Harbor"
    kinds = {c.kind for c in reading.claims}
    assert {"status", "cast"} <= kinds
    stored = store_reading(reading, location="https://news.example/glass-harbor-s2",
                           is_url=True, retrieved_at=NOW, new_show=True)
    show = stored.show
    assert show.title == "Glass Harbor" and not show.listed
    for address in (f"/shows/{show.slug}/", f"/shows/{show.slug}/season-2/",
                    f"/shows/{show.slug}/calendar.ics", f"/api/shows/{show.slug}"):
        assert client.get(address).status_code == 404, address
    assert "Glass Harbor" not in client.get("/search/", {"q": "glass harbor"}).content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and "/shows/" in sitemap.content.decode()
    assert "glass-harbor" not in sitemap.content.decode()

    # reading it again finds the same (unlisted) show instead of making another
    again = store_reading(read_for_catalog(article(), show_title="Glass Harbor"),
                         location="https://news.example/glass-harbor-s2", is_url=True,
                         retrieved_at=NOW)
    assert again.show.pk == show.pk and Show.objects.filter(title="Glass Harbor").count() == 1

    status = Claim.objects.get(source=again.source, kind="status")
    review(Claim.objects.filter(pk=status.pk), ClaimState.CONFIRMED)
    show.refresh_from_db()
    assert show.listed and show.status == "renewed"
    page = client.get(f"/shows/{show.slug}/")
    assert page.status_code == 200 and "Renewed" in page.content.decode()


def test_rejecting_its_claims_keeps_a_new_show_off_the_site(client, catalog):
    stored = store_reading(read_for_catalog(article(), show_title="Glass Harbor",
                                            new_show=True),
                           location="https://news.example/glass-harbor-s2", is_url=True,
                           retrieved_at=NOW, new_show=True)
    review(Claim.objects.filter(source=stored.source), ClaimState.REJECTED)
    stored.show.refresh_from_db()
    assert not stored.show.listed
    assert client.get(f"/shows/{stored.show.slug}/").status_code == 404


def test_the_add_article_form_needs_the_new_shows_title(client, catalog):
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-for-tests")
    client.force_login(user)
    sources = Source.objects.count()
    response = client.post("/admin/catalog/source/add-article/", {
        "url": "https://news.example/glass-harbor-s2", "text": TEXT, "show": "",
        "new_show": "on"})
    assert response.status_code == 200 and "Name the new show here." in response.content.decode()
    assert Source.objects.count() == sources
    response = client.post("/admin/catalog/source/add-article/", {
        "url": "https://news.example/glass-harbor-s2", "text": TEXT, "show": "Glass Harbor",
        "new_show": "on", "published": "2026-11-18"})
    assert response.status_code == 302
    queue = client.get(response["Location"]).content.decode()
    assert "New to the catalog: Glass Harbor" in queue


def test_the_cli_reads_a_new_show_only_when_told(cli_env, tmp_path):
    page = tmp_path / "glass-harbor.txt"
    page.write_text(TEXT, encoding="utf-8")
    refused = run_cli(cli_env, "read", str(page), "--show", "Glass Harbor", "--date",
                      "2026-11-18")
    assert refused.returncode != 0 and "say it is a new show" in refused.stderr
    assert "Traceback" not in refused.stderr
    lonely = run_cli(cli_env, "read", str(page), "--new-show")
    assert lonely.returncode != 0 and "--new-show needs --show TITLE" in lonely.stderr
    done = run_cli(cli_env, "read", str(page), "--show", "Glass Harbor", "--new-show",
                   "--date", "2026-11-18")
    assert done.returncode == 0, done.stderr
    assert "'Glass Harbor' is new to the catalog" in done.stderr
    assert "Mara Quill" in done.stdout


def test_an_article_about_a_show_no_catalog_has_proposes_its_headlines_show(catalog):
    from renewcast.sources.articles.reader import fetch_article

    page = fetch_article(str(FIXTURES / "articles" / "unknown_show_renewal.txt"))
    reading = read_for_catalog(page)
    assert reading.new_show == "Harrow Creek" and reading.shows[0] == "Harrow Creek"
    assert any(c.kind == "status" and c.fields["value"] == "renewed" for c in reading.claims)
    # the desk's path (no word from an editor) stores nothing for it
    with pytest.raises(SourceError, match="no show named"):
        store_reading(reading, location="https://news.example/harrow", is_url=True,
                      retrieved_at=NOW)
    stored = store_reading(reading, location="https://news.example/harrow", is_url=True,
                           retrieved_at=NOW, new_show=True)
    assert stored.show.title == "Harrow Creek" and not stored.show.listed


@pytest.mark.parametrize("headline, body, expected", [
    ("'Lantern Row': Network renews period drama for Season 3",
     "The network renewed Lantern Row on Monday.", "Lantern Row"),
    ("Copper Sky season 2 release date set for May",
     "Copper Sky returns in May with eight episodes.", "Copper Sky"),
    ("Streamer cancels The Long Field after one season",
     "The Long Field will not return, the streamer said.", "The Long Field"),
    ("The Orchard Keepers Renewed for Season 4 at Network",
     "The Orchard Keepers has been renewed, the network said.", "The Orchard Keepers"),
    ("Jo Lane Says Her Exit Was 'A Long Time Coming'",  # someone's words, not a title
     "Jo Lane said it was A Long Time Coming in an interview.", None),
    ("Everyone Is Talking About 'Bright Water' Star Jo Lane",
     "Jo Lane spoke about Bright Water.", "Bright Water"),
    ("The week in television", "Nothing here names a show.", None),
    ("'Pale Hills' Season 2 in production", "Filming has begun.", None),  # not in the body
    ("HBO Max Season 3 arrives in May", "HBO Max has more in May.", None),  # a platform
    ("Prime Video Season 2 lineup", "Prime Video shared its lineup.", None),
])
def test_the_headline_names_the_show(headline, body, expected):
    from renewcast.sources.articles.headline_show import headline_show

    assert headline_show(headline, body) == expected


@pytest.mark.parametrize("title", ["!!!", "  ", "\x00"])
def test_a_new_show_needs_a_real_title(catalog, title):
    with pytest.raises(SourceError):
        read_for_catalog(article(), show_title=title, new_show=True)
    assert not Show.objects.filter(listed=False).exists()
