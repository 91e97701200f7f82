"""E-mail alerts end to end, through Django's SMTP backend to a real SMTP server on loopback.

A reader follows on the page, gets a confirmation e-mail and nothing else until they
confirm; then a status change arrives as one e-mail with a text and an HTML part and the
List-Unsubscribe headers, and the one-click unsubscribe POST stops the next one.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from alert_receivers import decide, follow_by_email, make_show, smtp_server  # noqa: F401
from conftest import free_port
from django.test import Client, override_settings
from django.utils import timezone

from renewcast.alerts.jobs import run_alerts
from renewcast.alerts.models import Delivery, Follow

pytestmark = pytest.mark.django_db
SITE = "https://renewcast.example"
LINK = re.compile(r"https://renewcast\.example/alerts/(confirm|unsubscribe)/([\w-]+)/")


@pytest.fixture
def mailer(smtp_server, settings):  # noqa: F811 - the fixture above
    for name, value in smtp_server.settings().items():
        setattr(settings, name, value)
    settings.SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "renewcast <alerts@renewcast.example>"
    return smtp_server


def follow_on_page(client, show, address: str):
    return client.post(f"/shows/{show.slug}/follow/", {"email": address})


def confirm_link(mail) -> str:
    match = LINK.search(mail.text)
    assert match and match.group(1) == "confirm", mail.text
    return match.group(0).removeprefix(SITE)


def test_double_opt_in_then_one_alert_then_one_click_unsubscribe(client, mailer):
    show = make_show("Partner Track")
    answer = follow_on_page(client, show, "Fan@Example.com")
    assert answer.status_code == 201
    assert "Check your inbox at fan@example.com to confirm" in answer.content.decode()

    [confirmation] = mailer.wait_for(1)
    assert confirmation.rcpt_tos == ["fan@example.com"]
    assert confirmation.subject == "Confirm: follow Partner Track on renewcast"
    assert "alerts@renewcast.example" in str(confirmation.message["From"])
    link = confirm_link(confirmation)
    assert link in confirmation.html

    # Nothing but the confirmation before the reader confirms.
    run_alerts()
    decide(show, "cancellation", 1, dt.date.today())
    report = run_alerts()
    assert report.delivery.sent == 0 and len(mailer.messages) == 1

    # A mail scanner opening the link confirms nothing; the button's POST does.
    page = client.get(link)
    assert page.status_code == 200 and b"Confirm" in page.content
    assert Follow.objects.get().confirmed_at is None
    done = Client(enforce_csrf_checks=True).post(link)
    assert done.status_code == 200 and b"now follows Partner Track" in done.content
    assert Follow.objects.get().confirmed_at is not None

    run_alerts()  # the first look after confirming: the baseline
    event = decide(show, "renewal", 1, dt.date.today())
    report = run_alerts()
    assert report.delivery.sent == 1
    alerts = mailer.wait_for(2)
    assert len(alerts) == 2
    alert = alerts[1]
    assert alert.rcpt_tos == ["fan@example.com"]
    assert alert.subject == "Partner Track is renewed for season 2 (renewcast)"
    unsubscribe = f"{SITE}/alerts/unsubscribe/{Follow.objects.get().token}/"
    assert alert.message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert alert.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Partner Track is renewed for season 2" in alert.text
    assert event.claim.source.url in alert.text
    assert f"Unsubscribe: {unsubscribe}" in alert.text
    assert f'href="{unsubscribe}"' in alert.html
    assert f"{SITE}/shows/partner-track/" in alert.text
    assert run_alerts().delivery.sent == 0  # sent once, not again

    # RFC 8058: the mail program posts the form body, with no cookie and no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        unsubscribe.removeprefix(SITE), data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 200
    assert Follow.objects.get().unsubscribed_at is not None
    decide(show, "cancellation", 1, dt.date.today())
    run_alerts()
    assert len(mailer.messages) == 2


def test_asking_again_soon_sends_no_second_confirmation(client, mailer):
    show = make_show("Partner Track")
    assert follow_on_page(client, show, "fan@example.com").status_code == 201
    again = follow_on_page(client, show, "fan@example.com")
    assert again.status_code == 200
    assert "a few minutes ago" in again.content.decode()
    assert len(mailer.wait_for(1)) == 1
    assert Follow.objects.count() == 1


def test_hostile_title_is_escaped_in_the_html_part_and_plain_in_the_text(client, mailer):
    title = '<script>alert("x")</script> & <b>Co</b>'
    show = make_show(title, slug="hostile")
    follow_on_page(client, show, "fan@example.com")
    [confirmation] = mailer.wait_for(1)
    assert "<script>" not in confirmation.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;" in \
        confirmation.html
    assert title in confirmation.text  # plain text is not HTML: nothing to escape
    Client().post(confirm_link(confirmation))
    run_alerts()
    decide(show, "cancellation", 1, dt.date.today())
    run_alerts()
    alert = mailer.wait_for(2)[1]
    assert "<script>" not in alert.html and "&lt;script&gt;" in alert.html
    assert alert.subject == f"{title} is canceled after season 1 (renewcast)"


def test_a_mail_server_that_is_down_is_a_clear_message_and_a_later_retry(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    show = make_show("Partner Track")
    answer = follow_on_page(client, show, "fan@example.com")
    assert answer.status_code == 503
    assert "could not send the e-mail to fan@example.com" in answer.content.decode()
    # The failed send does not count against the resend limit.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert follow_on_page(client, show, "fan@example.com").status_code == 201


def test_alert_retries_when_the_mail_server_fails(mailer, settings):
    show = make_show("Partner Track")
    follow_by_email(show, "fan@example.com")
    run_alerts()
    decide(show, "cancellation", 1, dt.date.today())
    with override_settings(EMAIL_PORT=free_port()):
        report = run_alerts()
    assert report.delivery.failed == 1
    delivery = Delivery.objects.get()
    assert delivery.state == "failed" and delivery.attempts == 1
    assert run_alerts().delivery.sent == 0  # not due for a minute
    later = run_alerts(timezone.now() + dt.timedelta(minutes=2))
    assert later.delivery.sent == 1
    assert [m.subject for m in mailer.wait_for(1)] == [
        "Partner Track is canceled after season 1 (renewcast)"]
