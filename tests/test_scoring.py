"""The scoring arithmetic and the press's hedge words, checked against numbers worked by hand."""

from datetime import date

import pytest

from renewcast.forecast.scoring import (
    Player,
    Scored,
    bin_of,
    brier,
    calibration,
    calibration_error,
    month_error,
    rank,
    summarize,
)
from renewcast.sources.hedges import hedge_phrase, press_probability


@pytest.mark.parametrize(("p", "outcome", "expected"), [
    (0.7, 1, 0.09),   # (0.7 - 1)^2
    (0.7, 0, 0.49),   # (0.7 - 0)^2
    (0.5, 1, 0.25),   # a coin flip scores 0.25 either way
    (0.5, 0, 0.25),
    (0.99, 1, 0.0001),
    (0.01, 1, 0.9801),
    (1.0, 1, 0.0),
    (0.0, 1, 1.0),
])
def test_brier_is_the_squared_gap(p, outcome, expected):
    assert brier(p, outcome) == pytest.approx(expected)


@pytest.mark.parametrize(("p", "outcome"), [(1.2, 1), (-0.1, 0), (0.5, 2), (0.5, -1)])
def test_brier_refuses_nonsense(p, outcome):
    with pytest.raises(ValueError):
        brier(p, outcome)


@pytest.mark.parametrize(("predicted", "actual", "months"), [
    (date(2027, 5, 1), date(2027, 5, 30), 0),   # the same month, whatever the day
    (date(2027, 5, 1), date(2027, 6, 1), 1),
    (date(2027, 5, 1), date(2027, 4, 30), 1),   # early counts the same as late
    (date(2026, 11, 1), date(2027, 2, 14), 3),  # across a new year
    (date(2025, 1, 1), date(2027, 1, 1), 24),
])
def test_month_error_counts_whole_calendar_months(predicted, actual, months):
    assert month_error(predicted, actual) == months


def test_bins_are_tenths_with_the_edges_in_the_upper_bin():
    assert [bin_of(p) for p in (0.0, 0.01, 0.099, 0.1, 0.3, 0.7, 0.7000001, 0.99, 1.0)] == \
        [0, 0, 0, 1, 3, 7, 7, 9, 9]


def test_calibration_table_by_hand():
    # 70%, 75% and 70% in the 70–80% bin: mean 71.67%, two of three renewed (66.67%).
    # 20% and 10%: one each in the 20–30% and 10–20% bins, neither renewed.
    pairs = [(0.7, 1), (0.75, 1), (0.7, 0), (0.2, 0), (0.1, 0)]
    bins = calibration(pairs)
    assert len(bins) == 10
    assert [b.n for b in bins] == [0, 1, 1, 0, 0, 0, 0, 3, 0, 0]
    seventy = bins[7]
    assert (seventy.low, seventy.high) == (0.7, 0.8)
    assert seventy.mean_forecast == pytest.approx(2.15 / 3)
    assert seventy.observed == pytest.approx(2 / 3)
    assert bins[0].mean_forecast is None and bins[0].observed is None
    # Calibration error: 3/5 * |0.71667 - 0.66667| + 1/5 * |0.1 - 0| + 1/5 * |0.2 - 0|
    #                  = 0.03 + 0.02 + 0.04 = 0.09
    assert calibration_error(bins) == pytest.approx(0.09)


def test_a_perfectly_calibrated_player_has_no_calibration_error():
    pairs = [(0.8, 1)] * 4 + [(0.8, 0)]  # said 80%, and four in five came true
    assert calibration_error(calibration(pairs)) == pytest.approx(0.0)


def test_summary_by_hand():
    scored = [
        Scored(0.7, 1, months_off=2),   # Brier 0.09
        Scored(0.7, 0),                 # 0.49
        Scored(0.2, 0, months_off=None),  # 0.04
        Scored(months_off=5),           # a premiere guess alone: no Brier
    ]
    summary = summarize(scored)
    assert summary.n == 3
    assert summary.mean_brier == pytest.approx((0.09 + 0.49 + 0.04) / 3)  # 0.20667
    assert summary.months_n == 2
    assert summary.mean_month_error == pytest.approx(3.5)
    assert sum(b.n for b in summary.calibration) == 3


def test_an_empty_summary():
    summary = summarize([])
    assert (summary.n, summary.mean_brier, summary.months_n, summary.mean_month_error,
            summary.calibration_error) == (0, None, 0, None, None)


def player(key, *pairs, months=()):
    return Player(key, key.title(), "fan",
                  [Scored(p, o) for p, o in pairs] + [Scored(months_off=m) for m in months])


def test_ranking_by_mean_brier_with_a_minimum():
    sharp = player("sharp", (0.9, 1), (0.1, 0), (0.8, 1))  # 0.01, 0.01, 0.04 -> 0.02
    hedger = player("hedger", (0.5, 1), (0.5, 0), (0.5, 1))  # 0.25
    bold = player("bold", (0.99, 0), (0.99, 1), (0.99, 1))  # 0.9801, 0.0001, 0.0001 -> 0.3268
    lucky = player("lucky", (0.99, 1), (0.99, 1))  # 0.0001, but only two scored
    guesser = player("guesser", months=[0, 0, 0])  # premiere months only: never ranked
    ranked, waiting = rank([hedger, bold, lucky, sharp, guesser], minimum=3)
    assert [s.player.key for s in ranked] == ["sharp", "hedger", "bold"]
    assert [s.rank for s in ranked] == [1, 2, 3]
    assert ranked[0].summary.mean_brier == pytest.approx(0.02)
    assert ranked[2].summary.mean_brier == pytest.approx((0.9801 + 0.0002) / 3)
    assert [s.player.key for s in waiting] == ["lucky", "guesser"]
    assert all(s.rank is None for s in waiting)
    # With a minimum of 2, the lucky player leads.
    ranked, _ = rank([hedger, bold, lucky, sharp], minimum=2)
    assert ranked[0].player.key == "lucky"


def test_equal_scores_share_a_place_and_more_predictions_break_ties():
    a = player("a", (0.6, 1), (0.6, 1))        # 0.16
    b = player("b", (0.6, 1), (0.6, 1))        # 0.16, same count: shares 1st
    c = player("c", (0.6, 1), (0.6, 1), (0.6, 1))  # 0.16 over three: ahead of both
    ranked, _ = rank([a, b, c], minimum=1)
    assert [(s.player.key, s.rank) for s in ranked] == [("c", 1), ("a", 2), ("b", 2)]


@pytest.mark.parametrize(("quote", "value", "phrase", "p"), [
    ("Partner Track is likely headed for a renewal.", "renewed", "likely", 0.70),
    ("The show will probably return for season 2.", "renewed", "probably", 0.75),
    ("It is highly likely Netflix orders more.", "renewed", "highly likely", 0.90),
    ("A second season is almost certain.", "renewed", "almost certainly", 0.95),
    # Negative words give the predicted cancellation its strength: 20% chance of renewal.
    ("A third season seems unlikely at this point.", "canceled", "unlikely", 0.20),
    ("It probably won't be back.", "canceled", "probably not", 0.265),
    ("It isn’t likely to return.", "canceled", "probably not", 0.265),
    ("There is a slim chance of a renewal.", "canceled", "chances are slight", 0.10),
    ("Its chances of a renewal are slim.", "canceled", "little chance", 0.15),
    # A positive word about a cancellation: 70% canceled is 30% renewed.
    ("It will likely be canceled.", "canceled", "likely", 0.30),
    # Coin-flip words alone are 50%; a decisive word after them wins.
    ("The show could return.", "renewed", "about even", 0.50),
    ("It could come back in 2025 and is very likely to be renewed.", "renewed",
     "highly likely", 0.90),
    # No hedge word at all reads as the commonest one, "likely".
    ("Fans want more.", "renewed", None, 0.70),
    ("Fans want more.", "canceled", None, 0.30),
])
def test_press_wording_becomes_a_chance_of_renewal(quote, value, phrase, p):
    assert hedge_phrase(quote) == phrase
    assert press_probability(quote, value) == pytest.approx(p)
