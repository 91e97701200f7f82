"""Fans, their comments and predictions, and page views, named as in DESIGN.md.

A thread belongs to a season *page* (a show and a season number), not to a Season row:
the most-commented page of all is the one about a season nobody has seen yet
("will there be a season 3?"), which has no row until it is announced.

Nothing here stores a reader's address: rate limits and bans use ``client``, a keyed
hash of it (see :mod:`renewcast.community.clients`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from renewcast.catalog.models import Show


class Fan(models.Model):
    """Someone who commented or predicted: known by a signed cookie, or by an account."""

    name = models.CharField(max_length=80, blank=True, help_text="The name last used")
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="fan")
    banned = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name or f"fan #{self.pk}"


class CommentStatus(models.TextChoices):
    PUBLISHED = "published", "published"
    HELD = "held", "held for moderation"
    REJECTED = "rejected", "rejected"
    SPAM = "spam", "spam"


class Comment(models.Model):
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="comments")
    season_number = models.PositiveIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="replies")
    # The top-level comment of the thread, so a page of threads is one query.
    root = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    depth = models.PositiveSmallIntegerField(default=0)
    fan = models.ForeignKey(Fan, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(max_length=80)
    email = models.EmailField(blank=True, help_text="Never shown")
    body = models.TextField()
    status = models.CharField(max_length=10, choices=CommentStatus.choices,
                              default=CommentStatus.PUBLISHED, db_index=True)
    hold_reason = models.CharField(max_length=200, blank=True)
    spam_score = models.FloatField(default=0.0)
    client = models.CharField(max_length=64, db_index=True)
    fingerprint = models.CharField(max_length=64, db_index=True,
                                   help_text="Hash of the normalised text, for duplicates")
    # The form's one-time id: a post sent twice (a retry after a dropped connection) is
    # stored once.
    nonce = models.CharField(max_length=64, null=True, blank=True, unique=True)
    likes = models.PositiveIntegerField(default=0)
    reports = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["show", "season_number", "status", "created_at"]),
            models.Index(fields=["client", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} on {self.show.title} season {self.season_number}"

    @property
    def is_visible(self) -> bool:
        return self.status == CommentStatus.PUBLISHED


class Report(models.Model):
    """A reader's flag on a comment; one per reader and comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="report_set")
    reporter = models.CharField(max_length=64, help_text="Fan id or client hash")
    # The address hash as well: three fan cookies minted from one address are one voice.
    client = models.CharField(max_length=64, blank=True, default="")
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"],
                                               name="report_once")]

    def __str__(self) -> str:
        return f"report on comment {self.comment_id}"


class Like(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="like_set")
    liker = models.CharField(max_length=64, help_text="Fan id or client hash")
    client = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "liker"], name="like_once")]

    def __str__(self) -> str:
        return f"like on comment {self.comment_id}"


class Ban(models.Model):
    """A client (address hash) that may no longer post; fans are banned on the Fan."""

    client = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"ban {self.client[:12]}…"


class Attempt(models.Model):
    """A sign-in that failed or a sign-up made, by a keyed hash of the account or address,
    so guessing passwords and scripting sign-ups can be slowed across every worker."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:12]}…"


class FanPrediction(models.Model):
    """A fan's probability that season ``season_number`` happens, and when it premieres.

    One live row per fan and season page (``replaced_at`` empty); changing it keeps the
    old row with ``replaced_at`` set, so the history stays.
    """

    fan = models.ForeignKey(Fan, on_delete=models.CASCADE, related_name="predictions")
    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="fan_predictions")
    season_number = models.PositiveIntegerField(help_text="The season predicted to come")
    probability = models.PositiveSmallIntegerField(help_text="Percent, 1–99")
    premiere_month = models.DateField(null=True, blank=True,
                                      help_text="First day of the predicted month")
    # The address hash: the crowd's median hears one voice per address, so a script that
    # throws away its cookie cannot outvote the fans.
    client = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["fan", "show", "season_number"],
                                    condition=Q(replaced_at__isnull=True),
                                    name="one_live_prediction"),
            models.CheckConstraint(condition=Q(probability__gte=1, probability__lte=99),
                                   name="prediction_probability_range"),
        ]

    def __str__(self) -> str:
        return f"{self.fan}: {self.show.title} season {self.season_number} {self.probability}%"


class PageView(models.Model):
    """Anonymous views of a show's pages, counted per hour on the server (no cookies)."""

    show = models.ForeignKey(Show, on_delete=models.CASCADE, related_name="page_views")
    season_number = models.PositiveIntegerField(default=0, help_text="0 for the show page")
    hour = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["show", "season_number", "hour"],
                                    name="pageview_hour"),
        ]
        indexes = [models.Index(fields=["hour"])]

    def __str__(self) -> str:
        return f"{self.count} views of {self.show_id}/{self.season_number} at {self.hour}"
