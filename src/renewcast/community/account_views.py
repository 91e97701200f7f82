"""Placeholder: optional accounts (being built)."""

from django.http import Http404


def signup(request):
    raise Http404


def login(request):
    raise Http404


def logout(request):
    raise Http404
