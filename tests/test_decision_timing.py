"""When a decision usually comes: a season is compared with its own platform's seasons,
and when too few of those are known the sentence says it fell back to Netflix's."""

from __future__ import annotations

from datetime import date, timedelta

from renewcast.forecast.history import Decision, Event, SeasonFacts
from renewcast.forecast.timing import MIN_SEASONS, decision_timing

AS_OF = date(2026, 11, 21)


def decided(n: int, platform: str, weeks_later: int) -> tuple[SeasonFacts, Decision]:
    premiere = date(2024, 1, 5) + timedelta(days=7 * n)
    season = SeasonFacts(key=(platform, n), show_title=f"{platform} show {n}", number=1,
                         premiere_date=premiere, platform=platform)
    said = premiere + timedelta(weeks=weeks_later)
    return season, Decision("renewed", Event("renewal", said, season_number=1))


def undecided(platform: str) -> SeasonFacts:
    return SeasonFacts(key="new", show_title="New", number=1, premiere_date=date(2026, 10, 2),
                       platform=platform)


def test_a_season_is_compared_with_its_own_platforms_decisions():
    netflix = [decided(n, "", 6) for n in range(MIN_SEASONS)]  # the Top 10's: no platform
    fx = [decided(n, "FX", 20) for n in range(MIN_SEASONS)]
    timing = decision_timing(undecided("FX"), netflix + fx, AS_OF)
    assert timing.like == "FX seasons" and timing.seasons == MIN_SEASONS
    assert timing.weeks == (20, 20)
    on_netflix = decision_timing(undecided(""), netflix + fx, AS_OF)
    assert on_netflix.like == "Netflix seasons" and on_netflix.weeks == (6, 6)


def test_too_few_of_its_platforms_decisions_falls_back_to_netflix_and_says_so():
    netflix = [decided(n, "Netflix", 6) for n in range(MIN_SEASONS)]
    fx = [decided(n, "FX", 20) for n in range(MIN_SEASONS - 1)]
    timing = decision_timing(undecided("FX"), netflix + fx, AS_OF)
    assert timing.weeks == (6, 6) and timing.seasons == MIN_SEASONS  # FX's left out
    assert timing.text.startswith("most decisions for Netflix seasons (too few FX decisions "
                                  "are known to compare with) came 6–6 weeks after premiere")


def spread_renewals(count: int) -> list[tuple[SeasonFacts, Decision]]:
    """Renewals announced 4, 5, 6, … weeks after their premieres."""
    out = []
    for n in range(count):
        premiere = date(2024, 1, 5) + timedelta(days=7 * n)
        season = SeasonFacts(key=n, show_title=f"show {n}", number=1, premiere_date=premiere)
        said = premiere + timedelta(weeks=4 + n)
        out.append((season, Decision("renewed", Event("renewal", said, season_number=1))))
    return out


def waited(weeks: int) -> SeasonFacts:
    return SeasonFacts(key="new", show_title="New", number=1,
                       premiere_date=AS_OF - timedelta(weeks=weeks))


def test_silence_past_the_usual_renewal_window_lowers_the_chance():
    renewals = spread_renewals(20)  # 4 … 23 weeks after premiere
    early = decision_timing(waited(3), renewals, AS_OF)
    assert early.after_waiting(0.9) == 0.9  # before half the renewals are in: no change
    middle = decision_timing(waited(16), renewals, AS_OF)
    late = decision_timing(waited(40), renewals, AS_OF)
    assert 0.9 > middle.after_waiting(0.9) > late.after_waiting(0.9)
    assert late.after_waiting(0.9) < 0.5  # longer than every past renewal took
    assert late.after_waiting(0.0) == 0.0 and 0 < late.after_waiting(0.999) < 1




def test_an_order_for_a_later_season_does_not_date_the_next_seasons_decision():
    """Season 3 ordered while season 1 is the latest out proves season 2 was renewed, but
    on some earlier, unknown day: a true label, never a decision window (Wednesday's
    season 3 order came 32 months after its premiere; season 2's came within 3)."""
    premiere = date(2022, 11, 23)
    third = Event("renewal", date(2025, 7, 23), season_number=1, covers=(3,))
    season = SeasonFacts(key="w", show_title="W", number=1, premiere_date=premiere,
                         events=(third,))
    decision = season.decision(AS_OF)
    assert decision.outcome == "renewed" and decision.implied and not decision.dated
    named = Event("renewal", date(2023, 1, 6), season_number=1, covers=(2, 3))
    both = SeasonFacts(key="w2", show_title="W2", number=1, premiere_date=premiere,
                       events=(named,))
    assert both.decision(AS_OF).dated
    timing = decision_timing(undecided(""), [(season, decision)] + spread_renewals(MIN_SEASONS),
                             AS_OF)
    assert timing.seasons == MIN_SEASONS  # the implied one is left out


def test_silence_is_compared_with_every_renewal_as_the_site_first_saw_it():
    """Announced renewals all came within 4–15 weeks; a renewal known only from a later
    season's order, 80 weeks on, kept its season silent until then. After 40 weeks without
    news, 'seen' still expects that renewal's kind of silence; 'announced' does not."""
    from renewcast.forecast.timing import ANNOUNCED, NO_WAIT, SEEN

    announced = spread_renewals(MIN_SEASONS)
    late = []
    for n in range(4):
        premiere = date(2023, 1, 6) + timedelta(days=7 * n)
        season = SeasonFacts(key=f"late{n}", show_title=f"late {n}", number=1,
                             premiere_date=premiere)
        order = Event("renewal", premiere + timedelta(weeks=80), season_number=1, covers=(3,))
        late.append((season, Decision("renewed", order, implied=True)))
    labeled = announced + late
    season = waited(40)
    seen = decision_timing(season, labeled, AS_OF, SEEN)
    only = decision_timing(season, labeled, AS_OF, ANNOUNCED)
    assert seen.renewed_weeks == only.renewed_weeks  # the windows are announcements only
    assert only.renewals_still_to_come == 1 / (MIN_SEASONS + 2)
    assert seen.renewals_still_to_come == 5 / (MIN_SEASONS + 4 + 2)
    assert seen.after_waiting(0.9) > only.after_waiting(0.9)
    assert decision_timing(season, labeled, AS_OF, NO_WAIT).after_waiting(0.9) == 0.9
