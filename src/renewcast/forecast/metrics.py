"""How good a set of probabilities is: Brier, log loss, ROC AUC, calibration error.

Expected calibration error uses equal-count bins of about ten seasons each (at least
two bins, at most ten): with fewer seasons per bin the statistic measures the noise of
small samples more than the forecaster's calibration. The reliability table shows the
same bins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

PER_BIN = 10
CLIP = 0.01  # a 0-or-1 rule would have infinite log loss; its answers count as 1% / 99%


@dataclass
class Scores:
    n: int
    brier: float
    log_loss: float
    auc: float | None
    ece: float

    def to_dict(self) -> dict:
        return {"n": self.n, "brier": round(self.brier, 4), "log_loss": round(self.log_loss, 4),
                "auc": None if self.auc is None else round(self.auc, 4),
                "ece": round(self.ece, 4)}


@dataclass
class Bin:
    low: float
    high: float
    n: int
    mean_forecast: float
    renewed_share: float


def score(outcomes: Sequence[int], probabilities: Sequence[float]) -> Scores:
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score  # only when scoring

    y = np.asarray(outcomes, dtype=int)
    p = np.asarray(probabilities, dtype=float)
    both = 0 < y.sum() < len(y)
    return Scores(
        n=len(y),
        brier=float(brier_score_loss(y, p)),
        log_loss=float(log_loss(y, np.clip(p, CLIP, 1 - CLIP), labels=[0, 1])),
        auc=float(roc_auc_score(y, p)) if both else None,
        ece=expected_calibration_error(y, p),
    )


def reliability(outcomes: Sequence[int], probabilities: Sequence[float]) -> list[Bin]:
    y = np.asarray(outcomes, dtype=int)
    p = np.asarray(probabilities, dtype=float)
    if not len(y):
        return []
    count = int(min(10, max(2, round(len(y) / PER_BIN))))
    order = np.argsort(p, kind="stable")
    bins = []
    for chunk in np.array_split(order, count):
        if len(chunk):
            bins.append(Bin(float(p[chunk].min()), float(p[chunk].max()), len(chunk),
                            float(p[chunk].mean()), float(y[chunk].mean())))
    return bins


def expected_calibration_error(outcomes, probabilities) -> float:
    bins = reliability(outcomes, probabilities)
    total = sum(b.n for b in bins)
    return sum(b.n / total * abs(b.mean_forecast - b.renewed_share) for b in bins) if total else 0.0
