"""Premiere dates read from press pages fill the blanks Netflix's files leave, and only those."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources

import pytest

from renewcast.catalog.models import Season, Show, Source
from renewcast.catalog.premiere_dates import apply_bundled_premiere_dates

PAGE = "https://www.example-press.com/greys-anatomy-season-19"


@pytest.mark.django_db
def test_a_page_fills_a_blank_premiere_date_and_keeps_one_already_set():
    show = Show.objects.create(title="Grey's Anatomy", slug="greys-anatomy", is_original=False,
                               platform="ABC")
    blank = Season.objects.create(show=show, number=19)
    netflix = Source.objects.create(url="https://www.netflix.com/tudum/top10", publisher="Netflix")
    dated = Season.objects.create(show=show, number=18, premiere_date=date(2021, 9, 30),
                                  premiere_source=netflix)
    text = ("show_title,season,premiere_date,source_url,evidence\n"
            f"Grey’s Anatomy,19,2022-10-06,{PAGE},Season 19 premiered on October 6\n"
            f"Grey's Anatomy,18,2021-01-01,{PAGE},a wrong date the file must not impose\n"
            f"Not In The Catalog,1,2020-01-01,{PAGE},nothing to fill\n")
    assert apply_bundled_premiere_dates(text) == 1
    assert apply_bundled_premiere_dates(text) == 0  # a second load changes nothing
    blank.refresh_from_db()
    dated.refresh_from_db()
    assert (blank.premiere_date, blank.premiere_source.url) == (date(2022, 10, 6), PAGE)
    assert blank.premiere_source.publisher
    assert (dated.premiere_date, dated.premiere_source) == (date(2021, 9, 30), netflix)


def test_every_bundled_premiere_date_has_its_page_and_a_short_quote():
    text = resources.files("renewcast.data").joinpath("reference", "premiere-dates.csv")
    rows = list(csv.DictReader(io.StringIO(text.read_text(encoding="utf-8"))))
    seen = set()
    for row in rows:
        key = (row["show_title"], int(row["season"]))
        assert key not in seen, row
        seen.add(key)
        assert date(1990, 1, 1) <= date.fromisoformat(row["premiere_date"]) <= date(2026, 12, 31)
        assert row["source_url"].startswith(("http://", "https://")), row
        assert 0 < len(row["evidence"]) <= 200, row
