"""Retention: review dates, supervisors' decisions, and the owner's restriction and erasure.

Every value is due for review three years after it entered the hub (its
``review_date``). An item — one owner's statements of one entity — is due
when one of its values is (or has no review date). At review a supervisor
keeps it to a later review with a recorded reason (`extend`: at most three
years on), or it is erased (`erase_items`, `run`) with everything derived
from it (`mare.exchange.erasure`). The owner may restrict its own item at
any time (`restrict`: held, but shown to and cross-checked for no one else
until lifted) or erase it (`erase_item`). Every decision is audited in the
transaction that makes it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row, and_, func, insert, or_, select, update

from mare.errors import Forbidden, InvalidValue, NotFound
from mare.exchange import erasure
from mare.exchange.audit import Action
from mare.exchange.erasure import Erased
from mare.exchange.hub import Context
from mare.exchange.notify import Kind, notify
from mare.exchange.policy import Permission, allows, require
from mare.exchange.roles import Role
from mare.match.benign import BenignList
from mare.model.provenance import REVIEW_YEARS, years_after
from mare.store.notices import notifications
from mare.store.retention import restrictions, retention_decisions
from mare.store.tables import entities, organisations, statements

MAX_REASON = 2000
MAX_NOTIFIED = 500  # items named in one retention.due notification


@dataclass(frozen=True, slots=True)
class Due:
    """An item due for review: its earliest review date and how many values are due."""

    entity_id: str
    owner: str
    schema: str
    review_date: date | None  # None: a value with no review date (due at once)
    values: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity_id,
            "owner": self.owner,
            "schema": self.schema,
            "review_date": self.review_date.isoformat() if self.review_date else None,
            "values": self.values,
        }


def today() -> date:
    return datetime.now(UTC).date()


def due(
    ctx: Context,
    day: date,
    *,
    owner: str | None = None,
    after: tuple[str, str] | None = None,
    limit: int | None = None,
) -> list[Due]:
    """Items with a value due for review on ``day`` or before, by entity and owner
    (from after ``after``, an (entity, owner) pair); no role check, no audit."""
    review = statements.c.review_date
    query = (
        select(
            statements.c.entity_id,
            statements.c.owner,
            func.min(review).label("review"),
            func.count().label("n"),
            entities.c.schema,
        )
        .join(entities, entities.c.id == statements.c.entity_id)
        .where(or_(review <= day, review.is_(None)))
        .group_by(statements.c.entity_id, statements.c.owner, entities.c.schema)
        .order_by(statements.c.entity_id, statements.c.owner)
    )
    if owner is not None:
        query = query.where(statements.c.owner == owner)
    if after is not None:
        query = query.where(
            or_(
                statements.c.entity_id > after[0],
                and_(statements.c.entity_id == after[0], statements.c.owner > after[1]),
            )
        )
    if limit is not None:
        query = query.limit(limit)
    return [
        Due(row.entity_id, row.owner, row.schema, row.review, int(row.n))
        for row in ctx.conn.execute(query)
    ]


def review(
    ctx: Context,
    day: date,
    *,
    owner: str | None = None,
    after: tuple[str, str] | None = None,
    limit: int | None = None,
) -> list[Due]:
    """`due` for a supervisor (or the command line's operator), audited."""
    if ctx.who.via != "cli":
        require(ctx.who, Permission.REVIEW)
    found = due(ctx, day, owner=owner, after=after, limit=limit)
    ctx.audit(
        Action.CONSULTATION,
        "retention.list",
        object_type="entity",
        object_ids=sorted({d.entity_id for d in found})[:1000],
        detail={"due": day.isoformat(), "owner": owner, "items": len(found)},
    )
    return found


def notify_due(ctx: Context, day: date, found: list[Due]) -> list[str]:
    """Tell each owner (a registered organisation) which of its items are due: once per
    owner and day. Returns the organisations notified."""
    by_owner: dict[str, list[Due]] = defaultdict(list)
    for item in found:
        by_owner[item.owner].append(item)
    known = {org for (org,) in ctx.conn.execute(select(organisations.c.id))}
    told = []
    subject = day.isoformat()
    for org, items in sorted(by_owner.items()):
        if org not in known:
            continue
        already = ctx.conn.execute(
            select(notifications.c.id).where(
                notifications.c.organisation == org,
                notifications.c.kind == Kind.RETENTION_DUE.value,
                notifications.c.subject_id == subject,
            )
        ).first()
        if already is not None:
            continue
        notify(
            ctx,
            org,
            Kind.RETENTION_DUE,
            subject_type="review",
            subject_id=subject,
            summary=f"{len(items)} of your items are due for review by {subject}: "
            "unless the hub's supervisor keeps them, with a reason, they are erased",
            payload={
                "due": subject,
                "total": len(items),
                "items": [
                    {"entity": i.entity_id, "review_date": i.to_dict()["review_date"]}
                    for i in items[:MAX_NOTIFIED]
                ],
            },
        )
        told.append(org)
    return told


def _reason(text: str | None) -> str:
    reason = " ".join((text or "").split())
    if not reason:
        raise InvalidValue("keeping an item to a later review needs a reason", field="reason")
    if len(reason) > MAX_REASON:
        raise InvalidValue(f"a reason is at most {MAX_REASON} characters", field="reason")
    return reason


def _items(ctx: Context, entity_id: str, owner: str | None) -> list[Row[Any]]:
    query = (
        select(statements.c.owner, func.min(statements.c.review_date).label("review"))
        .where(statements.c.entity_id == entity_id)
        .group_by(statements.c.owner)
        .order_by(statements.c.owner)
    )
    if owner is not None:
        query = query.where(statements.c.owner == owner)
    return list(ctx.conn.execute(query))


def extend(
    ctx: Context,
    entity_id: str,
    reason: str | None,
    *,
    owner: str | None = None,
    until: date | None = None,
    years: int | None = None,
    on: date | None = None,
) -> list[dict[str, Any]]:
    """Keep an item (of one owner, or of each) to a later review, with a reason: a
    supervisor's decision, recorded and audited. The next review is ``until``, or
    ``years`` (1-3, default 3) after ``on`` (today), and at most three years on."""
    require(ctx.who, Permission.REVIEW)
    text = _reason(reason)
    day = on or today()
    if until is not None and years is not None:
        raise InvalidValue("give the next review as a date or in years, not both", field="until")
    if until is None:
        count = REVIEW_YEARS if years is None else years
        if not 1 <= count <= REVIEW_YEARS:
            raise InvalidValue(f"keep an item 1 to {REVIEW_YEARS} years", field="years")
        until = years_after(day, count)
    if not day < until <= years_after(day, REVIEW_YEARS):
        raise InvalidValue(
            f"the next review is after today and at most {REVIEW_YEARS} years on", field="until"
        )
    held = _items(ctx, entity_id, owner)
    if not held:
        raise NotFound(f"no item {entity_id!r}" + (f" of {owner}" if owner else ""))
    now = datetime.now(UTC)
    made = []
    for row in held:
        ctx.conn.execute(
            update(statements)
            .where(
                statements.c.entity_id == entity_id,
                statements.c.owner == row.owner,
                or_(statements.c.review_date < until, statements.c.review_date.is_(None)),
            )
            .values(review_date=until)
        )
        decision = {
            "entity_id": entity_id,
            "owner": row.owner,
            "decision": "extended",
            "review_was": row.review,
            "review_until": until,
            "reason": text,
            "decided_by": ctx.who.user,
            "decided_at": now,
        }
        ctx.conn.execute(insert(retention_decisions).values(**decision))
        made.append(decision)
    ctx.audit(
        Action.CHANGE,
        "retention.extend",
        object_type="entity",
        object_ids=[entity_id],
        detail={
            "owners": [d["owner"] for d in made],
            "until": until.isoformat(),
            "was": [d["review_was"].isoformat() if d["review_was"] else None for d in made],
            "reason": text,
        },
    )
    return made


def decisions(ctx: Context, entity_id: str) -> list[Row[Any]]:
    query = select(retention_decisions).where(retention_decisions.c.entity_id == entity_id)
    return list(ctx.conn.execute(query.order_by(retention_decisions.c.id)))


def _audit_erasure(ctx: Context, operation: str, erased: Erased, **extra: Any) -> None:
    ctx.audit(
        Action.ERASURE,
        operation,
        object_type="entity",
        object_ids=sorted({e for e, _ in erased.items})[:1000],
        detail={**erased.detail(), **extra},
    )


def _may_erase(ctx: Context, owner: str) -> bool:
    """Supervisors erase at review; an owner's users (and the command line's operator,
    acting on the owner's request) erase the owner's own items."""
    who = ctx.who
    if allows(who, Permission.REVIEW):
        return True
    if who.via == "cli" and who.role is Role.ADMIN:
        return True
    return allows(who, Permission.DATA_READ) and who.organisation == owner


def erase_item(
    ctx: Context,
    entity_id: str,
    owner: str | None = None,
    *,
    benign: BenignList | None = None,
    operation: str = "entity.erase",
) -> Erased:
    """Erase one item (the caller's organisation's, by default) with everything derived.

    Someone else's item, or none, is not found: nobody learns what others hold."""
    owner = owner or ctx.who.organisation
    if not allows(ctx.who, Permission.DATA_READ) and ctx.who.via != "cli":
        raise Forbidden(f"the {ctx.who.role.value} role may not erase data")
    if not _may_erase(ctx, owner) or not _items(ctx, entity_id, owner):
        raise NotFound(f"no entity {entity_id!r} with values of yours")
    erased = erasure.erase(ctx.conn, [(entity_id, owner)], benign)
    _audit_erasure(ctx, operation, erased, owner=owner)
    return erased


def erase_due(
    ctx: Context,
    entity_id: str,
    owner: str | None = None,
    *,
    benign: BenignList | None = None,
) -> Erased:
    """At review: erase an item (of one owner, or of each) — a supervisor, or the owner."""
    held = _items(ctx, entity_id, owner)
    allowed = [(entity_id, row.owner) for row in held if _may_erase(ctx, row.owner)]
    if not allowed:
        raise NotFound(f"no item {entity_id!r}" + (f" of {owner}" if owner else ""))
    erased = erasure.erase(ctx.conn, allowed, benign)
    _audit_erasure(ctx, "retention.erase", erased)
    return erased


def run(ctx: Context, day: date | None = None, *, benign: BenignList | None = None) -> Erased:
    """The review: erase every item due on ``day`` (today) that no supervisor kept,
    and tell each owner how many of its items went (counts, never ids)."""
    require(ctx.who, Permission.REVIEW)
    when = day or today()
    found = due(ctx, when)
    erased = erasure.erase(ctx.conn, [(d.entity_id, d.owner) for d in found], benign)
    _audit_erasure(ctx, "retention.run", erased, due=when.isoformat())
    known = {org for (org,) in ctx.conn.execute(select(organisations.c.id))}
    counts: dict[str, int] = defaultdict(int)
    for _, owner in erased.items:
        counts[owner] += 1
    for org, n in sorted(counts.items()):
        if org in known:
            notify(
                ctx,
                org,
                Kind.RETENTION_DUE,
                subject_type="review",
                subject_id=f"run:{when.isoformat()}",
                summary=f"{n} of your items were due for review by {when.isoformat()}, "
                "not kept, and have been erased with everything derived from them",
                payload={"due": when.isoformat(), "erased": n},
            )
    return erased


def _own(ctx: Context, entity_id: str) -> None:
    require(ctx.who, Permission.DATA_READ)
    if not _items(ctx, entity_id, ctx.who.organisation):
        raise NotFound(f"no entity {entity_id!r} with values of yours")


def restriction(ctx: Context, entity_id: str) -> Row[Any] | None:
    """The caller's organisation's restriction of its item, if any."""
    query = select(restrictions).where(
        restrictions.c.entity_id == entity_id, restrictions.c.owner == ctx.who.organisation
    )
    return ctx.conn.execute(query).first()


def restrict(ctx: Context, entity_id: str, reason: str | None = None) -> Row[Any]:
    """The owner restricts its own item: held, but processed for no one else (not
    shown, not cross-checked) until it lifts the restriction. Restricting again
    keeps the first."""
    _own(ctx, entity_id)
    held = restriction(ctx, entity_id)
    if held is None:
        text = " ".join((reason or "").split())[:MAX_REASON] or None
        ctx.conn.execute(
            insert(restrictions).values(
                entity_id=entity_id,
                owner=ctx.who.organisation,
                reason=text,
                restricted_by=ctx.who.user,
                restricted_at=datetime.now(UTC),
            )
        )
    ctx.audit(
        Action.CHANGE,
        "entity.restrict",
        object_type="entity",
        object_ids=[entity_id],
        detail={"owner": ctx.who.organisation, "new": held is None},
    )
    found = restriction(ctx, entity_id)
    assert found is not None
    return found


def unrestrict(ctx: Context, entity_id: str) -> None:
    """The owner lifts its restriction (nothing to lift is no error)."""
    _own(ctx, entity_id)
    gone = ctx.conn.execute(
        restrictions.delete().where(
            restrictions.c.entity_id == entity_id, restrictions.c.owner == ctx.who.organisation
        )
    ).rowcount
    ctx.audit(
        Action.CHANGE,
        "entity.unrestrict",
        object_type="entity",
        object_ids=[entity_id],
        detail={"owner": ctx.who.organisation, "lifted": bool(gone)},
    )
