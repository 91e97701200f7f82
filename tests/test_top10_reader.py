"""read_top10 on real Netflix Top 10 excerpts, TSV and XLSX, good and broken."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from renewcast.sources.errors import RowError, SourceError
from renewcast.sources.netflix_top10 import ChartRow, PopularRow, read_top10

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPT = (FIXTURES / "top10-excerpt.tsv").read_bytes()
POPULAR = (FIXTURES / "most-popular.tsv").read_bytes()
EXCERPT_LINES = EXCERPT.decode("utf-8").splitlines()
HEADER = EXCERPT_LINES[0]
OLD_COLUMNS = (
    "week",
    "category",
    "weekly_rank",
    "show_title",
    "season_title",
    "weekly_hours_viewed",
    "cumulative_weeks_in_top_10",
)
CATEGORY_LIST = "Films (English), Films (Non-English), TV (English), TV (Non-English)"
# Rows in the excerpt (at least the 125 it was cut with), counted as plain text lines.
DATA_LINES = [line for line in EXCERPT_LINES[1:] if line.strip()]
N_ROWS = len(DATA_LINES)
JUNE_2023 = "2023-06-01"


def file_line(prefix: str) -> int:
    """The 1-based line of the excerpt that starts with ``prefix`` (the header is line 1)."""
    matches = [n for n, line in enumerate(EXCERPT_LINES, start=1) if line.startswith(prefix)]
    assert len(matches) == 1, (prefix, matches)
    return matches[0]


PARTNER_TRACK_WEEK_1 = "2022-08-28\tTV (English)\t7\tPartner Track\t"
PARTNER_TRACK_WEEK_2 = "2022-09-04\tTV (English)\t4\tPartner Track\t"
PARTNER_TRACK_WEEK_3 = "2022-09-11\tTV (English)\t6\tPartner Track\t"


def one_line(message: str) -> str:
    assert message
    assert "\n" not in message and "\r" not in message, repr(message)
    return message


def without_line(row):
    return dataclasses.replace(row, line=0)


# --- the good excerpt ---------------------------------------------------------------


def test_excerpt_reads_every_row_with_no_errors():
    result = read_top10(EXCERPT, "top10-excerpt.tsv")
    assert result.kind == "weekly"
    assert result.official_url == "https://www.netflix.com/tudum/top10/data/all-weeks-global.tsv"
    assert result.errors == []
    assert N_ROWS >= 125
    assert len(result.rows) == N_ROWS
    assert result.lines_read == N_ROWS
    assert [row.line for row in result.rows] == list(range(2, N_ROWS + 2))
    assert all(isinstance(row, ChartRow) for row in result.rows)


def test_excerpt_films_are_read_like_any_row():
    rows = read_top10(EXCERPT).rows
    films = [row for row in rows if not row.is_tv]
    assert [(f.line, f.show_title, f.category, f.rank, f.hours) for f in films] == [
        (file_line("2022-08-28\tFilms (English)\t1\t"), "Me Time", "Films (English)", 1,
         59230000),
        (file_line("2022-08-28\tFilms (English)\t2\t"), "Look Both Ways", "Films (English)", 2,
         29890000),
        (file_line("2022-08-28\tFilms (English)\t3\t"), "The Next 365 Days",
         "Films (English)", 3, 27010000),
    ]
    assert all(f.season_title is None for f in films)
    assert sum(row.is_tv for row in rows) == N_ROWS - 3


def test_partner_track_rows_are_exact():
    rows = [r for r in read_top10(EXCERPT).rows if r.show_title == "Partner Track"]
    rows.sort(key=lambda r: r.week)
    common = dict(
        category="TV (English)",
        show_title="Partner Track",
        season_title="Partner Track: Season 1",
        runtime=None,
        views=None,
    )
    assert rows == [
        ChartRow(line=file_line(PARTNER_TRACK_WEEK_1), week=dt.date(2022, 8, 28), rank=7,
                 hours=16660000, weeks_on_list=1, **common),
        ChartRow(line=file_line(PARTNER_TRACK_WEEK_2), week=dt.date(2022, 9, 4), rank=4,
                 hours=31140000, weeks_on_list=2, **common),
        ChartRow(line=file_line(PARTNER_TRACK_WEEK_3), week=dt.date(2022, 9, 11), rank=6,
                 hours=18210000, weeks_on_list=3, **common),
    ]


def test_2026_rows_carry_runtime_and_views():
    rows = read_top10(EXCERPT).rows
    assert rows[0] == ChartRow(
        line=2,
        week=dt.date(2026, 5, 31),
        category="TV (Non-English)",
        rank=9,
        show_title="The Chestnut Man",
        season_title="The Chestnut Man: Hide and Seek",
        hours=5500000,
        runtime=Decimal("4.8667"),
        views=1100000,
        weeks_on_list=4,
    )
    na_row = rows[3]  # line 5: season_title "N/A"
    assert (na_row.line, na_row.season_title, na_row.runtime, na_row.views) == (
        5, None, Decimal("5.5500"), 2100000
    )


def test_views_are_none_before_june_2023_and_present_after():
    rows = read_top10(EXCERPT).rows
    before = [r for r in rows if r.week < dt.date(2023, 6, 1)]
    after = [r for r in rows if r.week >= dt.date(2023, 6, 1)]
    assert len(before) >= 80 and len(after) >= 45
    assert len(before) == sum(line < JUNE_2023 for line in DATA_LINES)
    assert all(r.views is None and r.runtime is None for r in before)
    assert all(r.views is not None and r.views > 0 for r in after)
    assert all(r.runtime is not None for r in after)
    # Netflix publishes a runtime of 0 for some rows; it is a number, not a missing value.
    money_heist = next(r for r in rows if r.week == dt.date(2024, 1, 7))
    assert money_heist.show_title == "Money Heist"
    assert money_heist.runtime == Decimal("0") and money_heist.views == 1500000


def test_most_popular_is_detected_and_read():
    result = read_top10(POPULAR, "most-popular.tsv")
    assert result.kind == "popular"
    assert result.official_url == "https://www.netflix.com/tudum/top10/data/most-popular.tsv"
    assert result.errors == []
    assert len(result.rows) == 40
    assert all(isinstance(r, PopularRow) for r in result.rows)
    assert result.rows[0] == PopularRow(
        line=2,
        category="Films (English)",
        rank=1,
        show_title="KPop Demon Hunters",
        season_title=None,
        hours=541800000,
        runtime=Decimal("1.6667"),
        views=325100000,
    )
    # The last line of the file has no newline after it and is still read.
    assert result.rows[-1] == PopularRow(
        line=41,
        category="TV (Non-English)",
        rank=10,
        show_title="Who Killed Sara?",
        season_title="Who Killed Sara?: Season 1",
        hours=392400000,
        runtime=Decimal("6.7167"),
        views=58400000,
    )
    assert sum(r.is_tv for r in result.rows) == 20


def _old_format(lines: list[str]) -> bytes:
    """The pre-June-2023 7-column file: the excerpt's older rows without runtime/views."""
    columns = HEADER.split("\t")
    keep = [columns.index(c) for c in OLD_COLUMNS]
    out = ["\t".join(OLD_COLUMNS)]
    for line in lines:
        cells = line.split("\t")
        out.append("\t".join(cells[i] for i in keep))
    return ("\n".join(out) + "\n").encode()


def test_older_seven_column_header_is_accepted():
    old_lines = [line for line in DATA_LINES if line < JUNE_2023]  # every row before June 2023
    assert len(old_lines) >= 80
    assert all(line.split("\t")[6:8] == ["", ""] for line in old_lines)
    result = read_top10(_old_format(old_lines))
    assert result.kind == "weekly"
    assert result.errors == []
    full = [r for r in read_top10(EXCERPT).rows if r.week < dt.date(2023, 6, 1)]
    assert len(result.rows) == len(full) == len(old_lines)
    assert [r.line for r in result.rows] == list(range(2, len(old_lines) + 2))
    assert [without_line(r) for r in result.rows] == [without_line(r) for r in full]


def test_columns_are_found_by_name_not_position():
    columns = HEADER.split("\t")
    order = list(reversed(range(len(columns))))
    lines = ["\t".join(line.split("\t")[i] for i in order) for line in EXCERPT_LINES]
    result = read_top10(("\n".join(lines) + "\n").encode())
    assert result.errors == []
    assert result.rows == read_top10(EXCERPT).rows


def test_bom_and_crlf_line_endings_read_the_same():
    data = b"\xef\xbb\xbf" + EXCERPT.replace(b"\n", b"\r\n")
    result = read_top10(data)
    assert result.errors == []
    assert result.rows == read_top10(EXCERPT).rows
    # old Mac line ends, a lone carriage return
    assert read_top10(EXCERPT.replace(b"\n", b"\r")).rows == result.rows


# --- bad rows: reported with their line, every good row kept -----------------------

BAD_LINES = [
    # (a broken line, the exact reason the reader must give)
    (
        "2022-02-30\tTV (English)\t7\tInvented Show\tN/A\t1000\t\t\t1",
        "week '2022-02-30' is not a date (YYYY-MM-DD)",
    ),
    (
        "28/08/2022\tTV (English)\t7\tInvented Show\tN/A\t1000\t\t\t1",
        "week '28/08/2022' is not a date (YYYY-MM-DD)",
    ),
    (
        "2022-08-29\tTV (English)\t7\tInvented Show\tN/A\t1000\t\t\t1",
        "week 2022-08-29 is not a Sunday (a chart week ends on Sunday)",
    ),
    (
        "2022-08-28\tTV (English)\t0\tInvented Show\tN/A\t1000\t\t\t1",
        "rank 0 is outside 1-10",
    ),
    (
        "2022-08-28\tTV (English)\t11\tInvented Show\tN/A\t1000\t\t\t1",
        "rank 11 is outside 1-10",
    ),
    (
        "2022-08-28\tTV (English)\tfirst\tInvented Show\tN/A\t1000\t\t\t1",
        "rank 'first' is not a whole number",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\t-5000\t\t\t1",
        "weekly_hours_viewed -5000 is negative",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\tlots\t\t\t1",
        "weekly_hours_viewed 'lots' is not a number",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\t\t\t\t1",
        "weekly_hours_viewed is empty",
    ),
    (
        "2022-08-28\tTV (French)\t7\tInvented Show\tN/A\t1000\t\t\t1",
        f"unknown category 'TV (French)' (expected one of: {CATEGORY_LIST})",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\t1000\t\t1",
        "expected 9 columns, found 8",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\t1000\t\t\t1\textra",
        "expected 9 columns, found 10",
    ),
    (
        "2022-08-28\tTV (English)\t7\t\tN/A\t1000\t\t\t1",
        "show_title is empty",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\t1000\t-1\t\t1",
        "runtime -1 is not a positive number of hours",
    ),
    (
        "2022-08-28\tTV (English)\t7\tInvented Show\tN/A\t1000\t\t\t0",
        "cumulative_weeks_in_top_10 0 is below 1",
    ),
]


def _corrupted_excerpt():
    """The excerpt with a broken line after every 5th good row, a blank line and a
    duplicate; returns (bytes, expected errors, good rows with their new line numbers)."""
    good = EXCERPT_LINES[1:]
    out = [HEADER]
    expected_errors: list[RowError] = []
    good_lines: list[int] = []  # new line number of each good row, in order
    bad = iter(BAD_LINES)
    for index, line in enumerate(good):
        out.append(line)
        good_lines.append(len(out))
        if index % 5 == 4:
            item = next(bad, None)
            if item is not None:
                out.append(item[0])
                expected_errors.append(RowError(len(out), item[1]))
        if index == 90:
            out.append("")  # a blank line still counts as a line
    # Partner Track's first week again.
    partner_line = EXCERPT_LINES[file_line(PARTNER_TRACK_WEEK_1) - 1]
    partner = good.index(partner_line)
    out.append(partner_line)
    expected_errors.append(RowError(len(out), f"repeats line {good_lines[partner]}"))
    # Another title claiming the same week, category and rank is a repeat too.
    out.append("2022-08-28\tTV (English)\t7\tImpostor\tN/A\t5\t\t\t1")
    expected_errors.append(RowError(len(out), f"repeats line {good_lines[partner]}"))
    return ("\n".join(out) + "\n").encode(), expected_errors, good_lines


def test_bad_rows_are_reported_with_their_line_and_good_rows_are_kept():
    data, expected_errors, good_lines = _corrupted_excerpt()
    assert len(expected_errors) == len(BAD_LINES) + 2
    result = read_top10(data)
    assert result.kind == "weekly"
    assert result.errors == expected_errors
    assert len(result.rows) == N_ROWS
    assert [r.line for r in result.rows] == good_lines
    original = read_top10(EXCERPT).rows
    assert [without_line(r) for r in result.rows] == [without_line(r) for r in original]
    assert result.lines_read == N_ROWS + len(BAD_LINES) + 2


def test_bad_row_messages_render_as_line_n_reason():
    data, expected_errors, _ = _corrupted_excerpt()
    result = read_top10(data)
    rendered = [str(e) for e in result.errors]
    # The first broken line sits after the header and five good rows: line 7.
    assert rendered[0] == "line 7: week '2022-02-30' is not a date (YYYY-MM-DD)"
    assert rendered[1] == "line 13: week '28/08/2022' is not a date (YYYY-MM-DD)"
    assert rendered == [f"line {e.line}: {e.reason}" for e in expected_errors]


def test_bad_rows_at_exact_positions_in_a_small_file():
    week_1, week_2, week_3 = (
        EXCERPT_LINES[file_line(p) - 1]
        for p in (PARTNER_TRACK_WEEK_1, PARTNER_TRACK_WEEK_2, PARTNER_TRACK_WEEK_3)
    )
    lines = [
        HEADER,  # 1
        week_2,  # 2
        "2022-09-04\tTV (English)\t0\tPartner Track\tPartner Track: Season 1\t1\t\t\t2",  # 3
        week_1,  # 4
        week_2,  # 5: line 2 again
        "",  # 6
        "2022-09-05\tTV (English)\t6\tPartner Track\tPartner Track: Season 1\t1\t\t\t3",  # 7
        week_3,  # 8
    ]
    result = read_top10(("\n".join(lines) + "\n").encode())
    assert [r.line for r in result.rows] == [2, 4, 8]
    assert [r.hours for r in result.rows] == [31140000, 16660000, 18210000]
    assert [str(e) for e in result.errors] == [
        "line 3: rank 0 is outside 1-10",
        "line 5: repeats line 2",
        "line 7: week 2022-09-05 is not a Sunday (a chart week ends on Sunday)",
    ]


def test_bad_popular_rows_are_reported_too():
    lines = POPULAR.decode().splitlines()
    lines.insert(3, "Films (English)\t11\tToo Far\tN/A\t5\t1\t5")  # becomes line 4
    lines.append("TV (Spanish)\t1\tNope\tN/A\t5\t1\t5")  # line 43
    lines.append(lines[1])  # line 44: KPop Demon Hunters again
    result = read_top10("\n".join(lines).encode())
    assert result.kind == "popular"
    assert [str(e) for e in result.errors] == [
        "line 4: rank 11 is outside 1-10",
        f"line 43: unknown category 'TV (Spanish)' (expected one of: {CATEGORY_LIST})",
        "line 44: repeats line 2",
    ]
    assert len(result.rows) == 40


# --- whole-file errors ------------------------------------------------------------------

COUNTRY_HEADER = (
    "country_name\tcountry_iso2\tweek\tcategory\tweekly_rank\tshow_title\tseason_title\t"
    "cumulative_weeks_in_top_10\n"
    "Argentina\tAR\t2022-08-28\tTV\t1\tPartner Track\tPartner Track: Season 1\t1\n"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n\t\r\n  \n", "the file is empty"),
        (b"\x00\x01\x02\x03" + EXCERPT, "this is a binary file"),
        # A NUL further down costs its line only (tests/test_ingest_robustness.py).
        (EXCERPT[:20] + b"\x00" + EXCERPT[20:], "this is a binary file"),
        (
            COUNTRY_HEADER.encode(),
            "this is Netflix's per-country file; renewcast reads all-weeks-global and "
            "most-popular",
        ),
        (
            (HEADER + "\truntime\n" + EXCERPT_LINES[1] + "\t4.8667\n").encode(),
            "wrong header: a column name appears twice",
        ),
        (
            (FIXTURES / "outcomes-excerpt.csv").read_bytes(),
            "wrong header: expected Netflix Top 10 columns",
        ),
        (b"hello\tworld\n1\t2\n", "wrong header: expected Netflix Top 10 columns"),
        (
            (HEADER.replace("weekly_rank", "rank") + "\n" + EXCERPT_LINES[1] + "\n").encode(),
            "wrong header: expected Netflix Top 10 columns",
        ),
    ],
    ids=[
        "empty",
        "whitespace-only",
        "binary-start",
        "nul-in-header",
        "per-country",
        "duplicate-column",
        "outcomes-csv",
        "unrelated-tsv",
        "renamed-column",
    ],
)
def test_whole_file_errors(data, expected):
    with pytest.raises(SourceError) as info:
        read_top10(data)
    message = one_line(str(info.value))
    assert message.startswith(expected), message


def test_wrong_header_names_the_file_and_what_it_found():
    with pytest.raises(SourceError) as info:
        read_top10(b"hello\tworld\n1\t2\n", "mystery.tsv")
    message = one_line(str(info.value))
    assert message.startswith("wrong header in mystery.tsv: expected Netflix Top 10 columns (")
    assert message.endswith("found: hello, world")


def test_non_utf8_header_is_a_whole_file_error():
    # A bad byte on a data line costs that line only (tests/test_ingest_robustness.py).
    data = EXCERPT.replace(b"season_title", b"season_t\xeftle", 1)
    offset = data.index(b"\xef")
    with pytest.raises(SourceError) as info:
        read_top10(data)
    assert one_line(str(info.value)) == (
        f"the file is not UTF-8 text (bad byte at offset {offset}); "
        "expected a Netflix Top 10 TSV or XLSX file"
    )


@pytest.mark.parametrize(
    "data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\n\n", "\u00a0\n\u3000\n".encode()],
    ids=["bom-only", "bom-and-blank-lines", "unicode-whitespace"],
)
def test_files_with_no_visible_text_are_empty(data):
    # A file that decodes to nothing but blank lines has no header: a whole-file error.
    with pytest.raises(SourceError) as info:
        read_top10(data)
    one_line(str(info.value))


# --- XLSX ---------------------------------------------------------------------------


def _typed(column: str, text: str):
    """A TSV cell as Netflix's XLSX stores it: dates as dates, numbers as numbers."""
    if text == "":
        return None
    if column == "week":
        return dt.datetime.fromisoformat(text)
    if column == "runtime":
        return float(text)
    if column in (
        "weekly_rank",
        "rank",
        "weekly_hours_viewed",
        "weekly_views",
        "cumulative_weeks_in_top_10",
        "hours_viewed_first_91_days",
        "views_first_91_days",
    ):
        return int(text)
    return text


def _workbook(lines: list[str], blank_rows_before: dict[int, int] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    columns = lines[0].split("\t")
    sheet.append(columns)
    for index, line in enumerate(lines[1:], start=1):
        for _ in range((blank_rows_before or {}).get(index, 0)):
            sheet.append([])
        cells = line.split("\t")
        sheet.append([_typed(c, v) for c, v in zip(columns, cells, strict=False)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_gives_the_same_rows_as_the_tsv():
    data = _workbook(EXCERPT_LINES)
    assert data[:4] == b"PK\x03\x04"
    # The workbook really stores dates and numbers, not text.
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet["A2"].value, dt.datetime)
    assert isinstance(sheet["F2"].value, int)
    assert isinstance(sheet["G2"].value, float)
    partner_row = file_line(PARTNER_TRACK_WEEK_1)
    assert sheet[f"D{partner_row}"].value == "Partner Track"
    assert sheet[f"G{partner_row}"].value is None
    result = read_top10(data, "all-weeks-global.xlsx")
    assert result.kind == "weekly"
    assert result.errors == []
    assert result.rows == read_top10(EXCERPT).rows


def test_xlsx_most_popular_gives_the_same_rows_as_the_tsv():
    data = _workbook(POPULAR.decode().splitlines())
    result = read_top10(data)
    assert result.kind == "popular"
    assert result.errors == []
    assert result.rows == read_top10(POPULAR).rows


def test_xlsx_bad_row_reports_its_spreadsheet_row():
    partner_track = [
        EXCERPT_LINES[file_line(p) - 1]
        for p in (PARTNER_TRACK_WEEK_3, PARTNER_TRACK_WEEK_2, PARTNER_TRACK_WEEK_1)
    ]
    lines = EXCERPT_LINES[:6] + [
        "2022-08-28\tTV (English)\t11\tInvented Show\tN/A\t1000\t\t\t1",
    ] + partner_track
    # Two empty spreadsheet rows before the bad one: it sits on row 9, not row 7.
    data = _workbook(lines, blank_rows_before={6: 2})
    result = read_top10(data)
    assert [str(e) for e in result.errors] == ["line 9: rank 11 is outside 1-10"]
    assert [r.line for r in result.rows] == [2, 3, 4, 5, 6, 10, 11, 12]
    assert [r.hours for r in result.rows[-3:]] == [18210000, 31140000, 16660000]


def test_xlsx_trailing_empty_optional_cells_are_read_like_the_tsv():
    # Netflix's current files end with is_staggered_launch and episode_launch_details; the
    # last is empty on most rows. An empty last cell is still a column of that row.
    columns = HEADER + "\tis_staggered_launch\tepisode_launch_details"
    lines = [columns] + [line + "\tFalse\t" for line in EXCERPT_LINES[1:6]]
    lines[2] = EXCERPT_LINES[2] + "\tTrue\tEpisodes 1-3"
    tsv = read_top10(("\n".join(lines) + "\n").encode())
    assert tsv.errors == [] and len(tsv.rows) == 5
    xlsx = read_top10(_workbook(lines))
    assert xlsx.errors == []
    assert xlsx.rows == tsv.rows


def test_xlsx_empty_sheet():
    book = openpyxl.Workbook()
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(SourceError) as info:
        read_top10(buffer.getvalue())
    assert one_line(str(info.value)) == "the workbook's first sheet is empty"


def test_xlsx_wrong_header():
    data = _workbook(["a\tb\tc", "1\t2\t3"])
    with pytest.raises(SourceError) as info:
        read_top10(data)
    assert one_line(str(info.value)).startswith("wrong header")


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
    return out.getvalue()


def _damage_member(data: bytes, member: str) -> bytes:
    """Flip bytes inside one member's compressed data, leaving the zip directory intact."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = info.header_offset
    name_length = int.from_bytes(data[start + 26 : start + 28], "little")
    extra_length = int.from_bytes(data[start + 28 : start + 30], "little")
    body = start + 30 + name_length + extra_length
    damaged = bytearray(data)
    for i in range(body, body + min(info.compress_size, 64)):
        damaged[i] ^= 0x5A
    return bytes(damaged)


def _corrupted_workbooks() -> list[tuple[str, bytes]]:
    good = _workbook(EXCERPT_LINES[:4])
    only_text = io.BytesIO()
    with zipfile.ZipFile(only_text, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return [
        ("magic-then-garbage", b"PK\x03\x04" + b"garbage" * 50),
        ("truncated", good[: len(good) // 2]),
        ("zip-without-workbook", only_text.getvalue()),
        ("damaged-sheet-data", _damage_member(good, "xl/worksheets/sheet1.xml")),
        ("damaged-workbook-data", _damage_member(good, "xl/workbook.xml")),
        ("sheet-not-xml", _rezip(good, {"xl/worksheets/sheet1.xml": b"<worksheet"})),
    ]


@pytest.mark.parametrize(
    "data", [d for _, d in _corrupted_workbooks()], ids=[n for n, _ in _corrupted_workbooks()]
)
def test_corrupted_xlsx_is_a_source_error(data):
    assert data[:4] == b"PK\x03\x04"
    with pytest.raises(SourceError) as info:
        read_top10(data)
    one_line(str(info.value))
