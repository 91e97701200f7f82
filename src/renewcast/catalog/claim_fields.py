"""A claim as an editor reads and corrects it: one sentence, and form fields per kind.

A claim's facts live in a JSON ``value`` whose keys depend on its kind (a status has
``value``, ``covers`` and ``final_season``; a cast claim ``person`` and ``character``...).
Editors should never type JSON, and the season must be stated once: here each kind gets
proper fields, the season among them, and :func:`value_from` writes them back into the
claim — ``value["season"]`` and the ``season`` link together, so they cannot disagree.
The review queue and the claim's change form both use these fields.
"""

from __future__ import annotations

import re

from django import forms

from renewcast.catalog.models import Claim, EventKind, Season, Stance
from renewcast.numbers import human_date
from renewcast.sources.articles.dates import first_day, precision_of

STATUS_CHOICES = [("renewed", "renewed"), ("canceled", "canceled"),
                  ("ended", "ended (final season)"), ("awaiting", "awaiting a decision")]
EVENT_CHOICES = [(EventKind.RENEWAL.value, "renewal"),
                 (EventKind.CANCELLATION.value, "cancellation"),
                 *[(k.value, k.label) for k in EventKind
                   if k not in (EventKind.RENEWAL, EventKind.CANCELLATION)]]
PREDICTION_CHOICES = [("renewal", "renewal"), ("premiere", "premiere")]
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_EVENT_WORDS = {
    "renewal": "renewed", "cancellation": "canceled", "ending": "final season announced",
    "premiere": "premieres", "writers_room": "writers' room opens", "filming_start":
    "filming starts", "filming_wrap": "filming wraps", "trailer": "trailer released",
    "date_announced": "premiere date announced",
}


class PartialDateField(forms.CharField):
    """A date at the precision the article gives it: 2024, 2024-12 or 2024-12-19."""

    def __init__(self, **kwargs):
        super().__init__(max_length=10, help_text="YYYY, YYYY-MM or YYYY-MM-DD", **kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return value
        if not _PARTIAL_DATE.match(value):
            raise forms.ValidationError("Write the date as YYYY, YYYY-MM or YYYY-MM-DD.")
        try:
            first_day(value)
        except ValueError:
            raise forms.ValidationError(f"{value} is not a real date.") from None
        return value


MAX_SEASON = 99


def _season_field():
    return forms.IntegerField(label="Season", required=False, min_value=0,
                              max_value=MAX_SEASON)


def _kind_fields(kind: str) -> dict[str, forms.Field]:
    if kind == "status":
        return {"status": forms.ChoiceField(label="Status", choices=STATUS_CHOICES),
                "covers": forms.CharField(
                    label="Seasons ordered", required=False, max_length=40,
                    help_text="For a multi-season order, e.g. 3, 4"),
                "final_season": forms.IntegerField(label="Final season", required=False,
                                                   min_value=1, max_value=MAX_SEASON)}
    if kind == "event":
        return {"event": forms.ChoiceField(label="What happens", choices=EVENT_CHOICES),
                "date": PartialDateField(label="Date", required=False)}
    if kind == "cast":
        return {"person": forms.CharField(label="Person", max_length=200),
                "character": forms.CharField(label="Character", required=False,
                                             max_length=200)}
    if kind == "statement":
        return {"speaker": forms.CharField(label="Speaker", max_length=200),
                "role": forms.CharField(label="Role", required=False, max_length=200),
                "stance": forms.ChoiceField(label="Stance on another season",
                                            choices=Stance.choices)}
    if kind == "prediction":
        return {"about": forms.ChoiceField(label="About", choices=PREDICTION_CHOICES),
                "prediction": forms.CharField(label="Predicted", max_length=40,
                                              help_text="renewed / canceled, or a date")}
    if kind == "plot":
        return {"spoiler": forms.BooleanField(label="Spoiler", required=False)}
    return {}


def fields_for(claim: Claim) -> dict[str, forms.Field]:
    """The fields an editor corrects this claim with (none for a sync's disagreement:
    that is taken or refused whole)."""
    if (claim.value or {}).get("disagreement"):
        return {}
    return {"season": _season_field(), **_kind_fields(claim.kind)}


def initial_for(claim: Claim) -> dict:
    v = claim.value or {}
    initial = {"season": v.get("season") or (claim.season.number if claim.season else None)}
    if claim.kind == "status":
        initial |= {"status": v.get("value"), "final_season": v.get("final_season"),
                    "covers": ", ".join(str(n) for n in v.get("covers") or [])}
    elif claim.kind == "prediction":
        initial |= {"about": v.get("about"), "prediction": v.get("value")}
    else:
        initial |= {name: v.get(name) for name in _kind_fields(claim.kind)}
    return initial


def clean_covers(text: str) -> list[int]:
    """The seasons an order covers, typed as "3, 4", "3 & 4" or "3 and 4"."""
    text = text or ""
    if re.sub(r"\band\b|[\d\s,+&]", "", text, flags=re.I):
        raise forms.ValidationError("List season numbers, e.g. 3, 4.")
    numbers = sorted({int(n) for n in re.findall(r"\d+", text)})
    if any(not 1 <= n <= MAX_SEASON for n in numbers):
        raise forms.ValidationError(f"Season numbers run from 1 to {MAX_SEASON}.")
    return numbers


class ClaimFieldsMixin:
    """What the queue's form and the claim's change form share: the names of the fields
    :func:`fields_for` added, whether the editor changed any, and "covers" read as numbers."""

    claim_field_names: tuple[str, ...] = ()

    def clean_covers(self):
        return clean_covers(self.cleaned_data.get("covers", ""))

    @property
    def edited(self) -> bool:
        return any(name in self.changed_data for name in self.claim_field_names)


def value_from(claim: Claim, cleaned: dict) -> dict:
    """The claim's new ``value`` from the cleaned fields (keys the fields do not cover,
    such as a plot's text, are kept)."""
    v = dict(claim.value or {})
    v["season"] = cleaned.get("season") or None
    if claim.kind == "status":
        v["value"] = cleaned["status"]
        v["covers"] = cleaned.get("covers") or []
        v["final_season"] = cleaned.get("final_season") or None
    elif claim.kind == "prediction":
        v["about"], v["value"] = cleaned["about"], cleaned["prediction"].strip()
    else:
        for name in _kind_fields(claim.kind):
            value = cleaned.get(name)
            v[name] = value.strip() if isinstance(value, str) else value
    return v


def season_for(claim: Claim, number: int | None) -> Season | None:
    if not number:
        return None
    return Season.objects.filter(show_id=claim.show_id, number=number).first()


def _day_words(value: str) -> str:
    """2024-12-19 → 19 December 2024; 2024-12 → December 2024; 2024 → 2024."""
    return human_date(first_day(value), precision_of(value)) if value else "(no date)"


def claim_sentence(claim: Claim) -> str:
    """The claim as one line of plain English, e.g. "Season 6 premieres 19 December 2024";
    a sync's disagreement says whose version it is."""
    line = _sentence(claim)
    if (claim.value or {}).get("disagreement"):
        return f"{claim.source.publisher or 'Another source'}'s version: {line}"
    return line


def _sentence(claim: Claim) -> str:
    v = claim.value or {}
    n = v.get("season")
    season = f"Season {n}" if n else "The show"
    if claim.kind == "status":
        value = v.get("value", "")
        if value == "renewed":
            covers = v.get("covers") or []
            line = (f"Renewed: seasons {', '.join(map(str, covers))} ordered" if len(covers) > 1
                    else f"Renewed for season {n}" if n else "Renewed")
        elif value == "canceled":
            line = f"Canceled: no season {n}" if n else "Canceled"
        elif value == "ended":
            line = "Ending"
        else:
            line = f"Awaiting a decision on season {n}" if n else "Awaiting a decision"
        if v.get("final_season"):
            line += f"; season {v['final_season']} is the last"
        return line
    if claim.kind == "event":
        what = _EVENT_WORDS.get(v.get("event", ""), v.get("event", "").replace("_", " "))
        return f"{season} {what} {_day_words(v.get('date', ''))}"
    if claim.kind == "cast":
        character = v.get("character")
        return (f"{v.get('person', '')} plays {character}" if character
                else f"{v.get('person', '')} is in the cast") + (f" (season {n})" if n else "")
    if claim.kind == "statement":
        role = f", {v['role']}," if v.get("role") else ""
        stance = {"positive": "hopeful about", "negative": "doubtful about"}.get(
            v.get("stance"), "neutral on")
        return f"{v.get('speaker', '')}{role} is {stance} another season"
    if claim.kind == "prediction":
        value = v.get("value", "")
        if v.get("about") == "premiere":
            when = _day_words(value) if _PARTIAL_DATE.match(value or "") else value
            return f"Predicted: {season.lower() if not n else season} premieres {when}"
        return f"Predicted: {season.lower() if not n else season} will be {value}"
    if claim.kind == "plot":
        return f"{season} story summary" + (" (spoiler)" if v.get("spoiler") else "")
    return claim.get_kind_display()
