"""Hit/no-hit disclosures: the owner grants or refuses; a supervisor may override."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.wire import HIT_ID, Disclosure, OverrideIn, ReasonIn
from mare.exchange import disclosures

router = APIRouter(tags=["hits"], responses=responses(*STANDARD_ERRORS))
WRITE = responses(409, 413)

HitId = Annotated[str, Path(pattern=HIT_ID)]


@router.get("/disclosures", name="disclosure.list")
def list_disclosures(
    request: Request,
    principal: CurrentPrincipal,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.HitCursor = None,
) -> pages.Page[Disclosure]:
    """Hits on your data, and your hits on others' (supervisors: all), oldest first."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = disclosures.listing(ctx, after=cursor or "", limit=limit + 1)
        found = [disclosures.seen(ctx, r, disclosures.side(ctx, r) or "supervisor") for r in rows]
    return pages.page(found, limit, lambda d: d.row.id, views.disclosure)


@router.get("/disclosures/{hit_id}", name="disclosure.read")
def read(request: Request, principal: CurrentPrincipal, hit_id: HitId) -> Disclosure:
    """A hit: the owner sees what matched; the requester the owner and band, and the
    matched values once released."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.disclosure(disclosures.read(ctx, hit_id))


def _after(request: Request, principal: CurrentPrincipal, hit_id: str) -> Disclosure:
    with request.app.state.runtime.hub.context(principal) as ctx:
        row, side = disclosures.visible(ctx, hit_id)
        return views.disclosure(disclosures.seen(ctx, row, side))


@router.post("/disclosures/{hit_id}/grant", name="disclosure.grant", responses=WRITE)
def grant(
    request: Request, principal: CurrentPrincipal, hit_id: HitId, body: ReasonIn
) -> Disclosure:
    """Release the matched values to the organisation that got the hit (the owner)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = disclosures.grant(ctx, hit_id, body.reason)
        return views.disclosure(disclosures.seen(ctx, row, "owner"))


@router.post("/disclosures/{hit_id}/refuse", name="disclosure.refuse", responses=WRITE)
def refuse(
    request: Request, principal: CurrentPrincipal, hit_id: HitId, body: ReasonIn
) -> Disclosure:
    """Refuse disclosure: nothing is released (the owner)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = disclosures.refuse(ctx, hit_id, body.reason)
        return views.disclosure(disclosures.seen(ctx, row, "owner"))


@router.post("/disclosures/{hit_id}/request", name="disclosure.request", responses=WRITE)
def ask(request: Request, principal: CurrentPrincipal, hit_id: HitId, body: ReasonIn) -> Disclosure:
    """Ask the owner to release the matched values, saying why (the requester)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = disclosures.request(ctx, hit_id, body.reason)
        return views.disclosure(disclosures.seen(ctx, row, "requester"))


@router.post("/disclosures/{hit_id}/override", name="disclosure.override", responses=WRITE)
def override(
    request: Request, principal: CurrentPrincipal, hit_id: HitId, body: OverrideIn
) -> Disclosure:
    """Emergency release, for an imminent threat to life (hub supervisors, with a reason):
    the owner is told at once."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = disclosures.override(ctx, hit_id, body.reason, body.to)
        side = disclosures.side(ctx, row) or "supervisor"
        return views.disclosure(disclosures.seen(ctx, row, side))
