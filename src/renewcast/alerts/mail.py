"""The e-mails alerts send, built from templates: a text part and an HTML part each.

Both parts come from Django templates; the HTML one escapes every piece of outside text
(a show title, a quote), the text one is plain text and needs no escaping. Alerts carry
``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 8058), so mail programs offer a
one-click "unsubscribe" that posts to the follow's unsubscribe address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from renewcast.alerts.models import Follow, Notice

MAX_SUBJECT = 150


def _message(to: str, subject: str, template: str, context: dict,
             headers: dict | None = None) -> EmailMultiAlternatives:
    text = render_to_string(f"alerts/email/{template}.txt", context)
    html = render_to_string(f"alerts/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=_subject(subject), body=text,
                                     from_email=settings.DEFAULT_FROM_EMAIL, to=[to],
                                     headers=headers or {})
    message.attach_alternative(html, "text/html")
    return message


def _subject(text: str) -> str:
    """One line (a header cannot hold a line break), not too long."""
    line = " ".join(text.split())
    return line if len(line) <= MAX_SUBJECT else line[: MAX_SUBJECT - 1] + "…"


def confirmation_message(follow: Follow, confirm_url: str, show_url: str):
    show = follow.show
    return _message(follow.address, f"Confirm: follow {show.title} on renewcast", "confirm",
                    {"show": show, "confirm_url": confirm_url, "show_url": show_url,
                     "address": follow.address, "already": False})


def already_message(follow: Follow, unsubscribe_url: str, show_url: str):
    show = follow.show
    return _message(follow.address, f"You already follow {show.title} on renewcast", "confirm",
                    {"show": show, "unsubscribe_url": unsubscribe_url, "show_url": show_url,
                     "address": follow.address, "already": True})


def notice_message(notice: Notice, follow: Follow, links: dict):
    """The alert about ``notice`` for ``follow``; ``links`` has show, unsubscribe, source."""
    headers = {
        "List-Unsubscribe": f"<{links['unsubscribe']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "X-Renewcast-Event": notice.kind,
    }
    return _message(follow.address, f"{notice.title} (renewcast)", "notice",
                    {"notice": notice, "show": notice.show, "data": notice.data,
                     "links": links, "address": follow.address}, headers)
