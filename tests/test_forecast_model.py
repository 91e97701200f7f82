"""RenewalModel: fit, predict, store as JSON, and explain itself with exact arithmetic."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from renewcast.forecast.model import MIN_EXAMPLES, RenewalModel, sigmoid


def synthetic(n: int = 120, seed: int = 7) -> tuple[list[dict[str, float]], list[int]]:
    """Rows where ``strength`` mostly decides the outcome, plus features that cannot help."""
    rng = np.random.default_rng(seed)
    strength = rng.normal(size=n)
    noise = rng.normal(size=n)
    outcomes = (strength + 0.6 * rng.normal(size=n) > 0).astype(int)
    rows = []
    for i in range(n):
        rows.append({
            "strength": float(strength[i]),
            "noise": float(noise[i]),
            "constant": 1.0,
            # a flag only MIN_EXAMPLES - 1 rows show: too rare to weigh
            "rare": float(i < MIN_EXAMPLES - 1),
            # a flag exactly MIN_EXAMPLES rows show: just enough
            "just_enough": float(i % (n // MIN_EXAMPLES) == 0),
            # mostly 1; the rows that are not are the rare ones
            "rare_zero": float(i >= MIN_EXAMPLES - 1),
        })
    return rows, [int(y) for y in outcomes]


@pytest.fixture(scope="module")
def fitted() -> tuple[RenewalModel, list[dict[str, float]], list[int]]:
    rows, outcomes = synthetic()
    return RenewalModel.fit(rows, outcomes, fingerprint="abc123"), rows, outcomes


def test_the_stronger_row_gets_the_higher_chance(fitted):
    model, rows, _ = fitted
    base = {**rows[0], "noise": 0.0}
    weak = model.predict_proba({**base, "strength": -1.5})
    middling = model.predict_proba({**base, "strength": 0.0})
    strong = model.predict_proba({**base, "strength": 1.5})
    assert 0 < weak < middling < strong < 1
    assert strong - weak > 0.5, (weak, strong)
    assert model.weights["strength"] > 0
    assert abs(model.weights["strength"]) > abs(model.weights["noise"])


def test_fit_separates_the_training_outcomes(fitted):
    model, rows, outcomes = fitted
    p = np.array([model.predict_proba(r) for r in rows])
    y = np.array(outcomes)
    assert p[y == 1].mean() - p[y == 0].mean() > 0.3
    assert (model.n_train, model.n_renewed) == (len(rows), sum(outcomes))
    assert model.fingerprint == "abc123"


def test_constant_and_rare_features_are_unused(fitted):
    model, rows, _ = fitted
    assert sum(r["rare"] for r in rows) == MIN_EXAMPLES - 1
    assert sum(r["just_enough"] for r in rows) == MIN_EXAMPLES
    assert set(model.unused) == {"constant", "rare", "rare_zero"}
    assert model.features == ["strength", "noise", "just_enough"]
    for name in model.unused:
        assert name not in model.weights and name not in model.means
    # An unused feature has no effect on the answer whatever its value.
    row = rows[10]
    assert model.predict_proba({**row, "rare": 1.0, "constant": -50.0, "rare_zero": 0.0}) \
        == model.predict_proba(row)


def test_dict_round_trip_gives_identical_probabilities(fitted):
    model, rows, _ = fitted
    data = json.loads(json.dumps(model.to_dict()))
    again = RenewalModel.from_dict(data)
    assert again == model
    for row in rows:
        assert again.predict_proba(row) == model.predict_proba(row)
        assert again.contributions(row) == model.contributions(row)


def test_calibration_is_fitted_when_both_outcomes_are_common(fitted):
    model, _, _ = fitted
    assert (model.slope, model.offset) != (1.0, 0.0)
    assert model.slope > 0


def test_too_few_of_one_outcome_leaves_calibration_alone():
    rows, outcomes = synthetic(n=60, seed=3)
    outcomes = [1] * 52 + [0] * 8  # fewer than two per fold of the minority outcome
    model = RenewalModel.fit(rows, outcomes)
    assert (model.slope, model.offset) == (1.0, 0.0)


def test_contributions_and_calibrated_intercept_reproduce_the_logit(fitted):
    model, rows, _ = fitted
    intercept = model.slope * model.intercept + model.offset
    for row in rows[:25]:
        pushes = model.contributions(row)
        assert set(pushes) == set(model.features)
        logit = model.logit(row)
        assert math.isclose(intercept + sum(pushes.values()), logit, abs_tol=1e-9)
        assert math.isclose(sigmoid(logit), model.predict_proba(row), abs_tol=1e-12)
    # An average training row gets no push from any feature.
    average = {**rows[0], **model.means}
    assert all(abs(v) < 1e-9 for v in model.contributions(average).values())
    assert math.isclose(model.logit(average), intercept, abs_tol=1e-9)


def test_contributions_follow_the_standardised_inputs(fitted):
    model, rows, _ = fitted
    row = rows[0]
    one_sd_up = {**row, "strength": row["strength"] + model.scales["strength"]}
    moved = model.contributions(one_sd_up)["strength"] - model.contributions(row)["strength"]
    assert math.isclose(moved, model.slope * model.weights["strength"], rel_tol=1e-9)
