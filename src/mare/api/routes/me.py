"""``GET /me``: who the token stands for."""

from __future__ import annotations

from fastapi import APIRouter, Request

from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.schemas import Me
from mare.exchange import parties

router = APIRouter(tags=["identity"], responses=responses(*STANDARD_ERRORS))


@router.get("/me", name="me.read")
def read_me(request: Request, principal: CurrentPrincipal) -> Me:
    """The principal of this request: user, organisation, role, token and purpose."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = parties.me(ctx)
    return Me(
        user=principal.user,
        name=row.name,
        organisation=principal.organisation,
        organisation_kind=principal.kind,
        role=principal.role,
        token=principal.token,
        purpose=principal.purpose,
    )
