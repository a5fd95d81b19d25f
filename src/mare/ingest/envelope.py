"""The message envelope: a partner's contribution with its provenance and its entities.

Format (docs/formats.md)::

    {"message_id": "DE-2026-000123", "sender": "DE-BKA", "recipients": ["HUB"],
     "sent_at": "2026-11-01T10:00:00Z", "subject": "...", "handling": "H2",
     "restriction": null, "evaluation": "B2", "grading": "4x4", "case": "OP-X",
     "reply_to": null, "text": "...", "attachments": [{"name": ..., "sha256": ...,
     "size": ..., "media_type": ...}], "categories": {"<entity id>": "suspect"},
     "entities": [<FtM entity>, ...]}

Each entity may carry its own ``category`` and ``evaluation`` next to ``id``,
``schema`` and ``properties``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from mare.errors import InputError, RecordError
from mare.ingest.readers import Item
from mare.ingest.record import Record
from mare.model.codes import Evaluation, Handling, SubjectCategory

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_ATTACHMENT = 50 * 1024 * 1024


@dataclass(slots=True)
class Envelope:
    """The header of a message: who sent it, to whom, and under which restrictions."""

    message_id: str
    sender: str
    recipients: list[str]
    handling: Handling
    restriction: str | None
    evaluation: Evaluation
    grading: str | None
    subject: str
    text: str | None
    case: str | None
    reply_to: str | None
    sent_at: datetime | None
    attachments: list[dict[str, Any]]
    categories: dict[str, str]
    entities: list[Any] = field(default_factory=list)


def _text(data: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RecordError(f"message has no {name}", field=name)
        return None
    if not isinstance(value, str):
        raise RecordError(f"{name} must be text", field=name)
    return value.strip()


def _attachments(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError("attachments must be a list", field="attachments")
    out = []
    for index, item in enumerate(value, start=1):
        where = f"attachments[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise RecordError("attachment needs a name", field=where)
        digest = str(item.get("sha256", "")).lower()
        if not _SHA256.match(digest):
            raise RecordError("attachment sha256 is not 64 hex digits", field=where)
        size = item.get("size")
        if not isinstance(size, int) or size < 0 or size > MAX_ATTACHMENT:
            raise RecordError(f"attachment size must be 0..{MAX_ATTACHMENT} bytes", field=where)
        media = item.get("media_type") or "application/octet-stream"
        out.append({"name": item["name"], "sha256": digest, "size": size, "media_type": media})
    return out


def parse_envelope(data: Any) -> Envelope:
    """Check a message header; any fault rejects the whole message with the field named."""
    if not isinstance(data, dict):
        raise RecordError("message is not a JSON object")
    handling_text = _text(data, "handling") or "H0"
    restriction = _text(data, "restriction")
    grading = _text(data, "grading") or "4x4"
    evaluation_text = _text(data, "evaluation")
    recipients = data.get("recipients") or []
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise RecordError("recipients must be a list of organisation ids", field="recipients")
    sent = _text(data, "sent_at")
    try:
        sent_at = datetime.fromisoformat(sent) if sent else None
    except ValueError:
        raise RecordError(
            f"sent_at {sent!r} is not an ISO 8601 timestamp", field="sent_at"
        ) from None
    categories = data.get("categories") or {}
    if not isinstance(categories, dict):
        raise RecordError("categories must map entity ids to categories", field="categories")
    for category in categories.values():
        SubjectCategory.parse(str(category))  # raises with the field named
    entities = data.get("entities") or []
    if not isinstance(entities, list):
        raise RecordError("entities must be a list", field="entities")
    return Envelope(
        message_id=str(_text(data, "message_id", required=True)),
        sender=str(_text(data, "sender", required=True)),
        recipients=[r.strip() for r in recipients if r.strip()],
        handling=Handling.parse(handling_text, restriction),
        restriction=restriction,
        evaluation=Evaluation.parse(evaluation_text, grading),
        grading=f"{grading}:{evaluation_text}" if evaluation_text and grading != "4x4" else None,
        subject=_text(data, "subject") or "",
        text=_text(data, "text"),
        case=_text(data, "case"),
        reply_to=_text(data, "reply_to"),
        sent_at=sent_at,
        attachments=_attachments(data.get("attachments")),
        categories={str(k): str(v) for k, v in categories.items()},
        entities=entities,
    )


def read_envelope(path: Path) -> Envelope:
    try:
        data = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", source=str(path)) from exc
    except orjson.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON: {exc}", source=str(path)) from exc
    try:
        return parse_envelope(data)
    except RecordError as exc:
        raise InputError(f"{path}: message rejected: {exc}", source=str(path)) from exc


def envelope_records(envelope: Envelope) -> Iterator[Item]:
    """The entities of a message as records; ``line`` is the entity's position (1-based)."""
    for index, data in enumerate(envelope.entities, start=1):
        category = evaluation = None
        if isinstance(data, dict):
            category = data.get("category") or envelope.categories.get(str(data.get("id")))
            evaluation = data.get("evaluation")
        raw = orjson.dumps(data).decode("utf-8")
        yield Record(index, data, source=raw, category=category, evaluation=evaluation)
