"""Fans' predictions on a season awaiting a decision: making them, the crowd, the outcome.

A fan gives the chance (1–99%) that season N comes, and optionally the month it
premieres. Each fan has one live prediction per season page; changing it keeps the old
row (``replaced_at`` set), so a fan's history is never lost and the prediction that
counts can be chosen by date. Predictions are open while the page asks "will there be a
season N?" — season N-1 is out and no renewal, cancellation or ending has been
confirmed — and close once the decision is in.

The outcome is read from confirmed decision events, the way the season page reads them
(:func:`renewcast.catalog.status.decide`), but for season N alone: a renewal after
season N-1 (or a final season N announced) is 1, a cancellation or ending after N-1
is 0, and a decision about season N or later means N came out (1). When decisions
disagree (canceled, then revived) the latest wins, as on the page; predictions close at
the first. A season that came out with no decision recorded counts as renewed on its
premiere. Scoring itself is in :mod:`renewcast.community.leaderboard`.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from renewcast.catalog.models import (
    DECISION_KINDS,
    ChartWeek,
    ClaimState,
    Event,
    EventKind,
    Precision,
    Season,
    Show,
)
from renewcast.community.forms import MAX_NAME, NAME_MESSAGE
from renewcast.community.models import Fan, FanPrediction
from renewcast.community.text import link_count
from renewcast.forecast.history import CHART_DELAY
from renewcast.forecast.scoring import brier, month_error, month_index

CLOSED_MESSAGE = "The decision is in: predictions for season {number} are closed."
BANNED_MESSAGE = "Predictions from you are no longer accepted here."
PROBABILITY_MESSAGE = "The chance of renewal must be a whole number from 1 to 99."
MONTH_MESSAGE = "Enter the premiere month like 2027-05, or leave it empty."
MONTH_PAST_MESSAGE = "That month has passed: pick {month} or a later month."
MONTH_FAR_MESSAGE = "Pick a month within the next {years} years."
NAME_LONG_MESSAGE = f"Please keep your name under {MAX_NAME} characters."
MONTH_YEARS_AHEAD = 10
# The Friday before a season's first Top 10 week ends: Netflix's usual drop day, the same
# stand-in the premiere model uses when no premiere date is recorded.
DROP_DAY_BEFORE_CHART = timedelta(days=2)

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_WHOLE = re.compile(r"^\d{1,3}$")


@dataclass(frozen=True)
class Outcome:
    """What became of "will there be season ``number``?"."""

    show_id: int
    number: int
    renewed: int  # 1: season ``number`` was ordered (or came out); 0: canceled or ended
    decided_on: date  # the first decision: predictions close then, and count up to it
    event: Event | None = None  # the decision the outcome rests on (the latest)
    premiere: date | None = None  # when season ``number`` came out, once it has

    @property
    def word(self) -> str:
        if self.renewed:
            return "renewed"
        return "ended" if self.event is not None and self.event.kind == EventKind.ENDING \
            else "canceled"


# ---- outcomes ------------------------------------------------------------------------------


def verdict(event: Event, number: int) -> int | None:
    """What a decision event says about season ``number`` coming (None: nothing)."""
    about = event.season.number if event.season_id else None
    if about is None or about == number - 1:
        return 1 if event.kind == EventKind.RENEWAL else 0
    if about >= number:
        # A final season N announced, or a decision after season N: N was ordered.
        return 1
    return None


def decision_events(show_ids: Iterable[int], today: date) -> dict[int, list[Event]]:
    events = (Event.objects.filter(show_id__in=list(show_ids), kind__in=DECISION_KINDS,
                                   claim__state=ClaimState.CONFIRMED, date__lte=today)
              .select_related("season", "claim__source").order_by("date", "id"))
    found: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        event.season_number = event.season.number if event.season_id else None
        found[event.show_id].append(event)
    return found


def premieres(show_ids: Iterable[int], today: date) -> dict[tuple[int, int], date]:
    """When each season of these shows came out, as far as known by ``today``: its premiere
    date, else a confirmed premiere event, else the Friday before its first Top 10 week."""
    ids = list(show_ids)
    found: dict[tuple[int, int], date] = {}
    for show_id, number, first_week in (
            ChartWeek.objects.filter(season__show_id__in=ids, week__lte=today - CHART_DELAY)
            .values_list("season__show_id", "season__number").annotate(first=Min("week"))):
        found[(show_id, number)] = first_week - DROP_DAY_BEFORE_CHART
    for show_id, number, day in (
            Event.objects.filter(show_id__in=ids, kind=EventKind.PREMIERE, season__isnull=False,
                                 claim__state=ClaimState.CONFIRMED, date__lte=today)
            .exclude(precision=Precision.YEAR)
            .values_list("show_id", "season__number").annotate(first=Min("date"))):
        found[(show_id, number)] = day
    for show_id, number, day in Season.objects.filter(
            show_id__in=ids, premiere_date__lte=today).values_list("show_id", "number",
                                                                   "premiere_date"):
        found[(show_id, number)] = day
    return found


def outcome_of(show_id: int, number: int, decisions: list[Event],
               premiere: date | None) -> Outcome | None:
    said = [(e, v) for e in decisions if (v := verdict(e, number)) is not None]
    if said:
        renewed = 1 if premiere else said[-1][1]
        return Outcome(show_id, number, renewed, said[0][0].date, said[-1][0],
                       premiere if renewed else None)
    if premiere:
        return Outcome(show_id, number, 1, premiere, None, premiere)
    return None


def outcomes(pairs: Iterable[tuple[int, int]], today: date) -> dict[tuple[int, int], Outcome]:
    """The outcome of each (show id, season number) decided by ``today``."""
    pairs = set(pairs)
    shows = {show_id for show_id, _ in pairs}
    if not shows:
        return {}
    decisions = decision_events(shows, today)
    out = premieres(shows, today)
    found = {}
    for show_id, number in pairs:
        result = outcome_of(show_id, number, decisions.get(show_id, []),
                            out.get((show_id, number)))
        if result is not None:
            found[(show_id, number)] = result
    return found


def outcome(show: Show, number: int, today: date) -> Outcome | None:
    return outcomes([(show.pk, number)], today).get((show.pk, number))


def counted(rows: list, decided_on: date):
    """The prediction that is scored: the last one made on or before the decision day."""
    before = [r for r in rows if timezone.localdate(r.created_at) <= decided_on]
    return max(before, key=lambda r: (r.created_at, r.pk)) if before else None


# ---- open or closed ------------------------------------------------------------------------


def closed_reason(show: Show, number: int, today: date) -> str | None:
    """Why fans cannot predict season ``number`` now, or None while predictions are open."""
    # Imported here: the season page imports this module (for the crowd) at load time.
    from renewcast.pages.season_page import released_number

    if number < 2:
        return "Predictions are about the season after one that is out."
    seasons = list(show.seasons.prefetch_related("chart_weeks"))
    decisions = decision_events([show.pk], today).get(show.pk, [])
    latest = released_number(seasons, today, decisions)
    if number <= latest:
        return f"Season {number} is already out: there is nothing left to predict."
    if number > latest + 1:
        return f"Predictions for season {number} open once season {number - 1} is out."
    season = next((s for s in seasons if s.number == number), None)
    if any(verdict(e, number) is not None for e in decisions) \
            or (season is not None and season.premiere_date is not None):
        return CLOSED_MESSAGE.format(number=number)
    return None


# ---- the crowd -----------------------------------------------------------------------------


def crowd_summary(show: Show, number: int) -> dict | None:
    """The live predictions of fans (banned ones left out) for season ``number``.

    None when there are none; else ``median`` (percent, a float: the median of an even
    count is the mean of the middle two), ``count``, ``month_median`` (the first day of
    the median premiere month, the earlier of the middle two; None when nobody gave a
    month) and ``month_count``.
    """
    voices: dict[object, tuple] = {}
    for pk, client, probability, month in FanPrediction.objects.filter(
        show=show, season_number=number, replaced_at__isnull=True, fan__banned=False,
    ).order_by("created_at", "id").values_list("pk", "client", "probability",
                                               "premiere_month"):
        voices[client or pk] = (probability, month)  # an address's latest fan speaks for it
    rows = list(voices.values())
    if not rows:
        return None
    months = [month_index(m) for _, m in rows if m is not None]
    middle = statistics.median_low(months) if months else None
    return {
        "median": float(statistics.median(p for p, _ in rows)),
        "count": len(rows),
        "month_median": date(middle // 12, middle % 12 + 1, 1) if middle is not None else None,
        "month_count": len(months),
    }


def crowd_json(crowd: dict | None) -> dict | None:
    if crowd is None:
        return None
    month = crowd["month_median"]
    return {**crowd, "month_median": month.strftime("%Y-%m") if month else None}


# ---- making a prediction -------------------------------------------------------------------


def clean_probability(text: str | None) -> tuple[int | None, str | None]:
    value = (text or "").strip().rstrip("%").strip()
    if not _WHOLE.match(value) or not 1 <= int(value) <= 99:
        return None, PROBABILITY_MESSAGE
    return int(value), None


def clean_month(text: str | None, today: date) -> tuple[date | None, str | None]:
    value = (text or "").strip()
    if not value:
        return None, None
    match = _MONTH.match(value)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:  # no year 0
        return None, MONTH_MESSAGE
    month = date(int(match[1]), int(match[2]), 1)
    if month < today.replace(day=1):
        return None, MONTH_PAST_MESSAGE.format(month=today.strftime("%Y-%m"))
    if month_index(month) - month_index(today) > 12 * MONTH_YEARS_AHEAD:
        return None, MONTH_FAR_MESSAGE.format(years=MONTH_YEARS_AHEAD)
    return month, None


def clean_name(text: str | None, known: bool) -> tuple[str, str | None]:
    """The name to post as; required only from a fan we do not know yet."""
    name = " ".join((text or "").split())
    if not name:
        return "", None if known else NAME_MESSAGE
    if len(name) > MAX_NAME:
        return "", NAME_LONG_MESSAGE
    if link_count(name):
        return "", "Please enter a name, not a web address."
    return name, None


def clean(data, known_fan: bool, today: date) -> tuple[dict, dict[str, list[str]]]:
    """The posted form's values and its errors by field (empty when it is fine)."""
    errors: dict[str, list[str]] = {}
    name, problem = clean_name(data.get("name"), known_fan)
    if problem:
        errors["name"] = [problem]
    probability, problem = clean_probability(data.get("probability"))
    if problem:
        errors["probability"] = [problem]
    month, problem = clean_month(data.get("premiere_month"), today)
    if problem:
        errors["premiere_month"] = [problem]
    return {"name": name, "probability": probability, "premiere_month": month}, errors


def save_prediction(fan: Fan, show: Show, number: int, probability: int,
                    premiere_month: date | None, client: str = "") -> tuple[FanPrediction, bool]:
    """Make ``fan``'s live prediction, keeping the one it replaces; (row, whether new).

    Sending the same prediction again changes nothing, so a double click or a retried
    post does not fill the history with copies.
    """
    for attempt in range(2):
        try:
            with transaction.atomic():
                live = (FanPrediction.objects.select_for_update()
                        .filter(fan=fan, show=show, season_number=number,
                                replaced_at__isnull=True).first())
                if live is not None and live.probability == probability \
                        and live.premiere_month == premiere_month:
                    return live, False
                if live is not None:
                    live.replaced_at = timezone.now()
                    live.save(update_fields=["replaced_at"])
                return FanPrediction.objects.create(
                    fan=fan, show=show, season_number=number, probability=probability,
                    premiere_month=premiere_month, client=client), True
        except IntegrityError:
            # Two posts from the same fan at once both saw no live row; the other won.
            if attempt:
                raise
    raise AssertionError("unreachable")


def prediction_json(prediction: FanPrediction | None) -> dict | None:
    if prediction is None:
        return None
    month = prediction.premiere_month
    return {"id": prediction.pk, "probability": prediction.probability,
            "premiere_month": month.strftime("%Y-%m") if month else None,
            "made_at": prediction.created_at.isoformat()}


# ---- what the form needs -------------------------------------------------------------------


def prediction_context(fan: Fan | None, show: Show, number: int, today: date) -> dict:
    """The prediction form's context, all under one key (``predict``) so it cannot clash
    with the page it is merged into. See docs/predictions.md for the keys."""
    reason = closed_reason(show, number, today)
    rows = list(FanPrediction.objects.filter(fan=fan, show=show, season_number=number)
                .order_by("-created_at", "-id")) if fan is not None else []
    live = next((r for r in rows if r.replaced_at is None), None)
    decided = outcome(show, number, today) if reason else None
    score = None
    if decided is not None and rows:
        scored = counted(rows, decided.decided_on)
        if scored is not None:
            months = None
            if scored.premiere_month and decided.premiere:
                months = month_error(scored.premiere_month, decided.premiere)
            score = {"prediction": scored, "brier": brier(scored.probability / 100,
                                                          decided.renewed),
                     "months_off": months}
    banned = fan is not None and fan.banned
    return {"predict": {
        "open": reason is None and not banned,
        "closed_message": BANNED_MESSAGE if banned and reason is None else reason,
        "live": live,
        "history": [r for r in rows if r is not live],
        "crowd": crowd_summary(show, number),
        "outcome": decided,
        "score": score,
        "needs_name": fan is None,
        "fan": fan,
        "banned": banned,
        "url": reverse("predict", args=[show.slug, number]),
        "month_min": today.strftime("%Y-%m"),
        "month_max": f"{today.year + MONTH_YEARS_AHEAD}-{today.month:02d}",
        "probability": live.probability if live else 50,
        "premiere_month": live.premiere_month.strftime("%Y-%m")
        if live and live.premiere_month else "",
        "errors": {},
        "general_errors": [],
        "name": "",
    }}
