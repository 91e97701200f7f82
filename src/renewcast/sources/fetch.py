"""Get the bytes of a local file or a URL, with the limits a crawler should keep.

Every reader takes bytes; this is the one place that knows about paths, HTTP,
timeouts, redirects and size caps, and turns every failure into one
:class:`SourceError` line instead of a stack trace. A URL, and every redirect it answers
with, passes the shared address check (``urlsafety``) and is fetched from the very address
that was checked, so an article link cannot make the server read itself or its network.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlparse

import httpx

from renewcast import __version__
from renewcast.sources.errors import SourceError, first_line
from renewcast.sources.urlsafety import UnsafeURL, check_url, pinned

USER_AGENT = f"renewcast/{__version__} (TV renewal tracker; python-httpx)"
MAX_BYTES = 200 * 1024 * 1024  # the full Netflix files are a few MB; this stops runaway bodies
TIMEOUT = httpx.Timeout(30.0, connect=10.0)
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    data: bytes
    location: str  # the path or the final URL after redirects
    is_url: bool
    retrieved_at: dt.datetime
    content_type: str = ""
    # For polite polling (feeds): the validators to send next time, and whether the server
    # said nothing changed since the ones sent this time (``data`` is then empty).
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def is_url(location: str) -> bool:
    return urlparse(location).scheme.lower() in ("http", "https")


def fetch(location: str, *, max_bytes: int = MAX_BYTES, allow_private: bool = False,
          etag: str = "", last_modified: str = "",
          timeout: httpx.Timeout = TIMEOUT) -> Fetched:
    """Read ``location`` (a path or an http(s) URL) into memory.

    ``allow_private`` lets a URL reach loopback and private addresses (an internal mirror,
    the tests' local servers); public addresses only otherwise. ``etag`` and
    ``last_modified`` make the request conditional (a 304 gives ``not_modified``)."""
    if is_url(location):
        conditions = {k: v for k, v in (("If-None-Match", etag),
                                        ("If-Modified-Since", last_modified)) if v}
        return _fetch_url(location, max_bytes, allow_private, conditions, timeout)
    scheme = urlparse(location).scheme
    if scheme and len(scheme) > 1 and "://" in location:
        raise SourceError(f"unsupported address {location!r}: only http(s) URLs and file paths")
    return _read_path(Path(location), max_bytes)


def open_local(location: str) -> tuple[BinaryIO, dt.datetime]:
    """A local file opened as a stream, and when it last changed: for a reader that goes a
    line at a time and must not hold a huge file whole."""
    path = Path(location)
    try:
        if path.is_dir():
            raise SourceError(f"{path} is a directory, not a file")
        changed = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
        return path.open("rb"), changed
    except OSError as exc:
        raise _file_error(path, exc) from None


def _read_path(path: Path, max_bytes: int) -> Fetched:
    stream, changed = open_local(str(path))
    with stream:
        try:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                raise SourceError(f"{path} is {size:,} bytes, over the {max_bytes:,}-byte limit")
            data = stream.read()
        except OSError as exc:
            raise _file_error(path, exc) from None
    return Fetched(data=data, location=str(path), is_url=False, retrieved_at=changed)


def _file_error(path: Path, exc: OSError) -> SourceError:
    if isinstance(exc, FileNotFoundError):
        return SourceError(f"no such file: {path}")
    if isinstance(exc, PermissionError):
        return SourceError(f"permission denied: {path}")
    return SourceError(f"cannot read {path}: {exc.strerror or exc}")


def _fetch_url(url: str, max_bytes: int, allow_private: bool, conditions: dict,
               timeout: httpx.Timeout) -> Fetched:
    headers = {"User-Agent": USER_AGENT, **conditions}
    current = url
    not_modified = False
    try:
        # Redirects are followed here, not by httpx, so each hop is checked and pinned.
        with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                target = _checked(current, allow_private, url)
                address, host, extensions = pinned(target)
                with client.stream("GET", address, headers={**headers, "Host": host},
                                   extensions=extensions) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    validators = (response.headers.get("etag", ""),
                                  response.headers.get("last-modified", ""))
                    if response.status_code == 304 and conditions:
                        data, content_type, not_modified = b"", "", True
                        break
                    if response.status_code >= 400:
                        reason = response.reason_phrase or "error"
                        raise SourceError(
                            f"could not fetch {url}: HTTP {response.status_code} {reason}")
                    data = _body(response, url, max_bytes)
                    content_type = response.headers.get("content-type", "")
                    break
            else:
                raise SourceError(f"could not fetch {url}: more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        raise SourceError(f"could not fetch {url}: timed out") from None
    except httpx.HTTPError as exc:
        raise SourceError(f"could not fetch {url}: {first_line(exc)}") from None
    return Fetched(
        data=data,
        location=current,
        is_url=True,
        retrieved_at=dt.datetime.now(dt.UTC),
        content_type=content_type,
        etag=validators[0][:300],
        last_modified=validators[1][:100],
        not_modified=not_modified,
    )


def _checked(current: str, allow_private: bool, asked: str):
    try:
        return check_url(current, allow_private=allow_private)
    except UnsafeURL as exc:
        if current == asked:
            raise SourceError(str(exc)) from None
        raise SourceError(f"could not fetch {asked}: it redirected to {exc}") from None


def _body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise SourceError(f"could not fetch {url}: body is over {max_bytes:,} bytes")
    chunks, total = [], 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > max_bytes:
            raise SourceError(f"could not fetch {url}: body is over {max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
