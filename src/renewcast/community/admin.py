"""The moderation queue: editors approve, reject or mark spam what fans wrote, and ban.

Most comments are published at once; the posting checks hold the doubtful ones (links,
duplicates, a high spam score, readers' reports) with a reason. The comment list
therefore opens on the held comments, oldest first, since those are what someone is
waiting on; the other statuses are one click away in the same filter.

Every action is a single UPDATE that also sets ``changed_at``: ``update()`` skips
``auto_now``, and the page cache notices a moderator's decision only through that column
(:mod:`renewcast.community.stamp`). A fan's e-mail is shown here and nowhere else.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from renewcast.community.models import (
    Ban,
    Comment,
    CommentStatus,
    Fan,
    FanPrediction,
    PageView,
    Report,
)

EXCERPT_CHARS = 90
HELD, PUBLISHED = CommentStatus.HELD, CommentStatus.PUBLISHED
REJECTED, SPAM = CommentStatus.REJECTED, CommentStatus.SPAM


def _n(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _report(modeladmin, request, text: str, changed: int) -> None:
    level = messages.SUCCESS if changed else messages.WARNING
    modeladmin.message_user(request, text, level)


class QueueFilter(admin.SimpleListFilter):
    """The status filter, opening on "Needs moderation" instead of on everything."""

    title = "status"
    parameter_name = "queue"
    DEFAULT = "held"

    def lookups(self, request, model_admin):
        counts = model_admin.get_queryset(request).aggregate(
            held=Count("pk", filter=Q(status=HELD)),
            reported=Count("pk", filter=Q(status=PUBLISHED, reports__gt=0)))
        return [
            ("held", f"Needs moderation ({counts['held']})"),
            ("reported", f"Reported, still published ({counts['reported']})"),
            (PUBLISHED, "Published"),
            (REJECTED, "Rejected"),
            (SPAM, "Spam"),
            ("all", "All comments"),
        ]

    def value(self):
        return super().value() or self.DEFAULT

    def choices(self, changelist):
        # No "All" entry on top: the unfiltered list is not the queue, so it comes last.
        for lookup, title in self.lookup_choices:
            yield {"selected": self.value() == lookup, "display": title,
                   "query_string": changelist.get_query_string({self.parameter_name: lookup})}

    def queryset(self, request, queryset):
        value = self.value()
        if value == "all":
            return queryset
        if value == "reported":
            return queryset.filter(status=PUBLISHED, reports__gt=0)
        if value in CommentStatus.values:
            return queryset.filter(status=value)
        return queryset.filter(status=HELD)


def _set_status(queryset, status: str, **extra) -> int:
    return queryset.exclude(status=status).update(status=status, changed_at=timezone.now(),
                                                  **extra)


@admin.action(description="Approve: publish the selected comments", permissions=["change"])
def approve(modeladmin, request, queryset):
    # Reports so far were looked at: only new readers' reports can hold it again.
    changed = queryset.filter(~Q(status=PUBLISHED) | ~Q(hold_reason="") | Q(reports__gt=0)
                              ).update(status=PUBLISHED, hold_reason="", reports=0,
                                       changed_at=timezone.now())
    _report(modeladmin, request, f"{_n(changed, 'comment')} approved and published.", changed)


@admin.action(description="Reject the selected comments", permissions=["change"])
def reject(modeladmin, request, queryset):
    changed = _set_status(queryset, REJECTED)
    _report(modeladmin, request, f"{_n(changed, 'comment')} rejected.", changed)


@admin.action(description="Mark the selected comments as spam", permissions=["change"])
def mark_spam(modeladmin, request, queryset):
    changed = _set_status(queryset, SPAM)
    _report(modeladmin, request, f"{_n(changed, 'comment')} marked as spam.", changed)


def ban(fan_ids, clients: dict[str, str]) -> tuple[int, int, int]:
    """Ban fans and client hashes (client → reason); their held comments become spam.

    Returns how many fans were newly banned, how many Ban rows were made and how many
    comments were marked spam.
    """
    fans = Fan.objects.filter(pk__in=fan_ids, banned=False).update(banned=True)
    known = set(Ban.objects.filter(client__in=list(clients)).values_list("client", flat=True))
    new = [Ban(client=c, reason=reason[:200]) for c, reason in clients.items()
           if c and c not in known]
    # Another editor banning the same address at the same moment is not an error.
    Ban.objects.bulk_create(new, ignore_conflicts=True)
    spam = _set_status(Comment.objects.filter(fan_id__in=fan_ids, status=HELD), SPAM)
    return fans, len(new), spam


@admin.action(description="Ban the authors (fan and address); their held comments become spam",
              permissions=["change"])
def ban_authors(modeladmin, request, queryset):
    editor = request.user.get_username()
    clients, fan_ids = {}, set()
    for pk, client, fan_id, name in queryset.values_list("pk", "client", "fan_id", "name"):
        fan_ids.add(fan_id)
        clients.setdefault(client, f"{name} for comment #{pk} (by {editor})")
    fans, bans, spam = ban(fan_ids, clients)
    _report(modeladmin, request,
            f"Banned {_n(fans, 'fan')} and {_n(bans, 'address', 'addresses')}; "
            f"{_n(spam, 'held comment')} marked as spam.", fans + bans + spam)


class ReportInline(admin.TabularInline):
    model = Report
    fields = ("reason", "reporter", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "reader's report"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("status_label", "name", "page", "excerpt", "score", "hold_reason",
                    "reports", "created_at")
    list_display_links = ("excerpt",)
    list_filter = (QueueFilter, ("show", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("show",)
    search_fields = ("name", "body", "email", "show__title")
    actions = [approve, reject, mark_spam, ban_authors]
    inlines = [ReportInline]
    list_per_page = 50
    fieldsets = (
        (None, {"fields": ("status", "hold_reason")}),
        ("Comment", {"fields": ("page", "name", "email", "fan", "body", "parent", "depth",
                                "created_at", "edited_at")}),
        ("Signals", {"fields": ("spam_score", "reports", "likes", "client", "fingerprint")}),
    )
    # Editors decide whether a comment is shown; they do not rewrite what fans said.
    readonly_fields = ("page", "name", "email", "fan", "body", "parent", "depth",
                       "created_at", "edited_at", "spam_score", "reports", "likes",
                       "client", "fingerprint")

    def get_ordering(self, request):
        # The queue is first come, first served; every other view shows the newest first.
        if request.GET.get(QueueFilter.parameter_name, QueueFilter.DEFAULT) == "held":
            return ("created_at", "id")
        return ("-created_at", "-id")

    def get_actions(self, request):
        # Deleting is not moderation: a rejected or spam comment is kept, hidden, so a
        # repeat of it is recognised. A single comment can still be deleted from its page.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        held = Comment.objects.filter(status=HELD).count()
        title = f"Comments: {_n(held, 'comment')} held for moderation"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    def save_model(self, request, obj, form, change):
        # Publishing from the form means what the Approve action means.
        if "status" in form.changed_data and obj.status == PUBLISHED \
                and "hold_reason" not in form.changed_data:
            obj.hold_reason = ""
        super().save_model(request, obj, form, change)

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return obj.get_status_display()

    @admin.display(description="page", ordering="show__title")
    def page(self, obj):
        url = reverse("season", kwargs={"slug": obj.show.slug, "number": obj.season_number})
        return format_html('<a href="{}">{} · season {}</a>', url, obj.show.title,
                           obj.season_number)

    @admin.display(description="comment")
    def excerpt(self, obj):
        # A plain str: the admin escapes it, so markup in a comment is shown, never run.
        text = Truncator(" ".join(obj.body.split())).chars(EXCERPT_CHARS)
        return f"↳ {text}" if obj.parent_id else text

    @admin.display(description="spam score", ordering="spam_score")
    def score(self, obj):
        return f"{obj.spam_score:.2f}"


def _comments_link(fan: Fan, count: int):
    url = reverse("admin:community_comment_changelist")
    return format_html('<a href="{}?fan__id__exact={}&amp;queue=all">{}</a>', url, fan.pk, count)


@admin.action(description="Ban the selected fans; their held comments become spam",
              permissions=["change"])
def ban_fans(modeladmin, request, queryset):
    fans, _, spam = ban(list(queryset.values_list("pk", flat=True)), {})
    _report(modeladmin, request,
            f"Banned {_n(fans, 'fan')}; {_n(spam, 'held comment')} marked as spam.",
            fans + spam)


@admin.action(description="Lift the ban on the selected fans and their addresses",
              permissions=["change"])
def unban_fans(modeladmin, request, queryset):
    ids = list(queryset.values_list("pk", flat=True))
    fans = Fan.objects.filter(pk__in=ids, banned=True).update(banned=False)
    clients = Comment.objects.filter(fan_id__in=ids).values("client")
    bans, _ = Ban.objects.filter(client__in=clients).delete()
    _report(modeladmin, request,
            f"Lifted the ban on {_n(fans, 'fan')} and {_n(bans, 'address', 'addresses')}.",
            fans + bans)


@admin.register(Fan)
class FanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user", "banned", "comment_count", "prediction_count",
                    "created_at")
    list_filter = ("banned", ("user", admin.EmptyFieldListFilter))
    list_select_related = ("user",)
    search_fields = ("name", "user__username")
    autocomplete_fields = ("user",)
    fields = ("name", "user", "banned", "comment_count", "prediction_count", "created_at")
    readonly_fields = ("comment_count", "prediction_count", "created_at")
    actions = [ban_fans, unban_fans]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_comments=Count("comments", distinct=True),
            n_predictions=Count("predictions", distinct=True))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "banned" in form.changed_data and obj.banned:
            ban([obj.pk], {})  # the same consequences as the action

    @admin.display(description="comments", ordering="n_comments")
    def comment_count(self, obj):
        return _comments_link(obj, obj.n_comments)

    @admin.display(description="predictions", ordering="n_predictions")
    def prediction_count(self, obj):
        url = reverse("admin:community_fanprediction_changelist")
        return format_html('<a href="{}?fan__id__exact={}">{}</a>', url, obj.pk,
                           obj.n_predictions)


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    list_display = ("short_client", "reason", "created_at")
    search_fields = ("client", "reason")
    fields = ("client", "reason", "fans", "created_at")
    readonly_fields = ("fans", "created_at")

    def get_readonly_fields(self, request, obj=None):
        # The address hash is what is banned; changing it would be a different ban.
        return (*self.readonly_fields, "client") if obj else self.readonly_fields

    @admin.display(description="address (keyed hash)", ordering="client")
    def short_client(self, obj):
        return f"{obj.client[:12]}…"

    @admin.display(description="fans who posted from it")
    def fans(self, obj):
        if not obj.pk:
            return "–"
        fans = Fan.objects.filter(comments__client=obj.client).distinct().order_by("pk")[:20]
        return format_html_join(", ", '<a href="{}">{}</a>', (
            (reverse("admin:community_fan_change", args=[f.pk]), str(f)) for f in fans)) or "none"


class ReadOnlyAdmin(admin.ModelAdmin):
    """A history to look at: nothing added or edited here (deleting stays possible, so
    deleting a show is not blocked by its rows)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class LiveFilter(admin.SimpleListFilter):
    title = "prediction"
    parameter_name = "live"

    def lookups(self, request, model_admin):
        return [("yes", "Live"), ("no", "Replaced")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(replaced_at__isnull=self.value() == "yes")
        return queryset


@admin.register(FanPrediction)
class FanPredictionAdmin(ReadOnlyAdmin):
    list_display = ("fan", "show", "season_number", "percent", "premiere_month", "created_at",
                    "replaced_at")
    list_filter = (LiveFilter, ("show", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("fan", "show")
    search_fields = ("fan__name", "show__title")
    date_hierarchy = "created_at"

    @admin.display(description="probability", ordering="probability")
    def percent(self, obj):
        return f"{obj.probability}%"


@admin.register(PageView)
class PageViewAdmin(ReadOnlyAdmin):
    list_display = ("show", "season_number", "hour", "count")
    list_filter = (("show", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("show",)
    search_fields = ("show__title",)
    date_hierarchy = "hour"
    ordering = ("-hour", "show__title", "season_number")
