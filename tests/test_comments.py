"""Comments under a season page, as readers use them: through the test client, with and
without JavaScript, on the real test database.

Each behaviour is checked where a reader would see it (the discussion page, the fragment
the script loads, the cached season page, the JSON the script reads), because a comment
that is stored but shown in the wrong place, or shown with someone's e-mail, is the
failure that matters. The abuse defences (escaping, CSRF, rate limits, spam) are in
``test_comment_abuse.py``.
"""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import pairwise

import pytest
from comment_helpers import (
    DISCUSS,
    FRAGMENT,
    JSON,
    SEASON,
    body_text,
    comment_ids,
    comment_item,
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
    top_level_ids,
)
from django.utils import timezone

from renewcast.community.models import Comment, CommentStatus, Fan
from renewcast.community.posting import MAX_DEPTH

pytestmark = pytest.mark.django_db

NOT_POSTED = "Your comment was not posted: please check the fields marked below."
THANKS = "Thanks! Your comment is posted."
REPLY_GONE = "The comment you replied to is no longer there."


@pytest.fixture
def show():
    return make_show()


@pytest.fixture
def no_rate_limit(settings):
    settings.COMMENT_RATE = "0"


# --- validation ------------------------------------------------------------------------

INVALID = [
    pytest.param({"name": ""}, "name", "Please enter your name here", id="no-name"),
    pytest.param({"name": "   "}, "name", "Please enter your name here", id="blank-name"),
    pytest.param({"comment": ""}, "comment", "Please enter your comment!", id="no-comment"),
    pytest.param({"comment": "  \n\t  "}, "comment", "Please enter your comment!",
                 id="blank-comment"),
    pytest.param({"email": "mira-at-example"}, "email",
                 "Please enter a valid e-mail address, or leave it empty.", id="bad-email"),
    pytest.param({"comment": "word " * 1000 + "x"}, "comment",
                 "Please keep your comment under 5,000 characters (it has 5,001).",
                 id="too-long"),
    pytest.param({"name": "https://cheap-pills.example/buy"}, "name",
                 "Please enter a name, not a web address.", id="url-name"),
    pytest.param({"name": "www.cheap-pills.com"}, "name",
                 "Please enter a name, not a web address.", id="domain-name"),
    pytest.param({"name": "M" * 81}, "name", "Please keep your name under 80 characters.",
                 id="long-name"),
    # PostgreSQL cannot store a NUL: it must be a form error there, not a server error.
    pytest.param({"comment": "Renew\x00it"}, "comment", "Null characters are not allowed.",
                 id="nul"),
]


@pytest.mark.parametrize(("fields", "field", "message"), INVALID)
def test_invalid_form_without_javascript_says_why_and_keeps_the_text(show, fields, field,
                                                                     message):
    typed = {"name": "Mira", "comment": "Renew it, the cliffhanger was cruel!",
             "email": "mira@example.org", **fields}
    response = post(reader(), typed.pop("comment"), typed.pop("name"), **typed)
    assert response.status_code == 400
    doc = parse(response)
    assert message in field_error(doc, field)
    assert NOT_POSTED in response.content.decode()
    # The other fields' errors stay empty, and what was typed is still in the form.
    assert all(not field_error(doc, other) for other in ("name", "comment", "email")
               if other != field)
    kept = fields.get("comment", "Renew it, the cliffhanger was cruel!")
    # (An HTML parser reads a NUL as U+FFFD, as browsers do.)
    assert field_value(doc, "comment").strip() == kept.strip().replace("\x00", "\ufffd")
    assert field_value(doc, "name") == fields.get("name", "Mira")
    assert field_value(doc, "email") == fields.get("email", "mira@example.org")
    assert doc.xpath(f"//*[@name='{field}'][@aria-invalid='true']")
    assert not Comment.objects.exists()
    assert "renewcast_fan" not in response.cookies  # nothing posted: no fan made


@pytest.mark.parametrize(("fields", "field", "message"), INVALID)
def test_invalid_form_as_json_is_400_with_the_field_errors(show, fields, field, message):
    typed = {"name": "Mira", "comment": "Renew it!", **fields}
    response = post(reader(), typed.pop("comment"), typed.pop("name"), json=True, **typed)
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {field: [message]}
    assert body["message"] == NOT_POSTED
    assert not Comment.objects.exists()


def test_every_missing_field_is_reported_at_once(show):
    body = post(reader(), "", "", json=True, email="nope").json()
    assert body["errors"] == {"name": ["Please enter your name here"],
                              "comment": ["Please enter your comment!"],
                              "email": ["Please enter a valid e-mail address, or leave it empty."]}


# --- posting ---------------------------------------------------------------------------

def test_without_javascript_a_post_redirects_to_the_comment_and_says_thanks(show):
    client = reader()
    response = post(client, "Season 2 has to happen.", "Mira")
    assert response.status_code == 303
    match = re.fullmatch(re.escape(DISCUSS) + r"\?order=newest#c(\d+)", response["Location"])
    assert match, response["Location"]
    comment = Comment.objects.get()
    assert int(match.group(1)) == comment.pk
    assert (comment.name, comment.body, comment.status) == ("Mira", "Season 2 has to happen.",
                                                             CommentStatus.PUBLISHED)
    assert "renewcast_fan" in response.cookies
    page = client.get(response["Location"])
    doc = parse(page)
    notices = [li.text_content() for li in doc.xpath(f"//ul[{has_class('notices')}]/li")]
    assert notices == [THANKS]
    assert body_text(doc, comment.pk).strip() == "Season 2 has to happen."
    # The name is remembered for the next comment; the thanks is said once.
    assert field_value(doc, "name") == "Mira"
    assert THANKS not in client.get(DISCUSS).content.decode()


def test_with_javascript_a_post_answers_201_with_the_comment_html(show):
    response = post(reader(), "Season 2 has to happen.", json=True)
    assert response.status_code == 201
    body = response.json()
    comment = Comment.objects.get()
    assert body["id"] == comment.pk and body["status"] == "published"
    assert body["parent"] is None and body["repeated"] is False
    assert body["message"] == THANKS
    fragment = parse(body["html"])
    assert body_text(fragment, comment.pk).strip() == "Season 2 has to happen."
    assert fragment.xpath(f"//a[@href='/comments/{comment.pk}/edit/']")  # the author may edit


def test_the_stored_comment_keeps_no_address(show):
    posted_id(post(reader(7), "Hello from a fan", json=True))
    client = Comment.objects.get().client
    assert client and "203.0.113.7" not in client and len(client) == 32


def test_the_email_is_stored_but_never_shown(show):
    email = "mira.private@example.org"
    author = reader(1)
    pk = posted_id(post(author, "I want a season 2", email=email, json=True))
    assert Comment.objects.get(pk=pk).email == email
    answer = post(author, "And a season 3", email=email, json=True).content.decode()
    pages = {"json": answer}
    for who, client in (("author", author), ("stranger", reader(2))):
        for url in (DISCUSS, FRAGMENT, SEASON):
            response = client.get(url)
            assert response.status_code == 200
            assert comment_item(parse(response), pk) is not None
            pages[f"{who} {url}"] = response.content.decode()
    for where, html in pages.items():
        assert email not in html and "mira.private" not in html, where


# --- replies ---------------------------------------------------------------------------

def test_replies_nest_under_what_they_answer(show, no_rate_limit):
    client = reader()
    chain = [posted_id(post(client, "Top-level comment", json=True))]
    for level in range(1, MAX_DEPTH + 1):
        chain.append(posted_id(post(client, f"Reply at level {level}", json=True,
                                    parent=chain[-1])))
    stored = {c.pk: c for c in Comment.objects.all()}
    assert [stored[pk].depth for pk in chain] == list(range(MAX_DEPTH + 1))
    assert {stored[pk].root_id for pk in chain[1:]} == {chain[0]}
    for url in (DISCUSS, SEASON):
        doc = parse(reader(2).get(url))
        assert top_level_ids(doc) == [chain[0]], url
        for parent, child in pairwise(chain):
            nested = doc.xpath(f"//li[@id='c{parent}']/ol[{has_class('replies')}]"
                               f"/li[@id='c{child}']")
            assert nested, (url, parent, child)
        assert len(doc.xpath(f"//li[@id='c{chain[-1]}']//ol")) == 0


def test_a_reply_past_the_deepest_level_joins_its_parents_conversation(show, no_rate_limit):
    client = reader()
    chain = [posted_id(post(client, "Top-level comment", json=True))]
    for level in range(1, MAX_DEPTH + 1):
        chain.append(posted_id(post(client, f"Reply at level {level}", json=True,
                                    parent=chain[-1])))
    deepest, above = chain[-1], chain[-2]
    answer = post(client, "A reply to the deepest one", json=True, parent=deepest).json()
    reply = Comment.objects.get(pk=answer["id"])
    assert answer["parent"] == above == reply.parent_id
    assert reply.depth == MAX_DEPTH and reply.root_id == chain[0]
    doc = parse(reader(2).get(DISCUSS))
    siblings = [int(li.get("data-id")) for li in
                doc.xpath(f"//li[@id='c{above}']/ol[{has_class('replies')}]/li")]
    assert siblings == [deepest, reply.pk]  # oldest first, as a conversation


def test_the_reply_form_names_who_is_answered(show):
    first = make_comment(show, "The finale was great", fan=Fan.objects.create(name="Ana"))
    doc = parse(reader().get(DISCUSS, {"reply": first.pk}))
    assert doc.xpath("//h3[@id='comment-form-h']")[0].text_content() == "Reply to Ana"
    assert field_value(doc, "parent") == str(first.pk)
    response = post(reader(), "It really was", parent=first.pk)
    assert response.status_code == 303
    assert Comment.objects.get(body="It really was").parent_id == first.pk


@pytest.mark.parametrize("target", ["held", "rejected", "missing", "huge id",
                                    "other season", "other show"])
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "html"])
def test_a_reply_to_a_comment_not_on_this_page_is_refused(show, target, as_json):
    parent = {
        "held": lambda: make_comment(show, "held", status=CommentStatus.HELD).pk,
        "rejected": lambda: make_comment(show, "no", status=CommentStatus.REJECTED).pk,
        "missing": lambda: 987654,
        "huge id": lambda: 10**30,
        "other season": lambda: make_comment(show, "about season 1", number=1).pk,
        "other show": lambda: make_comment(make_show("other-show", "Other"), "other").pk,
    }[target]()
    before = Comment.objects.count()
    response = post(reader(), "I agree with this", json=as_json, parent=parent)
    assert response.status_code == 400
    if as_json:
        assert response.json()["errors"] == {"parent": [REPLY_GONE]}
    else:
        doc = parse(response)
        assert REPLY_GONE in field_error(doc, "parent")
        assert field_value(doc, "comment") == "I agree with this"
    assert Comment.objects.count() == before


# --- the season page and the fragment --------------------------------------------------

def test_the_season_page_shows_the_latest_comments_and_stays_cacheable(show):
    fan = Fan.objects.create(name="Ana")
    comments = [make_comment(show, f"Comment number {i}", fan=fan) for i in range(12)]
    reply = make_comment(show, "A reply", fan=fan, parent=comments[-1])
    held = make_comment(show, "Held one", fan=fan, status=CommentStatus.HELD)
    response = reader().get(SEASON)
    assert response.status_code == 200
    html = response.content.decode()
    doc = parse(response)
    assert doc.xpath("//h3[@id='comments-h']")[0].text_content() == "13 comments"
    # The ten newest threads, newest first, with their replies.
    assert top_level_ids(doc) == [c.pk for c in reversed(comments[2:])]
    assert comment_item(doc, reply.pk) is not None and comment_item(doc, held.pk) is None
    assert "Read all 13 and join the discussion" in html
    # The same for everyone: no token, no cookie, no comment forms (they come from the
    # uncached fragment; the follow box posts without a token by design, docs/alerts.md).
    assert "csrfmiddlewaretoken" not in html
    assert not doc.xpath("//section[@id='discussion']//form[@method='post']")
    assert {f.get("action") for f in doc.xpath("//form[@method='post']")} == {
        f"/shows/{show.slug}/follow/"}
    assert not response.cookies and "Set-Cookie" not in response.headers
    assert "Cookie" not in response.get("Vary", "")


def test_the_season_page_sets_no_cookie_for_a_fan_either(show):
    author = reader()
    post(author, "My first comment")
    author.get(DISCUSS)  # reads the thanks and the token
    response = author.get(SEASON)
    assert response.status_code == 200
    assert not response.cookies and "csrfmiddlewaretoken" not in response.content.decode()


def test_the_season_page_of_a_quiet_season_invites_the_first_comment(show):
    html = reader().get(SEASON).content.decode()
    assert "0 comments" in html and "Be the first to comment" in html


def test_the_fragment_carries_the_forms_and_sets_the_csrf_cookie(show):
    first = make_comment(show, "Hello")
    response = reader().get(FRAGMENT)
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    doc = parse(response)
    assert doc.xpath("//form[@id='comment-form']//input[@name='csrfmiddlewaretoken']")
    assert doc.xpath(f"//form[@action='/comments/{first.pk}/like/']")
    assert "<html" not in response.content.decode()  # a piece of page, not a page


# --- order and pages ---------------------------------------------------------------------

def _dated(show, *bodies, start=None):
    """Top-level comments one minute apart, oldest first."""
    start = start or timezone.now() - timedelta(hours=1)
    made = []
    for i, body in enumerate(bodies):
        comment = make_comment(show, body, fan=Fan.objects.create(name=f"Fan {i}"))
        Comment.objects.filter(pk=comment.pk).update(created_at=start + timedelta(minutes=i))
        made.append(comment)
    return made


def test_newest_oldest_and_top_orders(show):
    a, b, c = _dated(show, "first", "second", "third")
    for liker, comment in ((2, a), (3, a), (2, b)):
        assert reader(liker).post(f"/comments/{comment.pk}/like/").status_code == 302
    orders = {order: top_level_ids(parse(reader().get(DISCUSS, {"order": order})))
              for order in ("newest", "oldest", "top")}
    assert orders == {"newest": [c.pk, b.pk, a.pk], "oldest": [a.pk, b.pk, c.pk],
                      "top": [a.pk, b.pk, c.pk]}
    doc = parse(reader().get(DISCUSS, {"order": "top"}))
    assert doc.xpath(f"//nav[{has_class('orders')}]/strong")[0].text_content() == "Top"
    assert top_level_ids(parse(reader().get(FRAGMENT, {"order": "oldest"}))) == [a.pk, b.pk,
                                                                                 c.pk]


def test_pages_count_threads_and_keep_replies_with_them(show, settings):
    settings.COMMENTS_PER_PAGE = 2
    a, b, c, d, e = _dated(show, "one", "two", "three", "four", "five")
    # Replies written after every thread still show under their own thread.
    replies = [make_comment(show, "reply to one", parent=a),
               make_comment(show, "reply to three", parent=c)]
    replies.append(make_comment(show, "reply to the reply", parent=replies[0]))
    pages = {}
    for n in (1, 2, 3):
        pages[n] = comment_ids(parse(reader().get(DISCUSS, {"page": n})))
    assert pages == {1: [e.pk, d.pk], 2: [c.pk, replies[1].pk, b.pk],
                     3: [a.pk, replies[0].pk, replies[2].pk]}
    doc = parse(reader().get(DISCUSS))
    assert doc.xpath("//h3[@id='comments-h']")[0].text_content() == "8 comments"
    assert "Page 1 of 3" in doc.xpath(f"//nav[{has_class('pages')}]")[0].text_content()


def test_the_next_page_link_works(show, settings):
    settings.COMMENTS_PER_PAGE = 2
    a, b, c = _dated(show, "one", "two", "three")
    doc = parse(reader().get(DISCUSS, {"order": "oldest"}))
    assert top_level_ids(doc) == [a.pk, b.pk]
    link = doc.xpath(f"//nav[{has_class('pages')}]//a[@rel='next']")[0].get("href")
    assert link.startswith(DISCUSS) and "order=oldest" in link
    page2 = parse(reader().get(link))
    assert top_level_ids(page2) == [c.pk]
    back = page2.xpath(f"//nav[{has_class('pages')}]//a[@rel='prev']")[0].get("href")
    assert top_level_ids(parse(reader().get(back))) == [a.pk, b.pk]


@pytest.mark.parametrize("query", [
    {"page": "abc"}, {"page": "-1"}, {"page": "0"}, {"page": "999"}, {"page": "1.5"},
    {"page": "99999999999999999999999"}, {"order": "bogus"}, {"order": ""},
    {"order": "-likes"}, {"reply": "abc"}, {"reply": "0"}, {"reply": "987654"},
    {"reply": "99999999999999999999999"}, {"reply": "²"}, {"reply": "１"},
])
@pytest.mark.parametrize("url", [DISCUSS, FRAGMENT])
def test_odd_page_order_and_reply_values_fall_back(show, settings, url, query):
    settings.COMMENTS_PER_PAGE = 2
    a, b, c = _dated(show, "one", "two", "three")
    response = reader().get(url, query)
    assert response.status_code == 200
    shown = top_level_ids(parse(response))
    assert shown in ([c.pk, b.pk], [a.pk])  # page 1 or the last page, newest first


@pytest.mark.parametrize("parent", ["abc", "²", "-3", "1.5"])
def test_an_odd_parent_value_is_a_form_error_not_a_crash(show, parent):
    response = post(reader(), "Hello", parent=parent)
    assert response.status_code == 400
    assert field_value(parse(response), "comment") == "Hello"
    assert not Comment.objects.exists()


def test_a_reply_on_a_later_page_is_shown_after_the_redirect(show, settings):
    settings.COMMENTS_PER_PAGE = 2
    a, b, c = _dated(show, "one", "two", "three")  # "one" is on page 2 (newest first)
    client = reader()
    response = post(client, "Replying to the oldest thread", parent=a.pk)
    assert response.status_code == 303
    reply = Comment.objects.get(body="Replying to the oldest thread")
    assert response["Location"].endswith(f"#c{reply.pk}")
    doc = parse(client.get(response["Location"]))
    assert comment_item(doc, reply.pk) is not None
    assert THANKS in doc.text_content()


def test_a_like_without_javascript_returns_to_the_page_of_the_comment(show, settings):
    settings.COMMENTS_PER_PAGE = 2
    a, b, c = _dated(show, "one", "two", "three")
    client = reader(2)
    response = client.post(f"/comments/{a.pk}/like/")
    assert response.status_code == 302 and response["Location"] == f"{DISCUSS}?page=2#c{a.pk}"
    doc = parse(client.get(response["Location"]))
    assert comment_item(doc, a.pk).xpath(f".//span[{has_class('likes')}]")[0].text == "1"
    assert "Liked." in doc.xpath(f"//ul[{has_class('notices')}]")[0].text_content()
    assert client.post(f"/comments/{c.pk}/like/")["Location"] == f"{DISCUSS}#c{c.pk}"


# --- editing ---------------------------------------------------------------------------

def test_the_author_can_edit_within_the_window(show):
    author = reader()
    pk = posted_id(post(author, "Season 2 in 2024", json=True))
    assert reader(2).get(DISCUSS).content.decode().count(f"/comments/{pk}/edit/") == 0
    doc = parse(author.get(DISCUSS))
    assert doc.xpath(f"//li[@id='c{pk}']//a[@href='/comments/{pk}/edit/']")
    form = author.get(f"/comments/{pk}/edit/")
    assert form.status_code == 200
    assert parse(form).xpath("//textarea[@name='comment']")[0].text_content() == \
        "Season 2 in 2024"
    response = author.post(f"/comments/{pk}/edit/", {"comment": "Season 2 in 2025, surely"})
    assert response.status_code == 302 and response["Location"] == f"{DISCUSS}#c{pk}"
    comment = Comment.objects.get(pk=pk)
    assert comment.body == "Season 2 in 2025, surely" and comment.edited_at is not None
    for client in (author, reader(2)):
        doc = parse(client.get(DISCUSS))
        assert body_text(doc, pk).strip() == "Season 2 in 2025, surely"
        assert comment_item(doc, pk).xpath(f".//span[{has_class('edited')}]")
    season = comment_item(parse(reader(3).get(SEASON)), pk)
    assert season.xpath(f".//span[{has_class('edited')}]")


def test_an_edit_says_it_was_saved(show):
    author = reader()
    pk = posted_id(post(author, "Season 2 in 2024", json=True))
    response = author.post(f"/comments/{pk}/edit/", {"comment": "Season 2 in 2025"},
                           follow=True)
    assert "Your comment is updated." in response.content.decode()
    answer = author.post(f"/comments/{pk}/edit/", {"comment": "Season 2 in 2026"}, **JSON)
    assert answer.status_code == 200
    assert answer.json() == {"id": pk, "status": "published", "html": "<p>Season 2 in 2026</p>"}


def test_an_edit_is_validated_like_a_comment(show):
    author = reader()
    pk = posted_id(post(author, "Season 2 in 2024", json=True))
    response = author.post(f"/comments/{pk}/edit/", {"comment": "   "})
    assert response.status_code == 400
    assert "Please enter your comment!" in response.content.decode()
    answer = author.post(f"/comments/{pk}/edit/", {"comment": ""}, **JSON)
    assert answer.status_code == 400
    assert answer.json() == {"errors": {"comment": ["Please enter your comment!"]}}
    assert Comment.objects.get(pk=pk).body == "Season 2 in 2024"


def test_no_edit_after_the_window(show, settings):
    author = reader()
    pk = posted_id(post(author, "Season 2 in 2024", json=True))
    Comment.objects.filter(pk=pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.COMMENT_EDIT_MINUTES, seconds=5))
    message = (f"You can only edit your own comment, within {settings.COMMENT_EDIT_MINUTES} "
               "minutes of posting it.")
    page = author.get(f"/comments/{pk}/edit/")
    assert page.status_code == 403 and message in page.content.decode()
    assert not parse(page).xpath("//textarea")
    response = author.post(f"/comments/{pk}/edit/", {"comment": "Changed my mind"})
    assert response.status_code == 403
    answer = author.post(f"/comments/{pk}/edit/", {"comment": "Changed my mind"}, **JSON)
    assert answer.status_code == 403 and answer.json() == {"message": message}
    comment = Comment.objects.get(pk=pk)
    assert comment.body == "Season 2 in 2024" and comment.edited_at is None
    assert f"/comments/{pk}/edit/" not in author.get(DISCUSS).content.decode()


def test_just_inside_the_window_the_edit_still_works(show, settings):
    author = reader()
    pk = posted_id(post(author, "Season 2 in 2024", json=True))
    Comment.objects.filter(pk=pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.COMMENT_EDIT_MINUTES - 1))
    assert author.post(f"/comments/{pk}/edit/", {"comment": "Later"}).status_code == 302


def test_nobody_else_can_edit(show):
    pk = posted_id(post(reader(1), "Mine", json=True))
    other_fan = reader(2)
    posted_id(post(other_fan, "Theirs", "Zed", json=True))
    for client in (other_fan, reader(3)):
        assert client.get(f"/comments/{pk}/edit/").status_code == 403
        assert client.post(f"/comments/{pk}/edit/", {"comment": "Hijacked"}).status_code == 403
    assert Comment.objects.get(pk=pk).body == "Mine"


def test_an_edit_that_adds_a_link_is_held_for_a_new_fan(show):
    author = reader()
    pk = posted_id(post(author, "Great show, renew it", json=True))
    answer = author.post(f"/comments/{pk}/edit/",
                         {"comment": "Great show, renew it: https://pills.example/buy"}, **JSON)
    assert answer.status_code == 200 and answer.json()["status"] == "held"
    comment = Comment.objects.get(pk=pk)
    assert comment.status == CommentStatus.HELD and comment.hold_reason == "edited to add a link"
    assert shown_on_public_pages(pk) == {DISCUSS: False, FRAGMENT: False, SEASON: False}
    mine = comment_item(parse(author.get(DISCUSS)), pk)
    assert "awaiting moderation" in mine.text_content()


def test_an_edit_that_adds_a_link_stays_published_for_a_known_fan(show, no_rate_limit):
    author = reader()
    posted_id(post(author, "My first comment here", json=True))
    pk = posted_id(post(author, "Great show, renew it", json=True))
    answer = author.post(f"/comments/{pk}/edit/",
                         {"comment": "Great show, my review: https://blog.example/review"},
                         **JSON)
    assert answer.json()["status"] == "published"
    assert shown_on_public_pages(pk) == {DISCUSS: True, FRAGMENT: True, SEASON: True}


# --- likes and reports -------------------------------------------------------------------

def test_a_like_counts_once_per_reader_and_shows(show):
    comment = make_comment(show, "Renew it")
    url = f"/comments/{comment.pk}/like/"
    fan = reader(2)
    assert fan.post(url, **JSON).json() == {"id": comment.pk, "message": "Liked.", "likes": 1}
    assert fan.post(url, **JSON).json()["message"] == "You already like this comment."
    response = reader(3).post(url)
    assert response.status_code == 302 and response["Location"] == f"{DISCUSS}#c{comment.pk}"
    assert Comment.objects.get(pk=comment.pk).likes == 2
    likes = comment_item(parse(reader(4).get(DISCUSS)), comment.pk).xpath(
        f".//span[{has_class('likes')}]")[0].text_content()
    assert likes == "2"
    season = comment_item(parse(reader(4).get(SEASON)), comment.pk).xpath(
        f".//span[{has_class('likes-count')}]")[0].text_content()
    assert season == "♥ 2"


def test_a_fan_counts_once_from_any_address(show):
    comment = make_comment(show, "Renew it")
    fan = reader(2)
    post(fan, "I am a fan now")
    fan.post(f"/comments/{comment.pk}/like/")
    fan.defaults["REMOTE_ADDR"] = "198.51.100.9"  # the same fan on another network
    assert fan.post(f"/comments/{comment.pk}/like/", **JSON).json()["likes"] == 1


def test_a_report_counts_once_per_reader(show):
    comment = make_comment(show, "Something rude")
    url = f"/comments/{comment.pk}/report/"
    first = reader(2).post(url, {"reason": "rude"}, follow=True)
    assert "Thanks: a moderator will look at this comment." in first.content.decode()
    again = reader(2).post(url, {"reason": "still rude"}, **JSON)
    assert again.json() == {
        "id": comment.pk, "reports": 1,
        "message": "You have already reported this comment; a moderator will look at it."}
    assert comment.report_set.get().reason == "rude"
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED


def test_a_report_reason_with_a_nul_is_kept_without_it(show):
    comment = make_comment(show, "Something rude")
    response = reader(2).post(f"/comments/{comment.pk}/report/", {"reason": "ru\x00de"})
    assert response.status_code == 302
    assert comment.report_set.get().reason == "rude"


def test_three_readers_reporting_hold_the_comment(show):
    comment = make_comment(show, "Something rude")
    other = make_comment(show, "Something kind")
    url = f"/comments/{comment.pk}/report/"
    for n in (2, 3):
        reader(n).post(url)
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.PUBLISHED
    assert shown_on_public_pages(comment.pk) == {DISCUSS: True, FRAGMENT: True, SEASON: True}
    assert reader(4).post(url, **JSON).json()["reports"] == 3
    held = Comment.objects.get(pk=comment.pk)
    assert held.status == CommentStatus.HELD and held.hold_reason == "reported by 3 readers"
    assert shown_on_public_pages(comment.pk) == {DISCUSS: False, FRAGMENT: False, SEASON: False}
    assert shown_on_public_pages(other.pk)[SEASON]
    assert "1 comment" in parse(reader(5).get(SEASON)).xpath("//h3[@id='comments-h']")[0] \
        .text_content()
    # A held comment takes no more reports or likes.
    assert reader(5).post(url).status_code == 404
    assert reader(5).post(f"/comments/{comment.pk}/like/").status_code == 404


# --- what doesn't exist ------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "/shows/no-such-show/season-2/discuss/", "/shows/no-such-show/season-2/discuss/fragment/",
    "/shows/partner-track/season-9/discuss/", "/shows/partner-track/season-9/discuss/fragment/",
    "/shows/partner-track/season-0/discuss/", "/shows/partner-track/season-9/",
    "/comments/987654/edit/",
])
def test_unknown_pages_are_404(show, url):
    assert reader().get(url).status_code == 404


@pytest.mark.parametrize("action", ["edit", "like", "report"])
def test_acting_on_an_unknown_comment_is_404(show, action):
    assert reader().post(f"/comments/987654/{action}/", {"comment": "x"}).status_code == 404


def test_posting_to_a_page_that_does_not_exist_is_404(show):
    response = post(reader(), "Hello", url="/shows/partner-track/season-9/discuss/")
    assert response.status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("action", ["like", "report"])
def test_like_and_report_take_only_posts(show, action):
    comment = make_comment(show, "Renew it")
    assert reader().get(f"/comments/{comment.pk}/{action}/").status_code == 405
    assert Comment.objects.get(pk=comment.pk).likes == 0
