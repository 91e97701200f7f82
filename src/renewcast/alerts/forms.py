"""The follow form: an e-mail address or a webhook URL, exactly one.

The fields are plain text here; :mod:`renewcast.alerts.addresses` checks them (the same
checks, and words, as the CLI), and the view puts its message under the field.
"""

from __future__ import annotations

from django import forms

from renewcast.alerts.addresses import MAX_EMAIL
from renewcast.sources.urlsafety import MAX_URL


class FollowForm(forms.Form):
    email = forms.CharField(required=False, max_length=MAX_EMAIL, strip=True, error_messages={
        "max_length": f"Please keep the e-mail address under {MAX_EMAIL} characters."})
    webhook = forms.CharField(required=False, max_length=MAX_URL, strip=True, error_messages={
        "max_length": f"Please keep the webhook URL under {MAX_URL} characters."})

    def clean(self):
        data = super().clean()
        email, webhook = data.get("email"), data.get("webhook")
        if self.errors:
            return data
        if not email and not webhook:
            raise forms.ValidationError("Please enter an e-mail address (or a webhook URL) "
                                        "to follow this show.")
        if email and webhook:
            raise forms.ValidationError("Please enter an e-mail address or a webhook URL, "
                                        "not both.")
        return data
