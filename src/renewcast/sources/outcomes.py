"""Read renewal outcomes: what happened to a series after a season, with its evidence.

The format is the CSV of ``renewcast/data/outcomes``: ``show_title, season,
outcome, announced, source_url, evidence`` and, optionally, ``covers`` (the seasons a
renewal orders, ``5;6``) and ``final_season`` (the season announced as the last). Each good
row becomes an :class:`OutcomeRow`; each bad one a :class:`RowError` with its line number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from renewcast.sources.errors import RowError, SourceError
from renewcast.sources.seasons import season_number
from renewcast.sources.text import decode_text

COLUMNS = ("show_title", "season", "outcome", "announced", "source_url", "evidence")
COVERAGE_COLUMNS = ("covers", "final_season")
OUTCOMES = ("renewed", "canceled", "ended")
MAX_EVIDENCE = 2000


@dataclass(frozen=True)
class OutcomeRow:
    line: int
    show_title: str
    season: int
    outcome: str  # renewed | canceled | ended
    announced: dt.date
    precision: str  # "day" or "month" (then ``announced`` is the 1st)
    source_url: str
    evidence: str
    covers: tuple[int, ...] = ()  # for renewed: the seasons ordered; empty: season + 1
    final_season: int | None = None

    @property
    def decision_key(self) -> tuple:
        """What makes a row one decision: the show, the season it follows, the outcome and,
        for a renewal, the seasons it orders (Wednesday's season 2 and season 3 orders both
        came while season 1 was the latest out)."""
        ordered = (self.covers or (self.season + 1,)) if self.outcome == "renewed" else ()
        return (self.show_title.casefold(), self.season, self.outcome, tuple(ordered))


@dataclass
class OutcomesFile:
    rows: list[OutcomeRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def lines_read(self) -> int:
        return len(self.rows) + len(self.errors)


def read_outcomes(data: bytes) -> OutcomesFile:
    text = decode_text(data, "an outcomes CSV")
    # strict: an unclosed quote is an error, not a field that swallows the next rows.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)  # decode_text refused blank text, so there is a first row
    except csv.Error as exc:
        raise SourceError(f"cannot read the header: {exc}") from None
    names = tuple(c.strip().lower() for c in header)
    if names not in (COLUMNS, COLUMNS + COVERAGE_COLUMNS):
        raise SourceError(
            f"wrong header: expected {','.join(COLUMNS)}[,{','.join(COVERAGE_COLUMNS)}], "
            f"found {','.join(header)[:200]}"
        )
    width = len(names)
    result = OutcomesFile()
    seen: dict[tuple, int] = {}
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(RowError(line, f"cannot be parsed as CSV ({exc})"))
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != width:
            result.errors.append(RowError(start, f"expected {width} columns, found {len(cells)}"))
            continue
        try:
            row = _row(start, [c.strip() for c in cells])
        except ValueError as bad:
            result.errors.append(RowError(start, str(bad)))
            continue
        key = row.decision_key
        if key in seen:
            result.errors.append(RowError(start, f"repeats line {seen[key]}"))
            continue
        seen[key] = start
        result.rows.append(row)
    return result


def _row(line: int, cells: list[str]) -> OutcomeRow:
    show_title, season, outcome, announced, source_url, evidence = cells[:6]
    covers_text, final_text = (cells[6:] + ["", ""])[:2]
    if not show_title:
        raise ValueError("show_title is empty")
    number = season_number(season)
    if outcome.lower() not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r} (expected one of: {', '.join(OUTCOMES)})")
    date, precision = parse_announced(announced)
    parts = urlparse(source_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"source_url {source_url[:80]!r} is not an http(s) URL")
    if not evidence:
        raise ValueError("evidence is empty: every outcome needs a verbatim quote")
    if len(evidence) > MAX_EVIDENCE:
        raise ValueError(f"evidence is {len(evidence)} characters, over {MAX_EVIDENCE}")
    covers = _numbers("covers", covers_text)
    final = _numbers("final_season", final_text)
    if len(final) > 1:
        raise ValueError(f"final_season {final_text!r} names more than one season")
    if covers and outcome.lower() != "renewed":
        raise ValueError("covers is only for renewed rows")
    if covers and min(covers) <= number:
        raise ValueError(f"covers {covers_text!r} orders a season not after season {number}")
    return OutcomeRow(line, show_title, number, outcome.lower(), date, precision,
                      source_url, evidence, covers, final[0] if final else None)


def _numbers(column: str, text: str) -> tuple[int, ...]:
    """``5;6`` as (5, 6); empty as ()."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not all(p.isdigit() and 0 < int(p) <= 99 for p in parts):
        raise ValueError(f"{column} {text[:40]!r} is not season numbers like 5;6")
    return tuple(sorted({int(p) for p in parts}))


def parse_announced(text: str) -> tuple[dt.date, str]:
    """``YYYY-MM-DD`` (precision "day") or ``YYYY-MM`` (precision "month")."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return dt.date.fromisoformat(text + "-01"), "month"
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text), "day"
    except ValueError:
        pass
    raise ValueError(f"announced {text!r} is not a date (YYYY-MM-DD or YYYY-MM)")
