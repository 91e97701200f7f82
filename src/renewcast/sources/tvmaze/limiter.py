"""Keep renewcast under TVmaze's rate limit, and slow down further when told to.

TVmaze allows at least 20 calls every 10 seconds per IP address and answers 429
above that. A sync of a few hundred shows would hit that wall within seconds, so
every request first takes a turn here: a sliding window shared by all threads
that blocks until fewer than N requests were made in the last W seconds. A turn
is stamped again when its response has arrived, so a slow request can never let
the next one reach the server less than W seconds after it.

When TVmaze still answers 429 (another program on the same IP, a stricter limit
than documented), :meth:`RateLimiter.slow_down` halves the allowed calls for the
rest of the run and :meth:`RateLimiter.hold` pauses every thread for the time
TVmaze asked for (:func:`retry_after_seconds` reads it): the sync gets slower,
and finishes.

Clock and sleep are injected so tests can check the waits without waiting.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

MIN_WAIT = 0.001  # when only requests still in flight fill the window, poll this often


class _Turn:
    __slots__ = ("at", "open")

    def __init__(self, at: float) -> None:
        self.at = at  # when the request was sent, then when its answer arrived
        self.open = True  # the request has not finished yet


class RateLimiter:
    """At most ``calls`` requests in any ``window`` seconds, across every thread."""

    def __init__(
        self,
        calls: int,
        window: float,
        *,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if isinstance(calls, bool) or not isinstance(calls, int) or calls < 1:
            raise ValueError(f"a rate limit needs at least 1 call per window, not {calls!r}")
        if not window > 0:
            raise ValueError(f"a rate-limit window must be over 0 seconds, not {window!r}")
        self.limit = calls  # what the run started with
        self.window = float(window)
        self._calls = calls
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._turns: list[_Turn] = []
        self._hold_until = float("-inf")
        self._slowed_at = float("-inf")
        self.waited = 0.0  # seconds spent blocked here, summed over threads
        self.slowdowns = 0

    @property
    def calls(self) -> int:
        """How many calls per window are allowed now (lower after :meth:`slow_down`)."""
        return self._calls

    @contextmanager
    def turn(self) -> Iterator[float]:
        """Wait for a free slot, then hold it while the request runs; yields seconds waited."""
        turn, waited = self._acquire()
        try:
            yield waited
        finally:
            with self._lock:
                turn.at = max(turn.at, self._clock())
                turn.open = False

    def wait_time(self) -> float:
        """Seconds a request starting now would have to wait (0 when it could go at once)."""
        with self._lock:
            return self._wait_locked(self._clock())

    def slow_down(self) -> bool:
        """Halve the allowed calls per window (never below 1) after TVmaze said 429.

        Several requests in flight often get their 429 together; only the first of
        them within one window counts, so one burst does not collapse the rate to 1.
        Returns whether the rate went down.
        """
        with self._lock:
            now = self._clock()
            if now - self._slowed_at < self.window or self._calls == 1:
                return False
            self._calls = max(1, self._calls // 2)
            self._slowed_at = now
            self.slowdowns += 1
            return True

    def hold(self, seconds: float) -> None:
        """Let no request start for ``seconds`` from now (TVmaze's Retry-After)."""
        with self._lock:
            self._hold_until = max(self._hold_until, self._clock() + max(0.0, seconds))

    def _acquire(self) -> tuple[_Turn, float]:
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                wait = self._wait_locked(now)
                if wait <= 0:
                    turn = _Turn(now)
                    self._turns.append(turn)
                    self.waited += waited
                    return turn, waited
            self._sleep(wait)
            waited += wait

    def _wait_locked(self, now: float) -> float:
        horizon = now - self.window
        self._turns = [t for t in self._turns if t.open or t.at > horizon]
        wait = self._hold_until - now
        if len(self._turns) >= self._calls:
            stamps = sorted(t.at for t in self._turns)
            # The oldest turns that must leave the window before there is room for one more.
            free_at = stamps[len(stamps) - self._calls] + self.window
            wait = max(wait, free_at - now, MIN_WAIT)
        return max(wait, 0.0)


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds, or an HTTP date)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when is None or when.tzinfo is None:
            return None
        seconds = when.timestamp() - time.time()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)
