"""Saving and loading trained models, and writing the model card beside them.

The package ships ``shipped/renewal-model.json`` (the fit on the bundled decisions);
``renewcast train`` writes a newer one into the data directory, which then wins.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from renewcast.forecast.backtest import BacktestResult
from renewcast.forecast.features import FEATURE_NAMES, MAX_HORIZON
from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.model import C, RenewalModel

SHIPPED = Path(__file__).with_name("shipped")
MODEL_FILE, CARD_FILE = "renewal-model.json", "model-card.md"


def read_model_file(*folders: Path) -> dict | None:
    """The model file in the first folder that has one, as a dict (None if none has)."""
    for folder in folders:
        path = Path(folder) / MODEL_FILE
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    return None


FAIR_TEST_FILE = "fair-test.json"
REPORT_TEST_FILE = "report-stage-test.json"
WAIT_TEST_FILE = "wait-rule-test.json"
WAIT_RULES = ("announced", "seen", "none", "base rate")


def _read_run(name: str, *date_keys: str) -> dict | None:
    """A shipped summary of a run kept as it came out, its ``date_keys`` as dates."""
    path = SHIPPED / name
    if not path.is_file():
        return None
    found = json.loads(path.read_text(encoding="utf-8"))
    for key in date_keys:
        found[key] = date.fromisoformat(found[key])
    return found


def read_fair_test() -> dict | None:
    """The one pre-registered run on seasons the model's design never saw (``renewcast
    backtest --from 2024-07-01 --to 2026-01-31``'s scores.json, kept as it came out)."""
    found = _read_run(FAIR_TEST_FILE, "debuts_from", "debuts_to", "known_on")
    if found is None:
        return None
    found["model"], found["base_rate"] = found["scores"]["renewcast"], found["scores"]["base rate"]
    if "premieres" in found:
        found["premieres"]["same_gap"] = found["premieres"]["baselines"].get(
            "same gap as last time")
    return found


FAIR_TEST_ROWS = "fair-test-forecasts.csv"  # a copy of that run's forecasts.csv


def read_fair_test_rows() -> str | None:
    """The fair test's published forecasts, to re-score as fates land (never re-run)."""
    path = SHIPPED / FAIR_TEST_ROWS
    return path.read_text(encoding="utf-8") if path.is_file() else None


def read_report_stage_test() -> dict | None:
    """The one registered run of the engagement report stage on later releases
    (``benchmarks/report_stage.py --test``; its rows are in docs/backtest/)."""
    found = _read_run(REPORT_TEST_FILE, "released_from", "released_to", "known_on")
    if found is None:
        return None
    found["without"] = found["scores"]["without the report"]
    found["with"] = found["scores"]["with the report"]
    return found


def read_wait_rule_test() -> dict | None:
    """The one registered run of the wait rule's choices on later debuts
    (``benchmarks/wait_rule.py --test``; its rows are in docs/backtest/)."""
    found = _read_run(WAIT_TEST_FILE, "debuts_from", "debuts_to", "known_on")
    if found is None:
        return None
    found["rows"] = []
    for rule in WAIT_RULES:
        briers = [h["scores"][rule]["brier"] for h in found["horizons"]]
        found["rows"].append((rule, briers, sum(briers) / len(briers)))
    return found


def load_models(*folders: Path) -> dict[int, RenewalModel]:
    """The per-horizon models of :func:`read_model_file` (empty if there is no file)."""
    data = read_model_file(*folders) or {"horizons": {}}
    return {int(h): RenewalModel.from_dict(m) for h, m in data["horizons"].items()}


def train(forecaster: Forecaster, as_of: date) -> dict:
    """Fit one model per chart horizon on every decision announced before ``as_of``."""
    history = forecaster.history
    labeled = history.labeled(before=as_of)
    horizons = {}
    for horizon in range(1, MAX_HORIZON + 1):
        fit = forecaster.fit(as_of, horizon, labeled)
        if fit.model:
            horizons[str(horizon)] = fit.model.to_dict()
    announced = sorted(d.event.date for _, d in labeled if d.dated)
    debuts = sorted(s.debut_week for s, _ in labeled if s.debut_week)
    return {
        "trained_at": datetime.now().isoformat(timespec="seconds"),
        "decisions_before": as_of.isoformat(),
        "decisions": len(labeled),
        "renewed": sum(d.outcome == "renewed" for _, d in labeled),
        "announced": sum(not (d.proven or d.quiet) for _, d in labeled),
        "proven": sum(d.proven for _, d in labeled),
        "quiet": sum(d.quiet for _, d in labeled),
        "announced_from": announced[0].isoformat() if announced else None,
        "announced_to": announced[-1].isoformat() if announced else None,
        "debuts_from": debuts[0].isoformat() if debuts else None,
        "debuts_to": debuts[-1].isoformat() if debuts else None,
        "regularisation_C": C,
        "horizons": horizons,
    }


def save(trained: dict, result: BacktestResult, folder: Path) -> tuple[Path, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    scores = {name: s.to_dict() for name, s in result.scores().items()}
    model_path = folder / MODEL_FILE
    model_path.write_text(json.dumps({**trained, "backtest": scores}, indent=1) + "\n",
                          encoding="utf-8")
    card_path = folder / CARD_FILE
    card_path.write_text(model_card(trained, result), encoding="utf-8")
    return model_path, card_path


def model_card(trained: dict, result: BacktestResult) -> str:
    lines = [
        "# Model card: renewcast renewal forecaster",
        "",
        f"Trained {trained['trained_at']} on {trained['decisions']} seasons whose fate was "
        f"known ({trained['renewed']} renewed): {trained.get('announced', 0)} by an "
        f"announcement (dated {trained['announced_from']} to {trained['announced_to']}), "
        f"{trained.get('proven', 0)} renewals shown by a later season in Netflix's files and "
        f"{trained.get('quiet', 0)} with no renewal a year after the premiere; seasons that "
        f"debuted {trained['debuts_from']} to {trained['debuts_to']} (seasons with no chart "
        "debut count only in base rates).",
        "",
        "Model: one logistic regression per number of chart weeks seen (1 to "
        f"{MAX_HORIZON}), L2-regularised (C = {trained['regularisation_C']}), on standardised "
        "features, then Platt-scaled on 5-fold out-of-fold scores.",
        "",
        "## Features and weights (4 chart weeks)",
        "",
        "| feature | weight per standard deviation | mean | standard deviation |",
        "| --- | ---: | ---: | ---: |",
    ]
    model = trained["horizons"].get("4")
    if model:
        for name in model["features"]:
            lines.append(f"| {name} | {model['weights'][name]:+.3f} | "
                         f"{model['means'][name]:.3f} | {model['scales'][name]:.3f} |")
        lines += ["", f"Calibration: slope {model['slope']:.3f}, offset {model['offset']:+.3f}."]
        unused = [n for n in FEATURE_NAMES if n not in model["features"]]
        if unused:
            lines += ["", "Not weighed (fewer than 5 training seasons show them): "
                      + ", ".join(unused) + "."]
    lines += ["", "## Backtest", "", *scores_table(result), ""]
    return "\n".join(lines) + "\n"


def scores_table(result: BacktestResult) -> list[str]:
    lines = ["| forecaster | seasons | Brier | log loss | ROC AUC | ECE |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for name, s in result.scores().items():
        auc = "—" if s.auc is None else f"{s.auc:.3f}"
        lines.append(f"| {name} | {s.n} | {s.brier:.3f} | {s.log_loss:.3f} | {auc} | "
                     f"{s.ece:.3f} |")
    return lines
