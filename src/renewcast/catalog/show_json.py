"""A show as plain JSON-ready data: the schema of ``renewcast show --json``.

The schema is documented in ``docs/show-json.md``; later features add keys,
never rename them.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch

from renewcast.catalog.models import ChartWeek, ClaimState, Credit, Event, Season, Show


def show_as_dict(show: Show) -> dict:
    show = (
        Show.objects.filter(pk=show.pk)
        .select_related("status_event__claim__source", "status_event__season",
                        "platform_source")
        .prefetch_related(
            Prefetch("seasons", queryset=Season.objects.annotate(episode_count=Count("episodes"))
                     .select_related("premiere_source").order_by("number")),
            Prefetch("seasons__chart_weeks", queryset=ChartWeek.objects.order_by("week", "list")),
            Prefetch(
                "seasons__credits",
                queryset=Credit.objects.filter(job="").select_related("person", "source")
                .order_by("id"),
            ),
            Prefetch(
                "events",
                queryset=Event.objects.filter(claim__state=ClaimState.CONFIRMED)
                .select_related("claim__source", "season")
                .order_by("date", "id"),
            ),
        )
        .get()
    )
    event = show.status_event
    seasons = list(show.seasons.all())
    return {
        "title": show.title,
        "slug": show.slug,
        "url": show.get_absolute_url(),
        "platform": show.platform or None,
        "platform_source": show.platform_source.public_url if show.platform_source else None,
        "tvmaze_id": show.tvmaze_id,
        "imdb_id": show.imdb_id or None,
        "kind": show.kind or None,
        "language": show.language or None,
        "is_original": show.is_original,
        "status": show.status,
        "status_date": event.date.isoformat() if event else None,
        "status_source": event.claim.source.public_url if event else None,
        "status_quote": event.claim.quote if event else None,
        "cast": _cast(seasons),
        "seasons": [_season(s) for s in seasons],
        "events": [_event(e) for e in show.events.all()],
    }


def _cast(seasons) -> list[dict]:
    people: dict[tuple[str, str], dict] = {}
    for season in seasons:
        for credit in season.credits.all():
            key = (credit.person.name, credit.character)
            entry = people.setdefault(
                key, {"person": credit.person.name, "character": credit.character or None,
                      "seasons": [], "source": credit.source.public_url}
            )
            entry["seasons"].append(season.number)
    return list(people.values())


def _season(season) -> dict:
    weeks = list(season.chart_weeks.all())
    return {
        "number": season.number,
        "label": season.display_label,
        "premiere_date": season.premiere_date.isoformat() if season.premiere_date else None,
        "premiere_source": season.premiere_source.public_url if season.premiere_source else None,
        "finale_date": season.finale_date.isoformat() if season.finale_date else None,
        "episode_order": season.episode_order,
        "episode_count": season.episode_count,
        "first_chart_week": weeks[0].week.isoformat() if weeks else None,
        "chart_weeks": [
            {
                "week": w.week.isoformat(),
                "list": w.list,
                "rank": w.rank,
                "hours": w.hours,
                "views": w.views,
                "runtime": float(w.runtime) if w.runtime is not None else None,
                "weeks_on_list": w.weeks_on_list,
            }
            for w in weeks
        ],
    }


def _event(event: Event) -> dict:
    return {
        "kind": event.kind,
        "season": event.season.number if event.season else None,
        "date": event.date.isoformat(),
        "precision": event.precision,
        "source": event.claim.source.public_url,
        "quote": event.claim.quote or None,
    }
