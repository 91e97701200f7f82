"""Publication dates as pages print them ("Sept. 3, 2022 4:05PM ET", "3 March 2024").

Bylines and date lines come in every format a CMS can produce, so they go to
dateparser rather than to hand-written patterns; only the calendar day is kept.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": False,
}


def parse_published(text: str | None) -> dt.date | None:
    """The calendar day in ``text``, or None when it holds no full date."""
    if not text:
        return None
    text = re.sub(r"\s+", " ", text).strip(" :|,•·—-")
    if not text or not re.search(r"\d{4}", text):
        return None
    text = re.sub(r"\b(at|@)\s+\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?.*$", "", text, flags=re.I)
    text = re.sub(r"\bSept\b\.?", "Sep", text)
    text = re.sub(r"^(published|posted|updated|last updated|originally published)\s*(on)?\s*:?\s*",
                  "", text, flags=re.I)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_SETTINGS)
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None
