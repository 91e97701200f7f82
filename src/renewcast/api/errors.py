"""Every API failure as a JSON ``{"detail": ...}``: never an HTML page or a traceback.

ninja answers a bad parameter with a 422 listing pydantic's raw errors; here it is a 400
whose ``detail`` names each parameter and what was wrong with it, with the same facts in
``errors`` for programs. An unknown show is a 404 with the closest titles, an unknown
path under ``/api/`` a 404 pointing at the docs, and an unexpected error a logged 500
that says nothing about the internals.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from ninja import NinjaAPI, Router
from ninja.errors import ValidationError

from renewcast.catalog.lookup import close_matches
from renewcast.catalog.models import Show

logger = logging.getLogger("renewcast.api")

# Where ninja puts a parameter in an error's ``loc``: its source and the argument name
# it travels under, neither of which the caller typed.
_WRAPPERS = {"query", "path", "body", "header", "cookie", "ninja_pagination", "filters"}


class ShowNotFound(Exception):
    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(slug)


class NotFound(Exception):
    """A 404 about something inside a show that exists (a season number, say)."""

    def __init__(self, detail: str, **extra):
        self.detail, self.extra = detail, extra
        super().__init__(detail)


def _parameter(loc) -> str:
    names = [str(part) for part in loc if str(part) not in _WRAPPERS]
    return ".".join(names) or "request"


def describe(errors: list[dict]) -> list[dict]:
    out = []
    for error in errors:
        loc = error.get("loc", ())
        where = next((p for p in loc if p in ("query", "path")), "query")
        out.append({"parameter": _parameter(loc), "location": where,
                    "message": error.get("msg", "")})
    return out


def close_to(slug: str) -> list[dict]:
    return [{"title": s.title, "slug": s.slug, "api_url": f"/api/shows/{s.slug}"}
            for s in close_matches(slug.replace("-", " "))]


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (replacing ninja's validation and 500 ones)."""

    def bad_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = describe(exc.errors)
        detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        return api.create_response(
            request, {"detail": f"Bad request: {detail}", "errors": errors}, status=400
        )

    def show_not_found(request: HttpRequest, exc: ShowNotFound) -> HttpResponse:
        matches = close_to(exc.slug)
        detail = f"No show with slug {exc.slug!r}"
        if matches:
            detail += "; did you mean: " + ", ".join(m["title"] for m in matches)
        return api.create_response(
            request, {"detail": detail, "close_matches": matches}, status=404
        )

    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return api.create_response(request, {"detail": exc.detail, **exc.extra}, status=404)

    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s", request.path)
        return api.create_response(request, {"detail": "Internal server error"}, status=500)

    api.add_exception_handler(ValidationError, bad_request)
    api.add_exception_handler(ShowNotFound, show_not_found)
    api.add_exception_handler(NotFound, not_found)
    api.add_exception_handler(Exception, server_error)


def get_show(slug: str, queryset=None) -> Show:
    """The show with ``slug``, or :class:`ShowNotFound` (a 404 with close matches)."""
    if "\x00" in slug:  # no slug has one, and PostgreSQL refuses it in a query
        raise ShowNotFound(slug.replace("\x00", ""))
    show = (queryset if queryset is not None else Show.objects).listed().filter(
        slug=slug).first()
    if show is None:
        raise ShowNotFound(slug)
    return show


fallback = Router(tags=["meta"])


@fallback.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}",
                        include_in_schema=False)
def no_such_endpoint(request: HttpRequest, rest: str):
    """Any other path under /api/: a JSON 404 (Django's would be the site's HTML page)."""
    detail = f"No API endpoint at {request.path}; see /api/docs"
    if request.path.endswith("/"):
        try:
            match = resolve(request.path.rstrip("/"))
        except Resolver404:
            match = None
        if match is not None and "rest" not in match.kwargs:
            detail = f"No API endpoint at {request.path}; did you mean {request.path[:-1]}?"
    return JsonResponse({"detail": detail}, status=404)
