"""Everything we know about one season, gathered for its page and for the show page.

One builder serves ``/shows/<slug>/season-<n>/`` (including the season nobody has seen
yet: the "will there be a season 2?" page) and ``/shows/<slug>/``, so both answer the
questions readers came with in the same words: is it renewed, when does it come out,
who is in it, what happens; then what was said, how it did, what changed and where each
fact came from. Only confirmed facts are gathered; the forecast is labeled as one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db.models import Max, Prefetch

from renewcast.catalog.forecasting import (
    PREMIERE_SHOWN,
    no_forecast_reason,
    released_season,
    season_outlook,
)
from renewcast.catalog.models import (
    ChartWeek,
    ClaimState,
    EventKind,
    Season,
    Show,
    Status,
)
from renewcast.catalog.status import coverage, decision_events
from renewcast.community.page import season_community
from renewcast.forecast.coverage import NO, YES, covered, final_of
from renewcast.forecast.forecaster import Forecast
from renewcast.forecast.premiere import PremiereWindow
from renewcast.numbers import human_date, seasons_words
from renewcast.pages.changes import show_changes
from renewcast.pages.forecast_chart import forecast_svg
from renewcast.pages.knowledge import confirmed_knowledge
from renewcast.pages.viewership_chart import viewership_svg
from renewcast.sources.reference import listed_only


@dataclass(frozen=True)
class Answer:
    """The page's first line: the question, a one-word answer and the sentence after it."""

    question: str
    short: str  # Yes / No / Not yet / Out now
    text: str
    state: str  # renewed, canceled, ended, awaiting, released
    event: object | None = None  # the decision it rests on, for its source


def load_show(slug: str) -> Show | None:
    return (Show.objects.listed().select_related("status_event__claim__source",
                                                 "status_event__season")
            .filter(slug=slug).first())


def load_seasons(show: Show) -> list[Season]:
    weeks = ChartWeek.objects.select_related("source").order_by("week", "list")
    return list(show.seasons.select_related("premiere_source")
                .prefetch_related(Prefetch("chart_weeks", queryset=weeks)))


def page_numbers(seasons: list[Season], today: date,
                 decisions: list | None = None) -> tuple[int, int]:
    """(latest released season number or 0, the highest season number with a page)."""
    latest_n = released_number(seasons, today, decisions)
    return latest_n, max([s.number for s in seasons] + [latest_n + 1])


def released_number(seasons: list[Season], today: date, decisions: list | None = None) -> int:
    """The latest season out: premiered or charted, or one a renewal or cancellation
    followed (a show canceled "after season 2" had a season 2, charted or not)."""
    latest = released_season(seasons, today)
    numbers = [latest.number if latest else 0]
    if decisions is None and seasons:
        decisions = _decisions(seasons[0].show, today)
    numbers += [e.season_number for e in decisions or []
                if e.season_number and e.kind != EventKind.ENDING]
    return max(numbers)


@dataclass
class Outlook:
    """The answer about one season, and the forecast and premiere window behind it."""

    number: int
    season: Season | None
    released: bool
    answer: Answer
    forecast: Forecast | None
    path: list
    premiere: PremiereWindow | None
    latest: Season | None
    latest_n: int


def season_answer(show: Show, seasons: list[Season], number: int | None,
                  today: date, with_path: bool = True) -> Outlook:
    """What a fan asks about season ``number`` (None: the next one), answered as the page
    answers it: the decision that covers it, else the forecast (with its week-by-week path
    unless ``with_path`` is False). The CLI's ``show`` opens with it too."""
    by_number = {s.number: s for s in seasons}
    decisions = _decisions(show, today)
    latest = released_season(seasons, today)
    latest_n = released_number(seasons, today, decisions)
    number = latest_n + 1 if number is None else number
    season = by_number.get(number)
    released = number <= latest_n

    forecast, path, premiere = None, [], None
    no_forecast = no_forecast_reason(show)
    ruled = not released and coverage(number - 1, decisions).ruling(number).answer == NO
    if latest and latest.number == latest_n and number == latest_n + 1 \
            and show.status != Status.ENDED and no_forecast is None and not ruled:
        forecast, path = season_outlook(latest, today, with_path)
        premiere = forecast.premiere
        if premiere and premiere.state not in PREMIERE_SHOWN:
            premiere = None  # canceled, ended, or the next season is already out
        if forecast.state != "forecast":
            forecast = None
    answer = _answer(show, season, number, released, decisions, forecast, today, no_forecast)
    return Outlook(number, season, released, answer, forecast, path, premiere, latest,
                   latest_n)


def season_context(show: Show, seasons: list[Season], number: int | None, today: date,
                   whole_show: bool = False) -> dict:
    """The template context for the page about season ``number`` (which may not exist yet;
    None: the next one). ``whole_show`` gathers every season's facts, for the show page."""
    by_number = {s.number: s for s in seasons}
    outlook = season_answer(show, seasons, number, today)
    number, season, released = outlook.number, outlook.season, outlook.released
    answer, forecast, path = outlook.answer, outlook.forecast, outlook.path
    premiere, latest, latest_n = outlook.premiere, outlook.latest, outlook.latest_n

    knowledge = confirmed_knowledge(show)
    events = list(show.events.filter(claim__state=ClaimState.CONFIRMED)
                  .select_related("claim__source", "season").order_by("date", "id"))
    chart_season = season if released else by_number.get(number - 1)
    chart_weeks = list(chart_season.chart_weeks.all()) if chart_season else []
    if whole_show:
        cast_now, cast_before, chart_svg, chart_svg_phone = knowledge["cast"], [], "", ""
        plots, statements = knowledge["plots"], knowledge["statements"]
        predictions = knowledge["press_predictions"]
        changes = show_changes(show, seasons)
    else:
        cast_now = [r for r in knowledge["cast"] if number in r["seasons"]]
        before = {r["person"].pk for r in knowledge["cast"] if number - 1 in r["seasons"]}
        for row in cast_now:
            row["returning"] = row["person"].pk in before
        cast_before = [] if cast_now else [r for r in knowledge["cast"]
                                           if number - 1 in r["seasons"]]
        first_list = chart_weeks[0].list if chart_weeks else None
        shown_weeks = [w for w in chart_weeks if w.list == first_list]
        chart_svg = viewership_svg(shown_weeks)
        chart_svg_phone = viewership_svg(shown_weeks, phone=True)
        events = [e for e in events if e.season is None or e.season.number <= number]
        plots = [p for p in knowledge["plots"] if (p.value.get("season") or 0) <= number]
        statements = [s for s in knowledge["statements"]
                      if s.season_id is None or s.season.number <= number]
        predictions = [p for p in knowledge["press_predictions"]
                       if p.value.get("season") == number]
        changes = show_changes(show, seasons, up_to=number)
    sources = _sources(answer, events, cast_now or cast_before, statements, plots, predictions,
                       chart_weeks, season)
    return {
        "show": show, "seasons": seasons, "season": season, "number": number,
        "label": season.display_label if season else f"Season {number}",
        "released": released, "latest_season": latest, "answer": answer,
        "decision": answer.event, "forecast": forecast, "path": path, "premiere": premiere,
        **_path_charts(path, forecast),
        "cast": cast_now, "cast_before": cast_before, "plots": plots,
        "statements": statements, "press_predictions": predictions, "events": events,
        "chart_season": chart_season, "chart_weeks": chart_weeks, "chart_svg": chart_svg,
        "chart_svg_phone": chart_svg_phone,
        "engagement": list(chart_season.engagement.select_related("source"))
        if chart_season and not whole_show else [],
        "decision_words": decision_words(show, answer.event),
        "decision_listed": answer.event is not None and listed_only(answer.event),
        "changes": changes, "sources": sources,
        "community": None if whole_show else season_community(show, number),
        "modified": _modified(show, changes, events), "today": today,
        "previous_number": number - 1 if number > 1 else None,
        "next_number": number + 1 if number < max([*by_number, latest_n + 1]) else None,
    }


def _path_charts(path: list, forecast) -> dict:
    """The forecast's week-by-week chart, for a wide screen and for a phone."""
    if len(path) < 2:
        return {"path_svg": "", "path_svg_phone": ""}
    points = tuple(("now" if f is forecast else f"wk {i + 1}", f.p_renew)
                   for i, f in enumerate(path))
    return {"path_svg": forecast_svg(points), "path_svg_phone": forecast_svg(points, True)}


def _decisions(show: Show, today: date) -> list:
    return decision_events([show.pk], today)[show.pk]


def _answer(show, season, number, released, decisions, forecast, today,
            no_forecast: str | None = None) -> Answer:
    title = show.title
    if released:
        label = season.display_label if season else f"Season {number}"
        start = season.premiere_date if season else None
        weeks = list(season.chart_weeks.all()) if season else []
        if start:
            text = f"{label} of {title} came out on {human_date(start)}."
        elif weeks:
            text = (f"{label} of {title} is out: it entered Netflix's Top 10 in the week "
                    f"ending {human_date(weeks[0].week)}.")
        else:
            text = f"{label} of {title} is out."
        return Answer(f"Is {title} {label.lower()} out?", "Yes", text, "released")

    question = f"Has {title} been renewed for season {number}?"
    ruling = coverage(number - 1, decisions).ruling(number)
    event = ruling.decision
    platform = show.platform or "The network"
    if season and season.premiere_date and season.premiere_date > today \
            and ruling.answer != NO:
        return Answer(question, "Yes", f"Season {number} premieres on "
                      f"{human_date(season.premiere_date)}.", Status.RENEWED, event)
    if ruling.answer == YES:
        when = _when(event)
        if final_of(event) == number:
            return Answer(question, "Yes", f"season {number} will be the last, {_said(event)}.",
                          Status.RENEWED, event)
        ordered = _ordered_words(event)
        said = f"{ordered}, {when}" if listed_only(event) else f" {when}{ordered}"
        return Answer(question, "Yes", f"{platform} renewed it{said}.",
                      Status.RENEWED, event)
    if ruling.answer == NO:
        when = _when(event)
        if ruling.outcome == Status.CANCELED:
            return Answer(question, "No", f"{platform} canceled it {when}.", Status.CANCELED,
                          event)
        if ruling.last == 1 and event.claim.source.tier == "official" \
                and event.kind == EventKind.ENDING:
            return Answer(question, "No", f"{title} was made as a limited series.",
                          Status.ENDED, event)
        return Answer(question, "No", f"season {ruling.last} is the last ({_said(event)}).",
                      Status.ENDED, event)
    if forecast is not None:
        return Answer(question, "Not yet",
                      f"our forecast: {forecast.p_renew:.0%} likely.", Status.AWAITING)
    if no_forecast:
        return Answer(question, "Not yet", f"no renewal or cancellation has been announced; "
                      f"{no_forecast}.", Status.AWAITING)
    return Answer(question, "Not yet", "no renewal or cancellation has been announced.",
                  Status.AWAITING)


def decision_words(show: Show, event) -> str:
    """What the decision behind the status says, in words: "Bridgerton was renewed for
    seasons 5 and 6"; "Stranger Things was renewed for a fifth and final season"."""
    if event is None:
        return ""
    final = final_of(event)
    if event.kind == EventKind.CANCELLATION:
        after = f" after {event.season.display_label}" if event.season else ""
        return f"{show.platform or 'The network'} canceled {show.title}{after}"
    if event.kind == EventKind.RENEWAL:
        seasons = covered(event)
        if final and seasons == (final,):
            return f"{show.title} was renewed for a final season, season {final}"
        return f"{show.title} was renewed for {seasons_words(seasons)}" + (
            f"; season {final} will be the last" if final else "")
    if final == 1 and event.claim.source.tier == "official":
        return f"{show.title} is a limited series"
    return f"{show.title} ends with season {final}" if final else f"{show.title} ended"


def _when(event) -> str:
    if listed_only(event):
        return f"as {event.claim.source.publisher} listed it on {human_date(event.date)}"
    return ("on " if event.precision == "day" else "in ") + human_date(event.date,
                                                                      event.precision)


def _said(event) -> str:
    """"announced on 14 May 2025", or a table's "as Wikipedia listed it on …"."""
    return _when(event) if listed_only(event) else f"announced {_when(event)}"


def _ordered_words(event) -> str:
    """", ordering seasons 5 and 6" when a renewal named more than one season."""
    covers = sorted(event.covers or [])
    if len(covers) < 2:
        return ""
    return (", ordering seasons " + ", ".join(str(n) for n in covers[:-1])
            + f" and {covers[-1]}")


def _sources(answer, events, cast, statements, plots, predictions, chart_weeks, season) -> list:
    found = []
    if answer.event is not None:
        found.append(answer.event.claim.source)
    found += [e.claim.source for e in events] + [r["source"] for r in cast]
    found += [s.claim.source for s in statements] + [p.source for p in plots + predictions]
    found += [w.source for w in chart_weeks[:1]]
    if season is not None and season.premiere_source is not None:
        found.append(season.premiere_source)
    unique = {s.pk: s for s in found}

    def dated(source):
        when = source.published_at or source.retrieved_at
        return (when is None, when.timestamp() if when else 0, source.pk)

    return sorted(unique.values(), key=dated)


def _modified(show: Show, changes, events=()) -> datetime:
    """When the page's facts last changed: its newest change or dated event on it, or an
    editor's latest review (data loaded from files is dated by the facts themselves, not by
    the day it was loaded)."""
    reviewed = show.claims.filter(state=ClaimState.CONFIRMED, reviewed_by__isnull=False
                                  ).aggregate(at=Max("reviewed_at"))["at"]
    today = date.today()
    stamps = [c.updated for c in changes[:1]] + ([reviewed] if reviewed else [])
    stamps += [datetime.combine(e.date, time(12), tzinfo=UTC) for e in events
               if e.date <= today]
    return max(stamps) if stamps else show.created_at
