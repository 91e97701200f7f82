"""The editors' review queue: proposed claims stay private until confirmed; confirming one
puts its fact on the show's page, rejecting takes it away; the "Add article" form."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from helpers import PARTNER_TRACK_000, load_outcomes, load_top10
from test_cli_read import NO_SHOW

from renewcast.catalog.ingest.articles import store_reading
from renewcast.catalog.models import Claim, ClaimState, Credit, Event, Show, Source, Statement
from renewcast.catalog.reading import read_for_catalog
from renewcast.catalog.review import review
from renewcast.sources.articles.reader import fetch_article

pytestmark = pytest.mark.django_db
ARTICLE = PARTNER_TRACK_000
NOW = dt.datetime(2022, 9, 5, tzinfo=dt.UTC)


@pytest.fixture
def catalog():
    load_top10()
    load_outcomes()


@pytest.fixture
def editor(client, catalog):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-for-tests")
    client.force_login(user)
    return client


def read(path=ARTICLE, **kwargs):
    article = fetch_article(str(path), **kwargs)
    return store_reading(read_for_catalog(article), location=str(path), is_url=False,
                         retrieved_at=NOW)


def test_a_read_stores_proposed_claims_that_the_page_does_not_show(client, catalog):
    stored = read()
    assert stored.show.title == "Partner Track"
    assert stored.proposed and all(c.state == ClaimState.PROPOSED for c in stored.proposed)
    kinds = {c.kind for c in stored.proposed}
    assert {"status", "cast", "statement", "event", "prediction", "plot"} <= kinds
    for claim in stored.proposed:  # offsets point into the stored body
        assert stored.source.body[claim.start:claim.end] == claim.quote
    page = client.get("/shows/partner-track/").content.decode()
    assert "Arden Cho" not in page and "We are really excited" not in page
    assert not Credit.objects.exists() and not Statement.objects.exists()


def test_confirming_puts_facts_on_the_page_and_rejecting_removes_them(client, catalog):
    stored = read()
    claims = Claim.objects.filter(source=stored.source)
    assert review(claims.exclude(kind="status"), ClaimState.CONFIRMED) > 0
    assert Credit.objects.filter(person__name="Arden Cho", character="Ingrid Yun").exists()
    assert Statement.objects.filter(speaker="Jinny Howe", stance="positive").exists()
    assert Event.objects.filter(show__slug="partner-track", kind="filming_wrap",
                                precision="month", date=dt.date(2022, 2, 1)).exists()
    page = client.get("/shows/partner-track/").content.decode()
    assert "Arden Cho" in page and "Ingrid Yun" in page
    assert "We are really excited" in page and "Jinny Howe" in page
    assert '<details class="spoiler">' in page  # the finale recap is behind a control
    assert "February 2022" in page  # the wrap, at month precision, in the timeline
    assert Show.objects.get(slug="partner-track").status == "canceled"  # the real decision

    review(claims, ClaimState.REJECTED)
    assert not Credit.objects.exists() and not Statement.objects.filter(
        claim__source=stored.source).exists()
    assert not Event.objects.filter(claim__source=stored.source).exists()
    assert "Arden Cho" not in client.get("/shows/partner-track/").content.decode()


def test_a_local_file_an_editor_read_is_never_published_by_its_path(client, catalog):
    stored = read()
    assert stored.source.url.startswith("file://")  # kept, to recognise a re-read
    review(Claim.objects.filter(source=stored.source).exclude(kind="status"),
           ClaimState.CONFIRMED)
    folder = str(ARTICLE.parent)
    pages = {url: client.get(url).content.decode() for url in (
        "/api/shows/partner-track/events", "/api/shows/partner-track/statements",
        "/api/shows/partner-track/claims", "/api/events", "/shows/partner-track/",
        "/shows/partner-track/season-1/", "/shows/partner-track/feed.atom", "/feed.atom")}
    assert "Jinny Howe" in pages["/api/shows/partner-track/statements"]
    assert "Arden Cho" in pages["/shows/partner-track/"]
    for url, body in pages.items():
        assert "file://" not in body and folder not in body, url
    answer = client.get("/api/shows/partner-track/statements").json()
    assert {s["source"]["url"] for s in answer["items"]} == {None}


def test_a_confirmed_renewal_status_changes_the_show_status(catalog, tmp_path):
    page = tmp_path / "renewed.txt"
    page.write_text(
        "Netflix Renews Partner Track For Season 2\n\n"
        "Published: June 3, 2025\n\n"
        "Netflix has officially renewed Partner Track for a second season, the streamer "
        "announced on Tuesday. The legal drama starring Arden Cho as Ingrid Yun was canceled "
        "in 2022 but fans campaigned for its return for years, and the show was a hit again "
        "when it came back to the Top 10 last month with millions of hours viewed.\n",
        encoding="utf-8")
    stored = read(page)
    status = [c for c in stored.proposed if c.kind == "status"]
    assert [c.value["value"] for c in status] == ["renewed"]
    review(status, ClaimState.CONFIRMED)
    show = Show.objects.get(slug="partner-track")
    assert show.status == "renewed"
    assert show.status_event.kind == "renewal" and show.status_event.season.number == 1
    assert show.status_event.date == dt.date(2025, 6, 3)


def test_rereading_replaces_proposals_and_keeps_reviews(catalog):
    first = read()
    review(Claim.objects.filter(source=first.source, kind="cast"), ClaimState.REJECTED)
    total = Claim.objects.filter(source=first.source).count()
    second = read()
    assert Source.objects.filter(pk=first.source.pk).count() == 1
    assert Claim.objects.filter(source=first.source).count() == total
    assert second.already_reviewed == 8
    assert not any(c.kind == "cast" for c in second.proposed)  # rejected stays rejected


def test_admin_lists_proposed_claims_with_the_quote_in_context_escaped(editor, tmp_path):
    page = tmp_path / "hostile.txt"
    page.write_text(
        "Partner Track Season 2: <script>alert(1)</script> What We Know\n\n"
        "Netflix has yet to renew Partner Track for season 2, and the cast is waiting. "
        "Creator Georgia Lee said, “We are <b>very</b> hopeful we will get to continue the "
        "story of <script>alert('x')</script> Ingrid in season two and beyond.” The show "
        "follows a lawyer at a New York law firm who wants to make partner there.\n",
        encoding="utf-8")
    stored = read(page)
    for address, params in [("/admin/catalog/claim/", {"source__id__exact": stored.source.pk}),
                            ("/admin/catalog/claim/to-review/", {"source": stored.source.pk})]:
        html = editor.get(address, params).content.decode()
        assert "<mark" in html and "Awaiting a decision on season 2" in html
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html
        assert "<b>very</b>" not in html


def test_admin_bulk_confirm_action(editor):
    stored = read()
    ids = [c.pk for c in stored.proposed if c.kind == "cast"]
    response = editor.post("/admin/catalog/claim/", {
        "action": "confirm_claims", "_selected_action": ids})
    assert response.status_code == 302
    assert Credit.objects.filter(claim_id__in=ids).count() == 8


def test_add_article_form_reads_pasted_text_and_redirects_to_the_queue(editor):
    response = editor.get("/admin/catalog/source/add-article/")
    assert response.status_code == 200 and b"Article address" in response.content
    response = editor.post("/admin/catalog/source/add-article/", {
        "url": "https://www.example-news.com/partner-track-season-2",
        "text": ARTICLE.read_text(encoding="utf-8"), "show": "", "published": "2022-09-03"})
    assert response.status_code == 302
    source = Source.objects.get(url="https://www.example-news.com/partner-track-season-2")
    assert response["Location"].endswith(f"/admin/catalog/claim/to-review/?source={source.pk}")
    assert source.published_at.date() == dt.date(2022, 9, 3)
    assert source.claims.filter(state=ClaimState.PROPOSED).count() > 10


@pytest.mark.parametrize("data, message", [
    ({"url": "not a url", "text": ""}, "Enter a valid URL"),
    ({"url": "https://example.com/a", "text": "Bonjour. " * 80}, "English"),
    ({"url": "https://example.com/b", "text": NO_SHOW}, "names no show"),
    ({"url": "https://example.com/c", "text": ARTICLE.read_text(encoding="utf-8"),
      "show": "No Such Show Qq"}, "no show named"),
])
def test_add_article_form_errors_store_nothing(editor, data, message):
    before = Source.objects.count(), Claim.objects.count()
    response = editor.post("/admin/catalog/source/add-article/", {"show": "", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Source.objects.count(), Claim.objects.count()) == before


def test_claims_read_as_sentences_not_codes(catalog):
    stored = read()
    from renewcast.catalog.claim_fields import claim_sentence

    lines = {claim_sentence(c) for c in stored.proposed}
    assert "Season 1 filming wraps February 2022" in lines
    assert "Bradley Gibson plays Tyler Robinson" in {line.split(" (")[0] for line in lines}
    assert not any("filming_wrap" in line or line.startswith("S1 ") for line in lines)


def test_the_change_form_edits_fields_and_keeps_season_and_value_in_step(editor):
    stored = read()
    claim = next(c for c in stored.proposed if c.kind == "event" and c.value["event"]
                 == "filming_wrap")
    page = editor.get(f"/admin/catalog/claim/{claim.pk}/change/").content.decode()
    assert 'name="date"' in page and 'name="event"' in page and 'name="season"' in page
    assert 'name="value"' not in page  # no raw JSON
    response = editor.post(f"/admin/catalog/claim/{claim.pk}/change/", {
        "show": claim.show_id, "state": "confirmed", "season": "1", "event": "filming_wrap",
        "date": "2022-03", "true_on": "", "confidence": "1.0",
        "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:3000]
    claim.refresh_from_db()
    assert claim.value["date"] == "2022-03" and claim.value["season"] == 1
    assert claim.season is not None and claim.season.number == 1
    assert Event.objects.get(claim=claim).date == dt.date(2022, 3, 1)
    # a second correction moves the confirmed fact with it
    editor.post(f"/admin/catalog/claim/{claim.pk}/change/", {
        "show": claim.show_id, "state": "confirmed", "season": "1", "event": "filming_wrap",
        "date": "2022-04-02", "true_on": "", "confidence": "1.0",
        "events-TOTAL_FORMS": "0", "events-INITIAL_FORMS": "0"})
    assert list(Event.objects.filter(claim=claim).values_list("date", "precision")) == [
        (dt.date(2022, 4, 2), "day")]


def test_the_queue_saves_nothing_when_one_field_is_wrong(editor):
    stored = read()
    rows = {f"c{c.pk}-decision": "confirm" for c in stored.proposed}
    event = next(c for c in stored.proposed if c.kind == "event")
    rows[f"c{event.pk}-date"] = "2022-02-30"
    fields = {**rows, "source": stored.source.pk}
    for claim in stored.proposed:  # the unchanged fields, as the page sends them
        from renewcast.catalog.claim_fields import initial_for
        for name, value in initial_for(claim).items():
            fields.setdefault(f"c{claim.pk}-{name}", "" if value is None else value)
    response = editor.post("/admin/catalog/claim/to-review/", fields)
    assert response.status_code == 200
    assert "not a real date" in response.content.decode()
    assert not Claim.objects.filter(source=stored.source).exclude(state="proposed").exists()
    fields[f"c{event.pk}-date"] = "2022-02"
    response = editor.post("/admin/catalog/claim/to-review/", fields)
    assert response.status_code == 302
    assert not Claim.objects.filter(source=stored.source, state="proposed").exists()


def test_the_queue_lists_articles_by_search_and_the_index_counts_them(editor):
    stored = read()
    waiting = len(stored.proposed)
    index = editor.get("/admin/").content.decode()
    assert f"<strong>{waiting}</strong> claims from 1 article" in index
    found = editor.get("/admin/catalog/claim/to-review/", {"q": "partner"}).content.decode()
    assert f"source={stored.source.pk}" in found
    missing = editor.get("/admin/catalog/claim/to-review/", {"q": "no-such-outlet"})
    assert "No article waiting matches" in missing.content.decode()
    # the claims list filters by a typed source, not by a list of every address
    listed = editor.get("/admin/catalog/claim/", {"source_q": "likely headed"}).content.decode()
    assert 'name="source_q"' in listed and "Bradley Gibson" in listed
    other = editor.get("/admin/catalog/claim/", {"source_q": "nowhere.example"}).content.decode()
    assert "Bradley Gibson" not in other


def test_the_queue_needs_permission_to_change_claims(client, catalog):
    user = get_user_model().objects.create_user("viewer", "v@example.org", "pw-for-tests",
                                                is_staff=True)
    client.force_login(user)
    assert client.get("/admin/catalog/claim/to-review/").status_code == 403


@pytest.mark.parametrize("params", [{"q": "a\x00b"}, {"source": "abc"}, {"source": "99999"},
                                    {"q": "x" * 5000}])
def test_the_queue_answers_bad_input_without_an_error(editor, params):
    read()
    assert editor.get("/admin/catalog/claim/to-review/", params).status_code == 200
    assert editor.get("/admin/catalog/claim/", {"source_q": params.get("q", "z")}
                      ).status_code == 200
    response = editor.post("/admin/catalog/claim/to-review/", {"source": params.get(
        "source", "abc")})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("typed, seasons", [
    ("3, 4", [3, 4]), ("4 & 3", [3, 4]), ("3 and 4", [3, 4]), ("3 AND 4+5", [3, 4, 5]),
    ("", [])])
def test_seasons_ordered_are_read_from_what_an_editor_types(typed, seasons):
    from renewcast.catalog.claim_fields import clean_covers
    assert clean_covers(typed) == seasons


@pytest.mark.parametrize("typed", ["3 a 4", "3, n", "d", "three", "0, 1", "3, 100", "3-4x"])
def test_seasons_ordered_refuse_anything_but_numbers(typed):
    from django import forms

    from renewcast.catalog.claim_fields import clean_covers
    with pytest.raises(forms.ValidationError):
        clean_covers(typed)
