"""Webhook subscriptions: an organisation's own (partners' investigators, the hub's admin);
the hub's admin also sees and deletes any organisation's. Rules: `mare.exchange.webhooks`."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Path, Query, Request
from sqlalchemy import Row

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.notices import WEBHOOK_ID, Delivery, NewWebhook, Webhook, WebhookIn
from mare.api.schemas import ORG_ID
from mare.exchange import webhooks

router = APIRouter(tags=["webhooks"], responses=responses(*STANDARD_ERRORS))

WebhookId = Annotated[str, Path(pattern=WEBHOOK_ID)]
IdCursor = Annotated[str | None, Query(pattern=WEBHOOK_ID, description="`next_cursor`")]


def _fields(row: Row[Any]) -> dict[str, Any]:
    return {
        "id": row.id,
        "organisation": row.organisation,
        "url": row.url,
        "kinds": orjson.loads(row.kinds),
        "created_at": row.created_at,
        "created_by": row.created_by,
        "deleted_at": row.deleted_at,
        "deleted_by": row.deleted_by,
    }


def _webhook(row: Row[Any]) -> Webhook:
    return Webhook(**_fields(row))


def _delivery(row: Row[Any]) -> Delivery:
    return Delivery(
        id=row.id,
        notification=row.notification_id,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_attempt_at=row.last_attempt_at,
        last_status=row.last_status,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
        created_at=row.created_at,
    )


@router.get("/webhooks", name="webhook.list")
def list_webhooks(
    request: Request,
    principal: CurrentPrincipal,
    organisation: Annotated[
        str | None, Query(pattern=ORG_ID, description="Whose (the hub's admin only: any)")
    ] = None,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: IdCursor = None,
) -> pages.Page[Webhook]:
    """Active webhooks by id: your organisation's (the hub's admin: everyone's)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = webhooks.list_subscriptions(
            ctx, organisation=organisation, after=cursor or "", limit=limit
        )
    return pages.page(rows, limit, lambda r: r.id, _webhook)


@router.post("/webhooks", name="webhook.create", status_code=201, responses=responses(413))
def create_webhook(request: Request, principal: CurrentPrincipal, body: WebhookIn) -> NewWebhook:
    """A webhook for your organisation; its signing secret is shown this once."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        secret, row = webhooks.create(ctx, body.url, [k.value for k in body.kinds])
    return NewWebhook(secret=secret, **_fields(row))


@router.get("/webhooks/{webhook_id}", name="webhook.read")
def read_webhook(request: Request, principal: CurrentPrincipal, webhook_id: WebhookId) -> Webhook:
    with request.app.state.runtime.hub.context(principal) as ctx:
        return _webhook(webhooks.read(ctx, webhook_id))


@router.delete("/webhooks/{webhook_id}", name="webhook.delete")
def delete_webhook(request: Request, principal: CurrentPrincipal, webhook_id: WebhookId) -> Webhook:
    """Stop a webhook (kept, marked deleted); its pending deliveries are cancelled."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return _webhook(webhooks.delete(ctx, webhook_id))


@router.get("/webhooks/{webhook_id}/deliveries", name="webhook.deliveries")
def list_deliveries(
    request: Request,
    principal: CurrentPrincipal,
    webhook_id: WebhookId,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: IdCursor = None,
) -> pages.Page[Delivery]:
    """Your webhook's deliveries by id: status, attempts, the receiver's last answer."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = webhooks.deliveries(ctx, webhook_id, after=cursor or "", limit=limit)
    return pages.page(rows, limit, lambda r: r.id, _delivery)
