"""Wikipedia's snapshot tables as dated evidence: titles, fates, and where they stop counting."""

from __future__ import annotations

import datetime as dt

import pytest

from renewcast.forecast.history import Event as Fact
from renewcast.forecast.history import SeasonFacts
from renewcast.sources import reference
from renewcast.sources.reference import ReferenceRow, ShowSeasons, reference_fate

D = dt.date


@pytest.mark.parametrize(("raw", "clean"), [
    ("You (seasons 2–4)", "You"),
    ("Money Heist(parts 3â€“5)", "Money Heist"),
    ("Black Mirror (series 3–6)", "Black Mirror"),
    ("Elite Short Stories: GuzmÃ¡n Caye Rebe", "Elite Short Stories: Guzmán Caye Rebe"),
    ("Love, Death & Robots", "Love, Death & Robots"),
    ("Rebel Moon (Director's Cut)", "Rebel Moon (Director's Cut)"),  # not a season mark
])
def test_titles_lose_continuation_marks_and_mis_decoding(raw, clean):
    assert reference.clean_title(raw) == clean


def current(status: str) -> ReferenceRow:
    return ReferenceRow(reference.CURRENT, "Show", {
        "title": "Show", "genre": "Drama", "premiere": "May 1, 2023",
        "seasons": "2 seasons, 16 episodes", "status": status})


def ended() -> ReferenceRow:
    return ReferenceRow(reference.ENDED, "Show", {
        "title": "Show", "genre": "Drama", "premiere": "2021-05-01", "finale": "2022-06-01",
        "seasons": "2"})


TWO_OUT = ShowSeasons("Show", {1: D(2021, 5, 1), 2: D(2022, 6, 1)})


@pytest.mark.parametrize(("status", "outcome", "covers", "final"), [
    ("Miniseries", "ended", (), 2),
    ("Renewed", "renewed", (3,), None),
    ("Renewed for final season", "renewed", (3,), 3),
    ("Renewed for seasons 3–4", "renewed", (3, 4), None),
    ("Season 3 due to premiere in 2025", "renewed", (3,), None),
    ("Season 3 due to premiere on June 5, 2025 Renewed for season 4", "renewed", (3, 4), None),
    ("Season 3 due to premiere in 2025 Renewed for season 4 (final)", "renewed", (3, 4), 4),
    ("Final season due to premiere in 2025", "renewed", (3,), 3),
])
def test_the_current_lists_status_cell_reads_as_a_decision(status, outcome, covers, final):
    fate = reference_fate(TWO_OUT, current(status))
    assert (fate.season, fate.outcome, fate.covers, fate.final_season) == (2, outcome, covers,
                                                                          final)
    assert fate.announced == D(2025, 3, 24)  # the snapshot's day, not an announcement
    assert fate.source_url == reference.TABLES[reference.CURRENT][1]
    assert status in fate.evidence and len(fate.evidence) <= 200


@pytest.mark.parametrize("status", ["Pending", "", "Awaiting release", "Season 2 ongoing"])
def test_nothing_decided_gives_no_fate(status):
    assert reference_fate(TWO_OUT, current(status)) is None


def test_the_ended_list_ends_the_last_season_it_could_have_seen():
    fate = reference_fate(TWO_OUT, ended())
    assert (fate.season, fate.outcome, fate.final_season) == (2, "ended", 2)
    assert fate.announced == D(2023, 8, 28)


def test_a_season_the_snapshot_could_not_see_voids_its_word():
    # Season 3 came out after the ended list was taken: the list was wrong, or out of date.
    revived = ShowSeasons("Show", {1: D(2021, 5, 1), 2: D(2022, 6, 1), 3: D(2024, 9, 1)})
    assert reference_fate(revived, ended()) is None
    # a season the catalog knows of but that has no date yet counts too
    announced = ShowSeasons("Show", {1: D(2021, 5, 1), 2: D(2022, 6, 1), 3: None})
    assert reference_fate(announced, ended()) is None
    # and a show with nothing out by the snapshot gets nothing
    assert reference_fate(ShowSeasons("Show", {1: D(2024, 1, 5)}), ended()) is None


def test_the_forecaster_never_learns_decision_timing_from_a_snapshot():
    listed = Fact("ending", D(2023, 8, 28), season_number=1, final_season=1,
                  source=reference.TABLES[reference.ENDED][1])
    announced = Fact("renewal", D(2022, 3, 1), season_number=1, source="https://deadline.com/x")
    season = SeasonFacts(key=1, show_title="Show", number=1, show_decisions=(listed,))
    assert season.decision().proven  # a true fate, but not a dated announcement
    season = SeasonFacts(key=1, show_title="Show", number=1, show_decisions=(announced,))
    assert not season.decision().proven


CHART = "\n".join([
    "week\tcategory\tweekly_rank\tshow_title\tseason_title\tweekly_hours_viewed\truntime\t"
    "weekly_views\tcumulative_weeks_in_top_10",
    "2021-12-26\tTV (Non-English)\t3\tThe Silent Sea\tThe Silent Sea: Season 1\t22230000\t\t\t1",
    "2021-06-20\tTV (Non-English)\t4\tKatla\tKatla: Season 1\t9000000\t\t\t1",
    "2021-07-11\tTV (English)\t5\tUnlisted Show\tUnlisted Show: Season 1\t9000000\t\t\t1",
]) + "\n"


@pytest.mark.django_db
def test_bundled_tables_give_fates_only_to_shows_no_dated_decision_covers():
    from helpers import load_outcomes, load_top10

    from renewcast.catalog.models import Event, Show
    from renewcast.catalog.reference_fates import apply_reference_fates

    load_top10(data=CHART.encode())
    Show.objects.update(is_original=True)
    load_outcomes(data=(
        b"show_title,season,outcome,announced,source_url,evidence\n"
        b"Katla,1,renewed,2021-09-01,https://example.org/katla,Katla is renewed (a test row)\n"
    ))
    report = apply_reference_fates()
    listed = Event.objects.filter(claim__source__url__in=reference.REFERENCE_URLS)
    assert report.created == 1
    event = listed.select_related("show", "claim__source").get()
    assert (event.show.title, event.kind, event.final_season) == ("The Silent Sea", "ending", 1)
    assert event.date == D(2023, 8, 28) and event.claim.source.publisher == "Wikipedia"
    assert "The Silent Sea" in event.claim.quote
    assert Show.objects.get(title="The Silent Sea").status == "ended"
    # Katla's dated decision outranks the table; a show in no table gets nothing
    assert Show.objects.get(title="Katla").status == "renewed"
    assert apply_reference_fates().created == 0  # idempotent


@pytest.mark.django_db
def test_a_dated_renewal_of_an_earlier_season_leaves_the_tables_ending_standing():
    """Biohackers' season 2 renewal, dated, says nothing of a season 3: the ended list's
    "ended after season 2" still speaks for it. A cancellation speaks for the whole show."""
    from helpers import load_outcomes, load_top10

    from renewcast.catalog.models import Event, Show
    from renewcast.catalog.reference_fates import apply_reference_fates

    rows = [f"{week}\tTV (Non-English)\t4\tBiohackers\tBiohackers: Season {n}\t9000000\t\t\t1"
            for week, n in (("2020-08-23", 1), ("2021-07-11", 2))]
    load_top10(data="\n".join([CHART.splitlines()[0], *rows, ""]).encode())
    Show.objects.update(is_original=True)
    load_outcomes(data=(
        b"show_title,season,outcome,announced,source_url,evidence\n"
        b"Biohackers,1,renewed,2020-08-28,https://example.org/bio,Biohackers is renewed (a test)\n"
    ))
    apply_reference_fates()
    listed = Event.objects.filter(claim__source__url__in=reference.REFERENCE_URLS)
    event = listed.select_related("season").get(show__title="Biohackers")
    assert (event.kind, event.season.number, event.final_season) == ("ending", 2, 2)
    assert Show.objects.get(title="Biohackers").status == "ended"
    load_outcomes(data=(
        b"show_title,season,outcome,announced,source_url,evidence\n"
        b"Biohackers,2,canceled,2021-08-01,https://example.org/bio2,"
        b"Biohackers is canceled (a test)\n"
    ))
    apply_reference_fates()
    assert not listed.filter(show__title="Biohackers").exists()
    assert Show.objects.get(title="Biohackers").status == "canceled"


def test_a_miniseries_is_one_season_even_when_listed_before_its_release():
    later = ShowSeasons("Show", {1: D(2025, 4, 9)})  # out two weeks after the snapshot
    fate = reference_fate(later, current("Miniseries"))
    assert (fate.season, fate.outcome, fate.final_season) == (1, "ended", 1)
    # but not a show that went on to a second season
    assert reference_fate(ShowSeasons("Show", {1: D(2025, 4, 9), 2: D(2026, 4, 1)}),
                          current("Miniseries")) is None


@pytest.mark.django_db
def test_a_later_season_withdraws_a_tables_fate():
    from helpers import load_top10

    from renewcast.catalog.models import Event, Show
    from renewcast.catalog.reference_fates import apply_reference_fates

    load_top10(data=CHART.encode())
    Show.objects.update(is_original=True)
    apply_reference_fates()
    assert Show.objects.get(title="The Silent Sea").status == "ended"
    # Netflix's chart later shows a season 2 the 2023 snapshot could not have known
    load_top10(data=(CHART.splitlines()[0] + "\n" + "2026-05-03\tTV (Non-English)\t2\t"
                     "The Silent Sea\tThe Silent Sea: Season 2\t30000000\t\t\t1\n").encode())
    apply_reference_fates()
    listed = Event.objects.filter(claim__source__url__in=reference.REFERENCE_URLS)
    assert not listed.filter(show__title="The Silent Sea").exists()
    assert Show.objects.get(title="The Silent Sea").status != "ended"
    assert listed.filter(show__title="Katla").exists()  # untouched where it still holds


def test_the_timeline_says_listed_for_a_tables_fate():
    from types import SimpleNamespace

    def event(url):
        return SimpleNamespace(claim=SimpleNamespace(source=SimpleNamespace(url=url)))

    assert reference.listed_only(event(reference.TABLES[reference.ENDED][1]))
    assert not reference.listed_only(event("https://deadline.com/2023/08/x"))
