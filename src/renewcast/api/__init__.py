"""The public JSON API under ``/api/`` (django-ninja), with its OpenAPI schema.

Read-only: shows, seasons, statuses, forecasts and the sourced facts behind them. The
schema is at ``/api/openapi.json`` and browsable docs at ``/api/docs`` (assets served
locally by the ``ninja`` app). Endpoints and examples are in ``docs/api.md``.
"""

from ninja import NinjaAPI

from renewcast.api import errors, facts, forecast, shows

api = NinjaAPI(
    title="renewcast API",
    version="1",
    urls_namespace="api",
    description="Sourced TV renewal statuses, Netflix Top 10 runs and renewal forecasts. "
    "Read-only; every fact carries its source.",
)
errors.install(api)
api.add_router("/shows", shows.router)
api.add_router("", forecast.router)
api.add_router("", facts.router)
api.add_router("", errors.fallback)  # last: it answers every path nothing else did

__all__ = ["api"]
