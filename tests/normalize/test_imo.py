"""IMO ship numbers: seven digits with a weighted check digit."""

from __future__ import annotations

import pytest

from mare.normalize import imo

CASES = [
    # raw, value, valid, key, reason substring
    ("IMO 9074729", "IMO9074729", True, "imo:9074729", None),
    ("IMO9074729", "IMO9074729", True, "imo:9074729", None),
    ("9074729", "IMO9074729", True, "imo:9074729", None),
    ("imo: 907-4729", "IMO9074729", True, "imo:9074729", None),
    ("IMO No. 9074729", "IMO9074729", True, "imo:9074729", None),
    ("IMO ٩٠٧٤٧٢٩", "IMO9074729", True, "imo:9074729", None),  # Arabic-Indic digits
    ("۹۰۷۴۷۲۹", "IMO9074729", True, "imo:9074729", None),  # Persian digits
    ("IMO 9176187", "IMO9176187", True, "imo:9176187", None),
    # check digit off by one: invalid but indexed
    ("IMO 9074728", "IMO9074728", False, "imo:9074728", "IMO check digit is 8, expected 9"),
    ("9074720", "IMO9074720", False, "imo:9074720", "expected 9"),
    ("907472", "907472", False, None, "7 digits, not 6"),
    ("90747290", "90747290", False, None, "7 digits, not 8"),
    ("IMO 0000000", "IMO0000000", False, None, "placeholder"),  # passes the check digit
    ("1234567", "IMO1234567", False, None, "placeholder"),  # passes the check digit
    ("Sea Falcon", "SeaFalcon", False, None, "not an IMO"),
    ("", None, False, None, "not an IMO"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "key", "reason"), CASES)
def test_clean(
    raw: str, value: str | None, valid: bool, key: str | None, reason: str | None
) -> None:
    cleaned = imo.clean(raw)
    assert cleaned.kind == "imo"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert imo.validate(raw) is valid
    assert cleaned.key == key
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_check_digit() -> None:
    # 9*7 + 0*6 + 7*5 + 4*4 + 7*3 + 2*2 = 139 -> 9
    assert imo.check_digit("907472") == 9


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("IMO 9074729", "9074729", 1.0),
        ("IMO 9074729", "IMO ٩٠٧٤٧٢٩", 1.0),
        ("IMO 9074729", "IMO 9074728", 0.0),
        ("0000000", "0000000", 0.0),  # placeholders never match
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert imo.compare(left, right) == score
