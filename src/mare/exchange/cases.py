"""Cases: bilateral and multilateral, with participants, shared data, status and history.

- Opened by a partner or the hub (investigators, analysts, supervisors); the
  opener's organisation is a participant from the start.
- **Participants** are added and removed by the opener's organisation and by
  the hub's supervisors; the opener cannot be removed.
- **Sharing into a case** is the data owner's act: a participant links its
  own messages (all their values) or its own values of an entity. A message
  whose ``case`` names the case's reference is linked on arrival when its
  sender is a participant. While the case is open, its participants read
  what was shared into it, except H2 values they were not recipients of.
- **Status**: ``open``, ``suspended`` or ``closed``, changed by the opener's
  organisation or a supervisor; only an open case grants access or takes
  links; a closed case is final.
- **History**: every change, who and when, append-only (``case_history``).

Participants and the hub's supervisors read the case record; to anyone else
it does not exist.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Row, select

from mare.errors import Conflict, Forbidden, InvalidValue, NotFound
from mare.exchange import alerts, ids
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.notify import Kind
from mare.exchange.policy import Permission, allows, require
from mare.store.exchange import case_history, case_links, case_participants, cases, messages
from mare.store.store import Writer
from mare.store.tables import organisations, statements

STATUSES = ("open", "suspended", "closed")
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:-]{0,99}$")


def _now() -> datetime:
    return datetime.now(UTC)


def _history(
    ctx: Context, case_id: str, change: str, also: tuple[str, ...] = (), **detail: Any
) -> None:
    """Record a change (append-only) and tell the participants (and ``also``)."""
    ctx.conn.execute(
        case_history.insert().values(
            case_id=case_id,
            at=_now(),
            actor_user=ctx.who.user,
            actor_org=ctx.who.organisation,
            change=change,
            detail=orjson.dumps(detail, option=orjson.OPT_SORT_KEYS).decode(),
        )
    )
    ctx.conn.execute(cases.update().where(cases.c.id == case_id).values(updated_at=_now()))
    kind = Kind.CASE_OPENED if change == "opened" else Kind.CASE_UPDATED
    orgs = [*participants(ctx, case_id), *also]
    alerts.case_changed(ctx, fetch(ctx, case_id), kind, change, orgs, **detail)


def participants(ctx: Context, case_id: str) -> list[str]:
    query = select(case_participants.c.organisation).where(case_participants.c.case_id == case_id)
    return sorted(org for (org,) in ctx.conn.execute(query))


def _active(ctx: Context, org: str, field: str) -> None:
    row = ctx.conn.execute(select(organisations.c.active).where(organisations.c.id == org)).first()
    if row is None or not row.active:
        raise InvalidValue(f"no active organisation {org!r}", field=field)


def _add(ctx: Context, case_id: str, org: str) -> None:
    Writer(ctx.conn).insert_new(
        case_participants,
        [{"case_id": case_id, "organisation": org, "added_by": ctx.who.user, "added_at": _now()}],
    )


def open_case(ctx: Context, reference: str, title: str, others: list[str]) -> Row[Any]:
    require(ctx.who, Permission.CASES)
    if not REFERENCE.match(reference):
        raise InvalidValue(f"not a case reference: {reference!r}", field="body.reference")
    taken = ctx.conn.execute(select(cases.c.id).where(cases.c.reference == reference)).first()
    if taken is not None:
        raise Conflict(f"case reference {reference!r} is taken")
    members = sorted(set(others) - {ctx.who.organisation})
    for org in members:
        _active(ctx, org, "body.participants")
    case_id = ids.new_id(ids.CASE)
    now = _now()
    ctx.conn.execute(
        cases.insert().values(
            id=case_id,
            reference=reference,
            title=" ".join(title.split()),
            opened_by=ctx.who.user,
            opener=ctx.who.organisation,
            status="open",
            created_at=now,
            updated_at=now,
        )
    )
    for org in [ctx.who.organisation, *members]:
        _add(ctx, case_id, org)
    _history(
        ctx, case_id, "opened", reference=reference, participants=[ctx.who.organisation, *members]
    )
    ctx.audit(
        Action.COLLECTION,
        "case.create",
        object_type="case",
        object_ids=[case_id],
        recipients=members,
        detail={"reference": reference},
    )
    return fetch(ctx, case_id)


def fetch(ctx: Context, case_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(cases).where(cases.c.id == case_id)).first()
    if row is None:
        raise NotFound(f"no case {case_id!r}")
    return row


def visible(ctx: Context, case_id: str) -> Row[Any]:
    """A case the principal takes part in (or oversees); to anyone else, not found."""
    require(ctx.who, Permission.CASES)
    row = ctx.conn.execute(select(cases).where(cases.c.id == case_id)).first()
    if row is not None and (
        ctx.who.organisation in participants(ctx, case_id)
        or allows(ctx.who, Permission.CASES_OVERSEE)
    ):
        return row
    # Raised out of the transaction: the error handler records the denial.
    raise NotFound(f"no case {case_id!r} that you take part in")


def listing(ctx: Context, *, after: str = "", limit: int = 50) -> list[Row[Any]]:
    """Cases the principal's organisation takes part in (supervisors: every case)."""
    require(ctx.who, Permission.CASES)
    query = select(cases).where(cases.c.id > after)
    if not allows(ctx.who, Permission.CASES_OVERSEE):
        mine = select(case_participants.c.case_id).where(
            case_participants.c.organisation == ctx.who.organisation
        )
        query = query.where(cases.c.id.in_(mine))
    rows = list(ctx.conn.execute(query.order_by(cases.c.id).limit(limit)))
    ctx.audit(
        Action.CONSULTATION,
        "case.list",
        object_type="case",
        object_ids=[r.id for r in rows],
        detail={"after": after, "returned": len(rows)},
    )
    return rows


def links(ctx: Context, case_id: str) -> list[Row[Any]]:
    query = select(case_links).where(case_links.c.case_id == case_id)
    return list(ctx.conn.execute(query.order_by(case_links.c.linked_at, case_links.c.ref)))


def history(ctx: Context, case_id: str) -> list[Row[Any]]:
    visible(ctx, case_id)
    query = select(case_history).where(case_history.c.case_id == case_id)
    rows = list(ctx.conn.execute(query.order_by(case_history.c.id)))
    ctx.audit(
        Action.CONSULTATION,
        "case.history",
        object_type="case",
        object_ids=[case_id],
        detail={"returned": len(rows)},
    )
    return rows


def _manager(ctx: Context, row: Row[Any], what: str) -> None:
    if ctx.who.organisation != row.opener and not allows(ctx.who, Permission.CASES_OVERSEE):
        raise Forbidden(f"only the case's opener or a hub supervisor {what}")
    if row.status == "closed":
        raise Conflict(f"case {row.id} is closed")


def add_participant(ctx: Context, case_id: str, org: str) -> Row[Any]:
    row = visible(ctx, case_id)
    _manager(ctx, row, "adds participants")
    _active(ctx, org, "body.organisation")
    if org in participants(ctx, case_id):
        raise Conflict(f"{org} takes part in case {case_id} already")
    _add(ctx, case_id, org)
    _history(ctx, case_id, "participant.added", organisation=org)
    ctx.audit(
        Action.CHANGE,
        "case.participant.add",
        object_type="case",
        object_ids=[case_id],
        recipients=[org],
        detail={"organisation": org},
    )
    return fetch(ctx, case_id)


def remove_participant(ctx: Context, case_id: str, org: str) -> Row[Any]:
    row = visible(ctx, case_id)
    _manager(ctx, row, "removes participants")
    if org == row.opener:
        raise Conflict("the case's opener cannot be removed")
    if org not in participants(ctx, case_id):
        raise NotFound(f"{org} does not take part in case {case_id}")
    ctx.conn.execute(
        case_participants.delete().where(
            case_participants.c.case_id == case_id, case_participants.c.organisation == org
        )
    )
    _history(ctx, case_id, "participant.removed", (org,), organisation=org)
    ctx.audit(
        Action.CHANGE,
        "case.participant.remove",
        object_type="case",
        object_ids=[case_id],
        detail={"organisation": org},
    )
    return fetch(ctx, case_id)


def set_status(ctx: Context, case_id: str, status: str, reason: str | None) -> Row[Any]:
    row = visible(ctx, case_id)
    _manager(ctx, row, "changes the status")
    if status not in STATUSES:
        raise InvalidValue(f"status is one of {', '.join(STATUSES)}", field="body.status")
    if status == row.status:
        raise Conflict(f"case {case_id} is {status} already")
    ctx.conn.execute(cases.update().where(cases.c.id == case_id).values(status=status))
    _history(ctx, case_id, "status.changed", status=status, was=row.status, reason=reason)
    ctx.audit(
        Action.CHANGE,
        "case.status",
        object_type="case",
        object_ids=[case_id],
        detail={"status": status, "was": row.status, "reason": reason},
    )
    return fetch(ctx, case_id)


def _linkable(ctx: Context, case_id: str) -> Row[Any]:
    row = visible(ctx, case_id)
    if ctx.who.organisation not in participants(ctx, case_id):
        raise Forbidden("only participants share data into a case")
    if row.status != "open":
        raise Conflict(f"case {case_id} is {row.status}: data is shared into open cases only")
    return row


def _link(ctx: Context, case_id: str, kind: str, ref: str, source_id: str | None) -> bool:
    exists = ctx.conn.execute(
        select(case_links.c.ref).where(
            case_links.c.case_id == case_id, case_links.c.kind == kind, case_links.c.ref == ref
        )
    ).first()
    if exists is not None:
        return False
    ctx.conn.execute(
        case_links.insert().values(
            case_id=case_id,
            kind=kind,
            ref=ref,
            organisation=ctx.who.organisation,
            source_id=source_id,
            linked_by=ctx.who.user,
            linked_at=_now(),
        )
    )
    _history(ctx, case_id, f"{kind}.linked", ref=ref)
    return True


def link_message(ctx: Context, case_id: str, message_id: str) -> Row[Any]:
    """Share one's own message into a case (all its values)."""
    _linkable(ctx, case_id)
    message = ctx.conn.execute(select(messages).where(messages.c.id == message_id)).first()
    if message is None or message.sender != ctx.who.organisation or message.status != "received":
        raise InvalidValue(f"no message {message_id!r} of yours", field="body.message")
    new = _link(ctx, case_id, "message", message_id, message.source_id)
    ctx.audit(
        Action.TRANSFER,
        "case.message.link",
        object_type="case",
        object_ids=[case_id, message_id],
        recipients=participants(ctx, case_id),
        detail={"new": new},
    )
    return fetch(ctx, case_id)


def link_entity(ctx: Context, case_id: str, entity_id: str) -> Row[Any]:
    """Share one's own values of an entity into a case (also those sent later)."""
    _linkable(ctx, case_id)
    held = ctx.conn.execute(
        select(statements.c.id)
        .where(statements.c.entity_id == entity_id, statements.c.owner == ctx.who.organisation)
        .limit(1)
    ).first()
    if held is None:
        raise InvalidValue(f"no entity {entity_id!r} with values of yours", field="body.entity")
    new = _link(ctx, case_id, "entity", entity_id, None)
    ctx.audit(
        Action.TRANSFER,
        "case.entity.link",
        object_type="case",
        object_ids=[case_id, entity_id],
        recipients=participants(ctx, case_id),
        detail={"new": new},
    )
    return fetch(ctx, case_id)


def link_by_reference(ctx: Context, message: Row[Any]) -> dict[str, Any]:
    """On arrival: link a message to the open case its ``case`` names, if its sender
    takes part in it (else say why not, in the acknowledgement)."""
    row = ctx.conn.execute(select(cases).where(cases.c.reference == message.case_ref)).first()
    answer: dict[str, Any] = {"reference": message.case_ref, "case": None, "linked": False}
    if row is None or message.sender not in participants(ctx, row.id):
        answer["reason"] = "no case with this reference that you take part in"
        return answer
    answer["case"] = row.id
    if row.status != "open":
        answer["reason"] = f"the case is {row.status}"
        return answer
    _link(ctx, row.id, "message", message.id, message.source_id)
    answer["linked"] = True
    return answer
