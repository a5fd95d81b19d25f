"""The cross-check index and hits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
KEY = sa.String(255)


def upgrade() -> None:
    op.create_index(
        "ix_statements_entity_value",
        "statements",
        ["value"],
        sqlite_where=sa.text("prop_type = 'entity'"),
        postgresql_where=sa.text("prop_type = 'entity'"),
    )
    op.create_table(
        "match_records",
        sa.Column("num", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", KEY, nullable=False, unique=True),
        sa.Column("family", sa.String(16), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "match_keys",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("num", sa.Integer, primary_key=True, autoincrement=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_match_keys_num", "match_keys", ["num"])
    op.create_table(
        "match_key_counts",
        sa.Column("key", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("text", KEY, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_table(
        "hits",
        sa.Column("left_id", KEY, primary_key=True),
        sa.Column("right_id", KEY, primary_key=True),
        sa.Column("family", sa.String(16), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("band", sa.String(8), nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("source_id", sa.String(64), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_index("ix_hits_right_id", "hits", ["right_id"])


def downgrade() -> None:
    op.drop_table("hits")
    op.drop_table("match_key_counts")
    op.drop_table("match_keys")
    op.drop_table("match_records")
    op.drop_index("ix_statements_entity_value", "statements")
