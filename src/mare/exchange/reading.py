"""Items as one principal may see them: every held item goes through `policy.decide`.

The one place where rows meet the rules: statements (``statements``), and
messages (``messages``, ``message``). Callers audit what they showed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select

from mare.exchange import holdings
from mare.exchange.hub import Context
from mare.exchange.policy import Access, Holding, decide
from mare.store.exchange import messages as messages_table


def judged(
    ctx: Context, rows: Sequence[Row[Any]], access: Access = Access.READ
) -> list[tuple[Row[Any], Holding, bool]]:
    """Each statement row with its holding and whether ``access`` is allowed."""
    found = holdings.for_statements(ctx.conn, rows)
    return [
        (row, held, decide(ctx.who, access, held).allowed)
        for row, held in zip(rows, found, strict=True)
    ]


def statements(
    ctx: Context, rows: Sequence[Row[Any]], access: Access = Access.READ
) -> list[Row[Any]]:
    """The statement rows the principal may ``access``, in order."""
    return [row for row, _, ok in judged(ctx, rows, access) if ok]


def messages(ctx: Context, rows: Sequence[Row[Any]]) -> list[Row[Any]]:
    """The message rows (received ones) the principal may read, in order."""
    rows = [row for row in rows if row.status == "received"]
    found = holdings.for_messages(ctx.conn, rows)
    return [
        row
        for row, held in zip(rows, found, strict=True)
        if decide(ctx.who, Access.READ, held).allowed
    ]


def message(ctx: Context, message_id: str) -> Row[Any] | None:
    """A message the principal may read, or None (absent and withheld alike)."""
    row = ctx.conn.execute(select(messages_table).where(messages_table.c.id == message_id)).first()
    if row is None:
        return None
    shown = messages(ctx, [row])
    return shown[0] if shown else None
