"""When a decision usually comes: days from premiere to announcement, by outcome.

Measured on the decisions public before the as-of date, from the debut chart week
(or the premiere date where known) to the announcement. A season still undecided
after N days is compared only with seasons that were also undecided at N days. Seasons
are compared with the same platform's, and say so when they fall back to Netflix's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from renewcast.forecast.history import CANCELED, RENEWED, Decision, SeasonFacts

MIN_SEASONS = 12


@dataclass
class DecisionTiming:
    like: str  # which seasons were compared
    seasons: int
    weeks: tuple[int, int] | None  # middle half of all decisions, in weeks after premiere
    renewed_weeks: tuple[int, int] | None
    canceled_weeks: tuple[int, int] | None
    likely_by: date | None  # date by which half of comparable undecided seasons had heard
    overdue_share: float | None = None  # share of past decisions that came sooner than now
    waited_weeks: int | None = None
    # Of past renewals, the share announced later than this season has waited so far
    # (add-one smoothed): how likely a renewal still is to come, if it is coming at all.
    renewals_still_to_come: float | None = None

    def after_waiting(self, p: float) -> float:
        """The chance of renewal given that nothing has been announced yet.

        A renewal is announced on a schedule; a show that will not return is often never
        announced at all. Until half of past renewals have been announced, silence is what
        renewed and unrenewed seasons alike show, so it changes nothing; after that, the
        share of renewals still to come (relative to the half at that point) is weighed
        against silence taken as certain for a show that will not return (Bayes' rule):
        90 % stays 90 % at the usual decision time, is 82 % when only a quarter of past
        renewals came later, and 31 % when only 2.5 % did. Chosen on the 2023 – H1 2024
        backtest, where it left the scores as they were (docs/forecasting.md).
        """
        return shift(p, self.silence_ratio)

    @property
    def silence_ratio(self) -> float:
        """How much likelier this wait without news is for a season that will be renewed
        than for one that will not (1.0 until half of past renewals were announced)."""
        still = self.renewals_still_to_come
        return 1.0 if still is None else min(1.0, 2 * still)

    @property
    def text(self) -> str:
        if not self.weeks:
            return "too few past decisions to say when one usually comes"
        low, high = self.weeks
        out = f"most decisions for {self.like} came {low}–{high} weeks after premiere"
        details = []
        if self.renewed_weeks:
            details.append("renewals {}–{}".format(*self.renewed_weeks))
        if self.canceled_weeks:
            details.append("cancellations {}–{}".format(*self.canceled_weeks))
        if details:
            out += f" ({', '.join(details)})"
        if self.overdue_share is not None and self.overdue_share >= 0.75 and not self.likely_by:
            out += (f"; it has waited {self.waited_weeks} weeks, longer than "
                    f"{round(self.overdue_share * 100)}% of past decisions took")
        if self.likely_by:
            out += f"; half of those still waiting by now heard by {self.likely_by:%-d %B %Y}"
        return out

    def to_dict(self) -> dict:
        return {"compared_with": self.like, "seasons": self.seasons,
                "weeks_after_premiere": self.weeks, "renewed_weeks": self.renewed_weeks,
                "canceled_weeks": self.canceled_weeks,
                "likely_by": self.likely_by.isoformat() if self.likely_by else None,
                "text": self.text}


def shift(p: float, ratio: float) -> float:
    """``p`` with its odds multiplied by ``ratio`` (Bayes' rule for one likelihood ratio)."""
    return p * ratio / (p * ratio + (1 - p))


# What the wait rule compares a season's silence with: only renewals announced for their
# season (ANNOUNCED, shipped), every past renewal from the day it became public (SEEN), or
# nothing (NO_WAIT: silence changes no chance). benchmarks/wait_rule.py compares them.
SEEN, ANNOUNCED, NO_WAIT = "seen", "announced", "none"


def decision_timing(season: SeasonFacts, labeled: list[tuple[SeasonFacts, Decision]],
                    as_of: date, wait_on: str = ANNOUNCED) -> DecisionTiming:
    """When decisions came for comparable seasons, and how this season's wait compares.

    The windows on the page are announcements only: a renewal known from a later season's
    news or from Netflix's files says nothing of when it was decided. The wait rule
    (``renewals_still_to_come``) uses the same announcements by default. Counting every
    renewal from the day it became public (``SEEN``) scored better on the 2023 – H1 2024
    seasons and worse on the registered test (July 2024 – June 2025), so, as registered,
    announcements it is (docs/forecasting.md, "Waiting without news")."""
    lags, seen = [], []
    for other, decision in labeled:
        start = other.premiered_by(as_of)
        if not start or decision.public_on < start:
            continue
        row = (other, decision.outcome, (decision.public_on - start).days)
        if decision.dated:
            lags.append(row)
        if wait_on == SEEN and decision.outcome == RENEWED and not decision.quiet:
            seen.append(row)
    comparable, like = _comparable(season, lags, as_of)
    lags = [row for row in lags if comparable(row[0])]
    if len(lags) < MIN_SEASONS:
        return DecisionTiming(like, len(lags), None, None, None, None)
    days = np.array([lag for *_, lag in lags])
    renewals = np.array([lag for _, o, lag in lags if o == RENEWED])
    silent = None  # NO_WAIT
    if wait_on == ANNOUNCED:
        silent = renewals
    elif wait_on == SEEN:
        silent = np.array([lag for other, _, lag in seen if comparable(other)])
    likely_by = overdue = waited = still = None
    start = season.premiered_by(as_of)
    if start and start <= as_of:
        waited = (as_of - start).days
        overdue = float((days <= waited).mean())
        if len(renewals) >= MIN_SEASONS and silent is not None:
            still = (float((silent > waited).sum()) + 1) / (len(silent) + 2)
        later = days[days > waited]
        if len(later) >= MIN_SEASONS // 2:
            likely_by = start + timedelta(days=int(np.median(later)))
    return DecisionTiming(
        like, len(lags), _middle_half(days), _middle_half(renewals),
        _middle_half(np.array([lag for _, o, lag in lags if o == CANCELED])),
        likely_by, overdue, None if waited is None else waited // 7, still,
    )


def _comparable(season: SeasonFacts, lags: list, as_of: date):
    """Which past seasons this one is compared with (a test on a season), and their name:
    the same platform's, and on Netflix the same Top 10 list's where enough are known."""
    platform = season.platform_name
    same_platform = [row for row in lags if row[0].platform_name == platform]
    if platform != "Netflix" and len(same_platform) < MIN_SEASONS:
        # Say so rather than pass Netflix's habits off as this network's.
        return (lambda other: other.platform_name == "Netflix",
                f"Netflix seasons (too few {platform} decisions are known to compare with)")
    known_list = season.list_as_of(as_of)
    same_list = [row for row in same_platform if row[0].list_as_of(as_of) == known_list]
    if known_list and len(same_list) >= MIN_SEASONS:
        return (lambda other: (other.platform_name == platform
                               and other.list_as_of(as_of) == known_list),
                f"{_list_word(known_list)} seasons")
    return lambda other: other.platform_name == platform, f"{platform} seasons"


def _middle_half(days: np.ndarray) -> tuple[int, int] | None:
    if len(days) < MIN_SEASONS // 2:
        return None
    low, high = np.percentile(days, [25, 75])
    return int(round(low / 7)), int(round(high / 7))


def _list_word(name: str) -> str:
    return "non-English" if "Non-English" in name else "English-language"
