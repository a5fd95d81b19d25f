"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/`` build exactly these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

metadata = MetaData()


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so values are written as naive UTC there.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {value!r}")
        stamp: datetime = value if value.tzinfo else value.replace(tzinfo=UTC)
        stamp = stamp.astimezone(UTC)
        return stamp.replace(tzinfo=None) if dialect.name == "sqlite" else stamp

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        stamp: datetime = value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


ID = String(64)
KEY = String(255)

# A source is one contribution: a partner message or an ingested file.
sources = Table(
    "sources",
    metadata,
    Column("id", ID, primary_key=True),
    Column("kind", String(16), nullable=False),  # file | message
    Column("name", Text, nullable=False),  # file path or message subject
    Column("sha256", String(64), nullable=True),
    Column("owner", KEY, nullable=False),
    Column("sender_ref", KEY, nullable=True),  # the sender's own message id
    Column("recipients", Text, nullable=True),  # JSON list
    Column("case_ref", KEY, nullable=True),
    Column("reply_to", KEY, nullable=True),
    Column("handling", String(2), nullable=False),
    Column("restriction", Text, nullable=True),
    Column("evaluation", String(2), nullable=False),
    Column("grading", Text, nullable=True),  # original grade when mapped from another scheme
    Column("body", Text, nullable=True),  # free text of a message
    Column("attachments", Text, nullable=True),  # JSON list of attachment metadata
    Column("sent_at", UTCDateTime(), nullable=True),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("status", String(16), nullable=False),  # partial | complete
    Column("records", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", KEY, primary_key=True),
    Column("schema", String(64), nullable=False),
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("entity_id", KEY, nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("prop_type", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("norm", Text, nullable=True),
    Column("valid", Boolean, nullable=False),
    Column("reason", Text, nullable=True),
    Column("source_id", ID, nullable=False),
    Column("owner", KEY, nullable=False),
    Column("handling", String(2), nullable=False),
    Column("restriction", Text, nullable=True),
    Column("evaluation", String(2), nullable=False),
    Column("category", String(32), nullable=True),
    Column("first_seen", UTCDateTime(), nullable=False),
    Column("last_seen", UTCDateTime(), nullable=False),
    Column("review_date", Date, nullable=True),
    Index("ix_statements_entity_id", "entity_id"),
    Index("ix_statements_source_id", "source_id"),
)

# Normalised identifier key (``phone:+218912345678``) -> the statement holding it.
identifiers = Table(
    "identifiers",
    metadata,
    Column("key", KEY, primary_key=True),
    Column("statement_id", String(40), primary_key=True),
    Column("entity_id", KEY, nullable=False),
    Column("valid", Boolean, nullable=False),
    Index("ix_identifiers_entity_id", "entity_id"),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", ID, nullable=False),
    Column("file", Text, nullable=False),
    Column("line", Integer, nullable=True),
    Column("entity_id", KEY, nullable=True),
    Column("field", Text, nullable=True),
    Column("reason", Text, nullable=False),
    Column("record", Text, nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_rejects_source_id", "source_id"),
)

# Analysts' verdicts on pairs of entities; append-only, undone by marking.
judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("left_id", KEY, nullable=False),
    Column("right_id", KEY, nullable=False),
    Column("verdict", String(16), nullable=False),  # same | not_same | unsure
    Column("user", KEY, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("undone_by", KEY, nullable=True),
    Column("undone_at", UTCDateTime(), nullable=True),
    Index("ix_judgements_left_id", "left_id"),
    Index("ix_judgements_right_id", "right_id"),
)
