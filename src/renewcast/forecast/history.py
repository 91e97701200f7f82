"""The facts a forecast may use, each with the date it became public.

A forecast as of a date may only see what was public on that date. Every fact here
therefore knows its ``public_on`` date: a chart week two days after the Sunday that ends
it (Netflix publishes on Tuesday), an event on its announcement date (the end of the month
or year when only that is known, so a month-only date never leaks early), a statement on
the day it was said. The Django side builds a :class:`History` from the database; tests
and benchmarks can build one by hand.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property

from renewcast.forecast.coverage import NO, YES, Coverage, names
from renewcast.sources.kinds import NOT_RENEWABLE
from renewcast.sources.reference import REFERENCE_URLS

CHART_DELAY = timedelta(days=2)
# Netflix's first published weekly Top 10 ends on this Sunday. Every season on it shows
# one week on the list, including those already weeks or years into their run.
FIRST_CHART_WEEK = date(2021, 7, 4)
NON_ENGLISH = "TV (Non-English)"
RENEWED, CANCELED, ENDED = "renewed", "canceled", "ended"
DECISION_OUTCOMES = {"renewal": RENEWED, "cancellation": CANCELED, "ending": ENDED}
NEXT_SEASON_WORK = ("writers_room", "filming_start", "filming_wrap", "date_announced", "trailer")
# A Netflix original with no renewal this long after its premiere is labeled "not renewed"
# for training, from that day on. Nine in ten announced renewals come sooner; chosen on the
# seasons that debuted before July 2024 (docs/forecasting.md, "The labels it learns from").
QUIET_AFTER = timedelta(days=365)


@dataclass(frozen=True)
class ChartWeek:
    week: date  # the Sunday that ends the chart week
    list: str
    rank: int
    hours: int
    views: int | None = None
    runtime: float | None = None
    weeks_on_list: int = 1

    @property
    def public_on(self) -> date:
        return self.week + CHART_DELAY


@dataclass(frozen=True)
class Event:
    kind: str  # the catalog's EventKind values: renewal, cancellation, writers_room, ...
    date: date
    precision: str = "day"
    season_number: int | None = None
    # when a future date (an announced premiere) was made public; None: on the date itself
    announced: date | None = None
    source: str = ""  # the address it was read from, shown beside an announced date
    covers: tuple[int, ...] = ()  # for a renewal: the seasons it orders (empty: the next)
    final_season: int | None = None  # the season it names as the last, if it does

    @property
    def public_on(self) -> date:
        if self.announced and self.announced <= self.date:
            return self.announced
        if self.precision == "month":
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        if self.precision == "year":
            return self.date.replace(month=12, day=31)
        return self.date


@dataclass(frozen=True)
class Statement:
    said_on: date
    stance: str  # positive / negative / neutral
    speaker: str = ""

    @property
    def public_on(self) -> date:
        return self.said_on


@dataclass(frozen=True)
class ReportFigure:
    """A season's figure in one of Netflix's half-yearly engagement reports: views (hours
    where a report gives no views), for that half-year only, public from the report's day."""

    period_start: date
    period_end: date
    published_on: date
    views: int
    release: date | None = None  # Netflix's release date, where the report gives one
    measure: str = "views"  # "hours" for the first report (2023 H1), which had no views


@dataclass(frozen=True)
class Decision:
    outcome: str  # renewed / canceled / ended
    event: Event
    # True when no dated announcement is known: a later season in Netflix's files proves
    # it, or a reference table says so as of its snapshot day. A true label, but its date
    # says nothing of when the decision came: models learn from it, decision windows not.
    proven: bool = False
    # True when the announcement is about a later season ("renewed after season 3" tells
    # that season 2 was renewed), or orders one beyond the next ("renewed for season 3"
    # while season 1 is out): a true label, but its date says nothing of when the next
    # season's own decision came
    implied: bool = False
    # True for a quiet non-renewal: no renewal QUIET_AFTER past the premiere. A label for
    # training and testing only; no page calls the season canceled for it.
    quiet: bool = False

    @property
    def public_on(self) -> date:
        return self.event.public_on

    @property
    def dated(self) -> bool:
        """Whether its date is the decision's own announcement (what decision windows use)."""
        return not (self.implied or self.proven or self.quiet)


@dataclass
class SeasonFacts:
    """One season and everything known about it and its show, with dates."""

    key: object
    show_title: str
    number: int
    kind: str = ""  # scripted, reality, docuseries, animation or "" when unknown
    premiere_date: date | None = None
    chart: tuple[ChartWeek, ...] = ()
    events: tuple[Event, ...] = ()  # this season's events, decisions included
    show_events: tuple[Event, ...] = ()  # events about the show's later seasons
    statements: tuple[Statement, ...] = ()
    label: str = ""
    show_key: object = None  # None: the title names the show
    platform: str = ""  # the network or streamer; "" when unknown (the Top 10's are Netflix's)
    # Every renewal, cancellation and ending announced about the show, whichever season it
    # follows: a renewal "for seasons 5 and 6" after season 3 decides season 4's fate too.
    show_decisions: tuple[Event, ...] = ()
    # When a later season of the show first became public (its first chart or premiere):
    # Netflix's own files then prove this season was renewed, article or not.
    successor_public: date | None = None
    successor_source: str = ""
    # Whether Netflix made it (None: unknown) and whether it was made as a limited series:
    # only a Netflix original of a renewable kind can go quietly unrenewed.
    original: bool | None = None
    limited: bool = False
    engagement: tuple[ReportFigure, ...] = ()

    def __post_init__(self) -> None:
        self.chart = tuple(sorted(self.chart, key=lambda w: w.week))

    @property
    def platform_name(self) -> str:
        return self.platform or "Netflix"  # the Top 10's seasons carry no platform

    @property
    def name(self) -> str:
        return f"{self.show_title}: {self.label or f'Season {self.number}'}"

    @cached_property
    def debut_week(self) -> date | None:
        """The Sunday ending its first chart week, when the chart saw its debut.

        A season already in its second week or later on its first chart row, or on the
        very first published chart, may have debuted before Netflix began publishing; its
        debut is unknown.
        """
        if not self.chart or self.chart[0].weeks_on_list != 1:
            return None
        if self.chart[0].week <= FIRST_CHART_WEEK:
            return None
        return self.chart[0].week

    @property
    def premiere_estimate(self) -> date | None:
        """Its premiere date, else the Friday of its debut chart week (the usual drop day).

        A premiere date after the season was already charting is a later re-release: the
        chart's first week wins, so no later file moves a premiere into the future."""
        if self.premiere_date and not (self.chart and self.premiere_date > self.chart[0].week):
            return self.premiere_date
        return self.debut_week - timedelta(days=2) if self.debut_week else None

    @property
    def list(self) -> str | None:
        """Its chart list, from the whole chart: only for code that already checked dates."""
        return self.chart[0].list if self.chart else None

    def list_as_of(self, as_of: date) -> str | None:
        """Its chart list as known on ``as_of`` (None before its first chart is out)."""
        return self.chart[0].list if self.chart and self.chart[0].public_on <= as_of else None

    def premiered_by(self, as_of: date) -> date | None:
        """The premiere (or first chart week) as public on ``as_of``, if any."""
        if self.premiere_date and self.premiere_date <= as_of and not (
                self.chart and self.premiere_date > self.chart[0].week):
            return self.premiere_date
        if self.debut_week and self.debut_week + CHART_DELAY <= as_of:
            return self.debut_week - timedelta(days=6)
        return None

    def chart_public(self, as_of: date) -> tuple[ChartWeek, ...]:
        return tuple(w for w in self.chart if w.public_on <= as_of)

    @cached_property
    def decision_events(self) -> tuple[Event, ...]:
        """Decisions about the show, earliest public first; one on this season with no
        season number is taken to follow (or, for an ending, to end) this season."""
        own = (replace(e, season_number=self.number) if e.season_number is None else e
               for e in self.events if e.kind in DECISION_OUTCOMES)
        found = {}
        for event in (*own, *self.show_decisions):
            if event.kind in DECISION_OUTCOMES:
                found.setdefault((event.kind, event.date, event.season_number, event.covers,
                                  event.final_season), event)
        return tuple(sorted(found.values(), key=lambda e: (e.public_on, e.date)))

    def decision(self, as_of: date | None = None) -> Decision | None:
        """What was decided about a season after this one, as public by ``as_of`` (any
        time if None): the announcements folded by :mod:`~renewcast.forecast.coverage`,
        else the next season's own appearance in Netflix's files."""
        if as_of is None and "_decided" in self.__dict__:
            return self.__dict__["_decided"]
        events = [e for e in self.decision_events if as_of is None or e.public_on <= as_of]
        ruling = Coverage.of(events, self.number).ruling(self.number + 1)
        found = None
        if ruling.answer == YES:
            # an announcement "after season 3" also tells that season 2 was renewed
            found = Decision(RENEWED, ruling.decision,
                             implied=((ruling.decision.season_number or 0) > self.number
                                      or not names(ruling.decision, self.number + 1)),
                             proven=ruling.decision.source in REFERENCE_URLS)
        elif ruling.answer == NO:
            found = Decision(ruling.outcome, ruling.decision,
                             proven=ruling.decision.source in REFERENCE_URLS)
        elif self.successor_public and (as_of is None or self.successor_public <= as_of):
            found = Decision(RENEWED, Event("renewal", self.successor_public, "day", self.number,
                                            source=self.successor_source), proven=True)
        if as_of is None:
            self.__dict__["_decided"] = found
        return found

    @property
    def renewable(self) -> bool:
        """A Netflix original of a kind that gets renewed, not a one-season limited series."""
        return (self.original is True and self.platform_name == "Netflix"
                and self.kind not in NOT_RENEWABLE and not (self.limited and self.number == 1))

    def settled_by(self, as_of: date) -> bool:
        """Whether its premiere, as public on ``as_of``, was ``QUIET_AFTER`` before it."""
        start = self.premiered_by(as_of)
        return start is not None and start + QUIET_AFTER <= as_of

    def fate(self, as_of: date) -> Decision | None:
        """What a model may learn about this season as of ``as_of``: its decision, a renewal
        proven by Netflix's files, or, for a renewable original with neither by
        ``QUIET_AFTER`` past its premiere, a quiet non-renewal dated that day."""
        decided = self.decision(as_of)
        # A reference table's "ended" is what silence says anyway, dated by the day the
        # table was copied; the quiet rule below dates it by the premiere for everyone.
        if decided is not None and not (decided.outcome != RENEWED and decided.proven
                                        and decided.event.source in REFERENCE_URLS):
            return decided
        if not self.renewable:
            return decided
        if not self.settled_by(as_of):
            return None
        return Decision(CANCELED, Event("quiet", self.premiered_by(as_of) + QUIET_AFTER, "day",
                                        self.number), quiet=True)

    def next_season_work(self, as_of: date) -> list[Event]:
        return [e for e in self.show_events
                if e.kind in NEXT_SEASON_WORK and e.public_on <= as_of]

    def statements_by(self, as_of: date) -> list[Statement]:
        return [s for s in self.statements if s.public_on <= as_of]


def is_label(season: SeasonFacts, decision: Decision | None, as_of: date) -> bool:
    """Whether a fate known on ``as_of`` can teach or test a renewal model: renewed or not,
    never an ending.

    Netflix's files and silence label only renewable originals whose debut the Top 10 saw
    (published by ``as_of``, within two weeks of the premiere: not a re-run charting years
    later): older seasons are in the catalog mostly because a later one charted, so counting
    their proven renewals would overstate how many shows return."""
    if decision is None or decision.outcome == ENDED:
        return False
    if not (decision.proven or decision.quiet):
        return True
    debut, start = season.debut_week, season.premiered_by(as_of)
    return (season.renewable and debut is not None and debut + CHART_DELAY <= as_of
            and start is not None and start >= debut - timedelta(days=14))


@dataclass
class History:
    """All seasons a forecast may draw on, looked up by key."""

    seasons: dict[object, SeasonFacts] = field(default_factory=dict)
    _by_show: dict | None = field(default=None, init=False, repr=False, compare=False)
    _labeled: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, seasons: Iterable[SeasonFacts]) -> History:
        return cls({s.key: s for s in seasons})

    def __getitem__(self, key) -> SeasonFacts:
        return self.seasons[key]

    def __contains__(self, key) -> bool:
        return key in self.seasons

    def __iter__(self):
        return iter(self.seasons.values())

    def __len__(self) -> int:
        return len(self.seasons)

    def season_of(self, season: SeasonFacts, number: int) -> SeasonFacts | None:
        """Another season of the same show, by number."""
        if self._by_show is None:
            self._by_show = {}
            for other in self:
                show = other.show_key if other.show_key is not None else other.show_title
                self._by_show[(show, other.number)] = other
        show = season.show_key if season.show_key is not None else season.show_title
        return self._by_show.get((show, number))

    def labeled(self, before: date) -> list[tuple[SeasonFacts, Decision]]:
        """Seasons renewed or not as known strictly before ``before``, as it stood then (a
        later reversal is not seen): announced decisions, renewals proven by a later season
        in Netflix's files or a reference table, and quiet non-renewals
        (:meth:`SeasonFacts.fate`)."""
        if before in self._labeled:
            return self._labeled[before]
        out = []
        day = before - timedelta(days=1)
        for season in self:
            decision = season.fate(day)
            if not is_label(season, decision, day):
                continue
            # Only seasons whose fate was settled by then, one way or the other: younger
            # ones are labeled only when renewed fast or canceled loudly, which would teach
            # the model that most seasons are renewed quickly.
            if season.renewable and not season.settled_by(day):
                continue
            out.append((season, decision))
        if len(self._labeled) > 64:
            self._labeled.clear()
        self._labeled[before] = out
        return out
