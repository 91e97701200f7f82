"""Does a season's engagement report, once out, make its renewal forecast better?

Seasons still waiting for news the day after their own half-year engagement report came out
are forecast that day with and without the report stage (forecast/engagement.py), and
scored against their fate as known today. Two periods:

- **choice** (released January 2023 – June 2024): where the stage's design was chosen, by
  5-fold cross-validation on these seasons. The forecaster learns the stage only from
  seasons two and a half years past their premiere (``MATURE``), so when those reports
  came out it had none to learn from and gave the chance without the report.
- **test** (released July 2024 – June 2025): the stage fitted once on every choice-period
  season, applied to these. Run once, as registered in docs/forecasting.md; ``--out``
  writes every row.

    python benchmarks/report_stage.py [--test] [--out docs/backtest/report-stage.csv]
"""

from __future__ import annotations

import argparse
import csv
from datetime import date
from pathlib import Path

from ingest_top10 import bundled_history

CHOICE = (date(2023, 1, 1), date(2024, 6, 30))
TEST = (date(2024, 7, 1), date(2025, 6, 30))


def cross_validated(cases) -> list[float]:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from renewcast.forecast.engagement import MIN_ROWS, ReportStage

    rows = [(c.without_report, c.standing, int(c.outcome == "renewed")) for c in cases]
    out = [0.0] * len(rows)
    y = np.array([r[2] for r in rows])
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(rows, y):
        stage = ReportStage.fit([rows[i] for i in train])
        assert stage is not None, f"fewer than {MIN_ROWS} rows in a fold"
        for i in test:
            out[i] = stage.predict_proba(rows[i][0], rows[i][1])
    return out


def show(label: str, outcomes, columns: dict) -> None:
    from renewcast.forecast.metrics import score

    renewed = sum(outcomes)
    print(f"{label}: {len(outcomes)} seasons, {renewed} renewed")
    for name, p in columns.items():
        s = score(outcomes, p)
        auc = "—" if s.auc is None else f"{s.auc:.3f}"
        print(f"  {name:<38} Brier {s.brier:.3f}  log loss {s.log_loss:.3f}  ROC AUC {auc}  "
              f"ECE {s.ece:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also run the test period")
    parser.add_argument("--out", type=Path, help="CSV of every test-period row")
    args = parser.parse_args()
    with bundled_history() as history:
        from renewcast.forecast.backtest import report_backtest
        from renewcast.forecast.forecaster import Forecaster

        forecaster = Forecaster(history)
        choice = report_backtest(history, forecaster, *CHOICE)
        test = report_backtest(history, forecaster, *TEST) if args.test else []
    y = [int(c.outcome == "renewed") for c in choice]
    show("choice period (released 2023-01 – 2024-06), 5-fold cross-validated", y, {
        "chance the day after the report": [c.without_report for c in choice],
        "with the report standing (CV)": cross_validated(choice),
        "as the forecaster ran (no stage yet)": [c.with_report for c in choice],
        "base rate": [c.base_rate for c in choice],
    })
    if not args.test:
        return
    from renewcast.forecast.engagement import ReportStage

    stage = ReportStage.fit([(c.without_report, c.standing, int(c.outcome == "renewed"))
                             for c in choice])
    staged = [stage.predict_proba(c.without_report, c.standing) for c in test]
    print(f"stage fitted on the choice period: intercept {stage.intercept:.3f}, slope "
          f"{stage.slope:.3f} on the log-odds, weight {stage.weight:.3f} on the standing")
    y = [int(c.outcome == "renewed") for c in test]
    show("test period (released 2024-07 – 2025-06), stage fitted on the choice period", y, {
        "chance the day after the report": [c.without_report for c in test],
        "with the report standing": staged,
        "base rate": [c.base_rate for c in test],
    })
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["season", "report_out", "standing", "without_report",
                             "with_report", "base_rate", "renewed", "known_by"])
            for c, p in zip(test, staged, strict=True):
                writer.writerow([c.name, c.published_on, f"{c.standing:.3f}",
                                 f"{c.without_report:.4f}", f"{p:.4f}",
                                 f"{c.base_rate:.4f}", int(c.outcome == "renewed"), c.known_by])
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
