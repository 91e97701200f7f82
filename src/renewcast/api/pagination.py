"""Limit/offset pagination with this API's bounds (50 by default, at most 200 a page).

ninja's :class:`~ninja.pagination.LimitOffsetPagination` reads its bounds from project
settings when it is imported; the API's own bounds live here instead, so a page size out
of range is a clear 400 rather than silently clipped, and an offset too large for the
database to take is refused before it reaches SQL.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000  # far past any real list, well inside SQL's integers


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT,
                       description=f"Items per page, 1 to {MAX_LIMIT}")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")


class Page(Schema):
    items: list[Any]
    count: int = Field(description="Items matching the filters, over all pages")
    limit: int
    offset: int


class Pagination(LimitOffsetPagination):
    Input = PageParams
    Output = Page

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(self, queryset, pagination: PageParams, request, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        return {**page, "limit": pagination.limit, "offset": pagination.offset}
