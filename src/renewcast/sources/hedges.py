"""How likely the press meant it: hedged wording in an article turned into a probability.

The article reader keeps a sentence like "Partner Track is likely headed for a renewal"
as a *prediction* (renewed), with the sentence as its quote. To score the press on the
same Brier scale as fans and the model, each prediction needs a number; the number is
what readers take the hedge word to mean, from a published survey rather than from us.

The table is the median answer per phrase in the /r/samplesize survey of 46 people
("What probability would you assign to the phrase …?"), a reproduction of Sherman Kent's
CIA study of words of estimative probability; its raw answers are published as
``probly.csv`` in github.com/zonination/perceptions (2015). Mauboussin & Mauboussin,
"If You Say Something Is 'Likely,' How Likely Do People Think It Is?" (Harvard Business
Review, July 2018; 1,700 respondents) found readings close to Kent's for the same words.

=====================  ======  ===========================================================
survey phrase          median  press wording read as that phrase
=====================  ======  ===========================================================
almost certainly        95 %   almost certain(ly), all but certain, virtually certain,
                               no doubt, bound to, safe to say, for sure
highly likely           90 %   highly likely, very likely, extremely likely
very good chance        80 %   very good / strong / excellent chance
probably                75 %   probably, most likely
probable                70 %   probable
likely                  70 %   likely, odds are
we believe              70 %   expect(ed), poised, set to, should, good chance, good sign
better than even        60 %   better than even, more likely than not
about even              50 %   about even, could, might, may, possibly, possible, toss-up,
                               50/50, on the bubble, uncertain, unclear, chance, hope
probably not            26.5 % probably not, not likely, isn't likely,
                               probably won't
we doubt                25 %   doubt(ful)
unlikely                20 %   unlikely, doesn't look good, bleak, grim
improbable              15 %   improbable
little chance           15 %   little chance, low chance, slim
chances are slight      10 %   slim / slight chance, chances are slight
highly unlikely          5 %   highly / very / extremely unlikely
almost no chance         2 %   almost no chance, no chance
=====================  ======  ===========================================================

A phrase's number says how sure the writer sounds, not which way: "unlikely to be renewed"
and "likely to be canceled" are both predictions of a cancellation. So the direction comes
from the prediction's value (what the reader, and then an editor, took the sentence to
predict) and the strength from the phrase: a phrase read as ``q`` gives
``max(q, 1 - q)`` for the predicted outcome. "unlikely" (20%) on a predicted cancellation
is a 20% chance of renewal; "likely" (70%) on a predicted cancellation is 30%.

When a sentence holds several phrases, the first one that is not a coin-flip word counts
("could return in 2025, and is likely to be renewed" is a "likely"); a sentence with only
coin-flip words is 50%; a sentence with none of these words reads as "likely" (70%), the
commonest hedge in renewal articles.
"""

from __future__ import annotations

import re

SURVEY = {
    "almost certainly": 0.95,
    "highly likely": 0.90,
    "very good chance": 0.80,
    "probably": 0.75,
    "probable": 0.70,
    "likely": 0.70,
    "we believe": 0.70,
    "better than even": 0.60,
    "about even": 0.50,
    "probably not": 0.265,
    "we doubt": 0.25,
    "unlikely": 0.20,
    "improbable": 0.15,
    "little chance": 0.15,
    "chances are slight": 0.10,
    "highly unlikely": 0.05,
    "almost no chance": 0.02,
}

_APOS = "['’]"
# (press wording as a regular expression, the survey phrase it is read as)
WORDING: tuple[tuple[str, str], ...] = (
    (r"almost certain(?:ly)?|all but certain|virtually certain|no doubt|without a doubt|"
     r"bound to|safe to say|for sure", "almost certainly"),
    (r"(?:highly|very|extremely) likely", "highly likely"),
    (r"(?:very good|strong|excellent) chance", "very good chance"),
    (r"probably not|probably won" + _APOS + r"t|probably will not|not likely|"
     r"not very likely|isn" + _APOS + r"t likely", "probably not"),
    (r"(?:highly|very|extremely) unlikely", "highly unlikely"),
    (r"almost no chance|no chance", "almost no chance"),
    (r"(?:slim|slight) chances?|chances are slight", "chances are slight"),
    (r"little chance|low chance|slim", "little chance"),
    (r"probably|most likely", "probably"),
    (r"probable", "probable"),
    (r"unlikely|doesn" + _APOS + r"t look good|bleak|grim", "unlikely"),
    (r"likely|odds are", "likely"),
    (r"doubt(?:ful|s)?", "we doubt"),
    (r"improbable", "improbable"),
    (r"better than even|more likely than not", "better than even"),
    (r"expect(?:s|ed)?|poised|set to|should|good chance|good sign", "we believe"),
    (r"about even|could|might|may|possibl[ey]|toss-?up|coin flip|50/50|fifty-fifty|"
     r"on the bubble|uncertain|unclear|chances?|hop(?:e|es|ed|ing)", "about even"),
)

DEFAULT_PHRASE = "likely"
_NAMES = [f"w{i}" for i in range(len(WORDING))]
# One alternation, each wording a named group; at any position the regex engine takes the
# first alternative that matches, so longer wordings ("probably not", "highly unlikely")
# are listed before the words inside them ("probably", "unlikely").
_PATTERN = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{rx})" for name, (rx, _) in zip(_NAMES, WORDING,
                                                                       strict=True))
    + r")\b", re.I)
_PHRASE_OF = {name: phrase for name, (_, phrase) in zip(_NAMES, WORDING, strict=True)}


def hedge_phrase(quote: str) -> str | None:
    """The survey phrase the sentence's decisive hedge reads as, or None without one."""
    found = [_PHRASE_OF[m.lastgroup] for m in _PATTERN.finditer(quote or "")]
    decisive = [p for p in found if SURVEY[p] != 0.5]
    if decisive:
        return decisive[0]
    return found[0] if found else None


def press_probability(quote: str, value: str) -> float:
    """The chance of renewal a press prediction stands for.

    ``value`` is what it predicts ("renewed" or "canceled"; "ended" counts as canceled).
    """
    q = SURVEY[hedge_phrase(quote) or DEFAULT_PHRASE]
    strength = max(q, 1.0 - q)
    # Rounded so 1 - 0.8 shows as 0.2, not 0.19999999999999996.
    return round(strength if value == "renewed" else 1.0 - strength, 4)
