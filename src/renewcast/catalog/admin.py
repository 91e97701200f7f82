"""The editors' admin: browse, search and correct everything in the knowledge base.

Status is shown but not editable (it is derived from confirmed events). Claims
can be confirmed or rejected in bulk, which is how an editor accepts or refuses
what the readers proposed.
"""

from django.contrib import admin, messages
from django.utils import timezone

from renewcast.catalog.models import (
    AllTimeRank,
    ChartWeek,
    Claim,
    ClaimState,
    Credit,
    Event,
    Person,
    Season,
    Show,
    Source,
    Statement,
)
from renewcast.catalog.status import refresh_statuses


class SeasonInline(admin.TabularInline):
    model = Season
    fields = ("number", "label", "chart_title", "premiere_date", "premiere_source")
    autocomplete_fields = ("premiere_source",)
    extra = 0
    show_change_link = True


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ("title", "platform", "language", "kind", "status", "updated_at")
    list_filter = ("status", "platform", "language", "kind", "is_original")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("status", "status_event", "created_at", "updated_at")
    inlines = [SeasonInline]


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ("show", "number", "label", "chart_title", "premiere_date")
    list_select_related = ("show",)
    search_fields = ("show__title", "label", "chart_title")
    autocomplete_fields = ("show", "premiere_source")
    ordering = ("show__title", "number")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("url", "publisher", "tier", "published_at", "retrieved_at")
    list_filter = ("tier",)
    search_fields = ("url", "publisher", "title")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Credit)
class CreditAdmin(admin.ModelAdmin):
    list_display = ("person", "character", "job", "season")
    list_select_related = ("person", "season__show")
    search_fields = ("person__name", "character", "season__show__title")
    autocomplete_fields = ("person", "season", "source", "claim")


@admin.action(description="Confirm the selected claims")
def confirm_claims(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, ClaimState.CONFIRMED)


@admin.action(description="Reject the selected claims")
def reject_claims(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, ClaimState.REJECTED)


def _review(modeladmin, request, queryset, state):
    show_ids = set(queryset.values_list("show_id", flat=True))
    count = queryset.update(state=state, reviewed_at=timezone.now(), reviewed_by=request.user)
    refresh_statuses(show_ids)  # update() sends no signals
    modeladmin.message_user(request, f"{count} claim(s) marked {state}.", messages.SUCCESS)


class EventInline(admin.TabularInline):
    model = Event
    fields = ("kind", "season", "date", "precision")
    autocomplete_fields = ("season",)
    extra = 0


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("show", "kind", "state", "source", "true_on", "confidence", "created_at")
    list_filter = ("state", "kind", "source__tier")
    list_select_related = ("show", "source")
    search_fields = ("show__title", "quote", "source__url")
    autocomplete_fields = ("show", "season", "person", "source")
    readonly_fields = ("created_at", "reviewed_at", "reviewed_by")
    actions = [confirm_claims, reject_claims]
    inlines = [EventInline]

    def save_model(self, request, obj, form, change):
        if change and "state" in form.changed_data:
            obj.reviewed_at, obj.reviewed_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("show", "kind", "season", "date", "precision", "claim_state")
    list_filter = ("kind", "claim__state")
    list_select_related = ("show", "season", "claim")
    search_fields = ("show__title",)
    autocomplete_fields = ("show", "season", "claim")
    date_hierarchy = "date"

    @admin.display(description="claim", ordering="claim__state")
    def claim_state(self, obj):
        return obj.claim.state


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("speaker", "speaker_role", "show", "said_on", "stance")
    list_filter = ("stance",)
    search_fields = ("speaker", "quote", "show__title")
    autocomplete_fields = ("show", "season", "person", "claim")


@admin.register(ChartWeek)
class ChartWeekAdmin(admin.ModelAdmin):
    list_display = ("season", "week", "list", "rank", "hours", "views", "weeks_on_list")
    list_filter = ("list",)
    list_select_related = ("season__show",)
    search_fields = ("season__show__title",)
    autocomplete_fields = ("season", "source")
    date_hierarchy = "week"


@admin.register(AllTimeRank)
class AllTimeRankAdmin(admin.ModelAdmin):
    list_display = ("season", "list", "rank", "hours", "views")
    list_filter = ("list",)
    list_select_related = ("season__show",)
    autocomplete_fields = ("season", "source")
