"""The inbox over HTTP: one's own organisation's only, in pages, filtered, acknowledged, audited."""

from __future__ import annotations

from typing import Any

from mare.exchange import Principal
from mare.exchange.notify import notify
from tests.api.conftest import Api


def _send(api: Api, operator: Principal, org: str, kind: str, subject: str) -> str:
    with api.hub.context(operator) as ctx:
        return notify(
            ctx,
            org,
            kind,
            subject_type="case",
            subject_id=subject,
            summary=f"{kind} on {subject}",
            payload={"case": subject},
        )


def _inbox(api: Api, operator: Principal) -> dict[str, list[str]]:
    """DE-BKA gets five, IT-SCO two, the hub one."""
    sent: dict[str, list[str]] = {"DE-BKA": [], "IT-SCO": [], "HUB": []}
    for org, kind, subject in [
        ("DE-BKA", "case.opened", "c1"),
        ("IT-SCO", "case.opened", "c1"),
        ("DE-BKA", "case.updated", "c1"),
        ("DE-BKA", "hit.found", "h1"),
        ("HUB", "retention.due", "r1"),
        ("DE-BKA", "case.updated", "c1"),
        ("IT-SCO", "message.received", "m1"),
        ("DE-BKA", "disclosure.granted", "d1"),
    ]:
        sent[org].append(_send(api, operator, org, kind, subject))
    return sent


def _ids(body: dict[str, Any]) -> list[str]:
    return [item["id"] for item in body["items"]]


def test_the_inbox_shows_ones_own_organisations_newest_first(api: Api, operator: Principal) -> None:
    sent = _inbox(api, operator)
    response = api.get("de-inv", "/api/v1/notifications")
    assert response.status_code == 200
    body = response.json()
    assert _ids(body) == sent["DE-BKA"][::-1] and body["next_cursor"] is None
    assert [i["seq"] for i in body["items"]] == [5, 4, 3, 2, 1]
    first = body["items"][-1]
    assert first["kind"] == "case.opened" and first["subject"] == {"type": "case", "id": "c1"}
    assert first["payload"] == {"case": "c1"} and first["read_at"] is None
    assert _ids(api.get("it-inv", "/api/v1/notifications").json()) == sent["IT-SCO"][::-1]
    for hub_user in ("hub-analyst", "hub-super", "hub-admin"):  # the hub's, not the partners'
        assert _ids(api.get(hub_user, "/api/v1/notifications").json()) == sent["HUB"]


def test_pages_and_filters(api: Api, operator: Principal) -> None:
    sent = _inbox(api, operator)["DE-BKA"]
    seen, cursor = [], None
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        body = api.get("de-inv", "/api/v1/notifications", **params).json()
        seen += _ids(body)
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sent[::-1]
    updated = api.get("de-inv", "/api/v1/notifications", kind="case.updated").json()
    assert _ids(updated) == [sent[3], sent[1]]
    assert api.client.post(f"/api/v1/notifications/{sent[0]}/ack", headers=api.auth("de-inv"))
    unread = api.get("de-inv", "/api/v1/notifications", unread="true").json()
    assert _ids(unread) == sent[1:][::-1]
    assert _ids(api.get("de-inv", "/api/v1/notifications", unread="false").json()) == [sent[0]]
    for bad in ({"kind": "hit.maybe"}, {"cursor": "x"}, {"limit": 0}, {"unread": "perhaps"}):
        assert api.get("de-inv", "/api/v1/notifications", **bad).status_code == 422, bad


def test_reading_and_acknowledging(api: Api, operator: Principal) -> None:
    nid = _inbox(api, operator)["DE-BKA"][0]
    one = api.get("de-inv", f"/api/v1/notifications/{nid}")
    assert one.status_code == 200 and one.json()["id"] == nid
    acked = api.client.post(f"/api/v1/notifications/{nid}/ack", headers=api.auth("de-inv"))
    assert acked.status_code == 200
    first = acked.json()
    assert first["read_by"] == "de-inv" and first["read_at"] is not None
    again = api.client.post(f"/api/v1/notifications/{nid}/ack", headers=api.auth("de-inv"))
    assert again.json()["read_at"] == first["read_at"]  # the first acknowledgement stays


def test_another_organisations_notification_is_not_found(api: Api, operator: Principal) -> None:
    sent = _inbox(api, operator)
    theirs = sent["DE-BKA"][0]
    missing = "0" * 16
    for user in ("it-inv", "hub-admin", "hub-super", "hub-analyst"):
        for method, path in [
            ("GET", f"/api/v1/notifications/{theirs}"),
            ("POST", f"/api/v1/notifications/{theirs}/ack"),
        ]:
            response = api.client.request(method, path, headers=api.auth(user))
            nothing = api.client.request(
                method, path.replace(theirs, missing), headers=api.auth(user)
            )
            assert response.status_code == nothing.status_code == 404, (user, path)
            # the same answer as for one that does not exist, bar the id
            assert (
                response.json()["error"]["message"].replace(theirs, missing)
                == (nothing.json()["error"]["message"])
            )
    assert api.get("de-inv", f"/api/v1/notifications/{theirs}").json()["read_at"] is None
    denied = [e for e in api.audit() if e["object_ids"] == [theirs] and e["outcome"] == "denied"]
    assert {e["actor_user"] for e in denied} == {"it-inv", "hub-admin", "hub-super", "hub-analyst"}
    assert all(e["detail"]["status"] == 404 for e in denied)


def test_no_token_or_a_revoked_one_gets_nothing(api: Api, operator: Principal) -> None:
    nid = _inbox(api, operator)["DE-BKA"][0]
    for path in ("/api/v1/notifications", f"/api/v1/notifications/{nid}"):
        assert api.client.get(path).status_code == 401
    revoked = api.client.delete(
        f"/api/v1/tokens/{api.token_ids['de-inv']}", headers=api.auth("de-inv")
    )
    assert revoked.status_code == 200
    for path in ("/api/v1/notifications", f"/api/v1/notifications/{nid}"):
        response = api.client.get(path, headers=api.auth("de-inv"))
        assert response.status_code == 401 and nid not in response.text


def test_every_read_is_audited(api: Api, operator: Principal) -> None:
    sent = _inbox(api, operator)["DE-BKA"]
    api.get("de-inv", "/api/v1/notifications", limit=2)
    listed = api.audit()[-1]
    assert (listed["action"], listed["operation"]) == ("consultation", "notification.list")
    assert listed["object_ids"] == sent[::-1][:2]  # what was shown, not the look-ahead row
    api.get("de-inv", f"/api/v1/notifications/{sent[1]}")
    read = api.audit()[-1]
    assert (read["operation"], read["object_ids"], read["actor_org"]) == (
        "notification.read",
        [sent[1]],
        "DE-BKA",
    )
    api.client.post(f"/api/v1/notifications/{sent[1]}/ack", headers=api.auth("de-inv"))
    acked = api.audit()[-1]
    assert (acked["action"], acked["operation"]) == ("change", "notification.ack")
