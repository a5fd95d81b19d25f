"""IBANs: compact upper-case form, check digits and country formats via schwifty."""

from __future__ import annotations

import pytest

from mare.normalize import iban

DE = "DE89370400440532013000"
GB = "GB82WEST12345698765432"

CASES = [
    # raw, value, valid, key, reason substring
    (DE, DE, True, f"iban:{DE}", None),
    ("DE89 3704 0044 0532 0130 00", DE, True, f"iban:{DE}", None),
    ("de89370400440532013000", DE, True, f"iban:{DE}", None),
    ("IBAN DE89 3704 0044 0532 0130 00", DE, True, f"iban:{DE}", None),
    ("IBAN: de89-3704-0044-0532-0130-00", DE, True, f"iban:{DE}", None),
    ("DE٨٩٣٧٠٤٠٠٤٤٠٥٣٢٠١٣٠٠٠", DE, True, f"iban:{DE}", None),
    ("IBAN NO93 8601 1117 947", "NO9386011117947", True, "iban:NO9386011117947", None),
    ("IBAN No.: NO93 8601 1117 947", "NO9386011117947", True, None, None),
    ("IBAN no: DE89370400440532013000", DE, True, None, None),  # Arabic-Indic digits
    (GB, GB, True, f"iban:{GB}", None),
    ("gb82 west 1234 5698 7654 32", GB, True, f"iban:{GB}", None),
    ("FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189", True, None, None),
    ("LY83 0020 4800 0020 1001 2036 1", "LY83002048000020100120361", True, None, None),
    # check digits off by one: invalid, still indexed
    (
        "DE89370400440532013001",
        "DE89370400440532013001",
        False,
        "iban:DE89370400440532013001",
        "expected 62",
    ),
    (
        "DE88370400440532013000",
        "DE88370400440532013000",
        False,
        "iban:DE88370400440532013000",
        "check digits are 88, expected 89",
    ),
    ("GB83WEST12345698765432", "GB83WEST12345698765432", False, None, "expected 82"),
    ("DE8937040044053201300", "DE8937040044053201300", False, None, "22 characters, not 21"),
    ("XX89370400440532013000", "XX89370400440532013000", False, None, "XX"),
    ("GB82WEST1234569876543X", "GB82WEST1234569876543X", False, None, "format"),
    ("hello world", "HELLOWORLD", False, None, "not an IBAN"),
    ("", None, False, None, "not an IBAN"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "key", "reason"), CASES)
def test_clean(
    raw: str, value: str | None, valid: bool, key: str | None, reason: str | None
) -> None:
    cleaned = iban.clean(raw)
    assert cleaned.kind == "iban"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert iban.validate(raw) is valid
    if key is not None:
        assert cleaned.key == key
    if valid:
        assert cleaned.key == f"iban:{value}"
        assert cleaned.reason is None
    else:
        assert cleaned.reason
        if reason:
            assert reason in cleaned.reason


def test_every_ibanlike_value_has_a_key_and_garbage_none() -> None:
    assert iban.clean("DE8937040044053201300").key == "iban:DE8937040044053201300"
    assert iban.clean("hello world").key is None


def test_expected_check_digits_are_right() -> None:
    assert iban.validate("DE62370400440532013001")  # the digits the reason proposed


def test_facts_in_extra() -> None:
    de = iban.clean(DE).extra
    assert de["country"] == "de"
    assert de["bank_code"] == "37040044"
    assert de["bic"] == "COBADEFFXXX"
    gb = iban.clean(GB).extra
    assert (gb["country"], gb["bank_code"], gb["branch_code"]) == ("gb", "WEST", "123456")
    assert iban.clean("LY83002048000020100120361").extra["country"] == "ly"


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        (DE, "de89 3704 0044 0532 0130 00", 1.0),
        (DE, "DE00370400440532013000", 0.9),  # same account, check digits typo'd
        (DE, GB, 0.0),
        (DE, "DE89370400440532013001", 0.0),
        ("hello", "hello", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert iban.compare(left, right) == pytest.approx(score)
