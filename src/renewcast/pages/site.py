"""Absolute addresses for canonical links, Open Graph tags, feeds, sitemaps and the widget.

Search engines and social cards need absolute URLs. ``RENEWCAST_SITE_URL`` pins them to
the public address; without it they follow the request's host (already vetted by
ALLOWED_HOSTS), which is right for a local install.
"""

from __future__ import annotations

from django.conf import settings


def absolute(request, path: str) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def context(request) -> dict:
    return {"canonical_url": absolute(request, request.path), "site_root": absolute(request, "/")}


def public(path: str) -> str:
    """``path`` on the public address when one is set, else unchanged (for Django to
    complete from the request, as feeds and sitemaps do)."""
    return settings.SITE_URL + path if settings.SITE_URL else path
