"""CSV the product writes never carries a live spreadsheet formula (CSV injection)."""

import csv
import io

import pytest
from conftest import run_cli

from renewcast.sources.spreadsheet import safe_cell, safe_row

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+1+1", "@SUM(A1)", "-2+3",
           "\t=1", "\r=1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_is_written_as_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-0.25", "0.61", "Partner Track", "", 3, None, "a=b"])
def test_numbers_and_plain_text_are_left_alone(value):
    assert safe_cell(value) == value


def test_rows_of_either_shape():
    assert safe_row({"a": "=1", "b": "x"}) == {"a": "'=1", "b": "x"}
    assert safe_row(["@x", "-1.5"]) == ["'@x", "-1.5"]


def test_forecast_batch_echoes_a_formula_title_as_text(bundled_cli_env, tmp_path):
    batch = tmp_path / "in.csv"
    rows = [["show_title", "season", "as_of"], [HOSTILE[0], "1", "2022-09-20"],
            ["Partner Track", "1", "2022-09-20"]]
    with batch.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    done = run_cli(bundled_cli_env, "forecast", "--batch", str(batch))
    assert done.returncode == 1  # the hostile row is an unknown show; the other is forecast
    out = list(csv.DictReader(io.StringIO(done.stdout)))
    assert out[0]["show_title"] == "'" + HOSTILE[0]
    for row in out:
        assert not any(str(v).startswith(("=", "+", "@")) for v in row.values()), row
    assert float(out[1]["p_renew"]) > 0
