"""Deliberate faults: records that a partner's system really gets wrong, and what the
hub must say about them.

A fault is applied to a message before it is written and recorded in the
truth with the field and the reason the hub gives (`mare.ingest`): an entity
exported without its schema, with a schema the model does not know or an
abstract one, without an id, with a property the schema does not have, a
value that is not text, a fragment whose schema cannot merge with the
entity's, and a whole message marked H3 without its restriction text (the
partner then sends it again, corrected).
"""

from __future__ import annotations

import random
from typing import Any

KINDS = (
    "no-schema",
    "unknown-schema",
    "abstract-schema",
    "no-id",
    "unknown-property",
    "not-text",
    "schema-conflict",
    "h3-without-restriction",
)
# kind -> (field, reason text the hub gives, whole entity rejected)
EXPECTED = {
    "no-schema": ("schema", "entity has no schema", True),
    "unknown-schema": ("schema", "unknown schema 'Suspect'", True),
    "abstract-schema": ("schema", "schema 'Thing' is abstract; use a concrete one", True),
    "no-id": ("id", "entity has no id", True),
    "unknown-property": ("mobile", "Person has no property 'mobile'", False),
    "not-text": ("birthDate", "is not text", False),
    "schema-conflict": ("schema", "cannot be merged into it", False),
    "h3-without-restriction": ("restriction", "handling code H3 needs its restriction text", True),
}


def apply(r: random.Random, kind: str, data: dict[str, Any]) -> dict[str, Any] | None:
    """Break ``data`` (a message) as ``kind`` says; the truth of the fault, or None when
    the message has nothing the fault applies to."""
    field, reason, whole = EXPECTED[kind]
    entities: list[dict[str, Any]] = data["entities"]
    people = [i for i, e in enumerate(entities) if e["schema"] == "Person"]
    others = [i for i, e in enumerate(entities) if e["schema"] != "Person"] or people
    if kind == "h3-without-restriction":
        data["handling"] = "H3"
        data.pop("restriction", None)
        return {"scope": "message", "field": field, "reason": reason}
    if not entities or (kind in ("unknown-property", "not-text", "schema-conflict") and not people):
        return None
    index = r.choice(
        people if kind in ("unknown-property", "not-text", "schema-conflict") else others
    )
    entity = entities[index]
    entity_id = entity["id"]
    if kind == "no-schema":
        entity["type"] = entity.pop("schema")
    elif kind == "unknown-schema":
        entity["schema"] = "Suspect"
    elif kind == "abstract-schema":
        entity["schema"] = "Thing"
    elif kind == "no-id":
        del entity["id"]
    elif kind == "unknown-property":
        entity["properties"]["mobile"] = list(entity["properties"].get("phone", ["n/a"]))
    elif kind == "not-text":
        entity["properties"]["birthDate"] = [{"day": 1, "month": 1, "year": 1990}]
    elif kind == "schema-conflict":
        name = entity["properties"].get("name", ["unknown"])
        entities.append({"id": entity_id, "schema": "Company", "properties": {"name": name}})
        index = len(entities) - 1
    return {
        "scope": "record",
        "entity": entity_id,
        "line": index + 1,
        "field": field,
        "reason": reason,
        "entity_rejected": whole,
    }
