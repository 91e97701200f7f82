"""The editors' admin: browse, search and correct everything in the knowledge base.

Status is shown but not editable (it is derived from confirmed events). Claims
can be confirmed or rejected in bulk, which is how an editor accepts or refuses
what the readers proposed.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.urls import path
from django.utils.html import format_html

from renewcast.catalog.claim_fields import (
    ClaimFieldsMixin,
    claim_sentence,
    fields_for,
    initial_for,
    season_for,
    value_from,
)
from renewcast.catalog.merge import MergeError, merge_shows
from renewcast.catalog.models import (
    AllTimeRank,
    ChartWeek,
    Claim,
    ClaimState,
    Credit,
    EngagementFigure,
    Episode,
    Event,
    Person,
    Season,
    Show,
    ShowAlias,
    Source,
    Statement,
)
from renewcast.catalog.review import review


def _first_seen(show):
    """When a show first appeared (first chart week or premiere): merges keep that order."""
    days = [d for s in show.seasons.all() for d in
            [s.premiere_date, *[w.week for w in s.chart_weeks.all()]] if d]
    return (min(days) if days else show.created_at.date(), show.pk)


class SeasonInline(admin.TabularInline):
    model = Season
    fields = ("number", "label", "chart_title", "premiere_date", "premiere_source")
    autocomplete_fields = ("premiere_source",)
    extra = 0
    show_change_link = True


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ("title", "platform", "language", "kind", "status", "tvmaze_id",
                    "updated_at")
    list_filter = ("status", "kind", "is_original", "classified_by_editor", "listed", "language")
    search_fields = ("title", "slug", "imdb_id")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("status", "status_event", "tvmaze_updated", "created_at", "updated_at")
    autocomplete_fields = ("platform_source", "kind_source")
    inlines = [SeasonInline]
    actions = ["merge_selected"]

    @admin.action(description="Merge the selected shows into one (later ones become its "
                              "next seasons)")
    def merge_selected(self, request, queryset):
        shows = sorted(queryset, key=_first_seen)
        if len(shows) < 2:
            self.message_user(request, "Select two or more shows to merge.", messages.WARNING)
            return
        target = shows[0]
        try:
            for other in shows[1:]:
                merged = merge_shows(target, other)
                self.message_user(request, f"Merged {other.title} into {target.title} as "
                                           f"season {merged.first_season} on.", messages.SUCCESS)
        except MergeError as exc:
            self.message_user(request, str(exc), messages.ERROR)

    def save_model(self, request, obj, form, change):
        # An editor's kind, platform or original flag outranks every automatic source.
        if {"kind", "platform", "is_original"} & set(form.changed_data):
            obj.classified_by_editor = True
        super().save_model(request, obj, form, change)


@admin.register(Season)
class SeasonAdmin(admin.ModelAdmin):
    list_display = ("show", "number", "label", "chart_title", "premiere_date", "finale_date")
    list_select_related = ("show",)
    search_fields = ("show__title", "label", "chart_title")
    autocomplete_fields = ("show", "premiere_source", "finale_source")
    ordering = ("show__title", "number")


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ("season", "number", "title", "airdate", "runtime", "special")
    list_select_related = ("season__show",)
    list_filter = ("special",)
    search_fields = ("season__show__title", "title")
    autocomplete_fields = ("season", "source")
    ordering = ("season__show__title", "season__number", "number")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("url", "publisher", "tier", "published_at", "retrieved_at")
    list_filter = ("tier",)
    search_fields = ("url", "publisher", "title")

    def get_urls(self):
        from renewcast.catalog.article_form import add_article_view

        view = self.admin_site.admin_view(lambda request: add_article_view(self, request))
        return [path("add-article/", view, name="catalog_source_add_article"), *super().get_urls()]


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
    count = review(queryset.select_related("source", "season"), state, request.user)
    modeladmin.message_user(request, f"{count} claim(s) marked {state}.", messages.SUCCESS)


def quote_in_context(claim: Claim, around: int = 240) -> str:
    """The claim's quote highlighted inside the article text around it (escaped)."""
    body = claim.source.body if claim.source_id else ""
    if claim.start is None or not body or body[claim.start:claim.end] != claim.quote:
        return format_html("<q>{}</q>", claim.quote)
    before = body[max(0, claim.start - around):claim.start]
    after = body[claim.end:claim.end + around]
    return format_html('<div class="quote-context">{}{}<mark>{}</mark>{}{}</div>',
                       "…" if claim.start > around else "", before, claim.quote, after,
                       "…" if claim.end + around < len(body) else "")


class SourceSearchFilter(admin.SimpleListFilter):
    """Narrow claims to the articles whose address, title or publisher contains some text:
    a box to type in, where a list of every source's address would run for pages."""

    title = "source"
    parameter_name = "source_q"
    template = "admin/catalog/claim/source_filter.html"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.other_params = [(k, v) for k, values in request.GET.lists() for v in values
                             if k not in (self.parameter_name, "p")]

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def queryset(self, request, queryset):
        text = (self.value() or "").replace("\x00", "").strip()[:200]
        if not text:
            return queryset
        return queryset.filter(Q(source__url__icontains=text) | Q(source__title__icontains=text)
                               | Q(source__publisher__icontains=text))


class ClaimChangeForm(ClaimFieldsMixin, forms.ModelForm):
    """The claim's facts as fields of its kind (see ``claim_fields``), never raw JSON."""

    class Meta:
        model = Claim
        # "season" here is the number field of claim_fields; excluding the model's own
        # field of that name keeps Django from assigning the number to the foreign key.
        exclude = ("value", "season")  # noqa: DJ006

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.update({k: v for k, v in initial_for(self.instance).items()
                                 if k in self.fields})

    def save(self, commit=True):
        claim = super().save(commit=False)
        if self.edited:
            claim.value = value_from(claim, self.cleaned_data)
            claim.season = season_for(claim, claim.value.get("season"))
        if commit:
            claim.save()
        return claim


class EventInline(admin.TabularInline):
    model = Event
    fields = ("kind", "season", "covers", "final_season", "date", "precision")
    autocomplete_fields = ("season",)
    extra = 0


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ("show", "what", "in_context", "state")
    list_filter = ("state", "kind", "source__tier", SourceSearchFilter)
    list_select_related = ("show", "source")
    search_fields = ("show__title", "quote", "source__url", "source__title")
    autocomplete_fields = ("show", "person", "source")
    readonly_fields = ("sentence", "kind", "context", "quote", "start", "end", "source",
                       "created_at", "reviewed_at", "reviewed_by")
    form = ClaimChangeForm
    actions = [confirm_claims, reject_claims]
    inlines = [EventInline]
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # claims come from articles, syncs and data files, never typed in

    def _claim_form(self, obj):
        extra = fields_for(obj) if obj is not None else {}
        return type("ClaimForm", (ClaimChangeForm,),
                    {**extra, "claim_field_names": tuple(extra)})

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = self._claim_form(obj)
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        extra = tuple(fields_for(obj)) if obj is not None else ()
        return [
            (None, {"fields": ("sentence", "show", "kind", "state")}),
            *([("What it says", {"fields": extra})] if extra else []),
            ("Where it comes from", {"fields": ("context", "source", "quote", "true_on",
                                                "confidence")}),
            ("Review", {"fields": ("created_at", "reviewed_at", "reviewed_by"),
                        "classes": ("collapse",)}),
        ]

    def get_urls(self):
        from renewcast.catalog.review_queue import to_review_view

        view = self.admin_site.admin_view(lambda request: to_review_view(self, request))
        return [path("to-review/", view, name="catalog_claim_to_review"), *super().get_urls()]

    @admin.display(description="claim")
    def sentence(self, obj):
        return claim_sentence(obj)

    @admin.display(description="claim")
    def what(self, obj):
        if (obj.value or {}).get("disagreement"):  # raised by a sync, see catalog.review
            return f"{claim_sentence(obj)} (confirm takes it, reject keeps ours)"
        return claim_sentence(obj)

    @admin.display(description="quote in context")
    def in_context(self, obj):
        return quote_in_context(obj, around=80)

    @admin.display(description="quote in the article")
    def context(self, obj):
        return quote_in_context(obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        edited = getattr(form, "edited", False)
        if edited:  # the facts a confirmed claim made follow its corrected value
            obj.events.all().delete()
            obj.statements.all().delete()
            obj.credits.all().delete()
        if change and ("state" in form.changed_data or edited):
            review([obj], obj.state, request.user)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("show", "kind", "season", "covers", "final_season", "date", "precision",
                    "claim_state")
    list_filter = ("kind", "claim__state")
    fields = ("show", "season", "kind", "covers", "final_season", "date", "precision", "claim")
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


@admin.register(EngagementFigure)
class EngagementFigureAdmin(admin.ModelAdmin):
    list_display = ("season", "period_start", "hours", "views", "available_globally",
                    "release_date")
    list_filter = ("period_start", "available_globally")
    list_select_related = ("season__show",)
    search_fields = ("season__show__title",)
    autocomplete_fields = ("season", "source")


@admin.register(ShowAlias)
class ShowAliasAdmin(admin.ModelAdmin):
    list_display = ("title", "show", "first_season")
    search_fields = ("title", "show__title")
    autocomplete_fields = ("show",)
