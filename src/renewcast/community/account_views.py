"""Optional accounts: a fan who signs in keeps one name and history on every device.

Commenting and predicting never need an account (a signed cookie identifies an anonymous
fan). Signing up or in on a browser that already has such a cookie hands that fan to the
account, so what they wrote before signing in follows them, unless the account already
has a fan of its own. Signing out forgets an account's fan on this browser, so the next
person at a shared computer does not post under their name.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from renewcast.community import throttle
from renewcast.community.clients import FAN_COOKIE, FAN_SALT
from renewcast.community.models import Fan

TAKEN = "That user name cannot be used. Choose another."


class SignUpForm(UserCreationForm):
    """Django's form, with a plainer answer for a name in use than "A user with that
    username already exists"; the sign-up limit per address makes probing names slow."""

    def clean_username(self):
        username = self.cleaned_data.get("username")
        if username and self._meta.model.objects.filter(username__iexact=username).exists():
            raise ValidationError(TAKEN, code="unique")
        return username


def _cookie_fan_id(request) -> int | None:
    try:
        return int(request.get_signed_cookie(FAN_COOKIE, salt=FAN_SALT))
    except (KeyError, signing.BadSignature, ValueError):
        return None


def adopt_cookie_fan(request, user) -> Fan | None:
    """Give the browser's anonymous fan to ``user``, unless either is already taken."""
    pk = _cookie_fan_id(request)
    if pk is None or Fan.objects.filter(user=user).exists():
        return None
    try:
        with transaction.atomic():
            # Conditional, so a fan another account adopted meanwhile is left alone.
            linked = Fan.objects.filter(pk=pk, user__isnull=True).update(user=user)
    except IntegrityError:  # the same account signed in twice at once and won elsewhere
        return None
    return Fan.objects.get(pk=pk) if linked else None


def _safe_next(request) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, ""))
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    return target if safe else ""


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def signup(request):
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    form = SignUpForm(request.POST if request.method == "POST" else None)
    refusal = throttle.signup_refusal(request) if request.method == "POST" else None
    if refusal:
        form.is_valid()  # the typed name comes back; the refusal is the only message
        form.errors.clear()
        form.add_error(None, refusal)
        return render(request, "community/accounts/signup.html", {
            "form": form, "next": next_url, "page_title": "Create an account – renewcast"},
            status=429)
    if request.method == "POST":
        throttle.signup_tried(request)
    if form.is_valid():
        user = form.save()
        auth_login(request, user)
        adopt_cookie_fan(request, user)
        return redirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))
    return render(request, "community/accounts/signup.html", {
        "form": form, "next": next_url, "page_title": "Create an account – renewcast"})


class LoginView(auth_views.LoginView):
    template_name = "community/accounts/login.html"
    authentication_form = throttle.SignInForm
    redirect_authenticated_user = True
    extra_context = {"page_title": "Sign in – renewcast"}

    def form_valid(self, form):
        response = super().form_valid(form)
        adopt_cookie_fan(self.request, form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires) and drop an account's fan cookie."""

    def post(self, request, *args, **kwargs):
        pk = _cookie_fan_id(request)
        response = super().post(request, *args, **kwargs)
        # An anonymous fan's cookie stays: it is theirs with or without an account.
        if pk is not None and Fan.objects.filter(pk=pk, user__isnull=False).exists():
            response.delete_cookie(FAN_COOKIE, samesite="Lax")
        return response


login = LoginView.as_view()
logout = LogoutView.as_view()


def admin_sign_in(request, extra_context=None):
    """The admin's sign-in is the site's own page (one look, one throttle, a way back)."""
    target = request.GET.get(REDIRECT_FIELD_NAME) or resolve_url("admin:index")
    if request.user.is_authenticated and not request.user.is_staff:
        return render(request, "community/accounts/not_editor.html",
                      {"page_title": "Not an editor account – renewcast"}, status=403)
    if request.user.is_authenticated:
        return redirect(_safe_next(request) or resolve_url("admin:index"))
    return redirect(f"{resolve_url('login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


class SetPasswordView(auth_views.PasswordResetConfirmView):
    """Where ``renewcast editor add``'s one-time link leads."""

    template_name = "community/accounts/set_password.html"
    success_url = reverse_lazy("password-set")
    extra_context = {"page_title": "Choose your password – renewcast"}


set_password = SetPasswordView.as_view()
password_set = auth_views.PasswordResetCompleteView.as_view(
    template_name="community/accounts/password_set.html",
    extra_context={"page_title": "Password set – renewcast"})
