"""Cases over the API: who manages them, what sharing into them grants, history, notices."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import Api
from tests.api.exchange import P, inbox, person, post, send


def _open(api: Api, who: str = "de-inv", **body: Any) -> dict[str, Any]:
    data = {"reference": "OP-SEAGULL", "title": "Sea Falcon crossings", **body}
    result: dict[str, Any] = post(api, who, "/cases", data, status=201)
    return result


def _patch(api: Api, who: str, case_id: str, body: dict[str, Any]) -> Any:
    return api.client.patch(f"{P}/cases/{case_id}", json=body, headers=api.auth(who))


def test_a_case_is_opened_with_participants_and_told_to_them(xapi: Api) -> None:
    case = _open(xapi, participants=["FR-OC"])
    assert case["id"].startswith("c-") and case["status"] == "open"
    assert case["participants"] == ["DE-BKA", "FR-OC"] and case["opener"] == "DE-BKA"
    (note,) = [n for n in inbox(xapi, "FR-OC") if n["kind"] == "case.opened"]
    assert note["payload"]["reference"] == "OP-SEAGULL"
    assert not [n for n in inbox(xapi, "DE-BKA") if n["kind"].startswith("case.")]
    taken = xapi.client.post(
        f"{P}/cases",
        json={"reference": "OP-SEAGULL", "title": "again"},
        headers=xapi.auth("it-inv"),
    )
    assert taken.status_code == 409
    assert (
        xapi.client.post(
            f"{P}/cases", json={"reference": "OP-2", "title": "t"}, headers=xapi.auth("hub-admin")
        ).status_code
        == 403
    )


def test_only_participants_and_supervisors_see_a_case(xapi: Api) -> None:
    case = _open(xapi, participants=["FR-OC"])
    url = f"{P}/cases/{case['id']}"
    for who in ("de-inv", "fr-inv", "hub-super"):
        assert xapi.get(who, url).status_code == 200, who
    for who in ("it-inv", "hub-analyst"):
        assert xapi.get(who, url).status_code == 404, who
    assert xapi.get("hub-admin", url).status_code == 403
    assert [c["id"] for c in xapi.get("fr-inv", f"{P}/cases").json()["items"]] == [case["id"]]
    assert xapi.get("it-inv", f"{P}/cases").json()["items"] == []
    assert len(xapi.get("hub-super", f"{P}/cases").json()["items"]) == 1


def test_the_opener_and_supervisors_manage_participants_and_status(xapi: Api) -> None:
    case = _open(xapi, participants=["FR-OC"])
    url = f"/cases/{case['id']}/participants"
    refused = xapi.client.post(
        f"{P}{url}", json={"organisation": "IT-SCO"}, headers=xapi.auth("fr-inv")
    )
    assert refused.status_code == 403  # a participant, not the opener
    added = post(xapi, "hub-super", url, {"organisation": "IT-SCO"})
    assert added["participants"] == ["DE-BKA", "FR-OC", "IT-SCO"]
    assert post(xapi, "de-inv", url, {"organisation": "IT-SCO"}, status=409)
    gone = xapi.client.delete(f"{P}{url}/FR-OC", headers=xapi.auth("de-inv"))
    assert gone.status_code == 200 and gone.json()["participants"] == ["DE-BKA", "IT-SCO"]
    assert xapi.client.delete(f"{P}{url}/DE-BKA", headers=xapi.auth("hub-super")).status_code == (
        409
    )
    assert [n["payload"]["change"] for n in inbox(xapi, "FR-OC")] == [
        "opened",
        "participant.added",
        "participant.removed",
    ]
    assert xapi.get("fr-inv", f"{P}/cases/{case['id']}").status_code == 404
    assert _patch(xapi, "it-inv", case["id"], {"status": "suspended"}).status_code == 403
    assert _patch(xapi, "de-inv", case["id"], {"status": "suspended"}).json()["status"] == (
        "suspended"
    )
    assert (
        _patch(xapi, "hub-super", case["id"], {"status": "closed", "reason": "done"}).json()[
            "status"
        ]
        == "closed"
    )
    assert _patch(xapi, "de-inv", case["id"], {"status": "open"}).status_code == 409
    history = xapi.get("it-inv", f"{P}/cases/{case['id']}/history").json()
    assert [h["change"] for h in history] == [
        "opened",
        "participant.added",
        "participant.removed",
        "status.changed",
        "status.changed",
    ]
    assert history[-1]["actor_user"] == "hub-super" and history[-1]["detail"]["reason"] == "done"


def test_sharing_into_a_case_grants_what_was_shared_and_never_h2(xapi: Api) -> None:
    case = _open(xapi, participants=["FR-OC"])
    h0 = send(
        xapi, "de-inv", "DE-c-1", ["IT-SCO"], person("de-p-1", "Omar Haddad"), case="OP-SEAGULL"
    )
    assert h0["case"] == {
        "reference": "OP-SEAGULL",
        "case": case["id"],
        "linked": True,
        "reason": None,
    }
    h2 = send(
        xapi, "de-inv", "DE-c-2", ["IT-SCO"], person("de-p-2", "Hamza Tarhouni"), handling="H2"
    )
    kept = send(xapi, "de-inv", "DE-c-3", ["IT-SCO"], person("de-p-3", "Nabil Ferjani"))
    linked = post(xapi, "de-inv", f"/cases/{case['id']}/messages", {"message": h2["id"]})
    assert linked["messages"] == [h0["id"], h2["id"]]  # the owner sees both
    assert xapi.get("fr-inv", f"{P}/cases/{case['id']}").json()["messages"] == [h0["id"]]
    assert xapi.get("fr-inv", f"{P}/entities/de-p-1").status_code == 200
    assert xapi.get("fr-inv", f"{P}/messages/{h0['id']}").status_code == 200
    assert xapi.get("fr-inv", f"{P}/entities/de-p-2").status_code == 404  # H2
    assert xapi.get("fr-inv", f"{P}/messages/{h2['id']}").status_code == 404
    assert xapi.get("fr-inv", f"{P}/entities/de-p-3").status_code == 404  # not shared
    assert xapi.get("it-inv", f"{P}/entities/de-p-2").status_code == 200  # a recipient
    # an entity shared on its own, and only by its owner
    assert post(xapi, "fr-inv", f"/cases/{case['id']}/entities", {"entity": "de-p-3"}, status=422)
    post(xapi, "de-inv", f"/cases/{case['id']}/entities", {"entity": "de-p-3"})
    assert xapi.get("fr-inv", f"{P}/entities/de-p-3").status_code == 200
    assert post(
        xapi, "fr-inv", f"/cases/{case['id']}/messages", {"message": kept["id"]}, status=422
    )
    # a case that is not open grants nothing
    _patch(xapi, "de-inv", case["id"], {"status": "suspended"})
    assert xapi.get("fr-inv", f"{P}/entities/de-p-1").status_code == 404
    assert post(xapi, "de-inv", f"/cases/{case['id']}/entities", {"entity": "de-p-1"}, status=409)
    _patch(xapi, "de-inv", case["id"], {"status": "open"})
    assert xapi.get("fr-inv", f"{P}/entities/de-p-1").status_code == 200
    # leaving the case ends it
    xapi.client.delete(f"{P}/cases/{case['id']}/participants/FR-OC", headers=xapi.auth("de-inv"))
    assert xapi.get("fr-inv", f"{P}/entities/de-p-1").status_code == 404


def test_a_case_reference_of_a_case_the_sender_is_not_in_links_nothing(xapi: Api) -> None:
    _open(xapi, participants=["FR-OC"])
    ack = send(xapi, "it-inv", "IT-c-1", ["HUB"], case="OP-SEAGULL")
    assert ack["case"]["linked"] is False and ack["case"]["case"] is None
    other = send(xapi, "it-inv", "IT-c-2", ["HUB"], case="OP-NOWHERE")
    assert other["case"]["linked"] is False
