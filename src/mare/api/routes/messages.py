"""Messages: post (acknowledged, idempotent by your message id), list, read, thread."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.wire import MESSAGE_ID, Ack, Message, MessageHeader, MessageIn
from mare.exchange import mailbox, messages

router = APIRouter(tags=["messages"], responses=responses(*STANDARD_ERRORS))

MessageId = Annotated[str, Path(pattern=MESSAGE_ID)]


@router.post(
    "/messages",
    name="message.create",
    status_code=201,
    responses={
        200: {"model": Ack, "description": "Sent before: the same acknowledgement"},
        **responses(409, 413),
    },
)
def create(
    request: Request, response: Response, principal: CurrentPrincipal, body: MessageIn
) -> Ack:
    """Send a message: its entities are stored and cross-checked on receipt; the answer
    is the acknowledgement (rejects, hits). The same message again gets the same one;
    the same `message_id` with other content is a conflict."""
    runtime = request.app.state.runtime
    received = messages.receive(
        runtime.hub,
        principal,
        body.model_dump(mode="json"),
        batch_size=runtime.settings.batch_size,
        benign=runtime.benign,
    )
    if not received.created:
        response.status_code = 200
    return Ack.model_validate(received.ack)


@router.get("/messages", name="message.list")
def list_messages(
    request: Request,
    principal: CurrentPrincipal,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.MessageCursor = None,
) -> pages.Page[MessageHeader]:
    """Messages you sent, received, or may read through a case, oldest first."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        letters = mailbox.listing(ctx, after=cursor or "", limit=limit)
    return pages.page(letters, limit, lambda m: m.row.id, views.message_header)


@router.get("/messages/{message_id}", name="message.read")
def read(request: Request, principal: CurrentPrincipal, message_id: MessageId) -> Message:
    """A message, with its entities' values that you may read."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        letter = mailbox.read(ctx, message_id)
    return views.message(letter)


@router.get("/messages/{message_id}/thread", name="message.thread")
def thread(
    request: Request,
    principal: CurrentPrincipal,
    message_id: MessageId,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.MessageCursor = None,
) -> pages.Page[MessageHeader]:
    """The messages of its thread (replies and what they answer) that you may read."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        letters = mailbox.thread(ctx, message_id, after=cursor or "", limit=limit)
    return pages.page(letters, limit, lambda m: m.row.id, views.message_header)
