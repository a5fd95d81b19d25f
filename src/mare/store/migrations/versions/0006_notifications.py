"""Notifications: each organisation's inbox, its webhook subscriptions and their deliveries.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
KEY = sa.String(255)
ID = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", ID, primary_key=True),
        sa.Column("organisation", KEY, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("subject_type", sa.String(32), nullable=False),
        sa.Column("subject_id", KEY, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("read_at", TZ, nullable=True),
        sa.Column("read_by", KEY, nullable=True),
    )
    op.create_index(
        "ux_notifications_organisation_seq", "notifications", ["organisation", "seq"], unique=True
    )
    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("organisation", KEY, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("kinds", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("created_by", KEY, nullable=False),
        sa.Column("deleted_at", TZ, nullable=True),
        sa.Column("deleted_by", KEY, nullable=True),
    )
    op.create_index(
        "ix_webhook_subscriptions_organisation", "webhook_subscriptions", ["organisation"]
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", ID, primary_key=True),
        sa.Column("notification_id", ID, sa.ForeignKey("notifications.id"), nullable=False),
        sa.Column("subscription_id", ID, sa.ForeignKey("webhook_subscriptions.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TZ, nullable=True),
        sa.Column("lease", ID, nullable=True),
        sa.Column("last_attempt_at", TZ, nullable=True),
        sa.Column("last_status", sa.Integer, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("delivered_at", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index(
        "ux_webhook_deliveries_pair",
        "webhook_deliveries",
        ["notification_id", "subscription_id"],
        unique=True,
    )
    op.create_index(
        "ix_webhook_deliveries_due", "webhook_deliveries", ["status", "next_attempt_at"]
    )
    op.create_index("ix_webhook_deliveries_subscription", "webhook_deliveries", ["subscription_id"])


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_subscriptions")
    op.drop_table("notifications")
