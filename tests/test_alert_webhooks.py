"""Webhook alerts to a real HTTP receiver on loopback: signed, retried with backoff,
disabled after repeated failures, and re-checked against private addresses at send time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json

import pytest
from alert_receivers import decide, make_show, webhook_receiver  # noqa: F401 - a fixture
from django.utils import timezone

from renewcast.alerts import addresses, delivery, following
from renewcast.alerts.jobs import run_alerts
from renewcast.alerts.models import Delivery, Follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks(webhook_receiver, settings):  # noqa: F811 - the fixture above
    settings.ALLOW_PRIVATE_WEBHOOKS = True
    settings.SITE_URL = "https://renewcast.example"
    settings.WEBHOOK_MAX_FAILURES = 3
    return webhook_receiver


def follow_hook(show, url: str) -> following.Followed:
    return following.follow_show(show, webhook=url)


def changed(show, kind="cancellation"):
    """A status change after a baseline look."""
    run_alerts()
    return decide(show, kind, 1, dt.date.today())


def test_a_status_change_posts_one_signed_json_body(hooks):
    show = make_show("Partner Track")
    followed = follow_hook(show, hooks.url("/renewcast?team=tv"))
    assert followed.outcome == "following" and len(followed.secret) == 64
    event = changed(show)
    report = run_alerts()
    assert report.delivery.sent == 1
    [call] = hooks.calls
    assert call.path == "/renewcast?team=tv"
    expected = "sha256=" + hmac.new(followed.secret.encode(), call.body,
                                    hashlib.sha256).hexdigest()
    assert call.headers["X-Renewcast-Signature"] == expected
    assert call.headers["Content-Type"] == "application/json"
    assert call.headers["X-Renewcast-Event"] == "status"
    sent = Delivery.objects.get()
    assert call.headers["X-Renewcast-Delivery"] == str(sent.pk)
    body = json.loads(call.body)
    assert body["event"] == "status"
    assert body["title"] == "Partner Track is canceled after season 1"
    assert body["show"] == {"title": "Partner Track", "slug": "partner-track",
                            "url": "https://renewcast.example/shows/partner-track/"}
    assert (body["old"], body["new"], body["season"]) == ("awaiting", "canceled", 1)
    assert body["source_url"] == event.claim.source.url
    assert body["delivery"] == sent.pk and body["notice"] == sent.notice_id
    assert body["unsubscribe_url"] == following.unsubscribe_url(followed.follow)
    assert sent.state == "sent" and sent.response_status == 200
    assert run_alerts().delivery.sent == 0 and len(hooks.calls) == 1


def test_failures_are_retried_with_backoff_then_succeed(hooks):
    show = make_show("Partner Track")
    follow = follow_hook(show, hooks.url()).follow
    changed(show)
    hooks.script(500, 503)
    start = timezone.now()
    first = run_alerts(start)
    assert (first.delivery.sent, first.delivery.failed) == (0, 1)
    row = Delivery.objects.get()
    assert row.state == "failed" and row.attempts == 1 and row.response_status == 500
    assert row.next_attempt_at == start + dt.timedelta(minutes=1)
    assert row.last_error == "HTTP 500"
    assert delivery.deliver_due(start + dt.timedelta(seconds=30)).sent == 0  # not yet due
    second = delivery.deliver_due(start + dt.timedelta(minutes=1))
    assert second.failed == 1
    row.refresh_from_db()
    assert row.attempts == 2
    assert row.next_attempt_at == start + dt.timedelta(minutes=1) + dt.timedelta(minutes=5)
    assert Follow.objects.get(pk=follow.pk).failures == 2
    third = delivery.deliver_due(row.next_attempt_at)
    assert third.sent == 1
    row.refresh_from_db()
    assert row.state == "sent" and row.attempts == 3
    assert [c.status for c in hooks.calls] == [500, 503, 200]
    assert len({c.body for c in hooks.calls}) == 1  # the same body each time
    follow.refresh_from_db()
    assert follow.failures == 0 and follow.disabled_at is None  # success resets the count


def test_a_webhook_is_disabled_after_repeated_failures(hooks):
    show = make_show("Partner Track")
    follow = follow_hook(show, hooks.url()).follow
    changed(show)
    hooks.script(500, 500, 500, 500)
    now = timezone.now()
    run_alerts(now)
    for minutes in (1, 6):  # the first two retries
        report = delivery.deliver_due(now + dt.timedelta(minutes=minutes))
    assert report.disabled == [hooks.url()]
    assert any("webhook disabled after 3 failures" in line for line in report.summary_lines())
    follow.refresh_from_db()
    assert follow.disabled_at is not None and follow.failures == 3
    assert Delivery.objects.get().state == "gave_up"
    assert len(hooks.calls) == 3
    # Nothing more goes to it, whatever changes.
    decide(show, "renewal", 1, dt.date.today())
    later = run_alerts(now + dt.timedelta(days=1))
    assert later.queued == 0 and len(hooks.calls) == 3
    # Following again re-enables it, with a new secret.
    again = follow_hook(show, hooks.url())
    assert again.outcome == "reenabled" and again.secret and again.secret != follow.secret


def test_a_redirect_is_a_failure_not_followed(hooks):
    show = make_show("Partner Track")
    follow_hook(show, hooks.url())
    changed(show)
    hooks.script(302)
    report = run_alerts()
    assert report.delivery.failed == 1
    assert Delivery.objects.get().last_error == "HTTP 302"
    assert len(hooks.calls) == 1


def test_an_unreachable_receiver_is_a_failure_with_the_reason(settings):
    from conftest import free_port

    settings.ALLOW_PRIVATE_WEBHOOKS = True
    show = make_show("Partner Track")
    follow_hook(show, f"http://127.0.0.1:{free_port()}/gone")
    changed(show)
    assert run_alerts().delivery.failed == 1
    assert "ConnectError" in Delivery.objects.get().last_error


def test_a_receiver_that_drips_its_answer_is_cut_off_at_the_deadline(settings, monkeypatch):
    """Each byte inside the read timeout, the whole answer never: without a deadline the
    send would outlast its lease and another runner would send the alert again."""
    import socket
    import threading
    import time

    from renewcast.alerts import delivery

    settings.ALLOW_PRIVATE_WEBHOOKS = True
    monkeypatch.setattr(delivery, "WEBHOOK_TIMEOUT", 1.0)
    monkeypatch.setattr(delivery, "WEBHOOK_DEADLINE", 1.5)
    listener = socket.create_server(("127.0.0.1", 0))
    gone = threading.Event()

    def drip():
        conn, _ = listener.accept()
        conn.recv(65536)
        try:
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"z" * 200:
                conn.send(bytes([byte]))
                time.sleep(0.1)
        except OSError:
            gone.set()
        finally:
            conn.close()

    threading.Thread(target=drip, daemon=True).start()
    show = make_show("Partner Track")
    follow_hook(show, f"http://127.0.0.1:{listener.getsockname()[1]}/slow")
    changed(show)
    started = time.monotonic()
    assert run_alerts().delivery.failed == 1
    assert time.monotonic() - started < 5
    assert Delivery.objects.get().last_error == "no complete answer within 1.5 s"
    assert gone.wait(5)  # the connection was dropped, not left dripping
    listener.close()


def test_the_address_is_checked_again_when_sending(hooks, settings):
    show = make_show("Partner Track")
    follow = follow_hook(show, hooks.url()).follow
    changed(show)
    settings.ALLOW_PRIVATE_WEBHOOKS = False  # as if the name now pointed somewhere private
    assert run_alerts().delivery.failed == 1
    assert hooks.calls == []
    assert "points at a loopback address" in Delivery.objects.get().last_error
    assert Follow.objects.get(pk=follow.pk).failures == 1


def test_a_second_follow_of_the_same_url_does_not_reveal_the_secret(hooks):
    show = make_show("Partner Track")
    first = follow_hook(show, hooks.url())
    again = follow_hook(show, hooks.url())
    assert again.outcome == "already" and again.secret is None
    assert again.follow.pk == first.follow.pk and Follow.objects.count() == 1


def test_an_unsubscribed_webhook_gets_nothing(hooks):
    show = make_show("Partner Track")
    follow = follow_hook(show, hooks.url()).follow
    changed(show)
    following.unsubscribe(follow)
    assert run_alerts().delivery.sent == 0 and hooks.calls == []


def test_the_connection_goes_to_the_checked_address_with_the_name_for_tls():
    target = addresses.Target(url="https://hooks.example.com:8443/in?x=1", scheme="https",
                              host="hooks.example.com", port=8443,
                              ip=ipaddress.ip_address("93.184.216.34"))
    assert delivery.pinned(target) == ("https://93.184.216.34:8443/in?x=1",
                                       "hooks.example.com:8443",
                                       {"sni_hostname": "hooks.example.com"})
    v6 = addresses.Target(url="http://hooks.example.com", scheme="http",
                          host="hooks.example.com", port=80,
                          ip=ipaddress.ip_address("2606:2800:220:1::1"))
    assert delivery.pinned(v6) == ("http://[2606:2800:220:1::1]:80/", "hooks.example.com", {})
