"""read_outcomes on the real outcomes excerpt, good and broken."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from renewcast.sources.errors import RowError, SourceError
from renewcast.sources.outcomes import OutcomeRow, read_outcomes

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPT = (FIXTURES / "outcomes-excerpt.csv").read_bytes()
EXCERPT_TEXT = EXCERPT.decode("utf-8")
HEADER = "show_title,season,outcome,announced,source_url,evidence"
PARTNER_TRACK_URL = (
    "https://comicbook.com/tv-shows/news/netflix-cancels-partner-track-the-imperfects-after-"
    "first-seasons/"
)
PARTNER_TRACK_EVIDENCE = (
    "On Tuesday, the streamer announced that they would not be going forward with second "
    "seasons of the legal drama Partner Track or the sci-fi drama The Imperfects."
)
GOOD_URL = "https://deadline.com/2023/01/example-renewed/"


def with_lines(*extra: str) -> bytes:
    """The excerpt (lines 1-7) followed by ``extra`` lines, from line 8 on."""
    body = EXCERPT_TEXT if EXCERPT_TEXT.endswith("\n") else EXCERPT_TEXT + "\n"
    return (body + "".join(line + "\n" for line in extra)).encode()


def one_line(message: str) -> str:
    assert message
    assert "\n" not in message and "\r" not in message, repr(message)
    return message


# --- good rows --------------------------------------------------------------------------


def test_excerpt_reads_six_rows():
    result = read_outcomes(EXCERPT)
    assert result.errors == []
    assert result.lines_read == 6
    assert [(r.line, r.show_title, r.season, r.outcome) for r in result.rows] == [
        (2, "Bonding", 2, "canceled"),
        (3, "Sex/Life", 1, "renewed"),
        (4, "Stranger Things", 3, "renewed"),
        (5, "Partner Track", 1, "canceled"),
        (6, "That '90s Show", 1, "renewed"),
        (7, "Sex/Life", 2, "canceled"),
    ]


def test_partner_track_row_is_exact():
    rows = read_outcomes(EXCERPT).rows
    assert rows[3] == OutcomeRow(
        line=5,
        show_title="Partner Track",
        season=1,
        outcome="canceled",
        announced=dt.date(2022, 11, 8),
        precision="day",
        source_url=PARTNER_TRACK_URL,
        evidence=PARTNER_TRACK_EVIDENCE,
    )


def test_year_month_dates_are_the_first_with_month_precision():
    rows = read_outcomes(EXCERPT).rows
    bonding = rows[0]
    assert (bonding.announced, bonding.precision) == (dt.date(2021, 7, 1), "month")
    assert bonding.evidence.startswith("Variety reporting that the streamer has just canceled")
    assert bonding.evidence.endswith("Mr. Iglesias, and Country Comfort.")
    assert [(r.announced, r.precision) for r in rows] == [
        (dt.date(2021, 7, 1), "month"),
        (dt.date(2021, 9, 1), "month"),
        (dt.date(2022, 2, 1), "month"),
        (dt.date(2022, 11, 8), "day"),
        (dt.date(2023, 2, 3), "day"),
        (dt.date(2023, 4, 7), "day"),
    ]


def test_unquoted_evidence_and_title_with_apostrophe():
    rows = read_outcomes(EXCERPT).rows
    assert rows[1].evidence == "Netflix has renewed Sex/Life for a second season."
    assert rows[4].show_title == "That '90s Show"
    assert rows[4].evidence == (
        "On February 3rd, 2023, Netflix confirmed that the series would return for future "
        "episodes."
    )


def test_outcome_is_case_insensitive_and_cells_are_trimmed():
    data = with_lines(f"  Wednesday , 1 , Renewed , 2023-01-06 , {GOOD_URL} , It returns. ")
    row = read_outcomes(data).rows[-1]
    assert (row.line, row.show_title, row.season, row.outcome, row.announced) == (
        8, "Wednesday", 1, "renewed", dt.date(2023, 1, 6)
    )
    assert (row.source_url, row.evidence) == (GOOD_URL, "It returns.")


def test_bom_and_crlf_read_the_same():
    data = b"\xef\xbb\xbf" + EXCERPT.replace(b"\n", b"\r\n")
    assert read_outcomes(data).rows == read_outcomes(EXCERPT).rows


# --- bad rows ----------------------------------------------------------------------------

BAD_ROWS = [
    (f"Wednesday,two,renewed,2023-01-06,{GOOD_URL},Quote.", "season 'two' is not a whole number"),
    (f"Wednesday,0,renewed,2023-01-06,{GOOD_URL},Quote.", "season 0 is below 1"),
    (
        f"Wednesday,1,paused,2023-01-06,{GOOD_URL},Quote.",
        "unknown outcome 'paused' (expected one of: renewed, canceled, ended)",
    ),
    (
        f"Wednesday,1,renewed,2022-13,{GOOD_URL},Quote.",
        "announced '2022-13' is not a date (YYYY-MM-DD or YYYY-MM)",
    ),
    (
        f"Wednesday,1,renewed,2022-02-30,{GOOD_URL},Quote.",
        "announced '2022-02-30' is not a date (YYYY-MM-DD or YYYY-MM)",
    ),
    (
        f"Wednesday,1,renewed,January 2023,{GOOD_URL},Quote.",
        "announced 'January 2023' is not a date (YYYY-MM-DD or YYYY-MM)",
    ),
    (
        "Wednesday,1,renewed,2023-01-06,ftp://example.com/news,Quote.",
        "source_url 'ftp://example.com/news' is not an http(s) URL",
    ),
    (
        "Wednesday,1,renewed,2023-01-06,deadline.com/2023/01/x,Quote.",
        "source_url 'deadline.com/2023/01/x' is not an http(s) URL",
    ),
    (
        f"Wednesday,1,renewed,2023-01-06,{GOOD_URL},",
        "evidence is empty: every outcome needs a verbatim quote",
    ),
    (
        f'Wednesday,1,renewed,2023-01-06,{GOOD_URL},"   "',
        "evidence is empty: every outcome needs a verbatim quote",
    ),
    (f"Wednesday,1,renewed,2023-01-06,{GOOD_URL}", "expected 6 columns, found 5"),
    (f"Wednesday,1,renewed,2023-01-06,{GOOD_URL},Quote.,extra", "expected 6 columns, found 7"),
    (f",1,renewed,2023-01-06,{GOOD_URL},Quote.", "show_title is empty"),
    (
        f"Wednesday,1,renewed,2023-01-06,{GOOD_URL},{'x' * 2001}",
        "evidence is 2001 characters, over 2000",
    ),
    (
        f"Partner Track,1,canceled,2022-11-09,{GOOD_URL},Said again.",
        "repeats line 5",
    ),
    (
        f"PARTNER TRACK,1,Canceled,2022-11-08,{GOOD_URL},Shouted.",
        "repeats line 5",
    ),
]


def test_bad_rows_have_their_line_and_good_rows_are_kept():
    lines: list[str] = []
    expected: list[RowError] = []
    good_lines: list[int] = []
    for index, (bad, reason) in enumerate(BAD_ROWS):
        lines.append(bad)
        expected.append(RowError(8 + len(lines) - 1, reason))
        if index % 3 == 2:
            lines.append(f"Good Show {index},1,ended,2024-0{index % 9 + 1},{GOOD_URL},Fine.")
            good_lines.append(8 + len(lines) - 1)
    result = read_outcomes(with_lines(*lines))
    assert result.errors == expected
    assert [r.line for r in result.rows] == [2, 3, 4, 5, 6, 7, *good_lines]
    assert result.rows[:6] == read_outcomes(EXCERPT).rows
    assert all(r.outcome == "ended" and r.precision == "month" for r in result.rows[6:])
    assert result.lines_read == 6 + len(BAD_ROWS) + len(good_lines)


def test_row_errors_render_as_line_n_reason():
    data = with_lines(
        f"Wednesday,1,renewed,2022-13,{GOOD_URL},Quote.",
        "",
        "Wednesday,1,renewed,2023-01-06,http:/nohost,Quote.",
    )
    result = read_outcomes(data)
    assert [str(e) for e in result.errors] == [
        "line 8: announced '2022-13' is not a date (YYYY-MM-DD or YYYY-MM)",
        "line 10: source_url 'http:/nohost' is not an http(s) URL",
    ]
    assert len(result.rows) == 6


def test_multi_line_quoted_evidence_keeps_line_numbers():
    data = with_lines(
        f'Wednesday,1,renewed,2023-01-06,{GOOD_URL},"Netflix said, in a note:',  # 8
        "",  # 9: a blank line inside the quotes belongs to the evidence
        'The show ""will return"" for a second season."',  # 10
        f"Bridgerton,3,renewed,2023-04-01,{GOOD_URL},It returns.",  # 11
        f"Bridgerton,3,renewed,2023-04-02,{GOOD_URL},Again.",  # 12: repeats line 11
        f"Bridgerton,4,paused,2023-04-02,{GOOD_URL},No.",  # 13
        f'Lupin,3,renewed,2023-05,{GOOD_URL},"Two',  # 14
        'lines."',  # 15
        f"Lupin,4,renewed,2023-13,{GOOD_URL},Bad date.",  # 16
    )
    result = read_outcomes(data)
    wednesday, bridgerton, lupin = result.rows[6:]
    assert wednesday.line == 8
    assert wednesday.evidence == (
        'Netflix said, in a note:\n\nThe show "will return" for a second season.'
    )
    assert (bridgerton.line, bridgerton.show_title, bridgerton.season) == (11, "Bridgerton", 3)
    assert (lupin.line, lupin.evidence, lupin.precision) == (14, "Two\nlines.", "month")
    assert [str(e) for e in result.errors] == [
        "line 12: repeats line 11",
        "line 13: unknown outcome 'paused' (expected one of: renewed, canceled, ended)",
        "line 16: announced '2023-13' is not a date (YYYY-MM-DD or YYYY-MM)",
    ]


def test_multi_line_evidence_with_crlf_keeps_line_numbers():
    data = with_lines(
        f'Wednesday,1,renewed,2023-01-06,{GOOD_URL},"First line',  # 8
        'second line"',  # 9
        f"Wednesday,1,renewed,2023-01-07,{GOOD_URL},Again.",  # 10
    ).replace(b"\n", b"\r\n")
    result = read_outcomes(data)
    assert [r.line for r in result.rows] == [2, 3, 4, 5, 6, 7, 8]
    assert result.rows[-1].evidence == "First line\r\nsecond line"
    assert [str(e) for e in result.errors] == ["line 10: repeats line 8"]


def test_unterminated_quote_is_a_row_error_not_silently_accepted():
    # The quote opened on line 8 is never closed: the file ends inside it. Accepting the row
    # would file line 9 away as part of line 8's evidence, and nobody would hear of it.
    data = with_lines(
        f'Wednesday,1,renewed,2023-01-06,{GOOD_URL},"never closed',  # 8
        f"Bridgerton,3,renewed,2023-04-01,{GOOD_URL},It returns.",  # 9
    )
    result = read_outcomes(data)
    assert [r.line for r in result.rows] == [2, 3, 4, 5, 6, 7]
    assert [e.line for e in result.errors] == [8]


# --- whole-file errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b" \n\r\n\t\n", "the file is empty"),
        (b"\x00\x01\x02" + EXCERPT, "this is a binary file, not an outcomes CSV"),
        (EXCERPT[:100] + b"\x00" + EXCERPT[100:], "this is a binary file, not an outcomes CSV"),
        (b"PK\x03\x04" + b"\x14\x00" * 40, "this is a binary file, not an outcomes CSV"),
        ((FIXTURES / "top10-excerpt.tsv").read_bytes(), "wrong header: expected " + HEADER),
        (b"show,season,outcome,announced,source_url,evidence\n", "wrong header: expected "),
        (HEADER.replace(",evidence", "").encode() + b"\n", "wrong header: expected "),
        ((HEADER + ",notes\n").encode(), "wrong header: expected "),
    ],
    ids=[
        "empty",
        "whitespace-only",
        "binary-start",
        "nul-inside",
        "zip",
        "top10-tsv",
        "renamed-column",
        "missing-column",
        "extra-column",
    ],
)
def test_whole_file_errors(data, expected):
    with pytest.raises(SourceError) as info:
        read_outcomes(data)
    message = one_line(str(info.value))
    assert message.startswith(expected), message


def test_non_utf8_bytes():
    data = EXCERPT.replace(b"Bonding", b"Bond\xefng", 1)
    with pytest.raises(SourceError) as info:
        read_outcomes(data)
    offset = data.index(b"\xef")
    assert one_line(str(info.value)) == (
        f"the file is not UTF-8 text (bad byte at offset {offset}); expected an outcomes CSV"
    )


def test_header_only_file_has_no_rows():
    result = read_outcomes((HEADER + "\n").encode())
    assert (result.rows, result.errors) == ([], [])


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", "\u00a0\n".encode()], ids=["bom", "nbsp"])
def test_files_with_no_visible_text_are_source_errors(data):
    with pytest.raises(SourceError) as info:
        read_outcomes(data)
    one_line(str(info.value))


def test_rows_are_frozen():
    row = read_outcomes(EXCERPT).rows[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.season = 9  # type: ignore[misc]


def test_a_second_order_after_the_same_season_is_not_a_repeat():
    result = read_outcomes("\n".join([
        "show_title,season,outcome,announced,source_url,evidence,covers,final_season",
        f"Wednesday,1,renewed,2023-01-06,{GOOD_URL},Season 2 is ordered.,,",
        f"Wednesday,1,renewed,2025-07-23,{GOOD_URL},Season 3 is ordered.,3,",
        f"Wednesday,1,renewed,2025-07-24,{GOOD_URL},Season 3 again.,3,",
        f"Wednesday,1,renewed,2023-01-07,{GOOD_URL},Season 2 again.,2,",
    ]).encode())
    assert [str(e) for e in result.errors] == ["line 4: repeats line 3", "line 5: repeats line 2"]
    assert [r.covers for r in result.rows] == [(), (3,)]
