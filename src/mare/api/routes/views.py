"""Rows to response bodies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Row

from mare.api.schemas import Entity, Organisation, Statement, Token, User
from mare.api.wire import (
    AttachmentRef,
    Case,
    CaseChange,
    Disclosure,
    Message,
    MessageHeader,
)
from mare.exchange.caseviews import CaseView
from mare.exchange.disclosures import Seen
from mare.exchange.entities import Reading
from mare.exchange.mailbox import Letter
from mare.exchange.policy import marks
from mare.exchange.roles import OrgKind, Role


def organisation(row: Row[Any]) -> Organisation:
    return Organisation(
        id=row.id,
        name=row.name,
        country=row.country,
        kind=OrgKind(row.kind),
        active=row.active,
        created_at=row.created_at,
    )


def user(row: Row[Any]) -> User:
    return User(
        id=row.id,
        organisation=row.organisation,
        name=row.name,
        role=Role(row.role),
        active=row.active,
        created_at=row.created_at,
    )


def token_fields(row: Row[Any]) -> dict[str, Any]:
    now = datetime.now(UTC)
    state = "active"
    if row.revoked_at is not None:
        state = "revoked"
    elif row.expires_at is not None and row.expires_at <= now:
        state = "expired"
    return {
        "id": row.id,
        "user": row.user_id,
        "organisation": row.organisation,
        "state": state,
        "created_at": row.created_at,
        "created_by": row.created_by,
        "expires_at": row.expires_at,
        "revoked_at": row.revoked_at,
        "revoked_by": row.revoked_by,
        "last_used_at": row.last_used_at,
    }


def token(row: Row[Any]) -> Token:
    return Token(**token_fields(row))


def statement(row: Row[Any]) -> Statement:
    mark = marks(row.handling, row.restriction)
    return Statement(
        id=row.id,
        prop=row.prop,
        value=row.value,
        norm=row.norm,
        valid=row.valid,
        reason=row.reason,
        source=row.source_id,
        owner=row.owner,
        handling=row.handling,
        restriction=row.restriction,
        evaluation=row.evaluation,
        category=row.category,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        review_date=row.review_date,
        not_for_court=mark.not_for_court,
        not_for_court_reason=mark.not_for_court_reason,
    )


def entity(found: Reading) -> Entity:
    assert found.entity is not None
    return Entity(
        id=found.entity.id,
        schema=found.entity.schema,
        first_seen=found.entity.first_seen,
        last_seen=found.entity.last_seen,
        statements=[statement(row) for row in found.statements],
    )


def message_header(letter: Letter) -> MessageHeader:
    row = letter.row
    mark = marks(row.handling, row.restriction)
    return MessageHeader(
        id=row.id,
        message_id=row.sender_ref,
        sender=row.sender,
        sent_by=row.sent_by,
        recipients=letter.recipients,
        subject=row.subject,
        text=row.body,
        handling=row.handling,
        restriction=row.restriction,
        not_for_court=mark.not_for_court,
        not_for_court_reason=mark.not_for_court_reason,
        evaluation=row.evaluation,
        case=row.case_ref,
        reply_to=row.reply_to,
        thread=row.thread_id,
        attachments=[AttachmentRef(**a) for a in orjson.loads(row.attachments)],
        received_at=row.received_at,
    )


def message(letter: Letter) -> Message:
    header = message_header(letter)
    return Message(**header.model_dump(), entities=[entity(r) for r in letter.entities])


def case(view: CaseView) -> Case:
    row = view.row
    return Case(
        id=row.id,
        reference=row.reference,
        title=row.title,
        opener=row.opener,
        opened_by=row.opened_by,
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
        participants=view.participants,
        messages=view.messages,
        entities=view.entities,
    )


def change(row: Row[Any]) -> CaseChange:
    return CaseChange(
        at=row.at,
        actor_user=row.actor_user,
        actor_org=row.actor_org,
        change=row.change,
        detail=orjson.loads(row.detail),
    )


def disclosure(view: Seen) -> Disclosure:
    row = view.row
    mine = view.side in ("owner", "requester")
    return Disclosure(
        id=row.id,
        side=view.side,
        status=row.status,
        owner=row.owner,
        requester=row.requester,
        your_entity=row.query_entity if mine else None,
        band=row.band,
        family=row.family,
        created_at=row.created_at,
        requested_at=row.requested_at,
        request_reason=row.request_reason,
        decided_at=row.decided_at,
        decision_reason=row.decision_reason,
        entity=row.entity_id if view.complete else None,
        score=row.score if view.complete else None,
        reasons=orjson.loads(row.reasons) if view.complete else [],
        statements=[statement(s) for s in view.statements],
        query_item=orjson.loads(row.query_item) if view.side == "owner" else None,
    )
