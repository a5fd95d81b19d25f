"""The audit log: append-only, hash-chained, with a signed head.

Every path that collects, changes, consults, searches, discloses, exports,
transfers or erases data — and every administrative change and failed log-in —
makes one call, `record`, inside the transaction of what it records where it
can. The head mark (seq and hash of the last entry, HMAC-signed) is updated in
the same transaction, so cutting off the tail is caught by `mare.exchange.verify`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import Connection, Row, bindparam, select

from mare.exchange import chain
from mare.exchange.keys import Keys
from mare.exchange.principal import Principal
from mare.model.provenance import review_date
from mare.store.tables import audit_log, audit_marks

KEEP_YEARS = 3  # log entries are kept three years (review_date's rule)


class Action(StrEnum):
    """What was done, in the legal framework's words (plus the hub's own housekeeping)."""

    COLLECTION = "collection"
    CHANGE = "change"
    CONSULTATION = "consultation"
    SEARCH = "search"
    DISCLOSURE = "disclosure"
    EXPORT = "export"
    TRANSFER = "transfer"
    COMBINATION = "combination"
    ERASURE = "erasure"
    AUTHENTICATION = "authentication"  # a log-in or token use (failed ones at least)
    ADMINISTRATION = "administration"  # organisations, users, tokens


class Outcome(StrEnum):
    ALLOWED = "allowed"
    DENIED = "denied"
    ERROR = "error"  # the operation failed on the hub's side


def _json(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def keep_until(at: datetime) -> date:
    """The day an entry may be purged: three years after it was written."""
    return review_date(at)


_LOCK = audit_marks.update().where(audit_marks.c.name == "head").values(seq=audit_marks.c.seq)
_HEAD = select(audit_marks.c.seq, audit_marks.c.hash).where(audit_marks.c.name == "head")
_APPEND = audit_log.insert()
_MOVE = (
    audit_marks.update()
    .where(audit_marks.c.name == "head")
    .values(
        seq=bindparam("head_seq"),
        hash=bindparam("head_hash"),
        at=bindparam("head_at"),
        signature=bindparam("head_signature"),
    )
)


def record(
    conn: Connection,
    keys: Keys,
    principal: Principal | None,
    action: Action,
    operation: str,
    *,
    object_type: str | None = None,
    object_ids: Iterable[str] = (),
    recipients: Iterable[str] = (),
    outcome: Outcome = Outcome.ALLOWED,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
    head: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Append one entry to the chain (in ``conn``'s transaction) and move the head.

    ``head`` is where this transaction keeps the head it last wrote (a
    `Context`'s memo): the transaction holds the head's lock from its first
    append to its commit, so later appends in it need not lock and read it again.
    """
    if head is not None and "seq" in head:
        seq, prev_hash = head["seq"], head["hash"]
    else:
        # A write first: on PostgreSQL it locks the head row, on SQLite it takes the
        # write lock, so concurrent writers append in turn and see each other's head.
        conn.execute(_LOCK)
        seq, prev_hash = conn.execute(_HEAD).one()
    stamp = at or datetime.now(UTC)
    facts = dict(detail or {})
    if principal is not None:
        facts.setdefault("via", principal.via)
        if principal.token:
            facts.setdefault("token", principal.token)
    entry: dict[str, Any] = {
        "seq": seq + 1,
        "at": stamp,
        "actor_user": principal.user if principal else None,
        "actor_org": principal.organisation if principal else None,
        "actor_role": principal.role.value if principal else None,
        "action": action.value,
        "operation": operation,
        "purpose": principal.purpose if principal else None,
        "object_type": object_type,
        "object_ids": _json(list(object_ids)),
        "recipients": _json(list(recipients)),
        "outcome": outcome.value,
        "detail": _json(facts),
        "keep_until": keep_until(stamp),
        "prev_hash": prev_hash,
    }
    entry["hash"] = chain.entry_hash(entry)
    conn.execute(_APPEND, entry)
    conn.execute(
        _MOVE,
        {
            "head_seq": entry["seq"],
            "head_hash": entry["hash"],
            "head_at": stamp,
            "head_signature": keys.sign(chain.mark_text("head", entry["seq"], entry["hash"])),
        },
    )
    if head is not None:
        head["seq"], head["hash"] = entry["seq"], entry["hash"]
    return entry


def entries(conn: Connection, *, after: int = 0, limit: int = 100) -> list[Row[Any]]:
    """Entries in chain order, from ``after`` (exclusive)."""
    query = select(audit_log).where(audit_log.c.seq > after)
    return list(conn.execute(query.order_by(audit_log.c.seq).limit(limit)))


def as_dict(row: Row[Any]) -> dict[str, Any]:
    """An entry for display: JSON columns decoded."""
    data = dict(row._mapping)
    for name in ("object_ids", "recipients", "detail"):
        data[name] = orjson.loads(data[name])
    return data
