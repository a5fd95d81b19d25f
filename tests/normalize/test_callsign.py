"""Radio call signs: upper case, no separators, 3 to 7 letters and digits."""

from __future__ import annotations

import pytest

from mare.normalize import callsign

CASES = [
    # raw, value, valid, country, reason substring
    ("5AFT", "5AFT", True, "ly", None),
    ("5aft", "5AFT", True, "ly", None),
    ("9HA 1234", "9HA1234", True, "mt", None),
    ("9HA-1234", "9HA1234", True, "mt", None),
    ("Call sign: 9HA1234", "9HA1234", True, "mt", None),
    ("IBCD", "IBCD", True, "it", None),  # Italian ship call signs are all letters
    ("TCAB2", "TCAB2", True, "tr", None),
    ("SVAB", "SVAB", True, "gr", None),
    ("V7AB2", "V7AB2", True, "mh", None),
    ("3EAB5", "3EAB5", True, "pa", None),
    ("DABC", "DABC", True, "de", None),
    ("5A٢٣", "5A23", True, "ly", None),  # Arabic-Indic digits
    ("ZZZ9", "ZZZ9", True, None, None),  # series not in the small table: still valid
    ("AB", "AB", False, None, "3 to 7"),
    ("9HA12345", "9HA12345", False, None, "3 to 7"),
    ("12345", "12345", False, None, "letter"),
    ("5A*FT", "5A*FT", False, None, "letters and digits"),
    ("", None, False, None, "empty"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "country", "reason"), CASES)
def test_clean(
    raw: str, value: str | None, valid: bool, country: str | None, reason: str | None
) -> None:
    cleaned = callsign.clean(raw)
    assert cleaned.kind == "callsign"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert callsign.validate(raw) is valid
    assert cleaned.key == (f"callsign:{value}" if valid else None)
    assert cleaned.extra.get("country") == country
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("9HA1234", "9ha-1234", 1.0),
        ("5AFT", "5 A F T", 1.0),
        ("5AFT", "5AFU", 0.0),
        ("AB", "AB", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert callsign.compare(left, right) == score
