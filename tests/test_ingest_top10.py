"""Loading the Netflix Top 10 into the knowledge base: seasons, chart weeks, idempotence."""

import pytest
from helpers import FIXTURES, load_top10

from renewcast.catalog.models import AllTimeRank, ChartWeek, Event, EventKind, Season, Show

pytestmark = pytest.mark.django_db


def season(show_title, number):
    return Season.objects.get(show__title=show_title, number=number)


def test_first_load_creates_shows_seasons_and_every_tv_chart_week():
    report = load_top10()
    assert report.read == 126
    assert report.skipped == 3  # the three film rows
    assert report.created == 123 == ChartWeek.objects.count()
    assert (report.updated, report.unchanged, report.rejected) == (0, 0, 0)
    assert report.shows_created == Show.objects.count() == 9
    partner = Show.objects.get(slug="partner-track")
    assert (partner.platform, partner.language) == ("Netflix", "English")
    weeks = list(season("Partner Track", 1).chart_weeks.order_by("week"))
    assert [(w.rank, w.hours, w.views, w.weeks_on_list) for w in weeks] == [
        (7, 16_660_000, None, 1),
        (4, 31_140_000, None, 2),
        (6, 18_210_000, None, 3),
    ]
    assert weeks[0].source.tier == "official"
    assert weeks[0].source.url.endswith("/tudum/top10/data/all-weeks-global.tsv")


def test_second_run_of_the_same_file_changes_nothing_and_says_so():
    load_top10()
    before = list(ChartWeek.objects.order_by("id").values())
    report = load_top10()
    assert (report.created, report.updated, report.unchanged) == (0, 0, 123)
    assert (report.shows_created, report.seasons_created, report.events_created) == (0, 0, 0)
    assert not report.changed
    assert "nothing changed" in report.summary_lines()[-1]
    assert list(ChartWeek.objects.order_by("id").values()) == before


def test_a_corrected_number_counts_as_an_update():
    load_top10()
    text = (FIXTURES / "top10-excerpt.tsv").read_text()
    fixed = text.replace("Partner Track: Season 1\t31140000", "Partner Track: Season 1\t31150000")
    report = load_top10(data=fixed.encode())
    assert (report.created, report.updated, report.unchanged) == (0, 1, 122)
    assert season("Partner Track", 1).chart_weeks.get(rank=4).hours == 31_150_000


def test_season_titles_map_to_the_right_seasons():
    load_top10()
    # "N/A" beside "Stranger Things 2..5" is the first season.
    assert season("Stranger Things", 1).chart_title == "N/A"
    assert set(
        Season.objects.filter(show__title="Stranger Things").values_list("number", flat=True)
    ) == {1, 2, 3, 4, 5}
    assert season("Money Heist", 5).label == "Part 5"
    assert season("Love Is Blind", 7).label == "Season 7: Washington D.C."
    assert season("Our Planet", 2).chart_title == "Our Planet: II"
    nineties = {
        s.chart_title: s.number for s in Season.objects.filter(show__title="That '90s Show")
    }
    assert nineties == {"That '90s Show: Part 1": 1, "That '90s Show: Part 2": 2}


def test_a_part_after_a_season_with_the_same_number_is_a_new_season():
    header = (FIXTURES / "top10-excerpt.tsv").read_text().splitlines()[0]
    rows = [
        "2023-01-01\tTV (English)\t1\tDuo\tDuo: Season 1\t100\t\t\t1",
        "2023-06-04\tTV (English)\t1\tDuo\tDuo: Part 1\t100\t\t\t1",
        "2023-06-11\tTV (English)\t1\tDuo\tDuo: Part 1\t90\t\t\t2",
    ]
    load_top10(data="\n".join([header, *rows]).encode())
    numbers = {s.chart_title: s.number for s in Season.objects.filter(show__title="Duo")}
    assert numbers == {"Duo: Season 1": 1, "Duo: Part 1": 2}


def test_an_editors_renumbering_survives_the_next_ingest():
    load_top10()
    named = Season.objects.get(
        show__title="The Chestnut Man", chart_title__endswith="Hide and Seek"
    )
    named.number = 9
    named.save()
    report = load_top10()
    assert report.created == 0 and report.seasons_created == 0
    assert Season.objects.get(pk=named.pk).number == 9


def test_limited_series_are_marked_ended_from_the_official_list():
    load_top10()
    show = Show.objects.get(title="Boo, Bitch")
    assert show.seasons.get().label == "Limited Series"
    event = Event.objects.get(show=show, kind=EventKind.ENDING)
    assert event.claim.state == "confirmed" and event.claim.source.tier == "official"
    show.refresh_from_db()
    assert show.status == "ended"


def test_rows_with_errors_are_reported_and_their_neighbours_kept():
    lines = (FIXTURES / "top10-excerpt.tsv").read_text().splitlines()
    lines.insert(3, "2022-08-28\tTV (English)\t11\tBroken\tBroken: Season 1\t100\t\t\t1")
    lines.insert(6, "not-a-date\tTV (English)\t1\tBroken\tBroken: Season 1\t100\t\t\t1")
    report = load_top10(data=("\n".join(lines) + "\n").encode())
    assert [str(e) for e in report.errors] == [
        "line 4: rank 11 is outside 1-10",
        "line 7: week 'not-a-date' is not a date (YYYY-MM-DD)",
    ]
    assert report.created == 123
    assert not Show.objects.filter(title="Broken").exists()


def test_most_popular_list_loads_series_only_and_is_idempotent():
    report = load_top10("most-popular.tsv")
    assert report.read == 40 and report.skipped == 20
    assert AllTimeRank.objects.count() == report.created == 20
    top = AllTimeRank.objects.get(list="TV (English)", rank=1)
    assert top.hours > 0 and top.source.url.endswith("most-popular.tsv")
    again = load_top10("most-popular.tsv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
