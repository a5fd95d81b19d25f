"""The truth file agrees with the messages, and with itself."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
import phonenumbers
from schwifty import IBAN

from mare.normalize import mrz
from mare.scenario import generate
from mare.scenario.routes import OTHER_ROLES, ROLES
from mare.scenario.truth import read
from mare.scenario.vessels import imo_check
from tests.scenario.conftest import SEED

Truth = list[dict[str, Any]]


def _things(truth: Truth) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in truth if t["kind"] not in ("record", "message", "malformed")}


def _messages(root: Path) -> dict[str, dict[str, Any]]:
    return {
        f"messages/{p.name}": orjson.loads(p.read_bytes())
        for p in sorted((root / "messages").glob("*.json"))
    }


def test_every_entity_has_its_truth_and_every_record_its_entity(
    scenario: Path, truth: Truth
) -> None:
    files = {t["id"]: t["file"] for t in truth if t["kind"] == "message"}
    sent = {
        (data["message_id"], e["id"])
        for data in _messages(scenario).values()
        for e in data["entities"]
        if "id" in e
    }
    records = {(t["message"], t["entity"]) for t in truth if t["kind"] == "record"}
    no_id = {
        (t["message"], t["entity"])
        for t in truth
        if t["kind"] == "malformed" and t["field"] == "id"
    }
    assert sent == records - no_id
    assert set(files.values()) == set(_messages(scenario))


def test_every_record_names_a_known_thing(truth: Truth) -> None:
    things = _things(truth)
    for t in truth:
        if t["kind"] != "record":
            continue
        assert t["thing"] in things, t
        for value in t["values"]:
            assert value["thing"] in things, value


def test_ids_are_unique(truth: Truth) -> None:
    ids = [t["id"] for t in truth if t["kind"] not in ("record", "malformed")]
    assert len(ids) == len(set(ids))


def test_an_entity_id_is_always_the_same_thing(truth: Truth) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for t in truth:
        if t["kind"] == "record":
            seen[t["entity"]].add(t["thing"])
    assert all(len(v) == 1 for v in seen.values())


def test_same_thing_groups_span_partners(truth: Truth) -> None:
    senders: dict[str, set[str]] = defaultdict(set)
    for t in truth:
        if t["kind"] == "record" and t["schema"] == "Person":
            senders[t["thing"]].add(t["sender"])
    assert senders
    assert sum(len(s) > 1 for s in senders.values()) > 10  # people seen by several partners


def test_roles_and_networks(truth: Truth) -> None:
    things = _things(truth)
    networks = {t["id"]: t for t in things.values() if t["kind"] == "network"}
    people = [t for t in things.values() if t["kind"] == "person"]
    assert networks and people
    for p in people:
        assert p["role"] in ROLES + OTHER_ROLES
        for network, role in p["roles"].items():
            assert network in networks and role in ROLES
            assert p["id"] in networks[network]["members"]
    for network in networks.values():
        for member in network["members"]:
            assert things[member]["kind"] == "person"


def test_some_brokers_serve_two_networks(tmp_path: Path) -> None:
    generate(SEED, "demo", tmp_path)
    people = [t for t in read(tmp_path / "truth.jsonl") if t["kind"] == "person"]
    shared = [p for p in people if len(p["networks"]) > 1]
    assert shared and all(set(p["roles"].values()) == {"broker"} for p in shared)


def test_decoys_are_different_people_with_the_same_name(truth: Truth) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in _things(truth).values():
        if t["kind"] == "person" and t["decoy_group"]:
            groups[t["decoy_group"]].append(t)
    assert groups
    for members in groups.values():
        assert len(members) >= 2
        assert len({m["native"] for m in members}) == 1
        assert len({m["birth_date"] for m in members}) == len(members)
        assert len({m["id"] for m in members}) == len(members)


def test_phones_are_valid_for_their_country(truth: Truth) -> None:
    for t in _things(truth).values():
        if t["kind"] == "phone":
            number = phonenumbers.parse(t["number"])
            assert phonenumbers.is_valid_number(number), t
            if t["country"]:
                assert phonenumbers.region_code_for_number(number).lower() == t["country"]


def test_identifiers_carry_their_checks(truth: Truth) -> None:
    things = _things(truth)
    for t in things.values():
        if t["kind"] == "bank_account":
            IBAN(t["iban"])  # raises on a bad checksum
        if t["kind"] == "vessel" and t["imo"]:
            assert imo_check(t["imo"][:6]) == t["imo"][6]


def test_genuine_mrz_pass_and_forged_fail(scenario: Path, truth: Truth) -> None:
    docs = {
        t["entity"]: t
        for t in truth
        if t["kind"] == "record" and t["schema"] in ("Passport", "Identification")
    }
    checked = {"genuine": 0, "forged": 0}
    for data in _messages(scenario).values():
        for entity in data["entities"]:
            record = docs.get(entity.get("id", ""))
            lines = entity.get("properties", {}).get("description")
            if record is None or not lines:
                continue
            parsed = mrz.parse(lines[0])
            forgery = record.get("forged")
            if forgery is None:
                assert parsed.valid, parsed.errors
                checked["genuine"] += 1
            elif "check digit" in forgery:
                assert not parsed.valid
                checked["forged"] += 1
    assert checked["genuine"] > 0


def test_adverts_and_benign_values_are_marked(truth: Truth) -> None:
    things = _things(truth)
    posts = [t for t in things.values() if t["kind"] == "post"]
    assert any(p["advert"] for p in posts)
    benign = [t for t in things.values() if t.get("benign")]
    assert {t["kind"] for t in benign} >= {"phone", "address"}
