"""From a fetched page to an :class:`Article`, refusing what is not an English article.

One message per kind of bad input, raised before anything is stored: a PDF or an
image, a page too big, a page with no story on it, a page in another language.
"""

from __future__ import annotations

import datetime as dt
import re

from renewcast.sources.articles.document import Article
from renewcast.sources.articles.html import read_html
from renewcast.sources.articles.plain import read_plain
from renewcast.sources.errors import SourceError
from renewcast.sources.fetch import Fetched, fetch
from renewcast.sources.text import decode_text

MAX_BYTES = 5 * 1024 * 1024  # a long feature is ~200 KB of HTML; more is not an article
MIN_WORDS = 40
_TEXTUAL = ("text/html", "application/xhtml+xml", "text/plain", "")
_ENGLISH = frozenset(
    "the a an and or but of to in on at for with from by is are was were be been has have had "
    "it its this that these those will would can could not he she they we you his her their "
    "our as about after season show series".split()
)


def fetch_article(location: str, *, published: dt.date | None = None,
                  allow_private: bool = False) -> Article:
    """Fetch ``location`` (URL or path) and read the article in it."""
    return read_article(fetch(location, max_bytes=MAX_BYTES, allow_private=allow_private),
                        published=published)


def read_article(fetched: Fetched, *, published: dt.date | None = None) -> Article:
    data, content_type = fetched.data, fetched.content_type.split(";")[0].strip().lower()
    if data.lstrip()[:5] == b"%PDF-" or content_type == "application/pdf":
        raise SourceError("this is a PDF document, not a web article; "
                          "give the article's web address or its text")
    if content_type not in _TEXTUAL:
        raise SourceError(f"the page is {content_type}, not an article (HTML or plain text)")
    if not data.strip():
        raise SourceError("the page is empty")
    head = data[:2048].lower()
    if content_type in ("text/html", "application/xhtml+xml") or _looks_like_html(head):
        article = read_html(_decode_html(data), fetched.location)
    else:
        article = read_plain(decode_text(data, "an article (HTML or plain text)"),
                             fetched.location)
    if published:
        article.published = published
    words = re.findall(r"[A-Za-z']+", article.body)
    if len(words) < MIN_WORDS:
        raise SourceError(f"no article text found on the page (only {len(words)} words)")
    english = sum(1 for w in words if w.lower() in _ENGLISH) / len(words)
    if english < 0.12:
        raise SourceError("the article does not look like English; the reader reads English "
                          "articles only")
    return article


def _looks_like_html(head: bytes) -> bool:
    return any(tag in head for tag in (b"<!doctype html", b"<html", b"<body", b"<head", b"<p>",
                                       b"<article", b"<div"))


def _decode_html(data: bytes) -> str:
    match = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.I)
    for encoding in ([match.group(1).decode("ascii")] if match else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")
