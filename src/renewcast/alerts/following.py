"""Following a show, confirming it and stopping it: one set of rules for the page and the CLI.

E-mail follows need the double opt-in: the follow waits, unconfirmed and told nothing,
until the reader opens the link sent to the address and presses "Confirm". Asking again
within ``RESEND_AFTER`` sends no second e-mail, so nobody can flood an inbox through the
form. A link not used within ``CONFIRM_WITHIN`` has expired, and the alerts job forgets
the address (it was perhaps never the reader's to give).

Webhook follows start at once; their signing secret is shown only to whoever creates (or
re-enables) the follow, never to someone who merely knows the URL. The same show,
channel and address is always the same row, so following twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from renewcast.alerts import addresses, mail
from renewcast.alerts.models import (
    DUE_STATES,
    Channel,
    Delivery,
    DeliveryState,
    Follow,
    FollowAttempt,
    ShowWatch,
    new_secret,
)
from renewcast.catalog.models import Show
from renewcast.community.posting import Refused, rate_wait
from renewcast.sources.errors import first_line

RESEND_AFTER = timedelta(minutes=10)
CONFIRM_WITHIN = timedelta(days=7)
DEFAULT_ORIGIN = "http://127.0.0.1:8000"  # where ``renewcast serve`` listens by default
EDITOR_DISABLED = "disabled by an editor"


class FollowError(Refused):
    """Not followed, with the reader's message, the form field and an HTTP status."""


@dataclass(frozen=True)
class Followed:
    follow: Follow
    outcome: str  # confirmation_sent, recently_sent, already, following, reenabled, refused
    secret: str | None = None  # webhooks: only when made (or re-enabled) by this request

    @property
    def created(self) -> bool:
        return self.outcome in ("confirmation_sent", "following", "reenabled")


def site_root(origin: str = "") -> str:
    """The address links in messages start with: RENEWCAST_SITE_URL, else where the follow
    was made, else ``renewcast serve``'s default."""
    return (settings.SITE_URL or origin or DEFAULT_ORIGIN).rstrip("/")


# The addresses of alerts.urls and the show page, written out: reverse() would load the
# whole URL map (the API and the forecaster with it), which costs ``renewcast follow``
# seconds. A test checks they agree with reverse().
CONFIRM_PATH = "/alerts/confirm/{token}/"
UNSUBSCRIBE_PATH = "/alerts/unsubscribe/{token}/"
SHOW_PATH = "/shows/{slug}/"


def confirm_url(follow: Follow) -> str:
    return site_root(follow.origin) + CONFIRM_PATH.format(token=follow.token)


def unsubscribe_url(follow: Follow) -> str:
    return site_root(follow.origin) + UNSUBSCRIBE_PATH.format(token=follow.token)


def show_url(follow: Follow, show: Show | None = None) -> str:
    return site_root(follow.origin) + SHOW_PATH.format(slug=(show or follow.show).slug)


def follow_show(show: Show, *, email: str | None = None, webhook: str | None = None,
                origin: str = "") -> Followed:
    """Follow ``show`` by exactly one of ``email`` or ``webhook``; raises FollowError."""
    if (email is None) == (webhook is None):
        raise FollowError("give either an e-mail address or a webhook URL (one of them)")
    try:
        if email is not None:
            return _follow_email(show, addresses.clean_email(email), origin)
        return _follow_webhook(show, addresses.clean_webhook(webhook), origin)
    except addresses.AddressError as exc:
        raise FollowError(str(exc), field="email" if email is not None else "webhook") from None


def _row(show: Show, channel: str, address: str, **defaults) -> tuple[Follow, bool]:
    # get_or_create re-reads the row when a concurrent request inserted it first.
    return Follow.objects.get_or_create(show=show, channel=channel, address=address,
                                        defaults=defaults)


def _follow_email(show: Show, address: str, origin: str) -> Followed:
    follow, _ = _row(show, Channel.EMAIL, address, origin=origin)
    if follow.disabled_at:
        return Followed(follow, "refused")
    now = timezone.now()
    if follow.unsubscribed_at:
        # Following again after leaving: a new opt-in. Only the mailbox's owner could
        # unsubscribe (the link came by e-mail), so the resend limit starts over.
        Follow.objects.filter(pk=follow.pk).update(unsubscribed_at=None, confirmed_at=None,
                                                   confirmation_sent_at=None)
        follow.unsubscribed_at = follow.confirmed_at = follow.confirmation_sent_at = None
    # Only one request in RESEND_AFTER gets to send, even when several arrive at once.
    claimed = Follow.objects.filter(pk=follow.pk).filter(
        Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lte=now - RESEND_AFTER)
    ).update(confirmation_sent_at=now)
    if not claimed:
        return Followed(follow, "recently_sent")
    previous, follow.confirmation_sent_at = follow.confirmation_sent_at, now
    already = follow.is_active
    try:
        message = (mail.already_message(follow, unsubscribe_url(follow), show_url(follow))
                   if already else
                   mail.confirmation_message(follow, confirm_url(follow), show_url(follow)))
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - SMTP and socket errors alike: say so, allow a retry
        Follow.objects.filter(pk=follow.pk).update(confirmation_sent_at=previous)
        raise FollowError(f"could not send the e-mail to {address}: {first_line(exc)}; "
                          "please try again later", field="email", status=503) from None
    return Followed(follow, "already" if already else "confirmation_sent")


def _follow_webhook(show: Show, url: str, origin: str) -> Followed:
    now = timezone.now()
    follow, created = _row(show, Channel.WEBHOOK, url, origin=origin, secret=new_secret(),
                           confirmed_at=now)
    if created:
        _first_follow(follow)
        return Followed(follow, "following", secret=follow.secret)
    if follow.is_active:
        return Followed(follow, "already")
    if follow.disabled_at and follow.last_error == EDITOR_DISABLED:
        return Followed(follow, "refused")
    secret = new_secret()
    changed = Follow.objects.filter(pk=follow.pk).filter(
        Q(unsubscribed_at__isnull=False) | Q(disabled_at__isnull=False)
    ).update(secret=secret, confirmed_at=now, unsubscribed_at=None, disabled_at=None,
             failures=0, last_error="")
    if not changed:  # another request re-enabled it a moment ago: its secret stands
        return Followed(follow, "already")
    follow.refresh_from_db()
    _first_follow(follow)
    return Followed(follow, "reenabled", secret=secret)


def _first_follow(follow: Follow) -> None:
    """A show nobody followed has an old baseline (or none): start afresh, so the new
    follower is not told about changes from before they came."""
    others = Follow.objects.active().filter(show_id=follow.show_id).exclude(pk=follow.pk)
    if not others.exists():
        ShowWatch.objects.filter(show_id=follow.show_id).delete()


def by_token(token: str) -> Follow | None:
    if not token or len(token) > 64:
        return None
    return Follow.objects.select_related("show").filter(token=token).first()


def confirm(follow: Follow) -> str:
    """Confirm an e-mail follow: "confirmed", "already", "unsubscribed", "disabled" or
    "expired"."""
    if follow.disabled_at:
        return "disabled"
    if follow.unsubscribed_at:
        return "unsubscribed"
    now = timezone.now()
    if is_expired(follow, now):
        return "expired"
    with transaction.atomic():
        done = Follow.objects.filter(pk=follow.pk, confirmed_at__isnull=True,
                                     unsubscribed_at__isnull=True).filter(
            _sent_since(now - CONFIRM_WITHIN)).update(confirmed_at=now)
        if done:
            _first_follow(follow)
    follow.refresh_from_db()
    return "confirmed" if done else "already"


def unsubscribe(follow: Follow) -> bool:
    """Stop a follow (idempotent); True if it was following until now. Deliveries still
    waiting are dropped."""
    now = timezone.now()
    done = Follow.objects.filter(pk=follow.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=now)
    Delivery.objects.filter(follow=follow, state__in=DUE_STATES).update(
        state=DeliveryState.GAVE_UP, last_error="unsubscribed", claimed_until=None)
    follow.refresh_from_db()
    return bool(done)


def find_follow(show: Show, *, email: str | None = None,
                webhook: str | None = None) -> Follow | None:
    """The follow for ``show`` by this address, as typed (case and spaces forgiven)."""
    if email:
        return Follow.objects.filter(show=show, channel=Channel.EMAIL,
                                     address=email.strip().lower()).first()
    return Follow.objects.filter(show=show, channel=Channel.WEBHOOK,
                                 address=(webhook or "").strip()).first()


def check_rate(client: str) -> None:
    """Count one follow request from ``client``; FollowError (429) when over the limit
    (``RENEWCAST_COMMENT_RATE``, the same pace as comments)."""
    wait = rate_wait(lambda since, count: FollowAttempt.objects.filter(
        client=client, at__gte=since).order_by("-at").values_list("at", flat=True)[:count])
    if wait:
        raise FollowError(f"Too many follow requests from your address: please wait {wait} "
                          f"second{'s' if wait != 1 else ''} and try again.", status=429,
                          retry_after=wait)
    FollowAttempt.objects.create(client=client, at=timezone.now())


def is_expired(follow: Follow, now) -> bool:
    """An e-mail follow whose confirmation link is older than ``CONFIRM_WITHIN``."""
    sent = follow.confirmation_sent_at or follow.created_at
    return (follow.channel == Channel.EMAIL and follow.confirmed_at is None
            and sent is not None and sent < now - CONFIRM_WITHIN)


def _sent_since(moment) -> Q:
    return Q(confirmation_sent_at__gte=moment) | Q(confirmation_sent_at__isnull=True,
                                                   created_at__gte=moment)


def forget_unconfirmed(now) -> int:
    """Delete the e-mail follows nobody confirmed in time (an editor's "disabled" is kept,
    so a refused address stays refused); returns how many."""
    stale = (Follow.objects.filter(channel=Channel.EMAIL, confirmed_at__isnull=True,
                                   disabled_at__isnull=True)
             .exclude(_sent_since(now - CONFIRM_WITHIN)))
    return stale.delete()[1].get(Follow._meta.label, 0)


def forget_attempts(before) -> int:
    return FollowAttempt.objects.filter(at__lt=before).delete()[0]
