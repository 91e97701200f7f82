"""Numbers about a season as of a date, from what was public on that date only.

The chart part looks at a season's first ``horizon`` chart weeks (at most
:data:`MAX_HORIZON`), counting the weeks whose chart was published by the as-of date.
Raw hours drift (Netflix grew, and in June 2023 it began ranking by views), so the season
is also placed among its peers: seasons on the same list that debuted in the previous
12 months, each measured over the same number of weeks from its own debut.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from renewcast.forecast.history import CHART_DELAY, NON_ENGLISH, History, SeasonFacts

MAX_HORIZON = 8
PEER_WINDOW = timedelta(days=365)
MIN_PEERS = 5
KINDS = ("reality", "docuseries", "animation")  # scripted is the reference kind


def weeks_visible(debut_week: date, as_of: date) -> int:
    """How many weekly charts since the debut week were published by ``as_of``."""
    days = (as_of - CHART_DELAY - debut_week).days
    return 0 if days < 0 else days // 7 + 1


def window_public_on(debut_week: date, horizon: int) -> date:
    return debut_week + timedelta(weeks=horizon - 1) + CHART_DELAY


@dataclass
class Window:
    """A season's first ``horizon`` chart weeks (weeks off the chart count as zero)."""

    horizon: int
    weeks_in_top10: int
    hours: int
    views: int | None
    debut_rank: int
    peak_rank: int
    hours_by_week: tuple[int, ...]
    views_by_week: tuple[int | None, ...]

    @property
    def decay(self) -> float | None:
        """Second week's hours over the first's (None before the second chart)."""
        if len(self.hours_by_week) < 2 or not self.hours_by_week[0]:
            return None
        return self.hours_by_week[1] / self.hours_by_week[0]


def chart_window(season: SeasonFacts, horizon: int) -> Window | None:
    if season.debut_week is None:
        return None
    weeks = {w.week: w for w in season.chart}
    end = season.debut_week + timedelta(weeks=horizon)
    charted = [weeks[d] for d in sorted(weeks) if d < end]
    in_window = [weeks.get(season.debut_week + timedelta(weeks=i)) for i in range(horizon)]
    has_views = all(w.views is not None for w in charted)
    return Window(
        horizon=horizon,
        weeks_in_top10=len(charted),
        hours=sum(w.hours for w in charted),
        views=sum(w.views for w in charted) if has_views else None,
        debut_rank=charted[0].rank,
        peak_rank=min(w.rank for w in charted),
        hours_by_week=tuple(w.hours if w else 0 for w in in_window),
        views_by_week=tuple((w.views if w else 0) if has_views else None for w in in_window),
    )


class PeerIndex:
    """Every debut seen on the chart, per list, for percentile look-ups at one horizon."""

    def __init__(self, history: History, horizon: int):
        self.horizon = horizon
        rows: dict[str, list[tuple[date, object, int, int | None]]] = {}
        for season in history:
            window = chart_window(season, horizon)
            if window is not None:
                rows.setdefault(season.list, []).append(
                    (season.debut_week, season.key, window.hours, window.views))
        self._lists = {name: sorted(r, key=lambda row: row[0]) for name, r in rows.items()}
        self._debuts = {name: [row[0] for row in r] for name, r in self._lists.items()}

    def peers(self, season: SeasonFacts, as_of: date) -> list[tuple]:
        """Same-list seasons that debuted in the 12 months before ``as_of``, fully public."""
        name = season.list
        if name not in self._lists:
            return []
        latest = as_of - CHART_DELAY - timedelta(weeks=self.horizon - 1)
        lo = bisect_left(self._debuts[name], as_of - PEER_WINDOW)
        hi = bisect_right(self._debuts[name], latest)
        return [row for row in self._lists[name][lo:hi] if row[1] != season.key]

    def percentile(self, season: SeasonFacts, as_of: date, value: int | None,
                   column: int) -> tuple[float | None, int]:
        """Share of peers below ``value`` (ties count half) and how many peers there were."""
        if value is None:
            return None, 0
        values = [row[column] for row in self.peers(season, as_of) if row[column] is not None]
        if len(values) < MIN_PEERS:
            return None, len(values)
        below = sum(v < value for v in values)
        equal = sum(v == value for v in values)
        return (below + 0.5 * equal) / len(values), len(values)


@dataclass
class Features:
    """What a forecast knows about one season on one date."""

    season: SeasonFacts
    as_of: date
    horizon: int = 0  # chart weeks used (0: no chart information)
    weeks_since_debut: int = 0
    days_since_premiere: int | None = None
    window: Window | None = None
    weeks_in_top10_so_far: int = 0
    hours_percentile: float | None = None
    views_percentile: float | None = None
    peer_count: int = 0
    runtime: float | None = None
    stance: int = 0  # confirmed positive minus negative statements about another season
    next_season_work: int = 0  # writers' room, filming and the like for a later season
    low_information: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def list(self) -> str | None:
        return self.season.list_as_of(self.as_of)

    @property
    def non_english(self) -> bool:
        return self.list == NON_ENGLISH

    def vector(self) -> dict[str, float]:
        """The model's inputs; a missing peer standing counts as the middle of the pack."""
        values = {
            "hours_percentile": 0.5 if self.hours_percentile is None else self.hours_percentile,
            "weeks_in_top10": float(self.window.weeks_in_top10 if self.window else 0),
            "non_english": float(self.non_english),
            # K-dramas, telenovelas and other non-English drama are mostly told in one
            # season; the list alone mixes them with non-English reality, which returns
            "non_english_scripted": float(self.non_english and self.season.kind == "scripted"),
            "log_season_number": math.log(max(self.season.number, 1)),
            "stance": float(self.stance),
            "next_season_work": float(self.next_season_work),
        }
        for kind in KINDS:
            values[f"kind_{kind}"] = float(self.season.kind == kind)
        return values


FEATURE_NAMES = tuple(Features(SeasonFacts(None, "", 1), date.min).vector())


def features_as_of(season: SeasonFacts, as_of: date, peers: dict[int, PeerIndex],
                   history: History | None = None, horizon: int | None = None) -> Features:
    """Compute ``season``'s features from what was public on ``as_of``.

    ``peers`` maps a horizon to its :class:`PeerIndex` (built on demand from ``history``).
    ``horizon`` forces the number of chart weeks (training rows use the query's horizon).
    """
    found = Features(season, as_of)
    premiered = season.premiered_by(as_of)
    if premiered:
        found.days_since_premiere = (as_of - premiered).days
    found.stance = sum((s.stance == "positive") - (s.stance == "negative")
                       for s in season.statements_by(as_of))
    found.next_season_work = len(season.next_season_work(as_of))
    public = season.chart_public(as_of)
    found.weeks_in_top10_so_far = len(public)
    runtimes = [w.runtime for w in public if w.runtime]
    found.runtime = runtimes[0] if runtimes else None
    if not public:
        found.low_information = True
        found.notes.append("not in the weekly Top 10 so far" if season.platform_name == "Netflix"
                           else f"on {season.platform}, which publishes no viewing chart")
        return found
    if season.debut_week is None:
        found.low_information = True
        found.notes.append("debuted before Netflix began publishing its Top 10 (June 2021)")
        return found
    found.weeks_since_debut = weeks_visible(season.debut_week, as_of)
    found.horizon = horizon or min(found.weeks_since_debut, MAX_HORIZON)
    if found.horizon not in peers:
        if history is None:
            raise ValueError(f"no peer index for horizon {found.horizon}")
        peers[found.horizon] = PeerIndex(history, found.horizon)
    index = peers[found.horizon]
    found.window = chart_window(season, found.horizon)
    found.hours_percentile, found.peer_count = index.percentile(
        season, as_of, found.window.hours, 2)
    found.views_percentile, _ = index.percentile(season, as_of, found.window.views, 3)
    return found
