"""Optional accounts: sign up, sign in and out, and an anonymous fan kept on signing in."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client

from renewcast.community.clients import FAN_COOKIE, current_fan, remember_fan
from renewcast.community.models import Fan

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-9"
SIGNUP, LOGIN, LOGOUT = "/accounts/signup/", "/accounts/login/", "/accounts/logout/"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("mira", password=PASSWORD)


def with_fan_cookie(client: Client, fan: Fan) -> Client:
    """The cookie an anonymous post leaves, made by the same helper the views use."""
    response = HttpResponse()
    remember_fan(response, fan)
    client.cookies[FAN_COOKIE] = response.cookies[FAN_COOKIE].value
    return client


def signed_in_user(client: Client):
    response = client.get(LOGIN)  # any request will do; this one only redirects
    request = response.wsgi_request
    return request.user if request.user.is_authenticated else None


def test_the_forms_label_every_field(client):
    signup = client.get(SIGNUP).content.decode()
    for field in ("id_username", "id_password1", "id_password2"):
        assert f'<label for="{field}">' in signup
    assert 'name="csrfmiddlewaretoken"' in signup and "noindex" in signup
    login = client.get(LOGIN).content.decode()
    for field in ("id_username", "id_password"):
        assert f'<label for="{field}">' in login
    assert "<title>Sign in – renewcast</title>" in login


@pytest.mark.parametrize("data, message", [
    ({"username": "ann", "password1": PASSWORD, "password2": PASSWORD + "x"},
     "The two password fields didn’t match."),
    ({"username": "ann", "password1": "password1", "password2": "password1"},
     "This password is too common."),
    ({"username": "ann", "password1": "short", "password2": "short"},
     "This password is too short."),
    ({"username": "mira", "password1": PASSWORD, "password2": PASSWORD},
     "That user name cannot be used. Choose another."),
    ({"username": "", "password1": PASSWORD, "password2": PASSWORD},
     "This field is required."),
])
def test_signup_says_what_is_wrong_and_creates_nobody(client, user, data, message):
    response = client.post(SIGNUP, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Your account was not created" in html
    assert 'aria-invalid="true"' in html
    assert get_user_model().objects.count() == 1
    assert signed_in_user(client) is None


def test_signup_signs_in_and_goes_home_or_to_a_safe_next(client):
    response = client.post(SIGNUP, {"username": "ann", "password1": PASSWORD,
                                    "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client).username == "ann"
    other = Client()
    response = other.post(f"{SIGNUP}?next=/shows/partner-track/season-2/", {
        "username": "bo", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == "/shows/partner-track/season-2/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x",
                                    "javascript:alert(1)"])
def test_an_unsafe_next_is_ignored(client, user, target):
    response = client.post(SIGNUP, {"username": "ann", "password1": PASSWORD,
                                    "password2": PASSWORD, "next": target})
    assert response["Location"] == "/"
    response = Client().post(LOGIN, {"username": "mira", "password": PASSWORD, "next": target})
    assert response["Location"] == "/"
    assert target not in Client().get(LOGIN, {"next": target}).content.decode()


def test_login_with_a_wrong_password_explains(client, user):
    response = client.post(LOGIN, {"username": "mira", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert signed_in_user(client) is None


def test_login_and_logout(client, user):
    response = client.post(LOGIN, {"username": "mira", "password": PASSWORD,
                                   "next": "/shows/partner-track/"})
    assert response.status_code == 302 and response["Location"] == "/shows/partner-track/"
    assert signed_in_user(client) == user
    assert client.get(LOGOUT).status_code == 405  # a link or prefetch cannot sign anyone out
    assert signed_in_user(client) == user
    response = client.post(LOGOUT)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) is None


def test_an_anonymous_fan_follows_the_reader_into_their_account(client, user):
    fan = Fan.objects.create(name="Mira the fan")
    with_fan_cookie(client, fan)
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    fan.refresh_from_db()
    assert fan.user == user and fan.name == "Mira the fan"
    # Another device, signed in to the same account, is the same fan with the same name.
    phone = Client()
    phone.post(LOGIN, {"username": "mira", "password": PASSWORD})
    request = phone.get(LOGIN).wsgi_request
    assert current_fan(request) == fan and current_fan(request).name == "Mira the fan"


def test_signing_up_keeps_the_anonymous_fan_too(client):
    fan = Fan.objects.create(name="New here")
    with_fan_cookie(client, fan)
    client.post(SIGNUP, {"username": "ann", "password1": PASSWORD, "password2": PASSWORD})
    fan.refresh_from_db()
    assert fan.user.username == "ann"


def test_an_account_with_a_fan_keeps_its_own(client, user):
    own = Fan.objects.create(name="Mira", user=user)
    stranger = Fan.objects.create(name="Someone on this computer")
    with_fan_cookie(client, stranger)
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    stranger.refresh_from_db()
    assert stranger.user is None
    assert current_fan(client.get(LOGIN).wsgi_request) == own


def test_a_fan_of_another_account_is_not_taken_over(client, user):
    other = get_user_model().objects.create_user("bo", password=PASSWORD)
    theirs = Fan.objects.create(name="Bo", user=other)
    with_fan_cookie(client, theirs)
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    theirs.refresh_from_db()
    assert theirs.user == other and not Fan.objects.filter(user=user).exists()


def test_logging_out_forgets_the_accounts_fan_on_this_browser(client, user):
    fan = Fan.objects.create(name="Mira")
    with_fan_cookie(client, fan)
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    response = client.post(LOGOUT)
    assert response.cookies[FAN_COOKIE].value == ""  # deleted
    assert current_fan(client.get(LOGIN).wsgi_request) is None


def test_logging_out_keeps_an_anonymous_fans_cookie(client, user):
    Fan.objects.create(name="Mira", user=user)
    anonymous = Fan.objects.create(name="Guest")
    with_fan_cookie(client, anonymous)
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    response = client.post(LOGOUT)
    assert FAN_COOKIE not in response.cookies
    assert current_fan(client.get(LOGIN).wsgi_request) == anonymous


def test_forms_without_the_csrf_token_are_refused(user):
    browser = Client(enforce_csrf_checks=True)
    for url, data in [(SIGNUP, {"username": "ann", "password1": PASSWORD,
                                "password2": PASSWORD}),
                      (LOGIN, {"username": "mira", "password": PASSWORD})]:
        assert browser.post(url, data).status_code == 403
    assert get_user_model().objects.count() == 1
    assert signed_in_user(browser) is None
    browser.get(LOGIN)  # sets the CSRF cookie, as a browser showing the form would
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value
    response = browser.post(LOGIN, {"username": "mira", "password": PASSWORD,
                                    "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.post(LOGOUT).status_code == 403  # signing out needs the token too
    assert signed_in_user(browser) == user
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value  # rotated on login
    assert browser.post(LOGOUT, {"csrfmiddlewaretoken": token}).status_code == 302
    assert signed_in_user(browser) is None


# --- password guessing and scripted sign-ups -----------------------------------------------

THROTTLED = "Too many failed sign-ins."


def test_wrong_passwords_lock_the_account_for_a_while_even_with_the_right_one(client, user):
    for _ in range(10):
        response = client.post(LOGIN, {"username": "mira", "password": "wrong-guess"})
        assert "Please enter a correct username and password" in response.content.decode()
    response = client.post(LOGIN, {"username": "MIRA", "password": PASSWORD})
    assert THROTTLED in response.content.decode() and signed_in_user(client) is None
    # another address, the same account: still refused (guessers spread over addresses)
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert THROTTLED in other.post(LOGIN, {"username": "mira",
                                           "password": PASSWORD}).content.decode()


def test_one_address_guessing_many_accounts_is_stopped(client, user):
    for n in range(50):
        client.post(LOGIN, {"username": f"someone{n}", "password": "wrong-guess"})
    response = client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    assert THROTTLED in response.content.decode() and signed_in_user(client) is None
    elsewhere = Client(REMOTE_ADDR="198.51.100.21")
    elsewhere.post(LOGIN, {"username": "mira", "password": PASSWORD})
    assert signed_in_user(elsewhere) is not None


def test_a_success_clears_the_account_failures(client, user):
    for _ in range(9):
        client.post(LOGIN, {"username": "mira", "password": "wrong-guess"})
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    assert signed_in_user(client) is not None
    client.post(LOGOUT)
    client.post(LOGIN, {"username": "mira", "password": "wrong-guess"})
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    assert signed_in_user(client) is not None


def test_the_admin_signs_in_through_the_throttled_site_page(client):
    get_user_model().objects.create_superuser("boss", "b@example.org", PASSWORD)
    response = client.get("/admin/login/?next=/admin/catalog/claim/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fcatalog%2Fclaim%2F"
    for _ in range(10):
        client.post(LOGIN, {"username": "boss", "password": "wrong-guess"})
    response = client.post(LOGIN, {"username": "boss", "password": PASSWORD,
                                   "next": "/admin/"})
    assert THROTTLED in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_a_signed_in_fan_is_told_the_admin_is_for_editors(client, user):
    client.post(LOGIN, {"username": "mira", "password": PASSWORD})
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "Not an editor account" in response.content.decode()


def test_scripted_signups_from_one_address_are_refused(client):
    made = 0
    for n in range(15):
        response = client.post(SIGNUP, {"username": f"bot{n}", "password1": PASSWORD,
                                        "password2": PASSWORD})
        if response.status_code == 302:
            made += 1
            client.post(LOGOUT)
    assert made == 10
    assert response.status_code == 429
    assert "Too many sign-ups from your network" in response.content.decode()
    assert get_user_model().objects.count() == 10
    fresh = Client(REMOTE_ADDR="198.51.100.22")
    assert fresh.post(SIGNUP, {"username": "human", "password1": PASSWORD,
                               "password2": PASSWORD}).status_code == 302


def test_probing_names_counts_against_the_signup_limit(client, user):
    for _ in range(10):
        client.post(SIGNUP, {"username": "mira", "password1": PASSWORD, "password2": PASSWORD})
    response = client.post(SIGNUP, {"username": "mira", "password1": PASSWORD,
                                    "password2": PASSWORD})
    assert response.status_code == 429
    assert "cannot be used" not in response.content.decode()
