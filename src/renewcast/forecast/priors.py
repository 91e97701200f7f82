"""Base rates for seasons the chart says nothing about.

A season that never reached the weekly Top 10 (or debuted before Netflix published it)
gets the renewal rate of settled past seasons like it: same season number (first, second,
third or later), then the same list and kind where known. Each narrower group is shrunk
toward the wider one, so a group of three seasons cannot swing the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from renewcast.forecast.history import NON_ENGLISH, RENEWED, Decision, SeasonFacts

SHRINK = 10  # pseudo-seasons of the wider group mixed into each narrower one


def season_bucket(number: int) -> str:
    return {1: "first seasons", 2: "second seasons"}.get(number, "third or later seasons")


def list_name(name: str | None) -> str:
    return "non-English" if name == NON_ENGLISH else "English-language"


@dataclass
class Prior:
    p_renew: float
    explanation: str


def base_rate_prior(season: SeasonFacts, labeled: list[tuple[SeasonFacts, Decision]],
                    as_of: date) -> Prior:
    if not labeled:
        return Prior(0.5, "no settled seasons to learn from yet")
    renewed = [d.outcome == RENEWED for _, d in labeled]
    rate = sum(renewed) / len(renewed)
    parts = [f"{sum(renewed)} of {len(renewed)} past seasons were renewed"]
    groups = [("season", lambda s: season_bucket(s.number), season_bucket(season.number))]
    known_list = season.list_as_of(as_of)
    if known_list:
        groups.append(("list", lambda s: s.list_as_of(as_of), known_list))
    if season.kind:
        groups.append(("kind", lambda s: s.kind, season.kind))
    pool = labeled
    for _, key, value in groups:
        pool = [(s, d) for s, d in pool if key(s) == value]
        hits = sum(d.outcome == RENEWED for _, d in pool)
        rate = (hits + SHRINK * rate) / (len(pool) + SHRINK)
        parts.append(f"{hits} of {len(pool)} {_describe(season, value)}")
    return Prior(rate, "; ".join(parts))


def _describe(season: SeasonFacts, value: str) -> str:
    if value in (NON_ENGLISH, "TV (English)"):
        return f"{list_name(value)} {season_bucket(season.number)}"
    if value == season.kind:
        return f"{value} {season_bucket(season.number)}"
    return value
