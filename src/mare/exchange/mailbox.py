"""Reading messages: one, a list, a thread; each message through `policy.decide`.

A message (its header, text and attachments) is read by its sender, its
recipients, and the participants of an open case its sender shared it into
(not when it is H2 and they were not recipients). Its entities come with the
values the reader may read, each decided on its own: a recipient of a
message reads its values; a hub analyst reads a victim's only with a stated
purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, or_, select

from mare.errors import NotFound
from mare.exchange import reading
from mare.exchange.audit import Action
from mare.exchange.entities import Reading
from mare.exchange.hub import Context
from mare.exchange.policy import Permission, require
from mare.store.exchange import case_links, case_participants, cases, message_recipients, messages
from mare.store.tables import entities, statements

PAGE = 200


@dataclass(frozen=True, slots=True)
class Letter:
    """A message as one principal may read it."""

    row: Row[Any]
    recipients: list[str]
    entities: list[Reading]


def recipients_of(ctx: Context, message_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {m: [] for m in message_ids}
    if message_ids:
        query = select(message_recipients).where(message_recipients.c.message_id.in_(message_ids))
        for row in ctx.conn.execute(query.order_by(message_recipients.c.organisation)):
            out[row.message_id].append(row.organisation)
    return out


def _entities(ctx: Context, message: Row[Any]) -> list[Reading]:
    rows = list(
        ctx.conn.execute(
            select(statements)
            .where(statements.c.source_id == message.source_id)
            .order_by(statements.c.entity_id, statements.c.prop, statements.c.value)
        )
    )
    shown: dict[str, list[Row[Any]]] = {}
    for row in reading.statements(ctx, rows):
        shown.setdefault(row.entity_id, []).append(row)
    held = (
        {
            row.id: row
            for row in ctx.conn.execute(select(entities).where(entities.c.id.in_(list(shown))))
        }
        if shown
        else {}
    )
    return [Reading(held[eid], shown[eid]) for eid in sorted(shown) if eid in held]


def read(ctx: Context, message_id: str) -> Letter:
    require(ctx.who, Permission.MESSAGES_READ)
    row = reading.message(ctx, message_id)
    if row is None:  # the error handler records the denial
        raise NotFound(f"no message {message_id!r} that you may read")
    found = _entities(ctx, row)
    ctx.audit(
        Action.CONSULTATION,
        "message.read",
        object_type="message",
        object_ids=[message_id],
        recipients=[ctx.who.organisation],
        detail={
            "sender": row.sender,
            "entities": len(found),
            "values": sum(len(r.statements) for r in found),
        },
    )
    return Letter(row, recipients_of(ctx, [row.id])[row.id], found)


def _candidates(ctx: Context) -> Any:
    """Messages the principal's organisation sent, received, or may see through a case
    (the rule itself is `policy.decide`'s: this only narrows the scan)."""
    org = ctx.who.organisation
    received = select(message_recipients.c.message_id).where(
        message_recipients.c.organisation == org
    )
    shared = (
        select(case_links.c.ref)
        .join(cases, cases.c.id == case_links.c.case_id)
        .join(case_participants, case_participants.c.case_id == case_links.c.case_id)
        .where(
            case_links.c.kind == "message",
            cases.c.status == "open",
            case_participants.c.organisation == org,
        )
    )
    return or_(messages.c.sender == org, messages.c.id.in_(received), messages.c.id.in_(shared))


def listing(
    ctx: Context, *, after: str = "", limit: int = 50, thread: str | None = None
) -> list[Letter]:
    """Messages the principal may read, oldest first (``limit + 1`` at most: the page's
    extra row says there is more)."""
    require(ctx.who, Permission.MESSAGES_READ)
    shown: list[Row[Any]] = []
    cursor = after
    while len(shown) <= limit:
        query = select(messages).where(_candidates(ctx), messages.c.id > cursor)
        if thread is not None:
            query = query.where(messages.c.thread_id == thread)
        rows = list(ctx.conn.execute(query.order_by(messages.c.id).limit(PAGE)))
        if not rows:
            break
        shown += reading.messages(ctx, rows)
        cursor = rows[-1].id
        if len(rows) < PAGE:
            break
    shown = shown[: limit + 1]
    people = recipients_of(ctx, [r.id for r in shown])
    ctx.audit(
        Action.CONSULTATION,
        "message.thread" if thread else "message.list",
        object_type="message",
        object_ids=[r.id for r in shown[:limit]],
        recipients=[ctx.who.organisation] if shown else [],
        detail={"after": after, "thread": thread, "returned": min(len(shown), limit)},
    )
    return [Letter(r, people[r.id], []) for r in shown]


def thread(ctx: Context, message_id: str, *, after: str = "", limit: int = 50) -> list[Letter]:
    """The messages of a message's thread that the principal may read."""
    require(ctx.who, Permission.MESSAGES_READ)
    row = reading.message(ctx, message_id)
    if row is None:  # the error handler records the denial
        raise NotFound(f"no message {message_id!r} that you may read")
    return listing(ctx, after=after, limit=limit, thread=row.thread_id)
