"""Write one TVmaze show into the catalog, changing only what differs.

TVmaze is the source of every fact written here: the show's platform, its seasons'
premiere and finale dates, episodes and credits all point at one :class:`Source` per
TVmaze show. Facts another source put in (an editor's premiere date, a confirmed
claim) are never overwritten: where TVmaze disagrees with a confirmed claim, a
proposed claim describing the disagreement goes to the editors' review queue, once.

Every write compares first, so syncing the same answer twice writes nothing; the
caller refreshes the statuses of the shows it touched.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from renewcast.catalog.lookup import find_show, free_slug, slug_for
from renewcast.catalog.models import (
    Claim,
    ClaimKind,
    ClaimState,
    Credit,
    Episode,
    Event,
    EventKind,
    Kind,
    Person,
    Season,
    Show,
    Source,
    Status,
    Tier,
)
from renewcast.catalog.signals import bulk_writes
from renewcast.catalog.status import refresh_statuses
from renewcast.numbers import at_precision
from renewcast.sources.tvmaze import TvShow

PUBLISHER = "TVmaze"
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")
_KIND = {"scripted": Kind.SCRIPTED, "reality": Kind.REALITY, "documentary": Kind.DOCUSERIES,
         "animation": Kind.ANIMATION}


@dataclass
class ShowSync:
    """What one show's sync did: ``changes`` names each kind of row written."""

    show: Show
    created: bool = False
    changes: dict[str, int] = field(default_factory=dict)
    disagreements: int = 0

    def count(self, what: str, n: int = 1) -> None:
        if n:
            self.changes[what] = self.changes.get(what, 0) + n

    @property
    def changed(self) -> bool:
        return self.created or bool(self.changes)


def sync_show(tv: TvShow, *, show: Show | None = None, now: dt.datetime) -> ShowSync:
    """Add or update the catalog's copy of ``tv`` (``show`` forces which catalog show)."""
    with transaction.atomic(), bulk_writes():
        source = _source(tv, now)
        show = show or _match(tv)
        result = ShowSync(show=show) if show else ShowSync(show=_new_show(tv, source),
                                                           created=True)
        show = result.show
        _show_fields(show, tv, source, result)
        seasons = _seasons(show, tv, source, result)
        _episodes(show, tv, seasons, source, result)
        _credits(tv, seasons, source, now.date(), result)
        refresh_statuses([show.pk])  # new premiere dates can change which season is out
        _disagreements(show, tv, seasons, source, now.date(), result)
        if result.changed:  # the site's and the forecaster's change stamp read it
            Show.objects.filter(pk=show.pk).update(updated_at=timezone.now())
        if result.changed and source.retrieved_at != now:
            source.retrieved_at = now
            source.save(update_fields=["retrieved_at"])
    return result


def source_url(tv: TvShow) -> str:
    """The show's TVmaze page by id alone: the slugged address changes when TVmaze renames
    the show, and the facts must stay TVmaze's own across a rename."""
    return f"https://www.tvmaze.com/shows/{tv.tvmaze_id}"


def _source(tv: TvShow, now: dt.datetime) -> Source:
    source, _ = Source.objects.get_or_create(
        url=source_url(tv),
        defaults={"publisher": PUBLISHER, "title": f"{tv.name} on TVmaze", "tier": Tier.FAN,
                  "retrieved_at": now},
    )
    return source


def _match(tv: TvShow) -> Show | None:
    """The catalog's show for ``tv``: by TVmaze id, then IMDb id, then exact title."""
    show = Show.objects.filter(tvmaze_id=tv.tvmaze_id).first()
    if show is None and tv.imdb_id:
        show = Show.objects.filter(imdb_id=tv.imdb_id, tvmaze_id__isnull=True).first()
    for name in (tv.name, _PARENTHETICAL.sub("", tv.name)):  # "The Office (US)", "X (2022)"
        if show is None and name:
            found = find_show(name)
            if found is not None and found.tvmaze_id is None:
                show = found
    return show


def _new_show(tv: TvShow, source: Source) -> Show:
    slug = free_slug(slug_for(tv.name)[:280], lambda s: Show.objects.filter(slug=s).exists())
    return Show.objects.create(title=tv.name[:300], slug=slug, platform=tv.platform or "",
                               platform_source=source if tv.platform else None)


def _kind(tv: TvShow) -> str:
    if tv.kind.lower() == "animation" and tv.language == "Japanese":
        return Kind.ANIME
    return _KIND.get(tv.kind.lower(), "")


def _show_fields(show: Show, tv: TvShow, source: Source, result: ShowSync) -> None:
    wanted = {"tvmaze_id": tv.tvmaze_id, "tvmaze_updated": tv.updated}
    if tv.imdb_id:
        wanted["imdb_id"] = tv.imdb_id
    # TVmaze fills what nobody else has said; a value from another source stays.
    if tv.platform and (not show.platform or show.platform_source_id == source.pk
                        or show.platform == tv.platform):
        wanted["platform"] = tv.platform
        wanted["platform_source_id"] = source.pk
    if not show.kind and _kind(tv):
        wanted["kind"] = _kind(tv)
    if not show.language and tv.language:
        wanted["language"] = tv.language
    result.count("show fields", _save_changes(show, wanted, also=("updated_at",)))


def _seasons(show: Show, tv: TvShow, source: Source, result: ShowSync) -> dict[int, Season]:
    stored = {s.number: s for s in Season.objects.filter(show=show)}
    for tv_season in tv.seasons:
        if tv_season.number < 1:
            continue
        season = stored.get(tv_season.number)
        if season is None:
            season = Season.objects.create(show=show, number=tv_season.number)
            stored[season.number] = season
            result.count("seasons added")
        wanted = {"tvmaze_id": tv_season.tvmaze_id, "episode_order": tv_season.episode_order}
        owns_premiere = season.premiere_date is None or season.premiere_source_id == source.pk
        if owns_premiere and tv_season.premiere_date:
            wanted |= {"premiere_date": tv_season.premiere_date, "premiere_source_id": source.pk}
        elif owns_premiere and season.premiere_source_id == source.pk:
            wanted |= {"premiere_date": None, "premiere_source_id": None}  # TVmaze dropped it
        if season.finale_date is None or season.finale_source_id == source.pk:
            wanted |= {"finale_date": tv_season.end_date,
                       "finale_source_id": source.pk if tv_season.end_date else None}
        if season.tvmaze_id != tv_season.tvmaze_id:
            # another catalog row may hold this TVmaze id (a renumbered season): it lets go
            Season.objects.filter(tvmaze_id=tv_season.tvmaze_id).exclude(pk=season.pk).update(
                tvmaze_id=None)
        result.count("season facts", _save_changes(season, wanted))
    return stored


def _save_changes(row, wanted: dict, also: tuple[str, ...] = ()) -> int:
    """Set and save (with ``also``) the fields of ``row`` that differ from ``wanted``;
    returns how many differed, so a sync with nothing new writes nothing."""
    changed = [name for name, value in wanted.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, wanted[name])
        row.save(update_fields=[*changed, *also])
    return len(changed)


def _episodes(show: Show, tv: TvShow, seasons: dict[int, Season], source: Source,
              result: ShowSync) -> None:
    stored = {e.tvmaze_id: e for e in Episode.objects.filter(season__show=show, source=source)}
    fields = ("season_id", "number", "title", "airdate", "runtime", "special")
    new, changed = [], []
    for ep in tv.episodes:
        season = seasons.get(ep.season)
        if season is None:  # an episode of a season TVmaze does not list
            continue
        wanted = (season.pk, ep.number, ep.name[:300], ep.airdate, ep.runtime, ep.special)
        row = stored.pop(ep.tvmaze_id, None)
        if row is None:
            new.append(Episode(tvmaze_id=ep.tvmaze_id, source=source,
                               **dict(zip(fields, wanted, strict=True))))
        elif tuple(getattr(row, f) for f in fields) != wanted:
            for name, value in zip(fields, wanted, strict=True):
                setattr(row, name, value)
            changed.append(row)
    Episode.objects.filter(tvmaze_id__in=[e.tvmaze_id for e in new]).delete()  # moved shows
    Episode.objects.bulk_create(new, batch_size=500)
    Episode.objects.bulk_update(changed, fields, batch_size=500)
    if stored:  # gone from TVmaze's list
        Episode.objects.filter(pk__in=[e.pk for e in stored.values()]).delete()
    result.count("episodes added", len(new))
    result.count("episodes updated", len(changed))
    result.count("episodes removed", len(stored))


def _credit_season(tv: TvShow, seasons: dict[int, Season], today: dt.date) -> Season | None:
    """TVmaze lists the show's cast as it is now: it belongs to the latest season that
    has begun (or, before any has, the first announced one)."""
    begun = [s.number for s in tv.seasons if s.premiere_date and s.premiere_date <= today]
    aired = [e.season for e in tv.episodes if e.airdate and e.airdate <= today]
    number = max(begun + aired, default=min((s.number for s in tv.seasons if s.number > 0),
                                            default=None))
    return seasons.get(number) if number is not None else None


def _credits(tv: TvShow, seasons: dict[int, Season], source: Source, today: dt.date,
             result: ShowSync) -> None:
    season = _credit_season(tv, seasons, today)
    if season is None:
        return
    wanted: dict[tuple[int, str, str], None] = {}
    people = _people([r.person for r in tv.cast] + [r.person for r in tv.crew])
    for role in tv.cast:
        wanted[(people[role.person.tvmaze_id].pk, role.character[:200], "")] = None
    for role in tv.crew:
        wanted[(people[role.person.tvmaze_id].pk, "", role.job[:100] or "crew")] = None
    stored = {(c.person_id, c.character, c.job): c for c in Credit.objects.filter(season=season)}
    missing = [key for key in wanted if key not in stored]
    Credit.objects.bulk_create(
        [Credit(person_id=p, season=season, character=ch, job=job, source=source, true_on=today)
         for p, ch, job in missing], batch_size=500, ignore_conflicts=True)
    gone = [c.pk for key, c in stored.items()
            if key not in wanted and c.source_id == source.pk and c.claim_id is None]
    Credit.objects.filter(pk__in=gone).delete()
    result.count("credits added", len(missing))
    result.count("credits removed", len(gone))


def _people(persons) -> dict[int, Person]:
    """Catalog people for TVmaze people: by TVmaze id, else an unlinked same-name person,
    else a new person (a few queries for the whole cast, not a few per person)."""
    wanted = {p.tvmaze_id: p for p in persons}
    found = {p.tvmaze_id: p for p in Person.objects.filter(tvmaze_id__in=list(wanted))}
    missing = {i: slug_for(p.name)[:180] for i, p in wanted.items() if i not in found}
    if not missing:
        return found
    candidates = [f"{base}-{n}" if n > 1 else base for base in missing.values()
                  for n in range(1, 6)]
    taken = {p.slug: p for p in Person.objects.filter(slug__in=candidates)}
    checked = set(candidates)

    def in_use(slug: str) -> bool:
        return slug in taken or (slug not in checked
                                 and Person.objects.filter(slug=slug).exists())

    new = []
    for tv_id, base in missing.items():
        same = taken.get(base)
        if same is not None and same.tvmaze_id is None:  # named before, by an article
            same.tvmaze_id = tv_id
            same.save(update_fields=["tvmaze_id"])
            found[tv_id] = same
            continue
        slug = free_slug(base, in_use)
        person = Person(name=wanted[tv_id].name[:200], slug=slug, tvmaze_id=tv_id)
        taken[slug] = person
        new.append(person)
        found[tv_id] = person
    Person.objects.bulk_create(new, batch_size=500)
    if any(p.pk is None for p in new):  # backends that return no ids
        ids = dict(Person.objects.filter(tvmaze_id__in=[p.tvmaze_id for p in new])
                   .values_list("tvmaze_id", "pk"))
        for person in new:
            person.pk = ids[person.tvmaze_id]
    return found


# -- disagreements with confirmed claims ---------------------------------------------------

def _disagreements(show: Show, tv: TvShow, seasons: dict[int, Season], source: Source,
                   today: dt.date, result: ShowSync) -> None:
    by_number = {s.number: s for s in tv.seasons}
    # (a "date announced" event is dated by the announcement, not by the premiere)
    premieres = Event.objects.filter(
        show=show, kind=EventKind.PREMIERE,
        claim__state=ClaimState.CONFIRMED).select_related("season", "claim__source")
    for event in premieres:
        tv_season = by_number.get(event.season.number) if event.season else None
        if tv_season is None or tv_season.premiere_date is None:
            continue
        known_to = event.precision
        if at_precision(event.date, known_to) != at_precision(tv_season.premiere_date, known_to):
            result.disagreements += _propose(
                show, event.season, source, ClaimKind.EVENT, event.claim,
                {"event": "premiere", "season": event.season.number,
                 "date": tv_season.premiere_date.isoformat()}, today,
                f"TVmaze lists {event.season.display_label} as premiering on "
                f"{tv_season.premiere_date.isoformat()}; the confirmed claim from "
                f"{event.claim.source.publisher or event.claim.source} says "
                f"{event.date.isoformat()} ({event.precision}).")
    _status_disagreement(show, tv, source, today, result)
    _cast_disagreements(show, tv, _credit_season(tv, seasons, today), source, today, result)


def _status_disagreement(show: Show, tv: TvShow, source: Source, today: dt.date,
                         result: ShowSync) -> None:
    show.refresh_from_db(fields=["status", "status_event"])
    event = show.status_event
    if event is None or event.claim.state != ClaimState.CONFIRMED:
        return
    latest = max((s.number for s in tv.seasons), default=0)
    decided = event.season.number if event.season else 0
    if show.status == Status.RENEWED and tv.status == "Ended" and latest <= decided:
        says = f"TVmaze marks {show.title} as ended after season {latest}"
    elif show.status in (Status.CANCELED, Status.ENDED) and latest > decided and any(
            s.number > decided and s.premiere_date for s in tv.seasons):
        says = f"TVmaze lists a season {latest} for {show.title}"
    else:
        return
    result.disagreements += _propose(
        show, event.season, source, ClaimKind.STATUS, event.claim,
        {"value": "ended" if tv.status == "Ended" else "renewed", "season": latest,
         "tvmaze_status": tv.status}, today,
        f"{says}; the confirmed claim says {show.get_status_display()} "
        f"({event.date.isoformat()}).")


def _cast_disagreements(show: Show, tv: TvShow, season: Season | None, source: Source,
                        today: dt.date, result: ShowSync) -> None:
    """A confirmed cast claim for the season TVmaze's cast is credited to, giving a person
    none of the characters TVmaze has them play (earlier seasons may have been recast)."""
    if season is None:
        return
    people = dict(Person.objects.filter(tvmaze_id__in=[r.person.tvmaze_id for r in tv.cast])
                  .values_list("tvmaze_id", "pk"))
    playing: dict[int, set[str]] = {}
    for role in tv.cast:
        if role.character and role.person.tvmaze_id in people:
            playing.setdefault(people[role.person.tvmaze_id], set()).add(slug_for(role.character))
    for credit in Credit.objects.filter(season=season, claim__state=ClaimState.CONFIRMED,
                                        job="").select_related("person", "claim"):
        theirs = playing.get(credit.person_id)
        if theirs and credit.character and slug_for(credit.character) not in theirs:
            names = sorted(r.character for r in tv.cast
                           if people.get(r.person.tvmaze_id) == credit.person_id)
            result.disagreements += _propose(
                show, season, source, ClaimKind.CAST, credit.claim,
                {"person": credit.person.name, "character": " / ".join(names),
                 "season": season.number}, today,
                f"TVmaze lists {credit.person.name} as {' and '.join(names)}; the confirmed "
                f"claim says {credit.character}.")


def _propose(show, season, source, kind, confirmed: Claim, value: dict, today: dt.date,
             quote: str) -> int:
    """A proposed claim saying TVmaze disagrees, unless this one was raised before; dated
    today, the day TVmaze was seen saying so (confirming it takes TVmaze's version, see
    :mod:`renewcast.catalog.review`)."""
    key = f"tvmaze:{confirmed.pk}:{kind}:{sorted(value.items())}"
    if Claim.objects.filter(show=show, source=source, value__disagreement=key).exists():
        return 0  # pending, or an editor already answered it
    Claim.objects.create(
        show=show, season=season, kind=kind, source=source, quote=quote, confidence=0.5,
        state=ClaimState.PROPOSED, true_on=today,
        value={**value, "disagreement": key, "disagrees_with": confirmed.pk})
    return 1
