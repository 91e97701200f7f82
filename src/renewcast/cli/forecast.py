"""The ``forecast``, ``backtest`` and ``train`` commands (see ``renewcast.cli``)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path


def add_commands(commands) -> None:
    forecast = commands.add_parser(
        "forecast", help="chance that a season is renewed, with reasons and timing")
    forecast.add_argument("title", metavar="TITLE", nargs="?")
    forecast.add_argument("--season", type=_season, help="season number (latest released)")
    forecast.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD",
                          help="forecast with what was public on this date (today)")
    forecast.add_argument("--json", action="store_true", help="print JSON")
    forecast.add_argument("--batch", metavar="IN.csv",
                          help="forecast every row of a CSV with show_title,season,as_of")
    forecast.add_argument("--out", metavar="OUT.csv", help="where --batch writes (stdout)")

    backtest = commands.add_parser(
        "backtest", help="rolling-origin backtest: Markdown report and calibration plot")
    backtest.add_argument("--out", metavar="DIR", default="renewcast-backtest",
                          help="folder for backtest.md, forecasts.csv and calibration.png "
                               "(renewcast-backtest)")
    backtest.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD",
                          help="first debut week tested (2023-01-01)")
    backtest.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD",
                          help="last debut week tested (2024-06-30)")
    backtest.add_argument("--known-on", type=_date, metavar="YYYY-MM-DD",
                          help="score against fates known on this date (today)")
    backtest.add_argument("--rescore", metavar="FORECASTS.csv",
                          help="make no forecasts: score a backtest's published forecasts.csv "
                               "against the fates known now (or on --known-on)")

    ledger = commands.add_parser(
        "ledger", help="the published forecasts' track record, scored as fates land")
    ledger.add_argument("--json", action="store_true", help="print JSON")
    ledger.add_argument("--export", metavar="FILE.csv",
                        help="write the latest day's published chances of the open seasons, "
                             "for backtest --rescore once their fates land")

    train = commands.add_parser("train", help="refit the model on the database; write a model card")
    train.add_argument("--out", metavar="DIR",
                       help="folder for the model and card (the data directory's model/)")


def _season(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a season number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("season numbers start at 1")
    return value


def _date(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None
    if value > date.today():
        raise argparse.ArgumentTypeError(f"{value} is in the future; nothing is known about it")
    return value


def forecast_args_problem(args) -> str | None:
    """What is wrong with ``forecast``'s arguments, checked before Django and the model load
    so a mistyped command answers at once."""
    if args.batch:
        if args.title or args.season or args.as_of or args.json:
            return ("--batch takes its seasons from the file; drop TITLE, --season, --as-of "
                    "and --json")
        return None
    if not args.title:
        return "give a show TITLE, or --batch IN.csv"
    if args.out:
        return "--out goes with --batch"
    return None


def cmd_forecast(args, fail) -> int:
    from renewcast.catalog.forecasting import get_forecaster, resolve

    if (problem := forecast_args_problem(args)) is not None:
        raise fail(problem)
    if args.batch:
        return _batch(args, fail)
    as_of = args.as_of or date.today()
    key, problem = resolve(args.title, args.season, as_of)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    forecast = get_forecaster().forecast(key, as_of)
    if args.json:
        print(json.dumps(forecast.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_forecast(forecast)
    return 0


def print_forecast(forecast) -> None:
    print(f"{forecast.season_name} — as of {forecast.as_of}")
    if forecast.state != "forecast":
        decision = forecast.decision
        print(f"Decided: {decision.outcome}, announced {decision.event.date}.")
        print_premiere(forecast.premiere)
        return
    flag = " — low information" if forecast.low_information else ""
    print(f"Chance of renewal: {forecast.p_renew:.0%} ({forecast.verdict}){flag}")
    if forecast.reasons or forecast.notes:
        print("Why:")
        for line in [r.text for r in forecast.reasons] + forecast.notes:
            print(f"  - {line}")
    if forecast.movers:
        print("What would move it:")
        for line in forecast.movers:
            print(f"  - {line}")
    if forecast.timing:
        print(f"When: {forecast.timing.text}")
    print(f"Model fitted on {forecast.trained_on} seasons whose fate was known before "
          f"{forecast.as_of}.")
    print_premiere(forecast.premiere)


def print_premiere(window) -> None:
    if window is None or window.state in ("canceled", "ended"):
        return
    print(f"Premiere: {window.sentence}")
    if window.state == "forecast":
        print(f"  10th–50th–90th percentile: {window.p10} · {window.p50} · {window.p90}")
    if window.source:
        print(f"  source: {window.source}")
    for note in window.notes:
        print(f"  - {note}")


def _batch(args, fail) -> int:
    from django.conf import settings

    from renewcast.catalog.forecasting import get_forecaster, resolve
    from renewcast.forecast.batch import BatchError, run_batch
    from renewcast.sources.fetch import fetch
    from renewcast.sources.text import decode_text

    text = decode_text(fetch(args.batch, allow_private=settings.ALLOW_PRIVATE_FETCH).data,
                       "a CSV of show_title,season,as_of")
    try:
        outcome = run_batch(text, get_forecaster(), resolve, date.today())
    except BatchError as exc:
        raise fail(f"{args.batch}: {exc}") from None
    if args.out and args.out != "-":
        try:
            Path(args.out).write_text(outcome.to_csv(), encoding="utf-8")
        except OSError as exc:
            raise fail(f"cannot write {args.out}: {exc.strerror or exc}") from None
        print(f"{args.out}: {len(outcome.rows)} rows, {len(outcome.rows) - outcome.errors} "
              f"forecast, {outcome.errors} with errors")
    else:
        sys.stdout.write(outcome.to_csv())
    for row in outcome.rows:
        if row["error"]:
            print(row["error"], file=sys.stderr)
    return 1 if outcome.errors else 0


def cmd_backtest(args, fail) -> int:
    from renewcast.catalog.forecasting import get_forecaster
    from renewcast.forecast.backtest import TEST_FROM, TEST_TO, backtest
    from renewcast.forecast.premiere_backtest import premiere_backtest
    from renewcast.forecast.report import write_report

    if args.rescore:
        return _rescore(args, fail)
    first, last = args.first or TEST_FROM, args.last or TEST_TO
    if last < first:
        raise fail(f"--to {last} is before --from {first}")
    forecaster = get_forecaster()
    result = backtest(forecaster.history, forecaster, first, last, args.known_on)
    if not result.cases:
        raise fail("no decided seasons in the backtest window; load outcomes first")
    premieres = premiere_backtest(forecaster.history, forecaster.premieres, first, last)
    try:
        report, plot = write_report(result, forecaster, Path(args.out), premieres)
    except OSError as exc:
        raise fail(f"cannot write to {args.out}: {exc.strerror or exc}") from None
    print_scores(result.scores())
    print_premiere_backtest(premieres)
    print(f"wrote {report} and {plot}")
    return 0


def _rescore(args, fail) -> int:
    from renewcast.catalog.forecasting import get_forecaster
    from renewcast.forecast.rescore import RescoreError, rescore

    path = Path(args.rescore)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise fail(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    known_on = args.known_on or date.today()
    try:
        result = rescore(text, get_forecaster().history, known_on)
    except RescoreError as exc:
        raise fail(f"{path}: {exc}") from None
    for message in result.errors:
        print(f"{path}: {message}", file=sys.stderr)
    print(f"{path}: {len(result.published)} published forecasts")
    for label, scores in (("as published", result.published_scores()),
                          (f"against fates known on {known_on}", result.scores())):
        print(f"{label}:")
        print_scores(scores)
    for name, then, now in result.changed:
        words = {0: "not renewed", 1: "renewed"}
        print(f"fate changed: {name}: {words[then]} → {words[now]}")
    for name in result.no_longer:
        print(f"no longer a renewal question (left out): {name}")
    for name in result.settled:
        print(f"fate already public when the chance was published (left out): {name}")
    if result.still_open:
        print(f"{len(result.still_open)} still open: scored once their fates are known")
    for name in result.unknown:
        print(f"not in the catalog (left out): {name}")
    return 1 if result.errors else 0


def print_scores(scores: dict) -> None:
    for name, s in scores.items():
        auc = "—" if s.auc is None else f"{s.auc:.3f}"
        print(f"{name:>16}: Brier {s.brier:.3f}  log loss {s.log_loss:.3f}  "
              f"ROC AUC {auc}  ECE {s.ece:.3f}  (n={s.n})")


def print_premiere_backtest(result) -> None:
    if not result.cases:
        print("premiere dates: no season in the window has a next season out yet")
        return
    f = result.figures()
    print(f"premiere dates, as of debut + 60 days (n={f.n}):")
    print(f"  renewcast P50: median error {f.median_error:.0f} days; {f.coverage:.0%} inside "
          f"the 10–90 window (median width {f.median_width:.0f} days)")
    for name, error in result.baselines().items():
        print(f"  {name}: median error {error:.0f} days")
    for stage, pairs in result.later.items():
        if pairs:
            first, later = (result.figures([p[i] for p in pairs]) for i in (0, 1))
            print(f"  {stage} (n={later.n}): median error {first.median_error:.0f} → "
                  f"{later.median_error:.0f} days, width {first.median_width:.0f} → "
                  f"{later.median_width:.0f}, inside {later.coverage:.0%}")


def cmd_ledger(args, fail) -> int:
    from renewcast.catalog.forecasting import get_forecaster
    from renewcast.catalog.ledger import track_record

    if args.export:
        return _export_ledger(Path(args.export), fail)
    record = track_record(get_forecaster().history, date.today())
    if args.json:
        print(json.dumps(record, indent=2))
        return 0
    if not record["recorded"]:
        print("No forecasts recorded yet: the forecasts job (renewcast run-jobs) records each "
              "day's open forecasts.")
        return 0
    print(f"{record['recorded']} forecasts recorded since {record['since']} for "
          f"{record['seasons']} seasons; {record['scored']} seasons' fates are known.")
    if record["scores"]:
        s = record["scores"]
        auc = "—" if s["auc"] is None else f"{s['auc']:.3f}"
        print(f"Last forecast before each fate: Brier {s['brier']:.3f}  ROC AUC {auc}  "
              f"ECE {s['ece']:.3f}  (n={s['n']})")
    return 0


def _export_ledger(path: Path, fail) -> int:
    from renewcast.catalog.forecasting import get_forecaster
    from renewcast.catalog.ledger import export

    day, text = export(get_forecaster().history)
    if day is None:
        raise fail("no forecasts recorded yet: run the forecasts job first "
                   "(renewcast run-jobs --once forecasts)")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"wrote {path}: {text.count(chr(10)) - 1} open seasons as published on {day}")
    return 0


def cmd_train(args, fail) -> int:
    from django.conf import settings

    from renewcast.catalog.forecasting import get_forecaster
    from renewcast.forecast.backtest import backtest
    from renewcast.forecast.forecaster import Forecaster
    from renewcast.forecast.store import save, train

    history = get_forecaster().history
    fresh = Forecaster(history)  # never reuse a stored model: this is the refit
    trained = train(fresh, date.today())
    if not trained["horizons"]:
        raise fail("too few renewals and cancellations in the database to fit a model")
    folder = Path(args.out) if args.out else settings.DATA_DIR / "model"
    try:
        model, card = save(trained, backtest(history, fresh), folder)
    except OSError as exc:
        raise fail(f"cannot write to {folder}: {exc.strerror or exc}") from None
    print(f"trained on {trained['decisions']} seasons with a known fate: "
          f"{trained['announced']} announced ({trained['announced_from']} to "
          f"{trained['announced_to']}), {trained['proven']} proven by Netflix's files, "
          f"{trained['quiet']} with no renewal a year on")
    print(f"wrote {model} and {card}")
    return 0
