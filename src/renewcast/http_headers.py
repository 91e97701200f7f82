"""Headers every response carries: a strict Content-Security-Policy and caching rules a CDN
or a caching proxy can follow.

The policy allows scripts, styles, images and frames from this site only, and no inline
script, style or event handler, so text that slipped past escaping still could not run.
The status widget is the one page meant to sit in other sites' frames.

Public pages, feeds, calendars and API answers are the same for every reader, so a shared
cache may keep them for ``RENEWCAST_CACHE_SECONDS`` (60 by default) and serve a stale copy
for as long again while it revalidates: an editor's change shows through a front within
twice that time. A response that sets a cookie, varies by cookie, carries a CSRF token or
is for a signed-in reader is ``private, no-cache``; one that set its own Cache-Control
(the admin, the widget) keeps it.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_cache_control

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}")
CACHEABLE = {200, 203, 204, 301, 404, 410}


def content_security_policy(embeddable: bool = False) -> str:
    return POLICY.format(ancestors="*" if embeddable else "'none'")


class HeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            embeddable = getattr(response, "xframe_options_exempt", False)
            response["Content-Security-Policy"] = content_security_policy(embeddable)
        if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
            if personal(request, response):
                patch_cache_control(response, private=True, no_cache=True)
            elif response.status_code in CACHEABLE:
                seconds = settings.CACHE_SECONDS
                patch_cache_control(response, public=True, max_age=seconds,
                                    stale_while_revalidate=seconds)
        return response


def personal(request, response) -> bool:
    """Whether the response belongs to this reader only."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    vary = response.get("Vary", "").lower()
    if "cookie" in vary:
        return True
    user = getattr(request, "user", None)
    # Reading request.user loads the session; only look when the reader sent a session.
    return (settings.SESSION_COOKIE_NAME in request.COOKIES and user is not None
            and user.is_authenticated)
