"""The published record: each day's chances kept once, scored only by what came after them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from renewcast.catalog.ledger import record, track_record
from renewcast.catalog.models import PublishedForecast, Season, Show
from renewcast.forecast.forecaster import Forecast
from renewcast.forecast.history import ChartWeek as Week
from renewcast.forecast.history import Event as Fact
from renewcast.forecast.history import History, SeasonFacts

DAY = date(2025, 3, 1)


def season(title: str) -> Season:
    show = Show.objects.create(title=title, slug=title.lower(), platform="Netflix",
                               is_original=True, kind="scripted")
    return Season.objects.create(show=show, number=1)


def chance(p: float, state: str = "forecast") -> Forecast:
    return Forecast("x", DAY, state, p_renew=p, model_version="h4-abc")


def facts(row: Season, *events: Fact, premiere: date = date(2025, 1, 3)) -> SeasonFacts:
    chart = tuple(Week(premiere + timedelta(days=2, weeks=i), "TV (English)", 3, 1_000_000,
                       None, None, i + 1) for i in range(3))
    return SeasonFacts(row.pk, row.show.title, 1, kind="scripted", premiere_date=premiere,
                       chart=chart, events=events, original=True)


@pytest.mark.django_db
def test_a_day_is_recorded_once_and_decided_seasons_are_not_recorded():
    a, b, c = season("A"), season("B"), season("C")
    day = [(a.pk, chance(0.7)), (b.pk, chance(0.2)), (c.pk, chance(1.0, "renewed"))]
    assert record(day, DAY) == 2
    assert record(day, DAY) == 0  # the job ran twice: nothing changes
    assert record([(a.pk, chance(0.4))], DAY) == 0  # the first chance of the day stands
    assert PublishedForecast.objects.get(season=a).p_renew == 0.7
    assert record([(a.pk, chance(0.6))], DAY + timedelta(days=1)) == 1
    row = PublishedForecast.objects.get(season=a, published_on=DAY)
    assert (row.model_version, row.low_information) == ("h4-abc", False)


@pytest.mark.django_db
def test_only_chances_published_before_a_fate_became_public_are_scored():
    renewed, quiet, open_, late = season("R"), season("Q"), season("O"), season("L")
    announced = date(2025, 4, 1)
    history = History.of([
        facts(renewed, Fact("renewal", announced)),
        # no renewal a year after its 3 January 2025 premiere: not renewed from 2026-01-03
        facts(quiet),
        facts(open_, premiere=date(2025, 12, 5)),
        facts(late, Fact("cancellation", DAY)),
    ])
    record([(renewed.pk, chance(0.9)), (quiet.pk, chance(0.8)), (open_.pk, chance(0.5)),
            (late.pk, chance(0.3))], DAY)  # late's cancellation was public that day
    record([(renewed.pk, chance(0.6))], DAY + timedelta(days=10))
    record([(renewed.pk, chance(0.1))], announced)  # on the day itself: too late to count
    before_quiet = track_record(history, date(2026, 1, 2))
    assert (before_quiet["recorded"], before_quiet["seasons"]) == (6, 4)
    assert before_quiet["scored"] == 1
    assert before_quiet["scores"]["brier"] == pytest.approx((1 - 0.6) ** 2)
    after = track_record(history, date(2026, 1, 4))
    assert after["scored"] == 2
    assert after["scores"]["brier"] == pytest.approx(((1 - 0.6) ** 2 + 0.8 ** 2) / 2)
    assert after["since"] == DAY.isoformat()


@pytest.mark.django_db
def test_an_empty_record_says_so():
    assert track_record(History.of([]), DAY) == {"since": None, "recorded": 0, "seasons": 0,
                                                 "scored": 0, "scores": None}


@pytest.mark.django_db
def test_the_latest_days_chances_export_as_a_snapshot_the_rescore_reads():
    from renewcast.catalog.ledger import export
    from renewcast.forecast.rescore import rescore

    renewed, open_ = season("R"), season("O")
    history = History.of([facts(renewed, Fact("renewal", date(2025, 4, 1))),
                          facts(open_, premiere=date(2025, 2, 7))])
    assert export(history) == (None, "season,published_on,renewcast,model_version,renewed\n")
    record([(renewed.pk, chance(0.9)), (open_.pk, chance(0.5))], DAY - timedelta(days=1))
    record([(renewed.pk, chance(0.8)), (open_.pk, chance(0.4))], DAY)
    day, text = export(history)
    assert day == DAY
    assert text.splitlines()[1:] == ["O: Season 1,2025-03-01,0.4000,h4-abc,",
                                     "R: Season 1,2025-03-01,0.8000,h4-abc,"]
    later = rescore(text, history, date(2025, 6, 1))
    assert [r["season"] for r in later.rows] == ["R: Season 1"]
    assert later.still_open == ["O: Season 1"]
