"""Taking a comment in: the checks between a valid form and a stored, acknowledged row.

Order matters. A retried post (same form ``nonce``) is answered with the comment it
already made before anything else, so a fan whose connection dropped never gets a
duplicate or a "too fast". Then bans, the rate limit, the reply's parent, duplicates,
and last the spam score, which decides between published and held. The row is written
in one short transaction; it is acknowledged only after the commit, so an acknowledged
comment survives the server being killed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone

from renewcast.catalog.models import Show
from renewcast.community import clients, text
from renewcast.community.models import Ban, Comment, CommentStatus, Fan
from renewcast.community.spam import spam_score

MAX_DEPTH = 5  # replies nest six levels: a top-level comment and five levels under it
DUPLICATE_WINDOW = timedelta(hours=24)
BANS_SECONDS = 2.0
_bans: dict = {"read": float("-inf"), "clients": frozenset()}


class Refused(Exception):
    """Not posted, with the reader's message, its HTTP status and the form field."""

    def __init__(self, message: str, status: int = 400, field: str | None = None,
                 retry_after: int | None = None):
        super().__init__(message)
        self.message, self.status, self.field, self.retry_after = (message, status, field,
                                                                   retry_after)


@dataclass(frozen=True)
class Posted:
    comment: Comment
    fan: Fan
    set_cookie: bool
    repeated: bool = False  # the same form sent again: nothing new was stored

    @property
    def message(self) -> str:
        if self.comment.status == CommentStatus.PUBLISHED:
            return "Thanks! Your comment is posted."
        return "Thanks! Your comment is awaiting moderation and will appear once approved."


def limit(text: str, default: str) -> tuple[int, int]:
    """(count, seconds) from a rate setting like "5/60"; a count of 0 turns it off; the
    default when the setting cannot be read."""
    count, _, seconds = (text or default).partition("/")
    try:
        return max(int(count), 0), max(int(seconds or 60), 1)
    except ValueError:
        count, _, seconds = default.partition("/")
        return int(count), int(seconds)


def rate() -> tuple[int, int]:
    """(comments, seconds) from ``RENEWCAST_COMMENT_RATE``; (0, 0) when off."""
    return limit(settings.COMMENT_RATE, "5/60")


def rate_wait(latest) -> int:
    """Seconds a client must wait under :func:`rate` before its next post (0: go ahead).
    ``latest(since, count)`` gives its newest ``count`` post times since ``since``, newest
    first; the wait is until the oldest of them leaves the window."""
    count, seconds = rate()
    if not count:
        return 0
    now = timezone.now()
    window = timedelta(seconds=seconds)
    recent = list(latest(now - window, count))
    if len(recent) < count:
        return 0
    return max(int((recent[-1] + window - now).total_seconds()) + 1, 1)


def post_comment(request, show: Show, number: int, data: dict) -> Posted:
    """Store the comment in ``data`` (a valid CommentForm's cleaned_data) or raise Refused."""
    client = clients.client_key(request)
    nonce = data.get("nonce") or None
    body = data["comment"]
    print_ = text.fingerprint(body)
    # One query answers three questions, from one snapshot: was this very form stored
    # already (a retry), did this reader post these words lately (a duplicate), and on
    # how many other pages did anyone (a spam sign).
    same = Q(fingerprint=print_, created_at__gte=timezone.now() - DUPLICATE_WINDOW)
    if nonce:
        same |= Q(nonce=nonce)
    earlier = list(Comment.objects.filter(same).order_by("-id")
                   .values("id", "nonce", "client", "fan_id", "show_id", "season_number")[:50])
    for row in earlier:
        if nonce and row["nonce"] == nonce:
            stored = Comment.objects.select_related("fan", "show").get(pk=row["id"])
            return Posted(stored, stored.fan, False, repeated=True)
    fan = clients.current_fan(request)
    if (fan is not None and fan.banned) or client in banned_clients():
        raise Refused("Comments from you are no longer accepted here.", status=403)
    _check_rate(client)
    parent = _parent(show, number, data.get("parent"))
    if any(row["client"] == client or (fan is not None and row["fan_id"] == fan.pk)
           for row in earlier):
        raise Refused("You have already posted this comment.", field="comment")

    fan, set_cookie = clients.fan_for_post(request, data["name"])
    links = text.link_count(body)
    elsewhere = len({(r["show_id"], r["season_number"]) for r in earlier} - {(show.pk, number)})
    score = spam_score(body, data["name"], links, False, elsewhere)
    known = False
    if links or score.doubtful:  # only then can a good record change the outcome
        known = fan.comments.filter(status=CommentStatus.PUBLISHED).exists()
        score = spam_score(body, data["name"], links, known, elsewhere)
    status, reason = CommentStatus.PUBLISHED, ""
    if score.doubtful:
        status, reason = CommentStatus.HELD, "spam score: " + "; ".join(score.reasons)
    elif links and not known:
        status, reason = CommentStatus.HELD, "first comment with a link"
    comment = Comment(
        show=show, season_number=number, parent=parent,
        root=(parent.root or parent) if parent else None,
        depth=parent.depth + 1 if parent else 0, fan=fan, name=data["name"],
        email=data.get("email") or "", body=body, status=status, hold_reason=reason,
        spam_score=round(score.score, 4), client=client, fingerprint=print_, nonce=nonce)
    try:
        comment.save()  # one INSERT: its own transaction, committed before we answer
    except IntegrityError:
        # The same form arrived twice at once and the other copy won: answer with it.
        stored = Comment.objects.filter(nonce=nonce).select_related("show").first() \
            if nonce else None
        if stored is None:
            raise
        return Posted(stored, fan, set_cookie, repeated=True)
    return Posted(comment, fan, set_cookie)


def banned_clients() -> frozenset[str]:
    """Banned address hashes, re-read at most every ``BANS_SECONDS`` per process: every
    post asks, and bans are few and change only when a moderator acts."""
    now = time.monotonic()
    if now - _bans["read"] > BANS_SECONDS:
        _bans["clients"] = frozenset(Ban.objects.values_list("client", flat=True))
        _bans["read"] = now
    return _bans["clients"]


def forget_bans(**kwargs) -> None:
    """A ban added or lifted in this process counts at once (others follow within
    ``BANS_SECONDS``)."""
    _bans["read"] = float("-inf")


def _check_rate(client: str) -> None:
    wait = rate_wait(lambda since, count: Comment.objects.filter(
        client=client, created_at__gte=since).order_by("-created_at").values_list(
        "created_at", flat=True)[:count])
    if wait:
        count, seconds = rate()
        raise Refused(f"You are posting quickly: please wait {wait} second"
                      f"{'s' if wait != 1 else ''} before your next comment "
                      f"(at most {count} every {seconds} seconds).",
                      status=429, retry_after=wait)


def _parent(show: Show, number: int, parent_id: int | None) -> Comment | None:
    if not parent_id:
        return None
    parent = (Comment.objects.filter(pk=parent_id, show=show, season_number=number,
                                     status=CommentStatus.PUBLISHED)
              .select_related("root").first())
    if parent is None:
        raise Refused("The comment you replied to is no longer there.", field="parent")
    # Past the deepest level a reply joins its parent's conversation instead of
    # indenting further, so threads stay readable on a phone.
    while parent.depth >= MAX_DEPTH:
        parent = parent.parent
    return parent


def editable(comment: Comment, fan: Fan | None, now=None) -> bool:
    """The author may change a comment for ``RENEWCAST_COMMENT_EDIT_MINUTES`` after posting."""
    if fan is None or comment.fan_id != fan.pk or not settings.COMMENT_EDIT_MINUTES:
        return False
    now = now or timezone.now()
    return now - comment.created_at <= timedelta(minutes=settings.COMMENT_EDIT_MINUTES)


def edit_comment(comment: Comment, body: str) -> Comment:
    """New text for ``comment``, re-checked: an edit can't slip a link past moderation."""
    links = text.link_count(body)
    known = comment.fan.comments.filter(status=CommentStatus.PUBLISHED).exclude(
        pk=comment.pk).exists()
    score = spam_score(body, comment.name, links, known)
    comment.body, comment.fingerprint = body, text.fingerprint(body)
    comment.edited_at, comment.spam_score = timezone.now(), round(score.score, 4)
    if comment.status == CommentStatus.PUBLISHED and (score.doubtful or (links and not known)):
        comment.status = CommentStatus.HELD
        comment.hold_reason = ("edited; spam score: " + "; ".join(score.reasons)
                               if score.doubtful else "edited to add a link")
    comment.save()
    return comment
