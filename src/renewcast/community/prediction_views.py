"""Placeholder: fan predictions, the leaderboard and fan pages (being built)."""

from django.http import Http404


def predict(request, slug, number):
    raise Http404


def leaderboard(request):
    raise Http404


def fan_page(request, pk):
    raise Http404
