"""An organisation's inbox: list, read and acknowledge its notifications, and follow new ones.

Every user of an organisation reads that organisation's inbox, and nobody
reads another's: a notification of another organisation is "not found", the
same as one that does not exist. Every read is audited (``consultation``), an
acknowledgement too (``change``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Row, select

from mare.errors import NotFound
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.store.notices import notifications


@dataclass(frozen=True, slots=True)
class Filter:
    """Which notifications to list: all, or unread (or read) ones, of one kind."""

    unread: bool | None = None
    kind: str | None = None

    def facts(self) -> dict[str, Any]:
        return {"unread": self.unread, "kind": self.kind}


def _mine(ctx: Context) -> Any:
    return notifications.c.organisation == ctx.who.organisation


def _narrow(query: Any, where: Filter) -> Any:
    if where.unread is True:
        query = query.where(notifications.c.read_at.is_(None))
    elif where.unread is False:
        query = query.where(notifications.c.read_at.is_not(None))
    if where.kind is not None:
        query = query.where(notifications.c.kind == where.kind)
    return query


def list_notifications(
    ctx: Context, where: Filter = Filter(), *, before: int | None = None, limit: int = 50
) -> list[Row[Any]]:
    """A page of the caller's organisation's notifications, newest first, below seq ``before``.

    Returns up to ``limit + 1`` rows: the extra one only says there is more
    (`mare.api.pages.page`) and is not audited as read.
    """
    query = _narrow(select(notifications).where(_mine(ctx)), where)
    if before is not None:
        query = query.where(notifications.c.seq < before)
    rows = list(ctx.conn.execute(query.order_by(notifications.c.seq.desc()).limit(limit + 1)))
    shown = rows[:limit]
    ctx.audit(
        Action.CONSULTATION,
        "notification.list",
        object_type="notification",
        object_ids=[r.id for r in shown],
        detail={**where.facts(), "before": before, "returned": len(shown)},
    )
    return rows


def _one(ctx: Context, notification_id: str) -> Row[Any]:
    row = ctx.conn.execute(
        select(notifications).where(notifications.c.id == notification_id, _mine(ctx))
    ).first()
    if row is None:  # another organisation's is not shown to exist
        raise NotFound(f"no notification {notification_id!r}")
    return row


def read(ctx: Context, notification_id: str) -> Row[Any]:
    """One notification of the caller's organisation."""
    row = _one(ctx, notification_id)
    ctx.audit(
        Action.CONSULTATION,
        "notification.read",
        object_type="notification",
        object_ids=[row.id],
        detail={"kind": row.kind},
    )
    return row


def acknowledge(ctx: Context, notification_id: str) -> Row[Any]:
    """Mark a notification read, by the caller, now; the first acknowledgement stays."""
    row = _one(ctx, notification_id)
    if row.read_at is None:
        ctx.conn.execute(
            notifications.update()
            .where(notifications.c.id == row.id, notifications.c.read_at.is_(None))
            .values(read_at=datetime.now(UTC), read_by=ctx.who.user)
        )
    ctx.audit(
        Action.CHANGE,
        "notification.ack",
        object_type="notification",
        object_ids=[row.id],
        detail={"already": row.read_at is not None},
    )
    return _one(ctx, notification_id)


def after(ctx: Context, seq: int, where: Filter = Filter(), *, limit: int = 100) -> list[Row[Any]]:
    """The caller's organisation's notifications after ``seq``, oldest first (the stream).

    Audited only when it returns some: a quiet poll reads nothing.
    """
    query = _narrow(select(notifications).where(_mine(ctx), notifications.c.seq > seq), where)
    rows = list(ctx.conn.execute(query.order_by(notifications.c.seq).limit(limit)))
    if rows:
        ctx.audit(
            Action.CONSULTATION,
            "notification.stream",
            object_type="notification",
            object_ids=[r.id for r in rows],
            detail={**where.facts(), "after": seq, "returned": len(rows)},
        )
    return rows


def last_seq(ctx: Context) -> int:
    """The seq of the caller's organisation's newest notification (0 for none)."""
    query = select(notifications.c.seq).where(_mine(ctx))
    seq = ctx.conn.execute(query.order_by(notifications.c.seq.desc()).limit(1)).scalar()
    return int(seq or 0)


def as_dict(row: Row[Any]) -> dict[str, Any]:
    """A notification as the API, the stream and the webhooks show it."""
    return {
        "id": row.id,
        "organisation": row.organisation,
        "seq": row.seq,
        "kind": row.kind,
        "subject": {"type": row.subject_type, "id": row.subject_id},
        "summary": row.summary,
        "payload": orjson.loads(row.payload),
        "created_at": row.created_at,
        "read_at": row.read_at,
        "read_by": row.read_by,
    }
