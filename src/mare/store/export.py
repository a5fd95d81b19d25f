"""Entities out of the store as FtM entity dicts (JSON lines round-trip losslessly)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any

from mare.model.entity import assemble
from mare.store.store import Store


def iter_entities(store: Store) -> Iterator[dict[str, Any]]:
    for entity_id, rows in groupby(store.iter_statements(), key=lambda row: row.entity_id):
        yield assemble(entity_id, rows)
