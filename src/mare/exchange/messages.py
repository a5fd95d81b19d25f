"""Messages: a partner posts its contribution; the hub stores, cross-checks and acknowledges it.

`receive` takes the message envelope of docs/formats.md (as JSON) and runs in
three steps, so that the ingest keeps its own one-transaction-per-batch:

1. In one transaction: check the header against the directory (the sender
   is the caller's organisation; recipients exist; ``reply_to`` is a message
   the sender may read; attachments were uploaded by the sender) and claim
   ``(sender, message_id)``: a message already received with the same content
   returns its acknowledgement again; with other content, `Conflict`.
2. The entities go through the ingest pipeline (`Ingestor.ingest_message`):
   batches, rejects, and the cross-check on arrival.
3. In one transaction: recipients, the case link, the hits the sender may
   learn of (`mare.exchange.crosscheck`), the acknowledgement, notifications
   and the audit entry.

A crash between the steps leaves a claimed message (``receiving``); sending
it again finishes it (statement ids are stable, so nothing doubles).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Row, select

from mare.errors import Conflict, Forbidden, InputError, InvalidValue, RecordError
from mare.exchange import alerts, attachments, cases, crosscheck, ids, reading
from mare.exchange.audit import Action
from mare.exchange.hub import Context, Hub
from mare.exchange.policy import Permission, require
from mare.exchange.principal import Principal
from mare.ingest import Ingestor, Report
from mare.ingest.envelope import Envelope, parse_envelope
from mare.ingest.pipeline import source_id_of
from mare.match.benign import BenignList
from mare.store.exchange import message_recipients, messages
from mare.store.store import Writer
from mare.store.tables import organisations


@dataclass(frozen=True, slots=True)
class Received:
    """What `receive` answers: the acknowledgement, and whether this call stored it."""

    ack: dict[str, Any]
    created: bool


def _digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _parse(data: dict[str, Any]) -> Envelope:
    try:
        return parse_envelope(data)
    except RecordError as exc:
        field = f"body.{exc.field}" if exc.field else "body"
        raise InvalidValue(f"message rejected: {exc.reason}", field=field) from None


def _check_recipients(ctx: Context, env: Envelope) -> list[str]:
    wanted = sorted(set(env.recipients))
    if not wanted:
        raise InvalidValue("a message needs at least one recipient", field="body.recipients")
    if env.sender in wanted:
        raise InvalidValue("the sender is not one of its recipients", field="body.recipients")
    rows = ctx.conn.execute(
        select(organisations.c.id, organisations.c.active).where(organisations.c.id.in_(wanted))
    )
    active = {org for org, on in rows if on}
    for org in wanted:
        if org not in active:
            raise InvalidValue(f"no active organisation {org!r}", field="body.recipients")
    return wanted


def _thread(ctx: Context, reply_to: str | None) -> str | None:
    """The thread of the message answered, which the sender must be able to read."""
    if reply_to is None:
        return None
    answered = reading.message(ctx, reply_to)
    if answered is None:
        raise InvalidValue(f"no message {reply_to!r} that you may read", field="body.reply_to")
    return str(answered.thread_id)


def _claim(ctx: Context, env: Envelope, digest: str, thread: str | None) -> Row[Any]:
    """The message's row: found (same content) or inserted as ``receiving``."""
    query = select(messages).where(
        messages.c.sender == env.sender, messages.c.sender_ref == env.message_id
    )
    row = ctx.conn.execute(query).first()
    if row is None:
        hub_id = ids.new_id(ids.MESSAGE)
        # Sent twice at once: the other call's row wins (unique sender and message id).
        Writer(ctx.conn).insert_new(
            messages,
            [
                {
                    "id": hub_id,
                    "source_id": source_id_of(env.sender, env.message_id),
                    "sender": env.sender,
                    "sender_ref": env.message_id,
                    "sent_by": ctx.who.user,
                    "subject": env.subject,
                    "body": env.text,
                    "handling": env.handling.value,
                    "restriction": env.restriction,
                    "evaluation": str(env.evaluation),
                    "case_ref": env.case,
                    "reply_to": env.reply_to,
                    "thread_id": thread or hub_id,
                    "attachments": orjson.dumps(env.attachments).decode(),
                    "content_hash": digest,
                    "status": "receiving",
                    "ack": None,
                    "received_at": datetime.now(UTC),
                }
            ],
        )
        row = ctx.conn.execute(query).one()
    if row.content_hash != digest:
        raise Conflict(
            f"message {env.message_id!r} of {env.sender} was received with other content; "
            "a changed message needs a new message_id"
        )
    return row


def receive(
    hub: Hub,
    principal: Principal,
    data: dict[str, Any],
    *,
    batch_size: int = 1000,
    benign: BenignList | None = None,
) -> Received:
    """Store a message from the principal's organisation; answer its acknowledgement."""
    require(principal, Permission.MESSAGES_SEND)
    data = dict(data)
    if data.get("sender") is None:
        data["sender"] = principal.organisation
    if data["sender"] != principal.organisation:
        raise Forbidden(f"you send as {principal.organisation}, not as {data['sender']!r}")
    env = _parse(data)
    digest = _digest(data)
    with hub.context(principal) as ctx:
        recipients = _check_recipients(ctx, env)
        attachments.check_cited(ctx, env.attachments)
        row = _claim(ctx, env, digest, _thread(ctx, env.reply_to))
    if row.status == "received":
        with hub.context(principal) as ctx:
            ctx.audit(
                Action.COLLECTION,
                "message.create",
                object_type="message",
                object_ids=[row.id],
                recipients=recipients,
                detail={"again": True, "message_id": env.message_id},
            )
        return Received(orjson.loads(row.ack), False)
    ingestor = Ingestor(hub.store, batch_size=batch_size, benign=benign, own_ids=True)
    try:
        report = ingestor.ingest_message(env, f"message {row.id}", digest)
    except InputError as exc:  # the source is held under other provenance
        raise Conflict(str(exc)) from None
    with hub.context(principal) as ctx:
        ack = _finish(ctx, row, env, recipients, report, benign)
    return Received(ack, True)


def _rejects(env: Envelope, report: Report) -> list[dict[str, Any]]:
    out = []
    for error in sorted(report.rejects, key=lambda e: (e.line or 0, e.field or "")):
        entity = None
        if error.line and 0 < error.line <= len(env.entities):
            item = env.entities[error.line - 1]
            entity = item.get("id") if isinstance(item, dict) else None
        out.append(
            {
                "line": error.line,
                "entity": entity if isinstance(entity, str) else None,
                "field": error.field,
                "reason": error.reason,
            }
        )
    return out


def _finish(
    ctx: Context,
    row: Row[Any],
    env: Envelope,
    recipients: list[str],
    report: Report,
    benign: BenignList | None,
) -> dict[str, Any]:
    scored = crosscheck.arrival_scores(ctx, report, benign)  # reads only: before any write
    ctx.conn.execute(
        message_recipients.insert(),
        [{"message_id": row.id, "organisation": org} for org in recipients],
    )
    linked = cases.link_by_reference(ctx, row) if env.case else None
    found = crosscheck.arrival_views(ctx, row.id, scored)
    ack: dict[str, Any] = {
        "id": row.id,
        "message_id": row.sender_ref,
        "sender": row.sender,
        "received_at": row.received_at.isoformat(),
        "thread": row.thread_id,
        "entities": len(report.entities),
        "statements": report.statements,
        "rejects": _rejects(env, report),
        "case": linked,
        "hits": found,
    }
    ctx.conn.execute(
        messages.update()
        .where(messages.c.id == row.id)
        .values(status="received", ack=orjson.dumps(ack).decode())
    )
    ctx.audit(
        Action.COLLECTION,
        "message.create",
        object_type="message",
        object_ids=[row.id],
        recipients=recipients,
        detail={
            "message_id": row.sender_ref,
            "entities": len(report.entities),
            "rejects": len(report.rejects),
            "hits": found["total"],
            "case": linked["case"] if linked else None,
        },
    )
    alerts.message_received(ctx, row, recipients)
    return ack
