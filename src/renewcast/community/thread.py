"""One page of a season page's conversation: top-level comments in the chosen order,
each with all its replies nested under it.

Pagination counts top-level comments only, so a reply never lands on a different page
from what it answers; replies read oldest first under their parent, as a conversation.
A fan sees their own held comments (marked as awaiting moderation) and nobody else's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Q

from renewcast.community.models import Comment, CommentStatus, Fan

ORDERS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "top": ("-likes", "-created_at", "-id"),
}
ORDER_LABELS = {"newest": "Newest", "oldest": "Oldest", "top": "Top"}
DEFAULT_ORDER = "newest"


@dataclass
class Thread:
    order: str
    page: Page
    comments: list[Comment]  # this page's top-level comments, each with .children
    count: int  # every published comment on the season page, replies included
    orders: list[tuple[str, str]] = field(default_factory=list)


def visible(show_id: int, number: int, fan: Fan | None):
    shown = Q(status=CommentStatus.PUBLISHED)
    if fan is not None:
        shown |= Q(status=CommentStatus.HELD, fan=fan)
    return Comment.objects.filter(shown, show_id=show_id, season_number=number)


def comment_count(show_id: int, number: int) -> int:
    return Comment.objects.filter(show_id=show_id, season_number=number,
                                  status=CommentStatus.PUBLISHED).count()


def page_of(comment: Comment, fan: Fan | None, per_page: int | None = None) -> int:
    """The page, in the default (newest first) order, that shows ``comment``'s thread."""
    root = comment.root or comment
    newer = visible(comment.show_id, comment.season_number, fan).filter(
        Q(created_at__gt=root.created_at) | Q(created_at=root.created_at, id__gt=root.pk),
        parent=None).count()
    return newer // (per_page or settings.COMMENTS_PER_PAGE) + 1


def load_thread(show_id: int, number: int, order: str | None = None, page: object = 1,
                fan: Fan | None = None, per_page: int | None = None) -> Thread:
    order = order if order in ORDERS else DEFAULT_ORDER
    comments = visible(show_id, number, fan)
    roots = comments.filter(parent=None).order_by(*ORDERS[order])
    paginator = Paginator(roots, per_page or settings.COMMENTS_PER_PAGE)
    page_obj = paginator.get_page(page)
    top = list(page_obj.object_list)
    replies = comments.filter(root__in=[c.pk for c in top]).order_by("created_at", "id")
    children: dict[int, list[Comment]] = {}
    for reply in replies:
        children.setdefault(reply.parent_id, []).append(reply)
    for comment in [*top, *replies]:
        comment.children = children.get(comment.pk, [])
    return Thread(order, page_obj, top, comment_count(show_id, number),
                  list(ORDER_LABELS.items()))
