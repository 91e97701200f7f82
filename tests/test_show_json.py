"""The schema of ``renewcast show --json`` (documented in docs/show-json.md)."""

import pytest
from helpers import load_outcomes, load_top10

from renewcast.catalog.models import Credit, Person, Season, Show, Source
from renewcast.catalog.show_json import show_as_dict

pytestmark = pytest.mark.django_db


def test_schema_of_a_show():
    load_top10()
    load_outcomes()
    show = Show.objects.get(slug="partner-track")
    data = show_as_dict(show)
    assert {"title", "slug", "platform", "status", "status_source", "cast", "seasons"} <= set(data)
    assert (data["title"], data["slug"], data["platform"], data["status"]) == (
        "Partner Track", "partner-track", "Netflix", "canceled")
    assert data["status_source"].startswith("https://comicbook.com/")
    (season,) = data["seasons"]
    assert season["number"] == 1 and season["premiere_date"] is None
    assert [(w["week"], w["list"], w["rank"], w["hours"], w["views"], w["weeks_on_list"])
            for w in season["chart_weeks"]] == [
        ("2022-08-28", "TV (English)", 7, 16660000, None, 1),
        ("2022-09-04", "TV (English)", 4, 31140000, None, 2),
        ("2022-09-11", "TV (English)", 6, 18210000, None, 3),
    ]


def test_cast_lists_person_and_character():
    load_top10()
    season = Season.objects.get(show__slug="partner-track", number=1)
    source = Source.objects.create(url="https://example.org/cast")
    arden = Person.objects.create(name="Arden Cho", slug="arden-cho")
    Credit.objects.create(person=arden, season=season, character="Ingrid Yun", source=source)
    data = show_as_dict(season.show)
    assert data["cast"] == [{"person": "Arden Cho", "character": "Ingrid Yun", "seasons": [1],
                             "source": "https://example.org/cast"}]
