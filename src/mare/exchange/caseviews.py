"""A case as one participant sees it: participants, and what it may read of what was shared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select

from mare.exchange import cases, entities, reading
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.policy import Access
from mare.store.exchange import messages
from mare.store.tables import statements


@dataclass(frozen=True, slots=True)
class CaseView:
    row: Row[Any]
    participants: list[str]
    messages: list[str]  # linked messages the principal may read
    entities: list[str]  # linked entities with values the principal may read


def view(ctx: Context, row: Row[Any]) -> CaseView:
    links = cases.links(ctx, row.id)
    message_ids = [link.ref for link in links if link.kind == "message"]
    rows = list(ctx.conn.execute(select(messages).where(messages.c.id.in_(message_ids))))
    readable = {r.id for r in reading.messages(ctx, rows)}
    entity_ids = [link.ref for link in links if link.kind == "entity"]
    shown = {r.entity.id for r in entities.readings(ctx, entity_ids, Access.READ) if r.entity}
    return CaseView(
        row,
        cases.participants(ctx, row.id),
        [m for m in message_ids if m in readable],
        [e for e in entity_ids if e in shown],
    )


def read(ctx: Context, case_id: str) -> CaseView:
    found = view(ctx, cases.visible(ctx, case_id))
    ctx.audit(
        Action.CONSULTATION,
        "case.read",
        object_type="case",
        object_ids=[case_id],
        recipients=[ctx.who.organisation],
        detail={"messages": len(found.messages), "entities": len(found.entities)},
    )
    return found


def shared_entities(ctx: Context, case_id: str) -> list[str]:
    """The entities shared into a case (linked, or carried by a linked message)."""
    cases.visible(ctx, case_id)
    links = cases.links(ctx, case_id)
    ids = {link.ref for link in links if link.kind == "entity"}
    sources = [link.source_id for link in links if link.kind == "message" and link.source_id]
    if sources:
        query = select(statements.c.entity_id).where(statements.c.source_id.in_(sources))
        ids |= {eid for (eid,) in ctx.conn.execute(query.distinct())}
    return sorted(ids)
