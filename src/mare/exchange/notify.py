"""Notifications: tell an organisation that something happened, in the same transaction.

`notify` is the one call. Whatever path records an event (a message received,
a hit, a disclosure request or decision, a case change, a review due) calls it
with the `Context` of that event, so the notification, its audit entry and its
webhook deliveries land with the event or not at all. The organisation then
finds it in its inbox (`mare.exchange.inbox`, ``GET /api/v1/notifications``),
on its live stream (``GET /api/v1/notifications/stream``) and at its webhooks
(`mare.exchange.delivery` posts them from the queue, never in the request).

The kinds (`Kind`) are fixed strings; docs/exchange.md says what each means.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import bindparam, func, select

from mare.errors import InvalidValue
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.store.notices import notifications, webhook_deliveries, webhook_subscriptions
from mare.store.tables import organisations


class Kind(StrEnum):
    """What a notification is about (the strings callers pass as ``kind``)."""

    MESSAGE_RECEIVED = "message.received"  # a message addressed to the organisation
    HIT_FOUND = "hit.found"  # the organisation's query or contribution matched
    HIT_ON_YOUR_DATA = "hit.on_your_data"  # a partner's query or contribution matched its data
    DISCLOSURE_REQUESTED = "disclosure.requested"  # a partner asks to see the matched items
    DISCLOSURE_GRANTED = "disclosure.granted"  # the owner released them
    DISCLOSURE_REFUSED = "disclosure.refused"  # the owner refused
    DISCLOSURE_OVERRIDE = "disclosure.override"  # the supervisor's emergency override, with reason
    CASE_OPENED = "case.opened"  # a case the organisation takes part in was opened
    CASE_UPDATED = "case.updated"  # ... changed (participants, status, links)
    RETENTION_DUE = "retention.due"  # items of the organisation are due for review


KINDS = frozenset(k.value for k in Kind)
MAX_SUMMARY = 1000
MAX_SUBJECT = 255
MAX_PAYLOAD = 64 * 1024  # bytes of JSON: a notification points at data, it does not carry files
ID_HEX = 16
SUBSCRIPTIONS = "notify.subscriptions"  # the memo a transaction keeps them in


def new_id() -> str:
    return secrets.token_hex(ID_HEX // 2)


def _check(kind: str, subject_type: str, subject_id: str, summary: str) -> None:
    if kind not in KINDS:
        raise InvalidValue(
            f"unknown notification kind {kind!r}; expected one of {', '.join(sorted(KINDS))}",
            field="kind",
        )
    if not subject_type or len(subject_type) > 32:
        raise InvalidValue("a notification's subject type is 1-32 characters", field="subject")
    if not subject_id or len(subject_id) > MAX_SUBJECT:
        raise InvalidValue("a notification's subject id is 1-255 characters", field="subject")
    if not summary.strip() or len(summary) > MAX_SUMMARY:
        raise InvalidValue(f"a notification's summary is 1-{MAX_SUMMARY} characters")


def _payload(payload: Mapping[str, Any]) -> str:
    try:
        text = orjson.dumps(dict(payload), option=orjson.OPT_SORT_KEYS)
    except TypeError as exc:
        raise InvalidValue(f"a notification's payload must be JSON: {exc}") from None
    if len(text) > MAX_PAYLOAD:
        raise InvalidValue(f"a notification's payload is over {MAX_PAYLOAD} bytes")
    return text.decode("utf-8")


_ORGANISATION = select(organisations.c.id).where(organisations.c.id == bindparam("organisation"))
_SUBSCRIPTIONS = select(webhook_subscriptions.c.id, webhook_subscriptions.c.kinds).where(
    webhook_subscriptions.c.organisation == bindparam("organisation"),
    webhook_subscriptions.c.deleted_at.is_(None),
)
_LAST = select(func.max(notifications.c.seq)).where(
    notifications.c.organisation == bindparam("organisation")
)
_INSERT = notifications.insert()


def known(ctx: Context, organisation: str) -> bool:
    """Whether the organisation is in the directory (once found, not asked again in
    this transaction: organisations are deactivated, never deleted)."""
    seen: set[str] = ctx.memo.setdefault("notify.known", set())
    if organisation in seen:
        return True
    if ctx.conn.execute(_ORGANISATION, {"organisation": organisation}).first() is None:
        return False
    seen.add(organisation)
    return True


def _subscriptions(ctx: Context, organisation: str) -> list[tuple[str, str]]:
    """The organisation's live subscriptions (id, kinds), read once per transaction
    (`mare.exchange.webhooks` forgets them when it adds or deletes one)."""
    held: dict[str, list[tuple[str, str]]] = ctx.memo.setdefault(SUBSCRIPTIONS, {})
    if organisation not in held:
        rows = ctx.conn.execute(_SUBSCRIPTIONS, {"organisation": organisation})
        held[organisation] = [(row.id, row.kinds) for row in rows]
    return held[organisation]


def wants(kinds_json: str, kind: str) -> bool:
    """Whether a subscription (its ``kinds`` column) takes notifications of this kind."""
    kinds: list[str] = orjson.loads(kinds_json)
    return not kinds or kind in kinds


def notify(
    ctx: Context,
    organisation: str,
    kind: str,
    *,
    subject_type: str,
    subject_id: str,
    summary: str,
    payload: Mapping[str, Any],
) -> str:
    """Notify ``organisation`` of an event, in ``ctx``'s transaction; returns the id.

    Writes one row to the organisation's inbox, audits it as a ``transfer`` to
    that organisation (operation ``notification.send``; the audit entry names
    the kind and subject, never the payload), and queues one webhook delivery
    per active subscription of the organisation that takes this kind. Nothing
    is sent here: the delivery worker posts from the queue once the
    transaction has committed, so the request that made the event never waits
    on a receiver.

    ``kind`` is one of `KINDS` (`Kind`); ``subject_type`` and ``subject_id``
    name what it is about (``message``/id, ``case``/id, ``hit``/id ...);
    ``summary`` is one line for a human; ``payload`` is a JSON object.

    **The caller is responsible for what goes in.** The summary and payload
    reach the organisation as they are — in its inbox, on its stream, at its
    webhook URLs — so they must hold only what that organisation may see under
    the data owner's restrictions (decide with `mare.exchange.policy` before
    calling). Hit/no-hit is the case in point: a partner whose query matched
    data it may not read gets only "a hit exists, owned by X" (the owner's id
    and the hit's id), never the matched values; the owner's own notification
    may say what matched. Prefer ids the recipient can follow through the API,
    which applies the access rules again on every read.
    """
    _check(kind, subject_type, subject_id, summary)
    body = _payload(payload)
    if not known(ctx, organisation):
        raise InvalidValue(f"no organisation {organisation!r} to notify", field="organisation")
    subscriptions = [sub for sub, kinds in _subscriptions(ctx, organisation) if wants(kinds, kind)]
    notification_id = new_id()
    # The audit entry first: appending takes the audit head's lock (PostgreSQL)
    # or the write lock (SQLite) until commit, so notifications get their
    # ``seq`` in commit order and a reader that has seen seq N never later
    # finds an N-1 committed behind it (the stream and Last-Event-ID rely on it).
    ctx.audit(
        Action.TRANSFER,
        "notification.send",
        object_type="notification",
        object_ids=[notification_id],
        recipients=[organisation],
        detail={
            "kind": kind,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "webhooks": len(subscriptions),
        },
    )
    # The audit entry holds the head's lock until commit, and every notification is
    # written here after one: the last seq read in this transaction stays the last.
    last: dict[str, int] = ctx.memo.setdefault("notify.seq", {})
    if organisation not in last:
        found = ctx.conn.execute(_LAST, {"organisation": organisation}).scalar()
        last[organisation] = found or 0
    last[organisation] += 1
    now = datetime.now(UTC)
    ctx.conn.execute(
        _INSERT,
        {
            "id": notification_id,
            "organisation": organisation,
            "seq": last[organisation],
            "kind": kind,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "summary": summary,
            "payload": body,
            "created_at": now,
        },
    )
    if subscriptions:
        ctx.conn.execute(
            webhook_deliveries.insert(),
            [
                {
                    "id": new_id(),
                    "notification_id": notification_id,
                    "subscription_id": subscription,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for subscription in subscriptions
            ],
        )
    return notification_id
