"""How likely a comment is spam, from well-known heuristics, without a network service.

Link spam on fan sites looks the same everywhere: links (especially from someone who
never posted before), money and contact bait ("WhatsApp", "earn $500"), the usual
product words, SHOUTING, stretched punctuation, and a name that is itself an advert.
Each sign adds to a score; a logistic squash turns the sum into 0–1 so "hold at 0.5"
reads as "more likely spam than not". Comments at or above :data:`HOLD_AT` wait for a
moderator instead of being thrown away, so a false alarm costs a delay, not a comment.

Plain Python (no Django), so the weights can be read and tested alone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

HOLD_AT = 0.5
BIAS = -3.0

_BAIT = re.compile(
    r"\b(casino|viagra|cialis|crypto|bitcoin|forex|loan|loans|payday|betting|porn|xxx|"
    r"escort|seo services|backlinks?|followers|weight loss|diet pills?|replica|"
    r"work from home|make money|earn \$?\d+|free money|click here|buy now|limited offer|"
    r"promo code|discount code|giveaway|whatsapp|telegram|dm me|contact me at)\b", re.I)
_MONEY = re.compile(r"[$€£]\s?\d{2,}|\d{2,}\s?(?:usd|dollars)\b", re.I)
_PHONE = re.compile(r"\+?\d[\d\s().-]{8,}\d")
_STRETCH = re.compile(r"(.)\1{5,}")
_PUNCT = re.compile(r"[!?]{3,}")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|net|ru|xyz|top|biz|info)\b", re.I)


@dataclass(frozen=True)
class SpamScore:
    score: float
    reasons: tuple[str, ...]

    @property
    def doubtful(self) -> bool:
        return self.score >= HOLD_AT


def spam_score(text: str, name: str = "", links: int = 0, known_fan: bool = False,
               same_text_elsewhere: int = 0) -> SpamScore:
    """``links``: links in ``text``; ``known_fan``: has a published comment already;
    ``same_text_elsewhere``: other pages where these exact words were posted lately."""
    signs: list[tuple[float, str]] = []
    if links:
        signs.append((1.2 + 0.8 * (links - 1), f"{links} link{'s' if links > 1 else ''}"))
        if len(text) < 40 + 30 * links:
            signs.append((1.0, "little text besides links"))
    bait = {m.group(0).lower() for m in _BAIT.finditer(text)}
    if bait:
        signs.append((1.5 * len(bait), "advert words: " + ", ".join(sorted(bait))))
    if _MONEY.search(text):
        signs.append((0.8, "money amounts"))
    if _PHONE.search(text):
        signs.append((1.0, "a phone number"))
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        signs.append((1.0, "mostly capitals"))
    if _STRETCH.search(text) or _PUNCT.search(text):
        signs.append((0.5, "stretched characters"))
    if _URLISH.search(name) or _BAIT.search(name):
        signs.append((2.5, "an advert for a name"))
    if same_text_elsewhere:
        signs.append((1.5 + 0.5 * min(same_text_elsewhere, 4), "the same words on other pages"))
    if known_fan:
        signs.append((-1.5, "a fan with published comments"))
    total = BIAS + sum(weight for weight, _ in signs)
    return SpamScore(1 / (1 + math.exp(-total)),
                     tuple(reason for weight, reason in signs if weight > 0))
