"""The organisation's inbox: list, read, acknowledge, and the live stream (SSE)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import StreamingResponse

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.notices import NOTIFICATION_ID, Notification
from mare.api.stream import Streams, Timing, events
from mare.exchange import inbox
from mare.exchange.audit import Action
from mare.exchange.notify import Kind

router = APIRouter(tags=["notifications"], responses=responses(*STANDARD_ERRORS))

NotificationId = Annotated[str, Path(pattern=NOTIFICATION_ID)]
Unread = Annotated[
    bool | None, Query(description="true: only unacknowledged ones; false: only acknowledged")
]
OfKind = Annotated[Kind | None, Query(description="Only this kind")]
STREAM = {
    200: {
        "description": "Server-sent events: `id` (your seq), `event: notification`, `data` "
        "(a Notification as JSON); comments as keep-alive",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


def _notification(item: dict[str, object]) -> Notification:
    return Notification.model_validate(item)


@router.get("/notifications", name="notification.list")
def list_notifications(
    request: Request,
    principal: CurrentPrincipal,
    unread: Unread = None,
    kind: OfKind = None,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.SeqCursor = None,
) -> pages.Page[Notification]:
    """Your organisation's notifications, newest first (the cursor is a `seq`)."""
    where = inbox.Filter(unread=unread, kind=kind.value if kind else None)
    before = int(cursor) if cursor else None
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = inbox.list_notifications(ctx, where, before=before, limit=limit)
    return pages.page(rows, limit, lambda r: str(r.seq), lambda r: _notification(inbox.as_dict(r)))


@router.get(
    "/notifications/stream",
    name="notification.stream",
    response_class=StreamingResponse,
    responses=STREAM,  # type: ignore[arg-type]
)
def stream(
    request: Request,
    principal: CurrentPrincipal,
    kind: OfKind = None,
    last_event_id: Annotated[
        str | None,
        Header(
            alias="Last-Event-ID",
            pattern=r"^[0-9]{1,18}$",
            description="Resume after this event (a seq); without it, only new notifications",
        ),
    ] = None,
) -> StreamingResponse:
    """Your organisation's new notifications as server-sent events, as they come."""
    runtime = request.app.state.runtime
    where = inbox.Filter(kind=kind.value if kind else None)
    with runtime.hub.context(principal) as ctx:
        newest = inbox.last_seq(ctx)
        after = min(int(last_event_id), newest) if last_event_id is not None else newest
        ctx.audit(
            Action.CONSULTATION,
            "notification.stream",
            object_type="notification",
            detail={"opened": True, "after": after, "kind": where.kind},
        )
    streams: Streams = request.app.state.streams
    body = events(
        request,
        runtime.hub,
        principal,
        after,
        where,
        Timing.from_settings(runtime.settings),
        streams,
    )
    headers = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
    return StreamingResponse(body, media_type="text/event-stream", headers=headers)


@router.get("/notifications/{notification_id}", name="notification.read")
def read_notification(
    request: Request, principal: CurrentPrincipal, notification_id: NotificationId
) -> Notification:
    """One of your organisation's notifications (another's is not found)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return _notification(inbox.as_dict(inbox.read(ctx, notification_id)))


@router.post("/notifications/{notification_id}/ack", name="notification.ack")
def acknowledge(
    request: Request, principal: CurrentPrincipal, notification_id: NotificationId
) -> Notification:
    """Mark it read, by you, now (the first acknowledgement is kept)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return _notification(inbox.as_dict(inbox.acknowledge(ctx, notification_id)))
