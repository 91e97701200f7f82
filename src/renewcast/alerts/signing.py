"""Webhook signatures: HMAC-SHA256 of the exact body bytes, keyed by the follow's secret.

A receiver recomputes ``hmac.new(secret, body, sha256).hexdigest()`` over the raw body it
got and compares it (in constant time) with the ``X-Renewcast-Signature`` header, so it
knows the post came from this site and was not altered on the way.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Renewcast-Signature"
PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The header value for ``body``: ``sha256=<hex digest>``."""
    return PREFIX + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
