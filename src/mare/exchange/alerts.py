"""What the exchange tells whom (`mare.exchange.notify`), with only what each may see.

Every payload here is built for its one recipient, from what that
organisation may read: a recipient of a message gets its header; the owner
of data a partner's item hit gets what matched (its own item, the partner's
item, the reasons); the partner gets, for data it may not read, only the hit
id, the owner and the band. Ids lead back to the API, which applies the
access rules again on every read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import Row

from mare.exchange.hub import Context
from mare.exchange.notify import Kind, known
from mare.exchange.notify import notify as _send
from mare.exchange.policy import marks

MAX_HITS = 100  # hits listed in one notification (a payload stays small)


def notify(ctx: Context, organisation: str, kind: str, **fields: Any) -> None:
    """`mare.exchange.notify.notify`, for an organisation in the directory: data
    ingested on the command line may name an owner that is not (yet) registered,
    and there is no one to tell."""
    if known(ctx, organisation):
        _send(ctx, organisation, kind, **fields)


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def message_received(ctx: Context, message: Row[Any], recipients: Iterable[str]) -> None:
    """Each recipient: a message addressed to it (it may read the header)."""
    mark = marks(message.handling, message.restriction)
    payload = {
        "message": message.id,
        "sender": message.sender,
        "subject": message.subject,
        "handling": message.handling,
        "restriction": mark.restriction,
        "not_for_court": mark.not_for_court,
        "case": message.case_ref,
        "thread": message.thread_id,
    }
    about = f": {_short(message.subject)}" if message.subject else ""
    for org in recipients:
        notify(
            ctx,
            org,
            Kind.MESSAGE_RECEIVED,
            subject_type="message",
            subject_id=message.id,
            summary=f"A message from {message.sender}{about}",
            payload=payload,
        )


def hits_found(ctx: Context, views: list[dict[str, Any]], message_id: str | None) -> None:
    """The asking organisation: each new hit/no-hit hit (no values), and the full hits
    of a contribution (values it may read)."""
    org = ctx.who.organisation
    for view in views:
        if view["visibility"] == "hit_no_hit" and view.get("new"):
            notify(
                ctx,
                org,
                Kind.HIT_FOUND,
                subject_type="hit",
                subject_id=view["hit"],
                summary=f"A hit on your {view['your_entity']}: data of {view['owner']} "
                "(ask for disclosure, or wait for the owner)",
                payload=_public(view),
            )
    full = [_public(v) for v in views if v["visibility"] == "full"]
    if full and message_id is not None:
        notify(
            ctx,
            org,
            Kind.HIT_FOUND,
            subject_type="message",
            subject_id=message_id,
            summary=f"Your message {message_id} hit {len(full)} items you may read",
            payload={"message": message_id, "hits": full[:MAX_HITS], "total": len(full)},
        )


def _public(view: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k != "new"}


def hit_on_your_data(ctx: Context, hit: Row[Any]) -> None:
    """The owner: a partner's item hit its data; what matched, for it to decide."""
    notify(
        ctx,
        hit.owner,
        Kind.HIT_ON_YOUR_DATA,
        subject_type="hit",
        subject_id=hit.id,
        summary=f"{hit.requester}'s {hit.query_kind} hit your {hit.entity_id} ({hit.band}): "
        "grant or refuse disclosure",
        payload={
            "hit": hit.id,
            "requester": hit.requester,
            "kind": hit.query_kind,
            "message": hit.message_id,
            "your_entity": hit.entity_id,
            "their_item": orjson.loads(hit.query_item),
            "band": hit.band,
            "family": hit.family,
            "score": hit.score,
            "reasons": orjson.loads(hit.reasons),
            "statements": orjson.loads(hit.statements),
        },
    )


def disclosure_requested(ctx: Context, hit: Row[Any]) -> None:
    notify(
        ctx,
        hit.owner,
        Kind.DISCLOSURE_REQUESTED,
        subject_type="hit",
        subject_id=hit.id,
        summary=f"{hit.requester} asks you to disclose your {hit.entity_id}",
        payload={
            "hit": hit.id,
            "requester": hit.requester,
            "your_entity": hit.entity_id,
            "reason": hit.request_reason,
        },
    )


def disclosure_decided(ctx: Context, hit: Row[Any], released: int) -> None:
    """The requester: the owner granted (the item is readable now) or refused."""
    granted = hit.status == "granted"
    payload: dict[str, Any] = {
        "hit": hit.id,
        "owner": hit.owner,
        "status": hit.status,
        "your_entity": hit.query_entity,
        "reason": hit.decision_reason,
    }
    if granted:
        payload.update(entity=hit.entity_id, released=released)
    notify(
        ctx,
        hit.requester,
        Kind.DISCLOSURE_GRANTED if granted else Kind.DISCLOSURE_REFUSED,
        subject_type="hit",
        subject_id=hit.id,
        summary=f"{hit.owner} {'granted' if granted else 'refused'} disclosure of the hit on "
        f"your {hit.query_entity}",
        payload=payload,
    )


def disclosure_override(ctx: Context, hit: Row[Any], to: str, released: list[str]) -> None:
    """The owner at once, with the reason; the organisation it was released to, if a partner."""
    notify(
        ctx,
        hit.owner,
        Kind.DISCLOSURE_OVERRIDE,
        subject_type="hit",
        subject_id=hit.id,
        summary=f"Emergency override by the hub: your {hit.entity_id} released to {to}",
        payload={
            "hit": hit.id,
            "your_entity": hit.entity_id,
            "released_to": to,
            "by": ctx.who.user,
            "reason": hit.decision_reason,
            "statements": released,
        },
    )
    if to != ctx.who.organisation:
        notify(
            ctx,
            to,
            Kind.DISCLOSURE_GRANTED,
            subject_type="hit",
            subject_id=hit.id,
            summary=f"The hub released the data of the hit on your {hit.query_entity} "
            "(emergency override)",
            payload={
                "hit": hit.id,
                "owner": hit.owner,
                "status": hit.status,
                "override": True,
                "your_entity": hit.query_entity,
                "entity": hit.entity_id,
                "released": len(released),
            },
        )


def case_changed(
    ctx: Context,
    case: Row[Any],
    kind: Kind,
    change: str,
    orgs: Iterable[str],
    **detail: Any,
) -> None:
    """Participants (but the one that made the change): a case opened or changed."""
    payload = {
        "case": case.id,
        "reference": case.reference,
        "title": case.title,
        "status": case.status,
        "change": change,
        "by": ctx.who.organisation,
        **detail,
    }
    verb = "opened" if kind is Kind.CASE_OPENED else change.replace(".", " ")
    for org in sorted(set(orgs) - {ctx.who.organisation}):
        notify(
            ctx,
            org,
            kind,
            subject_type="case",
            subject_id=case.id,
            summary=f"Case {case.reference} {verb} by {ctx.who.organisation}",
            payload=payload,
        )
