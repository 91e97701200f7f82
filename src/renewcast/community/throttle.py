"""Slow down password guessing and scripted sign-ups (the admin signs in on the site's page).

A sign-in is refused, before the password is even checked, once an account has had
``RENEWCAST_SIGNIN_LIMIT`` failures (default 10 in 15 minutes) or an address has had five
times that many against any accounts; a success clears the account's failures. Sign-up
forms sent from one address are limited by ``RENEWCAST_SIGNUP_LIMIT`` (default 10 an hour,
failed ones included, so walking a list of user names to see which exist is as slow as
creating accounts). Counts live in the database (:class:`Attempt`), so every worker
process sees the same ones; accounts and addresses are stored only as keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from renewcast.community.clients import client_key
from renewcast.community.models import Attempt
from renewcast.community.posting import limit

ACCOUNT, ADDRESS, SIGNUP = "signin-account", "signin-address", "signup-address"
ADDRESS_FACTOR = 5  # one address may fail for a few accounts (a shared network)


def account_key(username: str) -> str:
    name = (username or "").strip().lower().encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"account:" + name,
                    hashlib.sha256).hexdigest()[:32]


def _recent(kind: str, key: str, seconds: int) -> int:
    since = timezone.now() - timedelta(seconds=seconds)
    return Attempt.objects.filter(kind=kind, key=key, at__gte=since).count()


def _minutes(seconds: int) -> str:
    minutes = max(round(seconds / 60), 1)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def signin_refusal(request, username: str) -> str | None:
    """Why this sign-in is not even tried (too many failures), or None."""
    count, seconds = limit(settings.SIGNIN_LIMIT, "10/900")
    if not count:
        return None
    if (_recent(ACCOUNT, account_key(username), seconds) >= count
            or _recent(ADDRESS, client_key(request), seconds) >= count * ADDRESS_FACTOR):
        return (f"Too many failed sign-ins. Wait {_minutes(seconds)} and try again, "
                "or ask an editor to reset the password.")
    return None


def signin_failed(request, username: str) -> None:
    _forget_old()
    Attempt.objects.bulk_create([Attempt(kind=ACCOUNT, key=account_key(username)),
                                 Attempt(kind=ADDRESS, key=client_key(request))])


def signin_succeeded(username: str) -> None:
    Attempt.objects.filter(kind=ACCOUNT, key=account_key(username)).delete()


def signup_refusal(request) -> str | None:
    """Why no more sign-ups are taken from this address for now, or None."""
    count, seconds = limit(settings.SIGNUP_LIMIT, "10/3600")
    if count and _recent(SIGNUP, client_key(request), seconds) >= count:
        return (f"Too many sign-ups from your network. Wait {_minutes(seconds)} and "
                "try again.")
    return None


def signup_tried(request) -> None:
    _forget_old()
    Attempt.objects.create(kind=SIGNUP, key=client_key(request))


def _forget_old() -> None:
    """Drop attempts older than any limit looks back, so the table stays small; done on
    the (rare) paths that add rows."""
    window = max(limit(settings.SIGNIN_LIMIT, "10/900")[1],
                 limit(settings.SIGNUP_LIMIT, "10/3600")[1])
    Attempt.objects.filter(at__lt=timezone.now() - timedelta(seconds=window)).delete()


class Throttled:
    """Mixed into an authentication form: refuse early, count failures, clear on success."""

    def clean(self):
        username = self.data.get("username", "")
        refusal = signin_refusal(self.request, username)
        if refusal:
            raise ValidationError(refusal, code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            signin_failed(self.request, username)
            raise
        signin_succeeded(username)
        return cleaned


class SignInForm(Throttled, AuthenticationForm):
    pass
