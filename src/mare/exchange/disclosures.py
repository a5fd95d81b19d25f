"""Hit/no-hit: a hit on data the requester may not read, and the owner's decision on it.

A disclosure is opened when a partner's query or contribution hits an item it
may not read (`mare.exchange.crosscheck`). The requester learns the hit id,
the owner and the band; the owner sees what matched (its item, the
requester's item, the reasons) and decides:

- **grant** releases exactly the matched statements (``statements``: the
  owner's values that took part in the hit and that the requester could not
  read) to exactly the requester, as one grant row per statement;
- **refuse** releases nothing;
- **override** (a hub supervisor, imminent threat to life, with a reason)
  releases them without the owner, to the requester or to the hub, and the
  owner is told at once.

Statuses: ``pending`` → ``granted`` | ``refused`` | ``overridden``; a refused
disclosure can still be overridden; nothing is ever taken back silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import orjson
from sqlalchemy import Row, select

from mare.errors import Conflict, Forbidden, InvalidValue, NotFound
from mare.exchange import alerts, ids, reading
from mare.exchange.audit import Action, Outcome
from mare.exchange.hub import Context
from mare.exchange.items import Item
from mare.exchange.policy import Permission, allows, require
from mare.store.exchange import disclosures, grants
from mare.store.store import Writer
from mare.store.tables import organisations, statements

OPEN = ("pending", "refused")
Side = Literal["owner", "requester", "supervisor"]
MAX_REASON = 2000


def open_hit(
    ctx: Context,
    *,
    kind: str,
    message_id: str | None,
    query_id: str,
    query_item: dict[str, Any],
    item: Item,
    band: str,
    score: float,
    reasons: list[dict[str, Any]],
) -> tuple[Row[Any], bool]:
    """The disclosure of this hit: an open one that covers it already, or a new one
    (``True``: new, and its owner has been notified)."""
    wanted = sorted(item.unreadable)
    assert item.owner is not None
    query = select(disclosures).where(
        disclosures.c.requester == ctx.who.organisation,
        disclosures.c.query_entity == query_id,
        disclosures.c.entity_id == item.entity_id,
        disclosures.c.owner == item.owner,
    )
    for row in ctx.conn.execute(query.order_by(disclosures.c.id)):
        if set(wanted) <= set(orjson.loads(row.statements)) and row.status in OPEN:
            return row, False
    hit_id = ids.new_id(ids.HIT)
    ctx.conn.execute(
        disclosures.insert().values(
            id=hit_id,
            requester=ctx.who.organisation,
            requested_by=ctx.who.user,
            query_kind=kind,
            message_id=message_id,
            query_entity=query_id,
            query_item=orjson.dumps(query_item).decode(),
            owner=item.owner,
            entity_id=item.entity_id,
            family=item.family.name,
            band=band,
            score=round(score, 4),
            reasons=orjson.dumps(reasons).decode(),
            statements=orjson.dumps(wanted).decode(),
            status="pending",
            created_at=datetime.now(UTC),
        )
    )
    ctx.audit(
        Action.DISCLOSURE,
        "disclosure.open",
        object_type="disclosure",
        object_ids=[hit_id, item.entity_id],
        recipients=[item.owner],
        detail={"requester": ctx.who.organisation, "band": band, "statements": len(wanted)},
    )
    row = fetch(ctx, hit_id)
    alerts.hit_on_your_data(ctx, row)
    return row, True


def fetch(ctx: Context, hit_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(disclosures).where(disclosures.c.id == hit_id)).first()
    if row is None:
        raise NotFound(f"no hit {hit_id!r}")
    return row


def hit_view(row: Row[Any]) -> dict[str, Any]:
    """What the requester may know of a hit it may not read (and the hub's supervisor)."""
    return {
        "hit": row.id,
        "visibility": "hit_no_hit",
        "your_entity": row.query_entity,
        "owner": row.owner,
        "band": row.band,
        "family": row.family,
        "entity": None,
        "score": None,
        "reasons": [],
        "status": row.status,
    }


def side(ctx: Context, row: Row[Any]) -> Side | None:
    """``owner``, ``requester`` or ``supervisor``: who the principal is to this hit."""
    org = ctx.who.organisation
    if not allows(ctx.who, Permission.DISCLOSE):
        return None
    if org == row.owner:
        return "owner"
    if org == row.requester:
        return "requester"
    if allows(ctx.who, Permission.OVERRIDE):
        return "supervisor"
    return None


def visible(ctx: Context, hit_id: str) -> tuple[Row[Any], Side]:
    """A hit the principal is party to; anything else is not found."""
    require(ctx.who, Permission.DISCLOSE)
    try:
        row = fetch(ctx, hit_id)
    except NotFound:
        row = None
    who = side(ctx, row) if row is not None else None
    if row is None or who is None:  # the error handler records the denial
        raise NotFound(f"no hit {hit_id!r} that you are party to")
    return row, who


def listing(ctx: Context, *, after: str = "", limit: int = 50) -> list[Row[Any]]:
    """Hits the principal's organisation asked about or owns the data of (supervisors: all)."""
    require(ctx.who, Permission.DISCLOSE)
    query = select(disclosures).where(disclosures.c.id > after)
    if not allows(ctx.who, Permission.OVERRIDE):
        org = ctx.who.organisation
        query = query.where((disclosures.c.owner == org) | (disclosures.c.requester == org))
    rows = list(ctx.conn.execute(query.order_by(disclosures.c.id).limit(limit)))
    ctx.audit(
        Action.CONSULTATION,
        "disclosure.list",
        object_type="disclosure",
        object_ids=[r.id for r in rows],
        detail={"after": after, "returned": len(rows)},
    )
    return rows


def _reason(text: str | None, *, required: bool) -> str | None:
    value = " ".join((text or "").split())
    if required and not value:
        raise InvalidValue("a reason is required", field="body.reason")
    if len(value) > MAX_REASON:
        raise InvalidValue(f"a reason is at most {MAX_REASON} characters", field="body.reason")
    return value or None


def _decided(ctx: Context, row: Row[Any], status: str, reason: str | None) -> Row[Any]:
    ctx.conn.execute(
        disclosures.update()
        .where(disclosures.c.id == row.id)
        .values(
            status=status,
            decided_at=datetime.now(UTC),
            decided_by=ctx.who.user,
            decision_reason=reason,
        )
    )
    return fetch(ctx, row.id)


def _release(ctx: Context, row: Row[Any], to: str, kind: str, reason: str | None) -> list[str]:
    released = list(orjson.loads(row.statements))
    now = datetime.now(UTC)
    Writer(ctx.conn).insert_new(
        grants,
        [
            {
                "statement_id": sid,
                "organisation": to,
                "disclosure_id": row.id,
                "kind": kind,
                "granted_by": ctx.who.user,
                "granted_at": now,
                "reason": reason,
            }
            for sid in released
        ],
    )
    return released


def request(ctx: Context, hit_id: str, reason: str | None) -> Row[Any]:
    """The requester asks the owner for the content, saying why."""
    row, who = visible(ctx, hit_id)
    if who != "requester":
        raise Forbidden("only the organisation that got the hit asks for its disclosure")
    if row.status != "pending":
        raise Conflict(f"hit {hit_id} is {row.status}")
    text = _reason(reason, required=True)
    ctx.conn.execute(
        disclosures.update()
        .where(disclosures.c.id == row.id)
        .values(requested_at=datetime.now(UTC), request_reason=text)
    )
    ctx.audit(
        Action.DISCLOSURE,
        "disclosure.request",
        object_type="disclosure",
        object_ids=[row.id],
        recipients=[row.owner],
        detail={"reason": text},
    )
    done = fetch(ctx, row.id)
    alerts.disclosure_requested(ctx, done)
    return done


def grant(ctx: Context, hit_id: str, reason: str | None) -> Row[Any]:
    """The owner releases the matched statements to the requester."""
    row, who = visible(ctx, hit_id)
    if who != "owner":
        raise Forbidden("only the data owner grants disclosure")
    if row.status != "pending" and row.status != "refused":
        raise Conflict(f"hit {hit_id} is {row.status}")
    text = _reason(reason, required=False)
    released = _release(ctx, row, row.requester, "grant", text)
    done = _decided(ctx, row, "granted", text)
    ctx.audit(
        Action.DISCLOSURE,
        "disclosure.grant",
        object_type="statement",
        object_ids=released,
        recipients=[row.requester],
        detail={"hit": row.id, "entity": row.entity_id, "reason": text},
    )
    alerts.disclosure_decided(ctx, done, len(released))
    return done


def refuse(ctx: Context, hit_id: str, reason: str | None) -> Row[Any]:
    """The owner refuses: nothing is released."""
    row, who = visible(ctx, hit_id)
    if who != "owner":
        raise Forbidden("only the data owner refuses disclosure")
    if row.status != "pending":
        raise Conflict(f"hit {hit_id} is {row.status}")
    text = _reason(reason, required=False)
    done = _decided(ctx, row, "refused", text)
    ctx.audit(
        Action.DISCLOSURE,
        "disclosure.refuse",
        object_type="disclosure",
        object_ids=[row.id],
        recipients=[],
        outcome=Outcome.DENIED,
        detail={"requester": row.requester, "reason": text},
    )
    alerts.disclosure_decided(ctx, done, 0)
    return done


def override(ctx: Context, hit_id: str, reason: str | None, to: str | None) -> Row[Any]:
    """Emergency release by a hub supervisor (imminent threat to life), with a reason:
    to the requester (default) or to the hub; the owner is told at once."""
    require(ctx.who, Permission.OVERRIDE)
    row, _ = visible(ctx, hit_id)
    if row.status not in OPEN:
        raise Conflict(f"hit {hit_id} is {row.status}")
    text = _reason(reason, required=True)
    target = to or row.requester
    if target not in (row.requester, ctx.who.organisation):
        raise InvalidValue(
            "an override releases to the organisation that got the hit, or to the hub",
            field="body.to",
        )
    exists = ctx.conn.execute(
        select(organisations.c.id).where(organisations.c.id == target)
    ).first()
    if exists is None:
        raise InvalidValue(f"no organisation {target!r}", field="body.to")
    released = _release(ctx, row, target, "override", text)
    done = _decided(ctx, row, "overridden", text)
    ctx.audit(
        Action.DISCLOSURE,
        "disclosure.override",
        object_type="statement",
        object_ids=released,
        recipients=[target],
        detail={
            "hit": row.id,
            "entity": row.entity_id,
            "owner": row.owner,
            "reason": text,
            "threat_to_life": True,
        },
    )
    alerts.disclosure_override(ctx, done, target, released)
    return done


@dataclass(frozen=True, slots=True)
class Seen:
    """A disclosure as one principal sees it: its side, and the matched values it may read
    (the owner: all; the requester: once released to it)."""

    row: Row[Any]
    side: Side
    statements: list[Row[Any]]

    @property
    def complete(self) -> bool:
        """The principal may read every matched value: the item, score and reasons show."""
        wanted = orjson.loads(self.row.statements)
        return self.side == "owner" or (bool(wanted) and len(self.statements) == len(wanted))


def seen(ctx: Context, row: Row[Any], side: Side) -> Seen:
    wanted = list(orjson.loads(row.statements))
    rows = list(ctx.conn.execute(select(statements).where(statements.c.id.in_(wanted))))
    rows.sort(key=lambda r: (r.entity_id, r.prop, r.value, r.id))
    return Seen(row, side, reading.statements(ctx, rows))


def read(ctx: Context, hit_id: str) -> Seen:
    """A hit the principal is party to, with what it may see of it."""
    row, who = visible(ctx, hit_id)
    found = seen(ctx, row, who)
    ctx.audit(
        Action.CONSULTATION if who != "requester" or not found.statements else Action.DISCLOSURE,
        "disclosure.read",
        object_type="disclosure",
        object_ids=[row.id],
        recipients=[ctx.who.organisation] if found.statements else [],
        detail={"side": who, "status": row.status, "values": len(found.statements)},
    )
    return found
