"""Feeds and what came of their items, for editors."""

from django.contrib import admin

from renewcast.news.models import Feed, FeedItem


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ("__str__", "url", "official", "active", "checked_at", "last_error")
    list_filter = ("official", "active")
    search_fields = ("name", "url")
    readonly_fields = ("etag", "last_modified", "checked_at", "last_error", "added_at")


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin):
    list_display = ("__str__", "feed", "state", "priority", "proposed", "confirmed", "seen_at")
    list_filter = ("state", "feed")
    search_fields = ("title", "link")
    readonly_fields = [f.name for f in FeedItem._meta.fields]
