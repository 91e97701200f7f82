"""Editor accounts: ``renewcast editor add`` makes a staff account in the "editors" group and
prints a one-time link to choose a password; the editor then signs in on the site's page
and can review claims and add articles, and nothing beyond that."""

from __future__ import annotations

import re

import pytest
from conftest import run_cli
from django.contrib.auth import get_user_model
from django.test import Client

from renewcast.catalog.editors import PERMISSIONS, add_editor, editor_group

PASSWORD = "a-long-editor-pass-4417"


def set_password(client: Client, link: str, password: str = PASSWORD):
    path = re.sub(r"^https?://[^/]+", "", link)
    form = client.get(path, follow=True)  # Django swaps the token for a session first
    assert form.status_code == 200 and "Choose your password" in form.content.decode()
    return client.post(form.redirect_chain[-1][0] if form.redirect_chain else path,
                       {"new_password1": password, "new_password2": password})


@pytest.mark.django_db
def test_an_editor_sets_a_password_once_signs_in_and_reviews(client):
    made = add_editor("Ed.Itor@Example.org", "https://renewcast.example")
    assert made.created and made.link.startswith("https://renewcast.example/accounts/set-password/")
    user = made.user
    assert user.email == "ed.itor@example.org" and user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    done = set_password(client, made.link)
    assert done.status_code == 302 and done["Location"] == "/accounts/password-set/"
    # the link was for one use
    again = client.get(re.sub(r"^https?://[^/]+", "", made.link), follow=True)
    assert "has been used or has expired" in again.content.decode()
    editor = Client()
    editor.post("/accounts/login/", {"username": "ed.itor@example.org", "password": PASSWORD})
    assert editor.get("/admin/").status_code == 200
    assert editor.get("/admin/catalog/claim/").status_code == 200
    assert editor.get("/admin/catalog/source/add-article/").status_code == 200
    for forbidden in ("/admin/auth/user/", "/admin/catalog/show/add/",
                      "/admin/community/comment/"):
        assert editor.get(forbidden).status_code == 403, forbidden


@pytest.mark.django_db
def test_the_group_holds_exactly_the_reviewing_permissions():
    group = editor_group()
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert held == set(PERMISSIONS)
    assert not any(p.startswith(("auth.", "community.")) or ".delete_" in p for p in held)


@pytest.mark.django_db
@pytest.mark.parametrize("email, message", [("", "is not an e-mail address"),
                                            ("not-an-address", "is not an e-mail address")])
def test_a_bad_address_is_refused(email, message):
    from renewcast.catalog.editors import EditorError

    with pytest.raises(EditorError, match=message):
        add_editor(email)
    assert not get_user_model().objects.exists()


def test_the_cli_adds_and_lists_editors(cli_env):
    env = {**cli_env, "RENEWCAST_SITE_URL": "https://renewcast.example"}
    done = run_cli(env, "editor", "add", "reviewer@example.org")
    assert done.returncode == 0, done.stderr
    assert "reviewer@example.org made an editor" in done.stdout
    assert re.search(r"https://renewcast\.example/accounts/set-password/\S+/\S+/", done.stdout)
    again = run_cli(env, "editor", "add", "REVIEWER@example.org")
    assert again.returncode == 0 and "reviewer@example.org is an editor" in again.stdout
    listed = run_cli(env, "editor", "list")
    assert listed.returncode == 0 and "reviewer@example.org" in listed.stdout
    assert "last signed in never" in listed.stdout
    bad = run_cli(env, "editor", "add", "nope")
    assert bad.returncode == 2 and "is not an e-mail address" in bad.stderr
    assert "Traceback" not in bad.stderr
