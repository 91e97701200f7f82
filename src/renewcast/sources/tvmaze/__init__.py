"""TVmaze, the free TV database, as a pure-Python source for renewcast.

TVmaze (https://www.tvmaze.com/api) knows each show's network or streaming
service, seasons with premiere dates, episodes, cast and crew. This package asks
it politely (:mod:`.limiter`), remembers its answers (:mod:`.cache`), turns them
into plain dataclasses (:mod:`.parse`) and does all of it through one client
(:mod:`.client`). Like every reader under :mod:`renewcast.sources` it never
imports Django; writing into the knowledge base is the sync code's job.
"""

from renewcast.sources.tvmaze.cache import CacheEntry, ResponseCache
from renewcast.sources.tvmaze.client import ClientStats, TvmazeClient, parse_rate
from renewcast.sources.tvmaze.limiter import RateLimiter
from renewcast.sources.tvmaze.parse import (
    TvCastRole,
    TvCrewRole,
    TvEpisode,
    TvMatch,
    TvmazeError,
    TvmazeNotFound,
    TvPerson,
    TvSeason,
    TvShow,
    parse_search,
    parse_show,
    parse_updates,
    plain_text,
)

__all__ = [
    "CacheEntry",
    "ClientStats",
    "RateLimiter",
    "ResponseCache",
    "TvCastRole",
    "TvCrewRole",
    "TvEpisode",
    "TvMatch",
    "TvPerson",
    "TvSeason",
    "TvShow",
    "TvmazeClient",
    "TvmazeError",
    "TvmazeNotFound",
    "parse_rate",
    "parse_search",
    "parse_show",
    "parse_updates",
    "plain_text",
]
