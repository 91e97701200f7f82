"""Who is posting: the fan (a signed cookie or an account) and the client (an address hash),
and whether that client asked for JSON rather than a page.

Anonymous readers get no cookie at all; the fan cookie is set only once someone posts a
comment or a prediction, so they can edit it, keep one live prediction per season and
be scored. The client's address is never stored: rate limits and bans use a keyed hash
of it, which cannot be turned back into the address without the site's secret key.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core import signing

from renewcast.community.models import Fan

FAN_COOKIE = "renewcast_fan"
FAN_SALT = "renewcast.community.fan"
FAN_COOKIE_AGE = 2 * 365 * 24 * 3600


def client_address(request) -> str:
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]  # the one our proxy saw; earlier hops are the client's say-so
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()[:32]


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def signed_in(request) -> bool:
    # Looking at request.user reads the session only when the reader sent a session
    # cookie, so anonymous pages stay cacheable.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated


def current_fan(request) -> Fan | None:
    """The fan making this request, if they have posted before or are signed in."""
    # Looked up once per request: posting asks several times (bans, duplicates, the author).
    if not hasattr(request, "_renewcast_fan"):
        fan = None
        if signed_in(request):
            fan = Fan.objects.filter(user=request.user).first()
        request._renewcast_fan = fan or _cookie_fan(request)
    return request._renewcast_fan


def _cookie_fan(request) -> Fan | None:
    try:
        pk = int(request.get_signed_cookie(FAN_COOKIE, salt=FAN_SALT))
    except (KeyError, signing.BadSignature, ValueError):
        return None
    return Fan.objects.filter(pk=pk).first()


def fan_for_post(request, name: str) -> tuple[Fan, bool]:
    """The fan to post as (made on first post), and whether the cookie must be set."""
    fan = current_fan(request)
    created = fan is None
    if created:
        user = request.user if signed_in(request) else None
        request._renewcast_fan = Fan.objects.create(name=name, user=user)
        return request._renewcast_fan, True
    changed = []
    if name and fan.name != name:
        fan.name = name
        changed.append("name")
    if signed_in(request) and fan.user_id is None \
            and not Fan.objects.filter(user=request.user).exists():
        fan.user = request.user  # posted anonymously, then signed in: keeps their history
        changed.append("user")
    if changed:
        fan.save(update_fields=changed)
    return fan, FAN_COOKIE not in request.COOKIES


def remember_fan(response, fan: Fan) -> None:
    response.set_signed_cookie(FAN_COOKIE, str(fan.pk), salt=FAN_SALT, max_age=FAN_COOKIE_AGE,
                               httponly=True, samesite="Lax",
                               secure=settings.SESSION_COOKIE_SECURE)


def reader_key(request, fan: Fan | None) -> str:
    """One key per reader for likes and reports: the fan if known, else the client."""
    return f"fan:{fan.pk}" if fan else f"client:{client_key(request)}"
