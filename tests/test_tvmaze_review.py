"""An editor answering a TVmaze disagreement: confirming it takes TVmaze's version,
rejecting it keeps ours, and either answer sticks through later syncs.

The claims go through :func:`renewcast.catalog.review.review`, the one path the admin's
actions, its edit form and the API share.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from tvmaze_server import load_fixture_shows

NOW = dt.datetime(2026, 11, 21, 12, tzinfo=dt.UTC)


def raw_show(name: str) -> dict:
    return copy.deepcopy(next(s for s in load_fixture_shows() if s["name"] == name))


def confirmed(show, on_season, kind: str, **value):
    from renewcast.catalog.models import Claim, ClaimState, Source

    source, _ = Source.objects.get_or_create(url="https://press.example/a", publisher="Press")
    return Claim.objects.create(show=show, season=on_season, kind=kind, source=source,
                                state=ClaimState.CONFIRMED, quote="…", value=value)


def pending():
    from renewcast.catalog.models import Claim, ClaimState

    return Claim.objects.get(state=ClaimState.PROPOSED, value__has_key="disagreement")


@pytest.mark.django_db
def test_confirming_a_premiere_disagreement_takes_tvmazes_date():
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.models import ClaimState, Event, Season, Show
    from renewcast.catalog.review import review
    from renewcast.sources.tvmaze import parse_show

    tv = parse_show(raw_show("The Bear"))
    show = Show.objects.create(title=tv.name, slug="the-bear")
    first = tv.seasons[0]
    season = Season.objects.create(show=show, number=first.number)
    ours = confirmed(show, season, "event", event="premiere", date="1999-05-01")
    Event.objects.create(show=show, season=season, kind="premiere", date=dt.date(1999, 5, 1),
                         claim=ours)
    season.premiere_date, season.premiere_source = dt.date(1999, 5, 1), ours.source
    season.save()
    assert sync_show(tv, now=NOW).disagreements == 1
    theirs = pending()
    assert theirs.true_on == NOW.date()  # the day TVmaze was seen saying so

    assert review([theirs], ClaimState.CONFIRMED) == 1
    ours.refresh_from_db()
    season.refresh_from_db()
    assert ours.state == ClaimState.REJECTED  # replaced, not kept beside it
    assert season.premiere_date == first.premiere_date
    assert season.premiere_source == theirs.source
    shown = Event.objects.filter(season=season, kind="premiere",
                                 claim__state=ClaimState.CONFIRMED)
    assert [(e.date, e.claim_id) for e in shown] == [(first.premiere_date, theirs.pk)]
    again = sync_show(tv, now=NOW)  # TVmaze now agrees with what is confirmed
    assert again.disagreements == 0 and not again.changed, again.changes

    review([theirs], ClaimState.REJECTED)  # changing one's mind takes TVmaze's fact away
    assert not Event.objects.filter(claim=theirs).exists()


@pytest.mark.django_db
def test_confirming_that_tvmaze_ended_the_show_adds_the_ending_and_keeps_the_renewal():
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.models import ClaimState, Event, Status
    from renewcast.catalog.review import review
    from renewcast.catalog.status import refresh_statuses
    from renewcast.sources.tvmaze import parse_show

    raw = raw_show("1899")
    assert raw["status"] == "Ended"
    tv = parse_show(raw)
    show = sync_show(tv, now=NOW).show
    last = show.seasons.order_by("-number").first()
    renewal = confirmed(show, last, "status", value="renewed", season=last.number + 1)
    Event.objects.create(show=show, season=last, kind="renewal", date=dt.date(2022, 12, 1),
                         claim=renewal)
    refresh_statuses([show.pk])
    show.refresh_from_db()
    assert show.status == Status.RENEWED

    assert sync_show(tv, now=NOW).disagreements == 1
    ended = pending()
    assert ended.kind == "status" and ended.value["value"] == "ended"
    review([ended], ClaimState.CONFIRMED)
    show.refresh_from_db()
    renewal.refresh_from_db()
    assert show.status == Status.ENDED
    assert (show.status_event.claim_id, show.status_event.date) == (ended.pk, NOW.date())
    assert renewal.state == ClaimState.CONFIRMED  # it was true when it was announced
    assert sync_show(tv, now=NOW).disagreements == 0

    review([ended], ClaimState.REJECTED)
    show.refresh_from_db()
    assert show.status == Status.RENEWED and show.status_event.claim_id == renewal.pk


@pytest.mark.django_db
def test_confirming_a_cast_disagreement_retires_our_character():
    from renewcast.catalog.ingest.tvmaze import _credit_season, sync_show
    from renewcast.catalog.models import ClaimState, Credit
    from renewcast.catalog.review import review
    from renewcast.pages.knowledge import confirmed_knowledge
    from renewcast.sources.tvmaze import parse_show

    raw = raw_show("Severance")
    tv = parse_show(raw)
    show = sync_show(tv, now=NOW).show
    season = _credit_season(tv, {s.number: s for s in show.seasons.all()}, NOW.date())
    role = raw["_embedded"]["cast"][0]
    person, character = role["person"]["name"], role["character"]["name"]
    ours = confirmed(show, season, "cast", person=person, character="Somebody Else",
                     season=season.number)
    Credit.objects.create(person=Credit.objects.get(season=season, character=character).person,
                          season=season, character="Somebody Else", source=ours.source,
                          claim=ours)

    def characters() -> set[str]:
        cast = confirmed_knowledge(show)["cast"]
        return {row["character"] for row in cast if row["person"].name == person}

    assert characters() == {character, "Somebody Else"}
    assert sync_show(tv, now=NOW).disagreements == 1
    review([pending()], ClaimState.CONFIRMED)
    ours.refresh_from_db()
    assert ours.state == ClaimState.REJECTED
    assert characters() == {character}


@pytest.mark.django_db
def test_the_admin_queue_says_what_confirming_a_disagreement_does(admin_client):
    from renewcast.catalog.ingest.tvmaze import sync_show
    from renewcast.catalog.models import ClaimState, Event, Season, Show
    from renewcast.sources.tvmaze import parse_show

    tv = parse_show(raw_show("The Bear"))
    show = Show.objects.create(title=tv.name, slug="the-bear")
    season = Season.objects.create(show=show, number=tv.seasons[0].number)
    ours = confirmed(show, season, "event", event="premiere", date="1999-05")
    Event.objects.create(show=show, season=season, kind="premiere", date=dt.date(1999, 5, 1),
                         precision="month", claim=ours)
    sync_show(tv, now=NOW)
    theirs = pending()
    html = admin_client.get("/admin/catalog/claim/", {"state__exact": "proposed"}).content
    assert "TVmaze&#x27;s version: Season 1 premieres" in html.decode()
    assert "confirm takes it, reject keeps ours" in html.decode()
    response = admin_client.post("/admin/catalog/claim/", {
        "action": "confirm_claims", "_selected_action": [theirs.pk]})
    assert response.status_code == 302
    ours.refresh_from_db()
    assert ours.state == ClaimState.REJECTED
    assert Event.objects.get(claim=theirs).date == tv.seasons[0].premiere_date
