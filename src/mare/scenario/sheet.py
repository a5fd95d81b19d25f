"""One partner's message as it is being written: its entities and their truth.

A partner gives each thing its own id, the same every time it reports that
thing (``it-sco-p-3f9a1c0b2d7e4f60``: prefix, schema letter, a digest of the
partner and the thing), so its later messages update its earlier entities;
another partner's id for the same thing is different. Entities added twice
to one message are merged. Every entity gets a truth record: which real thing
it is, which identity (for people), which values name which phone, document,
account or vessel, and the noise applied.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mare.scenario.dice import digest
from mare.scenario.partners import Partner
from mare.scenario.world import World


@dataclass(slots=True)
class Value:
    """An identifier-bearing value and the real thing it names."""

    prop: str
    value: str
    thing: str
    tags: list[str] = field(default_factory=list)
    invalid: str = ""  # why the value is deliberately not valid

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"prop": self.prop, "value": self.value, "thing": self.thing}
        if self.tags:
            out["noise"] = self.tags
        if self.invalid:
            out["invalid"] = self.invalid
        return out


@dataclass(slots=True)
class Sheet:
    world: World
    partner: Partner
    r: random.Random
    when: datetime
    event: str
    network: str
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    truth: dict[str, dict[str, Any]] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)  # for the subject and text

    def eid(self, letter: str, key: str) -> str:
        """This partner's id for a thing (``key`` names the thing, or the identity)."""
        return f"{self.partner.prefix}-{letter}-{digest(self.world.seed, self.partner.id, key)}"

    def has(self, entity_id: str) -> bool:
        return entity_id in self.entities

    def add(
        self,
        entity_id: str,
        schema: str,
        props: dict[str, list[str]],
        thing: str,
        *,
        values: list[Value] | None = None,
        noise: list[str] | None = None,
        category: str | None = None,
        identity: str | None = None,
        flags: dict[str, Any] | None = None,
    ) -> str:
        """Add (or merge into) an entity of this message with its truth."""
        props = {k: v for k, v in props.items() if v}
        entity = self.entities.get(entity_id)
        if entity is None:
            self.entities[entity_id] = {"id": entity_id, "schema": schema, "properties": props}
            self.truth[entity_id] = {
                "kind": "record",
                "entity": entity_id,
                "schema": schema,
                "thing": thing,
                "identity": identity,
                "category": category,
                "values": [],
                "noise": [],
                **(flags or {}),
            }
        else:
            held = entity["properties"]
            for prop, items in props.items():
                held[prop] = list(dict.fromkeys([*held.get(prop, []), *items]))
        record = self.truth[entity_id]
        record["values"].extend(v.as_json() for v in values or ())
        record["noise"] = list(dict.fromkeys([*record["noise"], *(noise or ())]))
        if category:
            self.categories[entity_id] = category
            record["category"] = category
        return entity_id

    def link(self, schema: str, props: dict[str, list[str]], kind: str) -> str:
        """A relation entity (Associate, UnknownLink, Ownership...): a thing of its own."""
        thing = self.world.new_id("K")
        self.world.emit({"kind": "link", "id": thing, "type": kind})
        return self.add(self.eid(schema[0].lower(), thing), schema, props, thing)
