"""The discussion under a season page: reading, posting, replying, editing, liking, reporting.

Every action works as a plain HTML form (no JavaScript: post, then a redirect back to the
comment) and as a ``fetch`` that asks for JSON (``Accept: application/json``), which
``community.js`` uses to update the page in place. The season page itself is the same for
every reader and served from the page cache, so it carries no CSRF token; the forms live
on the discussion page and in the fragment the script loads into the season page.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from renewcast.catalog.models import Show
from renewcast.community import clients, posting
from renewcast.community.forms import CommentForm, EditForm
from renewcast.community.models import Comment, CommentStatus, Like, Report
from renewcast.community.predictions import prediction_context
from renewcast.community.text import comment_html
from renewcast.community.thread import DEFAULT_ORDER, load_thread, page_of
from renewcast.pages.season_page import load_seasons, load_show, page_numbers

REPORTS_TO_HOLD = 3
# A comment many readers like needs more readers to hide it: one in ten of its likers.
REPORTS_PER_LIKE = 0.1
PAGES_SECONDS, PAGES_KEPT = 30.0, 5000
_PAGES: dict[tuple, tuple[float, int]] = {}


def season_page_show(slug: str, number: int, recent: bool = False):
    """The show, if it has a page for season ``number``; 404 otherwise.

    ``recent``: which seasons have pages may be a few seconds old. Posting asks this for
    every comment, and the full answer (every season and chart week) costs more than the
    rest of a post, while it changes a few times a year. The show itself is always read
    fresh, and the remembered answer belongs to that very row (a show deleted and made
    again under the same slug is a new row).
    """
    # A post needs only the row itself, not the status event a page shows with it.
    show = Show.objects.listed().filter(slug=slug).first() if recent else load_show(slug)
    if show is None:
        raise Http404("No such show")
    now, key = time.monotonic(), (show.pk, show.created_at)
    known = _PAGES.get(key) if recent else None
    if known is None or now - known[0] > PAGES_SECONDS:
        _, last = page_numbers(load_seasons(show), timezone.localdate())
        if len(_PAGES) >= PAGES_KEPT:
            _PAGES.clear()
        known = _PAGES[key] = (now, last)
    if not 1 <= number <= known[1]:
        raise Http404("No such season page")
    return show


def _pk(value) -> int | None:
    """A comment id from a query or form value; None for anything else ("abc", "²")."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() else None


def _comment_url(comment, fan, order: str = "") -> str:
    """The discussion page showing ``comment``: its thread may be on a later page."""
    params = [f"order={order}"] if order else []
    page = page_of(comment, fan)
    if page > 1:
        params.append(f"page={page}")
    query = "?" + "&".join(params) if params else ""
    return (reverse("discuss", args=[comment.show.slug, comment.season_number]) + query
            + f"#c{comment.pk}")


def _context(request, show, number, form=None, status_message=None) -> dict:
    fan = clients.current_fan(request)
    thread = load_thread(show.pk, number, request.GET.get("order"), request.GET.get("page"),
                         fan)
    if form is None:
        form = CommentForm(initial={"parent": _pk(request.GET.get("reply")),
                                    "name": fan.name if fan else ""})
    parent = _pk(form["parent"].value())
    reply_to = Comment.objects.filter(
        pk=parent, show=show, season_number=number, status=CommentStatus.PUBLISHED,
    ).first() if parent else None
    mine = [c.pk for c in Comment.objects.filter(show=show, season_number=number, fan=fan)
            if posting.editable(c, fan)] if fan else []
    return {
        "show": show, "number": number, "thread": thread, "form": form, "reply_to": reply_to,
        "fan": fan, "editable_ids": mine, "interactive": True,
        "status_message": status_message,
        "season_url": reverse("season", args=[show.slug, number]),
        "discuss_url": reverse("discuss", args=[show.slug, number]),
        **prediction_context(fan, show, number, timezone.localdate()),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def discussion(request, slug, number):
    show = season_page_show(slug, number, recent=request.method == "POST")
    if request.method == "POST":
        return _post(request, show, number)
    context = _context(request, show, number)
    context["page_title"] = f"{show.title} season {number}: fans' predictions and comments"
    response = render(request, "community/discuss.html", context)
    response["X-Robots-Tag"] = "noindex"  # the season page carries the same comments
    return response


@require_http_methods(["GET", "HEAD"])
def fragment(request, slug, number):
    show = season_page_show(slug, number)
    return render(request, "community/discussion_body.html", _context(request, show, number))


def _post(request, show, number):
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            posted = posting.post_comment(request, show, number, form.cleaned_data)
        except posting.Refused as refused:
            if refused.field:
                form.add_error(refused.field, refused.message)
            return _refused(request, show, number, form, refused.message, refused.status,
                            refused.retry_after)
        return _posted(request, posted)
    return _refused(request, show, number, form, "Your comment was not posted: please "
                    "check the fields marked below.", 400)


def _posted(request, posted: posting.Posted):
    comment = posted.comment
    if clients.wants_json(request):
        html = render_to_string("community/comment.html", {
            "c": comment, "show": comment.show, "number": comment.season_number,
            "interactive": True, "editable_ids": [comment.pk], "fresh": True,
        }, request=request)
        response = JsonResponse({"id": comment.pk, "status": comment.status,
                                 "parent": comment.parent_id, "message": posted.message,
                                 "html": html, "repeated": posted.repeated},
                                status=200 if posted.repeated else 201)
    else:
        messages.success(request, posted.message)
        response = redirect(_comment_url(comment, posted.fan, DEFAULT_ORDER), permanent=False)
        response.status_code = 303
    if posted.set_cookie:
        clients.remember_fan(response, posted.fan)
    return response


def _refused(request, show, number, form, message, status, retry_after=None):
    if clients.wants_json(request):
        errors = {name: list(errs) for name, errs in form.errors.items()}
        response = JsonResponse({"message": message, "errors": errors}, status=status)
    else:
        context = _context(request, show, number, form=form, status_message=message)
        response = render(request, "community/discuss.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("show", "fan"), pk=pk)
    fan = clients.current_fan(request)
    back = _comment_url(comment, fan)
    if not posting.editable(comment, fan):
        message = ("You can only edit your own comment, within "
                   f"{settings.COMMENT_EDIT_MINUTES} minutes of posting it.")
        if clients.wants_json(request):
            return JsonResponse({"message": message}, status=403)
        return render(request, "community/edit.html",
                      {"comment": comment, "refusal": message, "back": back}, status=403)
    form = EditForm(request.POST or None, initial={"comment": comment.body})
    if request.method == "POST" and form.is_valid():
        posting.edit_comment(comment, form.cleaned_data["comment"])
        if clients.wants_json(request):
            return JsonResponse({"id": pk, "status": comment.status,
                                 "html": comment_html(comment.body)})
        messages.success(request, "Your comment is updated." if comment.is_visible else
                         "Your comment is updated and awaits moderation.")
        return redirect(back)
    status = 400 if request.method == "POST" else 200
    if clients.wants_json(request) and status == 400:
        return JsonResponse({"errors": {k: list(v) for k, v in form.errors.items()}}, status=400)
    return render(request, "community/edit.html",
                  {"comment": comment, "form": form, "back": back,
                   "page_title": "Edit your comment"}, status=status)


@require_POST
def report(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("show"), pk=pk,
                                status=CommentStatus.PUBLISHED)
    reporter = clients.reader_key(request, clients.current_fan(request))
    client = clients.client_key(request)
    # No NUL: PostgreSQL refuses it in text (the form fields' validators catch it elsewhere).
    reason = request.POST.get("reason", "").replace("\x00", "").strip()[:200]
    try:
        with transaction.atomic():
            # Counted once per address as well as per fan: fresh fan cookies from one
            # address are kept for the moderator but add no weight.
            new_voice = not Report.objects.filter(comment=comment, client=client).exists()
            Report.objects.create(comment=comment, reporter=reporter, client=client,
                                  reason=reason)
            if new_voice:
                Comment.objects.filter(pk=pk).update(reports=F("reports") + 1)
        message = "Thanks: a moderator will look at this comment."
    except IntegrityError:
        message = "You have already reported this comment; a moderator will look at it."
    comment.refresh_from_db()
    if comment.reports >= reports_to_hold(comment) and comment.status == CommentStatus.PUBLISHED:
        Comment.objects.filter(pk=pk, status=CommentStatus.PUBLISHED).update(
            status=CommentStatus.HELD, hold_reason=f"reported by {comment.reports} readers",
            changed_at=timezone.now())
    return _acted(request, comment, message, {"reports": comment.reports})


@require_POST
def like(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("show"), pk=pk,
                                status=CommentStatus.PUBLISHED)
    liker = clients.reader_key(request, clients.current_fan(request))
    client = clients.client_key(request)
    try:
        with transaction.atomic():
            new_voice = not Like.objects.filter(comment=comment, client=client).exists()
            Like.objects.create(comment=comment, liker=liker, client=client)
            if new_voice:
                Comment.objects.filter(pk=pk).update(likes=F("likes") + 1,
                                                     changed_at=timezone.now())
        message = "Liked."
    except IntegrityError:
        message = "You already like this comment."
    comment.refresh_from_db()
    return _acted(request, comment, message, {"likes": comment.likes})


def reports_to_hold(comment: Comment) -> int:
    """How many readers (distinct addresses) must report a comment to hold it."""
    return max(REPORTS_TO_HOLD, math.ceil(comment.likes * REPORTS_PER_LIKE))


def _acted(request, comment, message, figures):
    if clients.wants_json(request):
        return JsonResponse({"id": comment.pk, "message": message, **figures})
    messages.info(request, message)
    return redirect(_comment_url(comment, clients.current_fan(request)))


def csrf_failure(request, reason=""):
    """A 403 that keeps what was typed: the form comes back filled in, with a fresh token."""
    message = ("Your comment was not posted: this form had expired or your browser "
               "blocked its cookie. Check it and press “Post comment” again.")
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if clients.wants_json(request) or match is None or match.url_name != "discuss":
        # Not a comment (a like, a report, a prediction, a sign-in): nothing typed to keep.
        general = ("That form had expired or your browser blocked its cookie: reload the "
                   "page and try again.")
        if clients.wants_json(request):
            text = message.replace("“Post comment”", "Post") if match and \
                match.url_name == "discuss" else general
            return JsonResponse({"message": text, "errors": {}}, status=403)
        return render(request, "community/403.html", {"message": general}, status=403)
    if request.method == "POST":
        try:
            show = season_page_show(match.kwargs["slug"], match.kwargs["number"])
        except Http404:
            show = None
        if show is not None:
            kept = ("name", "email", "comment", "parent", "nonce")
            form = CommentForm(initial={k: request.POST.get(k, "") for k in kept})
            context = _context(request, show, match.kwargs["number"], form=form,
                               status_message=message)
            return render(request, "community/discuss.html", context, status=403)
    return render(request, "community/403.html", {"message": "That form had expired. Go back, "
                  "reload the page and try again."}, status=403)
