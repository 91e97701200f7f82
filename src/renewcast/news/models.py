"""The feeds the news desk watches, and every item it has seen in them.

An item is stored before its article is read, under a unique link, so an article reached
through two feeds, two runs or two runners at once is read exactly once.
"""

from django.db import models


class Feed(models.Model):
    url = models.URLField(max_length=1000, unique=True)
    name = models.CharField(max_length=200, blank=True)
    official = models.BooleanField(
        default=False, help_text="The broadcaster's own newsroom: a decision it states "
                                 "outright may be confirmed without an editor "
                                 "(RENEWCAST_NEWS_AUTO_CONFIRM)")
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "url"]

    def __str__(self) -> str:
        return self.name or self.url


class ItemState(models.TextChoices):
    READ = "read", "read into the review queue"
    SKIPPED = "skipped", "not about a catalog show or a decision"
    FAILED = "failed", "could not be read"


class FeedItem(models.Model):
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    link = models.URLField(max_length=1000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    seen_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=ItemState.choices)
    reason = models.CharField(max_length=500, blank=True)
    priority = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey("catalog.Source", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    proposed = models.PositiveIntegerField(default=0)
    confirmed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-priority", "-seen_at"]

    def __str__(self) -> str:
        return self.title or self.link
