"""The follow box on show and season pages, the follow form's answers, and the links
e-mails carry: what a reader sees, in HTML and in JSON, including every refusal.
"""

from __future__ import annotations

import re

import pytest
from alert_receivers import make_show
from django.core import mail
from django.test import Client

from renewcast.alerts.models import Follow
from renewcast.page_cache import Entry, PageCache

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def show():
    return make_show("Partner Track")


@pytest.fixture(autouse=True)
def _public_only(settings):
    settings.ALLOW_PRIVATE_WEBHOOKS = False
    settings.COMMENT_RATE = "100/60"


def follow(client, show, **data):
    return client.post(f"/shows/{show.slug}/follow/", data)


@pytest.mark.parametrize("path", ["/shows/partner-track/", "/shows/partner-track/season-1/"])
def test_the_follow_box_is_on_show_and_season_pages_and_safe_to_cache(client, show, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="follow"' in html and "Follow Partner Track" in html
    assert 'action="/shows/partner-track/follow/"' in html
    assert 'name="email"' in html and 'name="webhook"' in html
    assert 'href="/shows/partner-track/feed.atom"' in html
    assert 'href="/shows/partner-track/calendar.ics"' in html
    assert "15 points or more" in html
    assert "csrfmiddlewaretoken" not in html
    entry = Entry("v", f"{response.status_code} OK", list(response.items()), response.content)
    assert PageCache._storable(entry), response.items()


def test_following_by_email_answers_check_your_inbox(client, show):
    response = follow(client, show, email="fan@example.com")
    assert response.status_code == 201
    assert "Check your inbox at fan@example.com to confirm" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["fan@example.com"]]
    assert Follow.objects.get().confirmed_at is None


def test_following_answers_json_when_asked(client, show):
    response = client.post("/shows/partner-track/follow/", {"email": "fan@example.com"}, **JSON)
    assert response.status_code == 201
    assert response.json()["status"] == "check_inbox"
    assert "Check your inbox at fan@example.com" in response.json()["message"]


def test_the_form_works_without_a_csrf_cookie(show):
    response = Client(enforce_csrf_checks=True).post("/shows/partner-track/follow/",
                                                     {"email": "fan@example.com"})
    assert response.status_code == 201


@pytest.mark.parametrize("data, field, message", [
    ({"email": "not-an-address"}, "email", "not-an-address is not a valid e-mail address"),
    ({"email": ""}, "__all__", "Please enter an e-mail address (or a webhook URL)"),
    ({"email": "a@example.com", "webhook": "https://x.example/"}, "__all__", "not both"),
    ({"webhook": "http://127.0.0.1/x"}, "webhook",
     "webhook address http://127.0.0.1/x points at a loopback address; renewcast only calls "
     "public addresses"),
    ({"webhook": "http://192.168.0.10/x"}, "webhook", "points at a private address"),
    ({"webhook": "http://169.254.169.254/latest/"}, "webhook", "points at a link-local address"),
    ({"webhook": "ftp://127.0.0.1/x"}, "webhook", "is not an http:// or https:// address"),
])
def test_bad_input_re_shows_the_form_with_the_message_and_what_was_typed(client, show, data,
                                                                        field, message):
    response = follow(client, show, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html
    for value in data.values():
        if value:
            assert f'value="{value}"' in html
    as_json = client.post("/shows/partner-track/follow/", data, **JSON)
    assert as_json.status_code == 400
    assert message in as_json.json()["message"]
    assert message in " ".join(as_json.json()["errors"][field])
    assert Follow.objects.count() == 0 and mail.outbox == []


def test_a_webhook_follow_shows_its_secret_once(client, show, settings):
    settings.ALLOW_PRIVATE_WEBHOOKS = True
    url = "http://127.0.0.1:9/hook"
    first = client.post("/shows/partner-track/follow/", {"webhook": url}, **JSON)
    assert first.status_code == 201
    secret = first.json()["secret"]
    assert secret == Follow.objects.get().secret
    assert first.json()["unsubscribe_url"].endswith(f"/alerts/unsubscribe/"
                                                     f"{Follow.objects.get().token}/")
    page = follow(client, show, webhook="http://127.0.0.1:9/other")
    assert page.status_code == 201
    assert "X-Renewcast-Signature" in page.content.decode()
    assert Follow.objects.get(address="http://127.0.0.1:9/other").secret in page.content.decode()
    again = client.post("/shows/partner-track/follow/", {"webhook": url}, **JSON)
    assert again.status_code == 200 and again.json()["status"] == "already"
    assert "secret" not in again.json() and secret not in again.content.decode()


def test_an_unknown_show_is_a_404(client):
    response = client.post("/shows/no-such-show/follow/", {"email": "fan@example.com"})
    assert response.status_code == 404
    assert b"renewcast has no show" in response.content


def test_too_many_follow_requests_are_slowed_down(client, show, settings):
    settings.COMMENT_RATE = "2/60"
    for n in range(2):
        assert follow(client, show, email=f"fan{n}@example.com").status_code == 201
    refused = follow(client, show, email="fan9@example.com")
    assert refused.status_code == 429
    assert "Too many follow requests" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert Follow.objects.count() == 2


def test_confirm_link_shows_a_button_and_only_a_post_confirms(client, show):
    follow(client, show, email="fan@example.com")
    token = Follow.objects.get().token
    page = client.get(f"/alerts/confirm/{token}/")
    assert page.status_code == 200
    assert f'action="/alerts/confirm/{token}/"' in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert Follow.objects.get().confirmed_at is None
    done = client.post(f"/alerts/confirm/{token}/")
    assert b"fan@example.com now follows Partner Track" in done.content
    assert Follow.objects.get().is_active
    assert b"already follows" in client.post(f"/alerts/confirm/{token}/").content


def test_an_unused_confirm_link_expires_and_the_address_is_forgotten(client, show):
    from datetime import timedelta

    from django.utils import timezone

    from renewcast.alerts.following import CONFIRM_WITHIN
    from renewcast.alerts.jobs import run_alerts

    follow(client, show, email="late@example.com")
    follow(client, show, email="fresh@example.com")
    late = Follow.objects.get(address="late@example.com")
    sent = timezone.now() - CONFIRM_WITHIN - timedelta(minutes=1)
    Follow.objects.filter(pk=late.pk).update(confirmation_sent_at=sent, created_at=sent)
    refused = Follow.objects.create(show=show, channel="email", address="no@example.com",
                                    disabled_at=sent)  # an editor's refusal is kept
    Follow.objects.filter(pk=refused.pk).update(created_at=sent)
    link = f"/alerts/confirm/{late.token}/"
    assert b"This link has expired" in client.get(link).content
    done = client.post(link, **JSON)
    assert done.json() == {"ok": False, "result": "expired", "show": "partner-track"}
    assert Follow.objects.get(pk=late.pk).confirmed_at is None

    report = run_alerts()
    assert report.forgotten == 1
    assert "  forgot 1 e-mail follow(s) nobody confirmed in time" in report.summary_lines()
    assert sorted(Follow.objects.values_list("address", flat=True)) == [
        "fresh@example.com", "no@example.com"]
    assert client.post(link).status_code == 404  # the link now names nothing
    mail.outbox.clear()
    assert follow(client, show, email="late@example.com").status_code == 201  # start over
    assert len(mail.outbox) == 1


def test_unsubscribe_link_shows_a_button_and_a_post_unsubscribes(client, show):
    follow(client, show, email="fan@example.com")
    token = Follow.objects.get().token
    client.post(f"/alerts/confirm/{token}/")
    page = client.get(f"/alerts/unsubscribe/{token}/")
    assert b"Unsubscribe</button>" in page.content and Follow.objects.get().is_active
    done = client.post(f"/alerts/unsubscribe/{token}/", **JSON)
    assert done.json() == {"ok": True, "result": "unsubscribed", "show": "partner-track"}
    assert Follow.objects.get().state == "unsubscribed"
    # The confirm link cannot undo it; following again needs a new confirmation.
    assert b"stopped following" in client.post(f"/alerts/confirm/{token}/").content
    assert Follow.objects.get().state == "unsubscribed"
    mail.outbox.clear()
    assert follow(client, show, email="fan@example.com").status_code == 201
    assert Follow.objects.get().state == "pending" and len(mail.outbox) == 1


@pytest.mark.parametrize("path", ["/alerts/confirm/nope/", "/alerts/unsubscribe/nope/",
                                  "/alerts/unsubscribe/" + "x" * 80 + "/"])
def test_an_unknown_token_is_a_clear_404(client, path):
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        assert b"This confirm or unsubscribe link is not valid" in response.content


def test_hostile_title_is_escaped_on_the_pages(client):
    hostile = make_show('<script>alert("x")</script>', slug="hostile")
    box = client.get("/shows/hostile/").content.decode()
    assert "<script>alert" not in box
    assert "Follow &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in box
    answer = follow(client, hostile, email="fan@example.com").content.decode()
    assert "<script>alert" not in answer
    token = Follow.objects.get().token
    for path in (f"/alerts/confirm/{token}/", f"/alerts/unsubscribe/{token}/"):
        assert "<script>alert" not in client.get(path).content.decode()


def test_typed_text_is_escaped_when_the_form_comes_back(client, show):
    typed = '"><script>alert(1)</script>'
    html = follow(client, show, email=typed).content.decode()
    assert "<script>alert(1)" not in html
    assert re.search(r'value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;"', html)


def test_the_addresses_in_messages_are_the_real_ones(show):
    from django.urls import reverse

    from renewcast.alerts import following

    assert following.CONFIRM_PATH.format(token="t0k") == reverse("alerts-confirm", args=["t0k"])
    assert following.UNSUBSCRIBE_PATH.format(token="t0k") == reverse("alerts-unsubscribe",
                                                                     args=["t0k"])
    assert following.SHOW_PATH.format(slug=show.slug) == show.get_absolute_url()


def test_following_an_address_that_already_follows_answers_the_same(client, show, settings):
    from django.utils import timezone

    Follow.objects.create(show=show, channel="email", address="fan@example.com",
                          confirmed_at=timezone.now())
    response = follow(client, show, email="fan@example.com")
    assert response.status_code == 201
    assert "Check your inbox at fan@example.com to confirm" in response.content.decode()
    [reminder] = mail.outbox  # only the mailbox's owner learns that it already follows
    assert reminder.subject == "You already follow Partner Track on renewcast"
    assert "/alerts/unsubscribe/" in reminder.body


def test_the_admin_lists_follows_notices_and_deliveries(admin_client, show):
    from django.utils import timezone

    from renewcast.alerts.models import Delivery, Notice

    fan = Follow.objects.create(show=show, channel="email", address="fan@example.com",
                                confirmed_at=timezone.now())
    notice = Notice.objects.create(show=show, kind="status", key="status:canceled:1",
                                   title="Partner Track is canceled", created_at=timezone.now())
    Delivery.objects.create(notice=notice, follow=fan)
    for path in ("/admin/alerts/follow/", "/admin/alerts/follow/?state=active",
                 "/admin/alerts/notice/", "/admin/alerts/delivery/?state__exact=pending",
                 f"/admin/alerts/follow/{fan.pk}/change/"):
        response = admin_client.get(path)
        assert response.status_code == 200, path
        assert b"fan@example.com" in response.content or b"canceled" in response.content
    admin_client.post("/admin/alerts/follow/", {"action": "disable",
                                                "_selected_action": [fan.pk]})
    fan.refresh_from_db()
    assert fan.state == "disabled" and fan.last_error == "disabled by an editor"
    admin_client.post("/admin/alerts/follow/", {"action": "enable",
                                                "_selected_action": [fan.pk]})
    fan.refresh_from_db()
    assert fan.state == "active"


@pytest.mark.parametrize("headers", [
    {"HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_ORIGIN": "null"},
    {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_SEC_FETCH_SITE": "same-site"},
])
def test_a_follow_forged_from_another_site_is_refused(client, show, headers):
    response = client.post("/shows/partner-track/follow/", {"email": "victim@example.com"},
                           **headers)
    assert response.status_code == 403
    assert "sent from another site" in response.content.decode()
    assert not Follow.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("headers", [
    {"HTTP_ORIGIN": "http://testserver"},
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"},
    {},  # curl or a script: no browser to forge anything
])
def test_a_follow_from_our_own_page_or_a_script_is_taken(client, show, headers):
    response = client.post("/shows/partner-track/follow/", {"email": "fan@example.com"},
                           **headers)
    assert response.status_code == 201
