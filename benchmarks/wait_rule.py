"""What should a season's silence be compared with, once it waits past the usual decision?

The wait rule (forecast/timing.py, ``DecisionTiming.after_waiting``) lowers the chance of a
season with no news by how many past renewals were still to come at that point. Three
choices of "past renewals", each run through the whole forecaster:

- **seen**: every renewal, from the day it became public: announced, known from a later
  season's order, or from the next season turning up in Netflix's files;
- **announced**: only renewals announced for that season (what the page's windows show;
  shipped, as the registered test decided);
- **none**: silence changes no chance.

Every Netflix-original season that debuted in a period is forecast 13, 26, 40 and 48 weeks
after its debut week (where still undecided then) and scored against its fate as known
today. **choice**: debuts January 2023 – June 2024, where the rule was chosen. **test**:
debuts July 2024 – June 2025, run once as registered in docs/forecasting.md; ``--out``
writes every row.

    python benchmarks/wait_rule.py [--test] [--out docs/backtest/wait-rule.csv]
"""

from __future__ import annotations

import argparse
import csv
from datetime import date, timedelta
from pathlib import Path

from ingest_top10 import bundled_history

CHOICE = (date(2023, 1, 1), date(2024, 6, 30))
TEST = (date(2024, 7, 1), date(2025, 6, 30))
WEEKS = (13, 26, 40, 48)


def run(history, period, wait_ons) -> dict[int, dict]:
    """For each horizon: the seasons, their outcomes, and each rule's chances."""
    from renewcast.forecast.backtest import backtest
    from renewcast.forecast.forecaster import Forecaster

    out = {}
    for weeks in WEEKS:
        results = {wait_on: backtest(history, Forecaster(history, wait_on=wait_on), *period,
                                     horizon=timedelta(weeks=weeks))
                   for wait_on in wait_ons}
        first = next(iter(results.values()))
        assert all([c.name for c in r.cases] == [c.name for c in first.cases]
                   for r in results.values())
        out[weeks] = {
            "cases": first.cases, "outcomes": first.outcomes,
            "base rate": [c.base_rate for c in first.cases],
            **{wait_on: [c.forecast.p_renew for c in r.cases] for wait_on, r in results.items()},
        }
    return out


def show(label: str, runs: dict[int, dict], columns) -> dict[str, float]:
    from renewcast.forecast.metrics import score

    print(label)
    mean = {}
    for weeks, run_ in runs.items():
        y = run_["outcomes"]
        print(f"  debut + {weeks} weeks: {len(y)} seasons, {sum(y)} renewed")
        for name in columns:
            s = score(y, run_[name])
            mean[name] = mean.get(name, 0) + s.brier / len(runs)
            auc = "—" if s.auc is None else f"{s.auc:.3f}"
            print(f"    {name:<10} Brier {s.brier:.3f}  log loss {s.log_loss:.3f}  "
                  f"ROC AUC {auc}  ECE {s.ece:.3f}")
    print("  mean Brier over the horizons: "
          + ", ".join(f"{name} {value:.3f}" for name, value in mean.items()))
    return mean


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test", action="store_true", help="also run the test period")
    parser.add_argument("--out", type=Path, help="CSV of every test-period row")
    args = parser.parse_args()
    with bundled_history() as history:
        from renewcast.forecast.timing import ANNOUNCED, NO_WAIT, SEEN

        rules = (SEEN, ANNOUNCED, NO_WAIT)
        choice = run(history, CHOICE, rules)
        test = run(history, TEST, rules) if args.test else {}
    columns = (*rules, "base rate")
    show("choice period (debuts 2023-01 – 2024-06)", choice, columns)
    if not args.test:
        return
    mean = show("test period (debuts 2024-07 – 2025-06)", test, columns)
    kept = SEEN if mean[SEEN] <= mean[ANNOUNCED] else ANNOUNCED
    print(f"registered rule: keep '{SEEN}' unless '{ANNOUNCED}' has the lower mean Brier "
          f"on the test period -> {kept}")
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["season", "debut_week", "as_of", *rules, "base_rate", "renewed",
                             "known_by"])
            for run_ in test.values():
                for i, case in enumerate(run_["cases"]):
                    writer.writerow([case.name, case.debut_week, case.as_of,
                                     *(f"{run_[rule][i]:.4f}" for rule in rules),
                                     f"{case.base_rate:.4f}", run_["outcomes"][i],
                                     case.known_by])
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
