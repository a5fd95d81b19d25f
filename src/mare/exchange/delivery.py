"""Webhook delivery: drain the queue `notify` fills, sign each POST, retry with backoff.

A delivery is one notification to one subscription. `Deliverer.run_once`
claims the due ones (``pending`` and ``next_attempt_at`` passed), posts each
outside any transaction, and records the answer with an audit entry
(``transfer``, ``webhook.deliver``):

- a 2xx answer: ``delivered``, never attempted again;
- anything else (another status, a redirect — never followed — a timeout, a
  refused connection): retried after ``webhook_backoff_seconds`` × 2^(n-1)
  (capped at ``webhook_backoff_max_seconds``; each wait drawn between half and
  all of it, so receivers that failed together are not hit together again),
  until ``webhook_max_attempts`` attempts, then ``failed``;
- a deleted subscription or a deactivated organisation: ``cancelled``.

Claiming bumps the attempt count under a compare-and-set, so two workers (the
one in ``mare serve``, a ``mare webhooks deliver`` from cron) never post the
same attempt; a worker that dies mid-attempt leaves a lease that runs out and
the delivery is tried again. Delivery is at least once: receivers drop
repeats by ``X-Mare-Delivery``, the same on every attempt.
"""

from __future__ import annotations

import random
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2 as httpx
import orjson
from sqlalchemy import Connection, select

from mare import __version__
from mare.exchange.audit import Action, Outcome
from mare.exchange.hub import Context, Hub
from mare.exchange.signature import signature
from mare.exchange.webhooks import host
from mare.settings import Settings
from mare.store.notices import notifications, webhook_deliveries, webhook_subscriptions
from mare.store.tables import organisations

BATCH = 50
MAX_ERROR = 300


@dataclass(frozen=True, slots=True)
class Backoff:
    base: float
    cap: float
    attempts: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Backoff:
        return cls(
            max(settings.webhook_backoff_seconds, 0.0),
            max(settings.webhook_backoff_max_seconds, 0.0),
            max(settings.webhook_max_attempts, 1),
        )

    def wait(self, attempt: int, rng: random.Random) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1, 2, ...)."""
        full = min(self.cap, self.base * 2.0 ** min(attempt - 1, 60))
        return full / 2 + rng.uniform(0, full / 2)


@dataclass(frozen=True, slots=True)
class Claimed:
    """One attempt this worker owns: what to post where."""

    id: str
    lease: str
    attempt: int
    notification_id: str
    subscription_id: str
    organisation: str
    url: str
    kind: str
    body: bytes
    gone: str | None  # why it is cancelled instead of posted


@dataclass(slots=True)
class Report:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0

    @property
    def attempts(self) -> int:
        return self.delivered + self.retrying + self.failed


def event(row: Any) -> bytes:
    """The JSON body of a delivery: the notification as the inbox shows it (unread)."""
    return orjson.dumps(
        {
            "id": row.id,
            "organisation": row.organisation,
            "seq": row.seq,
            "kind": row.kind,
            "subject": {"type": row.subject_type, "id": row.subject_id},
            "summary": row.summary,
            "payload": orjson.loads(row.payload),
            "created_at": row.created_at.isoformat(),
        },
        option=orjson.OPT_SORT_KEYS,
    )


class Deliverer:
    """Posts due deliveries; `run_once` is one pass (the CLI); `mare.exchange.worker` repeats it."""

    def __init__(
        self,
        hub: Hub,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.hub = hub
        self.backoff = Backoff.from_settings(settings)
        timeout = max(settings.webhook_timeout_seconds, 0.1)
        self.lease = timedelta(seconds=max(60.0, 4 * timeout))
        self.rng = rng or random.Random()
        self.client = httpx.Client(
            timeout=timeout, follow_redirects=False, trust_env=False, transport=transport
        )

    def close(self) -> None:
        self.client.close()

    def run_once(self) -> Report:
        """Deliver every delivery due now (retries that fall due meanwhile included)."""
        report = Report()
        while claimed := self._claim():
            for attempt in claimed:
                self._attempt(attempt, report)
        return report

    def _claim(self) -> list[Claimed]:
        now = datetime.now(UTC)
        with self.hub.store.engine.begin() as conn:
            due = conn.execute(
                select(webhook_deliveries.c.id, webhook_deliveries.c.attempts)
                .where(
                    webhook_deliveries.c.status == "pending",
                    webhook_deliveries.c.next_attempt_at <= now,
                )
                .order_by(webhook_deliveries.c.next_attempt_at)
                .limit(BATCH)
            ).all()
            mine: dict[str, tuple[str, int]] = {}
            for delivery_id, attempts in due:
                lease = secrets.token_hex(8)
                taken = conn.execute(
                    webhook_deliveries.update()
                    .where(
                        webhook_deliveries.c.id == delivery_id,
                        webhook_deliveries.c.status == "pending",
                        webhook_deliveries.c.attempts == attempts,
                    )
                    .values(
                        attempts=attempts + 1,
                        lease=lease,
                        last_attempt_at=now,
                        next_attempt_at=now + self.lease,
                    )
                ).rowcount
                if taken == 1:
                    mine[delivery_id] = (lease, attempts + 1)
            return self._load(conn, mine)

    def _load(self, conn: Connection, mine: dict[str, tuple[str, int]]) -> list[Claimed]:
        if not mine:
            return []
        query = (
            select(
                webhook_deliveries.c.id.label("delivery_id"),
                webhook_subscriptions.c.url,
                webhook_subscriptions.c.deleted_at,
                organisations.c.active.label("org_active"),
                notifications,
            )
            .join(notifications, notifications.c.id == webhook_deliveries.c.notification_id)
            .join(
                webhook_subscriptions,
                webhook_subscriptions.c.id == webhook_deliveries.c.subscription_id,
            )
            .join(organisations, organisations.c.id == webhook_subscriptions.c.organisation)
            .where(webhook_deliveries.c.id.in_(list(mine)))
            .add_columns(webhook_deliveries.c.subscription_id)
        )
        claimed = []
        for row in conn.execute(query):
            lease, attempt = mine[row.delivery_id]
            gone = None
            if row.deleted_at is not None:
                gone = "the webhook was deleted"
            elif not row.org_active:
                gone = "the organisation is deactivated"
            claimed.append(
                Claimed(
                    id=row.delivery_id,
                    lease=lease,
                    attempt=attempt,
                    notification_id=row.id,
                    subscription_id=row.subscription_id,
                    organisation=row.organisation,
                    url=row.url,
                    kind=row.kind,
                    body=event(row),
                    gone=gone,
                )
            )
        return claimed

    def _post(self, claimed: Claimed) -> tuple[int | None, str | None]:
        """(status, error): error is None only for a 2xx answer."""
        timestamp = str(int(time.time()))
        secret = self.hub.keys.webhook_secret(claimed.subscription_id)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"Mare-Webhooks/{__version__}",
            "X-Mare-Event": claimed.kind,
            "X-Mare-Delivery": claimed.id,
            "X-Mare-Attempt": str(claimed.attempt),
            "X-Mare-Timestamp": timestamp,
            "X-Mare-Signature": signature(secret, timestamp, claimed.body),
        }
        try:
            # Streamed and not read: a receiver's answer body is of no interest
            # and may be of any size.
            with self.client.stream(
                "POST", claimed.url, content=claimed.body, headers=headers
            ) as r:
                status = r.status_code
        except httpx.HTTPError as exc:
            return None, f"{type(exc).__name__}: {exc}"[:MAX_ERROR]
        if 200 <= status < 300:
            return status, None
        if 300 <= status < 400:
            return status, f"HTTP {status}: redirects are not followed"
        return status, f"HTTP {status}"

    def _attempt(self, claimed: Claimed, report: Report) -> None:
        if claimed.gone is not None:
            self._finish(claimed, "cancelled", None, claimed.gone)
            report.cancelled += 1
            return
        status, error = self._post(claimed)
        if error is None:
            self._finish(claimed, "delivered", status, None)
            report.delivered += 1
        elif claimed.attempt >= self.backoff.attempts:
            self._finish(claimed, "failed", status, error)
            report.failed += 1
        else:
            wait = self.backoff.wait(claimed.attempt, self.rng)
            self._finish(claimed, "pending", status, error, retry_in=wait)
            report.retrying += 1

    def _finish(
        self,
        claimed: Claimed,
        status: str,
        http_status: int | None,
        error: str | None,
        *,
        retry_in: float | None = None,
    ) -> None:
        now = datetime.now(UTC)
        values: dict[str, Any] = {
            "status": status,
            "lease": None,
            "next_attempt_at": now + timedelta(seconds=retry_in) if retry_in is not None else None,
            "last_error": error,
        }
        if status != "cancelled":
            values["last_status"] = http_status
        if status == "delivered":
            values["delivered_at"] = now
        with self.hub.context(None) as ctx:
            ctx.conn.execute(
                webhook_deliveries.update()
                .where(
                    webhook_deliveries.c.id == claimed.id,
                    webhook_deliveries.c.lease == claimed.lease,
                )
                .values(**values)
            )
            self._audit(ctx, claimed, status, http_status, error)

    def _audit(
        self, ctx: Context, claimed: Claimed, status: str, http: int | None, error: str | None
    ) -> None:
        ctx.audit(
            Action.TRANSFER,
            "webhook.deliver",
            object_type="notification",
            object_ids=[claimed.notification_id],
            recipients=[claimed.organisation],
            outcome=Outcome.ALLOWED if status == "delivered" else Outcome.ERROR,
            detail={
                "via": "webhooks",
                "delivery": claimed.id,
                "webhook": claimed.subscription_id,
                "host": host(claimed.url),
                "attempt": claimed.attempt,
                "result": status,
                "status": http,
                "error": error,
            },
        )
