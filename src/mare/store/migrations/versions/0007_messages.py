"""The exchange, phase 2: messages, attachments, cases, disclosures and grants.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
KEY = sa.String(255)
ID = sa.String(64)
HUB_ID = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("id", HUB_ID, primary_key=True),
        sa.Column("source_id", ID, nullable=False, unique=True),
        sa.Column("sender", KEY, nullable=False),
        sa.Column("sender_ref", KEY, nullable=False),
        sa.Column("sent_by", KEY, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=True),
        sa.Column("handling", sa.String(2), nullable=False),
        sa.Column("restriction", sa.Text, nullable=True),
        sa.Column("evaluation", sa.String(2), nullable=False),
        sa.Column("case_ref", KEY, nullable=True),
        sa.Column("reply_to", HUB_ID, nullable=True),
        sa.Column("thread_id", HUB_ID, nullable=False),
        sa.Column("attachments", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("ack", sa.Text, nullable=True),
        sa.Column("received_at", TZ, nullable=False),
    )
    op.create_index("ux_messages_sender_ref", "messages", ["sender", "sender_ref"], unique=True)
    op.create_index("ix_messages_thread_id", "messages", ["thread_id"])
    op.create_table(
        "message_recipients",
        sa.Column("message_id", HUB_ID, sa.ForeignKey("messages.id"), primary_key=True),
        sa.Column("organisation", KEY, primary_key=True),
    )
    op.create_index("ix_message_recipients_organisation", "message_recipients", ["organisation"])
    op.create_table(
        "attachments",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "attachment_uploads",
        sa.Column("sha256", sa.String(64), sa.ForeignKey("attachments.sha256"), primary_key=True),
        sa.Column("organisation", KEY, primary_key=True),
        sa.Column("uploaded_by", KEY, nullable=False),
        sa.Column("uploaded_at", TZ, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", HUB_ID, primary_key=True),
        sa.Column("reference", KEY, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("opened_by", KEY, nullable=False),
        sa.Column("opener", KEY, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "case_participants",
        sa.Column("case_id", HUB_ID, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("organisation", KEY, primary_key=True),
        sa.Column("added_by", KEY, nullable=False),
        sa.Column("added_at", TZ, nullable=False),
    )
    op.create_index("ix_case_participants_organisation", "case_participants", ["organisation"])
    op.create_table(
        "case_links",
        sa.Column("case_id", HUB_ID, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("ref", KEY, primary_key=True),
        sa.Column("organisation", KEY, nullable=False),
        sa.Column("source_id", ID, nullable=True),
        sa.Column("linked_by", KEY, nullable=False),
        sa.Column("linked_at", TZ, nullable=False),
    )
    op.create_index("ix_case_links_source_id", "case_links", ["source_id"])
    op.create_index("ix_case_links_ref", "case_links", ["ref"])
    op.create_table(
        "case_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", HUB_ID, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("actor_user", KEY, nullable=False),
        sa.Column("actor_org", KEY, nullable=False),
        sa.Column("change", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_case_history_case_id", "case_history", ["case_id"])
    op.create_table(
        "disclosures",
        sa.Column("id", HUB_ID, primary_key=True),
        sa.Column("requester", KEY, nullable=False),
        sa.Column("requested_by", KEY, nullable=False),
        sa.Column("query_kind", sa.String(8), nullable=False),
        sa.Column("message_id", HUB_ID, nullable=True),
        sa.Column("query_entity", KEY, nullable=False),
        sa.Column("query_item", sa.Text, nullable=False),
        sa.Column("owner", KEY, nullable=False),
        sa.Column("entity_id", KEY, nullable=False),
        sa.Column("family", sa.String(16), nullable=False),
        sa.Column("band", sa.String(8), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", sa.Text, nullable=False),
        sa.Column("statements", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("requested_at", TZ, nullable=True),
        sa.Column("request_reason", sa.Text, nullable=True),
        sa.Column("decided_at", TZ, nullable=True),
        sa.Column("decided_by", KEY, nullable=True),
        sa.Column("decision_reason", sa.Text, nullable=True),
    )
    op.create_index("ix_disclosures_requester", "disclosures", ["requester"])
    op.create_index("ix_disclosures_owner", "disclosures", ["owner"])
    op.create_index("ix_disclosures_entity_id", "disclosures", ["entity_id"])
    op.create_table(
        "grants",
        sa.Column("statement_id", sa.String(40), primary_key=True),
        sa.Column("organisation", KEY, primary_key=True),
        sa.Column("disclosure_id", HUB_ID, sa.ForeignKey("disclosures.id"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("granted_by", KEY, nullable=False),
        sa.Column("granted_at", TZ, nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
    )


def downgrade() -> None:
    for table in (
        "grants",
        "disclosures",
        "case_history",
        "case_links",
        "case_participants",
        "cases",
        "attachment_uploads",
        "attachments",
        "message_recipients",
        "messages",
    ):
        op.drop_table(table)
