"""A statement: one value of one entity, with the provenance Mare keeps around it.

Statements are rows of the ``statements`` table: ``value`` is exactly what the
source sent (export writes it back unchanged), ``norm`` Mare's normalised
form, ``valid``/``reason`` the normaliser's verdict, and the provenance
columns who sent it, under which codes, and when it is due for review.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache
from typing import Any

from mare.model.provenance import Provenance


def statement_id(source_id: str, entity_id: str, prop: str, value: str) -> str:
    """Stable id: the same value of the same entity from the same source is one statement.

    Re-sending the same data therefore never duplicates it.
    """
    key = f"{source_id}\x1f{entity_id}\x1f{prop}\x1f{value}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1024)
def _provenance_columns(prov: Provenance, seen: datetime) -> dict[str, Any]:
    return {
        "source_id": prov.source_id,
        "owner": prov.owner,
        "handling": prov.handling.value,
        "restriction": prov.restriction,
        "evaluation": str(prov.evaluation),
        "category": prov.category.value if prov.category else None,
        "first_seen": seen,
        "last_seen": seen,
        "review_date": prov.review,
    }


def statement_row(
    entity_id: str,
    schema: str,
    prop: str,
    prop_type: str,
    value: str,
    norm: str | None,
    valid: bool,
    reason: str | None,
    prov: Provenance,
    seen: datetime,
) -> dict[str, Any]:
    """The row of the ``statements`` table for one value."""
    row = {
        "id": statement_id(prov.source_id, entity_id, prop, value),
        "entity_id": entity_id,
        "schema": schema,
        "prop": prop,
        "prop_type": prop_type,
        "value": value,
        "norm": norm,
        "valid": valid,
        "reason": reason,
    }
    row.update(_provenance_columns(prov, seen))
    return row
