"""A more compact cross-check index: each record keeps its blocking keys, the
postings lose their second index, key counts lose the text of keys that are
not generic (and their row ids on SQLite).

Revision ID: 0004
Revises: 0007
Create Date: 2026-12-02

(0005 to 0007 were written first; this revision follows them.)
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0007"
branch_labels = None
depends_on = None

KEY = sa.String(255)
GENERIC = 100  # mare.match.blocking.GENERIC when this revision was written
BATCH = 10_000


def _grouped(rows: Any) -> Iterator[tuple[int, list[int]]]:
    num: int | None = None
    keys: list[int] = []
    for n, key in rows:
        if n != num:
            if num is not None:
                yield num, keys
            num, keys = n, []
        keys.append(key)
    if num is not None:
        yield num, keys


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("match_records") as batch:
        batch.add_column(sa.Column("keys", sa.LargeBinary, nullable=True))
    update = sa.text("UPDATE match_records SET keys = :keys WHERE num = :num")
    pending: list[dict[str, Any]] = []
    query = sa.text("SELECT num, key FROM match_keys ORDER BY num, key")
    rows = conn.execute(query.execution_options(stream_results=True))
    for num, keys in _grouped(rows):
        pending.append({"num": num, "keys": struct.pack(f"<{len(keys)}q", *keys)})
        if len(pending) >= BATCH:
            conn.execute(update, pending)
            pending = []
    if pending:
        conn.execute(update, pending)
    empty = sa.text("UPDATE match_records SET keys = :empty WHERE keys IS NULL")
    conn.execute(empty, {"empty": b""})
    with op.batch_alter_table("match_records") as batch:
        batch.alter_column("keys", existing_type=sa.LargeBinary, nullable=False)
    op.drop_index("ix_match_keys_num", "match_keys")
    with op.batch_alter_table(
        "match_key_counts", recreate="always", table_kwargs={"sqlite_with_rowid": False}
    ) as batch:
        batch.alter_column("text", existing_type=KEY, nullable=True)
    conn.execute(sa.text(f"UPDATE match_key_counts SET text = NULL WHERE n <= {GENERIC}"))


def downgrade() -> None:
    # The index is derived data: emptied here, rebuilt by `mare reindex`.
    for table in ("hits", "match_keys", "match_key_counts", "match_records"):
        op.execute(f"DELETE FROM {table}")
    with op.batch_alter_table("match_key_counts", recreate="always") as batch:
        batch.alter_column("text", existing_type=KEY, nullable=False)
    op.create_index("ix_match_keys_num", "match_keys", ["num"])
    with op.batch_alter_table("match_records") as batch:
        batch.drop_column("keys")
