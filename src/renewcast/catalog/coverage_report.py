"""How much of the catalog has a known fate, and what is still unknown (``renewcast coverage``).

A tracker is worth what its answers cover. For every Netflix-original season in the Top 10
this counts, per debut year and chart list, whether its fate (is there a next season?) rests
on a sourced decision, is proven by the next season in Netflix's own files, is a limited or
announced-final ending, is stated only by Wikipedia's snapshot tables (counted apart: a
table's day is not an announcement), or is not known; for the unknown ones it says whether
anyone looked (the desk notes bundled with the outcomes) and lists the most-watched first.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, Sum

from renewcast.catalog.lookup import title_key
from renewcast.catalog.models import ChartWeek, Season, Show, Source, Tier
from renewcast.catalog.status import coverage, decision_events
from renewcast.forecast.coverage import NO, YES
from renewcast.sources.kinds import NOT_RENEWABLE
from renewcast.sources.reference import REFERENCE_URLS

SOURCED, PROVEN, ENDING, REFERENCE, UNKNOWN = (
    "sourced", "proven", "ended", "reference", "unknown")
FATES = (SOURCED, PROVEN, ENDING, REFERENCE, UNKNOWN)
LISTS = {"TV (English)": "English", "TV (Non-English)": "Non-English"}


@dataclass
class Row:
    year: int
    list: str
    counts: Counter = field(default_factory=Counter)

    @property
    def seasons(self) -> int:
        return sum(self.counts.values())

    @property
    def known_share(self) -> float:
        return 1 - self.counts[UNKNOWN] / self.seasons if self.seasons else 0.0

    def to_dict(self) -> dict:
        return {"debut_year": self.year, "list": self.list, "seasons": self.seasons,
                **{fate: self.counts[fate] for fate in FATES},
                "known_share": round(self.known_share, 4)}


def _notes() -> dict[str, dict]:
    from renewcast.bootstrap import bundled_bytes

    text = bundled_bytes("outcomes", "no-decision-found.csv").decode("utf-8")
    return {title_key(r["show_title"]): r for r in csv.DictReader(io.StringIO(text))}


def season_fate(number: int, decisions: list, later_out: bool, official_ids: set,
                reference_ids: set = frozenset()) -> str:
    """The fate of season ``number`` of a show: what covers the season after it.

    A fate from Wikipedia's snapshot tables is counted apart from announced ones."""
    ruling = coverage(number, decisions).ruling(number + 1)
    if ruling.answer in (YES, NO) and ruling.decision.claim.source_id in reference_ids:
        return PROVEN if later_out else REFERENCE
    if ruling.answer == NO and ruling.outcome == "ended":
        return ENDING
    if ruling.answer in (YES, NO):
        event = ruling.decision
        return PROVEN if event.claim.source_id in official_ids else SOURCED
    return PROVEN if later_out else UNKNOWN


def coverage_report(today: date, before: date = date(2026, 1, 1), top: int = 25) -> dict:
    firsts = {row["season_id"]: row for row in ChartWeek.objects.values("season_id").annotate(
        first=Min("week"), hours=Sum("hours"))}
    lists = dict(ChartWeek.objects.order_by("week").values_list("season_id", "list"))
    seasons = list(Season.objects.filter(pk__in=firsts).select_related("show"))
    shows = {s.show_id for s in seasons}
    decisions = decision_events(shows, today)
    official = set(Source.objects.filter(tier=Tier.OFFICIAL).values_list("pk", flat=True))
    tables = set(Source.objects.filter(url__in=REFERENCE_URLS).values_list("pk", flat=True))
    out_numbers: dict[int, set[int]] = defaultdict(set)
    for season in Season.objects.filter(show_id__in=shows).prefetch_related("chart_weeks"):
        weeks = [w.week for w in season.chart_weeks.all()]
        if weeks or (season.premiere_date and season.premiere_date <= today):
            out_numbers[season.show_id].add(season.number)
    rows: dict[tuple, Row] = {}
    unknown = []
    notes = _notes()
    originals = excluded = 0
    for season in seasons:
        first = firsts[season.pk]["first"]
        if first >= before:
            continue
        # a stand-up special, a live event or a fireplace video has no next season to decide
        if season.show.is_original is not True or season.show.kind in NOT_RENEWABLE:
            excluded += 1
            continue
        originals += 1
        later = any(n > season.number for n in out_numbers[season.show_id])
        fate = season_fate(season.number, decisions[season.show_id], later, official, tables)
        key = (first.year, LISTS.get(lists.get(season.pk), "?"))
        rows.setdefault(key, Row(*key)).counts[fate] += 1
        if fate == UNKNOWN:
            note = notes.get(title_key(season.show.title))
            unknown.append({
                "show": season.show.title, "season": season.number,
                "top10_hours": firsts[season.pk]["hours"],
                "looked": note["looked_on"] if note else None,
                "why": note["reason"] if note else "not researched yet"})
    totals = {}
    for name in LISTS.values():
        total = Row(0, name)
        for (_year, listed), row in rows.items():
            if listed == name:
                total.counts.update(row.counts)
        totals[name] = total.to_dict()
    everything = Row(0, "all")
    for row in rows.values():
        everything.counts.update(row.counts)
    catalog = Show.objects.count()
    return {
        "as_of": today.isoformat(), "debuted_before": before.isoformat(),
        "netflix_original_seasons": originals,
        "seasons_not_counted": excluded,
        "rows": [rows[k].to_dict() for k in sorted(rows)],
        "by_list": totals, "all": everything.to_dict(),
        "shows": {
            "catalog": catalog,
            "with_kind": Show.objects.exclude(kind="").count(),
            "with_original_flag": Show.objects.filter(is_original__isnull=False).count(),
        },
        "unknown_most_watched": sorted(unknown, key=lambda u: -u["top10_hours"])[:top],
        "unknown_looked": sum(1 for u in unknown if u["looked"]),
        "unknown": len(unknown),
    }


def coverage_lines(report: dict) -> list[str]:
    """The report as Markdown tables, for the terminal and the README."""
    head = ("| debut | list | seasons | sourced decision | proven by Netflix's files | "
            "limited / final | Wikipedia's tables | unknown | fate known |")
    lines = [f"Netflix-original seasons in the Top 10 that debuted before "
             f"{report['debuted_before']} (as of {report['as_of']}):", "", head,
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]

    def line(row, first, second):
        return (f"| {first} | {second} | {row['seasons']} | {row[SOURCED]} | {row[PROVEN]} | "
                f"{row[ENDING]} | {row[REFERENCE]} | {row[UNKNOWN]} | {row['known_share']:.0%} |")

    for row in report["rows"]:
        lines.append(line(row, row["debut_year"], row["list"]))
    for name, row in report["by_list"].items():
        lines.append(line(row, "**all**", f"**{name}**"))
    lines.append(line(report["all"], "**all**", "**both**"))
    shows = report["shows"]
    lines += ["", f"Shows in the catalog: {shows['catalog']:,}; with a kind: "
                  f"{shows['with_kind']:,} ({shows['with_kind'] / max(shows['catalog'], 1):.0%});"
                  f" known original or licensed: {shows['with_original_flag']:,} "
                  f"({shows['with_original_flag'] / max(shows['catalog'], 1):.0%}).",
              "Seasons not counted (licensed, not known to be Netflix originals, or one-offs: "
              f"stand-up specials, live events, ambient videos): "
              f"{report['seasons_not_counted']:,}.",
              f"Unknown fates: {report['unknown']:,}, of which {report['unknown_looked']:,} "
              "were looked for and no decision was found.", "",
              "Most-watched seasons whose fate is unknown:", "",
              "| show | season | Top 10 hours | looked | why |",
              "| --- | ---: | ---: | --- | --- |"]
    for u in report["unknown_most_watched"]:
        lines.append(f"| {u['show']} | {u['season']} | {u['top10_hours'] / 1e6:,.1f}M | "
                     f"{u['looked'] or '—'} | {u['why'][:90]} |")
    return lines
