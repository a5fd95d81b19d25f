"""One sample request per API route, so the guards below cover every route there is.

A new route without a sample here fails `test_every_route_has_a_sample`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI


@dataclass(frozen=True)
class Sample:
    method: str
    template: str  # the route's path
    path: str  # a concrete path
    body: dict[str, Any] | None = None
    user: str = "hub-admin"  # who sends it when authenticated


P = "/api/v1"
NONE = "0" * 16  # a notification or webhook id that is not there
SAMPLES = [
    Sample("GET", f"{P}/me", f"{P}/me", user="de-inv"),
    Sample("GET", f"{P}/organisations", f"{P}/organisations", user="de-inv"),
    Sample("GET", f"{P}/organisations/{{org_id}}", f"{P}/organisations/IT-SCO", user="de-inv"),
    Sample(
        "POST",
        f"{P}/organisations",
        f"{P}/organisations",
        {"id": "FR-OCRIEST", "name": "OCRIEST", "country": "FR"},
    ),
    Sample("PATCH", f"{P}/organisations/{{org_id}}", f"{P}/organisations/IT-SCO", {"active": True}),
    Sample("GET", f"{P}/users", f"{P}/users"),
    Sample("GET", f"{P}/users/{{user_id}}", f"{P}/users/de-inv"),
    Sample(
        "POST",
        f"{P}/users",
        f"{P}/users",
        {"id": "fr-inv", "organisation": "DE-BKA", "role": "investigator", "name": "F"},
    ),
    Sample("PATCH", f"{P}/users/{{user_id}}", f"{P}/users/it-inv", {"active": True}),
    Sample("GET", f"{P}/tokens", f"{P}/tokens", user="de-inv"),
    Sample("POST", f"{P}/tokens", f"{P}/tokens", {"expires_days": 1}, user="de-inv"),
    Sample("DELETE", f"{P}/tokens/{{token_id}}", f"{P}/tokens/000000000000", user="de-inv"),
    Sample("GET", f"{P}/audit", f"{P}/audit", user="hub-super"),
    Sample("GET", f"{P}/audit/verify", f"{P}/audit/verify", user="hub-super"),
    Sample("GET", f"{P}/entities/{{entity_id}}", f"{P}/entities/nobody", user="de-inv"),
    Sample("GET", f"{P}/openapi.json", f"{P}/openapi.json", user="de-inv"),
    Sample("GET", f"{P}/notifications", f"{P}/notifications", user="de-inv"),
    Sample("GET", f"{P}/notifications/stream", f"{P}/notifications/stream", user="de-inv"),
    Sample(
        "GET", f"{P}/notifications/{{notification_id}}", f"{P}/notifications/{NONE}", user="de-inv"
    ),
    Sample(
        "POST",
        f"{P}/notifications/{{notification_id}}/ack",
        f"{P}/notifications/{NONE}/ack",
        user="de-inv",
    ),
    Sample("GET", f"{P}/webhooks", f"{P}/webhooks", user="de-inv"),
    Sample(
        "POST",
        f"{P}/webhooks",
        f"{P}/webhooks",
        {"url": "http://127.0.0.1:9/hook", "kinds": ["hit.found"]},
        user="de-inv",
    ),
    Sample("GET", f"{P}/webhooks/{{webhook_id}}", f"{P}/webhooks/{NONE}", user="de-inv"),
    Sample("DELETE", f"{P}/webhooks/{{webhook_id}}", f"{P}/webhooks/{NONE}", user="de-inv"),
    Sample(
        "GET",
        f"{P}/webhooks/{{webhook_id}}/deliveries",
        f"{P}/webhooks/{NONE}/deliveries",
        user="de-inv",
    ),
]
PUBLIC = {("GET", f"{P}/health")}


def routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves: the spec's, and the spec's own."""
    found = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    return found | {("GET", f"{P}/openapi.json")}
