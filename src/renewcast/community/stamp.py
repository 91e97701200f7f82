"""What the community changed, for the page cache's version alongside the catalog's stamp.

A season page shows its comments and the crowd's median, so a new comment, an edit or a
moderator's decision must reach the cached copy within the cache's one-second check.
Popular lists move with page views, which would change every second; they follow a
five-minute clock instead.
"""

from __future__ import annotations

import time

from django.db.models import Count, Max

from renewcast.community.models import Comment, FanPrediction

POPULAR_SECONDS = 300


def community_stamp() -> tuple:
    # The count notices a deleted comment, which leaves no newer id or change time.
    comments = Comment.objects.aggregate(n=Count("id"), last=Max("id"),
                                         changed=Max("changed_at"))
    predictions = FanPrediction.objects.aggregate(n=Count("id"), last=Max("id"),
                                                 replaced=Max("replaced_at"))
    return (*comments.values(), *predictions.values(), int(time.time() // POPULAR_SECONDS))
