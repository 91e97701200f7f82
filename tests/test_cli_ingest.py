"""``renewcast ingest``, run as a user runs it: a subprocess on its own database."""

import json
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

SHARED_TOP10 = FIXTURES / "top10-excerpt.tsv"
BUNDLED_TOP10 = Path(__file__).parents[1] / "src/renewcast/data/netflix-top10/all-weeks-global.tsv"

COUNT_SCRIPT = """
from renewcast.bootstrap import setup_django
setup_django()
from renewcast.catalog.models import ChartWeek, Claim, Season, Show
print(ChartWeek.objects.count(), Season.objects.count(), Show.objects.count(),
      Claim.objects.count())
"""


def counts(env) -> str:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", COUNT_SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def empty_env(cli_env):
    done = run_cli(cli_env, "init", "--empty")
    assert done.returncode == 0, done.stderr
    return cli_env


def test_the_full_file_twice_second_run_changes_nothing(empty_env):
    first = run_cli(empty_env, "ingest", "netflix-top10", str(BUNDLED_TOP10))
    assert first.returncode == 0, first.stderr
    assert "read 10,560 rows: 5,280 created, 0 updated, 0 unchanged, 0 rejected" in first.stdout
    second = run_cli(empty_env, "ingest", "netflix-top10", str(BUNDLED_TOP10))
    assert second.returncode == 0, second.stderr
    assert "0 created, 0 updated, 5,280 unchanged, 0 rejected" in second.stdout
    assert "nothing changed" in second.stdout


def test_a_corrupted_copy_keeps_every_good_row_and_names_each_bad_line(empty_env, tmp_path):
    lines = SHARED_TOP10.read_text().splitlines()
    broken = {
        3: "2022-08-28\tTV (English)\t0\tBad\tBad: Season 1\t100\t\t\t1",
        10: "2022-08-28\tTV (English)\t2\tBad\tBad: Season 1\t-100\t\t\t1",
        20: "\x7f\x7f garbage line",
        30: "2022-08-28\tCartoons\t2\tBad\tBad: Season 1\t100\t\t\t1",
    }
    for line_number in sorted(broken):
        lines.insert(line_number - 1, broken[line_number])
    path = tmp_path / "corrupted.tsv"
    path.write_text("\n".join(lines) + "\n")
    done = run_cli(empty_env, "ingest", "netflix-top10", str(path))
    assert done.returncode == 1  # finished, with rejected rows
    reported = [line for line in done.stderr.splitlines() if line.startswith("line ")]
    assert [r.split(":")[0] for r in reported] == ["line 3", "line 10", "line 20", "line 30"]
    assert "rank 0 is outside 1-10" in reported[0]
    assert "123 created" in done.stdout and "4 rejected" in done.stdout
    assert counts(empty_env).split()[0] == "123"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"name\tvalue\nx\t1\n", "wrong header"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"\xff\xfe\xfa not utf8\n", "not UTF-8"),
        (b"PK\x03\x04 not really a workbook", "XLSX"),
    ],
)
def test_an_unusable_file_gives_one_line_exit_2_and_leaves_the_database(
    empty_env, tmp_path, content, message
):
    run_cli(empty_env, "ingest", "netflix-top10", str(SHARED_TOP10))
    before = counts(empty_env)
    path = tmp_path / "input.tsv"
    path.write_bytes(content)
    done = run_cli(empty_env, "ingest", "netflix-top10", str(path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("renewcast: error: ")
    assert message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert counts(empty_env) == before


def test_missing_file_and_failing_url(empty_env):
    for location, message in (
        ("/no/such/file.tsv", "no such file"),
        ("http://127.0.0.1:9/all-weeks-global.tsv", "could not fetch"),
    ):
        done = run_cli(empty_env, "ingest", "netflix-top10", location)
        assert done.returncode == 2 and message in done.stderr
        assert done.stderr.count("\n") == 1


def test_ingest_from_a_url_on_loopback(empty_env):
    import http.server
    import threading
    from functools import partial

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/top10-excerpt.tsv"
        done = run_cli(empty_env, "ingest", "netflix-top10", url)
        missing = run_cli(empty_env, "ingest", "netflix-top10", url.replace("excerpt", "nope"))
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    assert "123 created" in done.stdout
    assert missing.returncode == 2 and "HTTP 404" in missing.stderr
    shown = json.loads(run_cli(empty_env, "show", "Partner Track", "--json").stdout)
    assert shown["seasons"][0]["chart_weeks"][0]["rank"] == 7


def test_outcomes_ingest_and_its_errors(empty_env, tmp_path):
    done = run_cli(empty_env, "ingest", "outcomes", str(FIXTURES / "outcomes-excerpt.csv"))
    assert done.returncode == 0, done.stderr
    assert "read 6 rows: 6 created" in done.stdout
    again = run_cli(empty_env, "ingest", "outcomes", str(FIXTURES / "outcomes-excerpt.csv"))
    assert "0 created, 0 updated, 6 unchanged" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("show,season\nx,1\n")
    wrong = run_cli(empty_env, "ingest", "outcomes", str(bad))
    assert wrong.returncode == 2 and "wrong header" in wrong.stderr
    shown = json.loads(run_cli(empty_env, "show", "partner track", "--json").stdout)
    assert shown["status"] == "canceled"


def test_progress_bar_on_a_terminal(empty_env):
    import os
    import pty
    import subprocess

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "renewcast", "ingest", "netflix-top10", str(SHARED_TOP10)],
        env={**empty_env, "COLUMNS": "100", "TERM": "xterm"},
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    text = output.decode(errors="replace")
    assert process.returncode == 0
    assert "Ingesting weekly Top 10" in text and "126/126" in text
