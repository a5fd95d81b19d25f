"""The index tables on the hot path: read and written through the DBAPI cursor.

A message of 20 entities reads some thousands of postings and counts; through
SQLAlchemy Core each row costs more than the database takes to find it, so
the index's reads and writes go to the driver directly (one statement per
set of values: ``= ANY(array)`` on PostgreSQL, ``IN`` lists of up to
`CHUNK` on SQLite). Blocking keys are stored as a 63-bit hash of their text
(`key_hash`); a record keeps its own keys packed (`pack`), so a changed
record's keys are diffed without a second index on the postings.
"""

from __future__ import annotations

import hashlib
import struct
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection

from mare.match.blocking import GENERIC

CHUNK = 900  # values per IN list on SQLite (older builds allow 999 variables)


@lru_cache(maxsize=1 << 18)
def key_hash(text: str) -> int:
    """A stable signed 63-bit hash of a blocking key."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True) >> 1


def pack(hashes: Iterable[int]) -> bytes:
    """Key hashes as bytes (little-endian 64-bit, sorted)."""
    found = sorted(hashes)
    return struct.pack(f"<{len(found)}q", *found)


def unpack(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}q", blob)


class Tables:
    """Reads and writes of ``match_records``, ``match_keys`` and ``match_key_counts``
    inside the transaction of ``conn``."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.pg = conn.dialect.name == "postgresql"
        self.mark = "%s" if self.pg else "?"
        if self.pg:  # a plan cached on a small table would scan it whole once grown
            conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")

    def _cursor(self) -> Any:
        return self.conn.connection.cursor()

    def select_in(self, sql: str, values: Collection[Any]) -> list[tuple[Any, ...]]:
        """Rows of ``sql`` whose ``IN_LIST`` test holds for any of these values."""
        if not values:
            return []
        items = list(values)
        cursor = self._cursor()
        try:
            if self.pg:
                cursor.execute(sql.replace(" IN_LIST", " = ANY(%s)"), (items,))
                return list(cursor.fetchall())
            out: list[tuple[Any, ...]] = []
            for start in range(0, len(items), CHUNK):
                part = items[start : start + CHUNK]
                cursor.execute(sql.replace("IN_LIST", f"IN ({','.join('?' * len(part))})"), part)
                out.extend(cursor.fetchall())
            return out
        finally:
            cursor.close()

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        cursor = self._cursor()
        try:
            cursor.executemany(sql.replace("?", self.mark), rows)
        finally:
            cursor.close()

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._cursor()
        try:
            cursor.execute(sql.replace("?", self.mark), params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    # -- reading ----------------------------------------------------------
    def counts(self, hashes: Collection[int]) -> dict[int, int]:
        """Records holding each of these keys (keys held by none are left out)."""
        sql = "SELECT key, n FROM match_key_counts WHERE key IN_LIST"
        return dict(self.select_in(sql, hashes))

    def count(self, text: str) -> int:
        """Records holding this key (by its text)."""
        found = self.rows("SELECT n FROM match_key_counts WHERE key = ?", (key_hash(text),))
        return int(found[0][0]) if found else 0

    def postings(self, hashes: Collection[int]) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for key, num in self.select_in("SELECT key, num FROM match_keys WHERE key IN_LIST", hashes):
            found[key].append(num)
        return found

    def records(self, nums: Collection[int]) -> list[tuple[int, str, str, str]]:
        """(num, entity id, family, record) of these record numbers."""
        sql = "SELECT num, entity_id, family, record FROM match_records WHERE num IN_LIST"
        return self.select_in(sql, nums)

    def records_of(self, entity_ids: Collection[str]) -> list[tuple[int, str, str, str, bytes]]:
        """(num, entity id, family, record, keys) of these entities."""
        sql = (
            "SELECT num, entity_id, family, record, keys FROM match_records WHERE entity_id IN_LIST"
        )
        return [(n, e, f, r, bytes(k)) for n, e, f, r, k in self.select_in(sql, entity_ids)]

    def records_between(self, low: int, high: int) -> list[tuple[int, str, str, str, bytes]]:
        """(num, entity id, family, record, keys) of the records numbered low..high."""
        sql = (
            "SELECT num, entity_id, family, record, keys FROM match_records "
            "WHERE num BETWEEN ? AND ? ORDER BY num"
        )
        return [(n, e, f, r, bytes(k)) for n, e, f, r, k in self.rows(sql, (low, high))]

    def nums(self, entity_ids: Collection[str]) -> dict[str, int]:
        sql = "SELECT entity_id, num FROM match_records WHERE entity_id IN_LIST"
        return dict(self.select_in(sql, entity_ids))

    def size(self) -> int:
        return int(self.rows("SELECT COUNT(*) FROM match_records")[0][0])

    def top(self) -> int:
        return int(self.rows("SELECT MAX(num) FROM match_records")[0][0] or 0)

    def generic(self) -> dict[str, int]:
        """Generic keys (held by more than `GENERIC` records) by text, but the
        family totals and the count-only name tokens."""
        sql = "SELECT text, n FROM match_key_counts WHERE n > ? AND text IS NOT NULL"
        return {
            text: n for text, n in self.rows(sql, (GENERIC,)) if not text.startswith(("#", "t:"))
        }

    # -- writing ----------------------------------------------------------
    def add_records(self, rows: Sequence[tuple[str, str, str, bytes]]) -> None:
        """New records: (entity id, family, record, keys)."""
        sql = "INSERT INTO match_records (entity_id, family, record, keys) VALUES (?, ?, ?, ?)"
        self.execute_many(sql, rows)

    def update_records(self, rows: Sequence[tuple[str, str, bytes, int]]) -> None:
        """Changed records: (family, record, keys, num)."""
        sql = "UPDATE match_records SET family = ?, record = ?, keys = ? WHERE num = ?"
        self.execute_many(sql, rows)

    def add_postings(self, rows: Sequence[tuple[int, int]]) -> None:
        sql = "INSERT INTO match_keys (key, num) VALUES (?, ?) ON CONFLICT DO NOTHING"
        self.execute_many(sql, sorted(rows))

    def remove_postings(self, rows: Sequence[tuple[int, int]]) -> None:
        self.execute_many("DELETE FROM match_keys WHERE key = ? AND num = ?", sorted(rows))

    def bump(self, deltas: Mapping[int, int], texts: Mapping[int, str]) -> None:
        """Add to the counts of these keys (by hash). The text is kept while a key
        is generic, to report it."""
        items = [
            (h, texts.get(h) if n > GENERIC else None, n, texts.get(h))
            for h, n in sorted(deltas.items())
            if n
        ]
        sql = (
            "INSERT INTO match_key_counts (key, text, n) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET n = match_key_counts.n + excluded.n, "
            f"text = CASE WHEN match_key_counts.n + excluded.n > {GENERIC} "
            "THEN COALESCE(match_key_counts.text, ?) END"
        )
        self.execute_many(sql, items)

    def remove_records(self, nums: Collection[int]) -> None:
        """Records gone (their postings first)."""
        items = [(num,) for num in sorted(nums)]
        self.execute_many("DELETE FROM match_keys WHERE num = ?", items)
        self.execute_many("DELETE FROM match_records WHERE num = ?", items)
