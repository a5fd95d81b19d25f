"""Helpers for the exchange's API tests: entities, messages, notifications."""

from __future__ import annotations

from typing import Any

import orjson
import sqlalchemy as sa

from mare.store.notices import notifications
from tests.api.conftest import Api

P = "/api/v1"


def person(entity_id: str, name: str, phone: str | None = None, **props: str) -> dict[str, Any]:
    properties: dict[str, list[str]] = {"name": [name]}
    if phone:
        properties["phone"] = [phone]
    for prop, value in props.items():
        properties[prop] = [value]
    return {"id": entity_id, "schema": "Person", "properties": properties}


def send(
    api: Api,
    who: str,
    message_id: str,
    recipients: list[str],
    *entities: dict[str, Any],
    status: int = 201,
    purpose: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """POST a message; return the acknowledgement (or the error body)."""
    body = {
        "message_id": message_id,
        "recipients": recipients,
        "entities": list(entities),
        **fields,
    }
    headers = api.auth(who, **({"Mare-Purpose": purpose} if purpose else {}))
    response = api.client.post(f"{P}/messages", json=body, headers=headers)
    assert response.status_code == status, response.text
    data: dict[str, Any] = response.json()
    return data


def post(api: Api, who: str, url: str, body: Any, status: int = 200, **headers: str) -> Any:
    response = api.client.post(f"{P}{url}", json=body, headers=api.auth(who, **headers))
    assert response.status_code == status, response.text
    return response.json()


def inbox(api: Api, organisation: str) -> list[dict[str, Any]]:
    """An organisation's notifications, oldest first, payloads decoded."""
    with api.hub.store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(notifications)
            .where(notifications.c.organisation == organisation)
            .order_by(notifications.c.seq)
        )
        return [{**row._mapping, "payload": orjson.loads(row.payload)} for row in rows]
