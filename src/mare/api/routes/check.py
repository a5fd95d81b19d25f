"""Cross-checking, search and export: every item through the access hook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.schemas import Entity
from mare.api.wire import CASE_ID, MESSAGE_ID, CheckIn, HitSummary
from mare.errors import InvalidValue
from mare.exchange import caseviews, crosscheck, entities, mailbox
from mare.exchange.hub import Context
from mare.exchange.policy import Permission, require

router = APIRouter(tags=["entities"], responses=responses(*STANDARD_ERRORS))


@router.post("/check", name="check", responses=responses(413))
def check(request: Request, principal: CurrentPrincipal, body: CheckIn) -> HitSummary:
    """Cross-check FtM entities (not stored) against the hub: hits you may read in full;
    on data you may not read, only that a hit exists and whose data it is (hit/no-hit:
    the owner is told and decides)."""
    runtime = request.app.state.runtime
    with runtime.hub.context(principal) as ctx:
        found = crosscheck.check(ctx, body.entities, runtime.benign)
    return HitSummary.model_validate(found)


@router.get("/hits", name="hit.list")
def hits(
    request: Request,
    principal: CurrentPrincipal,
    entity: Annotated[str, Query(min_length=1, max_length=255, description="An entity id")],
) -> HitSummary:
    """The hits found on arrival for an entity you may read, as you may see them: in
    full where you may read the other side, else hit/no-hit (its owner is told)."""
    runtime = request.app.state.runtime
    with runtime.hub.context(principal) as ctx:
        found = crosscheck.held_hits(ctx, entity, runtime.benign)
    return HitSummary.model_validate(found)


@router.get("/search", name="entity.search")
def search(
    request: Request,
    principal: CurrentPrincipal,
    q: Annotated[
        str,
        Query(
            min_length=2,
            max_length=200,
            pattern=r"\S",
            description="A name (or part of one), or an identifier key",
        ),
    ],
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.EntityCursor = None,
) -> pages.Page[Entity]:
    """Entities with a name containing `q` or the identifier key `q`, with the values
    you may read (found only by what you may read)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        found = entities.search(ctx, q, after=cursor or "", limit=limit)
    return pages.page(found, limit, lambda r: r.statements[0].entity_id, views.entity)


@router.get(
    "/export",
    name="entity.export",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"application/x-ndjson": {}},
            "description": "One entity per line, as `GET /entities/{id}` shows it",
        }
    },
)
def export(
    request: Request,
    principal: CurrentPrincipal,
    case: Annotated[str | None, Query(pattern=CASE_ID, description="Only this case's")] = None,
    message: Annotated[
        str | None, Query(pattern=MESSAGE_ID, description="Only this message's")
    ] = None,
) -> StreamingResponse:
    """Everything you may read (or a case's, or a message's), as JSON lines."""
    hub = request.app.state.runtime.hub
    with hub.context(principal) as ctx:
        ids = _scope(ctx, case, message)

    def lines() -> Iterator[bytes]:
        with hub.context(principal) as ctx:
            for found in entities.export(ctx, ids):
                yield orjson.dumps(views.entity(found).model_dump(mode="json", by_alias=True))
                yield b"\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson")


def _scope(ctx: Context, case: str | None, message: str | None) -> list[str] | None:
    require(ctx.who, Permission.DATA_READ)
    if case is not None and message is not None:
        raise InvalidValue("export a case or a message, not both", field="query.case")
    if case is not None:
        return caseviews.shared_entities(ctx, case)
    if message is not None:
        return [r.entity.id for r in mailbox.read(ctx, message).entities if r.entity]
    return None
