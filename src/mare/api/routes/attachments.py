"""Attachments: upload the content first (raw body), then cite its SHA-256 in a message."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.wire import SHA256, Attachment
from mare.exchange import attachments
from mare.exchange.media import ALLOWED

router = APIRouter(tags=["messages"], responses=responses(*STANDARD_ERRORS))

Digest = Annotated[str, Path(pattern=SHA256)]
UPLOAD = {
    "requestBody": {
        "required": True,
        "description": "The attachment's bytes; `Content-Type` is its media type",
        "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in ALLOWED},
    }
}


@router.post(
    "/attachments",
    name="attachment.upload",
    status_code=201,
    openapi_extra=UPLOAD,
    responses=responses(413),
)
async def upload(request: Request, principal: CurrentPrincipal) -> Attachment:
    """Store an attachment (once per content): size-capped, its type checked on its bytes."""
    content = await request.body()
    runtime = request.app.state.runtime
    declared = request.headers.get("content-type")

    def store() -> Attachment:
        with runtime.hub.context(principal) as ctx:
            row = attachments.upload(ctx, content, declared, runtime.settings.max_attachment_bytes)
        return Attachment(
            sha256=row.sha256, size=row.size, media_type=row.media_type, created_at=row.created_at
        )

    return await run_in_threadpool(store)


@router.get(
    "/attachments/{sha256}",
    name="attachment.read",
    response_class=Response,
    responses={200: {"content": {k: {} for k in ALLOWED}, "description": "The content"}},
)
def read(request: Request, principal: CurrentPrincipal, sha256: Digest) -> Response:
    """An attachment's content (its uploaders, and whoever may read a message citing it)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        meta, content = attachments.download(ctx, sha256)
    return Response(content, media_type=meta.media_type)
