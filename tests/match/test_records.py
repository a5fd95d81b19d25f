"""Matcher records from statement rows: what each family's builder keeps."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mare.match.records import address_record, build, organization_record, vessel_record


class Row(NamedTuple):
    prop: str
    value: str
    norm: str | None = None
    valid: bool = True


def test_vessel_record() -> None:
    rows = [
        Row("name", "M/V Sea Star"),
        Row("previousName", "Blue Bird"),
        Row("name", "unknown", valid=False),  # a placeholder is no name
        Row("flag", "Italy", "it"),
        Row("flag", "Atlantis", None, valid=False),
        Row("pastFlags", "Panama", "pa"),
        Row("type", "Fishing vessel"),
        Row("buildDate", "1998", "1998"),
        Row("grossRegisteredTonnage", "1,234 GT"),
        Row("deadweightTonnage", "2.345,5"),
        Row("registrationNumber", "PA 1234"),
        Row("registrationNumber", "n/a"),
    ]
    record = vessel_record("v", rows, ["imo:9074729"])
    assert record.names == ("M/V Sea Star", "Blue Bird")
    assert (record.flags, record.past_flags) == (("it",), ("pa",))
    assert record.types == ("Fishing vessel",)
    assert record.build_years == ("1998",)
    assert (record.gross_tonnages, record.deadweights) == ((1234.0,), (2345.5,))
    assert record.keys == {"imo:9074729", "registration:PA1234"}


def test_organization_record() -> None:
    rows = [
        Row("name", "Al Noor Travel Agency LLC"),
        Row("alias", "Al Noor Travel"),
        Row("jurisdiction", "UAE", "ae"),
        Row("country", "ae", "ae"),
        Row("mainCountry", "Libya", "ly"),
        Row("address", "Sheikh Zayed Road 1, Dubai"),
        Row("registrationNumber", "CN-123456"),
        Row("taxNumber", "100 234 567 800 003"),
        Row("leiCode", "5493001KJTIIGC8Y1R12"),
        Row("leiCode", "12345"),  # not 20 characters: not an LEI
    ]
    record = organization_record("o", rows, ["phone:+97141234567"])
    assert record.names == ("Al Noor Travel Agency LLC", "Al Noor Travel")
    assert record.countries == ("ae", "ly")
    assert record.addresses == ("Sheikh Zayed Road 1, Dubai",)
    assert record.keys == {
        "phone:+97141234567",
        "registration:CN123456",
        "tax:100234567800003",
        "lei:5493001KJTIIGC8Y1R12",
    }


@pytest.mark.parametrize(
    ("rows", "texts", "countries"),
    [
        ([Row("full", "Via Roma 5, Palermo, Italy")], ("Via Roma 5, Palermo, Italy",), ("it",)),
        ([Row("full", "Via Roma 5, Palermo")], ("Via Roma 5, Palermo",), ()),  # no country
        (
            [Row("full", "Via Roma 5, Palermo, Italy"), Row("country", "Tunisia", "tn")],
            ("Via Roma 5, Palermo, Italy",),
            ("tn",),  # a given country wins over the one written
        ),
        (
            [
                Row("street", "Via Roma 5"),
                Row("postalCode", "90100"),
                Row("city", "Palermo"),
                Row("country", "Italy", "it"),
            ],
            ("Via Roma 5, 90100, Palermo, Italy",),
            ("it",),
        ),
    ],
)
def test_address_record(
    rows: list[Row], texts: tuple[str, ...], countries: tuple[str, ...]
) -> None:
    record = address_record("a", rows, [])
    assert (record.texts, record.countries) == (texts, countries)


def test_address_parts_and_place_ids() -> None:
    rows = [
        Row("full", "Flat 2, 10 Downing St, London"),
        Row("postalCode", "sw1a 2aa"),
        Row("city", "London"),
        Row("osmId", "1879842"),
    ]
    record = address_record("a", rows, [])
    assert record.postal_codes == ("SW1A2AA",)
    assert record.cities == ("London",)
    assert record.keys == {"place:osm:1879842"}


def test_build_picks_the_family_by_schema() -> None:
    rows = [Row("name", "Sea Star")]
    assert type(build("Vessel", "x", rows, [])).__name__ == "VesselRecord"
    assert type(build("Company", "x", rows, [])).__name__ == "OrganizationRecord"
    assert type(build("LegalEntity", "x", rows, [])).__name__ == "OrganizationRecord"
    assert type(build("Person", "x", rows, [])).__name__ == "PersonRecord"
    assert type(build("Address", "x", [Row("full", "Via Roma 5")], [])).__name__ == "AddressRecord"
    assert build("Passport", "x", rows, []) is None


class Statement(NamedTuple):
    prop: str
    value: str
    norm: str | None = None
    valid: bool = True
    category: str | None = None


@pytest.mark.parametrize(
    ("rows", "label"),
    [
        # a number saved in a seized phone: a contact with a name and a phone
        ([Statement("name", "Mohammed Tobruk", category="contact")], True),
        # a contact whose birth date is known was identified: its name is a name
        (
            [
                Statement("name", "Mohammed Awad", category="contact"),
                Statement("birthDate", "1974-08-22", "1974-08-22", category="contact"),
            ],
            False,
        ),
        ([Statement("name", "Mohammed Awad", category="suspect")], False),
        ([Statement("name", "Mohammed Awad")], False),  # no category given
        ([Statement("phone", "+218925215728", category="contact")], False),  # no name
    ],
)
def test_a_contact_without_a_birth_date_is_a_label(rows: list[Statement], label: bool) -> None:
    record = build("Person", "x", rows, [])
    assert record is not None and record.label is label
