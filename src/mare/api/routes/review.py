"""Retention at review (supervisors): what is due, and keeping an item with a reason."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from mare.api import pages
from mare.api.auth import CurrentPrincipal
from mare.api.errors import STANDARD_ERRORS, responses
from mare.api.schemas import ORG_ID
from mare.api.wire import DueItem, Extension, ExtensionIn
from mare.exchange import retention

router = APIRouter(tags=["retention"], responses=responses(*STANDARD_ERRORS))

ReviewCursor = Annotated[
    str | None,
    Query(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}:.{1,255}$",
        description="`next_cursor` of the previous page",
    ),
]


def _item(found: retention.Due) -> DueItem:
    return DueItem(
        entity=found.entity_id,
        owner=found.owner,
        schema=found.schema,
        review_date=found.review_date,
        values=found.values,
    )


@router.get("/review", name="review.list")
def due_items(
    request: Request,
    principal: CurrentPrincipal,
    due: Annotated[date | None, Query(description="Due on or before (default today)")] = None,
    owner: Annotated[str | None, Query(pattern=ORG_ID, description="One owner's items")] = None,
    limit: pages.Limit = pages.DEFAULT_LIMIT,
    cursor: ReviewCursor = None,
) -> pages.Page[DueItem]:
    """Items due for review, by entity and owner: keep one with a reason, or the
    review erases it (`mare review run`)."""
    after = None
    if cursor:
        org, _, entity = cursor.partition(":")
        after = (entity, org)
    with request.app.state.runtime.hub.context(principal) as ctx:
        found = retention.review(
            ctx, due or retention.today(), owner=owner, after=after, limit=limit + 1
        )
    return pages.page(found, limit, lambda d: f"{d.owner}:{d.entity_id}", _item)


@router.post("/review/{entity_id}/extension", name="review.extend", responses=responses(413))
def extend(
    request: Request,
    principal: CurrentPrincipal,
    entity_id: Annotated[str, Path(min_length=1, max_length=255)],
    body: ExtensionIn,
) -> list[Extension]:
    """Keep an item (of one owner, or of each) to a later review, with the reason."""
    with request.app.state.runtime.hub.context(principal) as ctx:
        made = retention.extend(
            ctx, entity_id, body.reason, owner=body.owner, until=body.until, years=body.years
        )
    return [
        Extension(
            entity=d["entity_id"],
            owner=d["owner"],
            review_was=d["review_was"],
            review_until=d["review_until"],
            reason=d["reason"],
            decided_by=d["decided_by"],
            decided_at=d["decided_at"],
        )
        for d in made
    ]
