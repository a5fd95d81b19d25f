"""Judgements: analysts' verdicts on pairs of entities.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("left_id", sa.String(255), nullable=False),
        sa.Column("right_id", sa.String(255), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("user", sa.String(255), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("undone_by", sa.String(255), nullable=True),
        sa.Column("undone_at", TZ, nullable=True),
    )
    op.create_index("ix_judgements_left_id", "judgements", ["left_id"])
    op.create_index("ix_judgements_right_id", "judgements", ["right_id"])


def downgrade() -> None:
    op.drop_table("judgements")
