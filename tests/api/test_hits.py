"""Cross-checking through the access rules: full hits, hit/no-hit, nothing; and disclosure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa

from mare.ingest import Defaults, Ingestor
from mare.store.exchange import grants
from tests.api.conftest import Api
from tests.api.exchange import P, inbox, person, post, send

OMAR = person(
    "de-p-1",
    "Omar Haddad",
    "+218 91 234 5678",
    birthDate="1987-12-05",
    notes="seen at the port of Zuwara",
)
QUERY = person("q-1", "Omar Haddad", "00218912345678")


def _check(api: Api, who: str, *entities: dict[str, Any], purpose: str | None = None) -> Any:
    headers = {"Mare-Purpose": purpose} if purpose else {}
    return post(api, who, "/check", {"entities": list(entities)}, **headers)


def _h2(api: Api, category: str = "suspect", entity: dict[str, Any] = OMAR) -> dict[str, Any]:
    return send(
        api,
        "de-inv",
        f"DE-{category}",
        ["HUB"],
        entity,
        handling="H2",
        categories={entity["id"]: category},
    )


def test_a_hit_on_data_one_may_not_read_says_only_that_it_exists_and_whose(xapi: Api) -> None:
    _h2(xapi)
    found = _check(xapi, "it-inv", QUERY)
    (hit,) = found["items"]
    assert hit["visibility"] == "hit_no_hit" and hit["owner"] == "DE-BKA"
    assert hit["band"] == "match" and hit["your_entity"] == "q-1" and hit["hit"].startswith("h-")
    assert hit["entity"] is None and hit["score"] is None and hit["reasons"] == []
    text = str(found)
    assert "de-p-1" not in text and "1987" not in text and "Zuwara" not in text
    (told,) = [n for n in inbox(xapi, "IT-SCO") if n["kind"] == "hit.found"]
    assert told["payload"]["owner"] == "DE-BKA" and "de-p-1" not in str(told)
    (owner,) = [n for n in inbox(xapi, "DE-BKA") if n["kind"] == "hit.on_your_data"]
    payload = owner["payload"]
    assert payload["your_entity"] == "de-p-1" and payload["requester"] == "IT-SCO"
    assert payload["their_item"]["properties"]["phone"] == ["00218912345678"]
    assert {r["feature"] for r in payload["reasons"]} >= {"name", "identifier:phone"}
    search = [e for e in xapi.audit() if e["operation"] == "check"][-1]
    assert search["action"] == "search" and search["detail"]["hit_no_hit"] == [hit["hit"]]
    assert search["object_ids"] == []  # nothing of the owner's was shown
    # the same query again is the same hit, and tells no one twice
    assert _check(xapi, "it-inv", QUERY)["items"][0]["hit"] == hit["hit"]
    assert len([n for n in inbox(xapi, "DE-BKA") if n["kind"] == "hit.on_your_data"]) == 1


def test_a_hit_on_data_one_may_read_is_shown_in_full(xapi: Api) -> None:
    send(xapi, "de-inv", "DE-1", ["IT-SCO"], OMAR, handling="H2", categories={"de-p-1": "suspect"})
    (hit,) = _check(xapi, "it-inv", QUERY)["items"]
    assert hit["visibility"] == "full" and hit["entity"] == "de-p-1" and hit["hit"] is None
    assert hit["score"] > 0.5 and {"left", "right"} <= set(hit["reasons"][0])
    assert not [n for n in inbox(xapi, "DE-BKA") if n["kind"] == "hit.on_your_data"]


def test_victims_witnesses_informants_contacts_and_minors_give_partners_nothing(
    xapi: Api,
) -> None:
    for n, category in enumerate(("victim", "witness", "informant", "contact")):
        entity = person(f"de-v-{n}", "Omar Haddad", f"+218 91 000 000{n}")
        _h2(xapi, category, entity)
        query = person(f"q-{n}", "Omar Haddad", f"00218910000000{n}")
        assert _check(xapi, "it-inv", query)["total"] == 0, category
        assert _check(xapi, "fr-inv", query)["total"] == 0, category
    minor = person("de-m-1", "Omar Haddad", "+218 91 000 0009", birthDate="2015-03-01")
    _h2(xapi, "suspect", minor)
    assert _check(xapi, "it-inv", person("q-m", "Omar Haddad", "00218910000009"))["total"] == 0
    assert not [n for n in inbox(xapi, "DE-BKA") if n["kind"] == "hit.on_your_data"]
    # the owner itself still finds them (by their phones: five namesakes are no
    # evidence on their own)
    query = person("q-own", "Omar Haddad")
    query["properties"]["phone"] = [f"0021891000000{n}" for n in (0, 1, 2, 3, 9)]
    own = _check(xapi, "de-inv", query)["items"]
    assert {h["entity"] for h in own} == {"de-v-0", "de-v-1", "de-v-2", "de-v-3", "de-m-1"}
    assert {h["visibility"] for h in own} == {"full"}


def test_a_victims_passport_is_protected_as_the_victim_is(xapi: Api) -> None:
    for category, suffix in (("victim", "1"), ("suspect", "2")):
        holder = person(f"de-h-{suffix}", f"Person {suffix}")
        passport = {
            "id": f"de-pp-{suffix}",
            "schema": "Passport",
            "properties": {
                "number": [f"LY998877{suffix}"],
                "country": ["ly"],
                "holder": [f"de-h-{suffix}"],
            },
        }
        send(
            xapi,
            "de-inv",
            f"DE-pp-{suffix}",
            ["HUB"],
            holder,
            passport,
            handling="H2",
            categories={f"de-h-{suffix}": category},
        )
    for suffix, expected in (("1", 0), ("2", 1)):
        query = [
            person(f"q-{suffix}", "Someone Else"),
            {
                "id": f"q-pp-{suffix}",
                "schema": "Passport",
                "properties": {
                    "number": [f"LY998877{suffix}"],
                    "country": ["ly"],
                    "holder": [f"q-{suffix}"],
                },
            },
        ]
        assert _check(xapi, "fr-inv", *query)["total"] == expected, suffix


def test_the_hub_finds_protected_persons_only_with_a_purpose(xapi: Api) -> None:
    _h2(xapi, "victim")
    assert _check(xapi, "hub-analyst", QUERY)["total"] == 0
    (hit,) = _check(xapi, "hub-analyst", QUERY, purpose="trafficking analysis OP-7")["items"]
    assert hit["visibility"] == "full"  # sent to the hub
    assert xapi.get("hub-analyst", f"{P}/entities/de-p-1").status_code == 404
    stated = xapi.client.get(
        f"{P}/entities/de-p-1", headers=xapi.auth("hub-analyst", **{"Mare-Purpose": "OP-7"})
    )
    assert stated.status_code == 200
    read = [e for e in xapi.audit() if e["operation"] == "entity.read"][-1]
    assert read["purpose"] == "OP-7" and read["outcome"] == "allowed"


def test_a_grant_releases_exactly_the_matched_values_to_exactly_that_partner(xapi: Api) -> None:
    _h2(xapi)
    hit = _check(xapi, "it-inv", QUERY)["items"][0]["hit"]
    asked = post(xapi, "it-inv", f"/disclosures/{hit}/request", {"reason": "our case IT-77"})
    assert asked["requested_at"] and asked["statements"] == []
    (request,) = [n for n in inbox(xapi, "DE-BKA") if n["kind"] == "disclosure.requested"]
    assert request["payload"]["reason"] == "our case IT-77"
    owner_view = xapi.get("de-inv", f"{P}/disclosures/{hit}").json()
    assert owner_view["side"] == "owner" and owner_view["query_item"]["id"] == "q-1"
    assert {s["prop"] for s in owner_view["statements"]} == {"name", "phone", "birthDate"}
    assert (
        xapi.client.post(
            f"{P}/disclosures/{hit}/grant", json={}, headers=xapi.auth("it-inv")
        ).status_code
        == 403
    )
    assert (
        xapi.client.post(
            f"{P}/disclosures/{hit}/grant", json={}, headers=xapi.auth("fr-inv")
        ).status_code
        == 404
    )
    granted = post(xapi, "de-inv", f"/disclosures/{hit}/grant", {"reason": "joint interest"})
    assert granted["status"] == "granted"
    values = {
        s["prop"]: s["value"]
        for s in xapi.get("it-inv", f"{P}/entities/de-p-1").json()["statements"]
    }
    assert values == {
        "name": "Omar Haddad",
        "phone": "+218 91 234 5678",
        "birthDate": "1987-12-05",
    }  # not the notes: they did not match
    assert xapi.get("fr-inv", f"{P}/entities/de-p-1").status_code == 404
    requester = xapi.get("it-inv", f"{P}/disclosures/{hit}").json()
    assert requester["entity"] == "de-p-1" and requester["reasons"] and requester["score"]
    assert requester["query_item"] is None
    with xapi.hub.store.engine.connect() as conn:
        rows = list(conn.execute(sa.select(grants)))
    assert {(r.organisation, r.disclosure_id, r.kind) for r in rows} == {
        ("IT-SCO", hit, "grant")
    } and len(rows) == 3
    (told,) = [n for n in inbox(xapi, "IT-SCO") if n["kind"] == "disclosure.granted"]
    assert told["payload"]["entity"] == "de-p-1" and told["payload"]["released"] == 3
    entry = [e for e in xapi.audit() if e["operation"] == "disclosure.grant"][-1]
    assert entry["action"] == "disclosure" and entry["recipients"] == ["IT-SCO"]
    assert (
        xapi.client.post(
            f"{P}/disclosures/{hit}/grant", json={}, headers=xapi.auth("de-inv")
        ).status_code
        == 409
    )


def test_a_refusal_releases_nothing_an_override_needs_a_supervisor_and_a_reason(
    xapi: Api,
) -> None:
    _h2(xapi)
    hit = _check(xapi, "it-inv", QUERY)["items"][0]["hit"]
    refused = post(xapi, "de-inv", f"/disclosures/{hit}/refuse", {"reason": "ongoing operation"})
    assert refused["status"] == "refused"
    assert xapi.get("it-inv", f"{P}/entities/de-p-1").status_code == 404
    (told,) = [n for n in inbox(xapi, "IT-SCO") if n["kind"] == "disclosure.refused"]
    assert told["payload"]["reason"] == "ongoing operation" and "entity" not in told["payload"]
    assert xapi.get("it-inv", f"{P}/disclosures/{hit}").json()["statements"] == []
    url = f"{P}/disclosures/{hit}/override"
    for who, status in (("hub-analyst", 403), ("it-inv", 403), ("hub-admin", 403)):
        response = xapi.client.post(url, json={"reason": "boat"}, headers=xapi.auth(who))
        assert response.status_code == status, who
    assert xapi.client.post(url, json={}, headers=xapi.auth("hub-super")).status_code == 422
    assert (
        xapi.client.post(
            url, json={"reason": "x", "to": "FR-OC"}, headers=xapi.auth("hub-super")
        ).status_code
        == 422
    )
    done = post(
        xapi,
        "hub-super",
        f"/disclosures/{hit}/override",
        {"reason": "boat in distress off Lampedusa, 40 people"},
    )
    assert done["status"] == "overridden"
    assert xapi.get("it-inv", f"{P}/entities/de-p-1").status_code == 200
    (alarm,) = [n for n in inbox(xapi, "DE-BKA") if n["kind"] == "disclosure.override"]
    assert alarm["payload"]["reason"].startswith("boat in distress")
    assert alarm["payload"]["released_to"] == "IT-SCO"
    entry = [e for e in xapi.audit() if e["operation"] == "disclosure.override"][-1]
    assert entry["actor_user"] == "hub-super" and entry["recipients"] == ["IT-SCO"]
    assert entry["detail"]["threat_to_life"] is True


def test_an_override_can_release_to_the_hub(xapi: Api) -> None:
    send(xapi, "de-inv", "DE-1", ["IT-SCO"], OMAR, handling="H2", categories={"de-p-1": "suspect"})
    hit = _check(xapi, "hub-analyst", QUERY)["items"][0]["hit"]
    assert xapi.get("hub-analyst", f"{P}/entities/de-p-1").status_code == 404
    post(xapi, "hub-super", f"/disclosures/{hit}/override", {"reason": "hostage", "to": "HUB"})
    assert xapi.get("hub-analyst", f"{P}/entities/de-p-1").status_code == 200


def test_a_contribution_that_hits_says_so_in_its_ack(xapi: Api) -> None:
    _h2(xapi)
    ack = send(
        xapi,
        "it-inv",
        "IT-1",
        ["HUB"],
        person("it-p-1", "Omar Haddad", "00218912345678"),
        categories={"it-p-1": "suspect"},
    )
    (hit,) = ack["hits"]["items"]
    assert hit["visibility"] == "hit_no_hit" and hit["owner"] == "DE-BKA"
    assert hit["your_entity"] == "it-p-1" and "de-p-1" not in str(ack)
    (owner,) = [n for n in inbox(xapi, "DE-BKA") if n["kind"] == "hit.on_your_data"]
    assert owner["payload"]["kind"] == "message" and owner["payload"]["message"] == ack["id"]
    assert owner["payload"]["their_item"]["properties"]["name"] == ["Omar Haddad"]
    listed = xapi.get("it-inv", f"{P}/disclosures").json()["items"]
    assert [d["id"] for d in listed] == [hit["hit"]] and listed[0]["side"] == "requester"
    assert xapi.get("fr-inv", f"{P}/disclosures").json()["items"] == []
    assert xapi.get("fr-inv", f"{P}/disclosures/{hit['hit']}").status_code == 404


def test_who_may_act_on_a_hit(xapi: Api) -> None:
    """Every act on a hit × every caller: the ones not party to it are told it does not
    exist; parties may do only their own part (refused acts change nothing)."""
    _h2(xapi)
    hit = _check(xapi, "it-inv", QUERY)["items"][0]["hit"]
    acts = {
        "grant": {},
        "refuse": {},
        "request": {"reason": "why"},
        "override": {"reason": "threat to life"},
    }
    allowed = {
        ("de-inv", "grant"),
        ("de-inv", "refuse"),
        ("it-inv", "request"),
        ("hub-super", "override"),
    }
    denied = {
        "de-inv": 403,
        "it-inv": 403,
        "fr-inv": 404,
        "hub-analyst": 404,
        "hub-super": 403,
        "hub-admin": 403,
    }
    for user, status in denied.items():
        read = xapi.get(user, f"{P}/disclosures/{hit}").status_code
        assert read == (200 if status == 403 and user != "hub-admin" else status), user
        for act, body in acts.items():
            if (user, act) in allowed:
                continue
            response = xapi.client.post(
                f"{P}/disclosures/{hit}/{act}", json=body, headers=xapi.auth(user)
            )
            expected = 403 if act == "override" else status  # the role comes first
            assert response.status_code == expected, (user, act, response.text)
    assert xapi.get("de-inv", f"{P}/disclosures/{hit}").json()["status"] == "pending"
    with xapi.hub.store.engine.connect() as conn:
        assert list(conn.execute(sa.select(grants))) == []


def test_a_hit_on_data_of_an_owner_not_in_the_directory(xapi: Api, tmp_path: Path) -> None:
    """Data loaded on the command line may name an owner not registered: the hit is
    still hit/no-hit, and there is no one to notify."""
    held = tmp_path / "held.jsonl"
    held.write_bytes(orjson.dumps(OMAR) + b"\n")
    Ingestor(xapi.hub.store).ingest(held, Defaults(owner="XX-UNKNOWN", category="suspect"))
    (hit,) = _check(xapi, "it-inv", QUERY)["items"]
    assert hit["visibility"] == "hit_no_hit" and hit["owner"] == "XX-UNKNOWN"


def test_the_hits_found_on_arrival_are_shown_as_the_caller_may_see_them(xapi: Api) -> None:
    _h2(xapi)  # DE's suspect, to the hub only
    send(
        xapi,
        "it-inv",
        "IT-1",
        ["HUB"],
        person("it-p-1", "Omar Haddad", "00218912345678"),
        categories={"it-p-1": "suspect"},
    )
    (mine,) = xapi.get("it-inv", f"{P}/hits", entity="it-p-1").json()["items"]
    assert mine["visibility"] == "hit_no_hit" and mine["owner"] == "DE-BKA"
    assert mine["entity"] is None and "de-p-1" not in str(mine)
    (hub,) = xapi.get("hub-analyst", f"{P}/hits", entity="it-p-1").json()["items"]
    assert hub["visibility"] == "full" and hub["entity"] == "de-p-1"  # both came to the hub
    assert xapi.get("fr-inv", f"{P}/hits", entity="it-p-1").status_code == 404
    assert xapi.get("it-inv", f"{P}/hits", entity="de-p-1").status_code == 404
    (owner,) = xapi.get("de-inv", f"{P}/hits", entity="de-p-1").json()["items"]
    assert owner["visibility"] == "hit_no_hit" and owner["owner"] == "IT-SCO"  # IT's: not DE's


def test_hits_carry_the_marks_of_what_they_were_drawn_from(xapi: Api) -> None:
    send(xapi, "de-inv", "DE-h1", ["IT-SCO"], OMAR, handling="H1", categories={"de-p-1": "suspect"})
    other = person("de-p-2", "Hamza Tarhouni", "+218 92 555 0101")
    send(
        xapi,
        "de-inv",
        "DE-h3",
        ["IT-SCO"],
        other,
        handling="H3",
        restriction="Only for the Zuwara inquiry",
        categories={"de-p-2": "suspect"},
    )
    send(
        xapi,
        "de-inv",
        "DE-h2",
        ["HUB"],
        person("de-p-3", "Nabil Ferjani", "+218 93 111 2222"),
        handling="H1",
        categories={"de-p-3": "suspect"},
    )
    found = _check(
        xapi,
        "it-inv",
        QUERY,
        person("q-2", "Hamza Tarhouni", "00218925550101"),
        person("q-3", "Nabil Ferjani", "00218931112222"),
    )["items"]
    hits = {h["your_entity"]: h for h in found}
    assert (
        hits["q-1"]["not_for_court"] is True and "judicial" in hits["q-1"]["not_for_court_reason"]
    )
    assert hits["q-2"]["restrictions"] == ["Only for the Zuwara inquiry"]
    assert hits["q-2"]["not_for_court"] is False
    # hit/no-hit: marked not for court, but no restriction text (it shows no values)
    assert hits["q-3"]["visibility"] == "hit_no_hit" and hits["q-3"]["not_for_court"] is True
    assert hits["q-3"]["restrictions"] == []


def test_the_hub_sees_no_hit_no_hit_on_anothers_item(xapi: Api) -> None:
    """A hit/no-hit would tell the other owner values that are not the caller's to give."""
    send(xapi, "de-inv", "DE-1", ["IT-SCO"], OMAR, handling="H2", categories={"de-p-1": "suspect"})
    send(
        xapi,
        "it-inv",
        "IT-1",
        ["HUB"],
        person("it-p-1", "Omar Haddad", "00218912345678"),
        categories={"it-p-1": "suspect"},
    )
    assert xapi.get("hub-analyst", f"{P}/hits", entity="it-p-1").json()["total"] == 0
    assert not [
        n
        for n in inbox(xapi, "DE-BKA")
        if n["kind"] == "hit.on_your_data" and n["payload"]["requester"] == "HUB"
    ]
    (it,) = xapi.get("it-inv", f"{P}/hits", entity="it-p-1").json()["items"]
    assert it["visibility"] == "full" and it["entity"] == "de-p-1"  # IT is a recipient
