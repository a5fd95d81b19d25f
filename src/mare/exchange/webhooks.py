"""Webhook subscriptions: where an organisation wants its notifications posted.

Who may do what (roles are fixed by the directory, docs/exchange.md):

- a partner's ``investigator``: their own organisation's webhooks — create,
  list, read, delete, see deliveries; another's: not found (403 when named in
  a list's ``organisation``);
- the hub's ``admin``: the hub's own, the same; and every organisation's —
  list, read, delete, but never create one for another organisation, nor see
  its deliveries;
- the hub's ``analyst`` and ``supervisor``: none (403).

A subscription sends an organisation's notifications wherever its URL points,
so only that organisation chooses the URL: the hub's administrator can see
and stop any webhook (a failing or unwanted endpoint) but cannot point a
partner's notifications somewhere else, nor read the history of what was
delivered to it (which notifications, when).

The signing secret is ``HMAC-SHA256(webhook key, subscription id)`` (`Keys.
webhook_secret`), shown once at creation and never stored: the hub recomputes
it to sign each delivery, and someone who reads the database learns nothing
that lets them forge a delivery.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import orjson
from sqlalchemy import Row, func, select

from mare.errors import Forbidden, InvalidValue, NotFound
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.notify import KINDS, SUBSCRIPTIONS
from mare.exchange.principal import Principal
from mare.exchange.roles import Role
from mare.store.notices import webhook_deliveries, webhook_subscriptions

MAX_URL = 2000
ID_HEX = 16
PER_ORGANISATION = 20  # active subscriptions an organisation may have


def _manager(principal: Principal) -> None:
    """Refuse roles that manage no webhook at all."""
    if principal.role not in (Role.INVESTIGATOR, Role.ADMIN):
        raise Forbidden(f"the {principal.role.value} role may not manage webhooks")


def _oversees(principal: Principal) -> bool:
    """May see and stop every organisation's webhooks (the hub's administrator)."""
    return principal.at_hub and principal.role is Role.ADMIN


def check_url(url: str) -> str:
    """An absolute http(s) URL with a host and no credentials or fragment."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise InvalidValue("the webhook URL is not valid", field="url") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidValue("the webhook URL must be http(s)://host/...", field="url")
    if parts.username is not None or parts.password is not None or parts.fragment:
        raise InvalidValue("the webhook URL may not carry credentials or a fragment", field="url")
    if len(text) > MAX_URL or port == 0:
        raise InvalidValue("the webhook URL is not valid", field="url")
    return text


def host(url: str) -> str:
    return urlsplit(url).hostname or ""


def check_kinds(kinds: list[str]) -> list[str]:
    unknown = sorted(set(kinds) - KINDS)
    if unknown:
        raise InvalidValue(f"unknown notification kinds: {', '.join(unknown)}", field="kinds")
    return sorted(set(kinds))


def _row(ctx: Context, subscription_id: str) -> Row[Any]:
    row = ctx.conn.execute(
        select(webhook_subscriptions).where(webhook_subscriptions.c.id == subscription_id)
    ).first()
    visible = row is not None and (row.organisation == ctx.who.organisation or _oversees(ctx.who))
    if row is None or not visible:
        raise NotFound(f"no webhook {subscription_id!r}")
    return row


def create(ctx: Context, url: str, kinds: list[str]) -> tuple[str, Row[Any]]:
    """A new webhook for the caller's organisation: (secret, row); the secret is shown once."""
    _manager(ctx.who)
    url, kinds = check_url(url), check_kinds(kinds)
    held = ctx.conn.execute(
        select(func.count())
        .select_from(webhook_subscriptions)
        .where(
            webhook_subscriptions.c.organisation == ctx.who.organisation,
            webhook_subscriptions.c.deleted_at.is_(None),
        )
    ).scalar_one()
    if held >= PER_ORGANISATION:
        raise InvalidValue(f"an organisation may have {PER_ORGANISATION} webhooks at most")
    subscription_id = secrets.token_hex(ID_HEX // 2)
    ctx.conn.execute(
        webhook_subscriptions.insert().values(
            id=subscription_id,
            organisation=ctx.who.organisation,
            url=url,
            kinds=orjson.dumps(kinds).decode("utf-8"),
            created_at=datetime.now(UTC),
            created_by=ctx.who.user,
        )
    )
    ctx.memo.pop(SUBSCRIPTIONS, None)
    ctx.audit(
        Action.ADMINISTRATION,
        "webhook.create",
        object_type="webhook",
        object_ids=[subscription_id],
        # the host only: a URL's path or query may carry the receiver's own secrets
        detail={"organisation": ctx.who.organisation, "host": host(url), "kinds": kinds},
    )
    return ctx.keys.webhook_secret(subscription_id), _row(ctx, subscription_id)


def list_subscriptions(
    ctx: Context, *, organisation: str | None = None, after: str = "", limit: int = 50
) -> list[Row[Any]]:
    """A page of active webhooks by id: the caller's organisation's (the hub's admin: any,
    or all); up to ``limit + 1`` rows, the extra one (not audited) saying there is more."""
    _manager(ctx.who)
    if not _oversees(ctx.who):
        if organisation not in (None, ctx.who.organisation):
            raise Forbidden("only the hub's administrator sees other organisations' webhooks")
        organisation = ctx.who.organisation
    query = select(webhook_subscriptions).where(
        webhook_subscriptions.c.deleted_at.is_(None), webhook_subscriptions.c.id > after
    )
    if organisation is not None:
        query = query.where(webhook_subscriptions.c.organisation == organisation)
    rows = list(ctx.conn.execute(query.order_by(webhook_subscriptions.c.id).limit(limit + 1)))
    ctx.audit(
        Action.CONSULTATION,
        "webhook.list",
        object_type="webhook",
        object_ids=[r.id for r in rows[:limit]],
        detail={"organisation": organisation, "after": after, "returned": len(rows[:limit])},
    )
    return rows


def read(ctx: Context, subscription_id: str) -> Row[Any]:
    _manager(ctx.who)
    row = _row(ctx, subscription_id)
    ctx.audit(
        Action.CONSULTATION,
        "webhook.read",
        object_type="webhook",
        object_ids=[row.id],
        detail={"organisation": row.organisation},
    )
    return row


def delete(ctx: Context, subscription_id: str) -> Row[Any]:
    """Stop a webhook: it is kept, marked deleted, and its pending deliveries are cancelled."""
    _manager(ctx.who)
    row = _row(ctx, subscription_id)
    cancelled = 0
    if row.deleted_at is None:
        ctx.conn.execute(
            webhook_subscriptions.update()
            .where(webhook_subscriptions.c.id == row.id)
            .values(deleted_at=datetime.now(UTC), deleted_by=ctx.who.user)
        )
        ctx.memo.pop(SUBSCRIPTIONS, None)
        cancelled = ctx.conn.execute(
            webhook_deliveries.update()
            .where(
                webhook_deliveries.c.subscription_id == row.id,
                webhook_deliveries.c.status == "pending",
            )
            .values(status="cancelled", next_attempt_at=None, lease=None)
        ).rowcount
    ctx.audit(
        Action.ADMINISTRATION,
        "webhook.delete",
        object_type="webhook",
        object_ids=[row.id],
        detail={
            "organisation": row.organisation,
            "already": row.deleted_at is not None,
            "cancelled": cancelled,
        },
    )
    return _row(ctx, subscription_id)


def deliveries(
    ctx: Context, subscription_id: str, *, after: str = "", limit: int = 50
) -> list[Row[Any]]:
    """A page of a webhook's deliveries by id: status, attempts, the receiver's last
    answer (up to ``limit + 1`` rows: the extra one says there is more)."""
    _manager(ctx.who)
    row = _row(ctx, subscription_id)
    if row.organisation != ctx.who.organisation:
        raise NotFound(f"no webhook {subscription_id!r} of yours")
    query = select(webhook_deliveries).where(
        webhook_deliveries.c.subscription_id == row.id, webhook_deliveries.c.id > after
    )
    rows = list(ctx.conn.execute(query.order_by(webhook_deliveries.c.id).limit(limit + 1)))
    ctx.audit(
        Action.CONSULTATION,
        "webhook.deliveries",
        object_type="webhook",
        object_ids=[row.id],
        detail={"after": after, "returned": len(rows[:limit])},
    )
    return rows
