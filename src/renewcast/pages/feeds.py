"""Atom feeds: decisions site-wide at ``/feed.atom``; a show's change log beside its page.

Fans and newsrooms follow a show in a feed reader instead of checking back. Each entry
is a change-log line, so the feed says exactly what the page's "Change log" says, with
an id that stays the same across renders (feed readers dedupe on it) and its source.
"""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from renewcast.pages.changes import Change, show_changes, site_decisions
from renewcast.pages.season_page import load_seasons, load_show
from renewcast.pages.site import public

LIMIT = 50


class _ChangeFeed(Feed):
    feed_type = Atom1Feed
    author_name = "renewcast"

    def item_title(self, item: Change) -> str:
        return item.text

    def item_description(self, item: Change) -> str:
        # Django writes this as Atom's <summary type="html">: HTML once a feed reader has
        # read the XML, so titles and publishers' names (text from outside) are escaped
        where = item.source.publisher or str(item.source) if item.source else ""
        return escape(f"{item.text}. Source: {where}." if where else f"{item.text}.")

    def item_link(self, item: Change) -> str:
        if item.season_number:
            return public(reverse("season", args=[item.show.slug, item.season_number]))
        return public(item.show.get_absolute_url())

    def item_guid(self, item: Change) -> str:
        return f"tag:renewcast,2026:{item.show.slug}/{item.key}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: Change):
        return item.updated

    def item_pubdate(self, item: Change):
        return item.updated


class SiteFeed(_ChangeFeed):
    title = "renewcast: renewals and cancellations"
    subtitle = "Every confirmed renewal, cancellation and final-season announcement, newest first."

    def link(self):
        return public(reverse("home"))

    def feed_url(self):
        return public(reverse("feed"))

    def items(self):
        return site_decisions(LIMIT)


class ShowFeed(_ChangeFeed):
    def get_object(self, request, slug):
        show = load_show(slug)
        if show is None:
            raise Http404("no such show")
        return show

    def title(self, show):
        return f"{show.title}: renewal news on renewcast"

    def subtitle(self, show):
        return f"Every change to what is known about {show.title}, with its source."

    def link(self, show):
        return public(show.get_absolute_url())

    def feed_url(self, show):
        return public(reverse("show-feed", args=[show.slug]))

    def items(self, show):
        return show_changes(show, load_seasons(show))[:LIMIT]
