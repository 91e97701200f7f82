"""Plain text as a browser's "copy all" gives it: find the article inside the page.

A copied page carries more than the story: breadcrumbs glued to the headline
("HomeEntertainmentEverything We Know..."), photo captions cut off mid-word, photo
credits ("Vanessa Clifton/Netflix"), "Originally Published:", the writer's bio, a
numbered comment thread with "•" replies, the comment form's own messages and boxes
such as "Most Popular". This module keeps the story, reads the byline, date and
comments, and sets the rest aside as furniture.
"""

from __future__ import annotations

import re
import statistics

from renewcast.sources.articles.document import Article, Comment
from renewcast.sources.articles.meta import parse_published

_FORM = re.compile(
    r"^\s*(please enter your (comment|name)|leave a (reply|comment)|post comment|cancel reply|"
    r"you must be logged in|save my name, email|you have entered an incorrect email|"
    r"submit a comment|add a comment|join the conversation)", re.I,
)
_THREAD_HEADING = re.compile(
    r"^\s*(\d+\s+)?(comments?|responses?|replies|reader comments|what readers say)\s*:?\s*$", re.I
)
_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<num>\d{1,3})[.)]|(?P<bullet>[•·*–-]))[ \t]+(?P<text>\S.*)$"
)
_FURNITURE = [
    re.compile(r"^\s*(originally published|this article was originally published|updated|"
               r"last updated|published|posted)\b[^.!?]{0,60}$", re.I),
    re.compile(r"^\s*(photo|image|credit|courtesy|source|pictured)s?\s*(:|by|of)\s", re.I),
    re.compile(r"^\s*[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][\w&.'’ -]{1,30}$"),
    re.compile(r"^\s*(getty images|shutterstock|ap photo|courtesy of netflix)\b.{0,40}$", re.I),
    re.compile(r"^\s*(most popular|related( stories| articles)?|read more|read next|"
               r"advertisement|share( this)?|tweet|subscribe|sign up|newsletter|trending( now)?|"
               r"recommended|you may also like|more from|tags?:|filed under|loading|"
               r"skip to (main )?content|follow us|back to top)\b.{0,50}$", re.I),
    re.compile(r"^\s*Home(?=[A-Z])|^\s*Home\s*[>»/|›]"),  # breadcrumbs
    re.compile(r"^\s*(related|read more|read next|see also|more|also read|watch|listen)\s*:", re.I),
]
_CAPTION_CUT = re.compile(r"(\.\.\.|…)\s*$")
_BYLINE = re.compile(r"^\s*by\s+(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
                     r"(?:\s*(?:[|,•·—-]|on|updated|published)\s*(?P<date>.+))?\s*$", re.I)
_DATE_LINE = re.compile(r"^\s*(?:published|posted|updated|last updated)?\s*(?:on)?\s*:?\s*"
                        r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}.*|\d{1,2}\s+[A-Z][a-z]{2,8}"
                        r"\.?\s+\d{4}.*|\d{4}-\d{2}-\d{2}.*)$", re.I)
_NAME = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}$")
_BIO = re.compile(r"\b(writer|editor|journalist|reporter|contributor|author|freelance|staff|"
                  r"critic|columnist)\b", re.I)
_SAYS = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s+(says|said|wrote)\s*:\s*"
)
_END = re.compile(r"[.!:;,\"”’)]$")


def read_plain(text: str, location: str) -> Article:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    end = next((i for i, line in enumerate(lines) if _FORM.match(line)), len(lines))
    furniture = [line.strip() for line in lines[end:] if line.strip()]
    lines = lines[:end]
    comments, thread_start = _comments(lines)
    lines = lines[:thread_start]
    author, bio_at = _author_bio(lines)
    lines = lines[:bio_at]

    published, kept = None, []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        near_top = i < 12
        byline = _BYLINE.match(stripped) if near_top else None
        if byline and len(stripped) < 120:
            author = author or byline["name"]
            published = published or parse_published(byline["date"])
            continue
        date_line = _DATE_LINE.match(stripped) if near_top else None
        if date_line and len(stripped) < 60 and (day := parse_published(date_line["date"])):
            published = published or day
            continue
        if _is_furniture(stripped, lines, i, first=not any(kept)):
            if re.match(r"^\s*(originally published|published|posted|updated)", stripped, re.I):
                published = published or parse_published(stripped.split(":", 1)[-1])
            furniture.append(stripped)
            continue
        kept.append(stripped)

    paragraphs = _paragraphs(kept)
    title = ""
    if len(paragraphs) > 1 and _looks_like_headline(paragraphs[0]):
        title = paragraphs[0]
    # a headline repeated (or glued to a breadcrumb) appears once
    seen, unique = set(), []
    for p in paragraphs:
        if p == title and p in seen:
            continue
        seen.add(p)
        unique.append((p, _looks_like_heading(p)))
    return Article.from_paragraphs(
        unique, url=location, title=title, author=author, published=published,
        comments=comments, furniture=furniture,
    )


def _is_furniture(line: str, lines: list[str], i: int, *, first: bool = False) -> bool:
    if any(p.search(line) for p in _FURNITURE):
        return True
    if first and _looks_like_headline(line):
        return False  # a headline may trail off ("… could save Kaos…"); a caption is not first
    if _CAPTION_CUT.search(line) and len(line) < 250:
        return True
    following = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
    # a caption sits right above its photo credit
    return bool(following and _FURNITURE[2].match(following) and not _END.search(line)
                and len(line) < 250 and not _looks_like_heading(line))


def _comments(lines: list[str]) -> tuple[list[Comment], int]:
    """The comment thread at the end of the page and the line where it starts."""
    start = None
    for i, line in enumerate(lines):
        item = _ITEM.match(line)
        if item and item["num"] == "1" and item["indent"] and _thread_to_end(lines, i):
            start = i
            break
        if _THREAD_HEADING.match(line) and i > len(lines) // 3:
            start = i
            break
    if start is None:
        return [], len(lines)
    items: list[dict] = []
    stack: list[tuple[int, int]] = []  # (indent, index) of the open items
    blank = False
    for line in lines[start:]:
        if _THREAD_HEADING.match(line) and not items:
            continue
        item = _ITEM.match(line)
        if item:
            indent = len(item["indent"]) + (0 if item["num"] else 1)
            while stack and stack[-1][0] >= indent:
                stack.pop()
            parent = stack[-1][1] if stack else None
            if item["num"] and not item["indent"]:
                parent = None
            items.append({"lines": [item["text"].strip()], "parent": parent})
            stack.append((indent, len(items) - 1))
            blank = False
        elif line.strip():
            if not items:
                items.append({"lines": [line.strip()], "parent": None})
                stack = [(0, 0)]
            elif blank:
                items[-1]["lines"].append("\n\n" + line.strip())
            else:
                items[-1]["lines"].append(" " + line.strip())
            blank = False
        else:
            blank = True
    return [_comment(it) for it in items], start


def _thread_to_end(lines: list[str], start: int) -> bool:
    """Whether numbered items from ``start`` run, indented, to the end (a thread, not a list)."""
    rest = [line for line in lines[start:] if line.strip()]
    return all(line[:1] in (" ", "\t") or _ITEM.match(line) for line in rest)


def _comment(item: dict) -> Comment:
    text = "".join(item["lines"]).strip()
    author = None
    says = _SAYS.match(text)
    if says:
        author, text = says["name"], text[says.end():]
    return Comment(author=author, text=text, parent=item["parent"])


def _author_bio(lines: list[str]) -> tuple[str, int]:
    """A writer's name line followed by a short bio at the foot of the story."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for k in range(len(filled) - 1, max(len(filled) - 4, 0), -1):
        name_at, bio_at = filled[k - 1], filled[k]
        name, bio = lines[name_at].strip(), lines[bio_at].strip()
        if _NAME.match(name) and len(name) < 50 and _BIO.search(bio) and len(bio) < 400:
            return name, name_at
    return "", len(lines)


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated blocks; hard-wrapped lines inside a block are joined."""
    filled = [line for line in lines if line]
    wrapped = bool(filled) and statistics.median(len(x) for x in filled) < 90 and sum(
        1 for a, b in zip(lines, lines[1:], strict=False) if a and b
    ) > len(filled) / 2
    if not wrapped:
        return filled
    paragraphs, block = [], []
    for line in [*lines, ""]:
        if line and not (_looks_like_heading(line) and not block):
            block.append(line)
            continue
        if block:
            paragraphs.append(" ".join(block))
            block = []
        if line:
            paragraphs.append(line)
    return paragraphs


def _looks_like_headline(text: str) -> bool:
    """The first paragraph as the page's headline. Headlines come in sentence case ("Netflix
    cancels 1899 after one season") and open with quoted titles ("‘Beef’ Season 2: …") as
    often as in title case, so the first paragraph needs only to be short and not end like
    a sentence."""
    words = text.split()
    if _looks_like_heading(text):
        return True
    return 3 <= len(words) <= 20 and len(text) <= 160 and not _END.search(_closed(text))


def _closed(text: str) -> str:
    """``text`` without a closing mark that has its opening one: a headline may end on a
    quoted title ("… cancels ‘Kaos’") or a tag ("(VIDEO)"), which end no sentence."""
    for opening, closing in (("‘", "’"), ("“", "”"), ("(", ")"), ("[", "]")):
        if text.endswith(closing) and opening in text:
            return text[:text.rindex(opening)].rstrip()
    return text


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    if not words or len(text) > 120 or text[0] in "“\"'‘":
        return False
    if text.endswith("?") and len(words) <= 14:
        return True
    if _END.search(text):
        return False
    long_words = [w for w in words if len(w.strip("“”\"'‘’(),")) >= 4]
    capitalized = [w for w in long_words if w[0].isupper() or w[0].isdigit()]
    return len(words) <= 16 and (not long_words or len(capitalized) / len(long_words) >= 0.6)
