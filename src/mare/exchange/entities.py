"""Reading held data through the access hook (`mare.exchange.policy.decide`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select

from mare.exchange.audit import Action, Outcome
from mare.exchange.hub import Context
from mare.exchange.policy import Access, Holding, Permission, decide, require
from mare.store.tables import entities, statements


@dataclass(frozen=True, slots=True)
class Reading:
    """An entity as one principal may see it: ``statements`` holds only the allowed values."""

    entity: Row[Any] | None
    statements: list[Row[Any]]

    @property
    def found(self) -> bool:
        return self.entity is not None and bool(self.statements)


def holding(row: Row[Any]) -> Holding:
    return Holding(row.owner, row.handling, row.category, row.restriction)


def read_entity(ctx: Context, entity_id: str) -> Reading:
    """The values of an entity the principal may read; each value is decided on its own.

    Nothing readable and nothing held look the same to the caller; the audit
    log tells them apart (``withheld``).
    """
    require(ctx.who, Permission.DATA_READ)
    entity = ctx.conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    rows = list(
        ctx.conn.execute(
            select(statements)
            .where(statements.c.entity_id == entity_id)
            .order_by(statements.c.prop, statements.c.value, statements.c.first_seen)
        )
    )
    shown = [row for row in rows if decide(ctx.who, Access.READ, holding(row)).allowed]
    owners = sorted({row.owner for row in shown})
    ctx.audit(
        Action.CONSULTATION,
        "entity.read",
        object_type="entity",
        object_ids=[entity_id],
        outcome=Outcome.ALLOWED if shown else Outcome.DENIED,
        detail={"shown": len(shown), "withheld": len(rows) - len(shown), "owners": owners},
    )
    return Reading(entity if shown else None, shown)
