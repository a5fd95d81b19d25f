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
SHA = "0" * 64
MSG = "m-0000000000000000000000"
CASE_ID = "c-0000000000000000000000"
HIT = "h-0000000000000000000000"
PERSON = {"id": "q-1", "schema": "Person", "properties": {"name": ["Omar Haddad"]}}
MESSAGE = {"message_id": "DE-SAMPLE-1", "recipients": ["HUB"], "entities": [PERSON]}
CASE = {"reference": "OP-SAMPLE", "title": "A sample case"}
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
    Sample("DELETE", f"{P}/entities/{{entity_id}}", f"{P}/entities/nobody", user="de-inv"),
    Sample(
        "POST",
        f"{P}/entities/{{entity_id}}/restriction",
        f"{P}/entities/nobody/restriction",
        {"restricted": True},
        user="de-inv",
    ),
    Sample("GET", f"{P}/review", f"{P}/review", user="hub-super"),
    Sample(
        "POST",
        f"{P}/review/{{entity_id}}/extension",
        f"{P}/review/nobody/extension",
        {"reason": "ongoing investigation OP-X"},
        user="hub-super",
    ),
    Sample("GET", f"{P}/search", f"{P}/search?q=Hamid", user="de-inv"),
    Sample("GET", f"{P}/hits", f"{P}/hits?entity=nobody", user="de-inv"),
    Sample("GET", f"{P}/export", f"{P}/export", user="it-inv"),
    Sample("POST", f"{P}/check", f"{P}/check", {"entities": [PERSON]}, user="it-inv"),
    Sample("POST", f"{P}/attachments", f"{P}/attachments", user="de-inv"),
    Sample("GET", f"{P}/attachments/{{sha256}}", f"{P}/attachments/{SHA}", user="de-inv"),
    Sample("POST", f"{P}/messages", f"{P}/messages", MESSAGE, user="de-inv"),
    Sample("GET", f"{P}/messages", f"{P}/messages", user="it-inv"),
    Sample("GET", f"{P}/messages/{{message_id}}", f"{P}/messages/{MSG}", user="it-inv"),
    Sample("GET", f"{P}/messages/{{message_id}}/thread", f"{P}/messages/{MSG}/thread"),
    Sample("POST", f"{P}/cases", f"{P}/cases", CASE, user="de-inv"),
    Sample("GET", f"{P}/cases", f"{P}/cases", user="de-inv"),
    Sample("GET", f"{P}/cases/{{case_id}}", f"{P}/cases/{CASE_ID}", user="de-inv"),
    Sample(
        "PATCH",
        f"{P}/cases/{{case_id}}",
        f"{P}/cases/{CASE_ID}",
        {"status": "closed"},
        user="hub-super",
    ),
    Sample(
        "POST",
        f"{P}/cases/{{case_id}}/participants",
        f"{P}/cases/{CASE_ID}/participants",
        {"organisation": "IT-SCO"},
        user="de-inv",
    ),
    Sample(
        "DELETE",
        f"{P}/cases/{{case_id}}/participants/{{org_id}}",
        f"{P}/cases/{CASE_ID}/participants/IT-SCO",
        user="hub-super",
    ),
    Sample(
        "POST",
        f"{P}/cases/{{case_id}}/messages",
        f"{P}/cases/{CASE_ID}/messages",
        {"message": MSG},
        user="de-inv",
    ),
    Sample(
        "POST",
        f"{P}/cases/{{case_id}}/entities",
        f"{P}/cases/{CASE_ID}/entities",
        {"entity": "de-p-1"},
        user="de-inv",
    ),
    Sample("GET", f"{P}/cases/{{case_id}}/history", f"{P}/cases/{CASE_ID}/history", user="it-inv"),
    Sample("GET", f"{P}/disclosures", f"{P}/disclosures", user="de-inv"),
    Sample("GET", f"{P}/disclosures/{{hit_id}}", f"{P}/disclosures/{HIT}", user="de-inv"),
    Sample(
        "POST",
        f"{P}/disclosures/{{hit_id}}/grant",
        f"{P}/disclosures/{HIT}/grant",
        {},
        user="de-inv",
    ),
    Sample(
        "POST",
        f"{P}/disclosures/{{hit_id}}/refuse",
        f"{P}/disclosures/{HIT}/refuse",
        {"reason": "ongoing operation"},
        user="de-inv",
    ),
    Sample(
        "POST",
        f"{P}/disclosures/{{hit_id}}/request",
        f"{P}/disclosures/{HIT}/request",
        {"reason": "our case OP-X"},
        user="it-inv",
    ),
    Sample(
        "POST",
        f"{P}/disclosures/{{hit_id}}/override",
        f"{P}/disclosures/{HIT}/override",
        {"reason": "a boat in distress"},
        user="hub-super",
    ),
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
