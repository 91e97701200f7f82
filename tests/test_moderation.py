"""The moderation queue in the admin: held comments first, approve, reject, spam, ban."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from renewcast.catalog.models import Show
from renewcast.community.models import (
    Ban,
    Comment,
    CommentStatus,
    Fan,
    FanPrediction,
    PageView,
    Report,
)

pytestmark = pytest.mark.django_db

QUEUE = "/admin/community/comment/"
HELD, PUBLISHED = CommentStatus.HELD, CommentStatus.PUBLISHED


@pytest.fixture
def show():
    return Show.objects.create(title="Partner Track", slug="partner-track", platform="Netflix")


@pytest.fixture
def fan():
    return Fan.objects.create(name="Mira")


def comment(show, fan, body, status=PUBLISHED, **fields):
    fields = {"client": "x", "fingerprint": "y", "name": fan.name, **fields}
    return Comment.objects.create(show=show, season_number=2, fan=fan, body=body,
                                  status=status, **fields)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-for-tests")
    client.force_login(user)
    return client


def act(client, action, *comments, url=QUEUE + "?queue=all"):
    # An action applies to the selected rows the list shows, so mixed statuses need "all".
    response = client.post(url, {"action": action, "_selected_action": [c.pk for c in comments]},
                           follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_the_queue_opens_on_held_comments_oldest_first(editor, show, fan):
    comment(show, fan, "Loved the finale, renew it!")
    comment(show, fan, "Cheap pills at spam.example", HELD, hold_reason="spam score")
    comment(show, fan, "Second held one", HELD, hold_reason="first comment with a link")
    html = editor.get(QUEUE).content.decode()
    assert "Cheap pills" in html and "Second held one" in html
    assert "Loved the finale" not in html  # published: not in the queue
    assert html.index("Cheap pills") < html.index("Second held one")
    assert "2 comments held for moderation" in html and "Needs moderation (2)" in html
    assert "first comment with a link" in html and "/shows/partner-track/season-2/" in html
    everything = editor.get(QUEUE, {"queue": "all"}).content.decode()
    assert "Loved the finale" in everything and "Cheap pills" in everything
    published = editor.get(QUEUE, {"queue": "published"}).content.decode()
    assert "Loved the finale" in published and "Cheap pills" not in published


def test_filters_and_search(editor, show, fan):
    other = Show.objects.create(title="Other Show", slug="other-show")
    comment(show, fan, "About partner track", HELD)
    comment(other, Fan.objects.create(name="Zed"), "About the other show", HELD, name="Zed")
    reported = comment(show, fan, "Reported but fine", reports=2)
    by_show = editor.get(QUEUE, {"show__id__exact": other.pk}).content.decode()
    assert "About the other show" in by_show and "About partner track" not in by_show
    found = editor.get(QUEUE, {"q": "Zed"}).content.decode()
    assert "About the other show" in found and "About partner track" not in found
    listed = editor.get(QUEUE, {"queue": "reported"}).content.decode()
    assert reported.body in listed and "About partner track" not in listed


def test_approve_publishes_and_reports_only_what_changed(editor, show, fan):
    held = comment(show, fan, "Held comment", HELD, hold_reason="first comment with a link")
    already = comment(show, fan, "Already published")
    before = held.changed_at
    messages = act(editor, "approve", held, already)
    assert messages == ["1 comment approved and published."]
    held.refresh_from_db()
    assert held.status == PUBLISHED and held.hold_reason == ""
    assert held.changed_at > before  # the page cache notices moderation through changed_at


@pytest.mark.parametrize("action, status, message", [
    ("reject", CommentStatus.REJECTED, "2 comments rejected."),
    ("mark_spam", CommentStatus.SPAM, "2 comments marked as spam."),
])
def test_reject_and_spam(editor, show, fan, action, status, message):
    held = comment(show, fan, "One", HELD, hold_reason="spam score")
    published = comment(show, fan, "Two")
    before = published.changed_at
    assert act(editor, action, held, published) == [message]
    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    published.refresh_from_db()
    assert published.changed_at > before
    assert act(editor, action, held) == [message.replace("2 comments", "0 comments")]


def test_ban_bans_the_fan_and_address_and_spams_their_held_comments(editor, show, fan):
    bad = comment(show, fan, "Buy followers", HELD, client="addr-1")
    also_held = comment(show, fan, "Buy more followers", HELD, client="addr-2")
    earlier = comment(show, fan, "An old published one", client="addr-2")
    bystander = comment(show, Fan.objects.create(name="Ann"), "Held, someone else", HELD,
                        name="Ann", client="addr-3")
    messages = act(editor, "ban_authors", bad, url=QUEUE)  # straight from the queue
    assert messages == ["Banned 1 fan and 1 address; 2 held comments marked as spam."]
    fan.refresh_from_db()
    assert fan.banned
    assert list(Ban.objects.values_list("client", flat=True)) == ["addr-1"]
    assert "Mira" in Ban.objects.get().reason and str(bad.pk) in Ban.objects.get().reason
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[bad.pk] == statuses[also_held.pk] == CommentStatus.SPAM
    assert statuses[earlier.pk] == PUBLISHED and statuses[bystander.pk] == HELD
    # Banning again changes nothing and is not an error.
    assert act(editor, "ban_authors", bad) == [
        "Banned 0 fans and 0 addresses; 0 held comments marked as spam."]
    assert Ban.objects.count() == 1


def test_fan_admin_bans_and_lifts_the_ban(editor, show, fan):
    held = comment(show, fan, "Held", HELD, client="addr-9")
    act(editor, "ban_authors", held)
    html = editor.get("/admin/community/fan/").content.decode()
    assert "Mira" in html and f"?fan__id__exact={fan.pk}&amp;queue=all" in html
    messages = act(editor, "unban_fans", fan, url="/admin/community/fan/")
    assert messages == ["Lifted the ban on 1 fan and 1 address."]
    fan.refresh_from_db()
    assert not fan.banned and not Ban.objects.exists()
    comment(show, fan, "Held again", HELD)
    assert act(editor, "ban_fans", fan, url="/admin/community/fan/") == [
        "Banned 1 fan; 1 held comment marked as spam."]


def test_ticking_banned_on_a_fan_does_what_the_action_does(editor, show, fan):
    held = comment(show, fan, "Held", HELD)
    url = f"/admin/community/fan/{fan.pk}/change/"
    assert 'name="banned"' in editor.get(url).content.decode()
    response = editor.post(url, {"name": "Mira", "user": "", "banned": "on"})
    assert response.status_code == 302
    fan.refresh_from_db()
    held.refresh_from_db()
    assert fan.banned and held.status == CommentStatus.SPAM


def test_a_ban_lists_the_fans_who_posted_from_its_address(editor, show, fan):
    comment(show, fan, "From addr-5", client="addr-5")
    ban = Ban.objects.create(client="addr-5", reason="spam run")
    page = editor.get(f"/admin/community/ban/{ban.pk}/change/").content.decode()
    assert f'href="/admin/community/fan/{fan.pk}/change/">Mira</a>' in page
    assert 'name="client"' not in page and 'name="reason"' in page


def test_comment_markup_is_escaped_in_the_list_and_on_its_page(editor, show, fan):
    hostile = comment(show, fan, "<script>alert(1)</script> <b>bold</b>", HELD,
                      name="<img src=x onerror=alert(2)>", email="mira@example.org")
    html = editor.get(QUEUE).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    page = editor.get(f"{QUEUE}{hostile.pk}/change/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "mira@example.org" in page  # the e-mail is for moderators only


def test_the_comment_page_lists_reports_and_changes_only_the_status(editor, show, fan):
    reported = comment(show, fan, "Spoils the finale", reports=1)
    Report.objects.create(comment=reported, reporter="fan:7", reason="spoiler without warning")
    page = editor.get(f"{QUEUE}{reported.pk}/change/").content.decode()
    assert "spoiler without warning" in page
    assert 'name="status"' in page and 'name="body"' not in page
    response = editor.post(f"{QUEUE}{reported.pk}/change/", {
        "status": "rejected", "hold_reason": "spoiler",
        "report_set-TOTAL_FORMS": "1", "report_set-INITIAL_FORMS": "1",
        "report_set-MIN_NUM_FORMS": "0", "report_set-MAX_NUM_FORMS": "1000",
        "report_set-0-id": Report.objects.get().pk, "report_set-0-comment": reported.pk,
    })
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.status == "rejected" and reported.body == "Spoils the finale"
    assert editor.get(f"{QUEUE}add/").status_code == 403  # comments come from fans


@pytest.mark.parametrize("model", ["comment", "fan", "ban", "fanprediction", "pageview"])
def test_every_community_list_works(editor, show, fan, model):
    comment(show, fan, "Something", HELD)
    FanPrediction.objects.create(fan=fan, show=show, season_number=2, probability=70)
    Ban.objects.create(client="x", reason="test")
    assert editor.get(f"/admin/community/{model}/").status_code == 200
    assert editor.get(f"/admin/community/{model}/", {"q": "mira"}).status_code == 200


def test_predictions_and_page_views_are_read_only(editor, show, fan):
    prediction = FanPrediction.objects.create(fan=fan, show=show, season_number=2,
                                              probability=70)
    url = f"/admin/community/fanprediction/{prediction.pk}/change/"
    page = editor.get(url).content.decode()
    assert "Mira" in page and "Partner Track" in page
    assert 'name="probability"' not in page and 'name="_save"' not in page
    assert editor.post(url, {"probability": 10}).status_code == 403
    assert editor.get("/admin/community/fanprediction/add/").status_code == 403
    assert editor.get("/admin/community/pageview/add/").status_code == 403
    prediction.refresh_from_db()
    assert prediction.probability == 70
    assert PageView.objects.count() == 0


def test_a_moderator_with_only_comment_permissions_can_moderate(client, show, fan):
    user = get_user_model().objects.create_user("mod", password="pw-for-tests", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label="community", codename__in=["view_comment", "change_comment"]))
    client.force_login(user)
    held = comment(show, fan, "Held", HELD)
    assert act(client, "approve", held) == ["1 comment approved and published."]


def test_a_moderator_who_may_only_look_cannot_act(client, show, fan):
    user = get_user_model().objects.create_user("viewer", password="pw-for-tests",
                                                is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="view_comment"))
    client.force_login(user)
    held = comment(show, fan, "Held", HELD)
    assert "Held" in client.get(QUEUE).content.decode()
    client.post(QUEUE, {"action": "approve", "_selected_action": [held.pk]})
    held.refresh_from_db()
    assert held.status == HELD


@pytest.mark.parametrize("staff", [None, False])
def test_readers_are_sent_to_the_admin_login(client, show, fan, staff):
    held = comment(show, fan, "Held", HELD)
    if staff is not None:
        client.force_login(get_user_model().objects.create_user("reader", password="pw-x"))
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.post(QUEUE, {"action": "approve", "_selected_action": [held.pk]})
    held.refresh_from_db()
    assert held.status == HELD
