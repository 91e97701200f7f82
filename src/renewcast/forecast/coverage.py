"""What a decision covers: the one place that says which seasons are ordered and which is last.

A renewal names the seasons it orders ("seasons 5 and 6"), an ending names the last season
("a fifth and final season"), a cancellation ends the show after a released season. The
status of a show, the answer on every season page, the calendar, the API and the
forecaster's labels all follow from folding those decisions in date order, never from the
date order of announcements alone (see "What a decision covers" in DESIGN.md).

Plain Python: a decision is anything with ``kind`` (``renewal``, ``cancellation``,
``ending``), ``season_number`` (the latest released season when it was announced; for an
ending, the final season when ``final_season`` is not given), ``covers`` (season numbers a
renewal orders; empty means the next one) and ``final_season``. The catalog's events and the
forecaster's events both have those attributes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

RENEWAL, CANCELLATION, ENDING = "renewal", "cancellation", "ending"
DECISION_KINDS = (RENEWAL, CANCELLATION, ENDING)
# The show's status words (the catalog's Status values).
AWAITING, RENEWED, CANCELED, ENDED = "awaiting", "renewed", "canceled", "ended"
YES, NO, OPEN = "yes", "no", "open"


@dataclass(frozen=True)
class Ruling:
    """The answer to "is there a season ``number``?" for a season not yet out."""

    number: int
    answer: str  # yes / no / open
    decision: object | None = None  # the event that ordered it, or that ruled it out
    last: int | None = None  # with "no": the last season
    outcome: str = ""  # with "no": canceled or ended

    @property
    def decided(self) -> bool:
        return self.answer != OPEN


def covered(event) -> tuple[int, ...]:
    """The seasons a renewal orders: its ``covers``, else the one after ``season_number``."""
    return ordered(getattr(event, "covers", None), event.season_number or 0)


def ordered(covers, after: int) -> tuple[int, ...]:
    """The seasons named in ``covers``, else the one after season ``after``."""
    return tuple(sorted({int(n) for n in covers or () if n})) or (after + 1,)


def names(event, number: int) -> bool:
    """Whether the event itself orders season ``number``. "Renewed for season 3" while season
    1 is the latest out tells that season 2 is ordered too, but not when that was decided."""
    if event.kind == RENEWAL and number in covered(event):
        return True
    return final_of(event) == number


def final_of(event) -> int | None:
    """The season an event names as the last one, if any."""
    final = getattr(event, "final_season", None)
    if final:
        return int(final)
    if event.kind == ENDING:
        return event.season_number or None
    return None


@dataclass
class Coverage:
    """Decisions folded in the order given (earliest first), seen from ``released``."""

    released: int
    ordered: dict[int, object] = field(default_factory=dict)  # season -> event ordering it
    last: int | None = None
    last_event: object | None = None
    last_outcome: str = ""

    @classmethod
    def of(cls, decisions: Iterable, released: int) -> Coverage:
        fold = cls(released)
        for event in decisions:
            fold.add(event)
        return fold

    def add(self, event) -> None:
        kind = event.kind
        if kind == CANCELLATION:
            after = event.season_number or self.released
            self.released = max(self.released, after)
            self.ordered = {n: e for n, e in self.ordered.items() if n <= after}
            self.last, self.last_event, self.last_outcome = after, event, CANCELED
            return
        final = final_of(event)
        if kind == RENEWAL:
            after = event.season_number or 0
            self.released = max(self.released, after)
            top = max(covered(event) + ((final,) if final else ()))
            first = min(covered(event))
            # "seasons 5 and 6" ordered after season 3 means season 4 is being made too
            for number in range(min(first, after + 1), top + 1):
                self.ordered.setdefault(number, event)
            if final is None and self.last is not None and self.last < top:
                self.last, self.last_event, self.last_outcome = None, None, ""
        if final is not None:
            for number in range(1, final + 1):
                self.ordered.setdefault(number, event)
            self.ordered = {n: e for n, e in self.ordered.items() if n <= final}
            self.last, self.last_event, self.last_outcome = final, event, ENDED

    def _last(self) -> int | None:
        # A season out beyond the announced last one means the show was brought back.
        return self.last if self.last is not None and self.last >= self.released else None

    def ruling(self, number: int) -> Ruling:
        """Is there a season ``number``? Meant for a season after the latest released one."""
        last = self._last()
        if last is not None and number > last:
            return Ruling(number, NO, self.last_event, last, self.last_outcome)
        later = [n for n in self.ordered if n >= number]
        if later:
            return Ruling(number, YES, self.ordered.get(number) or self.ordered[min(later)])
        return Ruling(number, OPEN)

    @property
    def status(self) -> str:
        return self.status_and_event()[0]

    def status_and_event(self) -> tuple[str, object | None]:
        """The show's status after its latest released season, and the event behind it."""
        nxt = self.ruling(self.released + 1)
        if nxt.answer == YES:
            return RENEWED, nxt.decision
        if nxt.answer == NO:
            return nxt.outcome, nxt.decision
        return AWAITING, None

    @property
    def ordered_through(self) -> int:
        """The highest season number ordered (the latest released if none)."""
        return max([self.released, *self.ordered])
