"""Alerts in the admin: who follows what (with disable and enable), and what was sent.

Notices and deliveries are records of what happened, so they are read-only here; a
webhook that keeps failing is disabled automatically and can be enabled again once its
owner has fixed it.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone

from renewcast.alerts.following import EDITOR_DISABLED
from renewcast.alerts.models import Delivery, Follow, Notice


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "active"), ("pending", "waiting for confirmation"),
                ("unsubscribed", "unsubscribed"), ("disabled", "disabled")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "active":
            return queryset.active()
        if value == "pending":
            return queryset.filter(confirmed_at__isnull=True, unsubscribed_at__isnull=True,
                                   disabled_at__isnull=True)
        if value == "unsubscribed":
            return queryset.filter(unsubscribed_at__isnull=False)
        if value == "disabled":
            return queryset.filter(disabled_at__isnull=False)
        return queryset


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("address", "channel", "show", "state", "failures", "created_at")
    list_filter = (StateFilter, "channel")
    search_fields = ("address", "show__title")
    list_select_related = ("show",)
    raw_id_fields = ("show",)
    readonly_fields = ("token", "origin", "confirmation_sent_at", "created_at", "failures",
                       "last_error")
    actions = ("disable", "enable")

    @admin.action(description="Disable the selected follows")
    def disable(self, request, queryset):
        done = queryset.filter(disabled_at__isnull=True).update(disabled_at=timezone.now(),
                                                                last_error=EDITOR_DISABLED)
        self.message_user(request, f"{done} follow(s) disabled.", messages.SUCCESS)

    @admin.action(description="Enable the selected follows again")
    def enable(self, request, queryset):
        done = queryset.filter(disabled_at__isnull=False).update(disabled_at=None, failures=0,
                                                                 last_error="")
        self.message_user(request, f"{done} follow(s) enabled.", messages.SUCCESS)


@admin.register(Notice)
class NoticeAdmin(ReadOnly):
    list_display = ("title", "kind", "show", "created_at", "fanned_out_at")
    list_filter = ("kind",)
    search_fields = ("title", "show__title", "key")
    list_select_related = ("show",)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly):
    list_display = ("notice", "follow_address", "state", "attempts", "next_attempt_at",
                    "sent_at", "response_status", "last_error")
    list_filter = ("state", "follow__channel")
    search_fields = ("follow__address", "notice__title")
    list_select_related = ("notice", "follow")

    @admin.display(description="to", ordering="follow__address")
    def follow_address(self, obj):
        return obj.follow.address
