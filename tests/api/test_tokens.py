"""Tokens over the API: one's own for everyone, anyone's for administrators only."""

from __future__ import annotations

from tests.api.conftest import Api


def test_anyone_creates_a_token_for_themselves_shown_once(api: Api) -> None:
    response = api.client.post("/api/v1/tokens", json={}, headers=api.auth("it-inv"))
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["user"] == "it-inv" and made["state"] == "active" and made["expires_at"] is None
    assert made["token"].startswith(f"mare_{made['id']}.")
    me = api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {made['token']}"})
    assert me.json()["token"] == made["id"]
    listed = api.get("it-inv", "/api/v1/tokens").json()["items"]
    assert {t["id"] for t in listed} == {made["id"], api.token_ids["it-inv"]}
    assert all("token" not in t for t in listed)
    assert api.audit()[-1]["operation"] == "token.list"


def test_a_token_with_an_expiry(api: Api) -> None:
    made = api.client.post(
        "/api/v1/tokens", json={"expires_days": 7}, headers=api.auth("de-inv")
    ).json()
    assert made["expires_at"] is not None
    bad = api.client.post("/api/v1/tokens", json={"expires_days": 0}, headers=api.auth("de-inv"))
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == (
        "body.expires_days"
    )


def test_only_an_admin_makes_tokens_for_others(api: Api) -> None:
    for user in ("de-inv", "hub-analyst", "hub-super"):
        response = api.client.post(
            "/api/v1/tokens", json={"user": "it-inv"}, headers=api.auth(user)
        )
        assert response.status_code == 403, user
        assert response.json()["error"]["code"] == "forbidden"
    entry = api.audit()[-1]
    assert entry["outcome"] == "denied" and entry["operation"] == "token.create"
    response = api.client.post(
        "/api/v1/tokens", json={"user": "it-inv"}, headers=api.auth("hub-admin")
    )
    assert response.status_code == 201 and response.json()["created_by"] == "hub-admin"
    missing = api.client.post(
        "/api/v1/tokens", json={"user": "nobody"}, headers=api.auth("hub-admin")
    )
    assert missing.status_code == 404


def test_tokens_of_others_are_not_listed_nor_revocable(api: Api) -> None:
    assert api.get("de-inv", "/api/v1/tokens", user="it-inv").status_code == 403
    other = api.token_ids["it-inv"]
    response = api.client.delete(f"/api/v1/tokens/{other}", headers=api.auth("de-inv"))
    assert response.status_code == 404  # someone else's token is not shown to exist
    assert api.client.get("/api/v1/me", headers=api.auth("it-inv")).status_code == 200
    everyone = api.get("hub-admin", "/api/v1/tokens").json()["items"]
    assert {t["user"] for t in everyone} >= {"de-inv", "it-inv", "hub-admin"}
    one = api.get("hub-admin", "/api/v1/tokens", user="it-inv").json()["items"]
    assert [t["id"] for t in one] == [other]
    response = api.client.delete(f"/api/v1/tokens/{other}", headers=api.auth("hub-admin"))
    assert response.status_code == 200 and response.json()["revoked_by"] == "hub-admin"
    assert api.client.get("/api/v1/me", headers=api.auth("it-inv")).status_code == 401


def test_revoking_twice_is_harmless(api: Api) -> None:
    own = api.token_ids["hub-analyst"]
    admin = api.auth("hub-admin")
    first = api.client.delete(f"/api/v1/tokens/{own}", headers=admin).json()
    again = api.client.delete(f"/api/v1/tokens/{own}", headers=admin).json()
    assert first["revoked_at"] == again["revoked_at"]
