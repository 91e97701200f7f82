"""The reader proposes what a decision covers, from the words real announcements use."""

from __future__ import annotations

import pytest

from renewcast.sources.articles.orders import season_order

CASES = [
    # quotes from the bundled outcomes (real pages), with the next season at announcement
    ("Wednesday’s wave of renewals revealed that the series has been given a fifth and sixth "
     "season.", 4, (5, 6), None),
    ("The popular series was renewed for a fifth and final season in February 2022.", 4, (5,), 5),
    ("Netflix announced that the original hit series had been renewed for a sixth—and "
     "final—season.", 6, (6,), 6),
    ("the streaming giant confirmed that the smash-hit thriller would grant Joe Goldberg one "
     "final outing", 5, (), 5),
    ("Netflix's Avatar: The Last Airbender has been renewed for two more seasons.", 2, (2, 3),
     None),
    ("Netflix has renewed Ginny & Georgia, starring Brianne Howey and Antonia Gentry, for a "
     "third and fourth season.", 3, (3, 4), None),
    ("Nick Kroll's Netflix comedy and its spin-off series will return for seasons seven and "
     "two, respectively.", 7, (7,), None),
    ("Narcos: Mexico will come to an end after season three, Netflix has confirmed.", 4, (), 3),
    ("Netflix has renewed the series for a second season.", 2, (), None),
]


@pytest.mark.parametrize(("text", "next_number", "covers", "final"), CASES)
def test_orders_read_from_real_sentences(text, next_number, covers, final):
    assert season_order(text).resolve(next_number) == (covers, final)
