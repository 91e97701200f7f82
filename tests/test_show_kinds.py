"""What a show is, read from Wikipedia's genre cells, desk notes and titles (sources.kinds)."""

from __future__ import annotations

import pytest

from renewcast.sources import kinds


@pytest.mark.parametrize(("genre", "subject", "language", "kind"), [
    # genre cells as they stand in the bundled Wikipedia tables
    ("Sports comedy", "", "", "scripted"),
    ("Comedy drama anthology", "", "", "scripted"),
    ("Reality competition", "", "", "reality"),
    ("Dating show", "", "", "reality"),
    ("", "True crime", "English", "docuseries"),
    ("Sports", "", "", "docuseries"),
    ("Animation", "", "Japanese", "anime"),
    ("Adult animation", "", "", "animation"),
    ("Stand-up comedy", "", "", "standup"),
    ("Awaiting release", "", "", ""),
    ("", "", "", ""),
])
def test_kind_from_wikipedias_genre(genre, subject, language, kind):
    assert kinds.kind_from_genre(genre, subject, language) == kind


@pytest.mark.parametrize(("note", "network", "kind"), [
    ("licensed: The CW", "The CW", ""),
    ("licensed: Caracol Televisión (per vodafone.de; no decision found)", "Caracol Televisión",
     ""),
    ("licensed: Paramount+ original", "Paramount+", ""),
    ("stand-up special", None, "standup"),
    ("live event", None, "live"),
    ("limited docuseries", None, "docuseries"),
    ("no decision found in stored pages", None, ""),
])
def test_desk_notes(note, network, kind):
    assert kinds.licensed_network(note) == network
    assert kinds.kind_from_note(note) == kind


@pytest.mark.parametrize(("title", "yearly", "kind"), [
    ("Raw", True, "live"),
    ("Jake Paul vs. Mike Tyson", False, "live"),
    ("The Roast of Kevin Hart", False, "standup"),
    ("Fireplace for Your Home: Crackling Birchwood Fireplace", False, "ambient"),
    ("Wednesday", False, ""),
    ("Love Is Blind", False, ""),
])
def test_titles_that_give_the_kind_away(title, yearly, kind):
    assert kinds.kind_from_title(title, yearly_seasons=yearly) == kind
    assert (kind in kinds.NOT_RENEWABLE) == (kind in ("live", "standup", "ambient"))


def read_from_pages(name: str) -> list[dict]:
    """A bundled file of facts read from pages: one row per show, each with its page and a
    verbatim quote of at most 200 characters."""
    import csv
    import io
    from importlib import resources

    from renewcast.sources.titles import title_key

    text = resources.files("renewcast.data").joinpath("reference", name).read_text(
        encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    keys = [title_key(r["show_title"]) for r in rows]
    assert len(keys) == len(set(keys))  # one row per show
    for row in rows:
        assert row["source_url"].startswith(("http://", "https://")), row
        assert 0 < len(row["evidence"]) <= 200, row
    return rows


def test_kinds_read_from_pages_each_carry_a_page_and_a_short_quote():
    rows = read_from_pages("show-kinds.csv")
    assert len(rows) > 200
    for row in rows:
        assert row["kind"] in kinds.KINDS, row


def test_makers_read_from_pages_each_carry_a_page_and_a_short_quote():
    rows = read_from_pages("show-origins.csv")
    assert len(rows) > 100
    for row in rows:
        assert row["original"] in ("yes", "no"), row
        assert (row["platform"] == "Netflix") == (row["original"] == "yes"), row


@pytest.mark.django_db
def test_a_maker_read_from_a_page_decides_original_or_licensed():
    from renewcast.catalog.classify import classify_shows
    from renewcast.catalog.models import Show

    made_for_bbc = Show.objects.create(title="The Guest", slug="the-guest")
    netflix_own = Show.objects.create(title="The Hawk", slug="the-hawk")
    classify_shows()
    made_for_bbc.refresh_from_db()
    netflix_own.refresh_from_db()
    assert (made_for_bbc.is_original, made_for_bbc.platform) == (False, "BBC")
    assert (netflix_own.is_original, netflix_own.platform) == (True, "Netflix")
