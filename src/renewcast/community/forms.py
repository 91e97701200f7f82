"""The comment form, with the messages fan-site readers already know.

"Please enter your name here" and "Please enter your comment!" are what the comment
forms of the sites renewcast replaces say; readers recognise them. The ``website`` field
is a honeypot: hidden from people (and labelled "leave empty" for screen readers), it is
filled in by robots that fill in every field.
"""

from __future__ import annotations

import uuid

from django import forms
from django.conf import settings

from renewcast.community import text

NAME_MESSAGE = "Please enter your name here"
COMMENT_MESSAGE = "Please enter your comment!"
MAX_COMMENT = 5000
MAX_NAME = 80


class CommentForm(forms.Form):
    name = forms.CharField(max_length=MAX_NAME, error_messages={
        "required": NAME_MESSAGE,
        "max_length": f"Please keep your name under {MAX_NAME} characters."})
    email = forms.EmailField(required=False, max_length=254, error_messages={
        "invalid": "Please enter a valid e-mail address, or leave it empty."})
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), error_messages={
        "required": COMMENT_MESSAGE})
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput,
                                error_messages={"invalid": "That reply lost its comment."})
    website = forms.CharField(required=False, label="Leave this field empty")
    nonce = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nonce"].initial = uuid.uuid4().hex

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if text.link_count(name):
            raise forms.ValidationError("Please enter a name, not a web address.")
        return name

    def clean_comment(self) -> str:
        body = self.cleaned_data["comment"].replace("\r\n", "\n").strip()
        if len(body) > MAX_COMMENT:
            raise forms.ValidationError(
                f"Please keep your comment under {MAX_COMMENT:,} characters "
                f"(it has {len(body):,}).")
        limit = settings.COMMENT_MAX_LINKS
        if limit and text.link_count(body) > limit:
            raise forms.ValidationError(
                f"Please keep to {limit} link{'s' if limit > 1 else ''} or fewer.")
        return body

    def clean_website(self) -> str:
        if self.cleaned_data["website"]:
            raise forms.ValidationError("Your comment was not posted: the field "
                                        "“Leave this field empty” was filled in.")
        return ""


class EditForm(forms.Form):
    comment = CommentForm.base_fields["comment"]
    clean_comment = CommentForm.clean_comment
