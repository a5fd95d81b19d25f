"""Phone numbers: E.164 from international, national and foreign-script input."""

from __future__ import annotations

import pytest

from mare.normalize import phone

LY = "+218912345678"

CASES = [
    # raw, country hint, value, valid, reason substring
    ("+218 91 234 5678", None, LY, True, None),
    ("00218 91 234 5678", None, LY, True, None),
    ("٠٠٢١٨٩١٢٣٤٥٦٧٨", None, LY, True, None),  # Arabic-Indic digits
    ("+٢١٨-٩١-٢٣٤-٥٦٧٨", None, LY, True, None),
    ("091-2345678", "ly", LY, True, None),  # national format with a hint
    ("091 234 5678", "LY", LY, True, None),  # hint in any case
    ("218912345678", None, LY, True, None),  # country code without + or 00
    ("(+218) 91 234 5678", None, LY, True, None),
    ("+00218912345678", None, LY, True, None),
    ("tel:+218-91-234-5678", None, LY, True, None),
    ("۰۹۱۲۳۴۵۶۷۸۹", "ir", "+989123456789", True, None),  # Persian digits
    ("0098 912 345 6789", None, "+989123456789", True, None),
    ("+49 176 12345678", None, "+4917612345678", True, None),
    ("+49 (0)176 12345678", None, "+4917612345678", True, None),
    ("0176 12345678", "de", "+4917612345678", True, None),
    ("0049 176 12345678", "us", "+4917612345678", True, None),  # 00 where the IDD is 011
    ("011 49 176 12345678", "us", "+4917612345678", True, None),  # the region's own IDD
    ("+20 100 123 4567", None, "+201001234567", True, None),
    ("+216 20 123 456", None, "+21620123456", True, None),
    ("0912345678", "uk", None, False, None),  # UK hint means GB; not a GB number
    ("+218 12", None, "+21812", False, "too short"),
    ("+218 91 234 56789 12", None, "+2189123456789" + "12", False, "+218"),
    ("+999 123 4567", None, "+9991234567", False, "country code"),
    ("0912345678", None, "0912345678", False, "no country"),
    ("not a phone", None, None, False, "digits"),
    ("", None, None, False, None),
]


@pytest.mark.parametrize(("raw", "country", "value", "valid", "reason"), CASES)
def test_clean(
    raw: str, country: str | None, value: str | None, valid: bool, reason: str | None
) -> None:
    cleaned = phone.clean(raw, country)
    assert cleaned.kind == "phone"
    assert cleaned.original == raw
    if value is not None:
        assert cleaned.value == value
    assert cleaned.valid is valid
    assert phone.validate(raw, country) is valid
    if valid:
        assert cleaned.reason is None
        assert cleaned.key == f"phone:{value}"
    else:
        assert cleaned.reason
        if reason:
            assert reason in cleaned.reason


@pytest.mark.parametrize(
    ("raw", "country", "key"),
    [
        ("+218 12", None, "phone:+21812"),  # parseable but invalid: still indexed
        ("+218 11 234 5678", None, "phone:+218112345678"),
        ("0912345678", None, None),  # country unknown: no key
        ("not a phone", None, None),
        ("+999 123 4567", None, None),
    ],
)
def test_invalid_numbers_keep_a_key_when_parseable(
    raw: str, country: str | None, key: str | None
) -> None:
    cleaned = phone.clean(raw, country)
    assert not cleaned.valid
    assert cleaned.key == key


def test_facts_in_extra() -> None:
    cleaned = phone.clean("٠٠٢١٨٩١٢٣٤٥٦٧٨")
    assert cleaned.extra["region"] == "ly"
    assert cleaned.extra["type"] == "mobile"
    assert cleaned.extra["country_code"] == "218"
    fixed = phone.clean("030 1234567", "de")
    assert (fixed.value, fixed.extra["type"], fixed.extra["region"]) == (
        "+49301234567",
        "fixed_line",
        "de",
    )


def test_extension_goes_to_extra() -> None:
    for raw in ("+49 30 1234567 ext. 89", "tel:+49-30-1234567;ext=89"):
        cleaned = phone.clean(raw)
        assert cleaned.value == "+49301234567"
        assert cleaned.key == "phone:+49301234567"
        assert cleaned.extra["extension"] == "89"


def test_number_without_plus_is_marked() -> None:
    assert "note" in phone.clean("218912345678").extra
    assert "note" not in phone.clean("+218912345678").extra


def test_unknown_hint_is_ignored() -> None:
    assert phone.clean("+218912345678", "zz").value == LY
    assert phone.clean("0912345678", "Libya").key is None  # hints are alpha-2 codes


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("+218 91 234 5678", "٠٠٢١٨٩١٢٣٤٥٦٧٨", 1.0),
        ("+218 91 234 5678", "218912345678", 1.0),
        ("+218 91 234 5678", "091 234 5678", 0.9),  # national number, country unknown
        ("091 234 5678", "+218 91 234 5678", 0.9),
        ("0912345678", "091-234-5678", 0.9),  # both without country
        ("+218 91 234 5678", "+218 92 555 0101", 0.0),
        ("+218 91 234 5678", "+216 91 234 567", 0.0),
        ("+218 91 234 5678", "0923456789", 0.0),
        ("not a phone", "not a phone", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert phone.compare(left, right) == pytest.approx(score)
