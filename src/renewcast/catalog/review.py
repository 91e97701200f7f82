"""An editor's decision on a claim, and the facts that follow from it.

A claim read from an article is only a proposal; confirming it is what puts its
fact on the show's page: a decision or production :class:`Event`, a
:class:`Statement`, a :class:`Credit`. Rejecting it (or setting it back to
proposed) takes that fact away again. Predictions and plot summaries are facts in
themselves, shown from the confirmed claim. Every review path (the admin's bulk
actions, its edit form, the API) goes through :func:`review`, so the two never
disagree.

A catalog sync (TVmaze) that disagrees with a confirmed claim proposes its own version
instead of overwriting ours; confirming that proposal is the editor taking the other
version (:func:`_take_other_version`), rejecting it keeps ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from renewcast.catalog.lookup import slug_for
from renewcast.catalog.models import (
    Claim,
    ClaimState,
    Credit,
    Event,
    EventKind,
    Person,
    Precision,
    Season,
    Show,
    Statement,
)
from renewcast.catalog.signals import bulk_writes
from renewcast.catalog.status import refresh_statuses
from renewcast.sources.articles.dates import first_day, precision_of

_DECISION = {"renewed": EventKind.RENEWAL, "canceled": EventKind.CANCELLATION,
             "ended": EventKind.ENDING}


def review(claims: Iterable[Claim], state: str, user=None) -> int:
    """Set ``state`` on ``claims`` and bring their facts in line; returns how many changed."""
    changed, shows = 0, set()
    with transaction.atomic(), bulk_writes():
        for claim in claims:
            claim.state = state
            claim.reviewed_at = timezone.now()
            claim.reviewed_by = user if user is not None and user.is_authenticated else None
            claim.save(update_fields=["state", "reviewed_at", "reviewed_by"])
            apply(claim)
            changed += 1
            shows.add(claim.show_id)
        if state == ClaimState.CONFIRMED and shows:
            # a show first met in an article goes public with its first confirmed fact
            Show.objects.filter(pk__in=shows, listed=False).update(listed=True)
    refresh_statuses(shows)
    return changed


def apply(claim: Claim) -> None:
    """Create the facts a confirmed article claim stands for, or remove them otherwise."""
    if (claim.value or {}).get("disagreement"):
        _take_other_version(claim)
        return
    if claim.start is None:  # not read from an article (e.g. the outcomes file): facts are its own
        return
    if claim.state != ClaimState.CONFIRMED:
        claim.events.all().delete()
        claim.statements.all().delete()
        claim.credits.all().delete()
        return
    v = claim.value
    if claim.kind == "status" and v.get("value") in _DECISION:
        _event(claim, _DECISION[v["value"]], _claim_day(claim), "day")
    elif claim.kind == "event" and v.get("date"):
        kind = {"renewal": EventKind.RENEWAL, "cancellation": EventKind.CANCELLATION}.get(
            v["event"], v["event"])
        _event(claim, kind, first_day(v["date"]), precision_of(v["date"]))
    elif claim.kind == "statement" and not claim.statements.exists():
        Statement.objects.create(
            show_id=claim.show_id, season=_season(claim, v.get("season"), create=False),
            person=_person(v["speaker"]), speaker=v["speaker"], speaker_role=v.get("role") or "",
            quote=claim.quote, said_on=_day_or_none(v.get("date")),
            stance=v.get("stance") or "neutral", claim=claim)
    elif claim.kind == "cast" and not claim.credits.exists():
        season = _season(claim, v.get("season"), create=True)
        person = _person(v["person"])
        Credit.objects.get_or_create(
            person=person, season=season, character=v.get("character") or "", job="",
            defaults={"source": claim.source, "claim": claim, "true_on": _claim_day(claim)})


def _take_other_version(claim: Claim) -> None:
    """A confirmed disagreement: its premiere date or character replaces the claim it
    disagreed with (which is rejected); its status is a decision after the confirmed one,
    which stays true of its time (a renewed show can end, a canceled one be revived).
    Unconfirming it takes its facts away; the replaced claim is not restored by itself."""
    if claim.state != ClaimState.CONFIRMED:
        claim.events.all().delete()
        return
    v = claim.value
    if claim.kind == "status":
        kind = EventKind.ENDING if v.get("value") == "ended" else EventKind.RENEWAL
        _event(claim, kind, _claim_day(claim), Precision.DAY)
        return
    replaced = Claim.objects.filter(pk=v.get("disagrees_with"), show_id=claim.show_id,
                                    state=ClaimState.CONFIRMED).first()
    if replaced is not None:
        replaced.state, replaced.reviewed_at = ClaimState.REJECTED, claim.reviewed_at
        replaced.reviewed_by = claim.reviewed_by
        replaced.save(update_fields=["state", "reviewed_at", "reviewed_by"])
        apply(replaced)
    if claim.kind == "event" and v.get("date"):
        day = dt.date.fromisoformat(v["date"])
        _event(claim, EventKind.PREMIERE, day, Precision.DAY)
        season = _season(claim, v.get("season"), create=True)
        if (season.premiere_date, season.premiere_source_id) != (day, claim.source_id):
            season.premiere_date, season.premiere_source_id = day, claim.source_id
            season.save(update_fields=["premiere_date", "premiere_source"])
    # a cast disagreement needs nothing more: the sync already credits TVmaze's character


def _event(claim: Claim, kind: str, day: dt.date, precision: str) -> None:
    number = claim.value.get("season")
    if kind in (EventKind.RENEWAL, EventKind.CANCELLATION):
        # a decision hangs off the released season it follows
        number = number - 1 if number and number > 1 else number
    season = _season(claim, number, create=True)
    if claim.events.exists() or Event.objects.filter(
            show_id=claim.show_id, season=season, kind=kind, claim__source_id=claim.source_id,
            claim__state=ClaimState.CONFIRMED).exists():
        return  # the same decision confirmed from another claim of this article
    v = claim.value or {}
    Event.objects.create(show_id=claim.show_id, season=season, kind=kind, date=day,
                         precision=precision, claim=claim,
                         covers=[int(n) for n in v.get("covers") or [] if str(n).isdigit()],
                         final_season=v.get("final_season") or None)


def _season(claim: Claim, number: int | None, *, create: bool) -> Season | None:
    if not number:
        return claim.season or Season.objects.filter(show_id=claim.show_id).order_by(
            "-number").first()
    if create:
        return Season.objects.get_or_create(show_id=claim.show_id, number=number)[0]
    return Season.objects.filter(show_id=claim.show_id, number=number).first()


def _person(name: str) -> Person:
    slug = slug_for(name)
    return Person.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def _claim_day(claim: Claim) -> dt.date:
    """When the claim was true: its own date, else its source's publication or retrieval."""
    if claim.true_on:
        return claim.true_on
    source = claim.source
    moment = source.published_at or source.retrieved_at or claim.created_at
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _day_or_none(value: str | None) -> dt.date | None:
    return first_day(value) if value and len(value) == 10 else None
