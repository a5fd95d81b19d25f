"""The exchange: organisations, users, API tokens and the hash-chained audit log.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
KEY = sa.String(255)
GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", KEY, primary_key=True),
        sa.Column("organisation", KEY, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_users_organisation", "users", ["organisation"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("user_id", KEY, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", KEY, nullable=False),
        sa.Column("expires_at", TZ, nullable=True),
        sa.Column("revoked_at", TZ, nullable=True),
        sa.Column("revoked_by", KEY, nullable=True),
        sa.Column("last_used_at", TZ, nullable=True),
    )
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor_user", KEY, nullable=True),
        sa.Column("actor_org", KEY, nullable=True),
        sa.Column("actor_role", sa.String(16), nullable=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("operation", sa.String(64), nullable=False),
        sa.Column("purpose", sa.Text, nullable=True),
        sa.Column("object_type", sa.String(32), nullable=True),
        sa.Column("object_ids", sa.Text, nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(8), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("keep_until", sa.Date, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    marks = op.create_table(
        "audit_marks",
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("signature", sa.String(64), nullable=False),
    )
    # The head of an empty chain (unsigned: nothing to protect yet). Appending
    # locks this row, so concurrent writers take their turn.
    now = datetime.now(UTC)
    at = now.replace(tzinfo=None) if op.get_context().dialect.name == "sqlite" else now
    op.bulk_insert(marks, [{"name": "head", "seq": 0, "hash": GENESIS, "at": at, "signature": ""}])


def downgrade() -> None:
    op.drop_table("audit_marks")
    op.drop_table("audit_log")
    op.drop_table("api_tokens")
    op.drop_table("users")
    op.drop_table("organisations")
