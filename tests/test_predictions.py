"""Fans' predictions: making and changing them, the crowd, closing at the decision, scoring
fans, the press and the model once the outcome is confirmed, the leaderboard, and the views
(through Django's test client, CSRF included)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from renewcast.catalog.forecasting import get_forecaster
from renewcast.catalog.models import (
    Claim,
    ClaimKind,
    ClaimState,
    Event,
    EventKind,
    Season,
    Show,
    Source,
)
from renewcast.community import leaderboard, predictions
from renewcast.community.calibration_chart import calibration_svg
from renewcast.community.clients import FAN_COOKIE, FAN_SALT
from renewcast.community.models import Fan, FanPrediction
from renewcast.community.predictions import (
    CLOSED_MESSAGE,
    MONTH_MESSAGE,
    PROBABILITY_MESSAGE,
    clean,
    closed_reason,
    crowd_summary,
    prediction_context,
    save_prediction,
)
from renewcast.forecast.scoring import calibration

pytestmark = pytest.mark.django_db

JAN, FEB, MAR, APR = (dt.date(2024, m, d) for m, d in ((1, 10), (2, 1), (3, 1), (4, 2)))
LATER = dt.date(2026, 1, 1)  # "today" for the scoring tests: every outcome is in


def make_show(slug: str, released: dt.date = dt.date(2024, 1, 5)) -> Show:
    show = Show.objects.create(title=slug.replace("-", " ").title(), slug=slug,
                               platform="Netflix")
    Season.objects.create(show=show, number=1, premiere_date=released)
    return show


def decide(show: Show, kind: str, day: dt.date, after: int = 1,
           state: str = ClaimState.CONFIRMED) -> Event:
    season, _ = Season.objects.get_or_create(show=show, number=after)
    source = Source.objects.create(url=f"https://news.example/{show.slug}/{kind}/{after}/{day}")
    claim = Claim.objects.create(show=show, season=season, kind=ClaimKind.EVENT, source=source,
                                 state=state, quote=f"{show.title}: {kind}")
    return Event.objects.create(show=show, season=season, kind=kind, date=day, claim=claim)


def predict(fan: Fan, show: Show, number: int, probability: int, on: dt.date,
            month: dt.date | None = None) -> FanPrediction:
    """A prediction made on day ``on`` (the row's timestamps are moved to that day)."""
    at = dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC)
    live = FanPrediction.objects.filter(fan=fan, show=show, season_number=number,
                                        replaced_at__isnull=True).first()
    row, _ = save_prediction(fan, show, number, probability, month)
    if live is not None and live.pk != row.pk:
        FanPrediction.objects.filter(pk=live.pk).update(replaced_at=at)
    FanPrediction.objects.filter(pk=row.pk).update(created_at=at)
    row.refresh_from_db()
    return row


def press(show: Show, about: str, value: str, quote: str, published: dt.date, number: int = 2,
          state: str = ClaimState.CONFIRMED) -> Claim:
    source = Source.objects.create(
        url=f"https://press.example/{show.slug}/{about}/{published}/{Claim.objects.count()}",
        published_at=dt.datetime.combine(published, dt.time(9), tzinfo=dt.UTC))
    return Claim.objects.create(show=show, kind=ClaimKind.PREDICTION, source=source,
                                quote=quote, state=state,
                                value={"about": about, "value": value, "season": number})


@pytest.fixture
def fans():
    return Fan.objects.create(name="Ana"), Fan.objects.create(name="Ben")


# ---- making, changing, the crowd ------------------------------------------------------------


def test_a_changed_prediction_keeps_its_history(fans):
    ana, _ = fans
    show = make_show("alpha")
    first, new = save_prediction(ana, show, 2, 60, None)
    assert new
    second, new = save_prediction(ana, show, 2, 75, dt.date(2027, 5, 1))
    assert new and second.pk != first.pk
    first.refresh_from_db()
    assert first.replaced_at is not None and second.replaced_at is None
    again, new = save_prediction(ana, show, 2, 75, dt.date(2027, 5, 1))
    assert not new and again.pk == second.pk  # the same answer twice adds nothing
    assert FanPrediction.objects.filter(fan=ana).count() == 2

    context = prediction_context(ana, show, 2, timezone.localdate())["predict"]
    assert context["open"] and context["closed_message"] is None
    assert context["live"].pk == second.pk and context["probability"] == 75
    assert context["premiere_month"] == "2027-05"
    assert [h.pk for h in context["history"]] == [first.pk]
    assert not context["needs_name"]
    assert prediction_context(None, show, 2, timezone.localdate())["predict"]["needs_name"]


def test_the_crowd_is_the_median_of_live_predictions_of_fans_in_good_standing(fans):
    ana, ben = fans
    show = make_show("alpha")
    assert crowd_summary(show, 2) is None
    cal, dee = Fan.objects.create(name="Cal"), Fan.objects.create(name="Dee", banned=True)
    predict(ana, show, 2, 10, JAN)
    predict(ana, show, 2, 40, FEB, dt.date(2027, 3, 1))  # replaces her 10
    predict(ben, show, 2, 70, FEB, dt.date(2027, 9, 1))
    predict(cal, show, 2, 90, FEB, dt.date(2027, 5, 1))
    predict(dee, show, 2, 1, FEB, dt.date(2026, 1, 1))  # banned: left out
    crowd = crowd_summary(show, 2)
    assert crowd["count"] == 3
    assert crowd["median"] == 70.0  # of 40, 70, 90
    assert crowd["month_median"] == dt.date(2027, 5, 1) and crowd["month_count"] == 3
    predict(dee, show, 2, 99, FEB)
    Fan.objects.filter(pk=dee.pk).update(banned=False)
    # Four: the mean of the middle two (70 and 90); months: the earlier middle one.
    crowd = crowd_summary(show, 2)
    assert (crowd["count"], crowd["median"]) == (4, 80.0)
    assert crowd["month_median"] == dt.date(2027, 5, 1)


@pytest.mark.parametrize(("posted", "field", "message"), [
    ({"probability": "0"}, "probability", PROBABILITY_MESSAGE),
    ({"probability": "100"}, "probability", PROBABILITY_MESSAGE),
    ({"probability": "55.5"}, "probability", PROBABILITY_MESSAGE),
    ({"probability": "lots"}, "probability", PROBABILITY_MESSAGE),
    ({"probability": ""}, "probability", PROBABILITY_MESSAGE),
    ({"probability": "50", "premiere_month": "May 2027"}, "premiere_month", MONTH_MESSAGE),
    ({"probability": "50", "premiere_month": "2027-13"}, "premiere_month", MONTH_MESSAGE),
    ({"probability": "50", "premiere_month": "0000-01"}, "premiere_month", MONTH_MESSAGE),
    ({"probability": "50", "premiere_month": "2026-10"}, "premiere_month",
     "That month has passed: pick 2026-11 or a later month."),
    ({"probability": "50", "premiere_month": "2045-01"}, "premiere_month",
     "Pick a month within the next 10 years."),
])
def test_validation_messages(posted, field, message):
    values, errors = clean({"name": "Ana", **posted}, False, dt.date(2026, 11, 21))
    assert errors == {field: [message]}


def test_valid_values_and_the_name_rule():
    today = dt.date(2026, 11, 21)
    values, errors = clean({"probability": " 70% ", "premiere_month": "2026-11"}, True, today)
    assert errors == {}
    assert values["probability"] == 70 and values["premiere_month"] == dt.date(2026, 11, 1)
    _, errors = clean({"probability": "70"}, False, today)
    assert errors == {"name": ["Please enter your name here"]}
    _, errors = clean({"probability": "70", "name": "x" * 81}, False, today)
    assert errors == {"name": ["Please keep your name under 80 characters."]}


def test_predictions_close_when_the_decision_is_confirmed():
    show = make_show("alpha")
    today = timezone.localdate()
    assert closed_reason(show, 2, today) is None
    assert closed_reason(show, 1, today) == \
        "Predictions are about the season after one that is out."
    assert closed_reason(show, 3, today) == "Predictions for season 3 open once season 2 is out."
    decide(show, EventKind.RENEWAL, today, state=ClaimState.PROPOSED)
    assert closed_reason(show, 2, today) is None  # an editor has not confirmed it
    decide(show, EventKind.CANCELLATION, today)
    assert closed_reason(show, 2, today) == CLOSED_MESSAGE.format(number=2)
    assert CLOSED_MESSAGE.format(number=2) == \
        "The decision is in: predictions for season 2 are closed."
    assert not prediction_context(None, show, 2, today)["predict"]["open"]


# ---- outcomes and scores --------------------------------------------------------------------


def test_fans_are_scored_on_the_prediction_live_on_the_decision_day(fans):
    ana, ben = fans
    renewed, canceled = make_show("renewed-show"), make_show("canceled-show")
    predict(ana, renewed, 2, 60, JAN)
    predict(ana, renewed, 2, 80, FEB, dt.date(2025, 3, 1))  # counts: live on 1 March
    predict(ana, renewed, 2, 5, APR)                          # after the decision: ignored
    predict(ben, renewed, 2, 30, MAR)                         # on the day itself: counts
    predict(ana, canceled, 2, 80, JAN)
    predict(ben, canceled, 2, 45, APR)                        # only after: not scored
    decide(renewed, EventKind.RENEWAL, MAR)
    decide(canceled, EventKind.CANCELLATION, MAR)
    Season.objects.create(show=renewed, number=2, premiere_date=dt.date(2025, 5, 16))

    entries = {(e.player, e.show.slug): e for e in leaderboard.fan_entries(LATER)}
    assert set(entries) == {(f"fan:{ana.pk}", "renewed-show"), (f"fan:{ben.pk}", "renewed-show"),
                            (f"fan:{ana.pk}", "canceled-show")}
    ana_renewed = entries[(f"fan:{ana.pk}", "renewed-show")]
    assert ana_renewed.scored.probability == 0.8
    assert ana_renewed.scored.brier == pytest.approx(0.04)   # (0.8 - 1)^2
    assert ana_renewed.scored.months_off == 2                # March for a May premiere
    assert entries[(f"fan:{ben.pk}", "renewed-show")].scored.brier == pytest.approx(0.49)
    assert entries[(f"fan:{ana.pk}", "canceled-show")].scored.brier == pytest.approx(0.64)
    assert entries[(f"fan:{ana.pk}", "canceled-show")].scored.months_off is None

    # Before the premiere only the Brier part is scored; before the decision, nothing.
    early = {e.show.slug: e for e in leaderboard.fan_entries(dt.date(2025, 1, 1))
             if e.player == f"fan:{ana.pk}"}
    assert early["renewed-show"].scored.months_off is None
    assert leaderboard.fan_entries(dt.date(2024, 2, 28)) == []

    record = leaderboard.fan_record(ana, LATER)
    assert record["summary"].n == 2
    assert record["summary"].mean_brier == pytest.approx((0.04 + 0.64) / 2)
    counted = [r["prediction"].probability for r in record["rows"] if r["entry"]]
    assert sorted(counted) == [80, 80]

    context = prediction_context(ana, renewed, 2, LATER)["predict"]
    assert not context["open"]
    assert context["outcome"].renewed == 1
    assert context["score"]["brier"] == pytest.approx(0.04)


def test_a_later_cancellation_does_not_undo_the_season_that_came_before_it(fans):
    ana, _ = fans
    show = make_show("long-runner")
    predict(ana, show, 2, 90, JAN)
    decide(show, EventKind.RENEWAL, FEB)                       # season 2 ordered
    Season.objects.create(show=show, number=2, premiere_date=dt.date(2024, 9, 6))
    decide(show, EventKind.CANCELLATION, dt.date(2024, 12, 1), after=2)  # no season 3
    (entry,) = leaderboard.fan_entries(LATER)
    assert entry.outcome.renewed == 1 and entry.outcome.decided_on == FEB
    assert entry.scored.brier == pytest.approx(0.01)


def test_endings_and_where_the_premiere_comes_from():
    ended, final, charted = make_show("ended"), make_show("final"), make_show("charted")
    decide(ended, EventKind.ENDING, FEB)                  # season 1 was the last
    decide(final, EventKind.ENDING, FEB, after=2)         # season 2 will be the last
    decide(charted, EventKind.RENEWAL, FEB)
    assert (predictions.outcome(ended, 2, LATER).renewed,
            predictions.outcome(ended, 2, LATER).word) == (0, "ended")
    assert predictions.outcome(final, 2, LATER).renewed == 1
    assert predictions.outcome(final, 2, LATER).premiere is None  # not out yet

    # The premiere: the Friday before the first Top 10 week, unless an editor confirmed a
    # premiere event, unless the season has a premiere date.
    season_2 = Season.objects.create(show=charted, number=2)
    source = Source.objects.create(url="https://top10.example/")
    for week in (dt.date(2024, 10, 13), dt.date(2024, 10, 6)):
        season_2.chart_weeks.create(week=week, list="TV (English)", rank=2, hours=10**6,
                                    weeks_on_list=1, source=source)
    assert predictions.outcome(charted, 2, LATER).premiere == dt.date(2024, 10, 4)
    event = decide(charted, EventKind.PREMIERE, dt.date(2024, 10, 3), after=2)
    assert predictions.outcome(charted, 2, LATER).premiere == dt.date(2024, 10, 3)
    Season.objects.filter(pk=season_2.pk).update(premiere_date=dt.date(2024, 10, 2))
    assert predictions.outcome(charted, 2, LATER).premiere == dt.date(2024, 10, 2)
    assert predictions.outcome(charted, 2, dt.date(2024, 10, 1)).premiere is None
    assert event.claim.state == ClaimState.CONFIRMED


def test_the_press_is_scored_the_same_way():
    renewed, canceled = make_show("renewed-show"), make_show("canceled-show")
    decide(renewed, EventKind.RENEWAL, MAR)
    decide(canceled, EventKind.CANCELLATION, MAR)
    Season.objects.create(show=renewed, number=2, premiere_date=dt.date(2025, 5, 16))
    press(renewed, "renewal", "renewed", "It is likely headed for a renewal.", JAN)
    press(canceled, "renewal", "canceled", "A second season seems unlikely.", FEB)
    press(renewed, "premiere", "2025-06", "Expect it back around June 2025.", FEB)
    press(renewed, "premiere", "2025", "It could return in 2025.", FEB)       # a year: skipped
    press(canceled, "renewal", "renewed", "It will probably return.", APR)    # after: skipped
    press(canceled, "renewal", "renewed", "It will probably return.", JAN,
          state=ClaimState.PROPOSED)                                          # unconfirmed
    entries = leaderboard.press_entries(LATER)
    scores = {(e.show.slug, e.scored.probability, e.scored.months_off) for e in entries}
    assert len(entries) == 3
    assert scores == {("canceled-show", 0.2, None), ("renewed-show", None, 1),
                      ("renewed-show", 0.7, None)}
    briers = sorted(e.scored.brier for e in entries if e.scored.brier is not None)
    assert briers == [pytest.approx(0.04), pytest.approx(0.09)]  # (0.2-0)^2, (0.7-1)^2


def test_the_model_plays_each_prediction_on_its_day_without_seeing_the_answer(fans):
    ana, ben = fans
    show = make_show("alpha")
    other = make_show("beta")
    # Something for the model to learn from: one renewal and one cancellation.
    decide(other, EventKind.RENEWAL, dt.date(2023, 6, 1))
    decide(make_show("gamma"), EventKind.CANCELLATION, dt.date(2023, 7, 1))
    predict(ana, show, 2, 70, JAN)
    predict(ben, show, 2, 40, MAR)  # made on the decision day
    decide(show, EventKind.CANCELLATION, MAR)
    season_1 = show.seasons.get(number=1)
    forecaster = get_forecaster()
    fans_entries = leaderboard.fan_entries(LATER)
    model = leaderboard.model_entries(fans_entries)
    assert len(model) == 2
    by_versus = {e.versus: e for e in model}
    jan = by_versus[f"fan:{ana.pk}"]
    assert jan.made_on == JAN
    assert jan.scored.probability == pytest.approx(forecaster.forecast(season_1.pk, JAN).p_renew)
    # The decision-day prediction is met by the model's forecast of the day before: on the
    # day itself the model already knows (p = 0), which would not be a fair game.
    day_before = MAR - dt.timedelta(days=1)
    assert by_versus[f"fan:{ben.pk}"].made_on == day_before
    assert forecaster.forecast(season_1.pk, MAR).state == "canceled"
    expected = forecaster.forecast(season_1.pk, day_before).p_renew
    assert 0 < expected < 1
    assert by_versus[f"fan:{ben.pk}"].scored.probability == pytest.approx(expected)
    assert by_versus[f"fan:{ben.pk}"].scored.brier == pytest.approx(expected ** 2)


def test_the_leaderboard_ranks_players_with_enough_scored_predictions(fans):
    ana, ben = fans
    shows = [make_show(f"show-{i}") for i in range(3)]
    for i, show in enumerate(shows):
        predict(ana, show, 2, 90, JAN)
        if i < 2:
            predict(ben, show, 2, 50, JAN)
        decide(show, EventKind.RENEWAL, MAR)
    press(shows[0], "renewal", "renewed", "A renewal is likely.", FEB)
    scoreboard = leaderboard.board(LATER, minimum=3)
    ranked = [(s.player.key, s.rank) for s in scoreboard.ranked]
    assert ranked[0] == (f"fan:{ana.pk}", 1)  # 0.01 each time
    assert scoreboard.standing(f"fan:{ana.pk}").summary.mean_brier == pytest.approx(0.01)
    assert f"fan:{ben.pk}" not in dict(ranked)  # two scored: below the minimum
    assert scoreboard.standing(f"fan:{ben.pk}").rank is None
    model = scoreboard.standing(leaderboard.MODEL)
    assert model.summary.n == 6  # one forecast for each of the six scored fan predictions...
    assert scoreboard.standing(leaderboard.PRESS).summary.n == 1
    assert scoreboard.players[leaderboard.MODEL].kind == "model"
    loose = leaderboard.board(LATER, minimum=2)
    assert f"fan:{ben.pk}" in {s.player.key for s in loose.ranked}


# ---- the views ------------------------------------------------------------------------------


def url(show: Show, number: int = 2) -> str:
    return reverse("predict", args=[show.slug, number])


def test_a_new_fan_predicts_without_javascript(client):
    show = make_show("alpha")
    response = client.post(url(show), {"probability": "65", "premiere_month": ""})
    assert response.status_code == 400
    assert "Please enter your name here" in response.content.decode()
    assert not Fan.objects.exists()  # a refused form makes no fan

    response = client.post(url(show), {"name": "Ana", "probability": "65",
                                       "premiere_month": "2030-04"})
    assert response.status_code == 303
    assert response["Location"] == reverse("discuss", args=["alpha", 2]) + "#predict"
    assert FAN_COOKIE in response.cookies
    (row,) = FanPrediction.objects.all()
    assert (row.fan.name, row.probability, row.premiere_month) == ("Ana", 65,
                                                                   dt.date(2030, 4, 1))
    # Known by the cookie now: no name needed to change it.
    response = client.post(url(show), {"probability": "30"})
    assert response.status_code == 303
    assert FanPrediction.objects.filter(replaced_at__isnull=True).get().probability == 30
    assert FanPrediction.objects.count() == 2


def test_the_form_answers_json_for_the_script(client):
    show = make_show("alpha")
    headers = {"HTTP_ACCEPT": "application/json"}
    response = client.post(url(show), {"name": "Ana", "probability": "120"}, **headers)
    assert response.status_code == 400
    assert response.json()["errors"] == {"probability": [PROBABILITY_MESSAGE]}
    response = client.post(url(show), {"name": "Ana", "probability": "72",
                                       "premiere_month": "2030-04"}, **headers)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["prediction"]["probability"] == 72
    assert body["prediction"]["premiere_month"] == "2030-04"
    assert body["crowd"] == {"median": 72.0, "count": 1, "month_median": "2030-04",
                             "month_count": 1}
    decide(show, EventKind.RENEWAL, timezone.localdate())
    response = client.post(url(show), {"probability": "90"}, **headers)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "__all__": ["The decision is in: predictions for season 2 are closed."]}
    assert FanPrediction.objects.count() == 1


def test_a_banned_fan_cannot_predict(client):
    show = make_show("alpha")
    fan = Fan.objects.create(name="Troll", banned=True)
    client.cookies[FAN_COOKIE] = _signed(fan)
    response = client.post(url(show), {"probability": "50"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert not FanPrediction.objects.exists()


def _signed(fan: Fan) -> str:
    from django.core import signing

    return signing.get_cookie_signer(salt=FAN_COOKIE + FAN_SALT).sign(str(fan.pk))


def test_predicting_needs_the_csrf_token():
    show = make_show("alpha")
    client = Client(enforce_csrf_checks=True)
    response = client.post(url(show), {"name": "Ana", "probability": "50"})
    assert response.status_code == 403
    assert not FanPrediction.objects.exists()
    token = "k" * 32
    client.cookies["csrftoken"] = token
    response = client.post(url(show), {"name": "Ana", "probability": "50",
                                       "csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert FanPrediction.objects.count() == 1


def test_the_refused_page_keeps_hostile_input_escaped(client):
    show = make_show("alpha")
    response = client.post(url(show), {"name": "<b>x</b>", "probability": "50",
                                       "premiere_month": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and 'type="range"' in html


def test_leaderboard_and_fan_pages(client, fans, monkeypatch):
    ana, ben = fans
    Fan.objects.filter(pk=ben.pk).update(name="<script>alert('fan')</script>")
    show = make_show("alpha")
    predict(ana, show, 2, 80, JAN, dt.date(2024, 9, 1))
    predict(ana, show, 2, 90, FEB)
    predict(ben, show, 2, 20, JAN)
    decide(show, EventKind.RENEWAL, MAR)
    press(show, "renewal", "renewed", "It is likely headed for a renewal.", JAN)
    monkeypatch.setattr(leaderboard, "MIN_SCORED", 1)

    html = client.get(reverse("leaderboard")).content.decode()
    assert f'href="{reverse("fan", args=[ana.pk])}">Ana</a>' in html
    assert "The press" in html and "The model" in html
    assert "<script>alert('fan')" not in html and "&lt;script&gt;" in html
    assert html.index(">Ana</a>") < html.index("&lt;script&gt;")  # 0.01 before 0.64
    assert "<svg" in html  # the model's and the press's calibration

    response = client.get(reverse("fan", args=[ana.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Rank <strong>1</strong>" in page
    assert "0.010" in page  # (0.9 - 1)^2
    assert page.count("<tr>") >= 3  # two predictions (one kept as history) and a bin
    assert '<svg aria-hidden="true"' in page
    assert "not counted" in page  # her replaced 80%

    assert client.get(reverse("fan", args=[ben.pk])).status_code == 200
    Fan.objects.filter(pk=ben.pk).update(banned=True)
    assert client.get(reverse("fan", args=[ben.pk])).status_code == 404


def test_the_season_page_shows_the_crowd_beside_the_model(client, fans):
    ana, ben = fans
    show = make_show("alpha")
    page = client.get("/shows/alpha/season-2/").content.decode()
    assert "No fan predictions yet" in page
    predict(ana, show, 2, 30, timezone.localdate())
    predict(ben, show, 2, 50, timezone.localdate())
    page = client.get("/shows/alpha/season-2/").content.decode()
    forecast = page[page.index('<section class="forecast"'):]
    forecast = forecast[:forecast.index("</section>")]
    assert "chance of renewal" in forecast
    assert "40%</strong>\n    the fans' median, from 2 predictions" in forecast


def test_the_calibration_chart_is_inline_svg_or_nothing():
    assert calibration_svg(calibration([])) == ""
    svg = calibration_svg(calibration([(0.7, 1), (0.72, 0), (0.2, 0)]))
    assert svg.startswith('<svg aria-hidden="true" focusable="false"')
    assert "share renewed" in svg and json.dumps(svg)  # text kept as text, not paths


def test_one_address_is_one_voice_and_predicting_is_rate_limited(client, settings):
    """A script that drops its cookie makes a new fan each time: it is slowed down, and
    however many fans it makes, the crowd's median counts its address once."""
    settings.COMMENT_RATE = "3/60"
    show = make_show("alpha")
    headers = {"HTTP_ACCEPT": "application/json", "REMOTE_ADDR": "203.0.113.9"}
    for n in range(3):
        client.cookies.clear()
        response = client.post(url(show), {"name": f"Sock {n}", "probability": "99"}, **headers)
        assert response.status_code == 200
    client.cookies.clear()
    response = client.post(url(show), {"name": "Sock 3", "probability": "99"}, **headers)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "predicting quickly" in response.json()["errors"]["__all__"][0]
    assert FanPrediction.objects.count() == 3

    other = {"HTTP_ACCEPT": "application/json", "REMOTE_ADDR": "198.51.100.4"}
    client.cookies.clear()
    assert client.post(url(show), {"name": "Real fan", "probability": "20"},
                       **other).status_code == 200
    crowd = crowd_summary(show, 2)
    assert crowd["count"] == 2  # three sock puppets and one fan: two addresses
    assert crowd["median"] == 59.5


def test_a_prediction_past_the_season_pages_is_a_404(client):
    show = make_show("alpha")
    response = client.post(url(show, 40), {"name": "Ana", "probability": "50"})
    assert response.status_code == 404
    assert not FanPrediction.objects.exists()
