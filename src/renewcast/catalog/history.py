"""The catalog as the forecaster's :class:`~renewcast.forecast.history.History`.

Only confirmed facts count: an event or statement whose claim is still proposed (or was
rejected) is not evidence yet. A premiere date (a confirmed premiere event, or a season's
premiere date with its source) is public from its source's publication date, so an
announced date can be shown before it arrives. Dates stay as the catalog has them; the forecaster
decides what was public when.
"""

from __future__ import annotations

from collections import defaultdict

from renewcast.catalog.models import (
    DECISION_KINDS,
    ChartWeek,
    ClaimState,
    EngagementFigure,
    Event,
    Season,
    Statement,
)
from renewcast.forecast.history import ChartWeek as Week
from renewcast.forecast.history import Event as Fact
from renewcast.forecast.history import History, ReportFigure, SeasonFacts
from renewcast.forecast.history import Statement as Said

# Where Netflix publishes the weekly Top 10 that shows a later season came out.
TOP10_PAGE = "https://www.netflix.com/tudum/top10"


def load_history() -> History:
    weeks = defaultdict(list)
    for row in ChartWeek.objects.values_list(
        "season_id", "week", "list", "rank", "hours", "views", "runtime", "weeks_on_list"
    ):
        sid, week, name, rank, hours, views, runtime, on_list = row
        weeks[sid].append(Week(week, name, rank, hours, views,
                               float(runtime) if runtime is not None else None, on_list))
    by_season, by_show = defaultdict(list), defaultdict(list)
    decisions = defaultdict(list)
    for sid, show_id, number, kind, day, precision, published, retrieved, url, covers, final in (
        Event.objects.filter(claim__state=ClaimState.CONFIRMED).values_list(
            "season_id", "show_id", "season__number", "kind", "date", "precision",
            "claim__source__published_at", "claim__source__retrieved_at", "claim__source__url",
            "covers", "final_season")
    ):
        fact = Fact(kind, day, precision, number, *_announced(kind, published, retrieved, url),
                    covers=tuple(covers or ()), final_season=final)
        if sid is not None:
            by_season[sid].append(fact)
        by_show[show_id].append(fact)
        if kind in DECISION_KINDS:
            decisions[show_id].append(fact)
    # a premiere date typed on a season counts as announced by its source
    for show_id, number, day, published, retrieved, url in Season.objects.filter(
        premiere_date__isnull=False, premiere_source__isnull=False
    ).values_list("show_id", "number", "premiere_date", "premiere_source__published_at",
                  "premiere_source__retrieved_at", "premiere_source__url"):
        by_show[show_id].append(
            Fact("premiere", day, "day", number, *_announced("premiere", published, retrieved,
                                                              url)))
    said = defaultdict(list)
    for show_id, number, day, stance, speaker in Statement.objects.filter(
        claim__state=ClaimState.CONFIRMED, said_on__isnull=False
    ).values_list("show_id", "season__number", "said_on", "stance", "speaker"):
        said[show_id].append((number, Said(day, stance, speaker)))
    reports = _report_figures()
    rows = list(Season.objects.select_related("show", "premiere_source")
                .order_by("show_id", "number"))
    successors = _successors(rows, weeks)
    seasons = []
    for season in rows:
        show = season.show
        proof_on, proof_source = successors.get(season.pk, (None, ""))
        seasons.append(SeasonFacts(
            key=season.pk,
            show_title=show.title,
            show_key=show.pk,
            platform=show.platform,
            number=season.number,
            label=season.label,
            kind=show.kind,
            premiere_date=season.premiere_date,
            chart=tuple(weeks[season.pk]),
            events=tuple(by_season[season.pk]),
            show_events=tuple(e for e in by_show[show.pk]
                              if e.season_number and e.season_number > season.number),
            statements=tuple(s for n, s in said[show.pk] if n is None or n > season.number),
            show_decisions=tuple(decisions[show.pk]),
            successor_public=proof_on,
            successor_source=proof_source,
            original=show.is_original,
            limited=show.is_limited,
            engagement=tuple(reports[season.pk]),
        ))
    return History.of(seasons)


def _report_figures() -> dict[int, list[ReportFigure]]:
    """Each season's engagement-report figures, public from the report's publication day
    (its retrieval day when the publication day is unknown)."""
    out = defaultdict(list)
    for sid, start, end, hours, views, release, published, retrieved in (
        EngagementFigure.objects.values_list(
            "season_id", "period_start", "period_end", "hours", "views", "release_date",
            "source__published_at", "source__retrieved_at")
    ):
        when = published or retrieved
        if when is None:
            continue
        out[sid].append(ReportFigure(start, end, when.date(),
                                     views if views is not None else hours, release,
                                     "views" if views is not None else "hours"))
    return out


def _successors(rows: list[Season], weeks: dict) -> dict[int, tuple]:
    """For each season, when a later season of its show first became public (its first
    chart published, or its premiere) and the address that shows it: Netflix's own files
    proving the season was renewed."""
    out: dict[int, tuple] = {}
    later: tuple | None = None
    for season in reversed(rows):  # by show, highest number first
        if later is not None and later[2] != season.show_id:
            later = None
        if later is not None:
            out[season.pk] = later[:2]
        seen = []
        if weeks[season.pk]:
            first = min(w.public_on for w in weeks[season.pk])
            seen.append((first, TOP10_PAGE))
        if season.premiere_date and season.premiere_source_id:
            seen.append((season.premiere_date, season.premiere_source.public_url or ""))
        if seen:
            day, url = min(seen)
            if later is None or day < later[0]:
                later = (day, url, season.show_id)
    return out


def _announced(kind, published, retrieved, url) -> tuple:
    """When a premiere date became public: its source's publication (else retrieval) day,
    and the address it was read from (for every kind: a decision's source tells a dated
    announcement from a reference table's snapshot).

    Without either day, ``None`` keeps the date hidden until the day itself.
    """
    if kind != "premiere":
        return None, url or ""
    when = published or retrieved
    return (when.date() if when else None), url or ""
