"""What alerts: each trigger makes one notice, once; the first look at a show makes none.

Runs :func:`renewcast.alerts.watch.detect` (and the fan-out) against a real test database:
status changes, a newly confirmed official statement, a premiere date announced, the
forecast moving by ``ALERT_FORECAST_POINTS`` or more.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from alert_receivers import decide, follow_by_email, make_show, say

from renewcast.alerts import jobs, watch
from renewcast.alerts.models import Delivery, Notice, ShowWatch
from renewcast.catalog.models import Season

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 3, 1)


@pytest.fixture
def show():
    show = make_show("Partner Track", seasons=1)
    follow_by_email(show, "fan@example.com")
    return show


def kinds(notices) -> list[str]:
    return [n.kind for n in notices]


def test_the_first_look_at_a_show_only_takes_the_baseline(show):
    decide(show, "cancellation", 1, dt.date(2022, 10, 1))
    assert watch.detect(TODAY) == []
    assert ShowWatch.objects.get(show=show).snapshot["status"] == "canceled"
    assert Notice.objects.count() == 0


def test_shows_nobody_follows_are_not_watched():
    quiet = make_show("Nobody Watches")
    assert watch.detect(TODAY) == []
    assert not ShowWatch.objects.filter(show=quiet).exists()


def test_a_status_change_alerts_once(show):
    watch.detect(TODAY)
    event = decide(show, "cancellation", 1, dt.date(2024, 2, 28))
    notices = watch.detect(TODAY)
    assert kinds(notices) == ["status"]
    notice = notices[0]
    assert notice.title == "Partner Track is canceled after season 1"
    assert notice.key == f"status:canceled:{event.pk}"
    assert notice.data["old"] == "awaiting" and notice.data["new"] == "canceled"
    assert notice.data["source_url"] == event.claim.source.url
    assert watch.detect(TODAY) == []
    assert watch.detect(TODAY + dt.timedelta(days=1)) == []
    assert Notice.objects.count() == 1


def test_a_renewal_then_a_cancellation_are_two_alerts(show):
    watch.detect(TODAY)
    decide(show, "renewal", 1, dt.date(2024, 1, 5))
    assert [n.title for n in watch.detect(TODAY)] == ["Partner Track is renewed for season 2"]
    decide(show, "cancellation", 1, dt.date(2024, 2, 5))
    assert [n.title for n in watch.detect(TODAY)] == ["Partner Track is canceled after season 1"]


def test_a_proposed_decision_alerts_nothing_until_confirmed(show):
    watch.detect(TODAY)
    event = decide(show, "renewal", 1, dt.date(2024, 2, 1), state="proposed")
    assert watch.detect(TODAY) == []
    event.claim.state = "confirmed"
    event.claim.save()
    assert kinds(watch.detect(TODAY)) == ["status"]


def test_a_newly_confirmed_official_statement_alerts_once(show):
    say(show, "Old Boss", "Said before anyone followed.")
    watch.detect(TODAY)
    say(show, "Fan Site", "Surely coming back!", tier="fan")
    pending = say(show, "Georgia Lee", "We have so many stories left.", state="proposed")
    assert watch.detect(TODAY) == []
    pending.claim.state = "confirmed"
    pending.claim.save()
    notices = watch.detect(TODAY)
    assert kinds(notices) == ["statement"]
    assert notices[0].title == "Partner Track: official statement from Georgia Lee (showrunner)"
    assert notices[0].data["quote"] == "We have so many stories left."
    assert watch.detect(TODAY) == []


def test_a_premiere_date_announced_alerts_once_and_again_when_it_moves(show):
    watch.detect(TODAY)
    season = Season.objects.create(show=show, number=2, premiere_date=dt.date(2024, 6, 12))
    notices = watch.detect(TODAY)
    assert [n.title for n in notices] == ["Partner Track Season 2 premieres 12 June 2024"]
    assert notices[0].key == "premiere:2:2024-06-12"
    assert watch.detect(TODAY) == []
    season.premiere_date = dt.date(2024, 7, 3)
    season.save()
    moved = watch.detect(TODAY)
    assert [n.data["old"] for n in moved] == ["2024-06-12"]
    assert moved[0].data["new"] == "2024-07-03"


def test_a_past_premiere_date_filled_in_is_not_news(show):
    watch.detect(TODAY)
    Season.objects.filter(show=show, number=1).update(premiere_date=dt.date(2022, 8, 19))
    assert watch.detect(TODAY) == []


def test_a_confirmed_premiere_event_and_the_same_date_alert_once(show):
    watch.detect(TODAY)
    decide(show, "premiere", 2, dt.date(2024, 6, 12))
    Season.objects.filter(show=show, number=2).update(premiere_date=dt.date(2024, 6, 12))
    notices = watch.detect(TODAY)
    assert [n.key for n in notices] == ["premiere:2:2024-06-12"]
    assert watch.detect(TODAY) == []


class FakeForecaster:
    def __init__(self, p: float, state: str = "forecast"):
        self.p, self.state = p, state

    def forecast(self, key, as_of, premiere=True):
        return SimpleNamespace(state=self.state, p_renew=self.p)


def test_the_forecast_moving_15_points_alerts_once(monkeypatch):
    show = make_show("Forecast Show", premiered=dt.date(2023, 11, 1))
    follow_by_email(show, "fan@example.com")
    forecaster = FakeForecaster(0.40)
    monkeypatch.setattr(watch, "get_forecaster", lambda: forecaster)
    assert watch.detect(TODAY) == []
    forecaster.p = 0.50  # 10 points: not enough
    assert watch.detect(TODAY) == []
    forecaster.p = 0.56  # 16 points from the baseline: small moves add up
    notices = watch.detect(TODAY)
    assert [n.title for n in notices] == [
        "Forecast Show season 2: chance of renewal up from 40% to 56%"]
    assert notices[0].data["old"] == 0.40
    assert watch.detect(TODAY) == []
    forecaster.p = 0.45  # 11 points down from the new baseline
    assert watch.detect(TODAY) == []
    forecaster.p = 0.40  # 16 points down
    assert [n.data["new"] for n in watch.detect(TODAY)] == [0.40]


def test_a_decision_resets_the_forecast_baseline_without_a_forecast_alert(monkeypatch):
    show = make_show("Decided Show", premiered=dt.date(2023, 11, 1))
    follow_by_email(show, "fan@example.com")
    forecaster = FakeForecaster(0.30)
    monkeypatch.setattr(watch, "get_forecaster", lambda: forecaster)
    watch.detect(TODAY)
    decide(show, "renewal", 1, dt.date(2024, 2, 1))
    forecaster.p, forecaster.state = 1.0, "renewed"
    assert kinds(watch.detect(TODAY)) == ["status"]


def test_the_real_forecaster_gives_a_baseline():
    from helpers import load_top10

    load_top10()
    season = Season.objects.filter(chart_weeks__isnull=False).select_related("show").first()
    follow_by_email(season.show, "fan@example.com")
    last_week = season.chart_weeks.order_by("-week").first().week
    watch.detect(last_week + dt.timedelta(days=10))
    baseline = ShowWatch.objects.get(show=season.show).snapshot["forecast"]
    assert baseline["state"] in ("forecast", "renewed", "canceled", "ended")
    assert baseline["season"] >= 1


def test_a_failing_forecaster_keeps_the_baseline_and_other_alerts(monkeypatch):
    show = make_show("Broken Forecast", premiered=dt.date(2023, 11, 1))
    follow_by_email(show, "fan@example.com")
    monkeypatch.setattr(watch, "get_forecaster", lambda: FakeForecaster(0.5))
    watch.detect(TODAY)

    def broken():
        raise RuntimeError("model file unreadable")

    monkeypatch.setattr(watch, "get_forecaster", broken)
    decide(show, "cancellation", 1, dt.date(2024, 2, 1))
    assert kinds(watch.detect(TODAY)) == ["status"]
    assert ShowWatch.objects.get(show=show).snapshot["forecast"]["p"] == 0.5


def test_a_new_follower_is_not_told_old_news():
    from renewcast.alerts import following

    show = make_show("Old News")
    first = follow_by_email(show, "first@example.com")
    watch.detect(TODAY)
    following.unsubscribe(first)
    decide(show, "cancellation", 1, dt.date(2023, 5, 1))  # nobody was following
    late = follow_by_email(show, "late@example.com")
    following._first_follow(late)  # what confirming does for a show nobody follows
    assert watch.detect(TODAY) == []
    assert jobs.fan_out() == 0


def test_a_notice_goes_only_to_follows_confirmed_before_it(show):
    watch.detect(TODAY)
    decide(show, "cancellation", 1, dt.date(2024, 2, 28))
    [notice] = watch.detect(TODAY)
    follow_by_email(show, "later@example.com")  # confirmed after the notice was made
    assert jobs.fan_out() == 1
    assert [d.follow.address for d in Delivery.objects.select_related("follow")] == [
        "fan@example.com"]
    assert jobs.fan_out() == 0
    assert Notice.objects.get(pk=notice.pk).fanned_out_at is not None
