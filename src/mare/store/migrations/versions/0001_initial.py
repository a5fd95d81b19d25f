"""Initial store: sources, entities, statements, identifiers, rejects.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("sender_ref", sa.String(255), nullable=True),
        sa.Column("recipients", sa.Text, nullable=True),
        sa.Column("case_ref", sa.String(255), nullable=True),
        sa.Column("reply_to", sa.String(255), nullable=True),
        sa.Column("handling", sa.String(2), nullable=False),
        sa.Column("restriction", sa.Text, nullable=True),
        sa.Column("evaluation", sa.String(2), nullable=False),
        sa.Column("grading", sa.Text, nullable=True),
        sa.Column("body", sa.Text, nullable=True),
        sa.Column("attachments", sa.Text, nullable=True),
        sa.Column("sent_at", TZ, nullable=True),
        sa.Column("received_at", TZ, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("prop", sa.String(64), nullable=False),
        sa.Column("prop_type", sa.String(32), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=True),
        sa.Column("valid", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(255), nullable=False),
        sa.Column("handling", sa.String(2), nullable=False),
        sa.Column("restriction", sa.Text, nullable=True),
        sa.Column("evaluation", sa.String(2), nullable=False),
        sa.Column("category", sa.String(32), nullable=True),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False),
        sa.Column("review_date", sa.Date, nullable=True),
    )
    op.create_index("ix_statements_entity_id", "statements", ["entity_id"])
    op.create_index("ix_statements_source_id", "statements", ["source_id"])
    op.create_table(
        "identifiers",
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("statement_id", sa.String(40), primary_key=True),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("valid", sa.Boolean, nullable=False),
    )
    op.create_index("ix_identifiers_entity_id", "identifiers", ["entity_id"])
    op.create_table(
        "rejects",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("source_id", sa.String(64), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("line", sa.Integer, nullable=True),
        sa.Column("entity_id", sa.String(255), nullable=True),
        sa.Column("field", sa.Text, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_rejects_source_id", "rejects", ["source_id"])


def downgrade() -> None:
    for table in ("rejects", "identifiers", "statements", "entities", "sources"):
        op.drop_table(table)
