"""A stand-in for api.tvmaze.com on 127.0.0.1, for tests that must not touch the network.

``TvmazeFixtureServer`` is a real HTTP server in a background thread that answers
the endpoints renewcast uses (search, singlesearch, lookup by IMDb id with its
301, one show with embeds, updates) from the show dicts it holds, in TVmaze's
documented format (https://www.tvmaze.com/api). It sends ETag and Last-Modified
and answers 304 to conditional requests, logs every request it receives, and
can misbehave on purpose (:class:`Faults`): rate-limit like TVmaze, throttle,
fail with 503, or drop the connection without answering.

Shows come from the hand-written files in ``tests/fixtures/tvmaze`` (see
``load_fixture_shows``) and from ``many_shows``, which synthesizes any number of
varied, deterministic shows for benchmarks. This module is a helper, not a test
file: import it from tests.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import hashlib
import json
import math
import sys
import threading
import time
from dataclasses import dataclass
from difflib import SequenceMatcher
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "tvmaze"
EMBEDS = ("seasons", "episodes", "cast", "crew")
NOT_FOUND = {"name": "Not Found", "message": "", "code": 0, "status": 404}
TOO_MANY = {"name": "Too Many Requests", "message": "API rate limit exceeded", "code": 0,
            "status": 429}
UNAVAILABLE = {"name": "Service Unavailable", "message": "", "code": 0, "status": 503}
_DROP = (0, b"", {})  # the reply that is no reply: the connection is closed instead


@dataclass(frozen=True)
class Request:
    time: float  # time.monotonic() when the request arrived
    path: str  # the request target, query included
    status: int  # what the server answered; 0 when it dropped the connection


@dataclass
class Faults:
    """Ways the server misbehaves; all off by default. Counts start at the first request."""

    enforce_rate: tuple[int, float] | None = None  # 429 when a client exceeds N calls in W s
    throttle_every: int = 0  # every Nth request: 429
    retry_after: float | None = 1.0  # the Retry-After of throttle_every's 429; None: no header
    error_every: int = 0  # every Nth request: 503
    drop_every: int = 0  # every Nth request: close the socket without answering
    slow_every: int = 0  # every Nth request: answer only after slow_seconds (client timeouts)
    slow_seconds: float = 1.0


def max_in_window(requests: list[Request], window: float) -> int:
    """The most requests that arrived within any ``window`` seconds (half-open)."""
    times = sorted(r.time for r in requests)
    most, start = 0, 0
    for end, at in enumerate(times):
        while times[start] <= at - window:
            start += 1
        most = max(most, end - start + 1)
    return most


class TvmazeFixtureServer:
    """A loopback TVmaze; use as ``with TvmazeFixtureServer(shows=...) as server:``.

    Where it differs from TVmaze: ``/updates/shows`` lists every show it holds
    whatever ``since`` says (fixture timestamps are old); search scores come from
    difflib, not TVmaze's fuzzy matcher; ``faults`` may be replaced mid-test, and
    its every-Nth counters run over all requests since the server started.
    """

    def __init__(self, shows=(), faults: Faults | None = None) -> None:
        self.faults = faults or Faults()
        self._lock = threading.Lock()
        self._shows: dict[int, dict] = {}
        self._requests: list[Request] = []
        self._count = 0
        self._overrides: dict[str, tuple[int, bytes, str]] = {}
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        for show in shows:
            self.set_show(show)

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> TvmazeFixtureServer:
        httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.fixture = self
        self._httpd = httpd
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="tvmaze-fixture-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self) -> TvmazeFixtureServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- what it serves --------------------------------------------------------------------

    def set_show(self, show: dict) -> None:
        """Add or replace a show (a full show dict, ``_embedded`` included)."""
        with self._lock:
            self._shows[int(show["id"])] = copy.deepcopy(show)

    def get_show(self, tvmaze_id: int) -> dict:
        with self._lock:
            return copy.deepcopy(self._shows[tvmaze_id])

    def remove_show(self, tvmaze_id: int) -> None:
        with self._lock:
            self._shows.pop(tvmaze_id, None)

    def override(self, path: str, status: int, body: bytes,
                 content_type: str = "text/html; charset=UTF-8") -> None:
        """Answer ``path`` (no query) with exactly this, e.g. an HTML error page."""
        with self._lock:
            self._overrides[path] = (status, body, content_type)

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    # -- answering (called by the handler threads) -------------------------------------------

    def _answer(self, target: str, headers) -> tuple[tuple[int, bytes, dict] | None, float]:
        """The response for one request (None: drop it) and how long to stall before it.

        Deciding and logging happen under one lock, so concurrent requests are
        counted and rate-limited exactly.
        """
        with self._lock:
            now = time.monotonic()
            self._count += 1
            faults = self.faults
            reply = self._fault(self._count, now) or self._route(target, headers)
            self._requests.append(Request(now, target, reply[0]))
            slow = faults.slow_every and self._count % faults.slow_every == 0
            return (None if reply is _DROP else reply), (faults.slow_seconds if slow else 0.0)

    def _fault(self, count: int, now: float):
        faults = self.faults
        if faults.drop_every and count % faults.drop_every == 0:
            return _DROP
        if faults.error_every and count % faults.error_every == 0:
            return _json_reply(503, UNAVAILABLE)
        if faults.throttle_every and count % faults.throttle_every == 0:
            return _throttled(faults.retry_after)
        if faults.enforce_rate:
            calls, window = faults.enforce_rate
            recent = [r.time for r in self._requests if r.time > now - window and r.status != 429]
            if len(recent) >= calls:
                return _throttled(math.ceil((min(recent) + window - now) * 10) / 10)
        return None

    def _route(self, target: str, headers):
        parts = urlsplit(target)
        path, query = parts.path.rstrip("/") or "/", parse_qs(parts.query, keep_blank_values=True)
        if path in self._overrides:
            status, body, content_type = self._overrides[path]
            return status, body, {"Content-Type": content_type}
        embeds = [e for e in query.get("embed[]", []) + query.get("embed", []) if e in EMBEDS]
        first = {key: values[0].strip() for key, values in query.items() if values}
        if path == "/search/shows":
            results = [{"score": score, "show": _bare(show)} for score, show in
                       self._search(first.get("q", ""))]
            return _json_reply(200, results, headers)
        if path == "/singlesearch/shows":
            found = self._search(first.get("q", ""))
            if found:
                return self._show_reply(found[0][1], embeds, headers)
        elif path == "/lookup/shows":
            for key in ("imdb", "thetvdb", "tvrage"):
                if key in first:
                    for show in self._shows.values():
                        if str((show.get("externals") or {}).get(key)) == first[key]:
                            location = f"{self.url}/shows/{show['id']}"
                            return 301, b"", {"Location": location}
        elif path == "/updates/shows":
            # Every show is listed whatever ``since`` says: fixture timestamps are old.
            return _json_reply(200, {str(i): s.get("updated") for i, s in
                                     sorted(self._shows.items())}, headers)
        elif path.startswith("/shows/") and path[7:].isdigit():
            show = self._shows.get(int(path[7:]))
            if show is not None:
                return self._show_reply(show, embeds, headers)
        return _json_reply(404, NOT_FOUND)

    def _show_reply(self, show: dict, embeds: list[str], headers):
        data = _bare(show)
        embedded = show.get("_embedded") or {}
        if embeds:
            data["_embedded"] = {name: copy.deepcopy(embedded.get(name, [])) for name in embeds}
        return _json_reply(200, data, headers, updated=show.get("updated"))

    def _search(self, text: str) -> list[tuple[float, dict]]:
        wanted = " ".join(text.casefold().split())
        if not wanted:
            return []
        scored = []
        for show in self._shows.values():
            name = " ".join(str(show.get("name", "")).casefold().split())
            score = SequenceMatcher(None, wanted, name).ratio()
            if wanted in name:
                score = max(score, 0.6 + 0.3 * len(wanted) / len(name))
            if wanted == name:
                score = 0.95
            if score >= 0.5:
                scored.append((round(score, 6), show))
        scored.sort(key=lambda pair: (-pair[0], pair[1]["id"]))
        return scored[:10]


def _bare(show: dict) -> dict:
    return {k: copy.deepcopy(v) for k, v in show.items() if k != "_embedded"}


def _throttled(retry_after: float | None):
    status, body, headers = _json_reply(429, TOO_MANY)
    if retry_after is not None:
        headers["Retry-After"] = f"{retry_after:g}"
    return status, body, headers


def _json_reply(status: int, data, request_headers=None, updated: int | None = None):
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=UTF-8"}
    if status != 200:
        return status, body, headers
    headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    headers["Cache-Control"] = "public, max-age=3600"
    if isinstance(updated, int):
        headers["Last-Modified"] = email.utils.formatdate(updated, usegmt=True)
    if request_headers is not None and _not_modified(request_headers, headers, updated):
        return 304, b"", {k: v for k, v in headers.items() if k != "Content-Type"}
    return status, body, headers


def _not_modified(request_headers, headers: dict[str, str], updated: int | None) -> bool:
    if_none_match = request_headers.get("If-None-Match")
    if if_none_match is not None:  # it takes precedence over If-Modified-Since (RFC 9110)
        tags = {tag.strip() for tag in if_none_match.split(",")}
        return "*" in tags or headers["ETag"] in tags
    since = request_headers.get("If-Modified-Since")
    if since and isinstance(updated, int):
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        return when.tzinfo is not None and updated <= when.timestamp()
    return False


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that timed out or hung up is part of the tests, not a server error.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as TVmaze; every reply has a Content-Length
    timeout = 30
    disable_nagle_algorithm = True  # headers and body go out in two writes; do not stall them

    def do_GET(self):  # the name http.server calls
        reply, stall = self.server.fixture._answer(self.path, self.headers)
        if stall:
            time.sleep(stall)
        if reply is None:
            self.close_connection = True  # drop: no status line, no headers, nothing
            return
        status, body, headers = reply
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet: tests read server.requests instead
        pass


# -- documented-format show dicts -------------------------------------------------------------

NETWORKS = {  # TVmaze network ids here are illustrative
    "HBO": (8, "United States", "US", "America/New_York", "https://www.hbo.com/"),
    "BBC One": (12, "United Kingdom", "GB", "Europe/London", "https://www.bbc.co.uk/bbcone"),
    "FX": (13, "United States", "US", "America/New_York", "https://www.fxnetworks.com/"),
    "NBC": (1, "United States", "US", "America/New_York", "https://www.nbc.com/"),
    "Channel 4": (45, "United Kingdom", "GB", "Europe/London", "https://www.channel4.com/"),
}
WEB_CHANNELS = {
    "Netflix": (1, None, "https://www.netflix.com/"),
    "Hulu": (2, ("United States", "US", "America/New_York"), "https://www.hulu.com/"),
    "Prime Video": (3, None, "https://www.primevideo.com/"),
    "Apple TV+": (310, None, "https://tv.apple.com/"),
    "Disney+": (287, None, "https://www.disneyplus.com/"),
}


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def platform_fields(platform: str | None) -> dict:
    """``network`` and ``webChannel`` for a platform name (both null for None)."""
    fields = {"network": None, "webChannel": None}
    if platform in NETWORKS:
        pid, country, code, zone, site = NETWORKS[platform]
        fields["network"] = {"id": pid, "name": platform, "officialSite": site,
                             "country": {"name": country, "code": code, "timezone": zone}}
    elif platform in WEB_CHANNELS:
        pid, country, site = WEB_CHANNELS[platform]
        fields["webChannel"] = {
            "id": pid, "name": platform, "officialSite": site,
            "country": None if country is None else dict(zip(("name", "code", "timezone"),
                                                             country, strict=True)),
        }
    elif platform is not None:
        raise ValueError(f"unknown platform {platform!r}")
    return fields


def person(pid: int, name: str, *, country: str | None = "US", birthday: str | None = None,
           gender: str | None = None) -> dict:
    countries = {"US": ("United States", "America/New_York"), "GB": ("United Kingdom",
                 "Europe/London"), "DE": ("Germany", "Europe/Berlin"),
                 "CA": ("Canada", "America/Toronto"), "AU": ("Australia", "Australia/Sydney"),
                 "ES": ("Spain", "Europe/Madrid"), "PT": ("Portugal", "Europe/Lisbon"),
                 "MX": ("Mexico", "America/Mexico_City")}
    place = None
    if country is not None:
        label, zone = countries.get(country, (country, "UTC"))
        place = {"name": label, "code": country, "timezone": zone}
    return {
        "id": pid, "url": f"https://www.tvmaze.com/people/{pid}/{slug(name)}", "name": name,
        "country": place, "birthday": birthday, "deathday": None, "gender": gender,
        "image": None, "updated": 1_700_000_000 + pid % 100_000,
        "_links": {"self": {"href": f"https://api.tvmaze.com/people/{pid}"}},
    }


def cast_item(who: dict, character_id: int, character: str | None, *, voice: bool = False,
              self_: bool = False) -> dict:
    role = None
    if character is not None:
        role = {"id": character_id, "name": character, "image": None,
                "url": f"https://www.tvmaze.com/characters/{character_id}/{slug(character)}",
                "_links": {"self": {"href": f"https://api.tvmaze.com/characters/{character_id}"}}}
    return {"person": who, "character": role, "self": self_, "voice": voice}


def crew_item(job: str, who: dict) -> dict:
    return {"type": job, "person": who}


def episode(eid: int, show_name: str, season: int, number: int | None, name: str,
            airdate: str | None, *, runtime: int | None = 60, kind: str = "regular",
            airtime: str = "", summary: str | None = None) -> dict:
    where = f"{season}x{number:02d}" if number is not None else f"s{season}-special"
    stamp = None
    if airdate:
        stamp = f"{airdate}T{airtime or '12:00'}:00+00:00"
    return {
        "id": eid, "url": f"https://www.tvmaze.com/episodes/{eid}/{slug(show_name)}-{where}-"
                          f"{slug(name)}",
        "name": name, "season": season, "number": number, "type": kind,
        "airdate": airdate or "", "airtime": airtime, "airstamp": stamp, "runtime": runtime,
        "rating": {"average": None}, "image": None, "summary": summary,
        "_links": {"self": {"href": f"https://api.tvmaze.com/episodes/{eid}"},
                   "show": {"href": "", "name": show_name}},
    }


def season(sid: int, show_name: str, number: int, *, platform: str | None,
           episode_order: int | None, premiere: str | None, end: str | None,
           name: str = "", summary: str | None = None) -> dict:
    return {
        "id": sid, "url": f"https://www.tvmaze.com/seasons/{sid}/{slug(show_name)}-season-{number}",
        "number": number, "name": name, "episodeOrder": episode_order,
        "premiereDate": premiere, "endDate": end, **platform_fields(platform),
        "image": None, "summary": summary,
        "_links": {"self": {"href": f"https://api.tvmaze.com/seasons/{sid}"}},
    }


def show(*, tvmaze_id: int, name: str, platform: str | None, status: str, premiered: str | None,
         ended: str | None, genres: list[str], runtime: int | None, imdb: str | None,
         updated: int, summary: str | None, seasons: list[dict], episodes: list[dict],
         cast: list[dict], crew: list[dict], kind: str = "Scripted", language: str = "English",
         thetvdb: int | None = None, official_site: str | None = None,
         schedule_time: str = "", schedule_days: tuple[str, ...] = (),
         rating: float | None = None, weight: int = 90) -> dict:
    """A full show dict as TVmaze sends it with all four embeds."""
    for item in episodes:
        item["_links"]["show"]["href"] = f"https://api.tvmaze.com/shows/{tvmaze_id}"
    links = {"self": {"href": f"https://api.tvmaze.com/shows/{tvmaze_id}"}}
    today = dt.date.fromtimestamp(updated).isoformat()
    aired = [e for e in episodes if e["airdate"] and e["airdate"] <= today]
    coming = [e for e in episodes if e["airdate"] and e["airdate"] > today]
    if aired:
        links["previousepisode"] = {"href": aired[-1]["_links"]["self"]["href"],
                                    "name": aired[-1]["name"]}
    if coming:
        links["nextepisode"] = {"href": coming[0]["_links"]["self"]["href"],
                                "name": coming[0]["name"]}
    image = None if tvmaze_id % 10 == 9 else {
        "medium": f"https://static.tvmaze.com/uploads/images/medium_portrait/0/{tvmaze_id}.jpg",
        "original": f"https://static.tvmaze.com/uploads/images/original_untouched/0/"
                    f"{tvmaze_id}.jpg",
    }
    return {
        "id": tvmaze_id, "url": f"https://www.tvmaze.com/shows/{tvmaze_id}/{slug(name)}",
        "name": name, "type": kind, "language": language, "genres": list(genres),
        "status": status, "runtime": runtime, "averageRuntime": runtime,
        "premiered": premiered, "ended": ended, "officialSite": official_site,
        "schedule": {"time": schedule_time, "days": list(schedule_days)},
        "rating": {"average": rating}, "weight": weight, **platform_fields(platform),
        "dvdCountry": None, "externals": {"tvrage": None, "thetvdb": thetvdb, "imdb": imdb},
        "image": image, "summary": summary, "updated": updated, "_links": links,
        "_embedded": {"seasons": seasons, "episodes": episodes, "cast": cast, "crew": crew},
    }


def load_fixture_shows() -> list[dict]:
    """The hand-written shows in tests/fixtures/tvmaze/*.json (see the README there)."""
    return [json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(FIXTURE_DIR.glob("*.json"))]


PLATFORM_CYCLE = ("Netflix", "HBO", "Hulu", "BBC One", "Apple TV+", "FX", "Prime Video", "NBC",
                  "Disney+", "Channel 4")
ADJECTIVES = ("Silent", "Crimson", "Hidden", "Northern", "Broken", "Golden", "Last", "Burning",
              "Quiet", "Wild", "Distant", "Iron")
NOUNS = ("Harbor", "Kingdom", "Signal", "Orchard", "Frontier", "Verdict", "Tide", "Lantern",
         "Circuit", "Meridian", "Archive", "Garden")
FIRST_NAMES = ("Ava", "Ben", "Chloe", "Dev", "Elena", "Finn", "Grace", "Hugo", "Iris", "Jonah",
               "Kira", "Luca", "Maya", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara")
LAST_NAMES = ("Abbott", "Barros", "Chen", "Dunne", "Okafor", "Fischer", "Garcia", "Haddad",
              "Ivanova", "Jensen", "Kowalski", "Laurent", "Moreau", "Nakamura", "O'Neill", "Patel")
GENRES = ("Drama", "Comedy", "Crime", "Science-Fiction", "Thriller", "Fantasy", "Romance",
          "Mystery", "Horror", "Family")


def many_shows(n: int, start_id: int = 90_001) -> list[dict]:
    """``n`` deterministic, varied shows in TVmaze's format, ids from ``start_id``.

    They cycle through networks (HBO, BBC One, FX, NBC, Channel 4) and web channels
    (Netflix, Hulu, Prime Video, Apple TV+, Disney+), every 11th on neither; have
    1-5 seasons of 6-10 episodes (web shows drop a season in one day, network shows
    weekly), 3-8 cast members with characters, a crew, specials on some, Ended /
    Running / To Be Determined statuses, and on some running shows a season
    premiering in 2030 or announced without dates. Aired dates all fall before 2026.
    Names are unique per id ("The Silent Harbor", ...; a number is added after 144).
    """
    return [_synthetic_show(start_id + k) for k in range(n)]


def _synthetic_show(sid: int) -> dict:
    i = (sid - 90_001) % 1_000_000  # everything varies with i, so other start_ids differ
    name = f"The {ADJECTIVES[i % 12]} {NOUNS[(i // 12 + i) % 12]}"
    if i >= 144:
        name += f" {i // 144 + 1}"
    platform = None if i % 11 == 10 else PLATFORM_CYCLE[i % len(PLATFORM_CYCLE)]
    web = platform in WEB_CHANNELS
    kind = ("Animation" if i % 9 == 4 else "Reality" if i % 13 == 6
            else "Documentary" if i % 17 == 8 else "Scripted")
    status = "Ended" if i % 3 == 0 else "To Be Determined" if i % 7 == 5 else "Running"
    runtime = (30, 45, 60)[i % 3]
    airtime = "" if web else "21:00"
    start = dt.date(2008 + i % 12, 1 + (i * 5) % 12, 1 + (i * 11) % 28)
    seasons, episodes, eid = [], [], sid * 100
    for number in range(1, 2 + (i * 7) % 5):
        premiere = start + dt.timedelta(days=(number - 1) * (365 + (i * 13) % 120))
        count = 6 + (i + number) % 5
        dates = [premiere + dt.timedelta(days=0 if web else 7 * k) for k in range(count)]
        for k, day in enumerate(dates, start=1):
            eid += 1
            episodes.append(episode(eid, name, number, k, f"Chapter {k}: {NOUNS[(i + k) % 12]}",
                                    day.isoformat(), runtime=runtime, airtime=airtime))
        if number == 1 and i % 5 == 2:
            eid += 1
            day = dates[-1] + dt.timedelta(days=14)
            episodes.append(episode(eid, name, number, None, "Holiday Special", day.isoformat(),
                                    runtime=runtime, kind="significant_special", airtime=airtime))
        if number == 1 and i % 6 == 3:
            eid += 1
            episodes.append(episode(eid, name, number, None, "The Story So Far", None,
                                    runtime=None, kind="insignificant_special"))
        seasons.append(season(sid * 10 + number, name, number, platform=platform,
                              episode_order=count, premiere=dates[0].isoformat(),
                              end=dates[-1].isoformat()))
    last_aired = max(e["airdate"] for e in episodes)
    following = len(seasons) + 1
    if status == "Running" and i % 4 == 1:
        premiere = dt.date(2030, 1 + i % 12, 1 + i % 28)
        dated = i % 8 == 1
        for k in range(1, 9 if dated else 1):
            eid += 1
            day = premiere + dt.timedelta(days=0 if web else 7 * (k - 1))
            episodes.append(episode(eid, name, following, k, f"Chapter {k}", day.isoformat(),
                                    runtime=runtime, airtime=airtime))
        seasons.append(season(sid * 10 + following, name, following, platform=platform,
                              episode_order=8, premiere=premiere.isoformat(),
                              end=(premiere + dt.timedelta(days=0 if web else 49)).isoformat()
                              if dated else None))
    elif status == "Running" and i % 10 == 3:
        seasons.append(season(sid * 10 + following, name, following, platform=platform,
                              episode_order=None, premiere=None, end=None))
    cast = []
    for k in range(3 + i % 6):
        who = person(sid * 20 + k, f"{FIRST_NAMES[(i * 3 + k) % 20]} "
                                   f"{LAST_NAMES[(i * 5 + k * 7) % 16]}",
                     country=("US", "GB", "CA", "AU", None)[(i + k) % 5])
        if kind == "Reality":
            cast.append(cast_item(who, sid * 20 + k, "Self", self_=True))
        else:
            character = f"{FIRST_NAMES[(i + k * 3 + 7) % 20]} {LAST_NAMES[(i * 2 + k) % 16]}"
            cast.append(cast_item(who, sid * 20 + k, character, voice=kind == "Animation"))
    crew = [crew_item("Creator", person(sid * 20 + 15, f"{FIRST_NAMES[(i + 11) % 20]} "
                                                       f"{LAST_NAMES[(i + 3) % 16]}")),
            crew_item("Executive Producer", person(sid * 20 + 16, f"{FIRST_NAMES[(i + 5) % 20]} "
                                                                  f"{LAST_NAMES[(i + 9) % 16]}"))]
    if i % 2:
        crew.append(crew_item("Executive Producer", crew[0]["person"]))
    genres = [GENRES[(i + k * 3) % len(GENRES)] for k in range(1 + i % 3)]
    summary = (f"<p><b>{name}</b> is a {genres[0].lower()} series"
               f"{'' if platform is None else ' on ' + platform}.</p>")
    return show(
        tvmaze_id=sid, name=name, platform=platform, status=status,
        premiered=start.isoformat(), ended=last_aired if status == "Ended" else None,
        genres=genres, runtime=runtime, kind=kind,
        language={7: "Spanish", 9: "Korean"}.get(i % 10, "English"),
        imdb=None if i % 12 == 11 else f"tt{20_000_000 + sid}", thetvdb=400_000 + sid,
        updated=1_700_000_000 + i * 3_607, summary=summary,
        schedule_time=airtime, schedule_days=() if web else (("Sunday", "Monday", "Tuesday",
                                                            "Wednesday", "Thursday")[i % 5],),
        rating=None if i % 4 == 0 else round(6 + (i * 37 % 35) / 10, 1),
        seasons=seasons, episodes=episodes, cast=cast, crew=crew,
    )
