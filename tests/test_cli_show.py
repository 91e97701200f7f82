"""``renewcast show``, ``init`` and argument errors, as a user runs them."""

import json
import re
import sqlite3

import pytest
from conftest import BACKEND, run_cli


@pytest.fixture(scope="module")
def bundled_env(tmp_path_factory):
    """One database with the bundled data, created by the first command as on a fresh machine."""
    from conftest import _env, fresh_database_url

    with fresh_database_url() as url:
        env = _env(tmp_path_factory.mktemp("bundled") / "data", url)
        first = run_cli(env, "show", "Partner Track", "--json")
        assert first.returncode == 0, first.stderr
        env["FIRST_OUTPUT"] = first.stdout
        env["FIRST_STDERR"] = first.stderr
        yield env


def test_first_command_creates_the_database_with_the_bundled_data(bundled_env):
    assert "Creating the database" in bundled_env["FIRST_STDERR"]
    data = json.loads(bundled_env["FIRST_OUTPUT"])
    assert data["status"] == "canceled"
    assert [w["rank"] for w in data["seasons"][0]["chart_weeks"]] == [7, 4, 6]
    assert data["platform"] == "Netflix" and data["cast"] == []


def test_title_match_ignores_case_and_punctuation(bundled_env):
    for title in ("sex/life", "SEX LIFE", "sex-life"):
        done = run_cli(bundled_env, "show", title, "--json")
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert data["title"] == "Sex/Life" and data["slug"] == "sex-life"
        assert [s["number"] for s in data["seasons"]] == [1, 2]
        assert data["status"] == "canceled"


def test_unknown_title_exits_1_with_close_matches(bundled_env):
    done = run_cli(bundled_env, "show", "Partner Trak")
    assert done.returncode == 1
    assert done.stderr.startswith("no show named 'Partner Trak'")
    assert "Partner Track" in done.stderr
    suggestions = done.stderr.split("did you mean: ")[1].strip().split(", ")
    assert 1 <= len(suggestions) <= 5


def test_human_output_opens_with_the_answer_then_the_tables(bundled_env):
    done = run_cli(bundled_env, "show", "partner track")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[1] == "Status: canceled on 2022-11-08"
    answer = " ".join(lines[3:6])
    assert "Has Partner Track been renewed for season 2? No" in answer
    assert "canceled it on 8" in answer
    assert done.stdout.index("renewed for season 2?") < done.stdout.index("31,140,000")


def test_an_awaiting_show_opens_with_its_chance_and_premiere_window(bundled_env):
    done = run_cli(bundled_env, "show", "BEEF")
    assert done.returncode == 0, done.stderr
    head = done.stdout.split("Season 1")[0]
    assert "Has BEEF been renewed for season 3? Not yet" in head
    assert re.search(r"Chance of renewal: \d+% \((likely renewed|toss-up|likely canceled)\)",
                     head)
    assert "Premiere: If renewed, season 3" in head


def test_init_on_an_existing_database_does_nothing(bundled_env):
    done = run_cli(bundled_env, "init")
    assert done.returncode == 0 and "already exists" in done.stdout


def test_init_empty_loads_nothing(cli_env):
    done = run_cli(cli_env, "init", "--empty")
    assert done.returncode == 0 and "(empty)" in done.stdout
    missing = run_cli(cli_env, "show", "Partner Track")
    assert missing.returncode == 1 and "no show named" in missing.stderr


@pytest.mark.skipif(BACKEND != "sqlite", reason="WAL is a SQLite setting")
def test_sqlite_database_uses_wal(bundled_env):
    from pathlib import Path

    path = Path(bundled_env["RENEWCAST_DATA_DIR"]) / "renewcast.sqlite3"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["serve", "--port", "99999"], "outside 1-65535"),
        (["serve", "--port", "http"], "not a port number"),
        (["ingest", "podcasts", "x"], "invalid choice"),
        (["show"], "required"),
        # checked before Django and the model load, so the answer is immediate
        (["forecast"], "give a show TITLE, or --batch IN.csv"),
        (["forecast", "X", "--out", "a.csv"], "--out goes with --batch"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_get_a_clear_message_and_exit_2(cli_env, args, message):
    done = run_cli(cli_env, *args)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_bad_database_url_is_one_line(cli_env):
    env = {**cli_env, "DATABASE_URL": "nosuchdb://x/y"}
    done = run_cli(env, "show", "x")
    assert done.returncode == 2 and "renewcast: error:" in done.stderr
    assert "Traceback" not in done.stderr
    unreachable = {**cli_env, "DATABASE_URL": "postgres://postgres@127.0.0.1:9/none"}
    done = run_cli(unreachable, "show", "x")
    assert done.returncode == 2 and "cannot open the database" in done.stderr
