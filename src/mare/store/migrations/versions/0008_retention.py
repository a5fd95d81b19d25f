"""Retention: supervisors' review decisions, owners' restrictions, statements by review date.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-16

(0004 was written after 0005 to 0007 and follows them: it is the head this
revision chains on.)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0004"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
KEY = sa.String(255)


def upgrade() -> None:
    op.create_table(
        "retention_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", KEY, nullable=False),
        sa.Column("owner", KEY, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("review_was", sa.Date, nullable=True),
        sa.Column("review_until", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("decided_by", KEY, nullable=False),
        sa.Column("decided_at", TZ, nullable=False),
    )
    op.create_index("ix_retention_decisions_item", "retention_decisions", ["entity_id", "owner"])
    op.create_table(
        "restrictions",
        sa.Column("entity_id", KEY, primary_key=True),
        sa.Column("owner", KEY, primary_key=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("restricted_by", KEY, nullable=False),
        sa.Column("restricted_at", TZ, nullable=False),
    )
    op.create_index("ix_statements_review_date", "statements", ["review_date"])


def downgrade() -> None:
    op.drop_index("ix_statements_review_date", "statements")
    op.drop_table("restrictions")
    op.drop_index("ix_retention_decisions_item", "retention_decisions")
    op.drop_table("retention_decisions")
