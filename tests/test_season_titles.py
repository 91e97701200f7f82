"""parse_season_title on season titles as Netflix publishes them in its Top 10 files."""

from __future__ import annotations

import pytest

from renewcast.sources.seasons import SeasonRef, parse_season_title


@pytest.mark.parametrize(
    ("show_title", "season_title", "number", "word", "label"),
    [
        ("Partner Track", "Partner Track: Season 1", 1, "season", "Season 1"),
        ("Wednesday", "Wednesday: Season 2", 2, "season", "Season 2"),
        ("Squid Game", "Squid Game: Season 3", 3, "season", "Season 3"),
        ("Sex/Life", "Sex/Life: Season 2", 2, "season", "Season 2"),
        ("Money Heist", "Money Heist: Part 5", 5, "part", "Part 5"),
        ("That '90s Show", "That '90s Show: Part 2", 2, "part", "Part 2"),
        ("Lupin", "Lupin: Part 1", 1, "part", "Part 1"),
        ("Love, Death & Robots", "Love, Death & Robots: Volume 3", 3, "volume", "Volume 3"),
        ("Stranger Things", "Stranger Things 4", 4, "season", "Season 4"),
        ("Stranger Things", "Stranger Things 5", 5, "season", "Season 5"),
        (
            "Love Is Blind",
            "Love Is Blind: S7: Washington D.C.",
            7,
            "season",
            "Season 7: Washington D.C.",
        ),
        ("Love Is Blind", "Love Is Blind: S10: Ohio", 10, "season", "Season 10: Ohio"),
        ("Our Planet", "Our Planet: II", 2, "season", "Season 2"),
        ("Raw", "Raw: April 13, 2026", 2026, "year", "2026"),
        (
            "The Great British Baking Show",
            "The Great British Baking Show: Collection 11",
            11,
            "collection",
            "Collection 11",
        ),
        ("Weak Hero", "Weak Hero: Class 2", 2, "class", "Class 2"),
        ("Bebefinn Playtime", "Bebefinn Playtime: 시즌 1", 1, "season", "Season 1"),
        (
            "The Uncanny Counter",
            "The Uncanny Counter: Season 2: Counter Punch",
            2,
            "season",
            "Season 2: Counter Punch",
        ),
        ("The Creature Cases", "The Creature Cases: Chapter 4", 4, "chapter", "Chapter 4"),
        (
            "The Legend of Korra",
            "The Legend of Korra: Book 2: Spirits",
            2,
            "book",
            "Book 2: Spirits",
        ),
        ("Avatar: The Last Airbender", "Avatar: The Last Airbender: Book 3", 3, "book", "Book 3"),
        (
            "Demon Slayer: Kimetsu no Yaiba",
            "Demon Slayer: Kimetsu no Yaiba: Hashira Training Arc",
            None,
            "named",
            "Hashira Training Arc",
        ),
        (
            "The Chestnut Man",
            "The Chestnut Man: Hide and Seek",
            None,
            "named",
            "Hide and Seek",
        ),
        (
            "DAHMER",
            "DAHMER: Monster: The Jeffrey Dahmer Story",
            None,
            "named",
            "Monster: The Jeffrey Dahmer Story",
        ),
    ],
)
def test_numbered_and_named_seasons(show_title, season_title, number, word, label):
    ref = parse_season_title(show_title, season_title)
    assert ref == SeasonRef(number, word, label, limited=False)


@pytest.mark.parametrize("season_title", [None, "N/A", "", "   "])
def test_no_season_title_means_the_first_season(season_title):
    assert parse_season_title("Stranger Things", season_title) == SeasonRef(
        1, "season", "Season 1", limited=False
    )


@pytest.mark.parametrize(
    ("show_title", "season_title"),
    [
        ("Chernobyl", "Chernobyl: Limited Series"),
        ("Adolescence", "Adolescence: Limited Series"),
        ("The Queen's Gambit", "The Queen's Gambit: Limited Series"),
    ],
)
def test_limited_series_is_season_one_and_marked_limited(show_title, season_title):
    ref = parse_season_title(show_title, season_title)
    assert ref.limited is True
    assert ref.number == 1
    assert ref.word == "season"
    assert ref.label == "Limited Series"


def test_limited_flag_is_off_for_ordinary_seasons():
    assert parse_season_title("Partner Track", "Partner Track: Season 1").limited is False


def test_different_numbering_words_of_one_number_stay_apart():
    part = parse_season_title("Money Heist", "Money Heist: Part 2")
    season = parse_season_title("Money Heist", "Money Heist: Season 2")
    assert part.number == season.number == 2
    assert part != season
    assert (part.word, season.word) == ("part", "season")


def test_roman_numerals_beyond_two():
    assert parse_season_title("Our Planet", "Our Planet: III").number == 3
    assert parse_season_title("Our Planet", "Our Planet: IV").number == 4
    assert parse_season_title("Our Planet", "Our Planet: IX").number == 9
