"""The Netflix Top 10 ingest against hostile files: one bad value costs its own line only.

Issue 22 item 7: one ``1e308`` ended the whole load ("unexpected OverflowError"), one NUL
or non-UTF-8 byte refused a whole file as "binary", a 301-character title failed the load
on PostgreSQL and was stored uncut on SQLite, and a 200 MiB junk file took gigabytes of
memory. Each case here writes a real file and runs it through the real reader and loader
(or the ``renewcast`` command), and checks both the ``line N: reason`` and that the good
rows beside the bad one are in the database.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import FIXTURES, run_cli

from renewcast.catalog.ingest.top10 import ingest_top10
from renewcast.catalog.models import ChartWeek, Season, Show
from renewcast.sources.errors import MAX_KEPT_ROW_ERRORS, RowError, SourceError, clipped
from renewcast.sources.netflix_top10 import MAX_TITLE, read_top10
from renewcast.sources.text import MAX_LINE_LENGTH

HEADER = (FIXTURES / "top10-excerpt.tsv").read_text().splitlines()[0]
POPULAR_HEADER = (FIXTURES / "most-popular.tsv").read_text().splitlines()[0]
PUBLISHED = Path(__file__).parents[1] / "src/renewcast/data/netflix-top10/all-weeks-global.tsv"
PUBLISHED_TV_ROWS = 5280


def weekly(rank: int, title: str, *, week: str = "2022-08-28", season: str | None = None,
           hours: str = "1000", runtime: str = "", views: str = "", weeks: str = "1",
           category: str = "TV (English)") -> str:
    """One ``all-weeks-global`` line in the current nine-column layout."""
    season = f"{title}: Season 1" if season is None else season
    return "\t".join([week, category, str(rank), title, season, hours, runtime, views, weeks])


GOOD = [weekly(1, "Good One"), weekly(2, "Good Two")]


def tsv(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def assert_good_rows_stored() -> None:
    stored = ChartWeek.objects.filter(season__show__title__in=["Good One", "Good Two"])
    assert sorted(stored.values_list("rank", flat=True)) == [1, 2]


# -- numbers no chart holds: each refused on its line ------------------------------------

IMPOSSIBLE = [
    # (the bad line, its reason); every one of these ended or broke the load before
    (weekly(3, "Bad", hours="1e308"),
     "weekly_hours_viewed 1e308 is over 1,000,000,000,000, more than any title has come near"),
    (weekly(3, "Bad", hours="9" * 26),
     f"weekly_hours_viewed {'9' * 26} is over 1,000,000,000,000, more than any title has "
     "come near"),
    (weekly(3, "Bad", hours="2000000000000"),
     "weekly_hours_viewed 2000000000000 is over 1,000,000,000,000, more than any title has "
     "come near"),
    (weekly(3, "Bad", hours="1e999999"),
     "weekly_hours_viewed 1e999999 is over 1,000,000,000,000, more than any title has "
     "come near"),
    (weekly(3, "Bad", views="1e308"),
     "weekly_views 1e308 is over 1,000,000,000,000, more than any title has come near"),
    (weekly(3, "Bad", runtime="1e308"), "runtime 1e308 is over 1,000 hours"),
    (weekly(3, "Bad", runtime="100000"), "runtime 100000 is over 1,000 hours"),
    (weekly(3, "Bad", weeks="99999"), "cumulative_weeks_in_top_10 99999 is over 1,000"),
    (weekly(3, "Bad", weeks="9" * 30), f"cumulative_weeks_in_top_10 {'9' * 30} is over 1,000"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("line", "reason"), IMPOSSIBLE,
                         ids=["hours-1e308", "hours-26-digits", "hours-2e12", "hours-1e999999",
                              "views-1e308", "runtime-1e308", "runtime-100000", "weeks-99999",
                              "weeks-30-digits"])
def test_an_impossible_number_is_refused_on_its_line(line, reason):
    report = ingest_top10(read_top10(tsv(GOOD[0], line, GOOD[1])))
    assert [str(e) for e in report.errors] == [f"line 3: {reason}"]
    assert (report.created, report.rejected) == (2, 1)
    assert_good_rows_stored()
    assert not Show.objects.filter(title="Bad").exists()


@pytest.mark.django_db
def test_an_impossible_all_time_figure_is_refused_on_its_line():
    lines = [POPULAR_HEADER,
             "TV (English)\t1\tGood One\tGood One: Season 1\t5000\t8\t625",
             "TV (English)\t2\tBad\tBad: Season 1\t1e308\t8\t625",
             "TV (English)\t3\tGood Two\tGood Two: Season 1\t4000\t8\t500"]
    report = ingest_top10(read_top10(("\n".join(lines) + "\n").encode()))
    assert [str(e) for e in report.errors] == [
        "line 3: hours_viewed_first_91_days 1e308 is over 1,000,000,000,000, more than any "
        "title has come near"]
    assert report.created == 2
    assert set(Show.objects.values_list("title", flat=True)) == {"Good One", "Good Two"}


@pytest.mark.django_db
def test_an_impossible_number_in_an_xlsx_cell_is_refused_on_its_row():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split("\t"))
    for line in (GOOD[0], weekly(3, "Bad"), GOOD[1]):
        cells = line.split("\t")
        sheet.append([cells[0], cells[1], int(cells[2]), cells[3], cells[4],
                      1e308 if cells[3] == "Bad" else int(cells[5]), None, None, 1])
    data = io.BytesIO()
    book.save(data)
    report = ingest_top10(read_top10(data.getvalue()))
    # the 309 digits of the float are cut short in the message
    shown = clipped(str(int(1e308)))
    assert [str(e) for e in report.errors] == [
        f"line 3: weekly_hours_viewed {shown} is over 1,000,000,000,000, more than any title "
        "has come near"]
    assert_good_rows_stored()


# -- titles the catalog cannot hold --------------------------------------------------------


def test_the_readers_title_limit_is_the_catalogs():
    assert MAX_TITLE == Show._meta.get_field("title").max_length
    assert MAX_TITLE == Season._meta.get_field("chart_title").max_length
    assert MAX_TITLE == Season._meta.get_field("label").max_length


LONG_TITLES = [
    (weekly(3, "T" * 301), "show_title is 301 characters long, over the 300 the catalog keeps"),
    (weekly(3, "Bad", season="S" * 301),
     "season_title is 301 characters long, over the 300 the catalog keeps"),
    # 200 characters that spell out to 3,600 in the show's web address
    (weekly(3, "\ufdfa" * 200, season="N/A"),
     "show_title makes a web address over 296 characters long"),
    # "S7: …" becomes the label "Season 7: …", six characters longer than the title
    (weekly(3, "Bad", season="S7: " + "w" * 296),
     "season_title makes a season label over 300 characters long"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("line", "reason"), LONG_TITLES,
                         ids=["show-title", "season-title", "slug", "season-label"])
def test_a_title_the_catalog_cannot_hold_is_refused_on_its_line(line, reason):
    report = ingest_top10(read_top10(tsv(GOOD[0], line, GOOD[1])))
    assert [str(e) for e in report.errors] == [f"line 3: {reason}"]
    assert report.created == 2
    assert_good_rows_stored()
    assert set(Show.objects.values_list("title", flat=True)) == {"Good One", "Good Two"}
    longest = max(len(t) for t in Season.objects.values_list("label", flat=True))
    assert longest <= 300


def test_a_line_longer_than_the_limit_is_one_bad_line_and_reading_goes_on():
    huge = weekly(3, "T" * 1_000_000)
    result = read_top10(tsv(GOOD[0], huge, "x" * (3 * MAX_LINE_LENGTH), GOOD[1]))
    assert [str(e) for e in result.errors] == ["line 3: longer than 65,536 characters",
                                               "line 4: longer than 65,536 characters"]
    assert [r.show_title for r in result.rows] == ["Good One", "Good Two"]
    assert [r.line for r in result.rows] == [2, 5]


def test_a_first_line_with_no_end_is_not_a_top10_file():
    with pytest.raises(SourceError, match="line 1 is over 65,536 characters long"):
        read_top10(b"week\t" * 20_000)


# -- NUL and bytes that are not UTF-8 cost their line only -----------------------------


def test_nul_and_bad_bytes_on_data_lines_cost_those_lines_only():
    data = tsv(GOOD[0], weekly(3, "Nul\x00Show"), weekly(4, "Cafe"), GOOD[1])
    result = read_top10(data.replace(b"Cafe", b"Caf\xe9"))  # Latin-1, not UTF-8
    assert [str(e) for e in result.errors] == [
        "line 3: contains a NUL byte",
        "line 4: not valid UTF-8 (byte 0xE9 at character 30 of the line)",
    ]
    assert [r.show_title for r in result.rows] == ["Good One", "Good Two"]


# -- many bad lines: the first twenty shown, every one counted ------------------------------


def test_thousands_of_bad_lines_keep_the_first_twenty_and_count_the_rest():
    junk = [f"junk line {n}" for n in range(5000)]
    result = read_top10(tsv(GOOD[0], *junk[:2500], GOOD[1], *junk[2500:]))
    assert len(result.errors) == MAX_KEPT_ROW_ERRORS == 20
    assert [e.line for e in result.errors] == list(range(3, 23))
    assert result.errors[0] == RowError(3, "expected 9 columns, found 1")
    assert (result.bad_lines.count, result.bad_lines.unshown) == (5000, 4980)
    assert result.lines_read == 5002
    assert [r.line for r in result.rows] == [2, 2503]


@pytest.mark.django_db
def test_the_loaders_refusals_join_the_readers_in_line_order():
    junk = [f"junk line {n}" for n in range(30)]
    report = ingest_top10(read_top10(tsv(weekly(3, "T" * 299 + "\ufdfa", season="N/A"), *junk,
                                         *GOOD)))
    assert [e.line for e in report.errors] == list(range(2, 22))
    assert report.errors[0].reason == "show_title makes a web address over 296 characters long"
    assert (report.rejected, report.unshown, report.created) == (31, 11, 2)
    assert "31 rejected" in report.summary_lines()[0]
    assert_good_rows_stored()


# -- the command, as a user runs it ----------------------------------------------------------

CATALOG_SCRIPT = """
import json
from renewcast.bootstrap import setup_django
setup_django()
from renewcast.catalog.models import ChartWeek, Show
print(json.dumps({"chart_weeks": ChartWeek.objects.count(),
                  "titles": sorted(Show.objects.values_list("title", flat=True))}))
"""


def catalog(env) -> dict:
    done = subprocess.run([sys.executable, "-c", CATALOG_SCRIPT], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def empty_env(cli_env):
    done = run_cli(cli_env, "init", "--empty")
    assert done.returncode == 0, done.stderr
    return cli_env


def reported(done) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("line ")]


def test_the_command_keeps_good_rows_beside_huge_inf_nan_and_negative_numbers(empty_env,
                                                                              tmp_path):
    path = tmp_path / "all-weeks-global.tsv"
    path.write_bytes(tsv(GOOD[0],
                         weekly(3, "Bad", hours="1e308"),
                         weekly(4, "Bad", hours="99999999999999999999999999"),
                         weekly(5, "Bad", hours="inf"),
                         weekly(6, "Bad", hours="nan"),
                         weekly(7, "Bad", hours="-5"),
                         GOOD[1]))
    done = run_cli(empty_env, "ingest", "netflix-top10", str(path))
    assert done.returncode == 1, done.stderr  # finished, with rejected rows
    assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
    assert reported(done) == [
        "line 3: weekly_hours_viewed 1e308 is over 1,000,000,000,000, more than any title has "
        "come near",
        "line 4: weekly_hours_viewed 99999999999999999999999999 is over 1,000,000,000,000, "
        "more than any title has come near",
        "line 5: weekly_hours_viewed 'inf' is not a number",
        "line 6: weekly_hours_viewed 'nan' is not a number",
        "line 7: weekly_hours_viewed -5 is negative",
    ]
    assert "2 created, 0 updated, 0 unchanged, 5 rejected" in done.stdout
    assert catalog(empty_env) == {"chart_weeks": 2, "titles": ["Good One", "Good Two"]}


def _published_with(tmp_path: Path, near: int, damage) -> tuple[Path, int]:
    """Netflix's published file (0.86 MB) with its first TV line from line ``near`` on
    changed by ``damage``; returns the file and that line's number."""
    lines = PUBLISHED.read_bytes().split(b"\n")
    number = next(n for n in range(near, len(lines)) if b"\tTV (" in lines[n - 1])
    lines[number - 1] = damage(lines[number - 1])
    path = tmp_path / "all-weeks-global.tsv"
    path.write_bytes(b"\n".join(lines))
    return path, number


@pytest.mark.parametrize(
    ("near", "damage", "reason"),
    [
        # in the first 64 KiB, where one NUL made the whole file "binary" before
        (300, lambda raw: raw.replace(b"\t", b"\t\x00", 1), "contains a NUL byte"),
        (8000, lambda raw: raw.replace(b"\t", b"\t\xff", 1),
         "not valid UTF-8 (byte 0xFF at character 12 of the line)"),
    ],
    ids=["nul", "not-utf8"],
)
def test_one_bad_byte_in_the_published_file_costs_that_line_only(empty_env, tmp_path, near,
                                                                 damage, reason):
    path, line = _published_with(tmp_path, near, damage)
    done = run_cli(empty_env, "ingest", "netflix-top10", str(path))
    assert done.returncode == 1, done.stderr
    assert reported(done) == [f"line {line}: {reason}"]
    assert f"{PUBLISHED_TV_ROWS - 1:,} created, 0 updated, 0 unchanged, 1 rejected" in done.stdout
    assert catalog(empty_env)["chart_weeks"] == PUBLISHED_TV_ROWS - 1


def test_a_million_character_title_is_refused_and_its_neighbours_kept(empty_env, tmp_path):
    path = tmp_path / "all-weeks-global.tsv"
    path.write_bytes(tsv(GOOD[0], weekly(3, "T" * 1_000_000), weekly(4, "U" * 301), GOOD[1]))
    done = run_cli(empty_env, "ingest", "netflix-top10", str(path))
    assert done.returncode == 1, done.stderr
    assert reported(done) == [
        "line 3: longer than 65,536 characters",
        "line 4: show_title is 301 characters long, over the 300 the catalog keeps",
    ]
    assert catalog(empty_env) == {"chart_weeks": 2, "titles": ["Good One", "Good Two"]}


def test_a_junk_file_prints_twenty_bad_lines_and_a_count(empty_env, tmp_path):
    junk = [f"junk\t{n}" for n in range(5000)]
    path = tmp_path / "all-weeks-global.tsv"
    path.write_bytes(tsv(GOOD[0], *junk, GOOD[1]))
    done = run_cli(empty_env, "ingest", "netflix-top10", str(path))
    assert done.returncode == 1, done.stderr
    assert reported(done) == [f"line {n}: expected 9 columns, found 2" for n in range(3, 23)]
    assert done.stderr.splitlines()[-1] == "… 4,980 more rejected lines not shown"
    assert "2 created, 0 updated, 0 unchanged, 5,000 rejected" in done.stdout
    assert catalog(empty_env)["chart_weeks"] == 2


# Run from a small helper process: a child forked from pytest itself would report pytest's
# own size as its peak, since the peak counts from before the new program starts.
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
print(done.stdout + done.stderr)
"""


def _peak_rss_mib(env: dict, path: Path) -> tuple[float, int, str]:
    """Run the ingest and return its peak resident memory in MiB, exit status and output."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "renewcast", "ingest",
         "netflix-top10", str(path)],
        env=env, capture_output=True, text=True, timeout=300, check=True)
    first, output = done.stdout.split("\n", 1)
    peak_kib, status = first.split()
    return int(peak_kib) / 1024, int(status), output


def test_memory_stays_flat_on_a_large_junk_file(empty_env, tmp_path):
    small = tmp_path / "small.tsv"
    small.write_bytes(tsv(*GOOD))
    block = "".join(f"{n} junk, not a row {'x' * (n % 97)}\n" for n in range(20_000)).encode()
    large = tmp_path / "large.tsv"
    with large.open("wb") as out:
        out.write(tsv(GOOD[0]))
        for _ in range(64 * 2**20 // len(block)):
            out.write(block)
        out.write((GOOD[1] + "\n").encode())
    assert large.stat().st_size > 60 * 2**20
    peak, status, output = _peak_rss_mib(empty_env, large)
    assert status == 1, output
    baseline, status, small_output = _peak_rss_mib(empty_env, small)
    assert status == 0, small_output
    # Read whole, the file took ten times its size; line by line it costs next to nothing.
    assert peak < baseline + 24, (peak, baseline)
    assert "2 created, 0 updated, 0 unchanged, 940,000 rejected" in output
    assert "… 939,980 more rejected lines not shown" in output
