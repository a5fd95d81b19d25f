"""Webhook subscriptions over HTTP: who may manage which, the secret shown once, bad URLs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mare.exchange import Principal
from mare.exchange.notify import notify
from mare.store.notices import webhook_deliveries, webhook_subscriptions
from tests.api.conftest import Api

HOOK = {"url": "https://de.example/mare/hook?key=receiver-own-secret", "kinds": ["hit.found"]}


def _create(api: Api, user: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api.client.post("/api/v1/webhooks", json=body or HOOK, headers=api.auth(user))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def test_an_investigator_manages_their_organisations_webhooks(api: Api) -> None:
    made = _create(api, "de-inv")
    assert made["organisation"] == "DE-BKA" and made["kinds"] == ["hit.found"]
    assert made["secret"].startswith("whsec_") and len(made["secret"]) > 40
    listed = api.get("de-inv", "/api/v1/webhooks").json()
    assert [w["id"] for w in listed["items"]] == [made["id"]]
    assert "secret" not in listed["items"][0]  # shown once, at creation
    one = api.get("de-inv", f"/api/v1/webhooks/{made['id']}").json()
    assert "secret" not in one and one["url"] == HOOK["url"]
    gone = api.client.delete(f"/api/v1/webhooks/{made['id']}", headers=api.auth("de-inv"))
    assert gone.status_code == 200 and gone.json()["deleted_by"] == "de-inv"
    assert api.get("de-inv", "/api/v1/webhooks").json()["items"] == []
    again = api.client.delete(f"/api/v1/webhooks/{made['id']}", headers=api.auth("de-inv"))
    assert again.status_code == 200 and again.json()["deleted_at"] == gone.json()["deleted_at"]


def test_another_partners_webhook_does_not_exist_for_you(api: Api) -> None:
    theirs = _create(api, "de-inv")["id"]
    for method, path in [
        ("GET", f"/api/v1/webhooks/{theirs}"),
        ("DELETE", f"/api/v1/webhooks/{theirs}"),
        ("GET", f"/api/v1/webhooks/{theirs}/deliveries"),
    ]:
        response = api.client.request(method, path, headers=api.auth("it-inv"))
        assert response.status_code == 404, (method, path)
        assert HOOK["url"] not in response.text
    assert api.get("it-inv", "/api/v1/webhooks").json()["items"] == []
    named = api.get("it-inv", "/api/v1/webhooks", organisation="DE-BKA")
    assert named.status_code == 403
    assert api.get("de-inv", f"/api/v1/webhooks/{theirs}").json()["deleted_at"] is None


def test_hub_analysts_and_supervisors_manage_no_webhooks(api: Api) -> None:
    theirs = _create(api, "de-inv")["id"]
    for user in ("hub-analyst", "hub-super"):
        for method, path, body in [
            ("POST", "/api/v1/webhooks", HOOK),
            ("GET", "/api/v1/webhooks", None),
            ("GET", f"/api/v1/webhooks/{theirs}", None),
            ("DELETE", f"/api/v1/webhooks/{theirs}", None),
            ("GET", f"/api/v1/webhooks/{theirs}/deliveries", None),
        ]:
            response = api.client.request(method, path, json=body, headers=api.auth(user))
            assert response.status_code == 403, (user, method, path)
            assert response.json()["error"]["code"] == "forbidden"


def test_the_hub_admin_oversees_but_never_points_a_partners_webhook(
    api: Api, operator: Principal
) -> None:
    de = _create(api, "de-inv")["id"]
    hub = _create(api, "hub-admin", {"url": "http://127.0.0.1:9/hub"})
    assert hub["organisation"] == "HUB" and hub["kinds"] == []  # its own only
    everyone = api.get("hub-admin", "/api/v1/webhooks").json()
    assert sorted(w["id"] for w in everyone["items"]) == sorted([de, hub["id"]])
    only_de = api.get("hub-admin", "/api/v1/webhooks", organisation="DE-BKA").json()
    assert [w["id"] for w in only_de["items"]] == [de]
    assert api.get("hub-admin", f"/api/v1/webhooks/{de}").status_code == 200
    # what was delivered to a partner is the partner's business
    assert api.get("hub-admin", f"/api/v1/webhooks/{de}/deliveries").status_code == 404
    with api.hub.context(operator) as ctx:
        notify(
            ctx, "DE-BKA", "hit.found", subject_type="hit", subject_id="h", summary="s", payload={}
        )
    stopped = api.client.delete(f"/api/v1/webhooks/{de}", headers=api.auth("hub-admin"))
    assert stopped.status_code == 200 and stopped.json()["deleted_by"] == "hub-admin"
    with api.hub.store.engine.connect() as conn:
        statuses = list(conn.execute(select(webhook_deliveries.c.status)).scalars())
    assert statuses == ["cancelled"]


def test_a_webhooks_deliveries_are_listed_for_its_organisation(
    api: Api, operator: Principal
) -> None:
    made = _create(api, "de-inv")
    with api.hub.context(operator) as ctx:
        nid = notify(
            ctx, "DE-BKA", "hit.found", subject_type="hit", subject_id="h", summary="s", payload={}
        )
    listed = api.get("de-inv", f"/api/v1/webhooks/{made['id']}/deliveries").json()
    (delivery,) = listed["items"]
    assert (delivery["notification"], delivery["status"], delivery["attempts"]) == (
        nid,
        "pending",
        0,
    )


def test_bad_subscriptions_are_refused(api: Api) -> None:
    for body in [
        {"url": "ftp://de.example/hook"},
        {"url": "http://user:pw@de.example/hook"},
        {"url": "http:///nohost"},
        {"url": "https://de.example/hook#frag"},
        {"url": "https://de.example:0/hook"},
        {"url": "https://de.example/hook", "kinds": ["hit.maybe"]},
        {"url": "https://de.example/hook", "secret": "mine"},
        {"kinds": []},
    ]:
        response = api.client.post("/api/v1/webhooks", json=body, headers=api.auth("de-inv"))
        assert response.status_code == 422, (body, response.text)
    assert api.get("de-inv", "/api/v1/webhooks").json()["items"] == []


def test_no_token_or_a_revoked_one_manages_nothing(api: Api) -> None:
    theirs = _create(api, "de-inv")["id"]
    assert api.client.post("/api/v1/webhooks", json=HOOK).status_code == 401
    api.client.delete(f"/api/v1/tokens/{api.token_ids['de-inv']}", headers=api.auth("de-inv"))
    for method, path in [("GET", "/api/v1/webhooks"), ("DELETE", f"/api/v1/webhooks/{theirs}")]:
        response = api.client.request(method, path, headers=api.auth("de-inv"))
        assert response.status_code == 401, (method, path)


def test_the_secret_and_the_urls_path_stay_out_of_the_store_and_the_log(api: Api) -> None:
    made = _create(api, "de-inv")
    with api.hub.store.engine.connect() as conn:
        (row,) = conn.execute(select(webhook_subscriptions)).all()
    assert made["secret"] not in repr(tuple(row))
    assert made["secret"] == api.hub.keys.webhook_secret(made["id"])  # recomputed, not stored
    log = repr(api.audit())
    assert made["secret"] not in log and "receiver-own-secret" not in log
    entry = next(e for e in api.audit() if e["operation"] == "webhook.create")
    assert entry["action"] == "administration" and entry["detail"]["host"] == "de.example"


def test_webhooks_come_in_pages(api: Api) -> None:
    made = sorted(_create(api, "de-inv")["id"] for _ in range(3))
    first = api.get("de-inv", "/api/v1/webhooks", limit=2).json()
    assert [w["id"] for w in first["items"]] == made[:2] and first["next_cursor"] == made[1]
    rest = api.get("de-inv", "/api/v1/webhooks", limit=2, cursor=first["next_cursor"]).json()
    assert [w["id"] for w in rest["items"]] == made[2:] and rest["next_cursor"] is None
    listed = next(e for e in api.audit() if e["operation"] == "webhook.list")
    assert listed["object_ids"] == made[:2]
