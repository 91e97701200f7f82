"""``renewcast forecast``, ``backtest`` and ``train`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from renewcast.forecast.store import MODEL_FILE, SHIPPED

BATCH = FIXTURES / "forecast" / "batch.csv"
COLUMNS = ["show_title", "season", "as_of", "p_renew", "low_information", "verdict",
           "reasons", "premiere_p10", "premiere_p50", "premiere_p90", "premiere", "error"]
VERDICTS = {"likely renewed", "toss-up", "likely canceled"}


@pytest.fixture(scope="module")
def human(bundled_cli_env):
    return run_cli(bundled_cli_env, "forecast", "partner track", "--as-of", "2022-09-20")


@pytest.fixture(scope="module")
def batch(bundled_cli_env, tmp_path_factory):
    """The fixture batch, once into a file and once to stdout."""
    out = tmp_path_factory.mktemp("batch") / "out.csv"
    to_file = run_cli(bundled_cli_env, "forecast", "--batch", str(BATCH), "--out", str(out))
    to_stdout = run_cli(bundled_cli_env, "forecast", "--batch", str(BATCH))
    return out, to_file, to_stdout


def one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, stderr
    assert stderr.rstrip("\n").splitlines()[-1] == errors[0]
    return errors[0]


def test_forecast_prints_chance_verdict_reasons_and_timing(human):
    done = human
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Partner Track: Season 1 — as of 2022-09-20"
    chance = re.fullmatch(r"Chance of renewal: (\d{1,3})% \((.+)\)", lines[1])
    assert chance, lines[1]
    assert 0 <= int(chance[1]) <= 100 and chance[2] in VERDICTS
    why = lines.index("Why:")
    reasons = [line for line in lines[why + 1:] if line.startswith("  - ")]
    assert reasons, done.stdout
    assert any(line.startswith("When: ") and "weeks after premiere" in line for line in lines)
    assert re.search(r"^Model fitted on \d+ seasons whose fate was known before 2022-09-20\.$",
                     done.stdout, re.M)
    assert done.stderr == ""


def test_forecast_json(bundled_cli_env, human):
    done = run_cli(bundled_cli_env, "forecast", "Partner Track", "--season", "1",
                   "--as-of", "2022-09-20", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["season"], data["as_of"], data["state"]) == (
        "Partner Track: Season 1", "2022-09-20", "forecast")
    assert 0 <= data["p_renew"] <= 1
    assert data["verdict"] in VERDICTS and data["low_information"] is False
    assert data["reasons"] and all(r["text"] and -1 <= r["effect"] <= 1 for r in data["reasons"])
    assert data["chart_weeks_used"] == 4 and data["trained_on_seasons"] >= 20
    assert data["decision"] is None
    assert "weeks after premiere" in data["decision_timing"]["text"]
    # The human output says the same number.
    assert f"Chance of renewal: {data['p_renew']:.0%} ({data['verdict']})" in human.stdout


def test_forecast_of_a_decided_season(bundled_cli_env):
    done = run_cli(bundled_cli_env, "forecast", "partner track", "--as-of", "2022-11-08", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["state"], data["p_renew"], data["verdict"]) == ("canceled", 0.0, "canceled")
    assert data["decision"] == {"outcome": "canceled", "announced": "2022-11-08"}


def test_unknown_title_exits_1_with_suggestions(bundled_cli_env):
    done = run_cli(bundled_cli_env, "forecast", "Partner Trak", "--as-of", "2022-09-20")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("no show named 'Partner Trak'; did you mean: ")
    assert "Partner Track" in done.stderr and "Traceback" not in done.stderr


def test_unknown_season_exits_1(bundled_cli_env):
    done = run_cli(bundled_cli_env, "forecast", "partner track", "--season", "9")
    assert done.returncode == 1
    assert done.stderr.strip() == "Partner Track has no season 9 (seasons: 1)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["partner track", "--as-of", "2999-01-01"], "is in the future"),
        (["partner track", "--as-of", "2022-13-01"], "'2022-13-01' is not a date"),
        (["partner track", "--season", "0"], "season numbers start at 1"),
        (["partner track", "--season", "two"], "'two' is not a season number"),
        ([], "give a show TITLE"),
        (["partner track", "--batch", str(BATCH)], "--batch takes its seasons from the file"),
    ],
)
def test_bad_forecast_arguments_exit_2_with_one_line(bundled_cli_env, args, message):
    done = run_cli(bundled_cli_env, "forecast", *args)
    assert done.returncode == 2, done.stderr
    assert message in one_error_line(done.stderr)
    assert done.stdout == ""


def read_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == COLUMNS
    return list(reader)


def test_batch_forecasts_every_row_in_order(batch):
    out, done, _ = batch
    assert done.returncode == 1, done.stderr  # some rows had errors
    inputs = list(csv.reader(io.StringIO(BATCH.read_text(encoding="utf-8"))))[1:]
    rows = read_rows(out.read_text(encoding="utf-8"))
    assert len(rows) == len(inputs) == 13
    for given, row in zip(inputs, rows, strict=True):
        assert [row["show_title"], row["season"], row["as_of"]] == given[:3]
    assert done.stdout.strip() == f"{out}: 13 rows, 8 forecast, 5 with errors"

    bad = {3: "no show named 'Partner Trak'; did you mean: ",
           4: "as_of '2022-13-01' is not a date",
           5: "is in the future",
           6: "season 'one' is not a whole number",
           7: "more fields than the header has"}
    for line, row in enumerate(rows, start=2):  # the header is line 1
        if line in bad:
            assert row["error"].startswith(f"line {line}: "), row
            assert bad[line] in row["error"], row
            assert row["p_renew"] == row["verdict"] == row["low_information"] == "", row
        else:
            assert row["error"] == "", row
            assert 0 <= float(row["p_renew"]) <= 1, row
            assert row["low_information"] in ("true", "false"), row
            assert row["verdict"] in VERDICTS | {"renewed", "canceled"}, row
            assert row["reasons"], row
    assert done.stderr.splitlines() == [
        rows[n - 2]["error"] for n in sorted(bad)]

    by_input = {(r["show_title"], r["season"], r["as_of"]): r for r in rows}
    partner = by_input["Partner Track", "1", "2022-09-20"]
    assert partner["verdict"] in VERDICTS
    assert partner["low_information"] == "false"
    # Titles match whatever the case and punctuation.
    shouted = by_input["PARTNER-TRACK", "1", "2022-09-20"]
    assert {k: shouted[k] for k in COLUMNS[3:]} == {k: partner[k] for k in COLUMNS[3:]}
    sex_life_1 = by_input["sex / life", "1", "2021-08-15"]
    assert sex_life_1["verdict"] in VERDICTS  # not yet renewed then (September 2021)
    # Never charted: only a base rate to go on.
    upshaws = by_input["The Upshaws", "2", "2022-09-20"]
    assert upshaws["low_information"] == "true" and "not in the weekly Top 10" in upshaws["reasons"]
    # A blank season is the latest one released by as_of.
    for as_of, number in (("2022-09-20", "1"), ("2023-03-20", "2")):
        blank, explicit = by_input["Sex/Life", "", as_of], by_input["Sex/Life", number, as_of]
        assert {k: blank[k] for k in COLUMNS[3:]} == {k: explicit[k] for k in COLUMNS[3:]}
    assert by_input["Sex/Life", "", "2022-09-20"]["verdict"] == "renewed"
    assert by_input["Sex/Life", "", "2023-03-20"]["verdict"] in VERDICTS


def test_batch_to_stdout_is_the_same_csv(batch):
    out, to_file, to_stdout = batch
    assert to_file.returncode == to_stdout.returncode == 1
    assert to_stdout.stdout == out.read_text(encoding="utf-8")


def test_batch_without_as_of_column_exits_2(bundled_cli_env, tmp_path):
    path = tmp_path / "no-date.csv"
    path.write_text("show_title,season\nPartner Track,1\n", encoding="utf-8")
    done = run_cli(bundled_cli_env, "forecast", "--batch", str(path))
    assert done.returncode == 2
    line = one_error_line(done.stderr)
    assert line.startswith("renewcast: error: ") and "missing column(s) as_of" in line
    assert done.stdout == ""


def test_backtest_writes_report_and_plot(bundled_cli_env, tmp_path):
    folder = tmp_path / "bt"
    done = run_cli(bundled_cli_env, "backtest", "--out", str(folder))
    assert done.returncode == 0, done.stderr
    report = (folder / "backtest.md").read_text(encoding="utf-8")
    assert "Partner Track" in report and "| renewcast |" in report
    assert (folder / "calibration.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert re.search(r"renewcast: Brier 0\.\d{3}", done.stdout)
    assert f"wrote {folder / 'backtest.md'} and {folder / 'calibration.png'}" in done.stdout


FAIR_TEST = Path(__file__).parents[1] / "docs/backtest/2024-07-to-2026-01/forecasts.csv"


def test_backtest_rescores_the_published_fair_test_without_forecasting(bundled_cli_env):
    done = run_cli(bundled_cli_env, "backtest", "--rescore", str(FAIR_TEST))
    assert done.returncode == 0, done.stderr
    fair = json.loads((SHIPPED / "fair-test.json").read_text(encoding="utf-8"))["scores"]
    published = done.stdout.split("against fates known on")[0]
    assert (f"renewcast: Brier {fair['renewcast']['brier']:.3f}  log loss "
            f"{fair['renewcast']['log_loss']:.3f}") in published
    assert f"(n={fair['renewcast']['n']})" in published
    assert "fate changed: Blood Legacy: Season 1: not renewed → renewed" in done.stdout
    assert "no longer a renewal question (left out): Under a Dark Sun: Season 1" in done.stdout


def test_backtest_rescore_reports_bad_files_and_rows(bundled_cli_env, tmp_path):
    done = run_cli(bundled_cli_env, "backtest", "--rescore", str(tmp_path / "none.csv"))
    assert done.returncode == 2 and "no such file" in one_error_line(done.stderr)
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("show_title,season,as_of\nPartner Track,1,2022-09-20\n", encoding="utf-8")
    done = run_cli(bundled_cli_env, "backtest", "--rescore", str(wrong))
    assert done.returncode == 2
    assert "missing column(s) renewcast, renewed" in one_error_line(
        done.stderr)
    mixed = tmp_path / "mixed.csv"
    lines = FAIR_TEST.read_text(encoding="utf-8").splitlines()
    mixed.write_text("\n".join([lines[0], lines[1].replace(",0.5195,", ",abc,"), *lines[2:]]),
                     encoding="utf-8")
    done = run_cli(bundled_cli_env, "backtest", "--rescore", str(mixed))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "line 2: 'abc' is not a chance between 0 and 1" in done.stderr
    assert "(n=184)" in done.stdout.split("against")[0]  # every other row still scored


def test_train_writes_model_and_card(bundled_cli_env, tmp_path):
    folder = tmp_path / "model"
    done = run_cli(bundled_cli_env, "train", "--out", str(folder))
    assert done.returncode == 0, done.stderr
    trained = json.loads((folder / "renewal-model.json").read_text(encoding="utf-8"))
    assert sorted(trained["horizons"], key=int) == [str(h) for h in range(1, 9)]
    assert set(trained["backtest"]) == {"renewcast", "base rate", "4+ weeks rule"}
    card = (folder / "model-card.md").read_text(encoding="utf-8")
    assert card.startswith("# Model card") and "## Backtest" in card
    # Trained on the same bundled data, it is the model the package ships.
    shipped = json.loads((SHIPPED / MODEL_FILE).read_text(encoding="utf-8"))
    assert {h: m["fingerprint"] for h, m in trained["horizons"].items()} == {
        h: m["fingerprint"] for h, m in shipped["horizons"].items()}
    assert f"trained on {trained['decisions']} seasons with a known fate" in done.stdout


def test_the_ledger_exports_a_snapshot_the_rescore_reads(bundled_cli_env, tmp_path):
    out = tmp_path / "open.csv"
    empty = run_cli(bundled_cli_env, "ledger", "--export", str(out))
    assert empty.returncode == 2 and "no forecasts recorded yet" in empty.stderr
    assert "Traceback" not in empty.stderr and not out.exists()
    assert run_cli(bundled_cli_env, "run-jobs", "--once", "forecasts").returncode == 0
    bad = run_cli(bundled_cli_env, "ledger", "--export", str(tmp_path / "no" / "x.csv"))
    assert bad.returncode == 2 and "cannot write" in bad.stderr
    done = run_cli(bundled_cli_env, "ledger", "--export", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) >= 100 and {r["renewed"] for r in rows} == {""}
    assert done.stdout.startswith(f"wrote {out}: {len(rows)} open seasons as published on ")
    rescored = run_cli(bundled_cli_env, "backtest", "--rescore", str(out))
    assert rescored.returncode == 0, rescored.stderr
    assert re.search(r"^\d+ still open: scored once their fates are known$", rescored.stdout,
                     re.M)
