"""The notification tables: each organisation's inbox, its webhooks and their deliveries.

Kept beside `mare.store.tables` on the same ``metadata`` (imported by the
package, so every user of the tables sees them); `mare.exchange.notify` and
`mare.exchange.delivery` use them. Migration 0006 builds them.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, ForeignKey, Index, Integer, String, Table, Text

from mare.store.tables import KEY, UTCDateTime, metadata

# One notification to one organisation. ``seq`` numbers an organisation's own
# notifications 1, 2, 3 ... (the inbox order, the SSE event id): per
# organisation, so no one learns how many the others get.
notifications = Table(
    "notifications",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("organisation", KEY, ForeignKey("organisations.id"), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("kind", String(32), nullable=False),  # hit.found, disclosure.requested ...
    Column("subject_type", String(32), nullable=False),  # message, case, hit ...
    Column("subject_id", KEY, nullable=False),
    Column("summary", Text, nullable=False),
    Column("payload", Text, nullable=False),  # JSON object
    Column("created_at", UTCDateTime(), nullable=False),
    Column("read_at", UTCDateTime(), nullable=True),  # acknowledged: when, and by whom
    Column("read_by", KEY, nullable=True),
    Index("ux_notifications_organisation_seq", "organisation", "seq", unique=True),
)

# An organisation's webhook: where to POST its notifications (of some kinds, or
# all). The signing secret is not stored: it is derived from the server key and
# the id (mare.exchange.webhooks). Deleted subscriptions are kept, marked.
webhook_subscriptions = Table(
    "webhook_subscriptions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("organisation", KEY, ForeignKey("organisations.id"), nullable=False),
    Column("url", Text, nullable=False),
    Column("kinds", Text, nullable=False),  # JSON list; empty: every kind
    Column("created_at", UTCDateTime(), nullable=False),
    Column("created_by", KEY, nullable=False),
    Column("deleted_at", UTCDateTime(), nullable=True),
    Column("deleted_by", KEY, nullable=True),
    Index("ix_webhook_subscriptions_organisation", "organisation"),
)

# One notification to one subscription: the queue the delivery worker drains.
# ``status``: pending | delivered | failed (attempts used up) | cancelled (the
# subscription or the organisation went away). ``lease`` marks the attempt
# under way; ``next_attempt_at`` is when a pending delivery is due (or when a
# claimed attempt's lease runs out).
webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", String(32), primary_key=True),  # X-Mare-Delivery: the same on every retry
    Column("notification_id", String(32), ForeignKey("notifications.id"), nullable=False),
    Column("subscription_id", String(32), ForeignKey("webhook_subscriptions.id"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime(), nullable=True),
    Column("lease", String(32), nullable=True),
    Column("last_attempt_at", UTCDateTime(), nullable=True),
    Column("last_status", Integer, nullable=True),  # the receiver's HTTP status
    Column("last_error", Text, nullable=True),
    Column("delivered_at", UTCDateTime(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ux_webhook_deliveries_pair", "notification_id", "subscription_id", unique=True),
    Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
    Index("ix_webhook_deliveries_subscription", "subscription_id"),
)
