"""Who follows which show, what changed, and whether each follower was told.

The tables carry the guarantees: a :class:`Notice` is unique per show and change key,
so two detectors running at once cannot make the same change twice, and a
:class:`Delivery` is unique per notice and follow, so nobody is told twice. A delivery
is sent only by whoever claims it with one conditional UPDATE (see
:mod:`renewcast.alerts.delivery`).
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q

from renewcast.catalog.models import Show


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_secret() -> str:
    return secrets.token_hex(32)


class Channel(models.TextChoices):
    EMAIL = "email", "e-mail"
    WEBHOOK = "webhook", "webhook"


class FollowQuerySet(models.QuerySet):
    def active(self):
        """Follows that are told about changes: confirmed, not unsubscribed, not disabled."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True,
                           disabled_at__isnull=True)


class Follow(models.Model):
    """A reader follows a show by e-mail (after the double opt-in) or by webhook."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="follows")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    address = models.CharField(max_length=1000, help_text="E-mail address or webhook URL")
    # The capability in the confirm and unsubscribe links.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Webhooks: the HMAC key, shown once to whoever created the follow.
    secret = models.CharField(max_length=64, blank=True, editable=False)
    # The site's address when the follow was made, for links when RENEWCAST_SITE_URL is unset.
    origin = models.CharField(max_length=300, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0, help_text="Webhook failures in a row")
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["show", "channel", "address"]
        constraints = [
            models.UniqueConstraint(fields=["show", "channel", "address"], name="follow_unique")
        ]
        indexes = [models.Index(fields=["show", "confirmed_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address} follows {self.show.title}"

    @property
    def state(self) -> str:
        if self.disabled_at:
            return "disabled"
        if self.unsubscribed_at:
            return "unsubscribed"
        return "active" if self.confirmed_at else "pending"

    @property
    def is_active(self) -> bool:
        return self.state == "active"


class FollowAttempt(models.Model):
    """One follow request from one client (a keyed address hash), for the rate limit."""

    client = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["client", "at"])]

    def __str__(self) -> str:
        return f"follow request at {self.at:%Y-%m-%d %H:%M:%S}"


class ShowWatch(models.Model):
    """What a show looked like at the last check: the baseline changes are found against."""

    show = models.OneToOneField(Show, on_delete=models.CASCADE, related_name="watch")
    snapshot = models.JSONField(default=dict)
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"watch on {self.show.title}"


class NoticeKind(models.TextChoices):
    STATUS = "status", "status change"
    STATEMENT = "statement", "official statement"
    PREMIERE = "premiere", "premiere date"
    FORECAST = "forecast", "forecast move"


class Notice(models.Model):
    """One change worth an alert; its ``key`` says which change, the same for every run."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    # Set once deliveries were made for every follow active when the notice was created.
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["show", "key"], name="notice_unique_key")
        ]
        indexes = [models.Index(fields=["fanned_out_at"])]

    def __str__(self) -> str:
        return self.title


class DeliveryState(models.TextChoices):
    PENDING = "pending", "pending"
    FAILED = "failed", "failed, will retry"
    SENT = "sent", "sent"
    GAVE_UP = "gave_up", "gave up"


DUE_STATES = (DeliveryState.PENDING, DeliveryState.FAILED)


class Delivery(models.Model):
    """Telling one follower about one notice: sent once, retried with backoff on failure."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    follow = models.ForeignKey(Follow, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=10, choices=DeliveryState.choices,
                             default=DeliveryState.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["notice", "follow"], name="delivery_unique")
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due",
                         condition=Q(state__in=["pending", "failed"])),
        ]

    def __str__(self) -> str:
        return f"{self.notice} to {self.follow.address} ({self.state})"
