"""Wikipedia's lists of Netflix original programming, read as dated evidence.

Two bundled snapshots (``data/reference``, CC BY-SA, tier "other press"): the current list
of 24 March 2025 and the ended list of 28 August 2023. They tell a show's genre (its kind)
and, on their day, its state: "Miniseries", "Renewed", "Season 3 due to premiere in 2025",
or listed among ended shows. A fate read from them is dated by the snapshot, not by an
announcement, so it outranks nothing: it is only used for a show with no sourced decision,
and the forecaster never learns decision timing from it.

The tables' titles carry marks the catalog's titles do not: ``You (seasons 2–4)`` (a
continuation of another network's show), ``Money Heist(parts 3â€“5)`` (text decoded with the
wrong code page). :func:`clean_title` undoes both. Plain Python: no Django.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date

from renewcast.sources import kinds
from renewcast.sources.outcomes import OutcomeRow
from renewcast.sources.titles import title_key

CURRENT, ENDED = "current", "ended"
TABLES = {
    CURRENT: ("wikipedia-netflix-current-2025-03.csv",
              "https://en.wikipedia.org/wiki/List_of_Netflix_original_programming",
              "Wikipedia: List of Netflix original programming (March 2025), CC BY-SA 4.0",
              date(2025, 3, 24)),
    ENDED: ("wikipedia-netflix-ended-2023-08.csv",
            "https://en.wikipedia.org/wiki/List_of_ended_Netflix_original_programming",
            "Wikipedia: List of ended Netflix original programming (August 2023), "
            "CC BY-SA 4.0",
            date(2023, 8, 28)),
}
REFERENCE_URLS = frozenset(url for _name, url, _title, _day in TABLES.values())

_QUALIFIER = re.compile(r"\s*\((?:seasons?|series|parts?|volumes?|chapters?|collections?|"
                        r"books?)\b[^)]*\)\s*$", re.I)


def listed_only(event) -> bool:
    """True when a catalog event is a table's word on its snapshot day, not a dated
    announcement: pages then say "listed", never "announced"."""
    return event.claim.source.url in REFERENCE_URLS


def clean_title(title: str) -> str:
    """The show's own title: mis-decoded UTF-8 repaired, "(seasons 2–4)" dropped."""
    if "Ã" in title or "â€" in title:
        try:
            title = title.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return _QUALIFIER.sub("", title).strip()


@dataclass(frozen=True)
class ReferenceRow:
    table: str  # CURRENT or ENDED
    title: str  # cleaned
    cells: dict

    @property
    def url(self) -> str:
        return TABLES[self.table][1]

    @property
    def as_of(self) -> date:
        return TABLES[self.table][3]

    @property
    def status(self) -> str:
        return self.cells.get("status", "") or ""

    def quote(self) -> str:
        """The row as the bundled table holds it, cell by cell (the evidence shown)."""
        names = (("title", "genre", "premiere", "seasons", "status") if self.table == CURRENT
                 else ("title", "genre", "premiere", "finale", "seasons"))
        text = " | ".join(f"{name}: {self.cells.get(name) or '—'}" for name in names)
        return text[:200]


def read_reference(table: str, data: bytes) -> dict[str, ReferenceRow]:
    """One table by title key; the first row of a title wins (the tables repeat a few)."""
    rows: dict[str, ReferenceRow] = {}
    for cells in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        title = clean_title(cells.get("title", ""))
        if title:
            rows.setdefault(title_key(title), ReferenceRow(table, title, cells))
    return rows


@dataclass(frozen=True)
class ShowSeasons:
    """What the catalog knows of one show: its title and each season's first release."""

    title: str
    released: dict[int, date | None]  # season number → first chart week or premiere


def reference_fate(show: ShowSeasons, row: ReferenceRow) -> OutcomeRow | None:
    """The fate the table's row gives the show's last season out by the snapshot, or None.

    None when the row says nothing decided ("Pending"), or when the catalog already knows a
    season the snapshot could not have seen: a table's word is only as good as its day.
    """
    status = row.status if row.table == CURRENT else ""
    miniseries = kinds.limited_from_status(status)
    if miniseries and set(show.released) == {1}:
        # made as one season: true before its release as after it
        return _row(show, row, 1, "ended", final=1)
    out = [n for n, day in show.released.items() if day is not None and day <= row.as_of]
    if not out:
        return None
    latest = max(out)
    if any(n > latest for n in show.released):
        return None
    if row.table == ENDED or miniseries:
        return _row(show, row, latest, "ended", final=latest)
    covers = {int(n) for n in re.findall(r"\bseasons? (\d+)", status, re.I)}
    covers |= {n for a, b in re.findall(r"\bseasons (\d+)[–-](\d+)", status, re.I)
               for n in range(int(a), int(b) + 1)}
    renewed = re.search(r"\brenewed\b|\bdue to premiere\b", status, re.I)
    if not renewed:
        return None
    covers = {n for n in covers if n > latest} or {latest + 1}
    final = None
    if re.search(r"\bfinal\b", status, re.I):
        final = max(covers)
    return _row(show, row, latest, "renewed", covers=tuple(sorted(covers)), final=final)


def _row(show: ShowSeasons, row: ReferenceRow, season: int, outcome: str, *,
         covers: tuple[int, ...] = (), final: int | None = None) -> OutcomeRow:
    return OutcomeRow(0, show.title, season, outcome, row.as_of, "day", row.url, row.quote(),
                      covers, final)
