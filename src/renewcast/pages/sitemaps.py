"""``/sitemap.xml`` and ``/robots.txt``: how search engines find every show and season page."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from renewcast.catalog.models import ClaimState, Event, EventKind, Show
from renewcast.forecast.history import CHART_DELAY
from renewcast.pages.site import absolute


class _Sitemap(Sitemap):
    """Locations on ``RENEWCAST_SITE_URL`` when it is set, like every other absolute link."""

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc if settings.SITE_URL else super().get_domain(site)

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme if settings.SITE_URL else super().get_protocol(
            protocol)


class ShowSitemap(_Sitemap):
    changefreq = "weekly"
    limit = 10_000

    def items(self):
        return Show.objects.listed().order_by("slug")

    def lastmod(self, show):
        return show.updated_at


class SeasonSitemap(_Sitemap):
    """Every season's page and the next, unreleased one ("will there be a season N?")."""

    changefreq = "weekly"
    limit = 10_000

    def items(self):
        today = timezone.localdate()
        out_by = Q(seasons__chart_weeks__week__lte=today - CHART_DELAY) | Q(
            seasons__premiere_date__lte=today)
        last = dict(Show.objects.listed().annotate(n=Max("seasons__number"))
                    .values_list("slug", "n"))
        released = (Show.objects.listed().filter(out_by).annotate(n=Max("seasons__number"))
                    .values_list("slug", "n"))
        # As on the pages (season_page.released_number): a season a renewal or
        # cancellation followed was out, charted or not.
        decided = (Event.objects.filter(kind__in=[EventKind.RENEWAL, EventKind.CANCELLATION],
                                        claim__state=ClaimState.CONFIRMED, date__lte=today,
                                        season__isnull=False)
                   .values_list("show__slug").annotate(n=Max("season__number")))
        for slug, number in [*released, *decided]:
            last[slug] = max(last[slug] or 0, number + 1)
        return [(slug, n) for slug, top in sorted(last.items()) for n in range(1, (top or 0) + 1)]

    def location(self, item):
        return reverse("season", args=item)


class PageSitemap(_Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "forecasts"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "shows": ShowSitemap, "seasons": SeasonSitemap}


def robots(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "Allow: /",
             f"Sitemap: {absolute(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
