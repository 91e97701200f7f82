"""Placeholder: comment views (being built)."""

from django.http import Http404, HttpResponseForbidden


def discussion(request, slug, number):
    raise Http404


def fragment(request, slug, number):
    raise Http404


def edit(request, pk):
    raise Http404


def report(request, pk):
    raise Http404


def like(request, pk):
    raise Http404


def csrf_failure(request, reason=""):
    return HttpResponseForbidden("CSRF verification failed.")
