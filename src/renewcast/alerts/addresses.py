"""Check what a reader types before following: an e-mail address, or a webhook URL.

A webhook makes this server send requests to an address a stranger chose, so unless
``RENEWCAST_ALLOW_PRIVATE_WEBHOOKS`` is set, every address the host resolves to must be
a public one (the check shared with the article reader, ``sources/urlsafety.py``). It runs
when the follow is made and again before each delivery, and the delivery connects to the
very address that was checked. Every refusal is one line that says what is wrong.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from renewcast.sources.errors import clipped
from renewcast.sources.urlsafety import SHOWN, Target, UnsafeURL, check_url

MAX_EMAIL = 254


class AddressError(ValueError):
    """An address renewcast will not use; the message is one line for the reader."""


def clean_email(text: str) -> str:
    """The address, trimmed and lower-cased (one follow per mailbox), or AddressError."""
    address = (text or "").strip()
    if not address:
        raise AddressError("give an e-mail address")
    if len(address) > MAX_EMAIL:
        raise AddressError(f"that e-mail address is longer than {MAX_EMAIL} characters")
    try:
        EmailValidator()(address)
    except ValidationError:
        raise AddressError(f"{clipped(address, SHOWN)} is not a valid e-mail address") from None
    return address.lower()


def clean_webhook(text: str) -> str:
    """The URL, checked (resolved and vetted now), or AddressError."""
    return check_webhook(text).url


def check_webhook(text: str) -> Target:
    try:
        return check_url(text, allow_private=settings.ALLOW_PRIVATE_WEBHOOKS, noun="webhook")
    except UnsafeURL as exc:
        raise AddressError(str(exc)) from None
