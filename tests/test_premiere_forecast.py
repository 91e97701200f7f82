"""Premiere windows: the censored log-normal model, the forecaster on hand-built histories,
no peeking and backtest floors on the bundled data."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest
from django.db import transaction
from scipy.special import ndtr

from renewcast.bootstrap import load_bundled
from renewcast.catalog.history import load_history
from renewcast.forecast import survival
from renewcast.forecast.history import ChartWeek, Event, History, SeasonFacts
from renewcast.forecast.premiere import PremiereForecaster
from renewcast.forecast.premiere_backtest import premiere_backtest
from renewcast.forecast.survival import LogNormalDuration

DAY = timedelta(days=1)

# --- the survival model ---------------------------------------------------------------------

TRUE_B, TRUE_SIGMA = (5.0, 0.8), 0.4  # log days = 5 + 0.8 x, x in [0, 1]


def simulated(seed: int = 1, n: int = 2000):
    """Log-normal durations, about 30% censored at uniformly random times."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, n)
    t = np.exp(TRUE_B[0] + TRUE_B[1] * x + TRUE_SIGMA * rng.standard_normal(n))
    c = rng.uniform(0, 3.6 * math.exp(TRUE_B[0] + TRUE_B[1] / 2), n)
    running = t > c
    return np.c_[np.ones(n), x], np.ones((n, 1)), np.where(running, c, t), running


def test_analytic_gradient_matches_central_differences(monkeypatch):
    captured = []
    real = survival.minimize

    def spy(fun, x0, **kwargs):
        captured.append(fun)
        return real(fun, x0, **kwargs)

    monkeypatch.setattr(survival, "minimize", spy)
    rng = np.random.default_rng(3)
    X, _, days, running = simulated(3, 300)
    Z = np.c_[np.ones(300), rng.integers(0, 2, 300)]  # two spread features
    LogNormalDuration().fit(X, Z, days, running, rng.uniform(0.2, 1.0, 300), prior=[0.0, 0.5])
    (loss,) = captured
    for params in np.array([[5.0, 0.5, -1.0, 0.3], [4.2, 1.3, -0.5, -0.4], [6, -0.2, 0.2, 0.1]]):
        value, grad = loss(params)
        assert np.isfinite(value)
        numeric = np.array([(loss(params + h)[0] - loss(params - h)[0]) / 2e-6
                            for h in np.eye(len(params)) * 1e-6])
        np.testing.assert_allclose(grad, numeric, rtol=1e-4, atol=1e-3)


def test_fit_recovers_known_coefficients_from_censored_durations():
    X, Z, days, running = simulated()
    assert 0.25 <= running.mean() <= 0.35
    model = LogNormalDuration().fit(X, Z, days, running)
    assert model.coef == pytest.approx(TRUE_B, abs=0.06)
    assert math.exp(model.sigma_coef[0]) == pytest.approx(TRUE_SIGMA, abs=0.03)
    assert (model.n_rows, model.n_finished) == (2000, int((~running).sum()))


def test_dropping_censored_rows_biases_the_median_low_but_the_censored_fit_does_not():
    X, Z, days, running = simulated()
    true_median = math.exp(TRUE_B[0] + TRUE_B[1] * 0.5)
    kept = ~running
    censored = LogNormalDuration().fit(X, Z, days, running)
    dropped = LogNormalDuration().fit(X[kept], Z[kept], days[kept], running[kept])
    (with_censoring,), _ = censored.quantiles([1, 0.5], [1], [0.5])
    (without,), _ = dropped.quantiles([1, 0.5], [1], [0.5])
    assert with_censoring == pytest.approx(true_median, rel=0.03)
    assert without < 0.95 * true_median


def test_quantiles_are_ordered_and_conditioning_moves_them_past_the_wait():
    model = LogNormalDuration().fit(*simulated())
    mu, s = model.mu_sigma([1, 0.5], [1])
    (p10, p50, p90), done = model.quantiles([1, 0.5], [1], (0.1, 0.5, 0.9))
    assert p10 < p50 < p90 and done == 0.0
    assert p50 == pytest.approx(math.exp(mu))
    for after in (50.0, p50, p90):
        got, done = model.quantiles([1, 0.5], [1], (0.1, 0.5, 0.9), after=after)
        assert after <= got[0] < got[1] < got[2]
        assert all(new >= old for new, old in zip(got, (p10, p50, p90), strict=True))
        # P(T <= q | T > after) is the asked probability
        for p, q in zip((0.1, 0.5, 0.9), got, strict=True):
            assert (ndtr((math.log(q) - mu) / s) - done) / (1 - done) == pytest.approx(p)


def test_quantiles_stay_after_the_wait_even_when_it_is_unusually_long():
    model = LogNormalDuration().fit(*simulated())
    got, done = model.quantiles([1, 0.5], [1], (0.1, 0.5, 0.9), after=2000.0)
    assert done > 0.995
    assert min(got) >= 2000.0


# --- hand-built histories ---------------------------------------------------------------------

AS_OF = date(2025, 5, 6)  # a Tuesday
RECENT = date(2025, 3, 7)  # the latest premiere of most target shows


def show(title: str, *premieres: date, events=None, show_events=None) -> list[SeasonFacts]:
    """One show's seasons by premiere date; ``events``/``show_events`` by season number."""
    return [SeasonFacts((title, n), title, n, premiere_date=day,
                        events=tuple((events or {}).get(n, ())),
                        show_events=tuple((show_events or {}).get(n, ())))
            for n, day in enumerate(premieres, 1)]


def cadence(start: date, gaps) -> list[date]:
    days = [start]
    for gap in gaps:
        days.append(days[-1] + timedelta(days=round(gap)))
    return days


def training_shows(first_spread: float = 0.05, seed: int = 5) -> list[SeasonFacts]:
    """30 yearly shows (every other with a third season), six half-yearly, four biennial.

    A show's later gaps repeat its first within 5%; first gaps vary by ``first_spread``.
    """
    rng = np.random.default_rng(seed)
    noise = lambda sd: math.exp(rng.normal(0, sd))  # noqa: E731
    out = []
    for i in range(30):
        start = date(2021, 1, 8) + timedelta(days=int(rng.integers(0, 700)))
        first = 365 * noise(first_spread)
        gaps = [first, first * noise(0.05)] if i % 2 == 0 else [first]
        out += show(f"Yearly {i}", *cadence(start, gaps))
    for i in range(6):
        start = date(2022, 1, 7) + timedelta(days=int(rng.integers(0, 500)))
        out += show(f"Half {i}", *cadence(start, [182 * noise(0.05) for _ in range(3)]))
    for i in range(4):
        start = date(2019, 1, 4) + timedelta(days=int(rng.integers(0, 300)))
        out += show(f"Biennial {i}", *cadence(start, [730 * noise(0.05) for _ in range(2)]))
    return out


def targets() -> list[SeasonFacts]:
    back = show("Back", RECENT - timedelta(days=365))
    debut = date(2025, 4, 27)  # a Sunday: its chart is public on 29 April
    back.append(SeasonFacts(("Back", 2), "Back", 2, chart=tuple(
        ChartWeek(debut + timedelta(weeks=i), "TV (English)", 3, 10**6, weeks_on_list=i + 1)
        for i in range(2))))
    announce = lambda day, on, precision="day": Event(  # noqa: E731
        "premiere", day, precision, 2, announced=on, source=f"https://example.org/{on}")
    return [
        *show("New", RECENT), *show("Half", RECENT - timedelta(days=182), RECENT),
        *show("Yearly", RECENT - timedelta(days=365), RECENT),
        *show("Biennial", RECENT - timedelta(days=730), RECENT),
        *show("Announced", RECENT, show_events={1: [
            announce(date(2025, 9, 12), date(2025, 4, 1)),
            announce(date(2025, 10, 3), date(2025, 4, 20)),  # a delay, announced later
            Event("premiere", date(2025, 4, 10), "day", 3, announced=date(2025, 3, 20))]}),
        *show("Monthly", RECENT, show_events={1: [
            announce(date(2025, 12, 5), date(2025, 4, 1), "month")]}),
        *show("Canceled", RECENT, events={1: [Event("cancellation", date(2025, 4, 15))]}),
        *show("Renewed", RECENT, events={1: [Event("renewal", date(2025, 4, 1), "month")]}),
        *show("Overdue", date(2022, 3, 4), date(2022, 9, 2)), *back,
    ]


@pytest.fixture(scope="module")
def forecaster() -> PremiereForecaster:
    return PremiereForecaster(History.of([*training_shows(), *targets()]))


def width(window) -> int:
    return (window.p90 - window.p10).days


def test_a_new_show_in_a_world_of_yearly_gaps_is_expected_about_a_year_on():
    yearly = [s for s in training_shows() if s.show_title.startswith("Yearly")]
    window = PremiereForecaster(History.of([*yearly, *show("New", RECENT)])).forecast(
        ("New", 1), AS_OF)
    a_year_on = RECENT + timedelta(days=365)
    assert window.state == "forecast" and window.stage == "premiere"
    assert window.anchor == RECENT and window.trained_on >= 40
    assert window.p10 <= a_year_on <= window.p90
    assert abs((window.p50 - a_year_on).days) <= 45


def test_a_shows_own_cadence_moves_its_median(forecaster):
    half, yearly, biennial = (forecaster.forecast((name, 2), AS_OF)
                              for name in ("Half", "Yearly", "Biennial"))
    assert {w.state for w in (half, yearly, biennial)} == {"forecast"}
    assert half.p50 < yearly.p50 < biennial.p50
    assert (half.p50 - RECENT).days < 300 and (biennial.p50 - RECENT).days > 450


def test_a_confirmed_premiere_date_replaces_the_model_once_public(forecaster):
    window = forecaster.forecast(("Announced", 1), date(2025, 4, 19))
    assert (window.state, window.precision) == ("announced", "day")
    assert window.p10 == window.p50 == window.p90 == date(2025, 9, 12)
    assert window.source == "https://example.org/2025-04-01"
    assert window.sentence == "Season 2 premieres on 12 September 2025 (announced)."
    later = forecaster.forecast(("Announced", 1), AS_OF).to_dict()  # the delay is public
    assert later["premiere_p50"] == "2025-10-03" and later["source"].endswith("2025-04-20")
    # no peeking; and season 3's announced date (public 20 March) is not season 2's
    before = forecaster.forecast(("Announced", 1), date(2025, 3, 31))
    assert before.state == "forecast" and before.p10 < before.p50 < before.p90


def test_a_month_precision_premiere_spans_the_month(forecaster):
    window = forecaster.forecast(("Monthly", 1), AS_OF)
    assert (window.state, window.precision) == ("announced", "month")
    assert (window.p10, window.p50, window.p90) == (
        date(2025, 12, 1), date(2025, 12, 15), date(2025, 12, 31))
    assert window.sentence == "Season 2 premieres in December 2025 (announced)."
    assert forecaster.forecast(("Monthly", 1), date(2025, 3, 31)).state == "forecast"


def test_a_canceled_season_has_no_window(forecaster):
    window = forecaster.forecast(("Canceled", 1), AS_OF)
    assert window.state == "canceled"
    assert (window.p10, window.p50, window.p90) == (None, None, None)
    assert window.sentence == "There will be no season 2: the show was canceled."
    assert forecaster.forecast(("Canceled", 1), date(2025, 4, 14)).state == "forecast"


def test_a_next_season_on_the_public_chart_has_premiered(forecaster):
    window = forecaster.forecast(("Back", 1), date(2025, 4, 29))
    assert window.state == "premiered"
    assert date(2025, 4, 21) <= window.p50 <= date(2025, 4, 27)  # in its debut chart week
    assert window.sentence.startswith("Season 2 is out")
    assert forecaster.forecast(("Back", 1), date(2025, 4, 28)).state == "forecast"


def test_if_renewed_holds_until_the_renewal_is_public(forecaster):
    unknown = forecaster.forecast(("Renewed", 1), date(2025, 4, 29))  # April: public on 30th
    renewed = forecaster.forecast(("Renewed", 1), date(2025, 4, 30))
    assert unknown.state == renewed.state == "forecast"
    assert unknown.if_renewed and unknown.sentence.startswith("If renewed, season 2 ")
    assert not renewed.if_renewed and renewed.sentence.startswith("Season 2 most likely")
    assert forecaster.forecast(("New", 1), AS_OF).if_renewed


def test_a_single_season_without_news_gets_a_wider_window_and_says_why():
    spread = PremiereForecaster(History.of([*training_shows(first_spread=0.35), *targets()]))
    new, regular = spread.forecast(("New", 1), AS_OF), spread.forecast(("Yearly", 2), AS_OF)
    assert new.state == regular.state == "forecast"
    assert width(new) > 1.5 * width(regular)
    assert any("no earlier season" in note for note in new.notes)
    assert any("no production news" in note for note in new.notes)
    assert not any("no earlier season" in note for note in regular.notes)
    assert any("12 months before" in note for note in regular.notes)


def test_a_window_for_a_season_not_yet_out_does_not_lie_in_the_past(forecaster):
    window = forecaster.forecast(("Overdue", 2), AS_OF)
    assert window.state == "forecast"
    assert window.p10 >= AS_OF


def filming_history(wrap_known: bool) -> History:
    """36 shows whose next season comes ~6 months after the filming wrap; the wrap itself
    comes 4 to 24 months after the premiere. The target's wrap is known or not."""
    rng = np.random.default_rng(11)
    seasons = []
    for i in range(36):
        premiere = date(2021, 6, 4) + timedelta(days=int(rng.integers(0, 500)))
        wrap = premiere + timedelta(days=int(rng.integers(120, 720)))
        back = wrap + timedelta(days=round(180 * math.exp(rng.normal(0, 0.05))))
        seasons += show(f"Filmed {i}", premiere, back, show_events={
            1: [Event("filming_wrap", wrap, season_number=2)]})
    wrap = [Event("filming_wrap", date(2025, 3, 1), season_number=2)] if wrap_known else []
    return History.of([*seasons, *show("Target", date(2024, 6, 7), show_events={1: wrap})])


def test_a_known_filming_wrap_times_the_window_and_narrows_it():
    as_of = date(2025, 4, 1)
    wrapped = PremiereForecaster(filming_history(True)).forecast(("Target", 1), as_of)
    unknown = PremiereForecaster(filming_history(False)).forecast(("Target", 1), as_of)
    assert wrapped.state == unknown.state == "forecast"
    assert (wrapped.stage, wrapped.anchor) == ("filming_wrap", date(2025, 3, 1))
    assert wrapped.to_dict()["timed_from"] == "the filming wrap"
    assert unknown.stage == "premiere" and unknown.if_renewed and not wrapped.if_renewed
    assert width(wrapped) < width(unknown) / 2
    assert abs((wrapped.p50 - date(2025, 8, 28)).days) <= 30  # about 6 months on


# --- the bundled data -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled(django_db_setup, django_db_blocker) -> History:
    """The bundled data as a History; the database writes are rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_bundled(say=lambda _: None)
        loaded = load_history()
        transaction.set_rollback(True)
    return loaded


def truncated(history: History, day: date) -> History:
    """``history`` with only what was public on ``day`` (future premiere dates blanked)."""
    return History.of(
        replace(s, premiere_date=s.premiere_date if s.premiere_date and s.premiere_date <= day
                else None,
                chart=tuple(w for w in s.chart if w.public_on <= day),
                events=tuple(e for e in s.events if e.public_on <= day),
                show_events=tuple(e for e in s.show_events if e.public_on <= day),
                statements=tuple(x for x in s.statements if x.public_on <= day),
                show_decisions=tuple(e for e in s.show_decisions if e.public_on <= day),
                successor_public=s.successor_public if s.successor_public
                and s.successor_public <= day else None)
        for s in history)


NAMED = (("Partner Track", 1), ("Wednesday", 1), ("Bridgerton", 2), ("Emily in Paris", 3),
         ("Cobra Kai", 5))


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", (date(2022, 10, 27), date(2023, 9, 1), date(2024, 5, 1)),
                         ids=str)
def test_windows_are_identical_from_a_history_cut_at_the_date(bundled, as_of):
    keys = {(s.show_title, s.number): s.key for s in bundled}
    assert set(NAMED) <= set(keys)
    full, cut = PremiereForecaster(bundled), PremiereForecaster(truncated(bundled, as_of))
    for name in NAMED:
        assert full.forecast(keys[name], as_of).to_dict() == cut.forecast(
            keys[name], as_of).to_dict(), name
    before = {s.key: full.forecast(s.key, as_of).to_dict() for s in bundled}
    changed = sorted(s.name for s in bundled
                     if cut.forecast(s.key, as_of).to_dict() != before[s.key])
    assert changed == []
    states = [w["state"] for w in before.values()]
    assert states.count("forecast") >= 100 and {"premiered", "canceled"} <= set(states)


@pytest.mark.django_db
def test_premiere_backtest_beats_the_baselines_and_meets_the_floors(bundled):
    result = premiere_backtest(bundled)
    ours, baselines = result.figures(), result.baselines()
    assert ours.n == len(result.cases) >= 60
    best = min(baselines["same gap as last time"], baselines["median gap of all shows"])
    # Better than both baselines. (It was 15 % better on the 101 pairs of the Top 10 alone;
    # the engagement reports' exact dates and seasons that never charted make 123 pairs on
    # which it is 5 % better: premiere windows are the next issue's work.)
    assert ours.median_error < best, (ours, baselines)
    assert 0.70 <= ours.coverage <= 0.90, ours
    pairs = result.later["renewal known"]
    assert len(pairs) >= 5
    first = result.figures([a for a, _ in pairs])
    later = result.figures([b for _, b in pairs])
    assert [a.name for a, _ in pairs] == [b.name for _, b in pairs]
    assert all(b.as_of > a.as_of for a, b in pairs)
    assert later.median_error < first.median_error, (first, later)
    # no wider once the renewal is known (2 % slack: the later window is conditioned on a
    # longer wait, which can add a few days at the far end) — where it came within half a
    # year: a renewal announced a year or more on meets the log-normal tail that widens
    # every late window (docs/forecasting.md, "Weak spots"), as the "a year on" stage does
    prompt = [(a, b) for a, b in pairs if (b.as_of - a.as_of).days <= 182]
    assert len(prompt) >= 5
    first = result.figures([a for a, _ in prompt])
    later = result.figures([b for _, b in prompt])
    assert later.median_width <= 1.02 * first.median_width, (first, later)
