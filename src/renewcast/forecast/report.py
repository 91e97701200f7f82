"""The backtest as a Markdown report and a calibration plot (PNG)."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from renewcast.forecast.backtest import NO_NEWS, RULE_WEEKS, BacktestResult
from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.history import QUIET_AFTER, RENEWED
from renewcast.forecast.premiere_backtest import FIRST_LOOK, PremiereBacktest
from renewcast.forecast.store import scores_table
from renewcast.sources.spreadsheet import safe_row

REPORT_FILE, PLOT_FILE, ROWS_FILE = "backtest.md", "calibration.png", "forecasts.csv"
SCORES_FILE = "scores.json"


@dataclass(frozen=True)
class CaseStudy:
    show_title: str
    season: int
    as_of: date
    articles: tuple[tuple[str, str], ...]  # (headline, what it said)
    what_happened: str


# The seed articles' case (../shared/articles): both told readers a renewal was likely.
PARTNER_TRACK = CaseStudy(
    "Partner Track", 1, date(2022, 9, 20),
    (
        ("Why Partner Track Is Likely Headed For A Season 2 Renewal",
         "“likely headed for a Season 2 renewal”; “fans can expect Season 2 to premiere "
         "sometime around August 2023”"),
        ("Everything We Know About The Possibility Of Partner Track Season 2",
         "“the happening of another season is probably high”"),
    ),
    "Netflix canceled Partner Track after one season; reported 8 November 2022.",
)


def write_report(result: BacktestResult, forecaster: Forecaster, folder: Path,
                 premieres: PremiereBacktest | None = None,
                 case: CaseStudy = PARTNER_TRACK) -> tuple[Path, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    plot = folder / PLOT_FILE
    draw_calibration(result, plot)
    report = folder / REPORT_FILE
    write_rows(result, folder / ROWS_FILE)
    (folder / SCORES_FILE).write_text(json.dumps(summary(result, premieres), indent=1) + "\n",
                                      encoding="utf-8")
    text = render(result, forecaster, case)
    if premieres and premieres.cases:
        text += "\n" + "\n".join(premiere_section(premieres)) + "\n"
    report.write_text(text, encoding="utf-8")
    return report, plot


def summary(result: BacktestResult, premieres: PremiereBacktest | None = None) -> dict:
    """The run's figures in one small file: what the site's method page shows."""
    sure_misses = sum(1 for c in result.cases
                      if c.outcome != RENEWED and c.forecast.p_renew >= 0.95)
    out = {"debuts_from": result.first.isoformat(), "debuts_to": result.last.isoformat(),
           "known_on": result.known_on.isoformat() if result.known_on else None,
           "renewed": sum(result.outcomes), "not_renewed_at_95": sure_misses,
           # unrounded, so a page that rounds to three places agrees with the report
           "scores": {name: {k: v if k == "n" or v is None else round(v, 6)
                             for k, v in asdict(s).items()}
                      for name, s in result.scores().items()}}
    if premieres and premieres.cases:
        out["premieres"] = {**premieres.figures().to_dict(), "baselines": {
            name: round(days, 1) for name, days in premieres.baselines().items()}}
    return out


def write_rows(result: BacktestResult, path: Path) -> None:
    """Every scored forecast with both baselines, for anyone to re-score."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["season", "debut_week", "as_of", "renewcast", "base_rate",
                         f"{RULE_WEEKS}_weeks_rule", "renewed", "known_by", "known_on"])
        for c in result.cases:
            writer.writerow(safe_row([c.name, c.debut_week, c.as_of,
                                      f"{c.forecast.p_renew:.4f}", f"{c.base_rate:.4f}",
                                      int(c.rule), int(c.outcome == RENEWED), c.known_by,
                                      c.announced]))


def premiere_section(result: PremiereBacktest) -> list[str]:
    figures = result.figures()
    lines = [
        "# Premiere-date forecaster: backtest",
        "",
        f"Every season that debuted {result.first} to {result.last} and whose next season "
        f"has premiered, forecast as of its debut week + {FIRST_LOOK.days} days with models "
        f"fitted only on what was public then. {figures.n} seasons forecast; "
        f"{len(result.already_out)} left out because the next season was already out by "
        f"then, {len(result.no_window)} because too little history existed to fit. A "
        "premiere is the Friday of the next season's debut chart week where no exact date "
        "is known.",
        "",
        "| method | median error of the best guess (days) | inside the 10–90 window | "
        "median window width (days) |",
        "| --- | ---: | ---: | ---: |",
        f"| renewcast (P50) | {figures.median_error:.0f} | {figures.coverage:.0%} | "
        f"{figures.median_width:.0f} |",
    ]
    for name, error in result.baselines().items():
        lines.append(f"| {name} | {error:.0f} | | |")
    lines += [
        "",
        "*Same gap as last time* is the seed article's method (where a show has no earlier "
        "gap it uses the median gap); *median gap of all shows* is the median of every gap "
        "between seasons that had ended by the forecast date.",
        "",
        "## Later in the cycle",
        "",
        "The same seasons forecast again later, compared with their first forecast:",
        "",
        "| forecast made | seasons | median error: first → later | inside the window | "
        "median width: first → later |",
        "| --- | ---: | --- | --- | --- |",
    ]
    for stage, pairs in result.later.items():
        if not pairs:
            continue
        first = result.figures([a for a, _ in pairs])
        later = result.figures([b for _, b in pairs])
        lines.append(f"| {stage} | {later.n} | {first.median_error:.0f} → "
                     f"{later.median_error:.0f} | {first.coverage:.0%} → {later.coverage:.0%} "
                     f"| {first.median_width:.0f} → {later.median_width:.0f} |")
    lines += [
        "",
        "*Renewal known*: the day after the renewal was announced, where that came after the "
        "first forecast. *A year on*: a year after the earlier season's premiere, where the "
        "next season was still to come. Filming start and wrap are used when editors confirm "
        "them, but the bundled data records none, so that stage cannot be measured here yet.",
        "",
        "## Every premiere forecast",
        "",
        "| season | as of | P10 | P50 | P90 | next season premiered | inside |",
        "| --- | --- | --- | --- | --- | --- | :---: |",
    ]
    for c in result.cases:
        w = c.window
        inside = "yes" if w.p10 <= c.premiere <= w.p90 else "no"
        lines.append(f"| {_cell(c.name)} | {c.as_of} | {w.p10} | {w.p50} | {w.p90} | "
                     f"{c.premiere} | {inside} |")
    return lines


def render(result: BacktestResult, forecaster: Forecaster, case: CaseStudy) -> str:
    lines = [
        "# Renewal forecaster: rolling-origin backtest",
        "",
        f"Netflix-original seasons that debuted {result.first} to {result.last} and whose "
        f"fate was known on {result.known_on}: renewed or canceled by an announcement, "
        "renewed as a later season in Netflix's own files shows, or not renewed a year after "
        "the premiere with no news (*no renewal a year on*). Each is forecast as of its "
        "debut week + 28 days with a model fitted only on what was known before that date. "
        f"{len(result.cases)} seasons forecast ({sum(result.outcomes)} renewed); "
        f"{len(result.decided_early)} left out because their fate was already known by "
        "then." + _young_note(result),
        "",
        *scores_table(result),
        "",
        "Baselines: *base rate* is the share of seasons with a fate known at each date "
        f"that were renewed; the *{RULE_WEEKS}+ weeks rule* says renewed (100%) if the "
        f"season spent {RULE_WEEKS} or more weeks in the Top 10, canceled (0%) otherwise "
        "(for log loss its answers count as 99% and 1%). Lower Brier, log loss and ECE are "
        "better; higher ROC AUC is better (0.5 is a coin toss). ECE uses equal-count bins of "
        "about 10 seasons.",
        "",
        "## Reliability",
        "",
        f"![Calibration plot]({PLOT_FILE})",
        "",
        "| forecasts from | to | seasons | mean forecast | actually renewed |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for b in result.reliability():
        lines.append(f"| {b.low:.0%} | {b.high:.0%} | {b.n} | {b.mean_forecast:.0%} | "
                     f"{b.renewed_share:.0%} |")
    lines += ["", *case_section(forecaster, case), "", "## Every forecast", "",
              f"Also in [{ROWS_FILE}]({ROWS_FILE}).", "",
              "| season | debut week | as of | forecast | base rate | outcome | known by "
              "(date) |",
              "| --- | --- | --- | ---: | ---: | --- | --- |"]
    for c in result.cases:
        outcome = "not renewed" if c.known_by == NO_NEWS else c.outcome
        lines.append(f"| {_cell(c.name)} | {c.debut_week} | {c.as_of} | "
                     f"{c.forecast.p_renew:.0%} | {c.base_rate:.0%} | {outcome} | "
                     f"{c.known_by} ({c.announced}) |")
    if result.decided_early:
        lines += ["", "Decided before the forecast date (not scored): "
                  + ", ".join(_cell(n) for n in result.decided_early) + "."]
    return "\n".join(lines) + "\n"


def _young_note(result: BacktestResult) -> str:
    if not result.known_on or result.known_on - result.last >= QUIET_AFTER:
        return ""
    young = result.known_on - QUIET_AFTER
    return (f" Seasons that premiered after {young} were less than a year old on "
            f"{result.known_on}: they count only where a renewal or cancellation was "
            "announced or the next season is out, which leans their share toward renewals.")


def case_section(forecaster: Forecaster, case: CaseStudy) -> list[str]:
    season = next((s for s in forecaster.history
                   if s.show_title == case.show_title and s.number == case.season), None)
    if season is None:
        return []
    forecast = forecaster.forecast(season.key, case.as_of)
    lines = [f"## {case.show_title} season {case.season}, as of {case.as_of}", "",
             "| | said |", "| --- | --- |"]
    for headline, said in case.articles:
        lines.append(f"| article: *{_cell(headline)}* | {_cell(said)} |")
    answer = (f"**{forecast.p_renew:.0%}, {forecast.verdict}**" if forecast.p_renew is not None
              else forecast.verdict)
    lines.append(f"| renewcast | {answer} |")
    lines += ["", f"What happened: {case.what_happened}", "", "renewcast's reasons:", ""]
    lines += [f"- {r.text}" for r in forecast.reasons]
    lines += [f"- {n}" for n in forecast.notes]
    if forecast.movers:
        lines.append(f"- what would move it: {'; '.join(forecast.movers)}")
    if forecast.timing:
        lines.append(f"- when: {forecast.timing.text}")
    if forecast.premiere and forecast.premiere.state == "forecast":
        w = forecast.premiere
        lines.append(f"- premiere: {w.sentence} (10th–50th–90th percentile: {w.p10} · "
                     f"{w.p50} · {w.p90}; the article guessed around August 2023)")
    return lines


def draw_calibration(result: BacktestResult, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    bins = result.reliability()
    figure, axes = pyplot.subplots(figsize=(5.2, 5.2), dpi=120)
    axes.plot([0, 1], [0, 1], linestyle="--", color="#888", label="perfect calibration")
    axes.plot([b.mean_forecast for b in bins], [b.renewed_share for b in bins], marker="o",
              color="#1f5fa8", label="renewcast (equal-count bins)")
    for b in bins:
        axes.annotate(f"n={b.n}", (b.mean_forecast, b.renewed_share),
                      textcoords="offset points", xytext=(6, -12), fontsize=8)
    axes.set(xlim=(0, 1), ylim=(0, 1.05), xlabel="forecast chance of renewal",
             ylabel="share actually renewed",
             title=f"Backtest, debuts {result.first} to {result.last}")
    axes.legend(loc="upper left", fontsize=8)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
