"""Rows to response bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row

from mare.api.schemas import Organisation, Statement, Token, User
from mare.exchange.roles import OrgKind, Role


def organisation(row: Row[Any]) -> Organisation:
    return Organisation(
        id=row.id,
        name=row.name,
        country=row.country,
        kind=OrgKind(row.kind),
        active=row.active,
        created_at=row.created_at,
    )


def user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        organisation=row.organisation,
        name=row.name,
        role=Role(row.role),
        active=row.active,
        created_at=row.created_at,
    )


def token_fields(row: Row[Any]) -> dict[str, Any]:
    now = datetime.now(UTC)
    state = "active"
    if row.revoked_at is not None:
        state = "revoked"
    elif row.expires_at is not None and row.expires_at <= now:
        state = "expired"
    return {
        "id": row.id,
        "user": row.user_id,
        "organisation": row.organisation,
        "state": state,
        "created_at": row.created_at,
        "created_by": row.created_by,
        "expires_at": row.expires_at,
        "revoked_at": row.revoked_at,
        "revoked_by": row.revoked_by,
        "last_used_at": row.last_used_at,
    }


def token(row: Row[Any]) -> Token:
    return Token(**token_fields(row))


def statement(row: Row[Any]) -> Statement:
    return Statement(
        id=row.id,
        prop=row.prop,
        value=row.value,
        norm=row.norm,
        valid=row.valid,
        reason=row.reason,
        source=row.source_id,
        owner=row.owner,
        handling=row.handling,
        restriction=row.restriction,
        evaluation=row.evaluation,
        category=row.category,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        review_date=row.review_date,
    )
