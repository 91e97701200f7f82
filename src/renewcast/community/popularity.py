"""What readers are reading: "Most popular" (views, older ones weighing less) and "Trending"
(views rising fastest against the page's own usual).

A plain count of views would keep last month's big decision at the top for weeks, and a
plain "views today" would let a show that is always busy hide one that suddenly matters,
so each list has its own formula (docs/popularity.md):

- most popular: the views of the last 7 days, each hour's weighing 0.5^(age in hours / 24),
  so a view counts half as much each day;
- trending: (views in the last 24 h + 5) / (daily average of the 6 days before + 5), with
  at least 10 views in the last 24 h, and only pages above 1 (rising). The 5 keeps a page
  going from 1 view a day to 12 from outranking one going from 400 a day to 2,000.

The arithmetic is small pure functions over plain numbers and (hour, count) pairs, so
it is tested without a database. The query layer below has the database add up each
page's rows (the same sums, in one query, so the week's rows never come into Python) and
ranks the pages with those functions.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import DateTimeField, ExpressionWrapper, F, FloatField, Func, Q, Sum, Value
from django.db.models.functions import Power
from django.urls import reverse
from django.utils import timezone

from renewcast.catalog.models import Show
from renewcast.community.models import PageView

LIMIT = 8
WINDOW = timedelta(days=7)
RECENT = timedelta(days=1)
BASELINE_DAYS = 6
HALF_LIFE_HOURS = 24.0
SMOOTHING = 5.0
MIN_RECENT = 10

PageKey = tuple[int, int]  # (show id, season number; 0 for the show page)

_memo_lock = threading.Lock()
_memo: dict = {"seconds": 0.0, "key": None, "lists": None}


# --- arithmetic ------------------------------------------------------------------------

def in_window(hour: datetime, now: datetime) -> bool:
    return now - WINDOW < hour <= now


def is_recent(hour: datetime, now: datetime) -> bool:
    return now - RECENT < hour <= now


def weight(hour: datetime, now: datetime) -> float:
    age_hours = (now - hour).total_seconds() / 3600
    return 0.5 ** (age_hours / HALF_LIFE_HOURS)


def decayed_views(hour_counts: Iterable[tuple[datetime, int]], now: datetime) -> float:
    """The most-popular score: the window's views, each weighed by its age."""
    return sum(count * weight(hour, now) for hour, count in hour_counts if in_window(hour, now))


def split_views(hour_counts: Iterable[tuple[datetime, int]],
                now: datetime) -> tuple[int, int]:
    """(views in the last 24 hours, views in the 6 days before them)."""
    recent = before = 0
    for hour, count in hour_counts:
        if is_recent(hour, now):
            recent += count
        elif in_window(hour, now):
            before += count
    return recent, before


def trend(recent: int, before: int) -> float | None:
    """How many times its usual daily views a page had in the last day, if it is rising."""
    if recent < MIN_RECENT:
        return None
    score = (recent + SMOOTHING) / (before / BASELINE_DAYS + SMOOTHING)
    return score if score > 1 else None


def rise_text(recent: int, before: int) -> str:
    """The trend as readers see it: "+45%", "×3.2", or "new" if it had no views before."""
    score = trend(recent, before)
    if score is None:
        return ""
    if before == 0:
        return "new"
    if score < 2:
        return f"+{round((score - 1) * 100)}%"
    return f"×{score:.1f}" if score < 10 else f"×{score:.0f}"


def ranked(scores: dict[PageKey, float], limit: int) -> list[PageKey]:
    """The ``limit`` best pages, highest score first (ties in a fixed order)."""
    return sorted(scores, key=lambda page: (-scores[page], page))[:limit]


# --- the query layer -------------------------------------------------------------------

@dataclass(frozen=True)
class PopularPage:
    show: Show
    season_number: int
    url: str
    label: str
    views: int  # in the last 24 hours
    score: float
    rise: str = ""  # trending only


def most_popular(now: datetime, limit: int = LIMIT) -> list[PopularPage]:
    return popular_lists(now, limit)[0]


def trending(now: datetime, limit: int = LIMIT) -> list[PopularPage]:
    return popular_lists(now, limit)[1]


def popular_lists(now: datetime,
                  limit: int = LIMIT) -> tuple[list[PopularPage], list[PopularPage]]:
    """(most popular, trending) as of ``now``, from one query over the week's views."""
    pages = _pages(now)
    popular = ranked({page: decayed for page, (_, _, decayed) in pages.items()}, limit)
    rising = {page: score for page, (recent, before, _) in pages.items()
              if (score := trend(recent, before)) is not None}
    rising_pages = ranked(rising, limit)
    shows = Show.objects.in_bulk({show_id for show_id, _ in [*popular, *rising_pages]})

    def rows(chosen: list[PageKey], rising: bool) -> list[PopularPage]:
        # A show deleted since the views were read has taken its views with it.
        return [_row(shows[page[0]], page[1], *pages[page], rising) for page in chosen
                if page[0] in shows]

    return rows(popular, False), rows(rising_pages, True)


def remember_for(seconds: float) -> None:
    """Let :func:`current_lists` reuse its lists within each ``seconds`` of the clock."""
    with _memo_lock:
        _memo.update(seconds=seconds, key=None, lists=None)


def current_lists(limit: int = LIMIT) -> tuple[list[PopularPage], list[PopularPage]]:
    """(most popular, trending) for a page being rendered now.

    A serving process (see ``renewcast.wsgi``) computes them once per five-minute clock,
    the clock on which the page cache re-renders every page anyway, instead of once per
    page: on a busy site the query reads a week of hourly rows. Elsewhere (tests,
    commands) every call computes them.
    """
    now = timezone.now()
    seconds = _memo["seconds"]
    if seconds <= 0:
        return popular_lists(now, limit)
    key = (int(now.timestamp() // seconds), limit)
    with _memo_lock:  # held while computing, so pages re-rendered together wait for one
        if _memo["key"] != key:
            lists = popular_lists(now, limit)
            if not any(lists):
                return lists  # a new site: cheap to ask again, and the first views show
            _memo.update(key=key, lists=lists)
        return _memo["lists"]


class HoursSince(Func):
    """Hours from a datetime column up to ``moment``, as a float (SQLite and PostgreSQL)."""

    output_field = FloatField()

    def __init__(self, moment: datetime, column: str):
        super().__init__(Value(moment, output_field=DateTimeField()), F(column))

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="((julianday(%(expressions)s)) * 24.0)",
                           arg_joiner=") - julianday(", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection,
                           template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 3600.0)",
                           arg_joiner=" - ", **extra)


def _pages(now: datetime) -> dict[PageKey, tuple[int, int, float]]:
    """Per page with views in the window: (views in the last 24 h, in the 6 days before,
    the decayed score), all summed by the database, which is where the rows are."""
    weight = Power(Value(0.5), HoursSince(now, "hour") / Value(HALF_LIFE_HOURS))
    rows = (PageView.objects.filter(hour__gt=now - WINDOW, hour__lte=now)
            .values("show_id", "season_number")
            .annotate(recent=Sum("count", filter=Q(hour__gt=now - RECENT)), total=Sum("count"),
                      decayed=Sum(ExpressionWrapper(F("count") * weight,
                                                    output_field=FloatField()))))
    return {(r["show_id"], r["season_number"]): (r["recent"] or 0,
                                                 r["total"] - (r["recent"] or 0),
                                                 float(r["decayed"]))
            for r in rows}


def _row(show: Show, number: int, recent: int, before: int, decayed: float,
         rising: bool) -> PopularPage:
    if number:
        url = reverse("season", args=[show.slug, number])
        label = f"{show.title} season {number}"
    else:
        url, label = show.get_absolute_url(), show.title
    if rising:
        return PopularPage(show, number, url, label, recent, trend(recent, before),
                           rise_text(recent, before))
    return PopularPage(show, number, url, label, recent, decayed)
