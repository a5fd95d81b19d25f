"""Entities, through the access hook: each value is shown only if `policy.decide` allows it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.schemas import Entity
from mare.api.wire import Erasure, ErasureItem, Restriction, RestrictionIn
from mare.errors import NotFound
from mare.exchange import retention
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


EntityId = Annotated[str, Path(min_length=1, max_length=255)]


@router.delete("/entities/{entity_id}", name="entity.erase")
def erase(request: Request, principal: CurrentPrincipal, entity_id: EntityId) -> Erasure:
    """Erase your organisation's values of an entity, with everything derived from them
    (its index record, hits, disclosures, case links, notifications ...); your
    documents and relations of it go with it. Others' values stay."""
    runtime = request.app.state.runtime
    with runtime.hub.context(principal) as ctx:
        erased = retention.erase_item(ctx, entity_id, benign=runtime.benign)
    return Erasure(
        items=[ErasureItem(entity=e, owner=o) for e, o in erased.items],
        entities_gone=len(erased.gone),
        values=erased.rows["statements"],
    )


@router.post("/entities/{entity_id}/restriction", name="entity.restrict", responses=responses(413))
def restrict(
    request: Request, principal: CurrentPrincipal, entity_id: EntityId, body: RestrictionIn
) -> Restriction:
    """Restrict your organisation's values of an entity (held, but shown to and
    cross-checked for no one else), or lift the restriction."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        if body.restricted:
            row = retention.restrict(ctx, entity_id, body.reason)
            return Restriction(
                entity=entity_id,
                owner=row.owner,
                restricted=True,
                reason=row.reason,
                restricted_by=row.restricted_by,
                restricted_at=row.restricted_at,
            )
        retention.unrestrict(ctx, entity_id)
        return Restriction(entity=entity_id, owner=principal.organisation, restricted=False)
