"""Who published a URL, and how far to trust it (the source tier)."""

from __future__ import annotations

from urllib.parse import urlparse

OFFICIAL = ("netflix.com", "netflix.net", "tudum.com")
TRADE = (
    "deadline.com",
    "variety.com",
    "hollywoodreporter.com",
    "thewrap.com",
    "tvline.com",
    "indiewire.com",
    "screendaily.com",
    "kidscreen.com",
    "vulture.com",
    "whats-on-netflix.com",
)
FAN = ("reddit.com", "fandom.com", "tumblr.com", "x.com", "twitter.com")


def publisher_for_url(url: str) -> str:
    host = (urlparse(url).hostname or "").lower()
    return host.removeprefix("www.")


def tier_for_url(url: str) -> str:
    """``official``, ``trade``, ``press`` or ``fan``, from the URL's domain."""
    host = publisher_for_url(url)
    for tier, domains in (("official", OFFICIAL), ("trade", TRADE), ("fan", FAN)):
        if any(host == d or host.endswith("." + d) for d in domains):
            return tier
    return "press"
