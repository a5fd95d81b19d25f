"""Checking the audit chain, and purging entries past their keep-until date.

`verify` walks the chain from its start (the first entry ever, or the signed
checkpoint a purge left) and reports the first entry that was altered, removed,
inserted or moved; then it checks the last entry against the signed head, so a
cut-off tail is caught too. `purge` deletes the entries whose three years are
over and leaves a signed checkpoint where the kept chain now starts, so the
chain still verifies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Row, func, select

from mare.exchange import chain
from mare.exchange.audit import entries
from mare.exchange.keys import Keys
from mare.store.tables import audit_log, audit_marks

CHUNK = 5000


@dataclass(frozen=True, slots=True)
class Verdict:
    """What `verify` found: ``problem`` is None when the chain is intact."""

    entries: int
    head_seq: int
    head_hash: str
    first_seq: int  # where the kept chain starts (1, or the checkpoint's seq + 1)
    problem: str | None = None
    seq: int | None = None  # the first entry found wrong

    @property
    def ok(self) -> bool:
        return self.problem is None


def _mark(conn: Connection, name: str) -> Row[Any] | None:
    return conn.execute(select(audit_marks).where(audit_marks.c.name == name)).first()


def _signed(keys: Keys, mark: Row[Any]) -> bool:
    return keys.signed(chain.mark_text(mark.name, mark.seq, mark.hash), mark.signature)


def verify(conn: Connection, keys: Keys) -> Verdict:
    """Walk the whole chain; the first fault found is reported with its seq."""
    head = _mark(conn, "head")
    checkpoint = _mark(conn, "checkpoint")
    seq, prev = (checkpoint.seq, checkpoint.hash) if checkpoint else (0, chain.GENESIS)
    start = seq + 1
    head_seq, head_hash = (head.seq, head.hash) if head else (0, chain.GENESIS)

    def verdict(count: int, problem: str | None = None, at: int | None = None) -> Verdict:
        return Verdict(count, head_seq, head_hash, start, problem, at)

    if checkpoint is not None and not _signed(keys, checkpoint):
        return verdict(0, "the purge checkpoint's signature does not match", checkpoint.seq)
    first = conn.execute(select(func.min(audit_log.c.seq))).scalar()
    if first is not None and first <= seq:
        return verdict(0, f"entry {first} lies before the chain's start (the checkpoint)", first)
    count, seq, prev, problem, at = _walk(conn, seq, prev)
    if problem:
        return verdict(count, problem, at)
    if head is None:
        return verdict(count, "the head of the chain is missing", seq) if count else verdict(0)
    if head.seq == 0 and not head.signature and count == 0 and checkpoint is None:
        return verdict(count)  # an empty log, as the migration left it
    if not _signed(keys, head):
        return verdict(
            count, "the head's signature does not match (wrong MARE_SECRET_KEY?)", head.seq
        )
    if (head.seq, head.hash) != (seq, prev):
        if head.seq > seq:
            return verdict(
                count,
                f"the log ends at entry {seq} but the head says {head.seq}: truncated",
                seq + 1,
            )
        return verdict(count, f"the head says entry {head.seq}, the log ends at {seq}", head.seq)
    return verdict(count)


def _walk(conn: Connection, seq: int, prev: str) -> tuple[int, int, str, str | None, int | None]:
    """Follow the chain from (seq, prev): (entries checked, last seq, last hash, fault, where)."""
    count = 0
    while True:
        rows = entries(conn, after=seq, limit=CHUNK)
        for row in rows:
            expected = seq + 1
            if row.seq != expected:
                return (
                    count,
                    seq,
                    prev,
                    f"entry {expected} is missing (the next is {row.seq})",
                    expected,
                )
            if row.prev_hash != prev:
                problem = (
                    f"entry {row.seq} does not follow entry {seq}: removed, inserted or reordered"
                )
                return count, seq, prev, problem, row.seq
            if chain.entry_hash(dict(row._mapping)) != row.hash:
                return (
                    count,
                    seq,
                    prev,
                    f"entry {row.seq} was altered: its hash does not match",
                    row.seq,
                )
            seq, prev = row.seq, row.hash
            count += 1
        if len(rows) < CHUNK:
            return count, seq, prev, None, None


def purge(conn: Connection, keys: Keys, today: date | None = None) -> int:
    """Delete the entries whose keep-until date has passed; leave a signed checkpoint.

    ``keep_until`` grows with ``seq``, so the purged entries are a prefix of the
    chain; the checkpoint keeps the last purged seq and hash, where the kept
    chain hooks on. Returns how many entries went.
    """
    day = today or datetime.now(UTC).date()
    last = conn.execute(
        select(audit_log.c.seq, audit_log.c.hash)
        .where(audit_log.c.keep_until < day)
        .order_by(audit_log.c.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return 0
    gone = conn.execute(audit_log.delete().where(audit_log.c.seq <= last.seq)).rowcount
    mark = {
        "seq": last.seq,
        "hash": last.hash,
        "at": datetime.now(UTC),
        "signature": keys.sign(chain.mark_text("checkpoint", last.seq, last.hash)),
    }
    updated = conn.execute(
        audit_marks.update().where(audit_marks.c.name == "checkpoint").values(**mark)
    ).rowcount
    if not updated:
        conn.execute(audit_marks.insert().values(name="checkpoint", **mark))
    return int(gone)
