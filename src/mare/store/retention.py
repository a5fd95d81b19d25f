"""The retention tables: supervisors' review decisions, and owners' restrictions.

Kept beside `mare.store.tables` on the same ``metadata`` (imported by the
package, so every user of the tables sees them); `mare.exchange.retention`
uses them. Migration 0008 builds them.

An item is one owner's statements of one entity: the owner decides about its
own values only, and a review decides about an item as a whole.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Index, Integer, String, Table, Text

from mare.store.tables import KEY, UTCDateTime, metadata

# A supervisor's decision to keep an item to a later review, with the reason.
# Erasing the item erases its decisions too (the audit log keeps the story).
retention_decisions = Table(
    "retention_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", KEY, nullable=False),
    Column("owner", KEY, nullable=False),
    Column("decision", String(16), nullable=False),  # extended
    Column("review_was", Date, nullable=True),  # the item's review date before
    Column("review_until", Date, nullable=False),  # the next review
    Column("reason", Text, nullable=False),
    Column("decided_by", KEY, nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
    Index("ix_retention_decisions_item", "entity_id", "owner"),
)

# An owner's restriction of its own item: held, but processed for nobody else
# (not shown, not cross-checked) until the owner lifts it.
restrictions = Table(
    "restrictions",
    metadata,
    Column("entity_id", KEY, primary_key=True),
    Column("owner", KEY, primary_key=True),
    Column("reason", Text, nullable=True),
    Column("restricted_by", KEY, nullable=False),
    Column("restricted_at", UTCDateTime(), nullable=False),
)
