"""Ask TVmaze about shows politely: paced, retried, cached, and never with a stack trace.

TVmaze is free and keyless but rate limited (429 above about 20 calls in 10 s),
sometimes busy (5xx) or unreachable, and it answers a lookup by IMDb id with a
redirect. :class:`TvmazeClient` hides all of that behind a handful of calls
that return the plain dataclasses of :mod:`renewcast.sources.tvmaze.parse`:
every request waits its turn in the :class:`RateLimiter`, transient failures
are retried with exponential backoff (or TVmaze's ``Retry-After``), unchanged
answers come back as 304 from the :class:`ResponseCache`, and every failure
ends as one :class:`TvmazeError` line a user can read. :class:`ClientStats`
says afterwards what that cost.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from renewcast.sources.errors import first_line
from renewcast.sources.tvmaze.cache import ResponseCache
from renewcast.sources.tvmaze.limiter import RateLimiter, retry_after_seconds
from renewcast.sources.tvmaze.parse import (
    TvMatch,
    TvmazeError,
    TvmazeNotFound,
    TvShow,
    parse_search,
    parse_show,
    parse_updates,
)

__all__ = ["ClientStats", "TvmazeClient", "TvmazeError", "TvmazeNotFound", "parse_rate"]

DEFAULT_URL = "https://api.tvmaze.com"
EMBEDS = ("seasons", "episodes", "cast", "crew")
SINCE = ("day", "week", "month")
RETRY_STATUSES = {429: "429", 500: "5xx", 502: "5xx", 503: "5xx", 504: "5xx"}
REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
IMDB_ID = re.compile(r"tt\d+")
RATE = re.compile(r"(\d+)\s*/\s*(\d+(?:\.\d*)?|\.\d+)\s*s?")


@dataclass
class ClientStats:
    calls: int = 0  # HTTP requests actually sent, retries and redirect hops included
    cache_hits: int = 0  # 304s answered from the cache
    retries: Counter = field(default_factory=Counter)  # "429", "5xx", "connection", "timeout"
    waited: float = 0.0  # seconds the rate limiter held requests back
    backoff: float = 0.0  # seconds slept before retries (Retry-After included)

    def summary(self) -> str:
        parts = [f"{self.calls} call{'' if self.calls == 1 else 's'}",
                 f"{self.cache_hits} answered from cache"]
        retried = sum(self.retries.values())
        reasons = ", ".join(f"{k}: {n}" for k, n in sorted(self.retries.items()) if n)
        parts.append(f"{retried} retried" + (f" ({reasons})" if reasons else ""))
        parts.append(f"waited {self.waited:.1f} s for the rate limit")
        if self.backoff:
            parts.append(f"backed off {self.backoff:.1f} s")
        return ", ".join(parts)


def parse_rate(text: str) -> tuple[int, float] | None:
    """``"20/10"`` (calls per seconds) as ``(20, 10.0)``; ``"0"`` or ``""`` as no limit."""
    cleaned = (text or "").strip().lower()
    if cleaned in ("", "0", "none", "off"):
        return None
    match = RATE.fullmatch(cleaned)
    if not match:
        raise ValueError(
            f"rate {text!r} is not like 20/10 (calls per seconds), or 0 for no limit"
        )
    calls, window = int(match.group(1)), float(match.group(2))
    if calls == 0:
        return None
    if window <= 0:
        raise ValueError(f"rate {text!r} has a window of 0 seconds; use 0 for no limit")
    return calls, window


class TvmazeClient:
    """A paced, retrying, caching client for the few TVmaze endpoints renewcast uses."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        rate: tuple[int, float] | None = (20, 10.0),
        retries: int = 5,
        backoff: float = 1.0,
        max_backoff: float = 60.0,
        timeout: float = 15.0,
        cache_dir: Path | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], object] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        user_agent: str = "renewcast (+https://github.com/renewcast)",
    ) -> None:
        base = (base_url or "").strip()
        if not re.match(r"https?://[^/\s]+", base, re.I):
            raise TvmazeError(f"the TVmaze address {base_url!r} is not an http(s) URL")
        self.base_url = base.rstrip("/")
        self.retries = max(0, int(retries))
        self.backoff = max(0.0, float(backoff))
        self.max_backoff = max(0.0, float(max_backoff))
        self.limiter = RateLimiter(*rate, sleep=sleep, clock=clock) if rate else None
        self.cache = ResponseCache(cache_dir)
        self.stats = ClientStats()
        self._sleep = sleep
        self._random = random.Random()
        self._lock = threading.Lock()
        self._http = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # followed here, so every hop is paced and counted
            headers={"User-Agent": user_agent, "Accept": "application/json"},
        )

    # -- the endpoints ---------------------------------------------------------------------

    def search(self, title: str) -> list[TvMatch]:
        """Every show TVmaze finds for ``title``, best first (empty when none)."""
        return parse_search(self._get("/search/shows", [("q", _title(title))]))

    def best_match(self, title: str) -> TvShow | None:
        """TVmaze's single best show for ``title``, or None when it finds nothing."""
        try:
            data = self._get("/singlesearch/shows", [("q", _title(title))])
        except TvmazeNotFound:
            return None
        return parse_show(data)

    def by_imdb(self, imdb_id: str) -> TvShow | None:
        """The show with this IMDb id (found through TVmaze's redirect), or None."""
        cleaned = imdb_id.strip() if isinstance(imdb_id, str) else ""
        if not IMDB_ID.fullmatch(cleaned):
            raise TvmazeError(f"{str(imdb_id)[:40]!r} is not an IMDb id like tt0944947")
        try:
            data = self._get("/lookup/shows", [("imdb", cleaned)])
        except TvmazeNotFound:
            return None
        return parse_show(data)

    def show(self, tvmaze_id: int) -> TvShow:
        """One show with its seasons, episodes, cast and crew, in a single call."""
        if isinstance(tvmaze_id, bool) or not isinstance(tvmaze_id, int) or tvmaze_id < 1:
            raise TvmazeError(f"{tvmaze_id!r} is not a TVmaze show id (a whole number from 1)")
        params = [("embed[]", embed) for embed in EMBEDS]
        try:
            data = self._get(f"/shows/{tvmaze_id}", params)
        except TvmazeNotFound:
            raise TvmazeNotFound(f"TVmaze has no show {tvmaze_id}") from None
        return parse_show(data)

    def updates(self, since: str = "day") -> dict[int, int]:
        """``{show id: unix time last updated}`` for shows changed in the last day/week/month."""
        if since not in SINCE:
            raise TvmazeError(f"since must be day, week or month, not {str(since)[:20]!r}")
        return parse_updates(self._get("/updates/shows", [("since", since)]))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> TvmazeClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- one GET: redirects, cache, JSON -----------------------------------------------------

    def _get(self, path: str, params: list[tuple[str, str]]) -> Any:
        url = self._http.build_request("GET", path, params=params).url
        label = _label(path, params)
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(url, label)
            if response.status_code not in REDIRECTS:
                break
            location = response.headers.get("location")
            if not location:
                raise TvmazeError(f"TVmaze answered HTTP {response.status_code} for {label} "
                                  "without saying where to")
            url = url.join(location)
        else:
            raise TvmazeError(f"TVmaze redirected {label} more than {MAX_REDIRECTS} times")
        key = str(url)
        status = response.status_code
        if status == 304:
            entry = self.cache.get(key)
            if entry is None:
                raise TvmazeError(f"TVmaze answered 304 Not Modified for {label}, "
                                  "but nothing is cached")
            with self._lock:
                self.stats.cache_hits += 1
            return self._json(entry.body, label)
        if status == 404:
            raise TvmazeNotFound(f"TVmaze has nothing at {label}")
        if status != 200:
            reason = response.reason_phrase or "error"
            raise TvmazeError(f"TVmaze answered HTTP {status} {reason} for {label}")
        data = self._json(response.content, label)
        self.cache.put(key, response.content, response.headers.get("etag"),
                       response.headers.get("last-modified"))
        return data

    def _json(self, body: bytes, label: str) -> Any:
        try:
            return json.loads(body)
        except ValueError:
            raise TvmazeError(f"TVmaze sent something that is not JSON for {label}") from None

    # -- one request: pacing and retries ---------------------------------------------------

    def _send(self, url: httpx.URL, label: str) -> httpx.Response:
        last = ""
        for attempt in range(self.retries + 1):
            entry = self.cache.get(str(url))
            headers = entry.validators() if entry else {}
            retry_after = None
            turn = self.limiter.turn() if self.limiter else nullcontext(0.0)
            with turn as waited:
                try:
                    response = self._http.get(url, headers=headers)
                except httpx.TimeoutException:
                    kind, last = "timeout", "timed out"
                except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
                    kind, last = "connection", "connection dropped"
                except (httpx.ConnectError, httpx.NetworkError):
                    kind, last = "connection", "could not connect"
                except httpx.HTTPError as exc:
                    raise TvmazeError(f"could not ask TVmaze for {label}: {first_line(exc)}") \
                        from None
                else:
                    kind = RETRY_STATUSES.get(response.status_code)
                    last = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    retry_after = retry_after_seconds(response.headers.get("retry-after"))
                finally:
                    with self._lock:
                        self.stats.calls += 1
                        self.stats.waited += waited
            if kind is None:
                return response
            if attempt == self.retries:
                break
            if kind == "429":
                delay = self._pause(attempt) if retry_after is None else retry_after
                delay = min(delay, self.max_backoff)
                if self.limiter:
                    self.limiter.slow_down()
                    self.limiter.hold(delay)
            else:
                delay = self._pause(attempt)
            with self._lock:
                self.stats.retries[kind] += 1
                self.stats.backoff += delay
            if delay > 0:
                self._sleep(delay)
        tries = self.retries + 1
        raise TvmazeError(f"TVmaze did not answer {label} after {tries} "
                          f"tr{'y' if tries == 1 else 'ies'} (last: {last})")

    def _pause(self, attempt: int) -> float:
        """Exponential backoff for retry ``attempt`` (0-based), capped, plus up to 10% jitter."""
        delay = min(self.max_backoff, self.backoff * 2**attempt)
        return delay + self._random.uniform(0, delay * 0.1)


def _title(title: str) -> str:
    cleaned = " ".join(title.split()) if isinstance(title, str) else ""
    if not cleaned:
        raise TvmazeError("a TVmaze search needs a title")
    return cleaned


def _label(path: str, params: list[tuple[str, str]]) -> str:
    """The request as a user reads it in a message: ``/search/shows?q=The Bear``."""
    shown = [f"{k}={v}" for k, v in params if not k.startswith("embed")]
    text = path + ("?" + "&".join(shown) if shown else "")
    return text if len(text) <= 100 else text[:99] + "…"
