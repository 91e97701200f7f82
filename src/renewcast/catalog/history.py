"""The catalog as the forecaster's :class:`~renewcast.forecast.history.History`.

Only confirmed facts count: an event or statement whose claim is still proposed (or was
rejected) is not evidence yet. A premiere date (a confirmed premiere event, or a season's
premiere date with its source) is public from its source's publication date, so an
announced date can be shown before it arrives. Dates stay as the catalog has them; the forecaster
decides what was public when.
"""

from __future__ import annotations

from collections import defaultdict

from renewcast.catalog.models import ChartWeek, ClaimState, Event, Season, Statement
from renewcast.forecast.history import ChartWeek as Week
from renewcast.forecast.history import Event as Fact
from renewcast.forecast.history import History, SeasonFacts
from renewcast.forecast.history import Statement as Said


def load_history() -> History:
    weeks = defaultdict(list)
    for row in ChartWeek.objects.values_list(
        "season_id", "week", "list", "rank", "hours", "views", "runtime", "weeks_on_list"
    ):
        sid, week, name, rank, hours, views, runtime, on_list = row
        weeks[sid].append(Week(week, name, rank, hours, views,
                               float(runtime) if runtime is not None else None, on_list))
    by_season, by_show = defaultdict(list), defaultdict(list)
    for sid, show_id, number, kind, day, precision, published, retrieved, url in (
        Event.objects.filter(claim__state=ClaimState.CONFIRMED).values_list(
            "season_id", "show_id", "season__number", "kind", "date", "precision",
            "claim__source__published_at", "claim__source__retrieved_at", "claim__source__url")
    ):
        fact = Fact(kind, day, precision, number, *_announced(kind, published, retrieved, url))
        if sid is not None:
            by_season[sid].append(fact)
        by_show[show_id].append(fact)
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
    seasons = []
    for season in Season.objects.select_related("show").order_by("show_id", "number"):
        show = season.show
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
        ))
    return History.of(seasons)


def _announced(kind, published, retrieved, url) -> tuple:
    """When a premiere date became public: its source's publication (else retrieval) day.

    Without either, ``None`` keeps the date hidden until the day itself.
    """
    if kind != "premiere":
        return None, ""
    when = published or retrieved
    return (when.date() if when else None), url or ""
