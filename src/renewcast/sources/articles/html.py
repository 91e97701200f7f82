"""HTML pages: trafilatura finds the story and its metadata; comment threads are read here.

trafilatura is good at telling the article from navigation, sidebars and footers, and
reads title, site, author and date from the page's own metadata. It flattens a comment
thread into text, though, and the reply structure is what makes a thread worth keeping,
so comments are read from the markup that comment systems share (WordPress's
``commentlist``/``children``, ``<article class="comment">`` and similar).
"""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError

from renewcast.sources.articles.document import Article, Comment
from renewcast.sources.articles.meta import parse_published
from renewcast.sources.articles.plain import _looks_like_heading
from renewcast.sources.errors import SourceError

_COMMENT_XPATH = (
    "//*[self::li or self::article or self::div]"
    "[contains(concat(' ', normalize-space(@class), ' '), ' comment ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment-item ')"
    " or starts-with(@id, 'comment-')]"
)
# the name itself (WordPress's cite.fn) before the wrapper that also says "says:"
_AUTHOR_XPATHS = (
    ".//*[contains(concat(' ', normalize-space(@class), ' '), ' fn ')][1]",
    ".//cite[1]",
    ".//*[contains(@class, 'comment-author') or contains(@class, 'comment-meta-author')][1]",
)
_TEXT_XPATH = ".//*[contains(@class, 'comment-content') or contains(@class, 'comment-body')" \
              " or contains(@class, 'comment-text')][1]"


def read_html(page: str, location: str) -> Article:
    try:
        doc = trafilatura.bare_extraction(
            page, url=location if location.startswith("http") else None,
            include_comments=False, with_metadata=True, include_tables=False,
        )
    except (ValueError, ParserError) as exc:  # trafilatura raises these on broken markup
        raise SourceError(f"the page could not be parsed as HTML ({exc})") from None
    if doc is None or not (doc.text or "").strip():
        raise SourceError("no article text found on the page")
    title = (doc.title or "").strip()
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    paragraphs = [(line, i == 0 and bool(title) or _looks_like_heading(line))
                  for i, line in enumerate(lines)]
    return Article.from_paragraphs(
        paragraphs,
        url=location,
        title=title,
        site=(doc.sitename or doc.hostname or "").strip(),
        author=(doc.author or "").strip(),
        published=parse_published(doc.date),
        comments=read_comments(page),
    )


def read_comments(page: str) -> list[Comment]:
    """Comments with their authors and which comment each one answers."""
    try:
        tree = lxml_html.fromstring(page)
    except (ParserError, ValueError):
        return []
    found = tree.xpath(_COMMENT_XPATH)
    # inner wrappers can carry "comment" classes too; a reply sits inside a reply list
    nodes = [n for n in found if _enclosing(n, found) is None or _is_reply(n, found)]
    index = {node: i for i, node in enumerate(nodes)}
    comments = []
    for node in nodes:
        parent = _enclosing(node, nodes)
        author = _author(node)
        paragraphs = [p for p in node.xpath(".//p") if _enclosing(p, nodes, True) is node
                      and not any(_is_meta(a) for a in _up_to(p, node))]
        text = "\n\n".join(" ".join(p.text_content().split()) for p in paragraphs).strip()
        if not text:
            body = node.xpath(_TEXT_XPATH)
            text = " ".join(body[0].text_content().split()) if body else ""
        if text:
            comments.append(Comment(author=author or None, text=text,
                                    parent=index.get(parent) if parent is not None else None))
    # parents must come before their replies, which document order guarantees
    return comments


def _author(node) -> str | None:
    for xpath in _AUTHOR_XPATHS:
        found = [n for n in node.xpath(xpath) if _enclosing(n, [node], True) is node]
        if found:
            name = re.sub(r"\s+(says|said|wrote)\s*:?$", "", " ".join(
                found[0].text_content().split()), flags=re.I)
            if name:
                return name
    return None


def _enclosing(el, nodes, include_self: bool = False):
    """The nearest element of ``nodes`` that contains ``el``."""
    if include_self and el in nodes:
        return el
    return next((a for a in el.iterancestors() if a in nodes), None)


def _is_reply(node, found) -> bool:
    outer = _enclosing(node, found)
    return any(_is_reply_list(a) for a in _up_to(node, outer))


def _up_to(el, stop) -> list:
    out = []
    for a in el.iterancestors():
        if a is stop:
            break
        out.append(a)
    return out


def _is_reply_list(el) -> bool:
    cls = el.get("class") or ""
    return el.tag in ("ol", "ul", "div", "section") and any(
        k in cls for k in ("children", "replies", "reply-list", "comment-replies"))


def _is_meta(el) -> bool:
    cls = el.get("class") or ""
    return any(k in cls for k in ("comment-meta", "comment-author", "reply", "vcard", "children"))
