"""Features as of a date, on hand-built histories: what was public then, and nothing more."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from renewcast.forecast.features import (
    MAX_HORIZON,
    MIN_PEERS,
    PeerIndex,
    chart_window,
    features_as_of,
    weeks_visible,
    window_public_on,
)
from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.history import (
    NON_ENGLISH,
    ChartWeek,
    Event,
    History,
    SeasonFacts,
)

EN = "TV (English)"
SUNDAY = date(2023, 1, 1)  # a Sunday: the end of a chart week
DAY = timedelta(days=1)
WEEK = timedelta(weeks=1)


def weeks(debut: date, hours: list[int | None], *, ranks: list[int] | None = None,
          views: list[int | None] | None = None, chart: str = EN,
          first_on_list: int = 1) -> tuple[ChartWeek, ...]:
    """Chart weeks from ``debut`` on; a None in ``hours`` is a week off the chart."""
    out = []
    on_list = first_on_list
    for i, h in enumerate(hours):
        if h is None:
            continue
        rank = ranks[i] if ranks else 5
        out.append(ChartWeek(debut + i * WEEK, chart, rank, h, views[i] if views else None,
                             None, on_list))
        on_list += 1
    return tuple(out)


def season(key, debut: date | None = None, hours=(1000,), *, ranks=None, views=None,
           chart: str = EN, number: int = 1, first_on_list: int = 1, **facts) -> SeasonFacts:
    """A season of show ``key``; no ``debut`` means it never reached the chart."""
    chart_weeks = () if debut is None else weeks(
        debut, list(hours), ranks=ranks, views=views, chart=chart, first_on_list=first_on_list)
    return SeasonFacts(key, f"Show {key}", number, chart=chart_weeks, **facts)


# --- weeks_visible: a chart week is public on its Tuesday (Sunday + 2 days) ------------

@pytest.mark.parametrize(
    ("as_of", "visible"),
    [
        (SUNDAY - DAY, 0),  # before the debut week even ended
        (SUNDAY, 0),  # the Sunday that ends the debut week: not published yet
        (SUNDAY + DAY, 0),  # Monday
        (SUNDAY + 2 * DAY, 1),  # Tuesday: the debut week's chart is out
        (SUNDAY + 8 * DAY, 1),  # the next Monday
        (SUNDAY + 9 * DAY, 2),  # the next Tuesday
        (SUNDAY + 7 * WEEK + 2 * DAY, 8),
        (SUNDAY + 7 * WEEK + DAY, 7),
    ],
)
def test_weeks_visible_counts_charts_published_by_the_date(as_of, visible):
    assert weeks_visible(SUNDAY, as_of) == visible


def test_window_is_public_on_the_tuesday_after_its_last_week():
    assert window_public_on(SUNDAY, 1) == SUNDAY + 2 * DAY
    assert window_public_on(SUNDAY, 3) == SUNDAY + 2 * WEEK + 2 * DAY
    for horizon in range(1, MAX_HORIZON + 1):
        public = window_public_on(SUNDAY, horizon)
        assert weeks_visible(SUNDAY, public) == horizon
        assert weeks_visible(SUNDAY, public - DAY) == horizon - 1


def test_chart_week_public_on_and_chart_public_agree_with_weeks_visible():
    s = season("a", SUNDAY, [100, 200, 300])
    assert [w.public_on for w in s.chart] == [SUNDAY + 2 * DAY + i * WEEK for i in range(3)]
    for offset in range(-3, 30):
        as_of = SUNDAY + offset * DAY
        assert len(s.chart_public(as_of)) == min(weeks_visible(SUNDAY, as_of), 3), as_of


def test_features_on_monday_and_tuesday():
    s = season("a", SUNDAY, [100, 200, 300])
    history = History.of([s])
    monday = features_as_of(s, SUNDAY + 8 * DAY, {}, history)
    tuesday = features_as_of(s, SUNDAY + 9 * DAY, {}, history)
    assert (monday.weeks_since_debut, monday.horizon, monday.weeks_in_top10_so_far) == (1, 1, 1)
    assert (tuesday.weeks_since_debut, tuesday.horizon, tuesday.weeks_in_top10_so_far) == (2, 2, 2)
    assert monday.window.hours == 100 and tuesday.window.hours == 300


def test_horizon_stops_at_max_horizon():
    s = season("a", SUNDAY, [100] * 12)
    later = features_as_of(s, SUNDAY + 11 * WEEK + 2 * DAY, {}, History.of([s]))
    assert later.weeks_since_debut == 12
    assert later.horizon == MAX_HORIZON
    assert later.window.weeks_in_top10 == MAX_HORIZON


# --- Event.public_on: month- and year-precision dates never leak early -----------------

@pytest.mark.parametrize(
    ("day", "precision", "public"),
    [
        (date(2022, 2, 1), "month", date(2022, 2, 28)),
        (date(2024, 2, 1), "month", date(2024, 2, 29)),  # leap year
        (date(2022, 12, 1), "month", date(2022, 12, 31)),
        (date(2022, 4, 15), "month", date(2022, 4, 30)),
        (date(2022, 4, 15), "day", date(2022, 4, 15)),
        (date(2022, 1, 1), "year", date(2022, 12, 31)),
    ],
)
def test_event_public_on(day, precision, public):
    assert Event("renewal", day, precision).public_on == public


def test_month_precision_decision_is_known_only_at_the_end_of_the_month():
    s = season("a", date(2021, 12, 5), [100, 100],
               events=(Event("renewal", date(2022, 2, 1), "month", 1),))
    assert s.decision(date(2022, 2, 27)) is None
    assert s.decision(date(2022, 2, 28)).outcome == "renewed"
    history = History.of([s])
    assert history.labeled(before=date(2022, 2, 28)) == []  # strictly before
    assert [x.key for x, _ in history.labeled(before=date(2022, 3, 1))] == ["a"]


def test_an_ending_is_a_decision_but_not_a_label():
    s = season("a", SUNDAY, events=(Event("ending", SUNDAY + 2 * DAY),))
    assert s.decision(SUNDAY + 2 * DAY).outcome == "ended"
    assert History.of([s]).labeled(before=date(2030, 1, 1)) == []


# --- chart_window: weeks off the chart count as zero ------------------------------------

def test_chart_window_counts_weeks_off_the_chart_as_zero():
    s = season("a", SUNDAY, [100, 300, None, 50, None, 999], ranks=[5, 2, 0, 8, 0, 1])
    window = chart_window(s, 4)
    assert window.hours_by_week == (100, 300, 0, 50)
    assert window.weeks_in_top10 == 3
    assert window.hours == 450
    assert (window.debut_rank, window.peak_rank) == (5, 2)
    assert window.decay == 3.0
    assert window.views is None and window.views_by_week == (None,) * 4

    wider = chart_window(s, 6)
    assert wider.hours_by_week == (100, 300, 0, 50, 0, 999)
    assert (wider.weeks_in_top10, wider.hours, wider.peak_rank) == (4, 1449, 1)


def test_chart_window_beyond_the_chart_and_with_views():
    s = season("a", SUNDAY, [100, None, 40], views=[10, None, 4])
    window = chart_window(s, 5)
    assert window.hours_by_week == (100, 0, 40, 0, 0)
    assert window.views_by_week == (10, 0, 4, 0, 0)
    assert window.views == 14
    assert chart_window(s, 1).decay is None  # one week: no second week to compare


def test_a_week_off_the_chart_is_zero_in_the_features():
    s = season("a", SUNDAY, [100, None, 40])
    f = features_as_of(s, SUNDAY + 2 * WEEK + 2 * DAY, {}, History.of([s]))
    assert f.horizon == 3 and f.weeks_in_top10_so_far == 2
    assert f.window.hours_by_week == (100, 0, 40)
    assert f.vector()["weeks_in_top10"] == 2.0


def test_no_window_without_a_known_debut():
    assert chart_window(season("a"), 4) is None
    assert chart_window(season("b", SUNDAY, [100, 100], first_on_list=3), 2) is None


# --- PeerIndex: same list, debuted in the previous 365 days, window fully public --------

MONDAY = SUNDAY + timedelta(days=365)  # 2024-01-01, a Monday: MONDAY - 365 days == SUNDAY
TUESDAY = MONDAY + DAY


def peer_history() -> History:
    two = [100, 100]
    return History.of([
        season("target", TUESDAY - 2 * DAY, two),  # debut week ends the Sunday before TUESDAY
        season("too-old", SUNDAY - WEEK, two),
        season("oldest-in", SUNDAY, two),  # exactly 365 days before MONDAY
        season("next-in", SUNDAY + WEEK, two),
        season("middle", SUNDAY + 26 * WEEK, two),
        season("non-english", SUNDAY + 26 * WEEK, two, chart=NON_ENGLISH),
        season("no-debut", SUNDAY + 26 * WEEK, two, first_on_list=4),
        season("never-charted"),
        # Its second week ends the Sunday before TUESDAY, so is published on TUESDAY.
        season("latest-in", TUESDAY - 2 * DAY - WEEK, two),
        # Debuted with the target: only its first week is public on TUESDAY.
        season("half-public", TUESDAY - 2 * DAY, two),
    ])


def peer_keys(history: History, horizon: int, as_of: date, key: str = "target") -> set:
    index = PeerIndex(history, horizon)
    return {row[1] for row in index.peers(history[key], as_of)}


def test_peers_are_same_list_recent_and_fully_public():
    history = peer_history()
    # TUESDAY: the window of 2 weeks is public for debuts up to TUESDAY - 9 days.
    assert peer_keys(history, 2, TUESDAY) == {"next-in", "middle", "latest-in"}


def test_peer_window_is_365_days_back_inclusive():
    history = peer_history()
    # On MONDAY the oldest peer debuted exactly 365 days before and still counts;
    # "latest-in" is not fully public yet (its second week is published on TUESDAY).
    assert peer_keys(history, 2, MONDAY) == {"oldest-in", "next-in", "middle"}
    assert peer_keys(history, 2, MONDAY + DAY) == {"next-in", "middle", "latest-in"}


def test_peers_at_one_week_include_the_last_published_debut_but_never_the_season_itself():
    history = peer_history()
    assert peer_keys(history, 1, TUESDAY) == {"next-in", "middle", "latest-in", "half-public"}
    assert peer_keys(history, 1, TUESDAY, key="half-public") == {
        "next-in", "middle", "latest-in", "target"}
    assert peer_keys(history, 1, TUESDAY - DAY) == {"oldest-in", "next-in", "middle",
                                                    "latest-in"}


def test_a_non_english_season_only_has_non_english_peers():
    history = History.of([
        *peer_history(),
        season("ne-target", TUESDAY - 2 * DAY, [100], chart=NON_ENGLISH),
    ])
    assert peer_keys(history, 1, TUESDAY, key="ne-target") == {"non-english"}


def peers_with(hours: list[int], target_hours: int) -> History:
    debut = SUNDAY + 40 * WEEK
    seasons = [season(f"p{i}", SUNDAY + i * WEEK, [h]) for i, h in enumerate(hours)]
    return History.of([*seasons, season("target", debut, [target_hours])])


def test_percentile_needs_min_peers():
    as_of = SUNDAY + 40 * WEEK + 2 * DAY
    few = peers_with([10, 20, 30, 40][: MIN_PEERS - 1], 25)
    index = PeerIndex(few, 1)
    assert index.percentile(few["target"], as_of, 25, 2) == (None, MIN_PEERS - 1)
    f = features_as_of(few["target"], as_of, {}, few)
    assert f.hours_percentile is None and f.peer_count == MIN_PEERS - 1
    assert f.vector()["hours_percentile"] == 0.5  # the middle of the pack when unknown

    enough = peers_with([10, 20, 30, 40, 50], 30)
    index = PeerIndex(enough, 1)
    assert index.percentile(enough["target"], as_of, 30, 2) == (0.5, 5)  # a tie counts half
    assert index.percentile(enough["target"], as_of, 1000, 2) == (1.0, 5)
    assert index.percentile(enough["target"], as_of, 1, 2) == (0.0, 5)
    f = features_as_of(enough["target"], as_of, {}, enough)
    assert (f.hours_percentile, f.peer_count) == (0.5, 5)
    assert f.views_percentile is None  # no views on these charts


def test_percentile_only_counts_fully_public_peers():
    # Five peers debuted before the target; one a week after it. On the target's second
    # Tuesday that one has a single week published: a peer at one week, not at two.
    target_debut = SUNDAY + 40 * WEEK
    seasons = [season(f"p{i}", SUNDAY + (35 + i) * WEEK, [10 * (i + 1)] * 2) for i in range(5)]
    seasons.append(season("week-later", target_debut + WEEK, [60, 60]))
    history = History.of([*seasons, season("target", target_debut, [35, 35])])
    target = history["target"]
    second_tuesday = target_debut + WEEK + 2 * DAY
    two, one = PeerIndex(history, 2), PeerIndex(history, 1)
    assert two.percentile(target, second_tuesday, 70, 2) == (0.6, 5)
    assert one.percentile(target, second_tuesday, 35, 2) == (0.5, 6)
    # A week earlier p4's two weeks were not all published yet: four peers are too few.
    assert two.percentile(target, second_tuesday - 2 * WEEK, 70, 2) == (None, 4)
    f = features_as_of(target, second_tuesday, {}, history)
    assert (f.horizon, f.window.hours, f.hours_percentile, f.peer_count) == (2, 70, 0.6, 5)


# --- low information ---------------------------------------------------------------------

def test_season_already_on_the_chart_when_publishing_began_is_low_information():
    s = season("a", date(2021, 6, 27), [100, 90, 80], first_on_list=3)
    assert s.debut_week is None
    f = features_as_of(s, date(2021, 8, 1), {}, History.of([s]))
    assert f.low_information
    assert f.horizon == 0 and f.window is None
    assert f.weeks_in_top10_so_far == 3
    assert any("June 2021" in n for n in f.notes)


def test_season_with_no_public_chart_week_is_low_information():
    s = season("a", SUNDAY, [100, 90])
    history = History.of([s])
    before = features_as_of(s, SUNDAY + DAY, {}, history)  # the Monday: not published yet
    assert before.low_information and before.horizon == 0 and before.window is None
    assert before.weeks_in_top10_so_far == 0
    assert before.notes == ["not in the weekly Top 10 so far"]
    published = features_as_of(s, SUNDAY + 2 * DAY, {}, history)
    assert not published.low_information and published.horizon == 1


def test_never_charted_season_is_low_information():
    s = season("a")
    f = features_as_of(s, date(2024, 1, 1), {}, History.of([s]))
    assert f.low_information and f.horizon == 0
    assert f.notes == ["not in the weekly Top 10 so far"]


def test_forecast_without_chart_information_falls_back_to_a_base_rate():
    history = History.of([season("a", SUNDAY, [100, 90], first_on_list=2), season("b")])
    forecaster = Forecaster(history)
    for key in ("a", "b"):
        forecast = forecaster.forecast(key, SUNDAY + 4 * WEEK)
        assert forecast.state == "forecast"
        assert forecast.low_information
        assert 0 <= forecast.p_renew <= 1
        assert any(n.startswith("base rate:") for n in forecast.notes)
