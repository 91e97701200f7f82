"""The editors' "Add article" page: give an address (and optionally the text), get claims.

It runs the same reader as ``renewcast read`` and stores the claims as proposed, then
sends the editor to the "To review" page open at that article. Reader errors (a PDF,
an unreachable page, no known show) come back as form errors; nothing is stored.
Reading creates a source and proposed claims, so the page asks for the permissions to
add both; a staff account without them gets a 403, not the form.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from renewcast.catalog.ingest.articles import store_reading
from renewcast.catalog.reading import read_for_catalog
from renewcast.sources.articles.reader import MAX_BYTES, fetch_article, read_article
from renewcast.sources.errors import SourceError
from renewcast.sources.fetch import Fetched


class ArticleForm(forms.Form):
    url = forms.URLField(
        label="Article address", max_length=1000, assume_scheme="https",
        help_text="The page to read. It is also the source every claim cites.")
    text = forms.CharField(
        label="Article text (optional)", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste the page's text or HTML when the address cannot be fetched "
                  "(a paywall, a login); the address is then only cited.")
    show = forms.CharField(label="Show (optional)", required=False, max_length=300,
                           help_text="Which show it is about, when the reader should not guess. "
                                     "An article naming no catalog show is read as about the "
                                     "show its headline names, a new one.")
    new_show = forms.BooleanField(
        label="It is a new show", required=False,
        help_text="The show above is not in the catalog yet: add it. It stays off the public "
                  "site until you confirm one of its claims.")
    published = forms.DateField(label="Published on (optional)", required=False,
                                widget=forms.DateInput(attrs={"type": "date"}),
                                help_text="When the page does not say.")

    def clean(self):
        data = super().clean()
        if data.get("new_show") and not (data.get("show") or "").strip():
            self.add_error("show", "Name the new show here.")
        return data

    def clean_text(self):
        text = self.cleaned_data["text"]
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise forms.ValidationError(f"The text is over {MAX_BYTES:,} bytes.")
        return text


NEEDED = ("catalog.add_source", "catalog.add_claim")


def may_add_article(user) -> bool:
    return user.has_perms(NEEDED)


def add_article_view(model_admin, request):
    if not may_add_article(request.user):
        raise PermissionDenied("Adding an article needs permission to add sources and claims.")
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["text"].strip():
                fetched = Fetched(data=data["text"].encode("utf-8"), location=data["url"],
                                  is_url=True, retrieved_at=dt.datetime.now(dt.UTC))
                article = read_article(fetched, published=data["published"])
            else:
                article = fetch_article(data["url"], published=data["published"],
                                        allow_private=settings.ALLOW_PRIVATE_FETCH)
            reading = read_for_catalog(article, show_title=data["show"] or None,
                                       new_show=data["new_show"])
            stored = store_reading(reading, location=data["url"] if data["text"].strip()
                                   else article.url, is_url=True,
                                   retrieved_at=dt.datetime.now(dt.UTC),
                                   new_show=data["new_show"] or reading.new_show is not None)
        except SourceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Read “{article.title or article.url}” about "
                             f"{stored.show.title}: {len(stored.proposed)} claim(s) proposed"
                             + (f", {stored.already_reviewed} already reviewed"
                                if stored.already_reviewed else "") + ".")
            url = reverse("admin:catalog_claim_to_review")
            return redirect(f"{url}?source={stored.source.pk}")
    context = {**model_admin.admin_site.each_context(request), "form": form,
               "title": "Add an article", "opts": model_admin.model._meta}
    return TemplateResponse(request, "admin/catalog/source/add_article.html", context)
