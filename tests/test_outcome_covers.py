"""The bundled decisions say which seasons they order, as their own quotes do.

A row's ``covers`` is what the status, the season pages and the forecaster's labels fold
(DESIGN.md, "What a decision covers"). A row that quotes "renewed for season 6" while season
4 is out, with ``covers`` left empty, would be read as ordering season 5, and would date season
5's decision by an announcement about season 6. The quotes are read here with the article
reader's own season rules, so the file and the reader cannot drift apart.
"""

from __future__ import annotations

import csv
import io

from renewcast.bootstrap import BUNDLED_OUTCOMES, bundled_bytes
from renewcast.sources.articles.seasons import season_in

# A quote that names a season of another show in the same sentence.
OTHER_SHOW = {("Savage Beauty", "1", "2023-09")}


def bundled_rows() -> list[dict]:
    text = bundled_bytes(*BUNDLED_OUTCOMES).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def disagreements(rows: list[dict]) -> list[str]:
    """Renewals whose quote names a season past the next one that ``covers`` leaves out."""
    found = []
    for row in rows:
        if row["outcome"] != "renewed":
            continue
        if (row["show_title"], row["season"], row["announced"]) in OTHER_SHOW:
            continue
        after = int(row["season"])
        covers = {int(n) for n in row["covers"].split(";") if n} or {after + 1}
        final = int(row["final_season"]) if row["final_season"] else None
        named = season_in(row["evidence"])
        if named and named > after + 1 and named not in covers and named != final:
            found.append(f"{row['show_title']} (after season {after}): quote names season "
                         f"{named}, covers {sorted(covers)}")
    return found


def test_every_bundled_renewal_covers_the_season_its_quote_names():
    rows = bundled_rows()
    assert len(rows) > 400
    assert disagreements(rows) == []


def test_the_check_finds_an_order_read_as_the_next_season():
    row = {"show_title": "Virgin River", "season": "4", "outcome": "renewed",
           "announced": "2023-05-17", "covers": "", "final_season": "",
           "evidence": "“Virgin River” has been renewed for Season 6 at Netflix."}
    assert disagreements([row]) == [
        "Virgin River (after season 4): quote names season 6, covers [5]"]
    assert disagreements([{**row, "covers": "6"}]) == []
