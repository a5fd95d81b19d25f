"""API tokens: random bearer secrets, shown once, kept only as a keyed hash.

A token reads ``mare_<id>.<secret>``: ``id`` is 12 hex digits, not secret,
used to list and revoke it and named in the audit log; ``secret`` is
``secrets.token_urlsafe(32)`` (256 random bits). The store keeps
HMAC-SHA256(pepper, token): with that much entropy a slow password hash buys
nothing, and the pepper (from ``MARE_SECRET_KEY``, never in the database) means
that someone who can read or write the database can neither check a guessed
token offline nor plant a token of their own.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, select

from mare.errors import InvalidValue, NotFound, Unauthenticated
from mare.exchange.audit import Action, Outcome
from mare.exchange.hub import Context, Hub
from mare.exchange.policy import Permission, allows, require
from mare.exchange.principal import Principal
from mare.exchange.roles import OrgKind, Role
from mare.store.tables import api_tokens, organisations, users

PREFIX = "mare_"
ID_HEX = 12
MAX_DAYS = 3650
TOUCH_EVERY = timedelta(seconds=60)  # last_used_at is kept to the minute


def _parse(raw: str) -> tuple[str, str] | None:
    if not raw.startswith(PREFIX):
        return None
    token_id, dot, secret = raw[len(PREFIX) :].partition(".")
    if not dot or len(token_id) != ID_HEX or not secret:
        return None
    return token_id, secret


def create_token(
    ctx: Context, user_id: str, expires_days: int | None = None
) -> tuple[str, Row[Any]]:
    """A new token for a user (one's own, or anyone's for an administrator): (token, row)."""
    if user_id == ctx.who.user:
        require(ctx.who, Permission.TOKENS_OWN)
    else:
        require(ctx.who, Permission.TOKENS_ANY)
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise InvalidValue(f"expiry must be 1 to {MAX_DAYS} days", field="expires_days")
    owner = ctx.conn.execute(select(users).where(users.c.id == user_id)).first()
    if owner is None:
        raise NotFound(f"no user {user_id!r}")
    if not owner.active:
        raise InvalidValue(f"user {user_id!r} is deactivated", field="user")
    token_id = secrets.token_hex(ID_HEX // 2)
    token = f"{PREFIX}{token_id}.{secrets.token_urlsafe(32)}"
    now = datetime.now(UTC)
    expires = now + timedelta(days=expires_days) if expires_days else None
    ctx.conn.execute(
        api_tokens.insert().values(
            id=token_id,
            user_id=user_id,
            hash=ctx.keys.token_hash(token),
            created_at=now,
            created_by=ctx.who.user,
            expires_at=expires,
        )
    )
    ctx.audit(
        Action.ADMINISTRATION,
        "token.create",
        object_type="token",
        object_ids=[token_id],
        detail={"user": user_id, "expires_at": expires.isoformat() if expires else None},
    )
    return token, _token(ctx, token_id)


def _token(ctx: Context, token_id: str) -> Row[Any]:
    query = (
        select(api_tokens, users.c.organisation)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.id == token_id)
    )
    row = ctx.conn.execute(query).first()
    if row is None:
        raise NotFound(f"no token {token_id!r}")
    return row


def _visible(ctx: Context, row: Row[Any]) -> bool:
    return row.user_id == ctx.who.user or allows(ctx.who, Permission.TOKENS_ANY)


def revoke_token(ctx: Context, token_id: str) -> Row[Any]:
    """Revoke a token (one's own, or anyone's for an administrator); revoking twice is a no-op."""
    require(ctx.who, Permission.TOKENS_OWN)
    row = _token(ctx, token_id)
    if not _visible(ctx, row):
        raise NotFound(f"no token {token_id!r}")  # someone else's token is not shown to exist
    if row.revoked_at is None:
        ctx.conn.execute(
            api_tokens.update()
            .where(api_tokens.c.id == token_id)
            .values(revoked_at=datetime.now(UTC), revoked_by=ctx.who.user)
        )
    ctx.audit(
        Action.ADMINISTRATION,
        "token.revoke",
        object_type="token",
        object_ids=[token_id],
        detail={"user": row.user_id, "already": row.revoked_at is not None},
    )
    return _token(ctx, token_id)


def list_tokens(
    ctx: Context, *, user: str | None = None, after: str = "", limit: int = 100
) -> list[Row[Any]]:
    """Tokens (never their secrets): one's own; an administrator's choice of user, or all."""
    require(ctx.who, Permission.TOKENS_OWN)
    if not allows(ctx.who, Permission.TOKENS_ANY):
        if user not in (None, ctx.who.user):
            require(ctx.who, Permission.TOKENS_ANY)
        user = ctx.who.user
    query = (
        select(api_tokens, users.c.organisation)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.id > after)
    )
    if user is not None:
        query = query.where(api_tokens.c.user_id == user)
    rows = list(ctx.conn.execute(query.order_by(api_tokens.c.id).limit(limit)))
    ctx.audit(
        Action.CONSULTATION,
        "token.list",
        object_type="token",
        detail={"user": user, "after": after, "returned": len(rows)},
    )
    return rows


def authenticate(hub: Hub, raw: str, purpose: str | None = None) -> Principal:
    """The principal a bearer token stands for; a refused token is audited and raises."""
    now = datetime.now(UTC)
    with hub.context(None) as ctx:
        principal, reason, token_id = _check(ctx, raw, now)
        if principal is None:
            ctx.audit(
                Action.AUTHENTICATION,
                "token.use",
                object_type="token",
                object_ids=[token_id] if token_id else [],
                outcome=Outcome.DENIED,
                detail={"reason": reason},
            )
    if principal is None:
        raise Unauthenticated(reason)
    return principal.for_purpose(purpose)


def _check(ctx: Context, raw: str, now: datetime) -> tuple[Principal | None, str, str | None]:
    parsed = _parse(raw)
    if parsed is None:
        return None, "the token is not valid", None
    token_id = parsed[0]
    query = (
        select(api_tokens, users.c.organisation, users.c.role, users.c.active.label("user_active"))
        .add_columns(organisations.c.kind, organisations.c.active.label("org_active"))
        .join(users, users.c.id == api_tokens.c.user_id)
        .join(organisations, organisations.c.id == users.c.organisation)
        .where(api_tokens.c.id == token_id)
    )
    row = ctx.conn.execute(query).first()
    if row is None or not hmac.compare_digest(row.hash, ctx.keys.token_hash(raw)):
        return None, "the token is not valid", token_id if row is not None else None
    if row.revoked_at is not None:
        return None, "the token has been revoked", token_id
    if row.expires_at is not None and row.expires_at <= now:
        return None, "the token has expired", token_id
    if not row.user_active or not row.org_active:
        return None, "the account is deactivated", token_id
    if row.last_used_at is None or now - row.last_used_at >= TOUCH_EVERY:
        ctx.conn.execute(
            api_tokens.update().where(api_tokens.c.id == token_id).values(last_used_at=now)
        )
    principal = Principal(
        user=row.user_id,
        organisation=row.organisation,
        role=Role(row.role),
        kind=OrgKind(row.kind),
        token=token_id,
    )
    return principal, "", token_id


def still_valid(ctx: Context, principal: Principal) -> bool:
    """Whether the token a principal came with still works: for long requests (a stream)
    that must stop when it is revoked or expires, or its account is deactivated."""
    if principal.token is None:
        return True
    query = (
        select(
            api_tokens.c.revoked_at,
            api_tokens.c.expires_at,
            users.c.active.label("user_active"),
            organisations.c.active.label("org_active"),
        )
        .join(users, users.c.id == api_tokens.c.user_id)
        .join(organisations, organisations.c.id == users.c.organisation)
        .where(api_tokens.c.id == principal.token)
    )
    row = ctx.conn.execute(query).first()
    return (
        row is not None
        and row.revoked_at is None
        and (row.expires_at is None or row.expires_at > datetime.now(UTC))
        and bool(row.user_active and row.org_active)
    )
