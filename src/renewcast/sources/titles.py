"""The one comparable form of a show title, shared by the catalog and the readers.

"Sex/Life", "sex / life" and "SEX LIFE" are one show to a reader; comparing their
keys rather than their spellings is how every lookup forgives case and punctuation.
"""

from __future__ import annotations

import re
import unicodedata


def title_key(title: str) -> str:
    """The form two spellings of one title share: "Sex/Life" and "sex / life" agree."""
    text = unicodedata.normalize("NFKD", title).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", text).strip()
