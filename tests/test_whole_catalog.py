"""Every confirmed decision in the bundled catalog, walked end to end.

For each show with a decision: the cached status, the answer on every season page the
decisions cover or rule out, the API and the premiere calendar must say the same thing as
the fold of its decisions (forecast.coverage). No page may say "Not yet" for a season a
decision covers or excludes, and no premiere window or calendar entry may exist for a
season that is out or ruled out. (On the data and code before decisions named the seasons
they cover, Bridgerton's season 5 page said "Not yet — 99 %" beside "a fifth and sixth
season".)
"""

from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from renewcast.bootstrap import load_bundled
from renewcast.catalog.models import Show
from renewcast.catalog.status import coverage, decision_events
from renewcast.forecast.coverage import NO, YES
from renewcast.pages.season_page import load_seasons, released_number, season_context


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker):
    """Per show with a decision: what the fold says and what the pages and API say."""
    today = timezone.localdate()
    client = Client(HTTP_HOST="127.0.0.1")
    found = []
    # The charts (matplotlib, a quarter second each) say nothing about the answer.
    with django_db_blocker.unblock(), transaction.atomic(), \
            patch("renewcast.pages.season_page.viewership_svg", lambda weeks, phone=False: ""):
        load_bundled(say=lambda _: None)
        decisions = decision_events(Show.objects.values_list("pk", flat=True), today)
        shows = Show.objects.filter(pk__in=[k for k, v in decisions.items() if v])
        calendar = client.get("/calendar.ics").content.decode()
        for show in shows.order_by("title"):
            seasons = load_seasons(show)
            released = released_number(seasons, today, decisions[show.pk])
            fold = coverage(released, decisions[show.pk])
            top = max(fold.ordered_through, fold.last or 0) + 1
            pages = {}
            for number in range(released + 1, top + 1):
                if not fold.ruling(number).decided:
                    continue  # "Not yet" with a forecast: nothing covers it to disagree with
                context = season_context(show, seasons, number, today)
                pages[number] = (fold.ruling(number), context["answer"], context["premiere"])
            api = client.get(f"/api/shows/{show.slug}").json()
            found.append((show, released, fold, pages, api))
        transaction.set_rollback(True)
    return {"shows": found, "calendar": calendar}


def test_the_walk_covers_the_bundled_decisions(walked):
    assert len(walked["shows"]) >= 300
    names = {show.title for show, *_ in walked["shows"]}
    for title in ("Bridgerton", "Stranger Things", "Ginny & Georgia", "Cobra Kai", "You",
                  "Avatar: The Last Airbender", "The Umbrella Academy", "Human Resources"):
        assert title in names


def test_status_api_and_every_covered_page_agree_with_the_decisions(walked):
    wrong = []
    for show, _released, fold, pages, api in walked["shows"]:
        if show.status != fold.status or api["status"] != fold.status:
            wrong.append(f"{show.title}: status {show.status}, API {api['status']}, "
                         f"decisions say {fold.status}")
        for number, (ruling, answer, premiere) in pages.items():
            said = answer.short
            if ruling.answer == YES and said != "Yes":
                wrong.append(f"{show.title} season {number}: says {said!r}, was ordered")
            if ruling.answer == NO and said != "No":
                wrong.append(f"{show.title} season {number}: says {said!r}, was ruled out")
            if ruling.answer == NO and premiere is not None:
                wrong.append(f"{show.title} season {number}: premiere window for a season "
                             "that will not be made")
    assert not wrong, "\n".join(wrong[:40])


def test_the_answers_fans_search_for(walked):
    by_title = {show.title: (show, pages) for show, _, _, pages, _ in walked["shows"]}
    expected = {  # (season, short answer) as the shows' own quotes give them
        "Bridgerton": [(5, "Yes"), (6, "Yes")],
        "Stranger Things": [(6, "No")],
        "Ginny & Georgia": [(4, "Yes")],
        "Cobra Kai": [(7, "No")],
        "You": [(6, "No")],
        "The Umbrella Academy": [(5, "No")],
        "Human Resources": [(3, "No")],
    }
    for title, answers in expected.items():
        show, pages = by_title[title]
        for number, short in answers:
            assert pages[number][1].short == short, (title, number, pages[number][1])


def test_the_calendar_lists_only_seasons_ordered_and_not_out(walked):
    entries = re.findall(r"SUMMARY:(?:Prediction: )?(.+?) season (\d+)", walked["calendar"])
    assert entries
    by_title = {show.title: (released, fold) for show, released, fold, _, _ in walked["shows"]}
    for title, number in entries:
        title = title.replace("\\,", ",").replace("\\;", ";")
        if title not in by_title:
            continue  # a show with no decision: an announced date is its own evidence
        released, fold = by_title[title]
        assert int(number) > released, (title, number)
        assert fold.ruling(int(number)).answer == YES, (title, number)
