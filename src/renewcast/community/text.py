"""A comment's text as HTML: escaped, with its web addresses made into safe links.

Comments are plain text. Everything a fan typed is escaped; only the links Django's
``urlize`` finds are made into anchors, marked ``rel="nofollow ugc"`` so search engines
neither follow them nor credit them to us (what draws link spammers). The same function
counts links for the per-comment cap, so the cap counts exactly what readers would see
as links.
"""

from __future__ import annotations

import hashlib
import re

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

# Every anchor urlize writes: web links with rel="nofollow", e-mail (mailto:) links without.
_ANCHOR = re.compile(r'<a href="([^"]*)"(?: rel="nofollow")?>')
_SPACE = re.compile(r"\s+")


def linked(text: str) -> str:
    # urlize escapes the text itself (autoescape=True); a fan's own "<" and quote marks come
    # out as &lt; and &quot;, so every literal <a href="…"> left is one urlize wrote.
    return _ANCHOR.sub(r'<a href="\1" rel="nofollow ugc">',
                       urlize(text, nofollow=True, autoescape=True))


def comment_html(text: str) -> SafeString:
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return mark_safe("".join(  # noqa: S308  (linked() escaped everything the fan typed)
        "<p>" + linked(p.strip()).replace("\n", "<br>") + "</p>" for p in paragraphs))


def link_count(text: str) -> int:
    return linked(text).count("<a ")


def fingerprint(text: str) -> str:
    """The same words, whatever the spacing and case: what duplicate detection compares."""
    normal = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest()[:32]
