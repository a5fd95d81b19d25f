"""The organisation matcher: every feature, and reasons that say what was compared."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import orjson
import pytest

from mare.ingest import Defaults, Ingestor
from mare.match import organization as o
from mare.match.benign import BenignList
from mare.match.families import ORGANIZATION, PERSON, family_of
from mare.match.index import stored_hits
from mare.match.organization import OrganizationRecord
from mare.store import Store

LEI = "lei:5493001KJTIIGC8Y1R12"


def _rec(eid: str = "a", **values: object) -> OrganizationRecord:
    data: dict[str, object] = {"id": eid}
    data.update(values)
    if "keys" in data:
        data["keys"] = frozenset(data["keys"])  # type: ignore[arg-type]
    return OrganizationRecord(**data)  # type: ignore[arg-type]


THREE_WORDS = o.weight(o.NAME_SAME_M, o.NAME_SAME_U_MANY)
TWO_WORDS = o.weight(o.NAME_SAME_M, o.NAME_SAME_U[2])


@pytest.mark.parametrize(
    ("feature", "left", "right", "expected"),
    [
        (o.lei, _rec(keys={LEI}), _rec(keys={LEI}), (LEI, LEI, o.LEI_SAME)),
        (
            o.lei,
            _rec(keys={LEI}),
            _rec(keys={"lei:529900T8BM49AURSDO55"}),
            (LEI, "lei:529900T8BM49AURSDO55", o.LEI_OTHER),
        ),
        (o.lei, _rec(keys={LEI}), _rec(), None),
        (  # the same register number written with and without its register's letters
            o.registration,
            _rec(keys={"registration:HRB12345"}, countries=("de",)),
            _rec(keys={"registration:12345"}, countries=("de",)),
            ("registration:HRB12345", "registration:12345", o.REGISTERED_SAME),
        ),
        (  # the same number in two countries' registers: a coincidence, not a link
            o.registration,
            _rec(keys={"registration:12345"}, countries=("de",)),
            _rec(keys={"registration:12345"}, countries=("it",)),
            None,
        ),
        (
            o.registration,
            _rec(keys={"registration:HRB12345"}, countries=("de",)),
            _rec(keys={"registration:HRB99999"}),
            ("registration:HRB12345", "registration:HRB99999", o.REGISTERED_OTHER),
        ),
        (  # different numbers of different countries' registers: nothing to say
            o.registration,
            _rec(keys={"registration:HRB12345"}, countries=("de",)),
            _rec(keys={"registration:99999"}, countries=("it",)),
            None,
        ),
        (o.registration, _rec(keys={"registration:HRB12345"}), _rec(), None),
        (
            o.tax_number,
            _rec(keys={"tax:IT01234567890"}),
            _rec(keys={"tax:01234567890"}),
            ("tax:IT01234567890", "tax:01234567890", o.REGISTERED_SAME),
        ),
        (
            o.other_identifier,
            _rec(keys={"phone:+97141234567", "imo:5432109"}),
            _rec(keys={"phone:+97141234567", "imo:5432109"}),
            ("imo:5432109", "imo:5432109", o.STRONG_SAME),
        ),
        (
            o.other_identifier,
            _rec(keys={"iban:AE070331234567890123456"}),
            _rec(keys={"iban:AE070331234567890123456"}),
            ("iban:AE070331234567890123456", "iban:AE070331234567890123456", o.CONTACT_SAME),
        ),
        (o.other_identifier, _rec(keys={"phone:+1"}), _rec(keys={"phone:+2"}), None),
        # names, without legal forms, across scripts
        (
            o.name,
            _rec(names=("Al Noor Travel Agency LLC",)),
            _rec(names=("AL-NOOR TRAVEL AGENCY L.L.C.",)),
            ("Al Noor Travel Agency LLC", "AL-NOOR TRAVEL AGENCY L.L.C.", THREE_WORDS),
        ),
        (
            o.name,
            _rec(names=("ООО Ромашка",)),
            _rec(names=("Romashka LLC",)),
            ("ООО Ромашка", "Romashka LLC", o.weight(o.NAME_SAME_M, o.NAME_SAME_U[1])),
        ),
        (
            o.name,
            _rec(names=("Noor Trading Company",)),
            _rec(names=("Noor Trading Co.",)),
            ("Noor Trading Company", "Noor Trading Co.", TWO_WORDS),
        ),
        (
            o.name,
            _rec(names=("Star 1 Holding Ltd",)),
            _rec(names=("Star 2 Holding Ltd",)),
            ("Star 1 Holding Ltd", "Star 2 Holding Ltd", o.NAME_OTHER_NUMBER),
        ),
        (
            o.name,
            _rec(names=("Noor Travel Agency",)),
            _rec(names=("Nour Travel Agency",)),
            ("Noor Travel Agency", "Nour Travel Agency", o.NAME_LEVELS[0][1]),
        ),
        (
            o.name,
            _rec(names=("Noor Travel Agency",)),
            _rec(names=("Blue Sea Shipping",)),
            ("Noor Travel Agency", "Blue Sea Shipping", o.NAME_LEVELS[-1][1]),
        ),
        (o.name, _rec(names=("Noor Travel Agency",)), _rec(), None),
        (
            o.legal_form,
            _rec(names=("Noor Trading S.A.R.L.",)),
            _rec(names=("Noor Trading LLC",)),
            ("llc", "llc", o.FORM_SAME),
        ),
        (
            o.legal_form,
            _rec(names=("Noor Trading LLC",)),
            _rec(names=("Noor Trading S.p.A.",)),
            ("llc", "jsc", o.FORM_OTHER),
        ),
        (o.legal_form, _rec(names=("Noor Trading LLC",)), _rec(names=("Noor Trading",)), None),
        (
            o.country,
            _rec(countries=("ae",)),
            _rec(countries=("ae", "ly")),
            ("ae", "ae", o.COUNTRY_SAME),
        ),
        (
            o.country,
            _rec(countries=("ae",)),
            _rec(countries=("tr",)),
            ("ae", "tr", o.COUNTRY_OTHER),
        ),
        (o.country, _rec(countries=("ae",)), _rec(), None),
        (
            o.address,
            _rec(addresses=("Sheikh Zayed Road 1, Dubai",)),
            _rec(addresses=("Via Roma 5, Palermo", "sheikh zayed road 1 dubai")),
            ("Sheikh Zayed Road 1, Dubai", "sheikh zayed road 1 dubai", o.ADDRESS_LEVELS[0][1]),
        ),
        (
            o.address,
            _rec(addresses=("Sheikh Zayed Road 1, Dubai",)),
            _rec(addresses=("Via Roma 5, Palermo",)),
            ("Sheikh Zayed Road 1, Dubai", "Via Roma 5, Palermo", o.ADDRESS_LEVELS[-1][1]),
        ),
        (o.address, _rec(addresses=("Via Roma 5, Palermo",)), _rec(), None),
    ],
)
def test_features(
    feature: o.Feature,
    left: OrganizationRecord,
    right: OrganizationRecord,
    expected: tuple[str, str, float] | None,
) -> None:
    reason = feature(left, right)
    if expected is None:
        assert reason is None
        return
    assert reason is not None
    assert (reason.left, reason.right) == expected[:2]
    assert reason.contribution == pytest.approx(expected[2])


@pytest.mark.parametrize(
    ("left", "right", "band"),
    [
        (
            _rec("a", names=("Al Noor Travel Agency LLC",)),
            _rec("b", names=("AL-NOOR TRAVEL AGENCY L.L.C.",)),
            "match",
        ),
        # a short common name alone is not enough
        (_rec("a", names=("Al Noor LLC",)), _rec("b", names=("Al-Noor L.L.C.",)), None),
        # the same name in two jurisdictions, other legal forms: a group's companies
        (
            _rec("a", names=("Noor Trading LLC",), countries=("ae",)),
            _rec("b", names=("Noor Trading S.p.A.",), countries=("it",)),
            None,
        ),
        # one LEI, two spellings
        (
            _rec("a", names=("Noor Trading",), keys={LEI}),
            _rec("b", names=("Nour Trading Co",), keys={LEI}),
            "match",
        ),
        # one phone, other names: a front office, kept as a link
        (
            _rec("a", names=("Blue Sea Shipping",), keys={"phone:+97141234567"}),
            _rec("b", names=("Noor Travel Agency",), keys={"phone:+97141234567"}),
            "link",
        ),
    ],
)
def test_bands(left: OrganizationRecord, right: OrganizationRecord, band: str | None) -> None:
    assert ORGANIZATION.band(o.score(left, right)) == band


def test_reasons_add_up_to_the_score() -> None:
    left = _rec(
        "a",
        names=("Al Noor Travel Agency LLC",),
        countries=("ae",),
        addresses=("Sheikh Zayed Road 1, Dubai",),
        keys={"phone:+97141234567"},
    )
    right = _rec(
        "b",
        names=("AL-NOOR TRAVEL AGENCY L.L.C.",),
        countries=("ae",),
        addresses=("Sheikh Zayed Rd 1, Dubai",),
    )
    result = o.score(left, right)
    assert {r.feature for r in result.reasons} == {"name", "legal_form", "country", "address"}
    logit = math.log(result.score / (1 - result.score))
    assert logit == pytest.approx(o.BIAS + sum(r.contribution for r in result.reasons))


def test_families_by_schema() -> None:
    assert family_of("Company") is ORGANIZATION
    assert family_of("Organization") is ORGANIZATION
    assert family_of("PublicBody") is ORGANIZATION
    assert family_of("LegalEntity") is ORGANIZATION
    assert family_of("Person") is PERSON  # a LegalEntity too, but a person
    assert family_of("Passport") is None


def test_blocking_keys_are_prefixed_and_ignore_legal_forms() -> None:
    left = o.keys(_rec("a", names=("Al Noor Travel Agency LLC",), keys={"phone:+97141234567"}))
    right = o.keys(_rec("b", names=("AL-NOOR TRAVEL AGENCY L.L.C.",)))
    assert "oi:phone:+97141234567" in left
    assert "ow:noortravelagency" in left & right
    assert all(k.startswith(("oi:", "on:", "op:", "ow:")) for k in left | right)


# -- end to end: ingest, cross-check on arrival, stored hits ---------------------------------


def _file(tmp_path: Path, name: str, *entities: dict[str, object]) -> Path:
    path = tmp_path / name
    path.write_bytes(b"".join(orjson.dumps(e) + b"\n" for e in entities))
    return path


def _entity(eid: str, schema: str, **props: list[str]) -> dict[str, object]:
    return {"id": eid, "schema": schema, "properties": props}


def _stored(store: Store) -> dict[frozenset[str], Any]:
    with store.engine.connect() as conn:
        return {frozenset((r.left_id, r.right_id)): r for r in stored_hits(conn)}


def test_two_spellings_of_one_company_from_two_partners_match(store: Store, tmp_path: Path) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(tmp_path, "a.jsonl", _entity("ae-1", "Company", name=["Al Noor Travel Agency LLC"])),
        Defaults(owner="A"),
    )
    ingestor.ingest(
        _file(
            tmp_path,
            "b.jsonl",
            _entity("it-4", "Organization", name=["AL-NOOR TRAVEL AGENCY L.L.C."]),
            _entity("p-1", "Person", name=["Al Noor Travel Agency"]),  # never an organisation
        ),
        Defaults(owner="B"),
    )
    found = _stored(store)
    row = found[frozenset(("ae-1", "it-4"))]
    assert (row.family, row.band) == ("organization", "match")
    assert orjson.loads(row.reasons)[0]["feature"] == "name"
    assert not any("p-1" in pair for pair in found)


def test_an_owned_account_gives_its_iban_to_its_owner(store: Store, tmp_path: Path) -> None:
    iban = "DE89 3704 0044 0532 0130 00"
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(
            tmp_path,
            "one.jsonl",
            _entity("c-1", "Company", name=["Blue Sea Shipping"]),
            _entity("acc-1", "BankAccount", iban=[iban]),
            _entity("own-1", "Ownership", owner=["c-1"], asset=["acc-1"]),
            _entity("c-2", "Company", name=["Noor Travel Agency"]),
            _entity("own-2", "Ownership", owner=["c-2"], asset=["acc-2"]),
        ),
        Defaults(owner="A"),
    )
    assert _stored(store) == {}
    # the second account arrives later, from another partner: its owner is rechecked
    report = ingestor.ingest(
        _file(tmp_path, "two.jsonl", _entity("acc-2", "BankAccount", iban=[iban.replace(" ", "")])),
        Defaults(owner="B"),
    )
    assert report.checked == 1
    row = _stored(store)[frozenset(("c-1", "c-2"))]
    assert row.band == "link"
    assert orjson.loads(row.reasons)[0]["feature"] == "identifier:iban"
    # an ownership of a vessel does not give the vessel's IMO number to its owner
    ingestor.ingest(
        _file(
            tmp_path,
            "three.jsonl",
            _entity("v-1", "Vessel", name=["Sea Falcon"], imoNumber=["9074729"]),
            _entity("own-3", "Ownership", owner=["c-1"], asset=["v-1"]),
            _entity("v-2", "Vessel", name=["Ocean Queen"], imoNumber=["9074729"]),
            _entity("own-4", "Ownership", owner=["c-2"], asset=["v-2"]),
        ),
        Defaults(owner="C"),
    )
    reasons = orjson.loads(_stored(store)[frozenset(("c-1", "c-2"))].reasons)
    assert [r["feature"] for r in reasons if r["feature"].startswith("identifier")] == [
        "identifier:iban"
    ]


def test_a_benign_phone_links_no_organisations(store: Store, tmp_path: Path) -> None:
    listed = tmp_path / "benign.csv"
    listed.write_text("value,kind,reason\n+39 06 1234 5678,phone,NGO switchboard\n")
    Ingestor(store, benign=BenignList.load(listed)).ingest(
        _file(
            tmp_path,
            "ngo.jsonl",
            _entity("n-1", "Organization", name=["Blue Sea Shipping"], phone=["+390612345678"]),
            _entity("n-2", "Organization", name=["Noor Travel Agency"], phone=["0039 06 12345678"]),
        ),
        Defaults(owner="A"),
    )
    assert _stored(store) == {}


def test_mare_match_reads_an_owned_account_in_the_file(store: Store, tmp_path: Path) -> None:
    from mare.match.check import check_file

    iban = "DE89370400440532013000"
    Ingestor(store).ingest(
        _file(
            tmp_path,
            "held.jsonl",
            _entity("c-1", "Company", name=["Blue Sea Shipping"]),
            _entity("acc-1", "BankAccount", iban=[iban]),
            _entity("own-1", "Ownership", owner=["c-1"], asset=["acc-1"]),
        ),
        Defaults(owner="A"),
    )
    query = _file(
        tmp_path,
        "query.jsonl",
        _entity("q-c", "Company", name=["Noor Travel Agency"]),
        _entity("q-own", "Ownership", owner=["q-c"], asset=["q-acc"]),
        _entity("q-acc", "BankAccount", iban=["DE89 3704 0044 0532 0130 00"]),
    )
    hits, _ = check_file(store, query)
    (hit,) = hits
    assert (hit.left.id, hit.right.id, hit.band) == ("q-c", "c-1", "link")
    assert hit.result.reasons[0].feature == "identifier:iban"
