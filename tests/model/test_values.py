"""Which normaliser cleans which property, with hints from the entity."""

from __future__ import annotations

import pytest
from followthemoney import model

from mare.model.values import Hints, clean_value, identifier_keys


def _clean(schema: str, props: dict[str, list[str]], prop: str) -> tuple[bool, str | None]:
    schema_ = model.get(schema)
    assert schema_ is not None
    hints = Hints(schema_, props)
    cleaned = clean_value(schema_.get(prop), props[prop][0], hints)  # type: ignore[arg-type]
    keys = identifier_keys(cleaned)
    return cleaned.valid, keys[0] if keys else None


@pytest.mark.parametrize(
    ("schema", "props", "prop", "valid", "key"),
    [
        # national format read with the entity's country
        (
            "Person",
            {"phone": ["091 234 5678"], "nationality": ["Libya"]},
            "phone",
            True,
            "phone:+218912345678",
        ),
        # nationality is not the phone's country: the next country that fits wins
        (
            "Person",
            {"phone": ["0912 345 6789"], "nationality": ["af"], "country": ["ir"]},
            "phone",
            True,
            "phone:+989123456789",
        ),
        # no country stated: read where the entity's other numbers are
        (
            "Person",
            {"phone": ["070 254 0589", "+93 70 254 0589"]},
            "phone",
            True,
            "phone:+93702540589",
        ),
        # ...after the stated countries under which it does not read
        (
            "Person",
            {
                "phone": ["0912 345 6789", "+93 70 254 0589", "+98 912 345 6780"],
                "nationality": ["af"],
            },
            "phone",
            True,
            "phone:+989123456789",
        ),
        # nothing to read it by: kept, invalid, unkeyed
        ("Person", {"phone": ["070 254 0589"]}, "phone", False, None),
        (
            "Passport",
            {"number": ["a 1234567"], "country": ["EGY"]},
            "number",
            True,
            "document:eg:A1234567",
        ),
        (
            "Person",
            {"passportNumber": ["P0479512"], "nationality": ["Syria"]},
            "passportNumber",
            True,
            "document:sy:P0479512",
        ),
        (
            "Identification",
            {"number": ["35-209900-176148-1"], "type": ["IMEI"]},
            "number",
            True,
            "imei:35209900176148",
        ),
        ("Vessel", {"imoNumber": ["IMO 9074729"]}, "imoNumber", True, "imo:9074729"),
        ("Vessel", {"mmsi": ["642122000"]}, "mmsi", True, "mmsi:642122000"),
        (
            "Vessel",
            {"registrationNumber": ["AG-1-2345"], "flag": ["Morocco"]},
            "registrationNumber",
            True,
            "vesselreg:ma:AG12345",
        ),
        (
            "UserAccount",
            {"username": ["@Safe_Trip"], "service": ["Telegram"]},
            "username",
            True,
            "account:telegram:safe_trip",
        ),
        (
            "BankAccount",
            {"accountNumber": ["GB82 WEST 1234 5698 7654 32"]},
            "accountNumber",
            True,
            "iban:GB82WEST12345698765432",
        ),
        ("BankAccount", {"accountNumber": ["0532013000"]}, "accountNumber", True, None),
        # a company's register number is not a travel document
        ("Company", {"idNumber": ["HRB 12345"]}, "idNumber", True, None),
        # dates and countries are normalised but never identifier keys
        ("Person", {"birthDate": ["12.05.1987"]}, "birthDate", True, None),
        ("Person", {"nationality": ["Syrie"]}, "nationality", True, None),
        ("Person", {"birthDate": ["31.02.1987"]}, "birthDate", False, None),
        # followthemoney's own type check for the rest
        ("Person", {"gender": ["robot"]}, "gender", False, None),
    ],
)
def test_property_cleaning(
    schema: str, props: dict[str, list[str]], prop: str, valid: bool, key: str | None
) -> None:
    assert _clean(schema, props, prop) == (valid, key)


def test_a_document_number_is_also_keyed_without_its_country() -> None:
    schema = model.get("Passport")
    assert schema is not None
    with_country = clean_value(
        schema.get("number"),  # type: ignore[arg-type]
        "N0012345",
        Hints(schema, {"number": ["N0012345"], "country": ["SY"]}),
    )
    without = clean_value(
        schema.get("number"),  # type: ignore[arg-type]
        "N 0012345",
        Hints(schema, {"number": ["N 0012345"]}),
    )
    assert identifier_keys(with_country) == ("document:sy:N0012345", "docnum:N0012345")
    assert identifier_keys(without) == ("document:zz:N0012345", "docnum:N0012345")
    placeholder = clean_value(
        schema.get("number"),  # type: ignore[arg-type]
        "000000000",
        Hints(schema, {"number": ["000000000"]}),
    )
    assert identifier_keys(placeholder) == ("document:zz:000000000",)  # no bare placeholder key


# ICAO Doc 9303's specimen passport (Utopia) and its data page
SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def _passport_description(
    text: str, **props: list[str]
) -> tuple[bool, str | None, tuple[str, ...]]:
    schema = model.get("Passport")
    assert schema is not None
    values = {"description": [text], **props}
    cleaned = clean_value(schema.get("description"), text, Hints(schema, values))
    return cleaned.valid, cleaned.reason, identifier_keys(cleaned)


@pytest.mark.parametrize(
    ("text", "props", "valid", "reason", "key"),
    [
        # the MRZ agrees with itself and its data page: keyed as the document
        (SPECIMEN, {"number": ["L898902C3"], "birthDate": ["1974-08-12"]}, True, None, "L898902C3"),
        # the data page's number written with its label, as partners do
        (SPECIMEN, {"number": ["No. L898902C3"]}, True, None, "L898902C3"),
        # a check digit the forger got wrong
        (
            SPECIMEN.replace("C36UTO", "C35UTO"),
            {},
            False,
            "document number check digit",
            "L898902C3",
        ),
        # the data page's number altered after the MRZ was printed: the MRZ's is keyed
        (
            SPECIMEN,
            {"number": ["L898902C4"]},
            False,
            "the MRZ holds document number L898902C3",
            "L898902C3",
        ),
        (
            SPECIMEN,
            {"birthDate": ["1975-08-12"]},
            False,
            "the MRZ holds birth date 1974-08-12",
            "L898902C3",
        ),
        # free text is free text, even with filler characters in it
        ("issued at Tripoli <<stamp>>", {}, True, None, None),
    ],
)
def test_a_passports_mrz_is_checked_against_itself_and_its_data_page(
    text: str, props: dict[str, list[str]], valid: bool, reason: str | None, key: str | None
) -> None:
    found_valid, found_reason, keys = _passport_description(text, **props)
    assert found_valid is valid
    if reason is None:
        assert found_reason is None
    else:
        assert found_reason is not None and reason in found_reason
    if key is None:
        assert keys == ()
    else:
        assert any(k.startswith("document:") and k.endswith(f":{key}") for k in keys)


def test_an_unreadable_mrz_is_kept_and_flagged() -> None:
    lines = SPECIMEN.split("\n")
    valid, reason, keys = _passport_description(lines[0] + "\n" + lines[1][:30] + "<" * 30)
    assert not valid and reason is not None and "MRZ" in reason and keys == ()


def test_a_description_of_another_schema_is_free_text() -> None:
    schema = model.get("Person")
    assert schema is not None
    cleaned = clean_value(schema.get("description"), SPECIMEN, Hints(schema, {}))
    assert cleaned.valid and cleaned.kind == "text" and identifier_keys(cleaned) == ()
