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


