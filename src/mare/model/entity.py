"""Entities assembled from their statements."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from followthemoney import model
from followthemoney.exc import InvalidData


class StatementLike(Protocol):
    @property
    def schema(self) -> str: ...
    @property
    def prop(self) -> str: ...
    @property
    def value(self) -> str: ...


def common_schema(names: Iterable[str]) -> str:
    """The most specific schema the fragments agree on (LegalEntity + Person = Person)."""
    result: str | None = None
    for name in names:
        if result is None or name == result:
            result = name
            continue
        try:
            result = model.common_schema(result, name).name
        except InvalidData:
            continue  # a conflicting fragment never got stored; keep the first
    if result is None:
        raise ValueError("an entity needs at least one statement")
    return result


def assemble(entity_id: str, rows: Iterable[StatementLike]) -> dict[str, Any]:
    """FtM entity dict (``id``, ``schema``, ``properties``) from statements.

    Values come back exactly as the sources sent them, each once, in first-seen order.
    """
    rows = list(rows)
    properties: dict[str, list[str]] = {}
    for row in rows:
        values = properties.setdefault(row.prop, [])
        if row.value not in values:
            values.append(row.value)
    schema = common_schema(row.schema for row in rows)
    return {"id": entity_id, "schema": schema, "properties": properties}
