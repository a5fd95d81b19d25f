"""Entities, through the access hook: each value is shown only if `policy.decide` allows it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.schemas import Entity
from mare.errors import NotFound
from mare.exchange.entities import read_entity

router = APIRouter(tags=["entities"], responses=responses(*STANDARD_ERRORS))


@router.get("/entities/{entity_id}", name="entity.read")
def read(
    request: Request,
    principal: CurrentPrincipal,
    entity_id: Annotated[str, Path(min_length=1, max_length=255)],
) -> Entity:
    """An entity with the values you may read and the provenance of each.

    Nothing readable and nothing held both answer 404 (for now: hit/no-hit
    comes with the access rules).
    """
    with request.app.state.runtime.hub.context(principal) as ctx:
        reading = read_entity(ctx, entity_id)
    if reading.entity is None:
        missing = NotFound(f"no entity {entity_id!r} that you may read")
        missing.audited = True  # read_entity recorded the denial
        raise missing
    return Entity(
        id=reading.entity.id,
        schema=reading.entity.schema,
        first_seen=reading.entity.first_seen,
        last_seen=reading.entity.last_seen,
        statements=[views.statement(row) for row in reading.statements],
    )
