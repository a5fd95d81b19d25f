"""Reading held data through the access hook: one entity, a search, an export.

Each value is decided on its own (`mare.exchange.reading`); nothing readable
and nothing held look the same to the caller, and the audit log tells them
apart (``withheld``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, func, or_, select

from mare.exchange import holdings, reading
from mare.exchange.audit import Action, Outcome
from mare.exchange.hub import Context
from mare.exchange.policy import Access, Permission, require
from mare.store.tables import entities, identifiers, statements

NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")
MAX_SEARCH = 200
EXPORT_CHUNK = 200


@dataclass(frozen=True, slots=True)
class Reading:
    """An entity as one principal may see it: ``statements`` holds only the allowed values."""

    entity: Row[Any] | None
    statements: list[Row[Any]]

    @property
    def found(self) -> bool:
        return self.entity is not None and bool(self.statements)


def _entities(ctx: Context, ids: list[str]) -> dict[str, Row[Any]]:
    if not ids:
        return {}
    return {row.id: row for row in ctx.conn.execute(select(entities).where(entities.c.id.in_(ids)))}


def readings(ctx: Context, entity_ids: list[str], access: Access) -> list[Reading]:
    """The entities (in order) with the values the principal may ``access``; unseen left out."""
    rows = holdings.statements_of(ctx.conn, entity_ids)
    shown: dict[str, list[Row[Any]]] = {}
    for row in reading.statements(ctx, rows, access):
        shown.setdefault(row.entity_id, []).append(row)
    held = _entities(ctx, [eid for eid in entity_ids if eid in shown])
    return [Reading(held[eid], shown[eid]) for eid in entity_ids if eid in held]


def read_entity(ctx: Context, entity_id: str) -> Reading:
    """The values of an entity the principal may read; each value is decided on its own."""
    require(ctx.who, Permission.DATA_READ)
    rows = holdings.statements_of(ctx.conn, [entity_id])
    shown = reading.statements(ctx, rows)
    owners = sorted({row.owner for row in shown})
    ctx.audit(
        Action.CONSULTATION,
        "entity.read",
        object_type="entity",
        object_ids=[entity_id],
        recipients=[ctx.who.organisation] if shown else [],
        outcome=Outcome.ALLOWED if shown else Outcome.DENIED,
        detail={"shown": len(shown), "withheld": len(rows) - len(shown), "owners": owners},
    )
    entity = _entities(ctx, [entity_id]).get(entity_id) if shown else None
    return Reading(entity, shown)


def search(ctx: Context, text: str, *, after: str = "", limit: int = 50) -> list[Reading]:
    """Entities with a name containing ``text`` (any case) or an identifier key equal to
    it (``phone:+218…``), by id, showing only what the principal may read."""
    require(ctx.who, Permission.DATA_READ)
    needle = text.strip()
    by_name = select(statements.c.entity_id).where(
        statements.c.prop.in_(NAME_PROPS),
        func.lower(statements.c.value).contains(needle.lower(), autoescape=True),
    )
    by_key = select(identifiers.c.entity_id).where(identifiers.c.key == needle)
    keyed = {
        sid
        for (sid,) in ctx.conn.execute(
            select(identifiers.c.statement_id).where(identifiers.c.key == needle)
        )
    }
    found: list[Reading] = []
    cursor = after
    while len(found) < limit:
        query = (
            select(entities.c.id)
            .where(or_(entities.c.id.in_(by_name), entities.c.id.in_(by_key)))
            .where(entities.c.id > cursor)
            .order_by(entities.c.id)
            .limit(MAX_SEARCH)
        )
        ids = [eid for (eid,) in ctx.conn.execute(query)]
        if not ids:
            break
        found += [r for r in readings(ctx, ids, Access.READ) if _matches(r, needle, keyed)]
        cursor = ids[-1]
        if len(ids) < MAX_SEARCH:
            break
    found = found[: limit + 1]
    ctx.audit(
        Action.SEARCH,
        "entity.search",
        object_type="entity",
        object_ids=[r.statements[0].entity_id for r in found[:limit]],
        recipients=[ctx.who.organisation] if found else [],
        detail={"query": needle[:200], "after": after, "returned": min(len(found), limit)},
    )
    return found


def _matches(found: Reading, needle: str, keyed: set[str]) -> bool:
    """The entity matched on a value the principal may read (not on a withheld one)."""
    low = needle.lower()
    return any(
        row.id in keyed or (row.prop in NAME_PROPS and low in row.value.lower())
        for row in found.statements
    )


def export(ctx: Context, entity_ids: list[str] | None = None) -> Iterator[Reading]:
    """Every entity (or these) with the values the principal may export, by id; the
    export is audited once, with the ids and owners it gave out."""
    require(ctx.who, Permission.DATA_READ)
    given: list[str] = []
    owners: set[str] = set()
    cursor = ""
    while True:
        if entity_ids is None:
            query = select(entities.c.id).where(entities.c.id > cursor)
            ids = [
                e for (e,) in ctx.conn.execute(query.order_by(entities.c.id).limit(EXPORT_CHUNK))
            ]
        else:
            ids = sorted(e for e in set(entity_ids) if e > cursor)[:EXPORT_CHUNK]
        if not ids:
            break
        for found in readings(ctx, ids, Access.EXPORT):
            given.append(found.statements[0].entity_id)
            owners.update(row.owner for row in found.statements)
            yield found
        cursor = ids[-1]
    ctx.audit(
        Action.EXPORT,
        "entity.export",
        object_type="entity",
        object_ids=given[:1000],
        recipients=[ctx.who.organisation] if given else [],
        detail={"entities": len(given), "owners": sorted(owners)},
    )
