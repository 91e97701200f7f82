"""The community's part of a season page: the crowd beside the model, and the latest
comments, the same for every reader so the page stays in the page cache.

The forms are not here: they carry a per-reader CSRF token, so the discussion page holds
them, and ``community.js`` loads them into the season page for readers with JavaScript.
"""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse

from renewcast.catalog.models import Show
from renewcast.community.models import Comment
from renewcast.community.predictions import crowd_summary
from renewcast.community.thread import load_thread

SNAPSHOT = 10


def season_community(show: Show, number: int) -> dict:
    thread = load_thread(show.pk, number, "newest", 1, per_page=SNAPSHOT)
    changed = Comment.objects.filter(show=show, season_number=number).aggregate(
        at=Max("changed_at"))["at"]
    return {
        "changed": changed,
        "thread": thread,
        "crowd": crowd_summary(show, number),
        "discuss_url": reverse("discuss", args=[show.slug, number]),
        "fragment_url": reverse("discuss-fragment", args=[show.slug, number]),
    }
