"""The visible change log: what changed on a show's pages, when, and on whose word.

Pages go stale silently; this makes every change visible instead ("Updated 2022-11-08:
status awaiting → canceled, source: …"). The same entries feed the per-show Atom feed,
and the decisions feed the site-wide one, so a subscriber reads exactly what the page
says. Entries are derived from confirmed facts, never stored, so they cannot drift.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.utils import timezone

from renewcast.catalog.models import (
    DECISION_KINDS,
    ClaimKind,
    ClaimState,
    Event,
    EventKind,
    Season,
    Show,
    Source,
)
from renewcast.catalog.status import coverage, decide, decision_events
from renewcast.forecast.coverage import final_of
from renewcast.forecast.history import CHART_DELAY
from renewcast.numbers import human_date

PLURAL = {
    ClaimKind.CAST: ("cast member", "cast members"),
    ClaimKind.STATEMENT: ("quote from the people involved", "quotes from the people involved"),
    ClaimKind.PLOT: ("story summary", "story summaries"),
    ClaimKind.PREDICTION: ("press prediction", "press predictions"),
}


@dataclass(frozen=True)
class Change:
    on: date
    text: str
    show: Show
    season_number: int | None
    source: Source | None
    key: str  # stable across renders: the Atom entry id is built from it

    @property
    def updated(self) -> datetime:
        return datetime.combine(self.on, time(12), tzinfo=UTC)


def show_changes(show: Show, seasons: list[Season] | None = None,
                 up_to: int | None = None) -> list[Change]:
    """Newest first; ``up_to`` keeps entries about seasons up to that number."""
    seasons = seasons if seasons is not None else list(
        show.seasons.select_related("premiere_source").prefetch_related("chart_weeks"))
    changes = [*_status_changes(show), *_event_changes(show), *_chart_changes(show, seasons),
               *_claim_changes(show), *_proven_changes(show, seasons),
               *_release_changes(show, seasons)]
    if up_to is not None:
        changes = [c for c in changes if c.season_number is None or c.season_number <= up_to]
    return sorted(changes, key=lambda c: (c.on, c.key), reverse=True)


def _label(season: Season | None) -> str:
    return f"{season.display_label}: " if season else ""


def _status_changes(show: Show) -> list[Change]:
    """One entry per decision, with the status it replaced (a revival reads ended → renewed)."""
    events = list(show.events.filter(kind__in=DECISION_KINDS, claim__state=ClaimState.CONFIRMED)
                  .select_related("season", "claim__source").order_by("date", "id"))
    seen: list[Event] = []
    out = []
    for event in events:
        event.season_number = event.season.number if event.season else None
        after_season = event.season_number or 0
        before, _ = decide(after_season, seen)
        seen.append(event)
        after, _ = decide(after_season, seen)
        verb = f"status {before} → {after}" if before != after else f"status {after} confirmed"
        verb += _covers_words(event)
        # A decision is "about" the season it would bring: it belongs on that page too.
        about = after_season + 1 if event.kind != EventKind.ENDING else after_season
        out.append(Change(event.date, f"{_label(event.season)}{verb}", show, about,
                          event.claim.source, f"decision-{event.pk}"))
    return out


def _covers_words(event: Event) -> str:
    """What the decision covers, when it names more than "the next season"."""
    final = final_of(event)
    covers = sorted(event.covers or [])
    parts = []
    if len(covers) > 1 or (covers and covers[0] != (event.season_number or 0) + 1):
        parts.append("season" + ("s " if len(covers) > 1 else " ")
                     + " and ".join(str(n) for n in covers) + " ordered")
    if final and (event.kind != EventKind.ENDING or final != event.season_number
                  or event.final_season):
        parts.append(f"season {final} is the last")
    return f" ({'; '.join(parts)})" if parts else ""


def _event_changes(show: Show) -> list[Change]:
    events = (show.events.exclude(kind__in=DECISION_KINDS)
              .filter(claim__state=ClaimState.CONFIRMED)
              .select_related("season", "claim__source"))
    out = []
    for event in events:
        source = event.claim.source
        announced = source.published_at.date() if source.published_at else event.date
        what = event.get_kind_display()
        if event.kind == EventKind.PREMIERE:
            what = f"premiere date {human_date(event.date, event.precision)}"
        out.append(Change(min(announced, event.date) if event.kind != EventKind.PREMIERE
                          else announced, f"{_label(event.season)}{what}", show,
                          event.season.number if event.season else None, source,
                          f"event-{event.pk}"))
    return out


def _chart_changes(show: Show, seasons: list[Season]) -> list[Change]:
    out = []
    for season in seasons:
        weeks = sorted(season.chart_weeks.all(), key=lambda w: (w.week, w.list))
        if weeks:
            first = weeks[0]
            best = min(w.rank for w in weeks)
            out.append(Change(first.week + CHART_DELAY,
                              f"{season.display_label}: entered Netflix's Top 10 at #{first.rank}",
                              show, season.number, first.source, f"chart-{season.pk}"))
            if len(weeks) > 1:
                last = weeks[-1]
                out.append(Change(last.week + CHART_DELAY,
                                  f"{season.display_label}: {len(weeks)} weeks in the Top 10, "
                                  f"best rank #{best}", show, season.number, last.source,
                                  f"chart-{season.pk}-latest"))
    return out


def _release_changes(show: Show, seasons: list[Season]) -> list[Change]:
    """"Season 2: came out on 9 June 2023 (Netflix)" from Netflix's own release dates."""
    today = timezone.localdate()
    return [Change(s.premiere_date, f"{s.display_label}: came out on "
                                    f"{human_date(s.premiere_date)} (Netflix)", show, s.number,
                   s.premiere_source, f"release-{s.pk}")
            for s in seasons if s.premiere_date and s.premiere_date <= today
            and s.premiere_source is not None and s.premiere_source.publisher == "Netflix"]


def _proven_changes(show: Show, seasons: list[Season]) -> list[Change]:
    """"Season 1: renewed — season 2 came out on 6 August 2025 (Netflix)" for each season
    whose renewal no announcement covers but whose successor is in Netflix's files."""
    today = timezone.localdate()
    decisions = decision_events([show.pk], today)[show.pk]
    by_number = {s.number: s for s in seasons}
    out = []
    for season in seasons:
        following = by_number.get(season.number + 1)
        if following is None or coverage(season.number, decisions).ruling(
                season.number + 1).decided:
            continue
        weeks = sorted(following.chart_weeks.all(), key=lambda w: w.week)
        if following.premiere_date and following.premiere_source_id \
                and following.premiere_date <= today:
            on, source = following.premiere_date, following.premiere_source
            how = f"came out on {human_date(on)}"
        elif weeks and weeks[0].week + CHART_DELAY <= today:
            on, source = weeks[0].week + CHART_DELAY, weeks[0].source
            how = f"entered Netflix's Top 10 in the week ending {human_date(weeks[0].week)}"
        else:
            continue
        out.append(Change(on, f"{season.display_label}: renewed — season {following.number} "
                              f"{how} (Netflix)", show, following.number, source,
                          f"proven-{season.pk}"))
    return out


def _claim_changes(show: Show) -> list[Change]:
    """Confirmed article facts, one entry per source: "added 8 cast members, 2 quotes"."""
    claims = (show.claims.filter(state=ClaimState.CONFIRMED, kind__in=list(PLURAL))
              .select_related("source", "season"))
    by_source: dict[int, list] = defaultdict(list)
    for claim in claims:
        by_source[claim.source_id].append(claim)
    out = []
    for source_id, group in by_source.items():
        source = group[0].source
        counts: dict[str, int] = defaultdict(int)
        for claim in group:
            counts[claim.kind] += 1
        parts = [f"{n} {PLURAL[k][0] if n == 1 else PLURAL[k][1]}"
                 for k, n in sorted(counts.items(), key=lambda kv: list(PLURAL).index(kv[0]))]
        when = source.published_at or max(c.reviewed_at or c.created_at for c in group)
        numbers = [c.season.number for c in group if c.season]
        out.append(Change(timezone.localdate(when) if timezone.is_aware(when) else when.date(),
                          "added " + ", ".join(parts), show, min(numbers) if numbers else None,
                          source, f"source-{source_id}"))
    return out


def site_decisions(limit: int = 50) -> list[Change]:
    """The latest decisions across all shows, for the site-wide feed."""
    events = (Event.objects.filter(kind__in=DECISION_KINDS, claim__state=ClaimState.CONFIRMED)
              .select_related("show", "season", "claim__source").order_by("-date", "-id")[:limit])
    out = []
    for event in events:
        after = f" after {event.season.display_label}" if event.season else ""
        verb = {EventKind.RENEWAL: "renewed", EventKind.CANCELLATION: "canceled",
                EventKind.ENDING: "ending"}[event.kind]
        last = event.season.display_label if event.season else "the latest season"
        text = (f"{event.show.title}: {verb}{after}" if event.kind != EventKind.ENDING
                else f"{event.show.title}: {last} is the last")
        out.append(Change(event.date, text, event.show,
                          event.season.number if event.season else None,
                          event.claim.source, f"decision-{event.pk}"))
    return out
