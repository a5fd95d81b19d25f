"""Pagination: keyset, by the sort key of the last item.

A list takes ``limit`` (1..200, default 50) and ``cursor`` and returns
``{"items": [...], "next_cursor": ...}``. ``next_cursor`` is the sort key of
the last item returned (an id; a sequence number for the audit log), to send
back as ``cursor`` for the next page; it is null on the last page. Pages stay
stable while rows are added, and every cursor the spec allows is a valid one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from mare.api.schemas import ORG_ID, TOKEN_ID, USER_ID
from mare.exchange.ids import pattern

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")
Row = TypeVar("Row")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 200)")]


_CURSOR = "`next_cursor` of the previous page"
OrgCursor = Annotated[str | None, Query(pattern=ORG_ID, description=_CURSOR)]
UserCursor = Annotated[str | None, Query(pattern=USER_ID, description=_CURSOR)]
TokenCursor = Annotated[str | None, Query(pattern=TOKEN_ID, description=_CURSOR)]
SeqCursor = Annotated[str | None, Query(pattern=r"^[0-9]{1,18}$", description=_CURSOR)]
MessageCursor = Annotated[str | None, Query(pattern=pattern("m"), description=_CURSOR)]
CaseCursor = Annotated[str | None, Query(pattern=pattern("c"), description=_CURSOR)]
HitCursor = Annotated[str | None, Query(pattern=pattern("h"), description=_CURSOR)]
EntityCursor = Annotated[str | None, Query(min_length=1, max_length=255, description=_CURSOR)]


def page(
    rows: Sequence[Row], limit: int, key: Callable[[Row], str], item: Callable[[Row], T]
) -> Page[T]:
    """A page from ``limit + 1`` fetched rows: the extra row only says there is more."""
    shown = list(rows[:limit])
    more = len(rows) > limit and bool(shown)
    return Page[T](items=[item(r) for r in shown], next_cursor=key(shown[-1]) if more else None)
