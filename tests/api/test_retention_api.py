"""Retention over HTTP: the owner's erasure and restriction, the supervisor's review."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.api.conftest import Api
from tests.api.exchange import P, person, post, send

OLD = datetime(2023, 6, 1, 9, 30, tzinfo=UTC)
KEPT = person("de-p-1", "Orlanda Piezmarek", "+218 91 777 0003")
QUERY = person("q-1", "Orlanda Piezmarek", "00218917770003")


def _old(api: Api, monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    with monkeypatch.context() as patch:
        patch.setattr("mare.ingest.pipeline.utcnow", lambda: OLD)
        send(api, "de-inv", f"DE-OLD-{n}", ["HUB"], person(f"de-old-{n}", f"Old Name{n}"))


def test_the_owner_erases_its_item_and_no_one_else_may(api: Api) -> None:
    send(api, "de-inv", "DE-1", ["HUB", "IT-SCO"], KEPT, categories={"de-p-1": "suspect"})
    for who, status in (("it-inv", 404), ("hub-super", 404), ("hub-admin", 403)):
        answer = api.client.delete(f"{P}/entities/de-p-1", headers=api.auth(who))
        assert answer.status_code == status, (who, answer.text)
        assert "Orlanda" not in answer.text
    assert api.get("it-inv", f"{P}/entities/de-p-1").status_code == 200
    answer = api.client.delete(
        f"{P}/entities/de-p-1", headers=api.auth("de-inv", **{"Mare-Purpose": "erasure request"})
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "items": [{"entity": "de-p-1", "owner": "DE-BKA"}],
        "entities_gone": 1,
        "values": 2,
    }
    assert api.get("it-inv", f"{P}/entities/de-p-1").status_code == 404
    assert api.client.delete(f"{P}/entities/de-p-1", headers=api.auth("de-inv")).status_code == 404
    erasures = [e for e in api.audit() if e["operation"] == "entity.erase"]
    (entry,) = [e for e in erasures if e["outcome"] == "allowed"]
    assert entry["action"] == "erasure" and entry["purpose"] == "erasure request"
    assert entry["actor_user"] == "de-inv" and entry["object_ids"] == ["de-p-1"]
    refused = [e["actor_user"] for e in erasures if e["outcome"] == "denied"]
    assert refused == ["it-inv", "hub-super", "hub-admin", "de-inv"]


def test_a_restriction_hides_the_item_from_everyone_but_its_owner(api: Api) -> None:
    send(api, "de-inv", "DE-1", ["HUB", "IT-SCO"], KEPT, categories={"de-p-1": "suspect"})
    url = f"{P}/entities/de-p-1/restriction"
    assert post(api, "it-inv", "/entities/de-p-1/restriction", {"restricted": True}, 404)
    assert post(api, "hub-admin", "/entities/de-p-1/restriction", {"restricted": True}, 403)
    body = post(api, "de-inv", "/entities/de-p-1/restriction", {"restricted": True, "reason": "r"})
    assert body["restricted"] is True and body["owner"] == "DE-BKA" and body["reason"] == "r"
    assert api.get("it-inv", f"{P}/entities/de-p-1").status_code == 404
    assert api.get("hub-analyst", f"{P}/entities/de-p-1").status_code == 404
    assert api.get("de-inv", f"{P}/entities/de-p-1").status_code == 200
    assert post(api, "it-inv", "/check", {"entities": [QUERY]})["total"] == 0
    lines = api.get("it-inv", f"{P}/export").text
    assert "Orlanda" not in lines
    lifted = api.client.post(url, json={"restricted": False}, headers=api.auth("de-inv"))
    assert lifted.status_code == 200 and lifted.json()["restricted"] is False
    assert api.get("it-inv", f"{P}/entities/de-p-1").status_code == 200
    assert post(api, "it-inv", "/check", {"entities": [QUERY]})["total"] == 1


def test_the_supervisor_lists_what_is_due_and_keeps_an_item_with_a_reason(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(3):
        _old(api, monkeypatch, n)
    send(api, "de-inv", "DE-NEW", ["HUB"], KEPT)
    for who in ("de-inv", "hub-analyst", "hub-admin"):
        assert api.get(who, f"{P}/review").status_code == 403
    first = api.get("hub-super", f"{P}/review", limit=2).json()
    assert [i["entity"] for i in first["items"]] == ["de-old-0", "de-old-1"]
    assert first["items"][0] == {
        "entity": "de-old-0",
        "owner": "DE-BKA",
        "schema": "Person",
        "review_date": "2026-06-01",
        "values": 1,
    }
    rest = api.get("hub-super", f"{P}/review", limit=2, cursor=first["next_cursor"]).json()
    assert [i["entity"] for i in rest["items"]] == ["de-old-2"] and rest["next_cursor"] is None
    assert api.get("hub-super", f"{P}/review", due="2026-05-31").json()["items"] == []

    url = "/review/de-old-1/extension"
    post(api, "hub-analyst", url, {"reason": "OP-X"}, 403)
    post(api, "de-inv", url, {"reason": "OP-X"}, 403)
    post(api, "hub-super", url, {"reason": " "}, 422)
    post(api, "hub-super", url, {"reason": "OP-X", "years": 4}, 422)
    post(api, "hub-super", "/review/nobody/extension", {"reason": "OP-X"}, 404)
    (kept,) = post(api, "hub-super", url, {"reason": "trial in 2027", "years": 1})
    assert kept["owner"] == "DE-BKA" and kept["review_was"] == "2026-06-01"
    assert kept["reason"] == "trial in 2027" and kept["decided_by"] == "hub-super"
    due = api.get("hub-super", f"{P}/review").json()["items"]
    assert [i["entity"] for i in due] == ["de-old-0", "de-old-2"]
    (entry,) = [
        e for e in api.audit() if e["operation"] == "retention.extend" and e["outcome"] == "allowed"
    ]
    assert entry["action"] == "change" and entry["detail"]["reason"] == "trial in 2027"
