"""Read Netflix's half-yearly engagement reports ("What We Watched: A Netflix Engagement Report").

Each report lists every title watched for over 50,000 hours in a half-year, with hours
(and, from the second report on, runtime and views), whether it is available globally and
the exact date Netflix released it. Those release dates are the only official source of a
season's premiere day; the weekly Top 10 only gives the Sunday ending its first week.

Netflix has used three layouts so far, all with the header on row 6 and data from column B:
2023 H1 puts series and films in one ``Engagement`` sheet without runtime or views;
2023 H2 to 2024 H2 have ``TV`` and ``Film`` sheets; 2025 H1 has ``Shows`` and ``Movies``.
The reader finds the header by its names, so a later report with the same columns reads
the same way. A bad row becomes a :class:`RowError` with its sheet line; every good row is
kept. Non-English titles carry the native title after `` // ``, which is dropped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from xml.etree import ElementTree

from renewcast.sources.errors import RowError, SourceError, first_line
from renewcast.sources.text import ZIP_MAGIC

TV_SHEETS = ("tv", "shows")
FILM_SHEETS = ("film", "films", "movies")
MIXED_SHEETS = ("engagement",)
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}
_PERIOD = re.compile(r"from\s+(\w+)\s+(?:(\d{4})\s+)?to\s+(\w+)\s+(\d{4})", re.I)
_HEADER = {"title": "title", "available globally?": "available", "release date": "release",
           "hours viewed": "hours", "runtime": "runtime", "views": "views"}
MAX_ROWS = 100_000


@dataclass(frozen=True)
class EngagementRow:
    line: int  # the row in its sheet, 1-based as a spreadsheet shows it
    sheet: str
    title: str  # as Netflix wrote it, without the native title
    kind: str  # "tv", or "" where the sheet mixes series and films
    available_globally: bool | None
    release_date: dt.date | None
    hours: int
    runtime: float | None  # hours needed to watch it all
    views: int | None


@dataclass
class EngagementReport:
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    rows: list[EngagementRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    films_skipped: int = 0

    @property
    def half(self) -> str:
        """``2024H1``: the half-year the report covers."""
        if self.period_start is None:
            return ""
        return f"{self.period_start.year}H{1 if self.period_start.month <= 6 else 2}"

    @property
    def lines_read(self) -> int:
        return len(self.rows) + len(self.errors) + self.films_skipped


def read_engagement(data: bytes) -> EngagementReport:
    """The series rows of one report (films are counted, not kept)."""
    if not data.startswith(ZIP_MAGIC):
        raise SourceError("not an XLSX file: Netflix publishes engagement reports as .xlsx")
    import openpyxl  # only this path needs it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SourceError(f"cannot open the workbook: {first_line(exc)}") from None
    report = EngagementReport()
    found_header = False
    # openpyxl reads lazily: a damaged sheet fails while its rows are read, not on open
    broken = (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, KeyError, ValueError,
              OSError, IndexError, TypeError)
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name in FILM_SHEETS:
                report.films_skipped += max((sheet.max_row or 6) - 6, 0)
                continue
            kind = "tv" if name in TV_SHEETS else "" if name in MIXED_SHEETS else None
            if kind is None:
                continue
            found_header |= _read_sheet(sheet, kind, report)
    except broken as exc:
        raise SourceError(f"not a readable XLSX workbook ({first_line(exc)})") from None
    finally:
        book.close()
    if not found_header:
        raise SourceError("no sheet with the columns Title, Available Globally?, Release Date, "
                          "Hours Viewed: is this a Netflix engagement report?")
    return report


def _read_sheet(sheet, kind: str, report: EngagementReport) -> bool:
    columns: dict[str, int] | None = None
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            report.errors.append(RowError(number, f"sheet {sheet.title}: more than {MAX_ROWS:,} "
                                                  "rows; the rest was not read"))
            break
        if columns is None:
            texts = [str(c).strip() if c is not None else "" for c in cells]
            if report.period_start is None:
                _period(" ".join(texts), report)
            names = {t.lower(): i for i, t in enumerate(texts) if t}
            if "title" in names and "hours viewed" in names:
                columns = {_HEADER[n]: i for n, i in names.items() if n in _HEADER}
            continue
        if not any(c not in (None, "") for c in cells):
            continue
        try:
            row = _row(number, sheet.title, kind, columns, cells)
        except ValueError as bad:
            report.errors.append(RowError(number, f"sheet {sheet.title}: {bad}"))
            continue
        report.rows.append(row)
    return columns is not None


def _period(text: str, report: EngagementReport) -> None:
    """"Views from July to December 2023" → 2023-07-01 .. 2023-12-31."""
    m = _PERIOD.search(text)
    if not m or m[1].lower() not in _MONTHS or m[3].lower() not in _MONTHS:
        return
    end_year = int(m[4])
    start_year = int(m[2]) if m[2] else end_year
    start, end = _MONTHS[m[1].lower()], _MONTHS[m[3].lower()]
    report.period_start = dt.date(start_year, start, 1)
    following = dt.date(end_year + (end == 12), end % 12 + 1, 1)
    report.period_end = following - dt.timedelta(days=1)


def _cell(cells, columns, name):
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _row(line: int, sheet: str, kind: str, columns: dict, cells) -> EngagementRow:
    raw = _cell(cells, columns, "title")
    title = str(raw or "").split(" // ")[0].strip()
    if not title:
        raise ValueError("the title is empty")
    if len(title) > 300:
        raise ValueError(f"the title is {len(title):,} characters long (at most 300)")
    return EngagementRow(
        line=line, sheet=sheet, title=title, kind=kind,
        available_globally=_yes_no(_cell(cells, columns, "available")),
        release_date=_date(_cell(cells, columns, "release")),
        hours=_whole(_cell(cells, columns, "hours"), "Hours Viewed", required=True),
        runtime=_runtime(_cell(cells, columns, "runtime")),
        views=_whole(_cell(cells, columns, "views"), "Views", required=False),
    )


def _yes_no(value) -> bool | None:
    text = str(value or "").strip().lower()
    return {"yes": True, "no": False}.get(text)


def _date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"Release Date {text[:30]!r} is not a date like 2024-05-16") from None
    if not dt.date(1900, 1, 1) <= day <= dt.date(2100, 1, 1):
        raise ValueError(f"Release Date {text[:30]!r} is out of range")
    return day


def _whole(value, name: str, *, required: bool) -> int | None:
    if value in (None, ""):
        if required:
            raise ValueError(f"{name} is empty")
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} {value!r} is not a number")
    try:
        number = float(str(value).replace(",", "")) if not isinstance(value, int | float) \
            else value
    except ValueError:
        raise ValueError(f"{name} {str(value)[:30]!r} is not a number") from None
    if number != number or not 0 <= number < 1e13 or number != int(number):
        raise ValueError(f"{name} {str(value)[:30]!r} is not a whole number of a sensible size")
    return int(number)


def _runtime(value) -> float | None:
    """``7:59`` (hours:minutes) as hours; a number is taken as hours."""
    if isinstance(value, str):
        # Netflix footnotes some runtimes with "*" (an average, or none for the title)
        value = value.strip().rstrip("*").strip()
    if value in (None, ""):
        return None
    if isinstance(value, dt.time):
        return value.hour + value.minute / 60
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if 0 <= value < 10_000 else None
    m = re.fullmatch(r"\s*(\d{1,4}):(\d{2})(?::\d{2})?\s*", str(value))
    if not m:
        raise ValueError(f"Runtime {str(value)[:30]!r} is not like 7:59")
    return int(m[1]) + int(m[2]) / 60


def report_to_json(report: EngagementReport) -> str:
    """The parsed report as JSON, so a bundled file read once need not be parsed again."""
    import json

    def day(value):
        return value.isoformat() if value else None

    return json.dumps({
        "period": [day(report.period_start), day(report.period_end)],
        "films_skipped": report.films_skipped,
        "errors": [[e.line, e.reason] for e in report.errors],
        "rows": [[r.line, r.sheet, r.title, r.kind, r.available_globally, day(r.release_date),
                  r.hours, r.runtime, r.views] for r in report.rows],
    }, ensure_ascii=False)


def report_from_json(text: str) -> EngagementReport:
    import json

    data = json.loads(text)

    def day(value):
        return dt.date.fromisoformat(value) if value else None

    start, end = (day(v) for v in data["period"])
    return EngagementReport(
        start, end,
        [EngagementRow(line, sheet, title, kind, glob, day(release), hours, runtime, views)
         for line, sheet, title, kind, glob, release, hours, runtime, views in data["rows"]],
        [RowError(line, reason) for line, reason in data["errors"]],
        data["films_skipped"])
