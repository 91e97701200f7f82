"""What the comment tests share: a show whose season 2 page exists, posting through the
test client as distinct readers, and reading the answers back as parsed HTML.

Readers are told apart the way the site tells them apart: by address (``REMOTE_ADDR``,
hashed into ``client``) and by the fan cookie the client keeps after a first post.
"""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.test import Client

from renewcast.catalog.models import Season, Show
from renewcast.community.models import Comment, CommentStatus, Fan

SLUG = "partner-track"
SEASON = f"/shows/{SLUG}/season-2/"
DISCUSS = SEASON + "discuss/"
FRAGMENT = DISCUSS + "fragment/"
JSON = {"HTTP_ACCEPT": "application/json"}
MODERATION = "Thanks! Your comment is awaiting moderation and will appear once approved."


def make_show(slug: str = SLUG, title: str = "Partner Track") -> Show:
    """A show whose season 1 is out, so season 2 is its "will there be more?" page."""
    show = Show.objects.create(title=title, slug=slug, platform="Netflix")
    Season.objects.create(show=show, number=1, premiere_date=dt.date(2022, 8, 26))
    return show


def reader(n: int = 1, **kwargs) -> Client:
    """A browser of its own, at its own address."""
    return Client(REMOTE_ADDR=f"203.0.113.{n}", **kwargs)


def post(client: Client, comment: str, name: str = "Mira", *, json: bool = False,
         url: str = DISCUSS, **fields):
    data = {"name": name, "comment": comment, "email": "", "website": "", **fields}
    return client.post(url, data, **(JSON if json else {}))


def posted_id(response) -> int:
    assert response.status_code == 201, (response.status_code, response.content[:500])
    return response.json()["id"]


def make_comment(show: Show, body: str, *, fan: Fan | None = None, parent: Comment | None = None,
                 number: int = 2, status: str = CommentStatus.PUBLISHED, **fields) -> Comment:
    """A stored comment, straight into the database (for tests about reading, not posting)."""
    fan = fan or Fan.objects.create(name="Ana")
    root = (parent.root or parent) if parent else None
    return Comment.objects.create(
        show=show, season_number=number, parent=parent, root=root,
        depth=parent.depth + 1 if parent else 0, fan=fan, name=fan.name, body=body,
        status=status, client=fields.pop("client", "test-client"),
        fingerprint=fields.pop("fingerprint", body[:32]), **fields)


def html_of(response) -> str:
    return response.content.decode()


def parse(source):
    """An lxml tree of a response, or of an HTML string (a fragment gets a wrapper)."""
    html = source if isinstance(source, str) else html_of(source)
    return lxml.html.fromstring(f"<div>{html}</div>" if not html.lstrip().startswith("<!")
                                else html)


def has_class(name: str) -> str:
    """An XPath predicate: the element's class list holds ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def comment_items(doc) -> list:
    return doc.xpath(f"//li[{has_class('comment')}]")


def comment_ids(doc) -> list[int]:
    """The ids of the comments shown, in page order (replies after their parent)."""
    return [int(li.get("data-id")) for li in comment_items(doc)]


def top_level_ids(doc) -> list[int]:
    return [int(li.get("data-id"))
            for li in doc.xpath(f"//ol[{has_class('comments')}]/li[{has_class('comment')}]")]


def comment_item(doc, pk: int):
    found = doc.xpath(f"//li[@id='c{pk}']")
    return found[0] if found else None


def body_text(doc, pk: int) -> str:
    return comment_item(doc, pk).xpath(f".//div[{has_class('comment-body')}]")[0].text_content()


def field_value(doc, name: str) -> str:
    """What a form field of the comment form holds (the textarea's text or the input's value)."""
    form = doc.xpath("//form[@id='comment-form']")[0]
    area = form.xpath(f".//textarea[@name='{name}']")
    if area:
        return area[0].text_content()
    return form.xpath(f".//input[@name='{name}']")[0].get("value") or ""


def field_error(doc, name: str) -> str:
    """The comment form's error message for one field."""
    return " ".join(e.text_content() for e in doc.xpath(
        f"//form[@id='comment-form']//*[{has_class('error')}][@data-for='{name}']")).strip()


def shown_on_public_pages(pk: int) -> dict[str, bool]:
    """Whether comment ``pk`` is on each page a stranger (a fresh client) can load."""
    stranger = reader(99)
    return {url: comment_item(parse(stranger.get(url)), pk) is not None
            for url in (DISCUSS, FRAGMENT, SEASON)}
