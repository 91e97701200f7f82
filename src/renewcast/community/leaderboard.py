"""Every prediction whose outcome is recorded, scored; and the leaderboard made of them.

Scores are worked out when asked for, from the predictions and the confirmed decisions,
rather than stored: an editor who confirms a renewal (or takes a wrong one back) moves
the leaderboard at once, and there is no second copy of the truth to fall out of step.

Three kinds of player, one arithmetic (:mod:`renewcast.forecast.scoring`):

- **each fan**: per season, the prediction live on the decision day (the last one made
  on or before it);
- **the press**: every editor-confirmed prediction the article reader found, dated by its
  article and counted when published on or before the decision day; the hedge word
  becomes a probability by :mod:`renewcast.sources.hedges`;
- **the model**: for every fan or press prediction scored, the model's forecast for the
  same season as of the same day (the day before the decision at the latest, so it never
  knows the answer), scored the same way. It so plays every prediction it is compared
  with on equal terms: same question, same day, same information in the world.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from renewcast.catalog.forecasting import get_forecaster
from renewcast.catalog.models import Claim, ClaimKind, ClaimState, Season, Show
from renewcast.community.models import Fan, FanPrediction
from renewcast.community.predictions import Outcome, counted, outcomes
from renewcast.forecast.scoring import MIN_SCORED, Player, Scored, Standing, month_error, rank
from renewcast.sources.hedges import press_probability

MODEL, PRESS = "model", "press"
MODEL_NAME, PRESS_NAME = "The model", "The press"
SHOWN_PREMIERES = ("forecast", "announced")


@dataclass(frozen=True)
class Entry:
    """One scored prediction, with what it was about."""

    player: str  # "fan:<pk>", "press" or "model"
    show: Show
    number: int
    made_on: date
    outcome: Outcome
    scored: Scored
    month: date | None = None  # the predicted premiere month
    prediction: FanPrediction | None = None
    claim: Claim | None = None
    versus: str = ""  # the model's entries: the player it is compared with


def fan_key(fan_id: int) -> str:
    return f"fan:{fan_id}"


def _months_off(month: date | None, decided: Outcome) -> int | None:
    if month is None or not decided.renewed or decided.premiere is None:
        return None
    return month_error(month, decided.premiere)


def fan_entries(today: date, fan: Fan | None = None) -> list[Entry]:
    rows = FanPrediction.objects.select_related("show", "fan")
    rows = rows.filter(fan=fan) if fan is not None else rows.filter(fan__banned=False)
    groups: dict[tuple[int, int, int], list[FanPrediction]] = defaultdict(list)
    for row in rows:
        groups[(row.fan_id, row.show_id, row.season_number)].append(row)
    decided = outcomes({(show, number) for _, show, number in groups}, today)
    out = []
    for (fan_id, show_id, number), predictions in groups.items():
        result = decided.get((show_id, number))
        chosen = counted(predictions, result.decided_on) if result else None
        if chosen is None:
            continue
        scored = Scored(chosen.probability / 100, result.renewed,
                        _months_off(chosen.premiere_month, result))
        out.append(Entry(fan_key(fan_id), chosen.show, number,
                         timezone.localdate(chosen.created_at), result, scored,
                         chosen.premiere_month, prediction=chosen))
    return out


def _published_on(claim: Claim) -> date:
    moment = claim.source.published_at or claim.source.retrieved_at or claim.created_at
    return timezone.localdate(moment)


def _season_number(claim: Claim) -> int | None:
    number = (claim.value or {}).get("season")
    if isinstance(number, int) and not isinstance(number, bool):
        return number
    return claim.season.number if claim.season_id else None


def _month_of(text) -> date | None:
    """A press premiere guess as a month: "2025-06" or "2025-06-13"; a bare year is None."""
    parts = str(text or "").split("-")
    try:
        return date(int(parts[0]), int(parts[1]), 1) if len(parts) >= 2 else None
    except ValueError:
        return None


def press_entries(today: date) -> list[Entry]:
    claims = list(Claim.objects.filter(kind=ClaimKind.PREDICTION, state=ClaimState.CONFIRMED)
                  .select_related("source", "show", "season"))
    numbered = [(c, _season_number(c)) for c in claims]
    numbered = [(c, n) for c, n in numbered if n is not None and n >= 2]
    decided = outcomes({(c.show_id, n) for c, n in numbered}, today)
    out = []
    for claim, number in numbered:
        result = decided.get((claim.show_id, number))
        made_on = _published_on(claim)
        if result is None or made_on > result.decided_on:
            continue  # not decided yet, or written once the answer was known
        about, value = claim.value.get("about"), claim.value.get("value")
        if about == "renewal" and value in ("renewed", "canceled", "ended"):
            scored = Scored(press_probability(claim.quote, value), result.renewed)
            month = None
        elif about == "premiere":
            month = _month_of(value)
            scored = Scored(months_off=_months_off(month, result))
            if scored.months_off is None:
                continue  # a bare year, or the season is not out yet
        else:
            continue
        out.append(Entry(PRESS, claim.show, number, made_on, result, scored, month,
                         claim=claim))
    return out


# The model's forecasts by (season, day), kept with the forecaster they came from: a new
# forecaster (the data changed) starts afresh, and the old cache goes with the old one.
_guesses: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_guesses_lock = threading.Lock()


def _model_guess(forecaster, season_pk, as_of: date, month: bool) -> tuple:
    with _guesses_lock:
        cache = _guesses.setdefault(forecaster, {})
    key = (season_pk, as_of, month)
    if key not in cache:
        forecast = forecaster.forecast(season_pk, as_of, premiere=month)
        p = forecast.p_renew if forecast.state == "forecast" else None
        window = forecast.premiere
        guess = window.p50 if window is not None and window.state in SHOWN_PREMIERES else None
        cache[key] = (p, guess)
    return cache[key]


def model_entries(compared: list[Entry]) -> list[Entry]:
    """The model's forecast for each compared prediction's season, as of its day."""
    if not compared:
        return []
    forecaster = get_forecaster()
    previous = {(show_id, number): pk for show_id, number, pk in Season.objects.filter(
        show_id__in={e.show.pk for e in compared}).values_list("show_id", "number", "pk")}
    out = []
    for entry in compared:
        season_pk = previous.get((entry.show.pk, entry.number - 1))
        if season_pk is None or season_pk not in forecaster.history:
            continue
        as_of = min(entry.made_on, entry.outcome.decided_on - timedelta(days=1))
        wants_month = entry.scored.months_off is not None
        p, month = _model_guess(forecaster, season_pk, as_of, wants_month)
        if entry.scored.probability is None:
            p = None
        months = _months_off(month, entry.outcome) if wants_month else None
        if p is None and months is None:
            continue
        out.append(Entry(MODEL, entry.show, entry.number, as_of, entry.outcome,
                         Scored(p, entry.outcome.renewed if p is not None else None, months),
                         month if wants_month else None, versus=entry.player))
    return out


@dataclass
class Board:
    ranked: list[Standing]
    waiting: list[Standing]
    players: dict[str, Player]
    entries: list[Entry] = field(default_factory=list)
    minimum: int = MIN_SCORED

    def standing(self, key: str) -> Standing | None:
        return next((s for s in self.ranked + self.waiting if s.player.key == key), None)

    def entries_of(self, key: str) -> list[Entry]:
        return [e for e in self.entries if e.player == key]


def board(today: date, minimum: int | None = None) -> Board:
    """Every player's scored predictions and their places (see the module docstring)."""
    minimum = MIN_SCORED if minimum is None else minimum
    fans = fan_entries(today)
    press = press_entries(today)
    model = model_entries(fans + press)
    players: dict[str, Player] = {
        MODEL: Player(MODEL, MODEL_NAME, "model"),
        PRESS: Player(PRESS, PRESS_NAME, "press"),
    }
    for entry in fans:
        if entry.player not in players:
            fan = entry.prediction.fan
            players[entry.player] = Player(entry.player, str(fan), "fan")
    entries = fans + press + model
    for entry in entries:
        players[entry.player].scored.append(entry.scored)
    ranked, waiting = rank(players.values(), minimum)
    return Board(ranked, waiting, players, entries, minimum)


def player_url(player: Player) -> str | None:
    if player.kind == "fan":
        return reverse("fan", args=[int(player.key.split(":", 1)[1])])
    return None


def fan_record(fan: Fan, today: date) -> dict:
    """A fan's page: every prediction (history included), which ones were scored, and the
    fan's summary and place."""
    scoreboard = board(today)
    key = fan_key(fan.pk)
    mine = {e.prediction.pk: e for e in scoreboard.entries_of(key)}
    rows = list(fan.predictions.select_related("show").order_by("-created_at", "-id"))
    decided = outcomes({(r.show_id, r.season_number) for r in rows}, today)
    standing = scoreboard.standing(key)
    return {
        "rows": [{"prediction": r, "live": r.replaced_at is None, "entry": mine.get(r.pk),
                  "outcome": decided.get((r.show_id, r.season_number))} for r in rows],
        "summary": standing.summary if standing else None,
        "standing": standing,
        "minimum": scoreboard.minimum,
        "model": scoreboard.standing(MODEL),
    }
