"""What a decision covers (forecast.coverage): the rules of DESIGN.md's table, case by case."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from renewcast.forecast.coverage import NO, OPEN, YES, Coverage, names


@dataclass
class D:
    kind: str
    season_number: int | None
    covers: tuple = ()
    final_season: int | None = None


def fold(released, *decisions):
    return Coverage.of(decisions, released)


def test_a_renewal_for_the_next_season_then_awaiting_once_it_is_out():
    renewed = D("renewal", 2)
    assert fold(2, renewed).status == "renewed"
    assert fold(2, renewed).ruling(3).answer == YES
    assert fold(3, renewed).status == "awaiting"
    assert fold(3, renewed).ruling(4).answer == OPEN


def test_two_seasons_ordered_keep_the_show_renewed_until_the_last_is_out():
    bridgerton = D("renewal", 3, covers=(5, 6))
    for released in (3, 4, 5):
        assert fold(released, bridgerton).status == "renewed", released
    assert [fold(3, bridgerton).ruling(n).answer for n in (4, 5, 6, 7)] == [YES, YES, YES, OPEN]
    assert fold(6, bridgerton).status == "awaiting"


def test_a_fifth_and_final_season_rules_out_the_sixth():
    stranger = D("renewal", 4, covers=(5,), final_season=5)
    assert fold(4, stranger).status == "renewed"
    ruling = fold(4, stranger).ruling(6)
    assert (ruling.answer, ruling.last, ruling.outcome) == (NO, 5, "ended")
    assert fold(5, stranger).status == "ended"


def test_an_ending_named_in_advance_and_a_limited_series():
    last = D("ending", 3)  # "season 3 will be the last", announced after season 2
    assert fold(2, last).status == "renewed" and fold(2, last).ruling(3).answer == YES
    assert fold(2, last).ruling(4).answer == NO
    assert fold(3, last).status == "ended"
    assert fold(1, D("ending", 1)).status == "ended"


def test_a_cancellation_ends_the_show_after_the_season_it_names():
    canceled = D("cancellation", 2)
    assert fold(2, canceled).status == "canceled"
    ruling = fold(2, canceled).ruling(3)
    assert (ruling.answer, ruling.last, ruling.outcome) == (NO, 2, "canceled")


def test_a_reversal_and_a_revival_follow_the_order_of_announcements():
    renewed, canceled = D("renewal", 1), D("cancellation", 1)
    assert fold(1, renewed, canceled).status == "canceled"
    assert fold(1, canceled, D("renewal", 1)).status == "renewed"


def test_a_season_out_past_the_announced_last_one_reopens_the_question():
    assert fold(2, D("cancellation", 1)).status == "awaiting"


@pytest.mark.parametrize("released", [1, 2])
def test_an_order_made_before_the_previous_season_came_out(released):
    wednesday = D("renewal", 1, covers=(3,))  # season 3 ordered before season 2 premiered
    assert fold(released, wednesday).ruling(3).answer == YES
    assert fold(released, wednesday).status == "renewed"


def test_an_order_names_its_own_seasons_not_the_ones_it_implies():
    wednesday = D("renewal", 1, covers=(3,))  # season 3 ordered while season 1 is out
    assert fold(1, wednesday).ruling(2).answer == YES  # so season 2 is ordered too...
    assert not names(wednesday, 2)  # ...but this order is not the one that ordered it
    assert names(wednesday, 3)
    two_more = D("renewal", 3, covers=(4, 5))
    assert names(two_more, 4) and names(two_more, 5)
    assert names(D("renewal", 2), 3) and not names(D("renewal", 2), 4)
    final = D("ending", 5)
    assert names(final, 5) and not names(final, 4)
    assert not names(D("cancellation", 2), 3)
