"""Request and response bodies of the notification and webhook routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from mare.api.schemas import Strict
from mare.exchange.notify import Kind
from mare.exchange.webhooks import MAX_URL

NOTIFICATION_ID = r"^[0-9a-f]{16}$"
WEBHOOK_ID = r"^[0-9a-f]{16}$"


class Subject(BaseModel):
    type: str = Field(description="What the notification is about: `message`, `case`, `hit` ...")
    id: str


class Notification(BaseModel):
    id: str
    organisation: str = Field(description="The organisation notified (always yours)")
    seq: int = Field(description="Your organisation's own numbering (1, 2, 3 ...)")
    kind: Kind
    subject: Subject
    summary: str
    payload: dict[str, Any] = Field(description="What the event says; only what you may see")
    created_at: datetime
    read_at: datetime | None = Field(description="When it was acknowledged, if it was")
    read_by: str | None = Field(description="Who acknowledged it")


class WebhookIn(Strict):
    url: str = Field(
        min_length=8,
        max_length=MAX_URL,
        pattern=r"^https?://",
        description="Where to POST: http(s), no credentials; redirects are not followed",
        examples=["https://partner.example/mare/hook"],
    )
    kinds: list[Kind] = Field(
        default_factory=list, max_length=len(Kind), description="Kinds to send (empty: all)"
    )


class Webhook(BaseModel):
    id: str
    organisation: str
    url: str
    kinds: list[Kind] = Field(description="Kinds it takes (empty: all)")
    created_at: datetime
    created_by: str
    deleted_at: datetime | None
    deleted_by: str | None


class NewWebhook(Webhook):
    secret: str = Field(
        description="The signing secret (X-Mare-Signature): shown this once, never again"
    )


class Delivery(BaseModel):
    id: str = Field(description="X-Mare-Delivery: the same on every attempt")
    notification: str
    status: Literal["pending", "delivered", "failed", "cancelled"]
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status: int | None = Field(description="The receiver's last HTTP status")
    last_error: str | None
    delivered_at: datetime | None
    created_at: datetime
