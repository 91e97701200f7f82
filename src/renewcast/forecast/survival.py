"""A log-normal duration model that learns from durations still running.

"How long until the next season?" is a time-to-event question. On any date, the seasons
renewed but not yet back are the slow ones; dropping them (or counting only gaps that
already ended) makes every estimate too short, and most of all right after gaps
lengthened. This model is a log-normal regression fitted by maximum likelihood in which a
finished gap counts by its density and a gap still running counts by the chance of
lasting at least that long (right censoring). Both the median (``mu``) and the spread
(``sigma``, on the log scale) depend on the season's features, because a show with a
cadence to go by is more predictable than a first season. Each row carries a weight so
recent seasons can count more than old ones.

scikit-learn has no censored regression and the survival libraries bring pandas and an
autodiff stack for one likelihood, so it is written here: a few lines of NumPy/SciPy with
an exact gradient. Quantiles can be conditioned on the gap having lasted ``after`` days.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize
from scipy.special import log_ndtr, ndtr, ndtri

RIDGE = 0.5  # a weak pull of each coefficient toward zero: a few seasons cannot swing it
LOG_SIGMA_BOUNDS = (-3.0, 1.5)
LONGEST = 20 * 365.0  # days past the wait: beyond this a quantile is noise, not a date


@dataclass
class LogNormalDuration:
    """Fit with :meth:`fit`; read with :meth:`quantiles` (days)."""

    coef: np.ndarray | None = None  # mu = X @ coef (log days)
    sigma_coef: np.ndarray | None = None  # log sigma = Z @ sigma_coef
    n_rows: int = 0
    n_finished: int = 0

    def fit(self, X, Z, days, running, weights=None, prior=None) -> LogNormalDuration:
        """``prior``: where each coefficient of ``X`` is pulled (zero unless given)."""
        X, Z = np.asarray(X, float), np.asarray(Z, float)
        log_days = np.log(np.maximum(np.asarray(days, float), 1.0))
        running = np.asarray(running, bool)
        w = np.ones(len(log_days)) if weights is None else np.asarray(weights, float)
        k = X.shape[1]
        pull = np.zeros(k) if prior is None else np.array(prior, float)  # a copy: edited next
        pull[0] = 0.0

        def loss(params):
            b, g = params[:k], params[k:]
            log_s = np.clip(Z @ g, *LOG_SIGMA_BOUNDS)
            s = np.exp(log_s)
            z = (log_days - X @ b) / s
            tail = log_ndtr(-z)
            # inverse Mills ratio phi(z)/S(z), computed in logs so large z stays finite
            mills = np.exp(-0.5 * z * z - 0.5 * math.log(2 * math.pi) - tail)
            ll = np.where(running, tail, -0.5 * z * z - log_s)
            d_mu = np.where(running, mills, z) / s  # d ll / d mu
            d_logs = np.where(running, mills * z, z * z - 1.0)  # d ll / d log sigma
            off_b, off_g = np.r_[0.0, b[1:] - pull[1:]], np.r_[0.0, g[1:]]
            penalty = 0.5 * RIDGE * float(off_b @ off_b + off_g @ off_g)
            grad_b = -(X.T @ (w * d_mu)) + RIDGE * off_b
            grad_g = -(Z.T @ (w * d_logs)) + RIDGE * off_g
            return -float(w @ ll) + penalty, np.r_[grad_b, grad_g]

        start = np.zeros(k + Z.shape[1])
        start[0] = float(np.average(log_days, weights=w))
        start[k] = math.log(max(float(np.std(log_days)), 0.1))
        result = minimize(loss, start, jac=True, method="L-BFGS-B")
        self.coef, self.sigma_coef = result.x[:k], result.x[k:]
        self.n_rows, self.n_finished = len(log_days), int((~running).sum())
        return self

    def mu_sigma(self, x, z) -> tuple[float, float]:
        log_s = float(np.clip(np.asarray(z, float) @ self.sigma_coef, *LOG_SIGMA_BOUNDS))
        return float(np.asarray(x, float) @ self.coef), math.exp(log_s)

    def quantiles(self, x, z, probs, after: float = 0.0,
                  spread: float = 1.0) -> tuple[list[float], float]:
        """Days at each probability, given the gap has already lasted ``after`` days;
        ``spread`` scales the fitted spread (a calibration chosen by the caller).

        Returns the quantiles and the share of such gaps that would already have ended
        by ``after`` (how unusual the wait so far is).
        """
        mu, s = self.mu_sigma(x, z)
        s *= spread
        if after < 1:
            return [math.exp(mu + s * float(ndtri(p))) for p in probs], 0.0
        # the chance of lasting past ``after``, from the upper tail so a very long wait
        # still leaves every quantile after it
        left = max(float(ndtr(-(math.log(after) - mu) / s)), 1e-12)
        out = [min(max(math.exp(mu - s * float(ndtri(left * (1 - p)))), after),
                   after + LONGEST) for p in probs]
        return out, 1.0 - left
