"""Editor accounts: the people who review what the reader proposes, without superuser powers.

An editor is a staff account in the "editors" group, which holds exactly what reviewing
needs: read and search everything in the knowledge base, confirm, reject and correct
claims, add an article (a source and its proposed claims), correct a show's or a season's
facts, and manage the news desk's feeds. Editors cannot delete shows or sources, touch
accounts or permissions, or moderate the community. ``renewcast editor add EMAIL`` makes
one and prints a one-time link to choose a password (valid for ``PASSWORD_RESET_TIMEOUT``,
three days; used once, it stops working because the password it sets changes the token).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

GROUP = "editors"
VIEWED = ("show", "season", "person", "credit", "source", "claim", "event", "statement",
          "chartweek", "alltimerank", "engagementfigure")
PERMISSIONS = (
    *(f"catalog.view_{model}" for model in VIEWED),
    "catalog.change_claim", "catalog.add_claim", "catalog.add_source", "catalog.change_source",
    "catalog.change_show", "catalog.change_season",
    # the news desk's feeds are theirs to manage; what came of each item, theirs to see
    "news.view_feed", "news.add_feed", "news.change_feed", "news.view_feeditem",
)


class EditorError(ValueError):
    """What the command refuses, in one line."""


@dataclass(frozen=True)
class Made:
    user: object
    created: bool
    link: str


def editor_group() -> Group:
    """The group, with exactly :data:`PERMISSIONS` (set again each time, so it cannot drift)."""
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = []
    for dotted in PERMISSIONS:
        app, codename = dotted.split(".")
        found = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
        if found is not None:  # a model this version does not have is left out
            wanted.append(found)
    group.permissions.set(wanted)
    return group


def add_editor(email: str, site: str | None = None) -> Made:
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise EditorError(f"{address or 'an empty address'!r} is not an e-mail address") from None
    users = get_user_model()
    with transaction.atomic():
        user = users.objects.filter(email__iexact=address).first() or users.objects.filter(
            username__iexact=address).first()
        created = user is None
        if created:
            user = users.objects.create_user(username=address[:150], email=address)
            user.set_unusable_password()
        if user.is_superuser:
            raise EditorError(f"{address} is a superuser already; it needs no editor role")
        user.is_staff, user.is_active = True, True
        user.save()
        user.groups.add(editor_group())
    return Made(user, created, password_link(user, site))


def password_link(user, site: str | None = None) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("set-password", args=[uid, default_token_generator.make_token(user)])
    root = (site or settings.SITE_URL or "http://127.0.0.1:8000").rstrip("/")
    return root + path


def editors() -> list:
    return list(get_user_model().objects.filter(groups__name=GROUP).order_by("username"))
