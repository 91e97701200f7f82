"""Turn TVmaze's JSON into small frozen dataclasses, forgiving about what is optional.

TVmaze documents its shapes (https://www.tvmaze.com/api) but leaves many fields
null or absent: a show on no network, a season with no dates yet, an episode
with an empty airdate. This module is the one place that knows those shapes, so
the client only moves bytes and the sync code only sees plain values. Anything
that is not a show at all (no id or name) is refused with a one-line
:class:`TvmazeError`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from renewcast.sources.errors import SourceError


class TvmazeError(SourceError):
    """TVmaze could not be asked, or its answer cannot be used; the message is one line."""


class TvmazeNotFound(TvmazeError):
    """TVmaze answered 404: it has no such show."""


@dataclass(frozen=True)
class TvPerson:
    tvmaze_id: int
    name: str


@dataclass(frozen=True)
class TvCastRole:
    person: TvPerson
    character: str  # "" when TVmaze names no character
    voice: bool
    self_: bool  # the person plays themself


@dataclass(frozen=True)
class TvCrewRole:
    person: TvPerson
    job: str  # TVmaze's crew "type": "Creator", "Executive Producer", ...


@dataclass(frozen=True)
class TvEpisode:
    tvmaze_id: int
    season: int
    number: int | None  # None for most specials
    name: str
    airdate: dt.date | None
    runtime: int | None
    special: bool  # TVmaze type "significant_special" or "insignificant_special"


@dataclass(frozen=True)
class TvSeason:
    tvmaze_id: int
    number: int
    name: str
    episode_order: int | None
    premiere_date: dt.date | None
    end_date: dt.date | None
    platform: str | None  # the season's network or web channel name


@dataclass(frozen=True)
class TvShow:
    tvmaze_id: int
    url: str
    name: str
    kind: str  # TVmaze "type": "Scripted", "Reality", ...
    language: str
    genres: tuple[str, ...]
    status: str  # "Running", "Ended", "To Be Determined", "In Development"
    premiered: dt.date | None
    ended: dt.date | None
    platform: str | None  # network name, else web channel name
    platform_kind: str | None  # "network" or "web"
    country: str | None  # ISO 3166 code of the network's (or web channel's) country
    imdb_id: str | None
    updated: int | None  # unix time TVmaze last changed the show
    summary: str  # plain text, HTML tags stripped
    seasons: tuple[TvSeason, ...] = ()
    episodes: tuple[TvEpisode, ...] = ()
    cast: tuple[TvCastRole, ...] = ()
    crew: tuple[TvCrewRole, ...] = ()


@dataclass(frozen=True)
class TvMatch:
    score: float
    show: TvShow


def parse_show(data: Any) -> TvShow:
    """A show (with whatever of seasons, episodes, cast and crew is under ``_embedded``)."""
    if not isinstance(data, dict):
        raise TvmazeError(f"TVmaze sent {_kind_of(data)} where a show was expected")
    tvmaze_id, name = _int(data.get("id")), _text(data.get("name"))
    if tvmaze_id is None or not name:
        missing = "id" if tvmaze_id is None else "name"
        raise TvmazeError(f"TVmaze sent something that is not a show (it has no {missing})")
    network, web = _obj(data, "network"), _obj(data, "webChannel")
    platform, kind, channel = None, None, {}
    if _text(network.get("name")):
        platform, kind, channel = _text(network.get("name")), "network", network
    elif _text(web.get("name")):
        platform, kind, channel = _text(web.get("name")), "web", web
    embedded = _obj(data, "_embedded")
    genres = data.get("genres") if isinstance(data.get("genres"), list) else []
    return TvShow(
        tvmaze_id=tvmaze_id,
        url=_text(data.get("url")),
        name=name,
        kind=_text(data.get("type")),
        language=_text(data.get("language")),
        genres=tuple(g.strip() for g in genres if isinstance(g, str) and g.strip()),
        status=_text(data.get("status")),
        premiered=_date(data.get("premiered")),
        ended=_date(data.get("ended")),
        platform=platform,
        platform_kind=kind,
        country=_text(_obj(channel, "country").get("code")) or None,
        imdb_id=_text(_obj(data, "externals").get("imdb")) or None,
        updated=_int(data.get("updated")),
        summary=plain_text(data.get("summary")),
        seasons=_each(embedded.get("seasons"), _season),
        episodes=_each(embedded.get("episodes"), _episode),
        cast=_each(embedded.get("cast"), _cast_role),
        crew=_each(embedded.get("crew"), _crew_role),
    )


def parse_search(data: Any) -> list[TvMatch]:
    """``/search/shows``: a list of ``{"score": ..., "show": {...}}``, best first."""
    if not isinstance(data, list):
        raise TvmazeError(f"TVmaze sent {_kind_of(data)} where a list of search results was "
                          "expected")
    matches = []
    for item in data:
        if isinstance(item, dict):
            score = item.get("score")
            score = float(score) if isinstance(score, int | float) else 0.0
            matches.append(TvMatch(score, parse_show(item.get("show"))))
    return matches


def parse_updates(data: Any) -> dict[int, int]:
    """``/updates/shows``: ``{"1": 1631010933, ...}`` as ``{1: 1631010933, ...}``."""
    if not isinstance(data, dict):
        raise TvmazeError(f"TVmaze sent {_kind_of(data)} where a map of show updates was "
                          "expected")
    updates = {}
    for key, value in data.items():
        show_id = _int(key)
        stamp = _int(value)
        if show_id is not None and stamp is not None:
            updates[show_id] = stamp
    return updates


_BREAKS = re.compile(r"<\s*/?\s*(?:p|br|div|li|ul|ol|h[1-6]|blockquote)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]*>")


def plain_text(value: Any) -> str:
    """TVmaze's HTML summary as one line of plain text."""
    if not isinstance(value, str):
        return ""
    text = _TAGS.sub("", _BREAKS.sub(" ", value))
    return " ".join(html.unescape(text).split())


def _season(item: dict) -> TvSeason | None:
    tvmaze_id, number = _int(item.get("id")), _int(item.get("number"))
    if tvmaze_id is None or number is None:
        return None
    return TvSeason(
        tvmaze_id=tvmaze_id,
        number=number,
        name=_text(item.get("name")),
        episode_order=_int(item.get("episodeOrder")),
        premiere_date=_date(item.get("premiereDate")),
        end_date=_date(item.get("endDate")),
        platform=(_text(_obj(item, "network").get("name"))
                  or _text(_obj(item, "webChannel").get("name")) or None),
    )


def _episode(item: dict) -> TvEpisode | None:
    tvmaze_id, season = _int(item.get("id")), _int(item.get("season"))
    if tvmaze_id is None or season is None:
        return None
    kind = _text(item.get("type")) or "regular"
    return TvEpisode(
        tvmaze_id=tvmaze_id,
        season=season,
        number=_int(item.get("number")),
        name=_text(item.get("name")),
        airdate=_date(item.get("airdate")),
        runtime=_int(item.get("runtime")),
        special=kind != "regular",
    )


def _cast_role(item: dict) -> TvCastRole | None:
    person = _person(item.get("person"))
    if person is None:
        return None
    return TvCastRole(
        person=person,
        character=_text(_obj(item, "character").get("name")),
        voice=item.get("voice") is True,
        self_=item.get("self") is True,
    )


def _crew_role(item: dict) -> TvCrewRole | None:
    person = _person(item.get("person"))
    if person is None:
        return None
    return TvCrewRole(person=person, job=_text(item.get("type")))


def _person(value: Any) -> TvPerson | None:
    if not isinstance(value, dict):
        return None
    tvmaze_id, name = _int(value.get("id")), _text(value.get("name"))
    if tvmaze_id is None or not name:
        return None
    return TvPerson(tvmaze_id, name)


def _each(items: Any, parse) -> tuple:
    if not isinstance(items, list):
        return ()
    parsed = (parse(item) for item in items if isinstance(item, dict))
    return tuple(p for p in parsed if p is not None)


def _obj(data: dict, key: str) -> dict:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _date(value: Any) -> dt.date | None:
    """``"YYYY-MM-DD"`` as a date; empty, null or malformed as None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _kind_of(data: Any) -> str:
    if data is None:
        return "null"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, dict):
        return "an object"
    return f"a {type(data).__name__}"
