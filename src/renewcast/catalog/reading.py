"""The article reader with the catalog's knowledge: its titles, names and seasons.

:mod:`renewcast.sources.articles` knows nothing about the database; this module
hands it the show titles to look for, the names the catalog already credits (so a
misspelt character is corrected toward them) and the season each show is waiting
for (for articles that never say which season they mean).
"""

from __future__ import annotations

from django.utils import timezone

from renewcast.catalog.forecasting import released_season
from renewcast.catalog.lookup import did_you_mean, find_show
from renewcast.catalog.models import Credit, Season, Show
from renewcast.sources.articles.document import Article
from renewcast.sources.articles.reading import Reading, identify_shows, read_claims
from renewcast.sources.errors import SourceError
from renewcast.sources.titles import title_key


def read_for_catalog(article: Article, *, show_title: str | None = None,
                     error: type[Exception] = SourceError,
                     titles: list[str] | None = None, new_show: bool = False) -> Reading:
    """The reader's claims, about the catalog's show; ``titles`` spares a caller that reads
    many articles (the news desk) a query of every title per article. With ``new_show``, a
    ``show_title`` the catalog lacks is read as a new show (stored unlisted, see
    :func:`renewcast.catalog.ingest.articles.store_reading`)."""
    if titles is None:
        titles = list(Show.objects.values_list("title", flat=True))
    if show_title and new_show and find_show(show_title) is None:
        title = " ".join(show_title.replace("\x00", "").split())[:300]
        if not title_key(title):
            raise error(f"{show_title!r} cannot be a show's title: it has no letters or digits")
        found = identify_shows(article, [*titles, title])
        return read_claims(article, [*titles, title], show=title,
                           shows=[title, *[t for t in found if t != title]],
                           known_names=[], next_season=lambda _title: None)
    found = identify_shows(article, titles)
    if show_title:
        show = find_show(show_title)
        if show is None:
            raise error(f"no show named {show_title!r} in the catalog"
                        f"{did_you_mean(show_title)}; to read it as a show the catalog does "
                        "not have yet, say it is a new show")
        main = show.title
    else:
        if not found:
            try:  # the headline's show, a new one (see sources.articles.headline_show)
                return read_claims(article, titles, shows=[], known_names=[])
            except SourceError:
                raise error("the article names no show in the catalog; "
                            "name the show it is about with --show TITLE") from None
        main = found[0]
    known = Credit.objects.filter(season__show__title=main).values_list(
        "person__name", "character")
    names = [n for pair in known for n in pair if n]
    return read_claims(article, titles, show=main, shows=found, known_names=names,
                       next_season=next_season)


def next_season(title: str) -> int | None:
    """The season after the latest one out (see :func:`released_season`)."""
    seasons = Season.objects.filter(show__title=title).order_by("number").prefetch_related(
        "chart_weeks")
    latest = released_season(seasons, timezone.localdate())
    return latest.number + 1 if latest else None
