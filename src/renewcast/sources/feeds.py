"""News feeds (RSS and Atom) read into plain entries: link, title, summary, date.

feedparser does the parsing (every RSS dialect, Atom, broken XML it can still read); this
keeps what the news desk needs, drops entries without a web link, and caps how many
entries one feed may hand over, so a runaway feed costs a bounded amount.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from renewcast.sources.errors import SourceError

MAX_ENTRIES = 200
_TAGS = re.compile(r"<[^>]+>")
# What a renewal story says in its headline or summary (the desk reads those first).
_DECISION = re.compile(r"\b(renew\w*|cancel\w*|axed|ends?|ending|final season|last season|"
                       r"won'?t return|not return\w*|premiere date|release date|"
                       r"returns?\b|season \d+)", re.I)


@dataclass(frozen=True)
class Entry:
    link: str
    title: str
    summary: str
    published: dt.datetime | None

    @property
    def about_a_decision(self) -> bool:
        return bool(_DECISION.search(f"{self.title} {self.summary}"))


def read_feed(data: bytes) -> list[Entry]:
    """The feed's entries, newest as given; SourceError if it is not a feed at all."""
    import feedparser  # only the news desk needs it

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        raise SourceError(f"not an RSS or Atom feed ({_reason(parsed)})")
    entries = []
    for raw in parsed.entries[:MAX_ENTRIES]:
        link = (raw.get("link") or "").strip()
        if not link.startswith(("http://", "https://")):
            continue
        stamp = raw.get("published_parsed") or raw.get("updated_parsed")
        published = dt.datetime(*stamp[:6], tzinfo=dt.UTC) if stamp else None
        entries.append(Entry(link=link[:1000], title=_text(raw.get("title", ""))[:500],
                             summary=_text(raw.get("summary", ""))[:2000],
                             published=published))
    return entries


def _text(html: str) -> str:
    return " ".join(_TAGS.sub(" ", html or "").split())


def _reason(parsed) -> str:
    problem = parsed.get("bozo_exception")
    return str(problem).splitlines()[0][:120] if problem else "no entries"
