"""Editors merge anthology installments and correct what a show is; ingests keep both."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from helpers import load_outcomes, load_top10

from renewcast.catalog.classify import classify_shows
from renewcast.catalog.ingest.outcomes import ingest_outcomes
from renewcast.catalog.merge import MergeError, merge_shows
from renewcast.catalog.models import ChartWeek, Event, Show, ShowAlias
from renewcast.community.models import Comment, Fan
from renewcast.sources.outcomes import read_outcomes

pytestmark = pytest.mark.django_db


def make(title: str, *numbers: int) -> Show:
    show = Show.objects.create(title=title, slug=title.lower().replace(" ", "-"),
                               platform="Netflix")
    for n in numbers:
        show.seasons.create(number=n, chart_title=f"{title}: Season {n}")
    return show


def test_a_merge_renumbers_seasons_moves_everything_and_keeps_the_title_as_alias():
    first, second = make("Tale One", 1), make("Tale Two", 1, 2)
    fan = Fan.objects.create()
    Comment.objects.create(show=second, season_number=2, fan=fan, name="fan",
                           body="more please", client="c", fingerprint="f")
    merged = merge_shows(first, second)
    assert (merged.first_season, merged.moved_seasons) == (2, 2)
    assert sorted(first.seasons.values_list("number", flat=True)) == [1, 2, 3]
    assert not Show.objects.filter(pk=second.pk).exists()
    assert Comment.objects.get().show == first and Comment.objects.get().season_number == 3
    alias = ShowAlias.objects.get(title="Tale Two")
    assert (alias.show, alias.first_season) == (first, 2)


def test_a_merge_that_would_collide_is_refused_and_changes_nothing():
    first, second = make("Left", 1, 2), make("Right", 1)
    with pytest.raises(MergeError, match="already has season"):
        merge_shows(first, second, first_season=2)
    assert Show.objects.filter(pk=second.pk).exists()
    with pytest.raises(MergeError, match="itself"):
        merge_shows(first, first)


def test_later_ingests_of_an_installments_title_land_on_the_merged_show():
    first, second = make("Saga", 1), make("Saga Returns", 1)
    merge_shows(first, second)
    csv = ("show_title,season,outcome,announced,source_url,evidence,covers,final_season\n"
           "Saga Returns,1,renewed,2025-05-01,https://example.org/saga,Saga returns again,,\n")
    report = ingest_outcomes(read_outcomes(csv.encode()), location="test")
    assert report.shows_created == 0
    event = Event.objects.get(show=first)
    assert event.season.number == 2  # the installment's season 1 is the show's season 2
    first.refresh_from_db()
    assert first.status == "renewed"


def test_the_bundled_catalog_ships_monster_merged_in_order():
    from renewcast.bootstrap import load_bundled

    load_bundled(say=lambda _: None)
    monster = Show.objects.get(slug="monster")
    seasons = {s.number: s.chart_title for s in monster.seasons.all()}
    assert seasons[1].startswith("DAHMER") and seasons[2].startswith("Monsters:")
    assert seasons[3].startswith("Monster: The Ed Gein Story")
    assert not Show.objects.filter(title__in=("DAHMER", "Monsters")).exists()
    assert ChartWeek.objects.filter(season__show=monster).count() >= 19


def test_an_editors_kind_survives_the_next_classification(client):
    load_top10()
    load_outcomes()
    classify_shows()
    show = Show.objects.get(title="Partner Track")
    assert (show.kind, show.is_original) == ("scripted", True)
    user = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw-for-tests")
    client.force_login(user)
    form = client.get(f"/admin/catalog/show/{show.pk}/change/")
    assert form.status_code == 200
    data = {"title": show.title, "slug": show.slug, "platform": "Netflix", "kind": "reality",
            "is_original": "true", "language": show.language, "imdb_id": "",
            "seasons-TOTAL_FORMS": "0", "seasons-INITIAL_FORMS": "0",
            "seasons-MIN_NUM_FORMS": "0", "seasons-MAX_NUM_FORMS": "1000"}
    done = client.post(f"/admin/catalog/show/{show.pk}/change/", data)
    assert done.status_code == 302, done.content.decode()[:2000]
    show.refresh_from_db()
    assert show.kind == "reality" and show.classified_by_editor
    classify_shows()
    show.refresh_from_db()
    assert show.kind == "reality"


def test_licensed_and_one_off_shows_get_no_forecast_and_say_why(client):
    from renewcast.bootstrap import load_bundled

    load_bundled(say=lambda _: None)
    for slug, words in (("1883", "made for Paramount+"), ("raw", "live event or weekly"),
                        ("la-brea", "made for NBC")):
        page = client.get(f"/shows/{slug}/", HTTP_HOST="127.0.0.1").content.decode()
        assert words in page and 'class="forecast' not in page, slug
        api = client.get(f"/api/shows/{slug}/forecast", HTTP_HOST="127.0.0.1").json()
        assert api["state"] == "not_forecast" and words in api["message"], slug
    assert dt.date.today()  # the pages above are as of today


def test_a_kind_read_from_a_page_is_used_where_wikipedia_is_silent_and_cites_the_page():
    show = make("The Glory", 1)  # in neither Wikipedia table; its kind was read from a page
    classify_shows([show.pk])
    show.refresh_from_db()
    assert show.kind == "scripted"
    assert show.kind_source is not None and show.kind_source.url.startswith("http")
    assert "wikipedia" not in show.kind_source.url
