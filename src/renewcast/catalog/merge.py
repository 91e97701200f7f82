"""Merge two catalog shows into one: an anthology's installments become numbered seasons.

Netflix titles each installment of some anthologies as a new show (DAHMER → Monsters →
Monster: The Ed Gein Story). A fan asks about the franchise: will there be another one?
Merging moves every season of the other show (renumbered to follow the target's), with
everything that hangs off the show (events, claims, statements, comments, predictions,
follows, page views), then keeps the other title as a :class:`ShowAlias` so later
ingests of either title land on the merged show. One transaction: it merges whole or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max

from renewcast.catalog.models import Season, Show, ShowAlias
from renewcast.catalog.signals import bulk_writes
from renewcast.catalog.status import refresh_statuses

# Rows that name a season page by number rather than by a Season row.
_NUMBERED = (("community", "Comment"), ("community", "FanPrediction"),
             ("community", "PageView"))


class MergeError(Exception):
    """The merge cannot be done; the message is one line for an editor."""


@dataclass(frozen=True)
class Merged:
    show: Show
    moved_seasons: int
    first_season: int


def merge_shows(target: Show, other: Show, first_season: int | None = None) -> Merged:
    """Move ``other`` into ``target`` so its season 1 becomes ``first_season`` (default:
    right after the target's last season). ``other`` is deleted; its title becomes an alias."""
    if target.pk == other.pk:
        raise MergeError("a show cannot be merged into itself")
    last = target.seasons.aggregate(n=Max("number"))["n"] or 0
    first = first_season or last + 1
    offset = first - 1
    numbers = set(other.seasons.values_list("number", flat=True))
    clash = {n + offset for n in numbers} & set(target.seasons.values_list("number", flat=True))
    if clash:
        raise MergeError(f"{target.title} already has season(s) "
                         f"{', '.join(map(str, sorted(clash)))}; choose a later first season")
    try:
        with transaction.atomic(), bulk_writes():
            # Renumber from the top so the unique (show, number) never collides mid-way.
            for season in other.seasons.order_by("-number"):
                # an installment keeps its own name: "Monster: The Ed Gein Story"
                label = season.label or (other.title if len(numbers) == 1 else "")
                Season.objects.filter(pk=season.pk).update(
                    show=target, number=season.number + offset, label=label)
            for relation in other._meta.related_objects:
                model = relation.related_model
                if model is Season or model is ShowAlias or not relation.one_to_many:
                    continue
                rows = model.objects.filter(**{relation.field.name: other})
                if (model._meta.app_label, model.__name__) in _NUMBERED:
                    rows.filter(season_number__gt=0).update(
                        season_number=F("season_number") + offset)
                rows.update(**{relation.field.name: target})
            ShowAlias.objects.filter(show=other).update(show=target,
                                                        first_season=F("first_season") + offset)
            ShowAlias.objects.update_or_create(title=other.title, defaults={
                "show": target, "first_season": first})
            moved = len(numbers)
            other.delete()
            refresh_statuses([target.pk])
    except IntegrityError as exc:
        raise MergeError(f"cannot merge {other.title} into {target.title}: both have rows "
                         f"that must be unique ({str(exc).splitlines()[0][:120]})") from None
    return Merged(target, moved, first)


def apply_bundled_merges() -> list[Merged]:
    """The merges that ship with the data (``data/merges.csv``), applied once: a title that
    is already an alias is left alone, so running this again changes nothing."""
    import csv
    import io

    from renewcast.bootstrap import bundled_bytes
    from renewcast.catalog.lookup import find_show, free_slug, slug_for

    rows = list(csv.DictReader(io.StringIO(bundled_bytes("merges.csv").decode("utf-8"))))
    done = []
    for name in dict.fromkeys(r["show_title"] for r in rows):
        group = sorted((r for r in rows if r["show_title"] == name),
                       key=lambda r: int(r["first_season"]))
        target = Show.objects.filter(title=name).first()
        for row in group:
            if ShowAlias.objects.filter(title=row["listed_title"]).exists():
                continue
            listed = Show.objects.filter(title=row["listed_title"]).first() or find_show(
                row["listed_title"])
            if listed is None:
                continue
            if target is None:  # the first installment becomes the show, renamed
                ShowAlias.objects.create(title=listed.title, show=listed, first_season=1)
                listed.title = name
                listed.slug = free_slug(slug_for(name), lambda slug, pk=listed.pk: Show.objects
                                        .filter(slug=slug).exclude(pk=pk).exists())
                listed.save(update_fields=["title", "slug"])
                target = listed
                continue
            done.append(merge_shows(target, listed, int(row["first_season"])))
    return done
