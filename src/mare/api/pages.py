"""Pagination: keyset, with an opaque cursor.

A list takes ``limit`` (1..200, default 50) and ``cursor`` (from the previous
page's ``next_cursor``) and returns ``{"items": [...], "next_cursor": ...}``;
``next_cursor`` is null on the last page. The cursor encodes the sort key of the
last item returned (base64url), so pages stay stable while rows are added.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from mare.errors import InvalidValue

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")
Row = TypeVar("Row")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page (at most 200)")]
Cursor = Annotated[
    str | None, Query(max_length=200, description="`next_cursor` of the previous page")
]


def encode(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii").rstrip("=")


def decode(cursor: str | None) -> str:
    """The key a cursor stands for ('' for the first page)."""
    if not cursor:
        return ""
    try:
        return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidValue("not a cursor from this API", field="query.cursor") from None


def decode_int(cursor: str | None) -> int:
    key = decode(cursor)
    if not key:
        return 0
    if not key.isdigit() or len(key) > 18:
        raise InvalidValue("not a cursor from this API", field="query.cursor")
    return int(key)


def page(
    rows: Sequence[Row], limit: int, key: Callable[[Row], str], item: Callable[[Row], T]
) -> Page[T]:
    """A page from ``limit + 1`` fetched rows: the extra row only says there is more."""
    shown = list(rows[:limit])
    more = len(rows) > limit and bool(shown)
    return Page[T](
        items=[item(r) for r in shown], next_cursor=encode(key(shown[-1])) if more else None
    )
