"""The follow form's answer, and the confirm and unsubscribe pages e-mails link to.

The follow box sits on show and season pages, which are the same for every reader and
served from the page cache, so it cannot carry a CSRF token. Its POST is therefore
exempt from CSRF, deliberately: following uses no cookie or session, so a forged post
from another site can do nothing its author could not do by posting directly, and what
such a post could do is bounded by the double opt-in (an e-mail follow stays silent until
the mailbox's owner confirms), the resend limit per address and a rate limit per client.
Confirm and unsubscribe links carry their own secret token; the unsubscribe address also
takes mail programs' RFC 8058 one-click POST, which has no cookie at all. GET on those
only shows a button: mail scanners open links, and must not confirm or unsubscribe.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from renewcast.alerts import following, signing
from renewcast.alerts.forms import FollowForm
from renewcast.alerts.models import Channel
from renewcast.catalog.models import Show
from renewcast.community.clients import client_key, wants_json
from renewcast.pages.site import absolute
from renewcast.pages.views import unknown_show


def cross_site(request) -> bool:
    """Whether a browser says this POST comes from a page on another site.

    The follow form sits on cached pages that carry no CSRF token, so instead of a token
    the browser's own word is checked: Sec-Fetch-Site, else Origin. A request with neither
    (curl, a script, an old browser) is not a browser forging a visitor's request."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    ours = f"{request.scheme}://{request.get_host()}"
    return origin not in (ours, *settings.CSRF_TRUSTED_ORIGINS)


@csrf_exempt  # the cached pages' form has no token; cross_site() stands in for it
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request, slug):
    show = Show.objects.listed().filter(slug=slug).first()
    if show is None:
        if request.method == "POST" and wants_json(request):
            return JsonResponse({"ok": False, "message": f"No show at {request.path}.",
                                 "errors": {}}, status=404)
        return unknown_show(request, slug)
    if request.method != "POST":
        return _form_page(request, show, FollowForm())
    form = FollowForm(request.POST)
    if cross_site(request):
        refused = following.FollowError(
            "This form was sent from another site. To follow, use the form on this page.",
            status=403)
        form.add_error(None, refused.message)
        return _refused(request, show, form, refused)
    try:
        following.check_rate(client_key(request))
        if not form.is_valid():
            raise following.FollowError(_first_error(form))
        data = form.cleaned_data
        followed = following.follow_show(show, email=data["email"] or None,
                                         webhook=data["webhook"] or None,
                                         origin=absolute(request, "/").rstrip("/"))
    except following.FollowError as refused:
        if refused.field and refused.field in form.fields and not form.errors:
            form.add_error(refused.field, refused.message)
        elif not form.errors:
            form.add_error(None, refused.message)
        return _refused(request, show, form, refused)
    return _followed(request, show, followed)


def _first_error(form: FollowForm) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return "Please check the form."


def _form_page(request, show, form, message=None, status=200):
    context = {"show": show, "form": form, "message": message,
               "page_title": f"Follow {show.title} – renewcast"}
    return render(request, "alerts/follow.html", context, status=status)


def _refused(request, show, form, refused: following.FollowError):
    if wants_json(request):
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        response = JsonResponse({"ok": False, "message": refused.message, "errors": errors},
                                status=refused.status)
    else:
        response = _form_page(request, show, form, refused.message, refused.status)
    if refused.retry_after:
        response["Retry-After"] = str(refused.retry_after)
    return response


def answer(followed: following.Followed) -> dict:
    """What the reader is told, the same words in the page and in JSON. For e-mail the
    answer does not say whether the address already followed: only its owner learns that,
    by e-mail."""
    follow = followed.follow
    show = follow.show
    data = {"ok": True, "channel": follow.channel, "address": follow.address,
            "show": {"title": show.title, "slug": show.slug}}
    if follow.channel == Channel.EMAIL:
        if followed.outcome == "recently_sent":
            message = (f"We sent a confirmation link to {follow.address} a few minutes ago: "
                       "check your inbox (and spam folder) and open it to confirm.")
        else:
            message = (f"Check your inbox at {follow.address} to confirm: we sent you a link. "
                       "Nothing else is sent until you confirm.")
        return data | {"status": "check_inbox", "message": message}
    if followed.secret:
        return data | {
            "status": "following", "secret": followed.secret,
            "signature_header": signing.HEADER,
            "unsubscribe_url": following.unsubscribe_url(follow),
            "message": f"Your webhook now follows {show.title}. Keep the signing secret: it "
                       "is shown only this once."}
    if followed.outcome == "refused":
        return data | {"status": "refused", "message": "This webhook was switched off by an "
                       "editor and cannot follow shows."}
    return data | {"status": "already", "message": (
        f"This webhook already follows {show.title}. Its signing secret was shown when it "
        "was added; for a new one, stop it with its unsubscribe link (in every delivery) "
        "and follow again.")}


def _followed(request, show, followed: following.Followed):
    data = answer(followed)
    neutral = followed.follow.channel == Channel.EMAIL and followed.outcome != "recently_sent"
    status = 201 if followed.created or neutral else 200  # e-mail: the same for all
    if wants_json(request):
        return JsonResponse(data, status=status)
    return render(request, "alerts/followed.html",
                  {"show": show, "answer": data, "page_title": f"Follow {show.title} – renewcast",
                   "header": signing.HEADER}, status=status)


def _token_page(request, token):
    follow = following.by_token(token)
    if follow is None:
        if wants_json(request):
            return None, JsonResponse({"ok": False, "message": "This link is not valid."},
                                      status=404)
        return None, render(request, "alerts/unknown_link.html",
                            {"page_title": "Unknown link – renewcast"}, status=404)
    return follow, None


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    follow, missing = _token_page(request, token)
    if missing:
        return missing
    result = following.confirm(follow) if request.method == "POST" else None
    if wants_json(request) and result:
        return JsonResponse({"ok": result in ("confirmed", "already"), "result": result,
                             "show": follow.show.slug})
    return render(request, "alerts/confirm.html",
                  {"follow": follow, "show": follow.show, "result": result,
                   "expired": following.is_expired(follow, timezone.now()),
                   "valid_days": following.CONFIRM_WITHIN.days,
                   "unsubscribe_url": following.unsubscribe_url(follow),
                   "page_title": f"Follow {follow.show.title} – renewcast"})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    follow, missing = _token_page(request, token)
    if missing:
        return missing
    result = None
    if request.method == "POST":  # a button, or a mail program's one-click POST
        result = "unsubscribed" if following.unsubscribe(follow) else "already"
    if wants_json(request) and result:
        return JsonResponse({"ok": True, "result": result, "show": follow.show.slug})
    return render(request, "alerts/unsubscribe.html",
                  {"follow": follow, "show": follow.show, "result": result,
                   "page_title": f"Stop following {follow.show.title} – renewcast"})
