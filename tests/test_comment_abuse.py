"""What the comment system does against people who abuse it: hostile text, forged forms,
floods, robots, copy-paste, link spam and banned posters.

Comments are the one place where strangers put text on our pages, so every defence is
checked from the outside, through the test client, on every page the text reaches: the
discussion page, the fragment the script loads, the cached season page, the JSON the
script inserts and the edit page. Hostile text is checked by parsing the HTML (what a
browser would build), not only by looking for substrings.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from comment_helpers import (
    DISCUSS,
    FRAGMENT,
    JSON,
    MODERATION,
    SEASON,
    body_text,
    comment_item,
    comment_items,
    field_error,
    field_value,
    has_class,
    make_comment,
    make_show,
    parse,
    post,
    posted_id,
    reader,
    shown_on_public_pages,
)
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import escape

from renewcast.community.clients import client_key
from renewcast.community.models import Ban, Comment, CommentStatus, Fan
from renewcast.community.spam import HOLD_AT, spam_score

pytestmark = pytest.mark.django_db

BANNED = "Comments from you are no longer accepted here."
DUPLICATE = "You have already posted this comment."


@pytest.fixture
def show():
    return make_show()


@pytest.fixture
def no_rate_limit(settings):
    settings.COMMENT_RATE = "0"


HIDDEN = {DISCUSS: False, FRAGMENT: False, SEASON: False}
SHOWN = {DISCUSS: True, FRAGMENT: True, SEASON: True}


# --- hostile text ----------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)//",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' onfocus='alert(1)' autofocus='",
    "</textarea><script>alert(1)</script>",
    "</q><script>alert(1)</script>",
    '<a href="javascript:alert(1)">click me</a>',
    "javascript:alert(1)",
    "javascript:alert(1)//example.com",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "jav&#x09;ascript:alert(1)",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "{{ 7|add:7 }}{% now 'Y' %}",
    'http://example.com/"onmouseover="alert(1)',
    "http://x.example.com/&quot;onmouseover=&quot;alert(1)",
    "https://example.com/?q=<img src=x onerror=alert(1)>",
    'www.example.com/"><script>alert(1)</script>',
    '"onmouseover="alert(1)"@example.com',
    "write to fan@example.com",
]

# Everything a comment's markup may contain; a tag from a payload would be something else.
COMMENT_TAGS = {"li", "article", "header", "strong", "a", "time", "span", "div", "p", "br",
                "ol", "form", "input", "button"}
FORM_TAGS = {"form", "input", "textarea", "h3", "p", "label", "span", "button", "div", "q",
             "a"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "poster"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def assert_inert(html: str, payload: str, where: str) -> None:
    """``html`` shows ``payload`` only as text: nothing in it runs or links anywhere odd."""
    if escape(payload) != payload:
        assert payload not in html, f"{where}: the payload is there unescaped"
    doc = parse(html)
    for script in doc.xpath("//script"):
        ours = (script.get("src") or "").startswith("/static/") \
            or script.get("type") == "application/ld+json"
        assert ours and "alert" not in (script.text or ""), f"{where}: a foreign script"
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue  # an HTML comment
        for name, value in element.attrib.items():
            # The site's own markup may use a handler; none may come from a payload.
            assert not (name.lower().startswith("on") and "alert" in value), \
                f"{where}: <{element.tag} {name}={value!r}>"
            if name.lower() in URL_ATTRIBUTES:
                squeezed = re.sub(r"[\s\x00-\x1f]+", "", value).lower()
                assert not squeezed.startswith(BAD_SCHEMES), f"{where}: {name}={value!r}"
    # Where fans' text goes, nothing but the template's own tags, and no handlers at all.
    for area, allowed in [*((item, COMMENT_TAGS) for item in comment_items(doc)),
                          *((form, FORM_TAGS) for form in doc.xpath("//form[@id='comment-form']")),
                          *((q, {"q"}) for q in doc.xpath("//p[@class='replying']/q"))]:
        elements = [e for e in area.iter() if isinstance(e.tag, str)]
        assert {e.tag for e in elements} <= allowed, \
            f"{where}: {({e.tag for e in elements}) - allowed} where fans' text goes"
        assert not [n for e in elements for n in e.attrib if n.lower().startswith("on")], where
    for link in doc.xpath(f"//div[{has_class('comment-body')}]//a"):
        assert link.get("rel", "").split() == ["nofollow", "ugc"], \
            f"{where}: {lxml_html(link)} lacks rel=nofollow ugc"
        assert link.get("href", "").startswith(("http://", "https://", "mailto:")), where


def lxml_html(element) -> str:
    import lxml.html

    return lxml.html.tostring(element, encoding="unicode")


def _readable_pages(author, stranger, pk: int) -> dict[str, str]:
    return {
        "author's discussion page": author.get(DISCUSS).content.decode(),
        "reply form": author.get(DISCUSS, {"reply": pk}).content.decode(),
        "stranger's discussion page": stranger.get(DISCUSS).content.decode(),
        "fragment": stranger.get(FRAGMENT).content.decode(),
        "season page": stranger.get(SEASON).content.decode(),
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_comment_text_is_shown_as_text_everywhere(show, no_rate_limit, payload):
    author, stranger = reader(1), reader(2)
    posted_id(post(author, "Hello, long time reader here", json=True))  # a known fan
    answer = post(author, payload, json=True)
    pk = posted_id(answer)
    assert Comment.objects.get(pk=pk).status == CommentStatus.PUBLISHED
    pages = {"json": answer.json()["html"], **_readable_pages(author, stranger, pk),
             "edit page": author.get(f"/comments/{pk}/edit/").content.decode(),
             "edit refusal": stranger.get(f"/comments/{pk}/edit/").content.decode()}
    for where, html in pages.items():
        assert_inert(html, payload, where)
        if where.startswith("edit"):
            doc = parse(html)
            area = doc.xpath("//textarea[@name='comment']")
            shown = area[0].text_content() if area else \
                doc.xpath(f"//div[{has_class('comment-body')}]")[0].text_content()
            assert shown == payload, where
        else:
            assert body_text(parse(html), pk) == payload, where
    replying = parse(pages["reply form"]).xpath("//p[@class='replying']/q")[0].text_content()
    assert replying == payload
    # The same through an edit.
    edited = posted_id(post(author, "A harmless first draft", json=True))
    response = author.post(f"/comments/{edited}/edit/", {"comment": payload}, **JSON)
    assert response.status_code == 200
    assert_inert(response.json()["html"], payload, "edit json")
    assert parse(response.json()["html"]).text_content() == payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_name_is_shown_as_text_everywhere(show, no_rate_limit, payload):
    author, stranger = reader(1), reader(2)
    answer = post(author, "Nice episode", payload, json=True)
    name = " ".join(payload.split())
    if answer.status_code == 400:  # a name with a web address in it: refused, and shown back
        assert answer.json()["errors"] == {"name": ["Please enter a name, not a web address."]}
        page = post(author, "Nice episode", payload)
        assert page.status_code == 400
        html = page.content.decode()
        assert_inert(html, payload, "refused form")
        assert field_value(parse(html), "name") == payload
        assert not Comment.objects.exists()
        return
    pk = posted_id(answer)
    pages = {"json": answer.json()["html"], **_readable_pages(author, stranger, pk)}
    for where, html in pages.items():
        assert_inert(html, payload, where)
        item = comment_item(parse(html), pk)
        assert item.xpath(f".//strong[{has_class('author')}]")[0].text_content() == name, where
        assert item.xpath(f".//a[{has_class('reply')}]")[0].get("data-name") == name, where
    form = parse(pages["reply form"])
    assert form.xpath("//h3[@id='comment-form-h']")[0].text_content() == f"Reply to {name}"
    assert field_value(form, "name") == name


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "<" in p or '"' in p])
def test_a_refused_comment_comes_back_escaped_in_the_form(show, payload):
    response = post(reader(), payload, "")  # no name: the form comes back with the text
    assert response.status_code == 400
    html = response.content.decode()
    assert_inert(html, payload, "refused form")
    assert field_value(parse(html), "comment") == payload


def test_links_in_comments_are_marked_nofollow_ugc(show, no_rate_limit):
    author = reader()
    posted_id(post(author, "Hello, long time reader here", json=True))
    pk = posted_id(post(author, "Two sources: https://deadline.example/renewed and "
                                "www.variety.example/news", json=True))
    doc = parse(reader(2).get(SEASON))
    links = comment_item(doc, pk).xpath(f".//div[{has_class('comment-body')}]//a")
    assert [(a.get("href"), a.get("rel")) for a in links] == [
        ("https://deadline.example/renewed", "nofollow ugc"),
        ("http://www.variety.example/news", "nofollow ugc")]


# --- forged forms (CSRF) -----------------------------------------------------------------

def csrf_reader(n: int = 1):
    """A browser that enforces CSRF, having loaded the discussion page (and its cookie)."""
    client = reader(n, enforce_csrf_checks=True)
    assert client.get(DISCUSS).status_code == 200
    return client, client.cookies["csrftoken"].value


def test_a_post_without_the_token_is_403_and_keeps_what_was_typed(show):
    client, _ = csrf_reader()
    response = post(client, "My long, carefully written theory about season 2", "Mira",
                    email="mira@example.org")
    assert response.status_code == 403
    doc = parse(response)
    assert "this form had expired" in response.content.decode()
    assert field_value(doc, "comment") == "My long, carefully written theory about season 2"
    assert field_value(doc, "name") == "Mira"
    assert doc.xpath("//form[@id='comment-form']//input[@name='csrfmiddlewaretoken']")
    assert not Comment.objects.exists()
    # Sending the returned form again (with its fresh token) posts it.
    token = doc.xpath("//form[@id='comment-form']//input[@name='csrfmiddlewaretoken']")[0] \
        .get("value")
    again = post(client, "My long, carefully written theory about season 2", "Mira",
                 csrfmiddlewaretoken=token, nonce=field_value(doc, "nonce"))
    assert again.status_code == 303 and Comment.objects.count() == 1


def test_a_post_with_a_wrong_token_is_403(show):
    client, token = csrf_reader()
    response = post(client, "Hello", csrfmiddlewaretoken="x" * len(token))
    assert response.status_code == 403 and not Comment.objects.exists()


def test_a_json_post_without_the_token_is_403_json(show):
    client, token = csrf_reader()
    response = post(client, "Hello", json=True)
    assert response.status_code == 403
    assert "this form had expired" in response.json()["message"]
    accepted = client.post(DISCUSS, {"name": "Mira", "comment": "Hello"},
                           HTTP_X_CSRFTOKEN=token, **JSON)
    assert accepted.status_code == 201


def test_a_post_with_the_token_is_accepted(show):
    client, token = csrf_reader()
    response = post(client, "Hello", csrfmiddlewaretoken=token)
    assert response.status_code == 303 and Comment.objects.count() == 1


@pytest.mark.parametrize("action", ["like", "report"])
def test_like_and_report_need_the_token(show, action):
    comment = make_comment(show, "Renew it")
    client, token = csrf_reader()
    url = f"/comments/{comment.pk}/{action}/"
    refused = client.post(url)
    assert refused.status_code == 403
    assert (comment.like_set.count(), comment.report_set.count()) == (0, 0)
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    assert comment.like_set.count() + comment.report_set.count() == 1


def test_edit_needs_the_token(show):
    client, token = csrf_reader()
    assert post(client, "First draft", csrfmiddlewaretoken=token).status_code == 303
    pk = Comment.objects.get().pk
    url = f"/comments/{pk}/edit/"
    assert client.post(url, {"comment": "Forged"}).status_code == 403
    assert Comment.objects.get().body == "First draft"
    assert client.post(url, {"comment": "Second draft", "csrfmiddlewaretoken": token}) \
        .status_code == 302
    assert Comment.objects.get().body == "Second draft"


# --- floods --------------------------------------------------------------------------------

def test_the_sixth_comment_in_a_minute_is_refused_with_retry_after(show, settings):
    settings.COMMENT_RATE = "5/60"
    client = reader()
    for i in range(5):
        posted_id(post(client, f"Thought number {i} about the show", json=True))
    response = post(client, "One thought too many", json=True)
    assert response.status_code == 429
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 61
    message = response.json()["message"]
    assert message == (f"You are posting quickly: please wait {wait} second"
                       f"{'s' if wait != 1 else ''} before your next comment "
                       "(at most 5 every 60 seconds).")
    page = post(client, "One thought too many")
    assert page.status_code == 429 and page["Retry-After"]
    assert "You are posting quickly" in page.content.decode()
    assert field_value(parse(page), "comment") == "One thought too many"
    assert Comment.objects.count() == 5
    # Another address is counted on its own; a minute later this one may post again.
    assert post(reader(2), "A different reader", json=True).status_code == 201
    Comment.objects.update(created_at=timezone.now() - timedelta(seconds=61))
    assert post(client, "One thought too many", json=True).status_code == 201


def test_the_rate_is_configurable(show, settings):
    settings.COMMENT_RATE = "2/30"
    client = reader()
    for i in range(2):
        posted_id(post(client, f"Thought number {i}", json=True))
    response = post(client, "Third", json=True)
    assert response.status_code == 429
    assert "(at most 2 every 30 seconds)" in response.json()["message"]


def test_a_rate_of_zero_means_no_limit(show, settings):
    settings.COMMENT_RATE = "0"
    client = reader()
    for i in range(8):
        posted_id(post(client, f"Thought number {i} about the show", json=True))
    assert Comment.objects.count() == 8


def test_robots_filling_the_hidden_field_are_refused(show):
    message = ("Your comment was not posted: the field “Leave this field empty” "
               "was filled in.")
    response = post(reader(), "Great post", website="http://seo.example")
    assert response.status_code == 400
    doc = parse(response)
    assert field_error(doc, "website") == message
    assert field_value(doc, "website") == ""
    assert post(reader(), "Great post", json=True, website="x").json()["errors"] == {
        "website": [message]}
    assert not Comment.objects.exists()


# --- copy-paste ----------------------------------------------------------------------------

def test_the_same_words_twice_are_refused_whatever_the_spacing(show):
    client = reader(1)
    posted_id(post(client, "Season 3 please! The finale was a cliffhanger.", json=True))
    again = post(client, "  season 3   PLEASE!\nthe finale was a CLIFFHANGER.  ", json=True)
    assert again.status_code == 400
    assert again.json()["errors"] == {"comment": [DUPLICATE]}
    page = post(client, "Season 3 please! The finale was a cliffhanger.")
    assert page.status_code == 400 and DUPLICATE in field_error(parse(page), "comment")
    # The same fan from another address is still the same fan.
    elsewhere = reader(2)
    elsewhere.cookies = client.cookies
    assert post(elsewhere, "SEASON 3 please! The finale was a cliffhanger.", json=True) \
        .status_code == 400
    # Someone else may say the same thing.
    assert post(reader(3), "Season 3 please! The finale was a cliffhanger.", "Zed",
                json=True).status_code == 201
    assert Comment.objects.count() == 2


def test_the_same_words_after_a_day_are_allowed(show):
    client = reader()
    posted_id(post(client, "Renew it!", json=True))
    Comment.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert post(client, "Renew it!", json=True).status_code == 201


def test_the_same_words_on_many_pages_are_held(show, no_rate_limit):
    text = "Best show ever, everyone should watch it tonight"
    pages = [f"/shows/{slug}/season-{n}/discuss/" for slug in ("partner-track", "other-a",
                                                                "other-b") for n in (1, 2)]
    make_show("other-a", "Other A")
    make_show("other-b", "Other B")
    statuses = [post(reader(n), text, f"Fan {n}", json=True, url=url).json()["status"]
                for n, url in enumerate(pages, start=10)]
    assert statuses[:3] == ["published"] * 3 and statuses[-1] == "held"
    held = Comment.objects.filter(status=CommentStatus.HELD).first()
    assert "the same words on other pages" in held.hold_reason


# --- retries ---------------------------------------------------------------------------

def test_the_same_form_sent_twice_is_stored_once(show):
    client = reader()
    first = post(client, "Renew it!", json=True, nonce="retry-nonce-1")
    second = post(client, "Renew it!", json=True, nonce="retry-nonce-1")
    assert first.status_code == 201 and second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert (first.json()["repeated"], second.json()["repeated"]) == (False, True)
    assert Comment.objects.count() == 1


def test_the_same_form_sent_twice_without_javascript_goes_to_the_same_comment(show):
    client = reader()
    first = post(client, "Renew it!", nonce="retry-nonce-2")
    second = post(client, "Renew it!", nonce="retry-nonce-2")
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_a_retry_is_answered_even_when_the_rate_limit_is_reached(show, settings):
    settings.COMMENT_RATE = "2/60"
    client = reader()
    posted_id(post(client, "One", json=True))
    pk = posted_id(post(client, "Two", json=True, nonce="last-one"))
    retry = post(client, "Two", json=True, nonce="last-one")
    assert retry.status_code == 200 and retry.json()["id"] == pk
    assert post(client, "Three", json=True, nonce="new-one").status_code == 429


def test_each_form_gets_its_own_nonce(show):
    nonces = {field_value(parse(reader().get(DISCUSS)), "nonce") for _ in range(3)}
    assert len(nonces) == 3 and all(len(n) >= 16 for n in nonces)


# --- links and spam --------------------------------------------------------------------

@pytest.mark.parametrize(("limit", "links", "message"), [
    (2, 3, "Please keep to 2 links or fewer."),
    (1, 2, "Please keep to 1 link or fewer."),
])
def test_too_many_links_are_refused(show, settings, limit, links, message):
    settings.COMMENT_MAX_LINKS = limit
    text = "Sources: " + " ".join(f"https://news{i}.example/renewal" for i in range(links))
    response = post(reader(), text, json=True)
    assert response.status_code == 400 and response.json()["errors"] == {"comment": [message]}
    page = post(reader(), text)
    assert message in field_error(parse(page), "comment")
    assert not Comment.objects.exists()
    fewer = "Source: " + " ".join(f"https://news{i}.example/renewal" for i in range(limit))
    assert post(reader(), fewer, json=True).status_code == 201


def test_a_new_fans_first_link_waits_for_a_moderator(show):
    author = reader()
    response = post(author, "The renewal is official: https://deadline.example/renewed")
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.HELD
    assert comment.hold_reason == "first comment with a link"
    assert shown_on_public_pages(comment.pk) == HIDDEN
    assert "0 comments" in reader(3).get(SEASON).content.decode()
    page = author.get(response["Location"])
    assert MODERATION in page.content.decode()
    mine = comment_item(parse(page), comment.pk)
    assert "awaiting moderation" in mine.text_content()
    assert not mine.xpath(".//form")  # nobody likes or reports a held comment
    assert comment_item(parse(author.get(FRAGMENT)), comment.pk) is not None
    answer = post(author, "And again: https://variety.example/renewed", json=True).json()
    assert (answer["status"], answer["message"]) == ("held", MODERATION)


def test_a_fan_with_a_published_comment_may_post_a_link(show, no_rate_limit):
    author = reader()
    posted_id(post(author, "I loved the finale", json=True))
    answer = post(author, "The renewal is official: https://deadline.example/renewed",
                  json=True).json()
    assert answer["status"] == "published"
    assert shown_on_public_pages(answer["id"]) == SHOWN


def test_a_held_comment_does_not_make_a_fan_known(show, no_rate_limit):
    author = reader()
    post(author, "See https://deadline.example/renewed", json=True)
    answer = post(author, "See also https://variety.example/renewed", json=True).json()
    assert answer["status"] == "held"


def test_obvious_spam_is_held_with_its_reasons(show):
    spam = ("EARN $500 A DAY WORKING FROM HOME!!! Crypto casino bonus, contact me at "
            "WhatsApp +1 555 123 4567")
    answer = post(reader(), spam, "Best Casino Bonus", json=True).json()
    assert answer["status"] == "held" and answer["message"] == MODERATION
    comment = Comment.objects.get()
    assert comment.hold_reason.startswith("spam score: ")
    for reason in ("advert words", "a phone number", "money amounts", "an advert for a name"):
        assert reason in comment.hold_reason
    assert comment.spam_score >= HOLD_AT
    assert shown_on_public_pages(comment.pk) == HIDDEN


def test_an_ordinary_comment_is_published(show):
    answer = post(reader(), "I hope they renew it. The loan shark plot in episode 6 was "
                            "great and I need to know what happens to Ingrid!!", json=True)
    comment = Comment.objects.get()
    assert answer.json()["status"] == "published" and comment.hold_reason == ""
    assert comment.spam_score < HOLD_AT


@pytest.mark.parametrize(("text", "kwargs"), [
    ("Buy now: cheap viagra and cialis at https://pills.example", {"links": 1}),
    ("Earn $500 a day working from home, contact me at WhatsApp +44 7700 900123", {}),
    ("CLICK HERE FOR FREE MONEY!!!!!! https://a.example https://b.example", {"links": 2}),
    ("Watch every episode free", {"name": "www.free-streams.xyz", "same_text_elsewhere": 2}),
    ("Great show", {"same_text_elsewhere": 4}),
])
def test_spam_score_holds_spam(text, kwargs):
    score = spam_score(text, **kwargs)
    assert score.doubtful and score.score >= HOLD_AT and score.reasons


@pytest.mark.parametrize(("text", "kwargs"), [
    ("Great show, can't wait for season 3.", {}),
    ("NOOOOOO they can't cancel it!!!", {}),
    ("The budget was $20 million per episode, so I doubt it comes back.", {}),
    ("The loan shark storyline was the best part.", {}),
    ("Deadline says it's renewed: https://deadline.example/renewed", {"links": 1,
                                                                     "known_fan": True}),
    ("I wrote a longer review of the whole season on my blog, with spoilers for the "
     "finale: https://blog.example/review", {"links": 1}),
])
def test_spam_score_lets_fans_talk(text, kwargs):
    score = spam_score(text, **kwargs)
    assert not score.doubtful and score.score < HOLD_AT


def test_spam_score_reasons_name_the_signs():
    score = spam_score("BUY NOW!!! https://x.example", links=1)
    assert "1 link" in score.reasons and "little text besides links" in score.reasons
    assert "advert words: buy now" in score.reasons and "mostly capitals" not in score.reasons
    known = spam_score("BUY NOW!!! https://x.example", links=1, known_fan=True)
    assert known.score < score.score
    assert "a fan with published comments" not in known.reasons  # not a reason to hold


# --- bans ----------------------------------------------------------------------------------

@pytest.mark.parametrize("as_json", [True, False], ids=["json", "html"])
def test_a_banned_fan_is_refused(show, as_json):
    client = reader()
    posted_id(post(client, "Before the ban", json=True))
    Fan.objects.update(banned=True)
    client.defaults["REMOTE_ADDR"] = "198.51.100.7"  # a new address does not help
    response = post(client, "After the ban", json=as_json)
    assert response.status_code == 403
    if as_json:
        assert response.json() == {"message": BANNED, "errors": {}}
    else:
        assert BANNED in response.content.decode()
        assert field_value(parse(response), "comment") == "After the ban"
    assert Comment.objects.count() == 1


def test_a_banned_address_is_refused(show):
    banned = client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.5"))
    Ban.objects.create(client=banned, reason="spam")
    response = post(reader(5), "Hello", json=True)
    assert response.status_code == 403 and response.json()["message"] == BANNED
    assert post(reader(6), "Hello", json=True).status_code == 201
    assert Comment.objects.get().client != banned


# --- report and like stuffing ------------------------------------------------------------

def fresh_fan_from(address: str):
    """A new browser at ``address`` that becomes a fan the cheap way: one comment."""
    browser = reader(1)
    browser.defaults["REMOTE_ADDR"] = address
    assert post(browser, f"Hello from a new fan {Fan.objects.count()}").status_code == 303
    return browser


def test_fresh_fan_cookies_from_one_address_cannot_hide_a_comment(show, no_rate_limit):
    target = make_comment(show, "An opinion someone dislikes")
    url = f"/comments/{target.pk}/report/"
    for _ in range(5):
        fresh_fan_from("198.51.100.66").post(url, {"reason": "hide it"})
    target.refresh_from_db()
    assert target.report_set.count() == 5  # every report is kept for the moderator
    assert target.reports == 1 and target.status == CommentStatus.PUBLISHED
    assert shown_on_public_pages(target.pk)[DISCUSS]


def test_fresh_fan_cookies_from_one_address_cannot_stuff_likes(show, no_rate_limit):
    target = make_comment(show, "Like me")
    for _ in range(5):
        fresh_fan_from("198.51.100.67").post(f"/comments/{target.pk}/like/")
    target.refresh_from_db()
    assert target.like_set.count() == 5 and target.likes == 1


def test_a_well_liked_comment_needs_more_readers_to_hold_it(show):
    target = make_comment(show, "A popular take", likes=60)
    url = f"/comments/{target.pk}/report/"
    for n in range(2, 7):  # five readers at five addresses: under one in ten of 60 likers
        reader(n).post(url)
    target.refresh_from_db()
    assert target.reports == 5 and target.status == CommentStatus.PUBLISHED
    reader(7).post(url)
    target.refresh_from_db()
    assert target.status == CommentStatus.HELD and target.hold_reason == "reported by 6 readers"
