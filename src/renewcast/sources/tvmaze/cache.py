"""Remember TVmaze's answers so an unchanged show costs a 304, not a full body.

TVmaze's responses are cacheable and carry ``ETag`` and ``Last-Modified``. This
cache keeps, per full URL, the body with those two validators; the client sends
them back as ``If-None-Match`` / ``If-Modified-Since`` and reuses the stored
body when TVmaze answers 304 Not Modified. Entries live in memory, and also on
disk when a directory is given (one JSON file per URL hash, replaced atomically)
so the next sync reuses what this one learned. A damaged or unwritable disk
entry is ignored: the cache only ever saves work, it never stops a sync.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from renewcast.sources.errors import first_line
from renewcast.sources.tvmaze.parse import TvmazeError

FORMAT = 1  # bump when the file layout changes; older files are then ignored


@dataclass(frozen=True)
class CacheEntry:
    url: str
    body: bytes
    etag: str | None
    last_modified: str | None

    def validators(self) -> dict[str, str]:
        """The conditional-request headers that ask "has this changed?"."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class ResponseCache:
    """Bodies and validators by URL, in memory and optionally under ``directory``."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else None
        self._memory: dict[str, CacheEntry] = {}
        self._lock = threading.Lock()
        if self.directory is not None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise TvmazeError(
                    f"cannot use {self.directory} as the TVmaze cache: {first_line(exc)}"
                ) from None

    def get(self, url: str) -> CacheEntry | None:
        with self._lock:
            entry = self._memory.get(url)
        if entry is None and self.directory is not None:
            entry = self._read(url)
            if entry is not None:
                with self._lock:
                    self._memory.setdefault(url, entry)
        return entry

    def put(self, url: str, body: bytes, etag: str | None, last_modified: str | None) -> bool:
        """Remember ``body`` for ``url``; only worth it (and done) when a validator came."""
        if not etag and not last_modified:
            return False
        entry = CacheEntry(url, body, etag or None, last_modified or None)
        with self._lock:
            self._memory[url] = entry
        if self.directory is not None:
            self._write(entry)
        return True

    def path_for(self, url: str) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / (hashlib.sha256(url.encode("utf-8")).hexdigest() + ".json")

    def _read(self, url: str) -> CacheEntry | None:
        path = self.path_for(url)
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("format") != FORMAT or stored.get("url") != url:
                return None
            return CacheEntry(
                url=url,
                body=base64.b64decode(stored["body"], validate=True),
                etag=stored.get("etag") or None,
                last_modified=stored.get("last_modified") or None,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _write(self, entry: CacheEntry) -> None:
        path = self.path_for(entry.url)
        record = {
            "format": FORMAT,
            "url": entry.url,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "body": base64.b64encode(entry.body).decode("ascii"),
        }
        temp = None
        try:
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=path.parent, prefix=".tmp-", suffix=".json",
                delete=False,
            ) as handle:
                temp = handle.name
                json.dump(record, handle)
            os.replace(temp, path)
        except OSError:
            if temp is not None:
                try:
                    os.unlink(temp)
                except OSError:
                    pass
