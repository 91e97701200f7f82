"""The shapes the API answers with, read straight off the catalog's rows.

Each schema is the public contract of one kind of item (documented in ``docs/api.md``);
later versions add fields, never rename them. Every fact that came from somewhere
carries its ``source`` (url, publisher, title, tier, published_at); an editor's working
text (article bodies, reader comments, claim states other than confirmed) never leaves.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema


def _blank_none(value: str) -> str | None:
    return value or None


class SourceOut(Schema):
    url: str | None  # None for a file an editor read from their own disk
    publisher: str | None
    title: str | None
    tier: str
    published_at: datetime | None

    @staticmethod
    def resolve_url(obj) -> str | None:
        return obj.public_url

    @staticmethod
    def resolve_publisher(obj) -> str | None:
        return _blank_none(obj.publisher)

    @staticmethod
    def resolve_title(obj) -> str | None:
        return _blank_none(obj.title)


class ShowRef(Schema):
    title: str
    slug: str
    api_url: str

    @staticmethod
    def resolve_api_url(obj) -> str:
        return f"/api/shows/{obj.slug}"


class EventOut(Schema):
    """A confirmed event; a show's status decision is one of these."""

    id: int
    kind: str
    label: str
    date: date
    precision: str
    season: int | None
    quote: str | None
    source: SourceOut

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_season(obj) -> int | None:
        return obj.season.number if obj.season_id else None

    @staticmethod
    def resolve_quote(obj) -> str | None:
        return _blank_none(obj.claim.quote)

    @staticmethod
    def resolve_source(obj):
        return obj.claim.source


class SiteEventOut(EventOut):
    show: ShowRef


class ShowItem(Schema):
    title: str
    slug: str
    platform: str | None
    kind: str | None
    language: str | None
    status: str
    status_label: str
    url: str
    api_url: str
    decision: EventOut | None

    @staticmethod
    def resolve_platform(obj) -> str | None:
        return _blank_none(obj.platform)

    @staticmethod
    def resolve_kind(obj) -> str | None:
        return _blank_none(obj.kind)

    @staticmethod
    def resolve_language(obj) -> str | None:
        return _blank_none(obj.language)

    @staticmethod
    def resolve_status_label(obj) -> str:
        return obj.get_status_display()

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_api_url(obj) -> str:
        return f"/api/shows/{obj.slug}"

    @staticmethod
    def resolve_decision(obj):
        return obj.status_event


class SeasonOut(Schema):
    """A season with a summary of its Netflix Top 10 run (the annotated fields)."""

    number: int
    label: str
    premiere_date: date | None
    premiere_source: SourceOut | None
    weeks_in_top10: int
    best_rank: int | None
    first_chart_week: date | None
    last_chart_week: date | None
    hours_in_top10_weeks: int | None

    @staticmethod
    def resolve_label(obj) -> str:
        return obj.display_label


class ChartWeekOut(Schema):
    season: int
    week: date
    list: str
    rank: int
    hours: int
    views: int | None
    runtime: float | None
    weeks_on_list: int
    source: SourceOut

    @staticmethod
    def resolve_season(obj) -> int:
        return obj.season.number

    @staticmethod
    def resolve_runtime(obj) -> float | None:
        return None if obj.runtime is None else float(obj.runtime)


class AllTimeRankOut(Schema):
    list: str
    rank: int
    hours: int
    views: int | None
    runtime: float | None
    source: SourceOut

    @staticmethod
    def resolve_runtime(obj) -> float | None:
        return None if obj.runtime is None else float(obj.runtime)


class EngagementOut(Schema):
    """A season's figures in one of Netflix's half-yearly engagement reports."""

    period_start: date
    period_end: date
    hours: int
    views: int | None
    runtime: float | None
    available_globally: bool | None
    release_date: date | None
    source: SourceOut

    @staticmethod
    def resolve_runtime(obj) -> float | None:
        return None if obj.runtime is None else float(obj.runtime)


class SeasonDetail(SeasonOut):
    show: ShowRef
    chart_weeks: list[ChartWeekOut]
    all_time_ranks: list[AllTimeRankOut]
    engagement: list[EngagementOut]


SUBRESOURCES = ("seasons", "status", "forecast", "events", "statements", "chart-weeks", "claims")


class ShowOut(ShowItem):
    is_original: bool | None
    seasons: list[SeasonOut]
    links: dict[str, str]

    @staticmethod
    def resolve_seasons(obj) -> list:
        return obj.seasons_summary

    @staticmethod
    def resolve_links(obj) -> dict[str, str]:
        base = f"/api/shows/{obj.slug}"
        return {"page": obj.get_absolute_url(),
                **{name: f"{base}/{name}" for name in SUBRESOURCES}}


class SeasonRef(Schema):
    number: int
    label: str


class StatusOut(Schema):
    show: ShowRef
    status: str
    status_label: str
    as_of: date
    latest_released_season: SeasonRef | None
    decision: EventOut | None


class StatementOut(Schema):
    id: int
    speaker: str
    speaker_role: str | None
    person: str | None
    quote: str
    said_on: date | None
    stance: str
    season: int | None
    source: SourceOut

    @staticmethod
    def resolve_speaker_role(obj) -> str | None:
        return _blank_none(obj.speaker_role)

    @staticmethod
    def resolve_person(obj) -> str | None:
        return obj.person.name if obj.person_id else None

    @staticmethod
    def resolve_season(obj) -> int | None:
        return obj.season.number if obj.season_id else None

    @staticmethod
    def resolve_source(obj):
        return obj.claim.source


class ClaimOut(Schema):
    """A confirmed claim: one fact an editor checked against its source."""

    id: int
    kind: str
    value: Any
    quote: str | None
    true_on: date | None
    season: int | None
    person: str | None
    confidence: float
    reviewed_at: datetime | None
    source: SourceOut

    @staticmethod
    def resolve_quote(obj) -> str | None:
        return _blank_none(obj.quote)

    @staticmethod
    def resolve_season(obj) -> int | None:
        return obj.season.number if obj.season_id else None

    @staticmethod
    def resolve_person(obj) -> str | None:
        return obj.person.name if obj.person_id else None


class ErrorOut(Schema):
    detail: str


class ParameterError(Schema):
    parameter: str
    location: str = Field(description="query or path")
    message: str


class BadRequestOut(ErrorOut):
    errors: list[ParameterError]


class NotFoundOut(ErrorOut):
    close_matches: list[ShowRef] = []


def answers(ok, *, show: bool = True) -> dict:
    """An endpoint's documented responses: ``ok`` on 200, a 400 for bad parameters and,
    for anything under ``/shows/{slug}``, a 404 with close matches."""
    out = {200: ok, 400: BadRequestOut}
    if show:
        out[404] = NotFoundOut
    return out
