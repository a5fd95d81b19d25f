"""Organisations and users over the API: reads, administrators' changes, and refusals."""

from __future__ import annotations

from tests.api.conftest import USERS, Api


def test_everyone_reads_the_organisations_page_by_page(api: Api) -> None:
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(5):
        params: dict[str, str | int] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = api.get("it-inv", "/api/v1/organisations", **params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["DE-BKA", "HUB", "IT-SCO"]
    whole = api.get("de-inv", "/api/v1/organisations").json()
    assert [o["id"] for o in whole["items"]] == seen and whole["next_cursor"] is None
    de = api.get("hub-analyst", "/api/v1/organisations/DE-BKA").json()
    assert de["country"] == "DE" and de["kind"] == "partner" and de["active"] is True
    assert api.get("hub-analyst", "/api/v1/organisations/HUB").json()["country"] is None


def test_a_cursor_is_the_last_key(api: Api) -> None:
    assert api.get("de-inv", "/api/v1/audit", cursor="12").status_code == 403  # supervisors'
    page = api.get("de-inv", "/api/v1/organisations", cursor="DE-BKA").json()
    assert [o["id"] for o in page["items"]] == ["HUB", "IT-SCO"]
    page = api.get("hub-super", "/api/v1/audit", cursor="3", limit=2).json()
    assert [e["seq"] for e in page["items"]] == [4, 5] and page["next_cursor"] == "5"
    response = api.get("hub-super", "/api/v1/audit", cursor="bm90LWEtbnVtYmVy")
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"
    assert api.get("hub-super", "/api/v1/audit", cursor="!!").status_code == 422


def test_only_administrators_add_organisations(api: Api) -> None:
    body = {"id": "FR-OCRIEST", "name": "OCRIEST", "country": "FR"}
    for user in USERS:
        if user == "hub-admin":
            continue
        response = api.client.post("/api/v1/organisations", json=body, headers=api.auth(user))
        assert response.status_code == 403, user
    response = api.client.post("/api/v1/organisations", json=body, headers=api.auth("hub-admin"))
    assert response.status_code == 201 and response.json()["country"] == "FR"
    again = api.client.post("/api/v1/organisations", json=body, headers=api.auth("hub-admin"))
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    entry = api.audit()[-2]
    assert (entry["operation"], entry["object_ids"], entry["outcome"]) == (
        "organisation.create",
        ["FR-OCRIEST"],
        "allowed",
    )


def test_organisation_rules(api: Api) -> None:
    admin = api.auth("hub-admin")
    cases = [
        ({"id": "X-1", "name": "No country"}, "country"),
        ({"id": "X-2", "name": "Bad", "country": "ZZ"}, "body.country"),
        ({"id": "X-3", "name": "Hub", "country": "DE", "kind": "hub"}, "country"),
        ({"id": "X 4", "name": "Bad id", "country": "DE"}, "body.id"),
        ({"id": "X-5", "name": "  ", "country": "DE"}, "body.name"),
        ({"id": "X-6", "name": "Kind", "country": "DE", "kind": "ministry"}, "body.kind"),
    ]
    for body, field in cases:
        response = api.client.post("/api/v1/organisations", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.json()["error"]["details"][0]["field"] == field, response.json()


def test_users_are_for_administrators(api: Api) -> None:
    for user in ("de-inv", "hub-analyst", "hub-super"):
        assert api.get(user, "/api/v1/users").status_code == 403
        assert api.get(user, "/api/v1/users/hub-admin").status_code == 403
    own = api.get("de-inv", "/api/v1/users/de-inv")
    assert own.status_code == 200 and own.json()["organisation"] == "DE-BKA"
    listed = api.get("hub-admin", "/api/v1/users", organisation="HUB").json()["items"]
    assert [u["id"] for u in listed] == ["hub-admin", "hub-analyst", "hub-super"]
    assert api.get("hub-admin", "/api/v1/users/nobody").status_code == 404


def test_roles_suit_the_kind_of_organisation(api: Api) -> None:
    admin = api.auth("hub-admin")

    def add(user_id: str, org: str, role: str) -> int:
        body = {"id": user_id, "organisation": org, "role": role, "name": "N"}
        return api.client.post("/api/v1/users", json=body, headers=admin).status_code

    assert add("de-admin", "DE-BKA", "admin") == 422
    assert add("de-analyst", "DE-BKA", "analyst") == 422
    assert add("de-dpo", "DE-BKA", "supervisor") == 422
    assert add("hub-inv", "HUB", "investigator") == 422
    assert add("x", "NOWHERE", "investigator") == 422
    assert add("de-new", "DE-BKA", "investigator") == 201
    assert add("de-new", "DE-BKA", "investigator") == 409
    assert add("hub-new", "HUB", "analyst") == 201
    body = {"id": "x2", "organisation": "DE-BKA", "role": "investigator", "name": "N"}
    assert api.client.post("/api/v1/users", json=body, headers=api.auth("de-inv")).status_code == (
        403
    )


def test_an_inactive_organisation_is_shown_as_such(api: Api) -> None:
    admin = api.auth("hub-admin")
    response = api.client.patch(
        "/api/v1/organisations/IT-SCO", json={"active": False}, headers=admin
    )
    assert response.json()["active"] is False
    assert api.get("hub-admin", "/api/v1/organisations/IT-SCO").json()["active"] is False
    forbidden = api.client.patch(
        "/api/v1/organisations/IT-SCO", json={"active": True}, headers=api.auth("hub-super")
    )
    assert forbidden.status_code == 403
