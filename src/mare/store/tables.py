"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/`` build exactly these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
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
    Index("ix_statements_review_date", "review_date"),  # what is due (mare review)
    # Which entities point at this one (a passport's holder, an account's owner).
    Index(
        "ix_statements_entity_value",
        "value",
        sqlite_where=text("prop_type = 'entity'"),
        postgresql_where=text("prop_type = 'entity'"),
    ),
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

# -- the cross-check index (src/mare/match/index.py) -------------------------

# One matcher record per entity of a matched schema family (compact JSON,
# `mare.match.families.Family.encode`) with its blocking keys (packed 64-bit
# hashes, to diff them when the record changes); ``num`` is the compact
# number the postings point at.
match_records = Table(
    "match_records",
    metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", KEY, nullable=False, unique=True),
    Column("family", String(16), nullable=False),
    Column("record", Text, nullable=False),
    Column("keys", LargeBinary, nullable=False),
)

# Blocking key (a 63-bit hash of its text) -> record number.
match_keys = Table(
    "match_keys",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("num", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

# How many records hold each blocking key (over `GENERIC`: generic, no
# candidates); the key's text is kept for generic keys only (to report them).
match_key_counts = Table(
    "match_key_counts",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("text", KEY, nullable=True),
    Column("n", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# Scored candidate pairs worth an analyst's look, kept current as data arrives.
hits = Table(
    "hits",
    metadata,
    Column("left_id", KEY, primary_key=True),
    Column("right_id", KEY, primary_key=True),
    Column("family", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("band", String(8), nullable=False),  # match | review | link
    Column("reasons", Text, nullable=False),  # JSON list
    Column("source_id", ID, nullable=True),  # the arrival that last scored it
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_hits_right_id", "right_id"),
)


# -- the exchange: parties, tokens and the audit log (src/mare/exchange/) -----

organisations = Table(
    "organisations",
    metadata,
    Column("id", KEY, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(2), nullable=True),  # ISO alpha-2; the hub has none
    Column("kind", String(16), nullable=False),  # partner | hub
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", KEY, primary_key=True),
    Column("organisation", KEY, ForeignKey("organisations.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),  # investigator | analyst | supervisor | admin
    Column("active", Boolean, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_users_organisation", "organisation"),
)

# A bearer token is shown once; only its keyed hash is kept (docs/exchange.md).
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),  # the non-secret part of the token
    Column("user_id", KEY, ForeignKey("users.id"), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("created_by", KEY, nullable=False),
    Column("expires_at", UTCDateTime(), nullable=True),
    Column("revoked_at", UTCDateTime(), nullable=True),
    Column("revoked_by", KEY, nullable=True),
    Column("last_used_at", UTCDateTime(), nullable=True),
    Index("ix_api_tokens_user_id", "user_id"),
)

# Append-only, hash-chained: each entry's hash covers its content and the
# previous entry's hash (src/mare/exchange/chain.py).
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor_user", KEY, nullable=True),
    Column("actor_org", KEY, nullable=True),
    Column("actor_role", String(16), nullable=True),
    Column("action", String(32), nullable=False),  # collection | consultation | ...
    Column("operation", String(64), nullable=False),  # organisation.create, entity.read ...
    Column("purpose", Text, nullable=True),
    Column("object_type", String(32), nullable=True),
    Column("object_ids", Text, nullable=False),  # JSON list
    Column("recipients", Text, nullable=False),  # JSON list
    Column("outcome", String(8), nullable=False),  # allowed | denied | error
    Column("detail", Text, nullable=False),  # JSON object
    Column("keep_until", Date, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_log_at", "at"),
)

# The signed head of the chain (catches a truncated tail) and the signed
# checkpoint a purge leaves where the kept chain starts.
audit_marks = Table(
    "audit_marks",
    metadata,
    Column("name", String(16), primary_key=True),  # head | checkpoint
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("signature", String(64), nullable=False),
)
