"""An in-memory view of shows and seasons for one ingest, so rows resolve without a query each.

Netflix names seasons inconsistently, so a chart row is matched to a season in
this order: the exact ``season_title`` seen before; else the number the title
carries, when the stored season used the same numbering word (a show's
"Season 1" and its later "Part 1" are different seasons); else a new season
numbered after the show's last one.
"""

from __future__ import annotations

from renewcast.catalog.lookup import free_slug, slug_for, title_key
from renewcast.catalog.models import Season, Show, ShowAlias
from renewcast.sources.seasons import parse_season_title

NOT_APPLICABLE = "N/A"


class CatalogView:
    def __init__(self) -> None:
        self.shows: dict[str, Show] = {}
        by_id = {}
        for show in Show.objects.all():
            self.shows.setdefault(title_key(show.title), show)
            by_id[show.pk] = show
        # titles merged into another show (anthology installments): key -> (show, offset)
        self.aliases: dict[str, tuple[Show, int]] = {
            key: (by_id[show_id], first - 1)
            for key, show_id, first in ShowAlias.objects.values_list("key", "show_id",
                                                                    "first_season")
            if show_id in by_id}
        self.slugs = set(Show.objects.values_list("slug", flat=True))
        self.seasons: dict[int, list[Season]] = {}
        for season in Season.objects.all():
            self.seasons.setdefault(season.show_id, []).append(season)
        self.new_shows: list[Show] = []
        self.new_seasons: list[Season] = []
        self.retitled: list[Season] = []

    # -- shows ---------------------------------------------------------------
    def show(self, title: str) -> Show | None:
        key = title_key(title)
        found = self.shows.get(key)
        if found is None and key in self.aliases:
            return self.aliases[key][0]
        return found

    def offset(self, title: str) -> int:
        """How far an alias's season numbers are shifted on its show (0 for a show's own)."""
        key = title_key(title)
        return 0 if key in self.shows else self.aliases.get(key, (None, 0))[1]

    def add_show(self, title: str, **fields) -> Show:
        """A new unsaved show; :meth:`save_new_shows` writes all of them at once."""
        slug = free_slug(slug_for(title), self.slugs.__contains__)
        self.slugs.add(slug)
        show = Show(title=title, slug=slug, **fields)
        self.shows[title_key(title)] = show
        self.new_shows.append(show)
        return show

    def save_new_shows(self) -> int:
        Show.objects.bulk_create(self.new_shows, batch_size=500)
        if any(s.pk is None for s in self.new_shows):  # backends that return no ids
            saved = {s.slug: s.pk for s in Show.objects.filter(slug__in=[s.slug for s in
                                                                             self.new_shows])}
            for show in self.new_shows:
                show.pk = saved[show.slug]
        count, self.new_shows = len(self.new_shows), []
        return count

    # -- seasons -------------------------------------------------------------
    def season_by_number(self, show: Show, number: int) -> Season:
        for season in self.seasons.get(show.pk, []):
            if season.number == number:
                return season
        return self._new_season(show, number, "", "")

    def season_for_chart(self, show: Show, season_title: str | None,
                         listed_as: str | None = None) -> Season:
        """``listed_as``: the show title the row gave, when it is an alias of ``show``."""
        title = season_title or NOT_APPLICABLE
        seasons = self.seasons.setdefault(show.pk, [])
        for season in seasons:
            if season.chart_title == title:
                return season
        offset = self.offset(listed_as) if listed_as else 0
        ref = parse_season_title(listed_as or show.title, season_title)
        if ref.number is not None:
            ref = type(ref)(ref.number + offset, ref.word, ref.label, ref.limited)
        label = "" if ref.label == f"Season {ref.number}" else ref.label
        if ref.number is not None:
            same = next((s for s in seasons if s.number == ref.number), None)
            if same is None:
                return self._new_season(show, ref.number, label, title)
            stored = parse_season_title(show.title, same.chart_title) if same.chart_title else None
            if stored is None or stored.word == ref.word:
                if not same.chart_title:
                    same.chart_title = title
                    self.retitled.append(same)
                return same
        number = max((s.number for s in seasons), default=0) + 1
        return self._new_season(show, number, label or ref.label, title)

    def _new_season(self, show: Show, number: int, label: str, chart_title: str) -> Season:
        season = Season(show=show, number=number, label=label, chart_title=chart_title)
        self.seasons.setdefault(show.pk, []).append(season)
        self.new_seasons.append(season)
        return season

    def save_new_seasons(self) -> int:
        Season.objects.bulk_create(self.new_seasons, batch_size=500)
        if any(s.pk is None for s in self.new_seasons):
            saved = {
                (s.show_id, s.number): s.pk
                for s in Season.objects.filter(show_id__in={s.show_id for s in self.new_seasons})
            }
            for season in self.new_seasons:
                season.pk = saved[(season.show_id, season.number)]
        if self.retitled:
            Season.objects.bulk_update(self.retitled, ["chart_title"], batch_size=500)
        count, self.new_seasons, self.retitled = len(self.new_seasons), [], []
        return count
