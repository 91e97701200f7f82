"""Send what is due: each delivery claimed by one runner, sent once, retried with backoff.

A runner claims a delivery with one conditional UPDATE (still due, not claimed by
anyone whose lease is running); only the runner whose UPDATE changed the row sends it.
Two ``run-jobs`` at the same moment therefore never send the same alert twice, on
SQLite and PostgreSQL alike. A runner that dies mid-send leaves its claim to expire
after ``LEASE``, and the delivery is tried again then (at least once, never twice
otherwise).

E-mail goes through Django's configured backend. A webhook is a JSON POST signed with
HMAC-SHA256 (:mod:`renewcast.alerts.signing`) to the very address that was checked
just now (:mod:`renewcast.alerts.addresses`); any 2xx answer is success, anything else
(a redirect too) is a failure, retried after 1 min, 5 min, 30 min, 2 h and 6 h. After
``RENEWCAST_WEBHOOK_MAX_FAILURES`` failures in a row the webhook is disabled. A receiver
gets ``WEBHOOK_DEADLINE`` in all to answer, well inside the lease: one that drips its
answer a byte at a time would otherwise outlast the lease and be sent the alert twice.
"""

from __future__ import annotations

import json
import smtplib
import threading
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from renewcast import __version__
from renewcast.alerts import addresses, following, mail, signing
from renewcast.alerts.models import DUE_STATES, Channel, Delivery, DeliveryState, Follow
from renewcast.sources.urlsafety import pinned

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
           timedelta(hours=2), timedelta(hours=6))
MAX_ATTEMPTS = len(BACKOFF) + 1
LEASE = timedelta(minutes=5)
BATCH = 1000
WEBHOOK_TIMEOUT = 10.0  # seconds for each connect, write or read
WEBHOOK_DEADLINE = 30.0  # seconds for the whole exchange


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0  # will be retried
    gave_up: int = 0
    disabled: list[str] = field(default_factory=list)  # webhooks switched off now
    deferred: int = 0  # left for the next run (their channel failed in this one)

    def summary_lines(self) -> list[str]:
        line = f"alerts delivered: {self.sent} sent, {self.failed} failed (will retry)"
        if self.gave_up:
            line += f", {self.gave_up} given up"
        if self.deferred:
            line += f", {self.deferred} left for the next run"
        lines = [line]
        lines += [f"webhook disabled after {settings.WEBHOOK_MAX_FAILURES} failures in a row: "
                  f"{url}" for url in self.disabled]
        return lines


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: int | None = None
    error: str = ""
    channel_down: bool = False  # the mail server itself failed: spare the other e-mails


def due(now) -> Q:
    return (Q(state__in=DUE_STATES)
            & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
            & (Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)))


def claim(pk: int, now):
    """Take delivery ``pk`` for ``LEASE``: the lease's end for the one runner that got it,
    else None. Every later write about the delivery is conditional on that lease, so a
    runner whose lease ran out (and was taken over) changes nothing."""
    until = now + LEASE
    taken = Delivery.objects.filter(due(now), pk=pk).update(claimed_until=until) == 1
    return until if taken else None


def _ours(delivery: Delivery):
    return Delivery.objects.filter(pk=delivery.pk, claimed_until=delivery.lease)


def deliver_due(now=None) -> DeliveryReport:
    fixed = now is not None  # tests pass a clock; a real run reads it before each claim
    now = now or timezone.now()
    report = DeliveryReport()
    pks = list(Delivery.objects.filter(due(now)).order_by("notice_id", "id")
               .values_list("pk", flat=True)[:BATCH])
    resting: set[int] = set()  # follows (or the mail server, as 0) that failed this run
    connection = None
    try:
        for pk in pks:
            if not fixed:
                now = timezone.now()  # a long run must not claim with a lease already over
            lease = claim(pk, now)
            if lease is None:
                continue  # another runner has it
            delivery = Delivery.objects.select_related("notice__show", "follow__show").get(pk=pk)
            delivery.lease = lease
            follow = delivery.follow
            if not follow.is_active:
                _finish(delivery, DeliveryState.GAVE_UP, error=f"follow {follow.state}")
                report.gave_up += 1
                continue
            rest_key = 0 if follow.channel == Channel.EMAIL else follow.pk
            if rest_key in resting:
                _ours(delivery).update(claimed_until=None)
                report.deferred += 1
                continue
            if follow.channel == Channel.EMAIL:
                connection = connection or get_connection(fail_silently=False)
                outcome = send_email(delivery, connection)
                if outcome.channel_down:
                    connection = _close(connection)
                    resting.add(0)
            else:
                outcome = send_webhook(delivery)
                if not outcome.ok:
                    resting.add(follow.pk)
            if outcome.ok:
                _sent(delivery, outcome)
                report.sent += 1
            else:
                _failed(delivery, outcome, now, report)
    finally:
        _close(connection)
    return report


def _close(connection) -> None:
    if connection is not None:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail too
            pass
    return None


def links(delivery: Delivery) -> dict:
    follow, notice = delivery.follow, delivery.notice
    source = notice.data.get("source_url") or ""
    return {
        "show": following.show_url(follow, notice.show),
        "unsubscribe": following.unsubscribe_url(follow),
        # Only web addresses become links; a file path or anything else stays text.
        "source": source if source.startswith(("https://", "http://")) else "",
    }


def send_email(delivery: Delivery, connection) -> Outcome:
    try:
        message = mail.notice_message(delivery.notice, delivery.follow, links(delivery))
    except Exception as exc:  # noqa: BLE001 - one bad notice must not stop the others
        return Outcome(False, error=_line(f"could not write the e-mail: {exc}"))
    message.connection = connection
    try:
        message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        return Outcome(False, error=_line(f"address refused: {exc}"))
    except Exception as exc:  # noqa: BLE001 - socket, SMTP and TLS errors: retry later
        return Outcome(False, error=_line(f"{type(exc).__name__}: {exc}"), channel_down=True)
    return Outcome(True)


def payload(delivery: Delivery) -> dict:
    notice, data = delivery.notice, delivery.notice.data
    show = notice.show
    found = links(delivery)
    return {
        "event": notice.kind,
        "title": notice.title,
        "show": {"title": show.title, "slug": show.slug, "url": found["show"]},
        "season": data.get("season"),
        "old": data.get("old"),
        "new": data.get("new"),
        "source_url": data.get("source_url") or None,
        "data": data,
        "notice": notice.pk,
        "delivery": delivery.pk,
        "created_at": notice.created_at.isoformat(),
        "unsubscribe_url": found["unsubscribe"],
    }


def send_webhook(delivery: Delivery) -> Outcome:
    follow = delivery.follow
    body = json.dumps(payload(delivery), ensure_ascii=False, separators=(",", ":")).encode()
    try:
        target = addresses.check_webhook(follow.address)  # again: DNS may have changed
    except addresses.AddressError as exc:
        return Outcome(False, error=_line(str(exc)))
    url, host, extensions = pinned(target)
    headers = {
        "Host": host,
        "Content-Type": "application/json",
        "User-Agent": f"renewcast/{__version__} (alerts)",
        "X-Renewcast-Event": delivery.notice.kind,
        "X-Renewcast-Delivery": str(delivery.pk),
        signing.HEADER: signing.sign(follow.secret, body),
    }
    client = httpx.Client(timeout=WEBHOOK_TIMEOUT, follow_redirects=False, trust_env=False)
    # Closing the client from the timer's thread breaks off a read in progress.
    late = threading.Timer(WEBHOOK_DEADLINE, client.close)
    late.start()
    try:
        with client.stream("POST", url, content=body, headers=headers,
                           extensions=extensions) as response:
            status = response.status_code  # the headers are in: the body is not awaited
    except httpx.HTTPError as exc:
        if late.finished.is_set():
            return Outcome(False, error=f"no complete answer within {WEBHOOK_DEADLINE:g} s")
        return Outcome(False, error=_line(f"{type(exc).__name__}: {exc}"))
    finally:
        late.cancel()
        client.close()
    if 200 <= status < 300:
        return Outcome(True, status)
    return Outcome(False, status, f"HTTP {status}")


def _sent(delivery: Delivery, outcome: Outcome) -> None:
    _finish(delivery, DeliveryState.SENT, status=outcome.status)
    if delivery.follow.channel == Channel.WEBHOOK and delivery.follow.failures:
        Follow.objects.filter(pk=delivery.follow_id).update(failures=0, last_error="")


def _finish(delivery: Delivery, state: str, status: int | None = None, error: str = "") -> None:
    now = timezone.now()
    _ours(delivery).update(
        state=state, attempts=F("attempts") + int(state == DeliveryState.SENT),
        sent_at=now if state == DeliveryState.SENT else None, claimed_until=None,
        response_status=status, last_error=error)


def _failed(delivery: Delivery, outcome: Outcome, now, report: DeliveryReport) -> None:
    attempts = delivery.attempts + 1
    give_up = attempts >= MAX_ATTEMPTS
    if not _ours(delivery).update(
        state=DeliveryState.GAVE_UP if give_up else DeliveryState.FAILED, attempts=attempts,
        next_attempt_at=now + BACKOFF[min(attempts, len(BACKOFF)) - 1], claimed_until=None,
        response_status=outcome.status, last_error=outcome.error):
        return  # the lease ran out and another runner took the delivery over
    follow = delivery.follow
    if follow.channel == Channel.WEBHOOK:
        Follow.objects.filter(pk=follow.pk).update(failures=F("failures") + 1,
                                                   last_error=outcome.error)
        failures = Follow.objects.filter(pk=follow.pk).values_list("failures", flat=True)[0]
        if failures >= settings.WEBHOOK_MAX_FAILURES:
            if Follow.objects.filter(pk=follow.pk, disabled_at__isnull=True).update(
                    disabled_at=now):
                report.disabled.append(follow.address)
            Delivery.objects.filter(follow=follow, state__in=DUE_STATES).update(
                state=DeliveryState.GAVE_UP, claimed_until=None,
                last_error=f"webhook disabled after {failures} failures in a row")
            give_up = True
    if give_up:
        report.gave_up += 1
    else:
        report.failed += 1


def _line(text: str) -> str:
    return " ".join(str(text).split())[:500]
