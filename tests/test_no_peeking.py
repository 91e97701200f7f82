"""No peeking: a forecast as of D depends only on what was public on D.

The bundled data is loaded into the test database; forecasts as of a few dates are
computed; then every chart week and event after D is removed from the database and the
forecasts are computed again from a fresh history. They must be the same, to the digit.
The model behind a forecast as of D must be fitted only on decisions public before D.
"""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.db import transaction

from renewcast.bootstrap import load_bundled
from renewcast.catalog.history import load_history
from renewcast.catalog.models import ChartWeek, EngagementFigure, Event, Season
from renewcast.catalog.signals import bulk_writes
from renewcast.forecast.forecaster import Forecaster
from renewcast.forecast.history import CHART_DELAY, FIRST_CHART_WEEK, History, SeasonFacts
from renewcast.forecast.history import ChartWeek as Week
from renewcast.forecast.history import Event as Fact

DAY = timedelta(days=1)
PREMIERE_WEEKEND = date(2022, 8, 29)  # Partner Track is out; its first chart is not (8-30)
EARLY = date(2021, 10, 26)  # few decisions yet: many forecasts use base rates
DATES = (date(2022, 9, 20), date(2023, 6, 1), date(2024, 3, 15))
# The engagement report stage first has seasons to learn from in January 2026
LATE = date(2026, 2, 1)

SEASONS = (
    ("Partner Track", 1),  # canceled 2022-11-08
    ("Sex/Life", 1),  # renewed in September 2021 (month precision)
    ("Sex/Life", 2),  # canceled 2023-04-07
    ("Kleo", 1),  # non-English; renewed in September 2022 (public at the end of it)
    ("The Imperfects", 1),  # canceled
    ("Fate: The Winx Saga", 2),  # first chart week 2022-09-18: published on 2022-09-20
    ("Cobra Kai", 5),  # renewed 2023-01-20
    ("Uncoupled", 1),  # canceled
    ("The Sandman", 1),  # renewed
    ("Virgin River", 4),  # renewed
    ("Extraordinary Attorney Woo", 1),  # never decided
    ("Man Vs Bee", 1),  # never decided
    ("Wednesday", 1),  # renewed
    ("Bling Empire", 3),  # canceled
    ("Shadow and Bone", 2),  # canceled
    ("Wellmania", 1),  # canceled
    ("BEEF", 1),  # renewed
    ("Survival of the Thickest", 1),  # renewed
    ("Everything Now", 1),  # canceled
    ("The Brothers Sun", 1),  # canceled
    ("The Gentlemen", 1),  # renewed
    ("3 Body Problem", 1),  # renewed; debuted after the last date
    ("Supacell", 1),  # renewed; debuted after the last date
    ("The Upshaws", 2),  # never charted; renewed
    ("Mo", 1),  # never charted; renewed
    ("Break Point", 2),  # never charted; canceled
)


def remove_after(day: date) -> None:
    """Delete every chart week published after ``day``, every event dated after it and
    every engagement report figure published after it."""
    with bulk_writes():
        ChartWeek.objects.filter(week__gt=day - CHART_DELAY).delete()
        Event.objects.filter(date__gt=day).delete()
        EngagementFigure.objects.filter(source__published_at__date__gt=day).delete()


def season_keys() -> dict[tuple[str, int], int]:
    keys = {}
    for title, number in SEASONS:
        keys[title, number] = Season.objects.get(show__title=title, number=number).pk
    return keys


def forecasts(forecaster: Forecaster, keys: dict, as_of: date) -> dict:
    return {name: forecaster.forecast(key, as_of).to_dict() for name, key in keys.items()}


@pytest.fixture(scope="module")
def compared(django_db_setup, django_db_blocker):
    """Per date: the full history, and forecasts before and after removing the future.

    Runs in one transaction that is rolled back, so the test database stays empty.
    """
    dates = sorted((*DATES, PREMIERE_WEEKEND, EARLY, LATE), reverse=True)
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled(say=lambda _: None)
        keys = season_keys()
        full = load_history()
        everything = Forecaster(full)
        before = {d: forecasts(everything, keys, d) for d in dates}
        every = {d: public_seasons(full, d) for d in (*DATES, EARLY)}
        every[LATE] = {s.key: s.key for s in full if s.engagement}
        every_before = {d: forecasts(everything, every[d], d) for d in every}
        after, every_after = {}, {}
        for d in dates:  # latest first: each removal also removes what the next one would
            remove_after(d)
            fresh = Forecaster(load_history())
            after[d] = forecasts(fresh, keys, d)
            if d in every:
                every_after[d] = forecasts(fresh, every[d], d)
        transaction.set_rollback(True)
    return {"full": full, "keys": keys, "before": before, "after": after,
            "every": (every_before, every_after)}


def public_seasons(history: History, as_of: date) -> dict:
    """Every season whose first chart week was published by ``as_of``, or that never charted."""
    return {s.key: s.key for s in history if s.chart_public(as_of) or not s.chart}


def on_chart_by(season: SeasonFacts, as_of: date) -> bool:
    return bool(season.chart_public(as_of))


def released(compared, as_of: date) -> list[tuple[str, int]]:
    """Seasons whose first chart week was published by ``as_of``, or that never charted."""
    full, keys = compared["full"], compared["keys"]
    return [name for name, key in keys.items()
            if on_chart_by(full[key], as_of) or not full[key].chart]


def differences(compared, as_of: date, names) -> dict:
    before, after = compared["before"][as_of], compared["after"][as_of]
    return {
        name: {k: (before[name][k], after[name][k])
               for k in before[name] if before[name][k] != after[name][k]}
        for name in names if before[name] != after[name]
    }


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_forecasts_are_identical_with_the_future_removed(compared, as_of):
    names = released(compared, as_of)
    states = {compared["before"][as_of][n]["state"] for n in names}
    assert len(names) >= 10 and ("Partner Track", 1) in names and ("The Upshaws", 2) in names
    assert {"forecast", "renewed"} <= states  # both kinds of answer are compared
    assert differences(compared, as_of, names) == {}


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_every_released_season_is_identical_with_the_future_removed(compared, as_of):
    before, after = (side[as_of] for side in compared["every"])
    assert len(before) > 300
    changed = sorted(before[k]["season"] for k in before if before[k] != after[k])
    assert changed == [], f"forecasts as of {as_of} that changed: {changed}"


def test_engagement_reports_count_only_from_the_day_they_came_out(compared):
    # As of 2024-03-15 only the 2023 H1 report was out: seasons it covers show it (not
    # weighed yet), and removing the four later reports changes no forecast.
    shown = [f for f in compared["every"][0][DATES[2]].values()
             if any("engagement report for January–June 2023" in n for n in f["notes"])]
    assert len(shown) >= 10
    assert not any("engagement report for July" in n
                   for f in compared["every"][0][DATES[2]].values() for n in f["notes"])
    # As of LATE the report stage moves forecasts; the fates it learns from are those
    # public by then (removing every later event and chart week changes nothing).
    before, after = (side[LATE] for side in compared["every"])
    weighed = [f for f in before.values()
               if any("engagement report" in n and "becomes" in n for n in f["notes"])]
    assert len(weighed) >= 20
    changed = sorted(before[k]["season"] for k in before if before[k] != after[k])
    assert changed == [], f"forecasts as of {LATE} that changed: {changed}"


def test_base_rates_do_not_peek_at_the_chart_of_decided_seasons(compared):
    # In late 2021 few decisions were public, so many forecasts are base rates by season
    # number and list. The Witcher season 1 (renewed 2021-09-25) and Cobra Kai season 3
    # (renewed 2021-08-27) were decided then, but first charted months later.
    before, after = (side[EARLY] for side in compared["every"])
    assert len(before) > 100
    assert sum(f["low_information"] for f in before.values() if f["state"] == "forecast") > 50
    changed = sorted(before[k]["season"] for k in before if before[k] != after[k])
    assert changed == [], (
        f"{len(changed)} of {len(before)} forecasts as of {EARLY} change when later chart weeks "
        "are removed: priors.base_rate_prior groups the decided seasons by SeasonFacts.list, "
        "the list of their first chart week, even when that week was published after as_of "
        f"(e.g. The Witcher season 1). Changed: {changed}"
    )


def test_partner_track_on_the_first_date_is_a_real_forecast(compared):
    forecast = compared["before"][DATES[0]]["Partner Track", 1]
    assert forecast["state"] == "forecast" and 0 < forecast["p_renew"] < 1
    assert forecast["chart_weeks_used"] == 4 and not forecast["low_information"]
    upshaws = compared["before"][DATES[0]]["The Upshaws", 2]
    assert upshaws["state"] == "forecast" and upshaws["low_information"]
    assert upshaws["chart_weeks_used"] == 0


def test_seasons_not_yet_on_the_chart_do_not_peek(compared):
    # Partner Track premiered on Friday 2022-08-26; its first chart came out on 2022-08-30.
    # As of the Monday between, and for seasons that debut after each date, nothing about
    # the season's chart was public, so removing its later chart weeks must not matter.
    full, keys = compared["full"], compared["keys"]
    found, compared_count = {}, 0
    for as_of in (PREMIERE_WEEKEND, *DATES):
        names = [n for n, k in keys.items() if full[k].chart and not on_chart_by(full[k], as_of)]
        assert names, f"{as_of}: no season whose first chart week was not yet public"
        if as_of == PREMIERE_WEEKEND:
            assert ("Partner Track", 1) in names
        compared_count += len(names)
        for (title, number), diff in differences(compared, as_of, names).items():
            found[f"{title} {number} as of {as_of}"] = sorted(diff)
    assert found == {}, (
        f"{len(found)} of {compared_count} forecasts of seasons with no chart week published "
        "yet change when the later chart weeks are removed: the base-rate prior groups a "
        "season by the list of its first (future) chart week, and the decision timing picks "
        "that list's seasons to compare with (SeasonFacts.list is read regardless of as_of "
        f"in priors.base_rate_prior and timing.decision_timing). Changed fields: {found}"
    )


# --- what the model is fitted on ----------------------------------------------------------

def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def first_decisions(before: date) -> dict[int, tuple[str, date]]:
    """Each season's fate from announcements (what the decisions cover, see
    forecast.coverage), with the day it became public; fates proven only by a later season
    in Netflix's files are not announcements."""
    first: dict[int, tuple[str, date]] = {}
    for season in load_history():
        decision = season.decision(before - timedelta(days=1))
        if decision is not None and not decision.proven:
            kind = {"renewed": "renewal", "canceled": "cancellation"}.get(decision.outcome,
                                                                          "ending")
            first[season.key] = (kind, decision.public_on)
    return first


def expected_training_size(as_of: date, horizon: int) -> tuple[int, int]:
    """(seasons the model may learn from, all renewals and cancellations public before D),
    counted from the database with the rules of docs/forecasting.md ("The labels it learns
    from"): a season needs a debut on a published chart with its first ``horizon`` weeks
    out by D. A renewable Netflix original counts once its premiere is a year old by the
    day before D, unless announced as ending: on its announced fate, or (for a premiere
    the chart saw, not a re-run) on the next season's appearance or silence. Any other
    season counts on an announced decision."""
    announced = {sid: kind for sid, (kind, public) in first_decisions(as_of).items()
                 if public < as_of}
    day = as_of - timedelta(days=1)
    usable = 0
    for season in Season.objects.select_related("show"):
        first = ChartWeek.objects.filter(season_id=season.pk).order_by("week").first()
        # seasons on Netflix's first published chart have no known debut
        if not (first and first.weeks_on_list == 1 and first.week > FIRST_CHART_WEEK and (
                first.week + timedelta(weeks=horizon - 1) + CHART_DELAY <= as_of)):
            continue
        show = season.show
        renewable = (show.is_original is True and show.platform in ("", "Netflix")
                     and show.kind not in ("standup", "live", "ambient")
                     and not (show.is_limited and season.number == 1))
        kind = announced.get(season.pk)
        if renewable:
            premiere = season.premiere_date if (
                season.premiere_date and season.premiere_date <= min(first.week, day)) else (
                first.week - timedelta(days=6))
            if premiere + timedelta(days=365) > day or kind == "ending":
                continue
            # no announcement: Netflix's files or silence, for a debut the chart saw
            usable += kind is not None or premiere >= first.week - timedelta(days=14)
        else:
            usable += kind in ("renewal", "cancellation")
    decided = sum(kind != "ending" for kind in announced.values())
    return usable, decided


def key_of(title: str, number: int) -> int:
    return Season.objects.get(show__title=title, number=number).pk


def remove_decision(title: str, number: int) -> None:
    deleted, _ = Event.objects.filter(
        season__show__title=title, season__number=number,
        kind__in=("renewal", "cancellation")).delete()
    assert deleted == 1, (title, number)


@pytest.mark.django_db
def test_model_is_fitted_only_on_decisions_public_before_the_date():
    load_bundled(say=lambda _: None)
    as_of = DATES[0]
    partner = key_of("Partner Track", 1)
    forecaster = Forecaster(load_history())
    forecast = forecaster.forecast(partner, as_of)
    horizon = forecast.features.horizon
    model = forecaster.fit(as_of, horizon).model
    usable, decided = expected_training_size(as_of, horizon)
    assert forecast.trained_on == model.n_train == usable
    assert 20 <= usable < decided  # never-charted seasons only count in base rates
    baseline = forecast.to_dict()

    # Decisions announced after D: Partner Track's own, Cobra Kai's renewal, and Kleo's,
    # dated September 2022 (before D) but only public at the end of the month.
    for title, number in (("Partner Track", 1), ("Cobra Kai", 5), ("Kleo", 1)):
        remove_decision(title, number)
    flipped = Event.objects.filter(season__show__title="Wednesday", season__number=1).latest(
        "date")  # its season 3 order, of July 2025
    flipped.kind = "cancellation"
    flipped.save()
    again = Forecaster(load_history())
    assert again.forecast(partner, as_of).to_dict() == baseline
    assert again.fit(as_of, horizon).model.fingerprint == model.fingerprint

    # A decision announced before D is training data: without Young Royals season 1's
    # renewal (2021-09-22; season 2 came out after D), its year-old premiere with no news
    # labels it "not renewed" instead, and the forecast changes.
    remove_decision("Young Royals", 1)
    relabeled = Forecaster(load_history())
    changed = relabeled.forecast(partner, as_of)
    assert changed.trained_on == forecast.trained_on
    assert relabeled.fit(as_of, horizon).model.fingerprint != model.fingerprint
    assert changed.to_dict() != baseline


@pytest.mark.django_db
def test_a_decision_public_on_the_date_is_not_training_data_until_the_next_day():
    load_bundled(say=lambda _: None)
    partner = key_of("Partner Track", 1)
    announced = date(2022, 11, 8)  # Partner Track's cancellation
    forecaster = Forecaster(load_history())
    assert forecaster.forecast(partner, announced - DAY).state == "forecast"
    decided = forecaster.forecast(partner, announced)
    assert (decided.state, decided.p_renew, decided.verdict) == ("canceled", 0.0, "canceled")

    # Bloodhounds season 1 (premiered 2023-06-09) was renewed on 2025-01-16, more than a
    # year on: until then it was a quiet non-renewal, from the next day a renewal.
    subject = key_of("The Perfect Couple", 1)
    renewed = date(2025, 1, 16)
    # (the renewal model only: a premiere window counts a renewal from its own day)
    on_the_day = forecaster.forecast(subject, renewed, premiere=False)
    next_day = forecaster.forecast(subject, renewed + DAY, premiere=False).to_dict()
    horizon = on_the_day.features.horizon
    fingerprints = {d: forecaster.fit(d, horizon).model.fingerprint
                    for d in (renewed, renewed + DAY)}

    remove_decision("Bloodhounds", 1)
    without = Forecaster(load_history())
    assert without.forecast(subject, renewed, premiere=False).to_dict() == on_the_day.to_dict()
    assert without.fit(renewed, horizon).model.fingerprint == fingerprints[renewed]
    assert without.fit(renewed + DAY, horizon).model.fingerprint != fingerprints[renewed + DAY]
    assert without.forecast(subject, renewed + DAY, premiere=False).to_dict()[
        "trained_on_seasons"] == next_day["trained_on_seasons"]


def quiet_season(**extra) -> SeasonFacts:
    premiere = date(2023, 1, 6)
    chart = tuple(Week(date(2023, 1, 8) + timedelta(weeks=i), "TV (English)", 3, 1_000_000,
                       None, None, i + 1) for i in range(3))
    facts = {"premiere_date": premiere, "chart": chart, "original": True, "kind": "scripted"}
    return SeasonFacts("q", "Quiet", 1, **{**facts, **extra})


def test_a_quiet_non_renewal_is_a_label_only_from_a_year_after_the_premiere():
    season = quiet_season()
    year_on = date(2024, 1, 6)
    assert season.fate(year_on - DAY) is None
    label = season.fate(year_on)
    assert (label.outcome, label.quiet, label.public_on) == ("canceled", True, year_on)
    history = History.of([season])
    assert history.labeled(before=year_on) == []
    assert [d.quiet for _, d in history.labeled(before=year_on + DAY)] == [True]
    # the forecaster itself never calls it canceled: no page says so
    assert season.decision(date(2030, 1, 1)) is None


def test_a_late_renewal_replaces_the_quiet_label_from_its_own_day():
    late = date(2024, 3, 1)
    season = quiet_season(events=(Fact("renewal", late),))
    assert season.fate(late - DAY).quiet
    assert (season.fate(late).outcome, season.fate(late).quiet) == ("renewed", False)


@pytest.mark.parametrize("extra", [
    {"original": None}, {"original": False}, {"kind": "standup"}, {"limited": True},
    {"platform": "HBO"},
])
def test_only_renewable_originals_go_quietly_unrenewed(extra):
    season = quiet_season(**extra)
    assert season.fate(date(2030, 1, 1)) is None
    assert History.of([season]).labeled(before=date(2030, 1, 1)) == []


# --- decided seasons, on hand-built facts ---------------------------------------------------

def hand_built() -> History:
    debut = date(2023, 1, 1)
    chart = tuple(Week(debut + timedelta(weeks=i), "TV (English)", 3, 1_000_000, None, None,
                       i + 1) for i in range(3))
    return History.of([
        SeasonFacts("renewed", "Renewed", 1, chart=chart,
                    events=(Fact("renewal", date(2023, 3, 14)),)),
        SeasonFacts("canceled", "Canceled", 1, chart=chart,
                    events=(Fact("cancellation", date(2023, 3, 14)),)),
        SeasonFacts("monthly", "Monthly", 2, chart=chart,
                    events=(Fact("renewal", date(2023, 3, 1), "month"),)),
        SeasonFacts("ended", "Ended", 1, chart=chart, events=(Fact("ending", date(2023, 1, 3)),)),
    ])


@pytest.mark.parametrize(
    ("key", "announced", "state", "p"),
    [
        ("renewed", date(2023, 3, 14), "renewed", 1.0),
        ("canceled", date(2023, 3, 14), "canceled", 0.0),
        ("monthly", date(2023, 3, 31), "renewed", 1.0),  # March 2023: public on the 31st
    ],
)
def test_decided_seasons_report_the_decision_and_the_day_before_is_a_forecast(
        key, announced, state, p):
    forecaster = Forecaster(hand_built())
    for day in (announced, announced + DAY, date(2030, 1, 1)):
        decided = forecaster.forecast(key, day)
        assert (decided.state, decided.p_renew, decided.verdict) == (state, p, state), day
        assert decided.to_dict()["decision"]["outcome"] == state
        assert decided.features is None and decided.reasons == []
    before = forecaster.forecast(key, announced - DAY)
    assert before.state == "forecast" and before.decision is None
    assert 0 <= before.p_renew <= 1
    assert before.verdict in ("likely renewed", "toss-up", "likely canceled")


def test_an_ended_season_has_no_chance_to_forecast():
    forecaster = Forecaster(hand_built())
    ended = forecaster.forecast("ended", date(2023, 1, 3))
    assert (ended.state, ended.p_renew, ended.verdict) == ("ended", None, "ended")
    assert forecaster.forecast("ended", date(2023, 1, 2)).state == "forecast"


# --- the same property on hand-built facts: smallest cases -----------------------------------

def truncated(history: History, day: date) -> History:
    """``history`` with every chart week published after ``day`` and later event removed."""
    return History.of(
        replace(s, chart=tuple(w for w in s.chart if w.public_on <= day),
                events=tuple(e for e in s.events if e.date <= day),
                show_events=tuple(e for e in s.show_events if e.date <= day),
                show_decisions=tuple(e for e in s.show_decisions if e.date <= day),
                successor_public=s.successor_public if s.successor_public
                and s.successor_public <= day else None)
        for s in history)


def charted(key, debut: date, chart: str, outcome: str | None = None,
            announced: date | None = None) -> SeasonFacts:
    weeks = tuple(Week(debut + timedelta(weeks=i), chart, 5, 1_000_000, None, None, i + 1)
                  for i in range(4))
    events = (Fact(outcome, announced),) if outcome else ()
    return SeasonFacts(key, f"Show {key}", 1, chart=weeks, events=events)


EN, NON_EN = "TV (English)", "TV (Non-English)"
AS_OF = date(2023, 6, 6)


def decided_before(as_of: date) -> list[SeasonFacts]:
    """Two English-language cancellations and two non-English renewals, all public."""
    return [
        charted("en1", date(2023, 1, 1), EN, "cancellation", date(2023, 3, 1)),
        charted("en2", date(2023, 1, 8), EN, "cancellation", date(2023, 3, 8)),
        charted("ne1", date(2023, 1, 1), NON_EN, "renewal", date(2023, 3, 1)),
        charted("ne2", date(2023, 1, 8), NON_EN, "renewal", date(2023, 3, 8)),
    ]


def test_truncating_a_hand_built_history_keeps_a_released_seasons_forecast():
    history = History.of([*decided_before(AS_OF), charted("t", date(2023, 5, 21), EN),
                          charted("later", date(2023, 7, 2), EN, "renewal", date(2023, 8, 1))])
    full = Forecaster(history).forecast("t", AS_OF).to_dict()
    assert full["state"] == "forecast" and full["chart_weeks_used"] == 3
    assert Forecaster(truncated(history, AS_OF)).forecast("t", AS_OF).to_dict() == full


def test_a_season_first_charted_after_the_date_is_forecast_as_if_its_chart_were_unknown():
    # "t" premieres around AS_OF; its first chart week is published a week later.
    history = History.of([*decided_before(AS_OF), charted("t", date(2023, 6, 11), EN)])
    full = Forecaster(history).forecast("t", AS_OF).to_dict()
    cut = Forecaster(truncated(history, AS_OF)).forecast("t", AS_OF).to_dict()
    assert full == cut, (
        "the forecast as of 2023-06-06 of a season whose first chart week is published on "
        "2023-06-13 uses that chart's list (priors.base_rate_prior, timing.decision_timing "
        f"read SeasonFacts.list regardless of as_of): {full['notes']} != {cut['notes']}"
    )


def test_a_decided_seasons_later_chart_does_not_change_the_base_rate():
    # "w" was renewed before AS_OF but first charted (on the English list) after it.
    late = charted("w", date(2023, 7, 2), EN, "renewal", date(2023, 5, 1))
    history = History.of([*decided_before(AS_OF), late, charted("t", date(2023, 5, 21), EN)])
    full = Forecaster(history).forecast("t", AS_OF).to_dict()
    cut = Forecaster(truncated(history, AS_OF)).forecast("t", AS_OF).to_dict()
    assert full["trained_on_seasons"] == 5  # w is one of the decided seasons either way
    assert full == cut, (
        "priors.base_rate_prior counts a season decided before as_of under the list of a chart "
        f"week published after as_of: {full['notes']} != {cut['notes']}"
    )
