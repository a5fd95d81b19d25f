"""A statement: one value of one entity, with the provenance Mare keeps around it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from mare.model.provenance import Provenance


def statement_id(source_id: str, entity_id: str, prop: str, value: str) -> str:
    """Stable id: the same value of the same entity from the same source is one statement.

    Re-sending the same data therefore never duplicates it.
    """
    key = f"{source_id}\x1f{entity_id}\x1f{prop}\x1f{value}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Statement:
    """One value of one entity as a source reported it.

    ``value`` is exactly what the source sent (export writes it back
    unchanged); ``norm`` is Mare's normalised form, ``valid``/``reason`` the
    verdict of the normaliser for the value's kind.
    """

    id: str
    entity_id: str
    schema: str
    prop: str
    prop_type: str
    value: str
    norm: str | None
    valid: bool
    reason: str | None
    provenance: Provenance
    first_seen: datetime
    last_seen: datetime

    @property
    def review_date(self) -> date | None:
        return self.provenance.review

    def to_row(self) -> dict[str, Any]:
        """The row of the ``statements`` table (columns in table order)."""
        return {
            "id": self.id,
            "entity_id": self.entity_id,
            "schema": self.schema,
            "prop": self.prop,
            "prop_type": self.prop_type,
            "value": self.value,
            "norm": self.norm,
            "valid": self.valid,
            "reason": self.reason,
            **_provenance_columns(self.provenance),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "review_date": self.review_date,
        }


@lru_cache(maxsize=1024)
def _provenance_columns(prov: Provenance) -> dict[str, Any]:
    return {
        "source_id": prov.source_id,
        "owner": prov.owner,
        "handling": prov.handling.value,
        "restriction": prov.restriction,
        "evaluation": str(prov.evaluation),
        "category": prov.category.value if prov.category else None,
    }
