"""How far the data runs, said on every page: a tracker that hides its cut-off misleads.

"Netflix's Top 10 to the week ending 19 July 2026; engagement reports to June 2025;
decisions announced to 6 March 2026." Three aggregates, read when a page is built (pages
are cached in front of this).
"""

from __future__ import annotations

from django.db.models import Max

from renewcast.catalog.models import DECISION_KINDS, ChartWeek, ClaimState, EngagementFigure, Event
from renewcast.numbers import human_date


def data_reach() -> dict:
    return {
        "top10_week": ChartWeek.objects.aggregate(at=Max("week"))["at"],
        "engagement_end": EngagementFigure.objects.aggregate(at=Max("period_end"))["at"],
        "decisions_to": Event.objects.filter(
            kind__in=DECISION_KINDS, claim__state=ClaimState.CONFIRMED,
            claim__source__tier__in=("trade", "press", "fan")).aggregate(at=Max("date"))["at"],
    }


def reach_sentence(reach: dict | None = None) -> str:
    reach = data_reach() if reach is None else reach
    parts = []
    if reach["top10_week"]:
        parts.append(f"Netflix's Top 10 to the week ending {human_date(reach['top10_week'])}")
    if reach["engagement_end"]:
        parts.append(f"Netflix's engagement reports to {reach['engagement_end']:%B %Y}")
    if reach["decisions_to"]:
        parts.append(f"renewal decisions announced to {human_date(reach['decisions_to'])}")
    return "; ".join(parts)
