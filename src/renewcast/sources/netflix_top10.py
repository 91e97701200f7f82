"""Read Netflix's published Top 10 files: ``all-weeks-global`` and ``most-popular``.

Netflix publishes both as TSV and as XLSX. Either way the reader checks the
header first (a wrong file is refused whole), then checks every row on its own:
a bad row becomes a :class:`RowError` with its line number (the header is line
1) and every good row is kept. Films are read like any row; deciding that
renewcast tracks only series is the caller's business.

A TSV is read a line at a time from a stream, so a huge file of junk costs no more
memory than the good rows in it, and a value no real chart holds (a title longer than
the catalog stores, a thousand times the most-watched season's hours) is one bad row,
not a failed file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import BinaryIO
from xml.etree import ElementTree

from renewcast.sources.errors import RowError, RowErrors, SourceError, clipped, first_line
from renewcast.sources.text import ZIP_MAGIC, positive_whole, text_lines

OFFICIAL_BASE = "https://www.netflix.com/tudum/top10/data/"
CATEGORIES = ("Films (English)", "Films (Non-English)", "TV (English)", "TV (Non-English)")
TV_CATEGORIES = ("TV (English)", "TV (Non-English)")

# Files published before June 2023 had no runtime or views columns.
WEEKLY_REQUIRED = (
    "week",
    "category",
    "weekly_rank",
    "show_title",
    "season_title",
    "weekly_hours_viewed",
    "cumulative_weeks_in_top_10",
)
WEEKLY_OPTIONAL = ("runtime", "weekly_views", "is_staggered_launch", "episode_launch_details")
POPULAR_REQUIRED = ("category", "rank", "show_title", "season_title", "hours_viewed_first_91_days")
POPULAR_OPTIONAL = ("runtime", "views_first_91_days")
COUNTRIES_MARKERS = ("country_name", "country_iso2")

# Bounds far above any real figure (the largest so far: 2.2 billion hours in 91 days,
# 47.6 hours of runtime, 57 weeks on the list) and inside what the database stores, so a
# typo or junk is refused on its line instead of failing the whole load.
MAX_COUNT = 10**12  # hours or views
MAX_RUNTIME = Decimal(1000)  # hours
MAX_WEEKS = 1000  # the lists began in 2021; this is 19 years
MAX_TITLE = 300  # characters; the catalog's Show.title and Season.chart_title hold 300


@dataclass(frozen=True)
class ChartRow:
    """One line of ``all-weeks-global``: a title's place in one week's list."""

    line: int
    week: dt.date  # the Sunday that ends the Monday-Sunday week
    category: str
    rank: int
    show_title: str
    season_title: str | None  # None for "N/A" or empty
    hours: int
    runtime: Decimal | None
    views: int | None
    weeks_on_list: int

    @property
    def is_tv(self) -> bool:
        return self.category in TV_CATEGORIES


@dataclass(frozen=True)
class PopularRow:
    """One line of ``most-popular``: a title's all-time place by first-91-day views."""

    line: int
    category: str
    rank: int
    show_title: str
    season_title: str | None
    hours: int
    runtime: Decimal | None
    views: int | None

    @property
    def is_tv(self) -> bool:
        return self.category in TV_CATEGORIES


@dataclass
class Top10File:
    kind: str  # "weekly" or "popular"
    official_url: str  # where Netflix publishes this file
    rows: list[ChartRow | PopularRow] = field(default_factory=list)
    bad_lines: RowErrors = field(default_factory=RowErrors)

    @property
    def errors(self) -> list[RowError]:
        """The first bad lines (all of them unless there are very many; see ``bad_lines``)."""
        return self.bad_lines.kept

    @property
    def lines_read(self) -> int:
        return len(self.rows) + self.bad_lines.count


Table = Iterator[tuple[int, list[str]] | RowError]


def read_top10(data: bytes | BinaryIO, name: str = "") -> Top10File:
    """Parse a Top 10 file (TSV or XLSX; the kind is found from its header), given as bytes
    or as a seekable binary stream, which is read as it goes."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    magic = stream.read(len(ZIP_MAGIC))
    stream.seek(0)
    table = _xlsx_table(stream) if magic == ZIP_MAGIC else _tsv_table(stream)
    with contextlib.closing(table):  # let go of the stream now, even if the header is wrong
        return _read_table(table, name)


def _read_table(table: Table, name: str) -> Top10File:
    _, header = next(table)  # a table raises SourceError rather than open with a bad line
    kind, columns = _classify(header, name)
    parse = _weekly_row if kind == "weekly" else _popular_row
    result = Top10File(kind, OFFICIAL_BASE + ("all-weeks-global.tsv" if kind == "weekly" else
                                             "most-popular.tsv"))
    seen: dict[tuple, int] = {}
    for item in table:
        if isinstance(item, RowError):
            result.bad_lines.add(item.line, item.reason)
            continue
        line, cells = item
        if len(cells) != len(columns):
            result.bad_lines.add(line, f"expected {len(columns)} columns, found {len(cells)}")
            continue
        if any("\x00" in c for c in cells):  # an XLSX cell; a TSV line with one never gets here
            result.bad_lines.add(line, "contains a NUL byte")
            continue
        values = dict(zip(columns, (c.strip() for c in cells), strict=True))
        try:
            row = parse(line, values)
        except _BadRow as bad:
            result.bad_lines.add(line, str(bad))
            continue
        key = _row_key(row)
        if key in seen:
            result.bad_lines.add(line, f"repeats line {seen[key]}")
            continue
        seen[key] = line
        result.rows.append(row)
    return result


class _BadRow(ValueError):
    pass


def _tsv_table(stream: BinaryIO) -> Table:
    for item in text_lines(stream, "a Netflix Top 10 TSV or XLSX file"):
        if isinstance(item, RowError):
            yield item
        elif item[1].strip():
            yield item[0], item[1].split("\t")


def _xlsx_table(stream: BinaryIO) -> Table:
    import openpyxl  # imported here: only XLSX input pays for it

    # openpyxl reads lazily, so a damaged sheet can fail while rows are read, not only on open.
    broken = (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, KeyError, ValueError,
              OSError, IndexError)
    width = 0
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        try:
            for number, values in enumerate(book.worksheets[0].iter_rows(values_only=True),
                                            start=1):
                cells = [_xlsx_cell(v) for v in values]
                if not width:  # the header decides how many columns a row has
                    while cells and cells[-1] == "":
                        cells.pop()
                    width = len(cells)
                elif len(cells) > width and not any(cells[width:]):
                    cells = cells[:width]
                if any(cells):
                    yield number, cells
        finally:
            book.close()
    except broken as exc:
        raise SourceError(f"not a readable XLSX workbook ({first_line(exc)})") from None
    if not width:
        raise SourceError("the workbook's first sheet is empty")


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _classify(header: list[str], name: str) -> tuple[str, list[str]]:
    columns = [c.strip().lower() for c in header]
    present = set(columns)
    if any(m in present for m in COUNTRIES_MARKERS):
        raise SourceError(
            "this is Netflix's per-country file; renewcast reads all-weeks-global and most-popular"
        )
    for kind, required, optional in (
        ("weekly", WEEKLY_REQUIRED, WEEKLY_OPTIONAL),
        ("popular", POPULAR_REQUIRED, POPULAR_OPTIONAL),
    ):
        if set(required) <= present and present <= set(required) | set(optional):
            if len(present) != len(columns):
                raise SourceError("wrong header: a column name appears twice")
            return kind, columns
    shown = ", ".join(header[:10]) if header else "nothing"
    raise SourceError(
        f"wrong header{f' in {name}' if name else ''}: expected Netflix Top 10 columns "
        f"({', '.join(WEEKLY_REQUIRED)}), found: {shown[:200]}"
    )


def _weekly_row(line: int, v: dict[str, str]) -> ChartRow:
    week = _date(v["week"], "week")
    if week.weekday() != 6:
        raise _BadRow(f"week {week.isoformat()} is not a Sunday (a chart week ends on Sunday)")
    return ChartRow(
        line=line,
        week=week,
        category=_category(v["category"]),
        rank=_rank(v["weekly_rank"]),
        show_title=_title(v["show_title"]),
        season_title=_season_title(v["season_title"]),
        hours=_count(v["weekly_hours_viewed"], "weekly_hours_viewed", required=True),
        runtime=_runtime(v.get("runtime", "")),
        views=_count(v.get("weekly_views", ""), "weekly_views"),
        weeks_on_list=_weeks(v["cumulative_weeks_in_top_10"]),
    )


def _popular_row(line: int, v: dict[str, str]) -> PopularRow:
    return PopularRow(
        line=line,
        category=_category(v["category"]),
        rank=_rank(v["rank"]),
        show_title=_title(v["show_title"]),
        season_title=_season_title(v["season_title"]),
        hours=_count(v["hours_viewed_first_91_days"], "hours_viewed_first_91_days", required=True),
        runtime=_runtime(v.get("runtime", "")),
        views=_count(v.get("views_first_91_days", ""), "views_first_91_days"),
    )


def _row_key(row: ChartRow | PopularRow) -> tuple:
    if isinstance(row, ChartRow):
        return (row.week, row.category, row.rank)
    return (row.category, row.rank)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date(text: str, column: str) -> dt.date:
    try:
        if _ISO_DAY.match(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise _BadRow(f"{column} {clipped(text)!r} is not a date (YYYY-MM-DD)")


def _category(text: str) -> str:
    if text not in CATEGORIES:
        raise _BadRow(f"unknown category {clipped(text)!r} (expected one of: "
                      f"{', '.join(CATEGORIES)})")
    return text


def _rank(text: str) -> int:
    try:
        rank = int(text)
    except ValueError:
        raise _BadRow(f"rank {clipped(text)!r} is not a whole number") from None
    if not 1 <= rank <= 10:
        raise _BadRow(f"rank {clipped(str(rank))} is outside 1-10")
    return rank


def _title(text: str) -> str:
    if not text or text.upper() == "N/A":
        raise _BadRow("show_title is empty")
    return _not_too_long(text, "show_title")


def _season_title(text: str) -> str | None:
    return None if text.upper() in ("", "N/A") else _not_too_long(text, "season_title")


def _not_too_long(text: str, column: str) -> str:
    if len(text) > MAX_TITLE:
        raise _BadRow(f"{column} is {len(text):,} characters long, over the {MAX_TITLE} "
                      "the catalog keeps")
    return text


def _count(text: str, column: str, required: bool = False) -> int | None:
    if text == "" or text.upper() == "N/A":
        if required:
            raise _BadRow(f"{column} is empty")
        return None
    number = _decimal(text.replace(",", ""), column)
    if number < 0:
        raise _BadRow(f"{column} {clipped(text)} is negative")
    if number > MAX_COUNT:  # checked before int(): 1e999999 would be a million digits
        raise _BadRow(f"{column} {clipped(text)} is over {MAX_COUNT:,}, more than any title "
                      "has come near")
    return int(number)


def _runtime(text: str) -> Decimal | None:
    if text == "" or text.upper() == "N/A":
        return None
    runtime = _decimal(text, "runtime")
    if runtime < 0:
        raise _BadRow(f"runtime {clipped(text)} is not a positive number of hours")
    if runtime > MAX_RUNTIME:
        raise _BadRow(f"runtime {clipped(text)} is over {MAX_RUNTIME:,} hours")
    return runtime.quantize(Decimal("0.0001"))


def _decimal(text: str, column: str) -> Decimal:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _BadRow(f"{column} {clipped(text)!r} is not a number") from None
    if not number.is_finite():  # "inf", "nan"
        raise _BadRow(f"{column} {clipped(text)!r} is not a number")
    return number


def _weeks(text: str) -> int:
    try:
        weeks = positive_whole(text, "cumulative_weeks_in_top_10")
    except ValueError as exc:
        raise _BadRow(str(exc)) from None
    if weeks > MAX_WEEKS:
        raise _BadRow(f"cumulative_weeks_in_top_10 {clipped(text)} is over {MAX_WEEKS:,}")
    return weeks
