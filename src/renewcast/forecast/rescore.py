"""Re-score a backtest's published forecasts against the fates known later.

A backtest's ``forecasts.csv`` freezes every chance it gave. Re-running the backtest would
make new forecasts with today's code; re-scoring keeps the chances exactly as published and
only updates what happened: a season scored as "no renewal a year on" may be renewed later,
and an editor may find that a season was a limited series, so no question at all. That is
the honest way to watch a test that was run once (docs/forecasting.md, "The fair test").
A snapshot of the open seasons' published chances (``renewcast ledger --export``) reads the
same way, with ``renewed`` left empty: each season counts once its fate is known.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from renewcast.forecast.history import RENEWED, History, is_label
from renewcast.forecast.metrics import Scores, score
from renewcast.sources.errors import clipped

COLUMNS = ("season", "renewcast", "renewed")  # renewed empty: still open when published
FORECASTERS = {"renewcast": "renewcast", "base rate": "base_rate",
               "4+ weeks rule": "4_weeks_rule"}


class RescoreError(ValueError):
    """The file as a whole cannot be read (no header, missing columns, no rows)."""


@dataclass
class Rescore:
    known_on: date
    published: list[dict] = field(default_factory=list)  # every readable row, as published
    rows: list[dict] = field(default_factory=list)  # still scored: the published row + "now"
    changed: list[tuple[str, int, int]] = field(default_factory=list)  # season, then, now
    no_longer: list[str] = field(default_factory=list)  # fate no longer a renewed-or-not
    still_open: list[str] = field(default_factory=list)  # published open, no fate yet
    settled: list[str] = field(default_factory=list)  # its fate was public when published
    unknown: list[str] = field(default_factory=list)  # not in the catalog
    errors: list[str] = field(default_factory=list)  # unreadable rows, with their line

    def scores(self) -> dict[str, Scores]:
        """Each forecaster's published chances against the fates known on ``known_on``."""
        return _scores(self.rows, "now")

    def published_scores(self) -> dict[str, Scores]:
        """The same chances against the fates the file was scored with (none for a
        snapshot of open seasons: its fates were still to come)."""
        return _scores([row for row in self.published if row["then"] is not None], "then")


def _scores(rows: list[dict], against: str) -> dict[str, Scores]:
    outcomes = [row[against] for row in rows]
    return {name: score(outcomes, [row[column] for row in rows])
            for name, column in FORECASTERS.items()
            if rows and all(column in row for row in rows)}


def read_forecasts(text: str) -> tuple[list[dict], list[str]]:
    """The published rows (chances as floats, ``renewed`` as 0/1, or None where the
    season was still open when published) and one message per row that cannot be read."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if not header or missing:
        raise RescoreError("not a backtest's forecasts.csv or a ledger export: missing column(s) "
                           + ", ".join(missing or COLUMNS))
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        name = row["season"].removeprefix("'")  # written safe for spreadsheets
        try:
            parsed = {"season": name, "then": _zero_one(row["renewed"]),
                      "published_on": _day(row.get("published_on", ""))}
            for column in FORECASTERS.values():
                if column in row:
                    parsed[column] = _chance(row[column])
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        if not name:
            errors.append(f"line {line}: no season name")
            continue
        rows.append(parsed)
    if not rows and not errors:
        raise RescoreError("the file has a header but no forecasts")
    return rows, errors


def rescore(text: str, history: History, known_on: date) -> Rescore:
    rows, errors = read_forecasts(text)
    by_name = {season.name: season for season in history}
    out = Rescore(known_on, published=rows, errors=errors)
    for row in rows:
        season = by_name.get(row["season"])
        if season is None:
            out.unknown.append(row["season"])
            continue
        fate = season.fate(known_on)
        published = row["published_on"]
        if published and fate is not None and fate.public_on <= published:
            out.settled.append(row["season"])  # known by the labels' rules: no forecast
            continue
        if not is_label(season, fate, known_on):
            if fate is None and row["then"] is None:
                out.still_open.append(row["season"])
            else:
                out.no_longer.append(row["season"])
            continue
        now = {**row, "now": int(fate.outcome == RENEWED)}
        if row["then"] is not None and now["now"] != row["then"]:
            out.changed.append((row["season"], row["then"], now["now"]))
        out.rows.append(now)
    return out


def _chance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:  # NaN fails this too
        raise ValueError(f"{clipped(text)!r} is not a chance between 0 and 1")
    return value


def _day(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"published_on {clipped(text)!r} is not a date (YYYY-MM-DD)") from None


def _zero_one(text: str) -> int | None:
    if text == "":
        return None  # a snapshot of open seasons: the fate was still to come
    if text not in ("0", "1"):
        raise ValueError(f"renewed must be 0, 1 or empty, not {clipped(text)!r}")
    return int(text)
