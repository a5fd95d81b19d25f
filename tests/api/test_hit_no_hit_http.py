"""Hit/no-hit end to end, over real HTTP (uvicorn on a loopback port): two partners.

DE-BKA contributes an H2 suspect to the hub; IT-SCO's contribution matches
it. IT learns only that a hit exists and that DE owns it; DE is notified with
what matched and grants; IT then reads exactly the matched values. Then the
refusal path: nothing is released, IT is told.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn

from mare.api import create_app
from mare.exchange import Hub, Principal
from tests.api.conftest import SETTINGS, issue

SUSPECT = {
    "id": "de-bka-p-71",
    "schema": "Person",
    "properties": {
        "name": ["Abdelkarim Bensalah"],
        "birthDate": ["1984-03-09"],
        "phone": ["+216 98 765 432"],
        "notes": ["known to use the port of Sfax"],
    },
}


@dataclass
class Partner:
    client: httpx.Client
    token: str
    seen: dict[str, Any] = field(default_factory=dict)

    def call(self, method: str, url: str, body: Any = None, status: int = 200) -> Any:
        response = self.client.request(
            method, url, json=body, headers={"Authorization": f"Bearer {self.token}"}
        )
        assert response.status_code == status, (url, response.text)
        return response.json()

    def inbox(self, kind: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.call("GET", "/notifications")["items"]
        return [n for n in items if n["kind"] == kind]


@pytest.fixture
def partners(parties_hub: Hub, operator: Principal) -> Iterator[dict[str, Partner]]:
    app = create_app(SETTINGS, parties_hub)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.01)
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            yield {
                user: Partner(client, issue(parties_hub, operator, user)[0])
                for user in ("de-inv", "it-inv")
            }
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def _contribute(de: Partner, it: Partner) -> tuple[dict[str, Any], dict[str, Any]]:
    """DE's H2 suspect, to the hub only; then IT's arrest report of the same man."""
    de_ack = de.call(
        "POST",
        "/messages",
        status=201,
        body={
            "message_id": "DE-2026-0071",
            "recipients": ["HUB"],
            "handling": "H2",
            "evaluation": "B2",
            "subject": "Facilitator, Sfax route",
            "categories": {"de-bka-p-71": "suspect"},
            "entities": [SUSPECT],
        },
    )
    assert de_ack["hits"]["total"] == 0
    it_ack = it.call(
        "POST",
        "/messages",
        status=201,
        body={
            "message_id": "IT-2026-0913",
            "recipients": ["HUB"],
            "subject": "Arrest",
            "categories": {"it-sco-p-5": "suspect"},
            "entities": [
                {
                    "id": "it-sco-p-5",
                    "schema": "Person",
                    "properties": {"name": ["Abdel Karim Ben Salah"], "phone": ["00216 98765432"]},
                }
            ],
        },
    )
    return de_ack, it_ack


def test_a_hit_is_granted_and_exactly_the_matched_values_released(
    partners: dict[str, Partner],
) -> None:
    de, it = partners["de-inv"], partners["it-inv"]
    _, ack = _contribute(de, it)
    (hit,) = ack["hits"]["items"]
    assert hit["visibility"] == "hit_no_hit" and hit["owner"] == "DE-BKA"
    assert hit["band"] in ("match", "review") and hit["your_entity"] == "it-sco-p-5"
    text = str(ack)
    for secret in ("de-bka-p-71", "1984", "Bensalah", "Sfax", "+216 98 765 432"):
        assert secret not in text
    it.call("GET", "/entities/de-bka-p-71", status=404)
    (found,) = it.inbox("hit.found")
    assert found["payload"]["hit"] == hit["hit"] and "de-bka-p-71" not in str(found)
    # the owner is told what matched, and decides
    (told,) = de.inbox("hit.on_your_data")
    assert told["payload"]["your_entity"] == "de-bka-p-71"
    assert told["payload"]["their_item"]["properties"]["name"] == ["Abdel Karim Ben Salah"]
    assert told["payload"]["reasons"]
    it.call("POST", f"/disclosures/{hit['hit']}/request", {"reason": "our suspect IT-913"})
    assert de.inbox("disclosure.requested")[0]["payload"]["reason"] == "our suspect IT-913"
    it.call("POST", f"/disclosures/{hit['hit']}/grant", {}, status=403)
    granted = de.call("POST", f"/disclosures/{hit['hit']}/grant", {"reason": "joint case"})
    assert granted["status"] == "granted"
    (news,) = it.inbox("disclosure.granted")
    assert news["payload"]["entity"] == "de-bka-p-71"
    entity = it.call("GET", "/entities/de-bka-p-71")
    values = {s["prop"]: s["value"] for s in entity["statements"]}
    assert values == {
        "name": "Abdelkarim Bensalah",
        "birthDate": "1984-03-09",
        "phone": "+216 98 765 432",
    }  # the notes took no part in the hit
    assert all(s["handling"] == "H2" for s in entity["statements"])
    view = it.call("GET", f"/disclosures/{hit['hit']}")
    assert view["entity"] == "de-bka-p-71" and view["reasons"]


def test_a_refused_hit_releases_nothing(partners: dict[str, Partner]) -> None:
    de, it = partners["de-inv"], partners["it-inv"]
    _, ack = _contribute(de, it)
    hit = ack["hits"]["items"][0]["hit"]
    refused = de.call("POST", f"/disclosures/{hit}/refuse", {"reason": "covert operation"})
    assert refused["status"] == "refused"
    (news,) = it.inbox("disclosure.refused")
    assert news["payload"] == {
        "hit": hit,
        "owner": "DE-BKA",
        "status": "refused",
        "your_entity": "it-sco-p-5",
        "reason": "covert operation",
    }
    it.call("GET", "/entities/de-bka-p-71", status=404)
    view = it.call("GET", f"/disclosures/{hit}")
    assert view["status"] == "refused" and view["entity"] is None and view["statements"] == []
    assert not it.inbox("disclosure.granted")
    de.call("POST", f"/disclosures/{hit}/refuse", {}, status=409)
