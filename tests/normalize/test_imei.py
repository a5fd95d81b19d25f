"""IMEIs: Luhn check digit; IMEI, IMEI without check digit and IMEISV share a key."""

from __future__ import annotations

import pytest

from mare.normalize import imei

IMEI = "352099001761481"
KEY = "imei:35209900176148"

CASES = [
    # raw, value, valid, key, reason substring
    (IMEI, IMEI, True, KEY, None),
    ("35 209900 176148 1", IMEI, True, KEY, None),
    ("35-209900-176148-1", IMEI, True, KEY, None),
    ("IMEI: 352099001761481", IMEI, True, KEY, None),
    ("IMEI 1: 35 209900 176148 1", IMEI, True, KEY, None),
    ("٣٥٢٠٩٩٠٠١٧٦١٤٨١", IMEI, True, KEY, None),  # Arabic-Indic digits
    ("35209900176148", IMEI, True, KEY, None),  # no check digit: computed
    ("3520990017614823", IMEI, True, KEY, None),  # IMEISV: software version dropped
    ("IMEISV 35 209900 176148 23", IMEI, True, KEY, None),
    ("490154203237518", "490154203237518", True, "imei:49015420323751", None),
    # check digit off by one: invalid but indexed
    ("352099001761482", "352099001761482", False, KEY, "check digit is 2, expected 1"),
    ("352099001761480", "352099001761480", False, KEY, "expected 1"),
    ("3520990017614", "3520990017614", False, None, "not 13"),
    ("35209900176148123", "35209900176148123", False, None, "not 17"),
    ("000000000000000", "000000000000000", False, None, "placeholder"),
    ("004999010640000", "004999010640000", False, None, "placeholder"),  # wiped MediaTek
    ("35209900176148A", "35209900176148A", False, None, "not an IMEI"),
    ("", None, False, None, "not an IMEI"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "key", "reason"), CASES)
def test_clean(
    raw: str, value: str | None, valid: bool, key: str | None, reason: str | None
) -> None:
    cleaned = imei.clean(raw)
    assert cleaned.kind == "imei"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert imei.validate(raw) is valid
    assert cleaned.key == key
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_facts_in_extra() -> None:
    assert imei.clean(IMEI).extra["tac"] == "35209900"
    assert imei.clean("3520990017614823").extra["svn"] == "23"
    assert "svn" not in imei.clean(IMEI).extra


def test_luhn_digit() -> None:
    assert imei.luhn_digit("35209900176148") == 1
    assert imei.luhn_digit("49015420323751") == 8


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        (IMEI, "35209900176148", 1.0),
        (IMEI, "3520990017614823", 1.0),
        (IMEI, "352099001761482", 1.0),  # typo'd check digit, same device digits
        (IMEI, "352099001761499", 0.0),
        ("000000000000000", "000000000000000", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert imei.compare(left, right) == score
