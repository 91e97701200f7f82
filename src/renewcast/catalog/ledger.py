"""The forecaster's prospective track record: what it published, scored when fates land.

A backtest replays the past with today's code and today's data, so it can be re-run until
it looks good. The ledger cannot: every day the forecasts job stores each open season's
published chance with the model that made it (one row per season a day; a second run the
same day changes nothing), and once a season's fate is known, as the forecaster's own labels
read it (announced, proven by Netflix's files, or a year without a renewal), the last
chance published before that fate became public is scored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from renewcast.catalog.models import PublishedForecast
from renewcast.forecast.forecaster import Forecast
from renewcast.forecast.history import RENEWED, History, is_label
from renewcast.forecast.metrics import score


def record(forecasts: Iterable[tuple[int, Forecast]], day: date) -> int:
    """Store the day's open forecasts; returns how many were new."""
    rows = [PublishedForecast(season_id=season_id, published_on=day,
                              p_renew=round(forecast.p_renew, 4),
                              model_version=forecast.model_version[:80],
                              low_information=forecast.low_information)
            for season_id, forecast in forecasts
            if forecast.state == "forecast" and forecast.p_renew is not None]
    before = PublishedForecast.objects.filter(published_on=day).count()
    PublishedForecast.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return PublishedForecast.objects.filter(published_on=day).count() - before


def track_record(history: History, today: date) -> dict:
    """How the published forecasts did: for each season whose fate is now known, the last
    chance published before the fate was public."""
    last: dict[int, PublishedForecast] = {}
    fates: dict = {}
    seasons: set[int] = set()
    recorded = 0
    first = None
    for row in PublishedForecast.objects.order_by("published_on"):
        recorded += 1
        first = first or row.published_on
        seasons.add(row.season_id)
        season = history.seasons.get(row.season_id)
        if season is None:
            continue
        if row.season_id not in fates:
            fates[row.season_id] = season.fate(today)
        fate = fates[row.season_id]
        if is_label(season, fate, today) and row.published_on < fate.public_on:
            last[row.season_id] = row
    outcomes = [int(fates[k].outcome == RENEWED) for k in last]
    chances = [row.p_renew for row in last.values()]
    scored = score(outcomes, chances).to_dict() if last else None
    return {"since": first.isoformat() if first else None, "recorded": recorded,
            "seasons": len(seasons),
            "scored": len(last), "scores": scored}


def export(history: History) -> tuple[date | None, str]:
    """The chances published on the latest recorded day, one row per open season, as a CSV
    that ``renewcast backtest --rescore`` scores once fates land (``renewed`` is left
    empty: it was still to come). Committed, such a file is a record no refit can touch."""
    latest = PublishedForecast.objects.order_by("-published_on").values_list(
        "published_on", flat=True).first()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["season", "published_on", "renewcast", "model_version", "renewed"])
    rows = []
    for row in PublishedForecast.objects.filter(published_on=latest) if latest else ():
        season = history.seasons.get(row.season_id)
        if season is not None:
            rows.append([season.name, row.published_on.isoformat(), f"{row.p_renew:.4f}",
                         row.model_version, ""])
    writer.writerows(sorted(rows))
    return latest, out.getvalue()
