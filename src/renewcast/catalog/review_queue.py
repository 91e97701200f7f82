"""The editors' "To review" page: clear what the reader proposed, one article at a time.

The changelist shows claims one row each, cut off from the article they came from; an
editor clearing a queue needs the opposite: every proposal of one article as a readable
line beside the article's text with each quote marked, a decision per line (confirm,
reject, leave), corrections in proper fields, one key per action and one button for the
rest. Articles are listed newest first with how many claims wait in each; a search box
narrows them by address, title, publisher or show instead of listing every address.

A save goes through :func:`renewcast.catalog.review.review`, like every other review
path. All the article's forms are checked first: one bad field saves nothing and shows
the message beside the field, with the editor's other choices kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Min, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from renewcast.catalog.claim_fields import (
    ClaimFieldsMixin,
    claim_sentence,
    fields_for,
    initial_for,
    season_for,
    value_from,
)
from renewcast.catalog.models import Claim, ClaimState, Source
from renewcast.catalog.review import review

DECISIONS = [("leave", "Leave"), ("confirm", "Confirm"), ("reject", "Reject")]
ARTICLES_SHOWN = 100


class ClaimReviewForm(ClaimFieldsMixin, forms.Form):
    decision = forms.ChoiceField(choices=DECISIONS, initial="leave", widget=forms.RadioSelect)

    def __init__(self, claim: Claim, *args, **kwargs):
        super().__init__(*args, prefix=f"c{claim.pk}", initial=initial_for(claim), **kwargs)
        self.claim = claim
        extra = fields_for(claim)
        self.claim_field_names = tuple(extra)
        self.fields.update(extra)

    def edit_fields(self):
        return [self[name] for name in self.claim_field_names]


@dataclass
class Row:
    claim: Claim
    form: ClaimReviewForm
    sentence: str


def waiting_articles(query: str = ""):
    """Articles with claims still proposed, newest first, each with its ``waiting`` count."""
    ids = Source.objects.filter(claims__state=ClaimState.PROPOSED)
    if query:
        ids = ids.filter(Q(url__icontains=query) | Q(title__icontains=query)
                         | Q(publisher__icontains=query) | Q(claims__show__title__icontains=query))
    return (Source.objects.filter(pk__in=ids.values("pk"))
            .annotate(waiting=Count("claims", filter=Q(claims__state=ClaimState.PROPOSED)),
                      show_title=Min("claims__show__title"))
            .order_by("-published_at", "-retrieved_at", "-pk"))


def waiting_counts() -> tuple[int, int]:
    """(claims, articles) waiting for an editor: the admin index's "To review" line."""
    claims = Claim.objects.filter(state=ClaimState.PROPOSED)
    return claims.count(), claims.values("source").distinct().count()


def marked_body(source: Source, claims: list[Claim]):
    """The article's text, escaped, with each claim's quote in a ``<mark>`` that names its
    claims (overlapping quotes share one mark)."""
    body = source.body or ""
    spans = sorted((c.start, c.end, c.pk) for c in claims
                   if c.start is not None and c.end and body[c.start:c.end] == c.quote)
    merged: list[list] = []
    for start, end, pk in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(pk)
        else:
            merged.append([start, end, [pk]])
    parts, at = [], 0
    for start, end, pks in merged:
        parts.append(format_html("{}", body[at:start]))
        parts.append(format_html('<mark id="q{}" data-claims="{}">{}</mark>', pks[0],
                                 " ".join(map(str, pks)), body[start:end]))
        at = end
    parts.append(format_html("{}", body[at:]))
    return format_html_join("", "{}", ((p,) for p in parts))


def to_review_view(model_admin, request):
    if not request.user.has_perm("catalog.change_claim"):
        raise PermissionDenied("Reviewing claims needs permission to change claims.")
    # PostgreSQL refuses a NUL in a query; no address or title has one
    query = (request.GET.get("q") or "").replace("\x00", "").strip()[:200]
    articles = waiting_articles(query)
    source = _chosen(request, articles)
    rows = _rows(request, source) if source else []
    if request.method == "POST" and source is not None:
        done = _save(request, rows)
        if done is not None:
            return redirect(_next_address(source, query, done))
    reviewed = (Claim.objects.filter(source=source).exclude(state=ClaimState.PROPOSED)
                .select_related("show") if source else [])
    shown = list(articles[:ARTICLES_SHOWN])
    claims, article_count = waiting_counts()
    context = {
        **model_admin.admin_site.each_context(request), "opts": model_admin.model._meta,
        "title": "To review", "query": query, "articles": shown,
        "more_articles": max(0, articles.count() - len(shown)), "source": source,
        "rows": rows, "reviewed": [(c, claim_sentence(c)) for c in reviewed],
        "waiting_claims": claims, "waiting_articles": article_count,
        "body": marked_body(source, [r.claim for r in rows]) if source else "",
        "shows": sorted({r.claim.show.title for r in rows}),
        "new_shows": sorted({r.claim.show.title for r in rows if not r.claim.show.listed}),
    }
    return TemplateResponse(request, "admin/catalog/claim/to_review.html", context)


def _chosen(request, articles) -> Source | None:
    wanted = request.POST.get("source") or request.GET.get("source")
    if wanted:
        if not str(wanted).isdigit():
            return None
        # an article with nothing left still opens (its reviewed claims are listed)
        return Source.objects.filter(pk=int(wanted)).first()
    return articles.first()


def _rows(request, source: Source) -> list[Row]:
    claims = (Claim.objects.filter(source=source, state=ClaimState.PROPOSED)
              .select_related("show", "season", "source").order_by("start", "pk"))
    data = request.POST if request.method == "POST" else None
    rows = []
    for claim in claims:
        form = ClaimReviewForm(claim, data)
        rows.append(Row(claim, form, claim_sentence(claim)))
    return rows


def _save(request, rows: list[Row]) -> tuple[int, int, int] | None:
    """Apply the decisions, or None (nothing saved) when a form has errors."""
    if not rows:
        messages.info(request, "Nothing is waiting in this article any more.")
        return (0, 0, 0)
    confirm_rest = "confirm_rest" in request.POST
    if not all(row.form.is_valid() for row in rows):
        messages.error(request, "Nothing was saved: correct the fields marked below.")
        return None
    confirm, reject, edited = [], [], 0
    with transaction.atomic():
        for row in rows:
            claim, form = row.claim, row.form
            if form.edited:
                claim.value = value_from(claim, form.cleaned_data)
                claim.season = season_for(claim, claim.value.get("season"))
                claim.save(update_fields=["value", "season"])
                edited += 1
            decision = form.cleaned_data["decision"]
            if decision == "leave" and confirm_rest:
                decision = "confirm"
            (confirm if decision == "confirm" else reject if decision == "reject"
             else []).append(claim)
        review(confirm, ClaimState.CONFIRMED, request.user)
        review(reject, ClaimState.REJECTED, request.user)
    left = len(rows) - len(confirm) - len(reject)
    messages.success(request, f"{len(confirm)} confirmed, {len(reject)} rejected"
                     + (f", {edited} corrected" if edited else "") + f", {left} left to review.")
    return len(confirm), len(reject), left


def _next_address(source: Source, query: str, done: tuple[int, int, int]) -> str:
    base = reverse("admin:catalog_claim_to_review")
    params = {"q": query} if query else {}
    if done[2]:  # some left: stay on this article
        return f"{base}?{urlencode({**params, 'source': source.pk})}"
    following = waiting_articles(query).first()
    if following is not None:
        params["source"] = following.pk
    return f"{base}?{urlencode(params)}" if params else base
