"""The editors' admin: every model browsable and searchable; status not editable."""

import pytest
from django.contrib.auth import get_user_model
from helpers import load_outcomes, load_top10

from renewcast.catalog.models import Claim, Event, Show

pytestmark = pytest.mark.django_db

MODELS = ("show", "season", "source", "person", "credit", "claim", "event", "statement",
          "chartweek", "alltimerank", "engagementfigure", "showalias")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-for-tests")
    client.force_login(user)
    load_top10()
    load_outcomes()
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_a_working_list_and_search(editor, model):
    assert editor.get(f"/admin/catalog/{model}/").status_code == 200
    assert editor.get(f"/admin/catalog/{model}/", {"q": "partner"}).status_code == 200


def test_show_search_and_change_form_without_an_editable_status(editor):
    html = editor.get("/admin/catalog/show/", {"q": "partner"}).content.decode()
    assert "Partner Track" in html
    show = Show.objects.get(slug="partner-track")
    form = editor.get(f"/admin/catalog/show/{show.pk}/change/").content.decode()
    assert 'name="title"' in form
    assert 'name="status"' not in form  # derived, shown read-only


def test_rejecting_a_claim_in_the_admin_updates_the_status(editor):
    claim = Event.objects.get(show__slug="partner-track").claim
    response = editor.post(
        "/admin/catalog/claim/",
        {"action": "reject_claims", "_selected_action": [claim.pk]},
        follow=True,
    )
    assert response.status_code == 200
    claim.refresh_from_db()
    assert claim.state == "rejected" and claim.reviewed_by.username == "editor"
    assert Show.objects.get(slug="partner-track").status == "awaiting"


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get("/admin/catalog/claim/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Claim.objects.count() == 0
