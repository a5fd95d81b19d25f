"""The exchange's tables: messages, attachments, cases, disclosures and grants.

Kept beside `mare.store.tables` on the same ``metadata`` (imported by the
package, so every user of the tables sees them); the `mare.exchange` modules
use them. Migration 0007 builds them.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from mare.store.tables import ID, KEY, UTCDateTime, metadata

# A partner's message as the hub received it; its entities are the statements
# of ``source_id``. ``(sender, sender_ref)`` is unique: re-sending returns ``ack``.
messages = Table(
    "messages",
    metadata,
    Column("id", String(32), primary_key=True),  # the hub's message id
    Column("source_id", ID, nullable=False, unique=True),
    Column("sender", KEY, nullable=False),
    Column("sender_ref", KEY, nullable=False),  # the sender's own message id
    Column("sent_by", KEY, nullable=False),  # the user who posted it
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=True),
    Column("handling", String(2), nullable=False),
    Column("restriction", Text, nullable=True),
    Column("evaluation", String(2), nullable=False),
    Column("case_ref", KEY, nullable=True),
    Column("reply_to", String(32), nullable=True),  # the hub id of the message answered
    Column("thread_id", String(32), nullable=False),  # the hub id of the thread's first message
    Column("attachments", Text, nullable=False),  # JSON list of {name, sha256, size, media_type}
    Column("content_hash", String(64), nullable=False),  # of the envelope as sent
    Column("status", String(16), nullable=False),  # receiving | received
    Column("ack", Text, nullable=True),  # JSON: the acknowledgement, returned again on re-sends
    Column("received_at", UTCDateTime(), nullable=False),
    Index("ux_messages_sender_ref", "sender", "sender_ref", unique=True),
    Index("ix_messages_thread_id", "thread_id"),
)

message_recipients = Table(
    "message_recipients",
    metadata,
    Column("message_id", String(32), ForeignKey("messages.id"), primary_key=True),
    Column("organisation", KEY, primary_key=True),
    Index("ix_message_recipients_organisation", "organisation"),
)

# Attachment content, stored once by its SHA-256; ``attachment_uploads`` says
# which organisations uploaded it (only they may cite it in a message).
attachments = Table(
    "attachments",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

attachment_uploads = Table(
    "attachment_uploads",
    metadata,
    Column("sha256", String(64), ForeignKey("attachments.sha256"), primary_key=True),
    Column("organisation", KEY, primary_key=True),
    Column("uploaded_by", KEY, nullable=False),
    Column("uploaded_at", UTCDateTime(), nullable=False),
)

cases = Table(
    "cases",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("reference", KEY, nullable=False, unique=True),  # what messages name in ``case``
    Column("title", Text, nullable=False),
    Column("opened_by", KEY, nullable=False),  # user
    Column("opener", KEY, nullable=False),  # organisation
    Column("status", String(16), nullable=False),  # open | suspended | closed
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

case_participants = Table(
    "case_participants",
    metadata,
    Column("case_id", String(32), ForeignKey("cases.id"), primary_key=True),
    Column("organisation", KEY, primary_key=True),
    Column("added_by", KEY, nullable=False),
    Column("added_at", UTCDateTime(), nullable=False),
    Index("ix_case_participants_organisation", "organisation"),
)

# What was shared into a case, by whom: a message (all its values) or an
# entity (its sharer's values of it).
case_links = Table(
    "case_links",
    metadata,
    Column("case_id", String(32), ForeignKey("cases.id"), primary_key=True),
    Column("kind", String(8), primary_key=True),  # message | entity
    Column("ref", KEY, primary_key=True),  # hub message id, or entity id
    Column("organisation", KEY, nullable=False),  # who shared it (the data owner)
    Column("source_id", ID, nullable=True),  # a message's source
    Column("linked_by", KEY, nullable=False),
    Column("linked_at", UTCDateTime(), nullable=False),
    Index("ix_case_links_source_id", "source_id"),
    Index("ix_case_links_ref", "ref"),
)

# Append-only: who changed what in a case, when.
case_history = Table(
    "case_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(32), ForeignKey("cases.id"), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor_user", KEY, nullable=False),
    Column("actor_org", KEY, nullable=False),
    Column("change", String(32), nullable=False),
    Column("detail", Text, nullable=False),  # JSON object
    Index("ix_case_history_case_id", "case_id"),
)

# A hit a requester may not read: it learnt that the hit exists and who owns
# the data; the owner decides whether to release ``statements`` to it.
disclosures = Table(
    "disclosures",
    metadata,
    Column("id", String(32), primary_key=True),  # the hit id the requester was given
    Column("requester", KEY, nullable=False),
    Column("requested_by", KEY, nullable=False),
    Column("query_kind", String(8), nullable=False),  # check | message
    Column("message_id", String(32), nullable=True),  # the contribution that hit
    Column("query_entity", KEY, nullable=False),  # the requester's item
    Column("query_item", Text, nullable=False),  # JSON: the requester's values, as scored
    Column("owner", KEY, nullable=False),
    Column("entity_id", KEY, nullable=False),  # the owner's item
    Column("family", String(16), nullable=False),
    Column("band", String(8), nullable=False),
    Column("score", Float, nullable=False),
    Column("reasons", Text, nullable=False),  # JSON list (the owner's eyes only until released)
    Column("statements", Text, nullable=False),  # JSON list: the matched statements to release
    Column("status", String(16), nullable=False),  # pending | granted | refused | overridden
    Column("created_at", UTCDateTime(), nullable=False),
    Column("requested_at", UTCDateTime(), nullable=True),
    Column("request_reason", Text, nullable=True),
    Column("decided_at", UTCDateTime(), nullable=True),
    Column("decided_by", KEY, nullable=True),
    Column("decision_reason", Text, nullable=True),
    Index("ix_disclosures_requester", "requester"),
    Index("ix_disclosures_owner", "owner"),
    Index("ix_disclosures_entity_id", "entity_id"),
)

# The owner's recorded permission (or the supervisor's emergency override):
# one statement released to one organisation.
grants = Table(
    "grants",
    metadata,
    Column("statement_id", String(40), primary_key=True),
    Column("organisation", KEY, primary_key=True),
    Column("disclosure_id", String(32), ForeignKey("disclosures.id"), nullable=False),
    Column("kind", String(8), nullable=False),  # grant | override
    Column("granted_by", KEY, nullable=False),
    Column("granted_at", UTCDateTime(), nullable=False),
    Column("reason", Text, nullable=True),
)
