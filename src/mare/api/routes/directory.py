"""Organisations and users: the directory (reads for all; changes by administrators)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.schemas import ORG_ID, USER_ID, ActiveIn, Organisation, OrganisationIn, User, UserIn
from mare.exchange import parties

router = APIRouter(tags=["directory"], responses=responses(*STANDARD_ERRORS))
WRITE_ERRORS = responses(409, 413)

OrgId = Annotated[str, Path(pattern=ORG_ID)]
UserId = Annotated[str, Path(pattern=USER_ID)]


@router.get("/organisations", name="organisation.list")
def list_organisations(
    request: Request,
    principal: CurrentPrincipal,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.OrgCursor = None,
) -> pages.Page[Organisation]:
    """Every organisation in the exchange, by id."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = parties.list_organisations(ctx, after=cursor or "", limit=limit + 1)
    return pages.page(rows, limit, lambda r: r.id, views.organisation)


@router.get("/organisations/{org_id}", name="organisation.read")
def read_organisation(request: Request, principal: CurrentPrincipal, org_id: OrgId) -> Organisation:
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.organisation(parties.organisation(ctx, org_id))


@router.post("/organisations", name="organisation.create", status_code=201, responses=WRITE_ERRORS)
def create_organisation(
    request: Request, principal: CurrentPrincipal, body: OrganisationIn
) -> Organisation:
    """Add a partner unit or the hub (administrators)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        country = body.country.value if body.country else None
        row = parties.add_organisation(ctx, body.id, body.name, country, body.kind)
    return views.organisation(row)


@router.patch("/organisations/{org_id}", name="organisation.update", responses=WRITE_ERRORS)
def update_organisation(
    request: Request, principal: CurrentPrincipal, org_id: OrgId, body: ActiveIn
) -> Organisation:
    """Deactivate (or reactivate) an organisation: its users' tokens stop working."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.organisation(parties.set_organisation_active(ctx, org_id, body.active))


@router.get("/users", name="user.list")
def list_users(
    request: Request,
    principal: CurrentPrincipal,
    organisation: Annotated[str | None, Query(pattern=ORG_ID)] = None,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.UserCursor = None,
) -> pages.Page[User]:
    """Users, by id (administrators); ``organisation`` narrows to one organisation."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = parties.list_users(
            ctx, organisation=organisation, after=cursor or "", limit=limit + 1
        )
    return pages.page(rows, limit, lambda r: r.id, views.user)


@router.get("/users/{user_id}", name="user.read")
def read_user(request: Request, principal: CurrentPrincipal, user_id: UserId) -> User:
    """A user (administrators; anyone may read their own)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.user(parties.user(ctx, user_id))


@router.post("/users", name="user.create", status_code=201, responses=WRITE_ERRORS)
def create_user(request: Request, principal: CurrentPrincipal, body: UserIn) -> User:
    """Add a user to an organisation (administrators); the role must suit its kind."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = parties.add_user(ctx, body.id, body.organisation, body.role, body.name)
    return views.user(row)


@router.patch("/users/{user_id}", name="user.update", responses=WRITE_ERRORS)
def update_user(
    request: Request, principal: CurrentPrincipal, user_id: UserId, body: ActiveIn
) -> User:
    """Deactivate (or reactivate) a user: their tokens stop working."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.user(parties.set_user_active(ctx, user_id, body.active))
