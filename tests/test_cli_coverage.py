"""``renewcast coverage`` and ``ingest netflix-engagement`` as a user runs them."""

from __future__ import annotations

import json

from conftest import run_cli


def test_coverage_counts_every_original_season_and_names_the_unknown(bundled_cli_env):
    done = run_cli(bundled_cli_env, "coverage", "--json", "--top", "5")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    total = report["all"]
    assert total["seasons"] == report["netflix_original_seasons"] > 1000
    assert total["seasons"] == sum(total[k] for k in ("sourced", "proven", "ended", "reference",
                                                      "unknown"))
    assert total["reference"] > 0  # fates only Wikipedia's snapshot tables give, counted apart
    assert sum(row["seasons"] for row in report["rows"]) == total["seasons"]
    assert set(report["by_list"]) == {"English", "Non-English"}
    assert 0.6 < total["known_share"] < 1
    unknown = report["unknown_most_watched"]
    assert len(unknown) == 5 and unknown == sorted(unknown, key=lambda u: -u["top10_hours"])
    assert all(u["why"] for u in unknown)
    table = run_cli(bundled_cli_env, "coverage")
    assert "| **all** | **both** |" in table.stdout and "Most-watched seasons" in table.stdout
    assert "Wikipedia's tables" in table.stdout


def test_a_file_that_is_no_engagement_report_is_one_line_and_exit_2(bundled_cli_env, tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"Title\tHours Viewed\nNot a workbook\t1\n")
    done = run_cli(bundled_cli_env, "ingest", "netflix-engagement", str(path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "renewcast: error: not an XLSX file: Netflix publishes engagement reports as .xlsx"]
    bad = run_cli(bundled_cli_env, "ingest", "netflix-engagement", str(path),
                  "--published", "yesterday")
    assert bad.returncode == 2 and "is not a date like" in bad.stderr


def test_a_bundled_report_ingested_again_changes_nothing(bundled_cli_env):
    from importlib import resources

    path = resources.files("renewcast.data").joinpath(
        "netflix-engagement", "What_We_Watched_A_Netflix_Engagement_Report_2024Jul-Dec.xlsx")
    done = run_cli(bundled_cli_env, "ingest", "netflix-engagement", str(path))
    assert done.returncode == 0, done.stderr
    assert "0 created, 0 updated" in done.stdout and "nothing changed" in done.stdout
