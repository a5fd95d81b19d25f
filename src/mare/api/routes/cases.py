"""Cases: open, read, participants, shared messages and entities, status, history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.routes import views
from mare.api.schemas import ORG_ID
from mare.api.wire import (
    CASE_ID,
    Case,
    CaseChange,
    CaseIn,
    CaseStatusIn,
    LinkEntityIn,
    LinkMessageIn,
    ParticipantIn,
)
from mare.exchange import cases, caseviews

router = APIRouter(tags=["cases"], responses=responses(*STANDARD_ERRORS))
WRITE = responses(409, 413)

CaseId = Annotated[str, Path(pattern=CASE_ID)]
OrgId = Annotated[str, Path(pattern=ORG_ID)]


@router.post("/cases", name="case.create", status_code=201, responses=WRITE)
def create(request: Request, principal: CurrentPrincipal, body: CaseIn) -> Case:
    """Open a case; your organisation takes part in it, with the participants named."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = cases.open_case(ctx, body.reference, body.title, body.participants)
        return views.case(caseviews.view(ctx, row))


@router.get("/cases", name="case.list")
def list_cases(
    request: Request,
    principal: CurrentPrincipal,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: pages.CaseCursor = None,
) -> pages.Page[Case]:
    """Cases you take part in (supervisors: every case), oldest first."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        rows = cases.listing(ctx, after=cursor or "", limit=limit + 1)
        found = [caseviews.view(ctx, row) for row in rows]
    return pages.page(found, limit, lambda c: c.row.id, views.case)


@router.get("/cases/{case_id}", name="case.read")
def read(request: Request, principal: CurrentPrincipal, case_id: CaseId) -> Case:
    with request.app.state.runtime.hub.context(principal) as ctx:
        return views.case(caseviews.read(ctx, case_id))


@router.patch("/cases/{case_id}", name="case.update", responses=WRITE)
def update(
    request: Request, principal: CurrentPrincipal, case_id: CaseId, body: CaseStatusIn
) -> Case:
    """Change the status (the opener's organisation, or a hub supervisor)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = cases.set_status(ctx, case_id, body.status, body.reason)
        return views.case(caseviews.view(ctx, row))


@router.post("/cases/{case_id}/participants", name="case.participant.add", responses=WRITE)
def add_participant(
    request: Request, principal: CurrentPrincipal, case_id: CaseId, body: ParticipantIn
) -> Case:
    """Add a participant (the opener's organisation, or a hub supervisor)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = cases.add_participant(ctx, case_id, body.organisation)
        return views.case(caseviews.view(ctx, row))


@router.delete(
    "/cases/{case_id}/participants/{org_id}", name="case.participant.remove", responses=WRITE
)
def remove_participant(
    request: Request, principal: CurrentPrincipal, case_id: CaseId, org_id: OrgId
) -> Case:
    """Remove a participant (the opener's organisation, or a hub supervisor)."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = cases.remove_participant(ctx, case_id, org_id)
        return views.case(caseviews.view(ctx, row))


@router.post("/cases/{case_id}/messages", name="case.message.link", responses=WRITE)
def link_message(
    request: Request, principal: CurrentPrincipal, case_id: CaseId, body: LinkMessageIn
) -> Case:
    """Share one of your messages into the case."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = cases.link_message(ctx, case_id, body.message)
        return views.case(caseviews.view(ctx, row))


@router.post("/cases/{case_id}/entities", name="case.entity.link", responses=WRITE)
def link_entity(
    request: Request, principal: CurrentPrincipal, case_id: CaseId, body: LinkEntityIn
) -> Case:
    """Share your values of an entity into the case."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        row = cases.link_entity(ctx, case_id, body.entity)
        return views.case(caseviews.view(ctx, row))


@router.get("/cases/{case_id}/history", name="case.history")
def history(request: Request, principal: CurrentPrincipal, case_id: CaseId) -> list[CaseChange]:
    """Every change to the case, oldest first: who, when, what."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        return [views.change(row) for row in cases.history(ctx, case_id)]
