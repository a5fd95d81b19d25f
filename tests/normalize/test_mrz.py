"""ICAO 9303 MRZs: the ICAO specimens, forged variants, OCR noise and broken structure."""

from __future__ import annotations

from datetime import date

import pytest

from mare.errors import RecordError
from mare.normalize import mrz

# ICAO Doc 9303 specimens (Utopia, Anna Maria Eriksson); digits verified.
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TD2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6"
MRVA = "VIUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<"
# German passport specimen (Erika Mustermann): issuing state "D".
DE_TD3 = (
    "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\nC01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"
)
# TD1 with a 12-character document number continued in the optional data.
TD1_LONG = (
    "I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)
TODAY = date(2025, 1, 1)


def _set(text: str, line: int, index: int, char: str) -> str:
    """``text`` with the character at ``index`` of line ``line`` (0-based) replaced."""
    lines = text.split("\n")
    lines[line] = lines[line][:index] + char + lines[line][index + 1 :]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L898902C3", 6),
        ("740812", 2),
        ("120415", 9),
        ("ZE184226B<<<<<", 1),
        ("D23145890", 7),
        ("L898902C3<", 6),
        ("<<<<<<", 0),
        ("", 0),
    ],
)
def test_check_digit(text: str, expected: int) -> None:
    assert mrz.check_digit(text) == expected


def test_check_digit_rejects_other_characters() -> None:
    with pytest.raises(ValueError):
        mrz.check_digit("L8989-02")


SPECIMENS = [
    # text, format, code, number, optional data, checks
    (TD3, "TD3", "P", "L898902C3", ("ZE184226B",), 5),
    (TD1, "TD1", "I", "D23145890", ("", ""), 4),
    (TD2, "TD2", "I", "D23145890", ("",), 4),
    (MRVA, "MRVA", "VI", "L8988901C", ("6ZE184226B",), 3),
    (TD1_LONG, "TD1", "I", "D23145890123", ("", ""), 4),
]


@pytest.mark.parametrize(("text", "fmt", "code", "number", "optional", "checks"), SPECIMENS)
def test_specimens(
    text: str, fmt: str, code: str, number: str, optional: tuple[str, ...], checks: int
) -> None:
    m = mrz.parse(text, today=TODAY)
    assert m.format == fmt
    assert m.document_code == code
    assert m.issuing_state == "UTO"
    assert m.issuing_country is None  # Utopia is no country
    assert m.surname == "ERIKSSON"
    assert m.given_names == "ANNA MARIA"
    assert m.document_number == number
    assert m.sex == "F"
    assert m.optional_data == optional
    assert len(m.checks) == checks
    assert all(m.checks.values())
    assert m.valid is True
    assert m.errors == []


def test_specimen_dates_and_nationality() -> None:
    m = mrz.parse(TD3, today=TODAY)
    assert (m.birth_date, m.expiry_date) == ("1974-08-12", "2012-04-15")
    assert m.nationality == "UTO" and m.nationality_country is None
    visa = mrz.parse(MRVA, today=TODAY)
    assert visa.birth_date == "1940-09-07"
    assert visa.expiry_date == "1996-12-10"  # 2096 is too far ahead for an expiry
    assert visa.nationality == "XXX"


def test_german_specimen() -> None:
    m = mrz.parse(DE_TD3, today=TODAY)
    assert m.valid
    assert (m.issuing_state, m.issuing_country) == ("D", "de")
    assert (m.nationality, m.nationality_country) == ("D", "de")
    assert (m.surname, m.given_names) == ("MUSTERMANN", "ERIKA")
    assert (m.birth_date, m.expiry_date) == ("1964-08-12", "2027-02-28")


NUMBER, BIRTH, EXPIRY, OPTIONAL, COMPOSITE = (
    "document_number",
    "birth_date",
    "expiry_date",
    "optional_data",
    "composite",
)
FORGED = [
    # text, failed checks, error substring
    (_set(TD3, 1, 9, "4"), {NUMBER, COMPOSITE}, "document number check digit is 4, expected 6"),
    (_set(TD3, 1, 19, "3"), {BIRTH, COMPOSITE}, "birth date check digit is 3, expected 2"),
    (_set(TD3, 1, 27, "0"), {EXPIRY, COMPOSITE}, "expiry date check digit is 0, expected 9"),
    (_set(TD3, 1, 42, "2"), {OPTIONAL, COMPOSITE}, "optional data check digit is 2, expected 1"),
    (_set(TD3, 1, 43, "7"), {COMPOSITE}, "composite check digit is 7, expected 0"),
    # an altered number or date with its old check digit
    (_set(TD3, 1, 3, "9"), {NUMBER, COMPOSITE}, "document number check digit is 6, expected 3"),
    (_set(TD3, 1, 15, "5"), {BIRTH, COMPOSITE}, "birth date check digit is 2, expected"),
    (_set(TD1, 0, 14, "1"), {NUMBER, COMPOSITE}, "document number check digit is 1, expected 7"),
    (_set(TD1, 1, 6, "0"), {BIRTH, COMPOSITE}, "birth date check digit is 0, expected 2"),
    (_set(TD1, 1, 29, "5"), {COMPOSITE}, "composite check digit is 5, expected 6"),
    (_set(TD2, 1, 9, "8"), {NUMBER, COMPOSITE}, "document number check digit is 8, expected 7"),
    (_set(TD2, 1, 35, "9"), {COMPOSITE}, "composite check digit is 9, expected 6"),
    (_set(MRVA, 1, 9, "5"), {NUMBER}, "document number check digit is 5, expected 4"),
    (_set(TD1_LONG, 0, 18, "4"), {NUMBER, COMPOSITE}, "check digit is 4, expected 3"),
]


@pytest.mark.parametrize(("text", "failed", "error"), FORGED)
def test_forged(text: str, failed: set[str], error: str) -> None:
    m = mrz.parse(text, today=TODAY)
    assert {name for name, ok in m.checks.items() if not ok} == failed
    assert m.valid is False
    assert any(error in e for e in m.errors), m.errors


@pytest.mark.parametrize(
    "text",
    [
        TD3.lower(),
        TD3.replace("<", "«"),
        TD3.replace("<", " "),  # spaces for fillers, trailing ones too
        f"\n\n   {TD3}   \n\n",
        TD3.replace("\n", "\r\n"),
        TD3.replace("\n", ""),  # both lines run together
    ],
)
def test_tolerated_noise(text: str) -> None:
    m = mrz.parse(text, today=TODAY)
    assert m.valid, m.errors
    assert m.document_number == "L898902C3"
    assert m.lines == tuple(TD3.split("\n"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (TD3[:-1], "2 lines of 44/43 characters"),
        (TD3.split("\n")[0], "1 lines of 44 characters"),
        (TD1 + "\n" + TD1.split("\n")[0], "4 lines"),
        ("P<UTO\nL898902C3", "expected 3×30"),
        ("", "0 lines"),
        (_set(TD3, 1, 3, "%"), "line 2 position 4: invalid character '%'"),
        (_set(TD1, 2, 0, "É"), "line 3 position 1: invalid character 'É'"),
    ],
)
def test_malformed(text: str, reason: str) -> None:
    with pytest.raises(RecordError) as caught:
        mrz.parse(text, today=TODAY)
    assert caught.value.field == "mrz"
    assert reason in caught.value.reason


def test_structure_errors_invalidate() -> None:
    m = mrz.parse(_set(TD3, 1, 20, "Q"), today=TODAY)  # sex is outside the composite
    assert all(m.checks.values())
    assert m.sex is None
    assert m.valid is False
    assert "sex 'Q' is not M, F, X or <" in m.errors
    wrong_code = mrz.parse(_set(TD3, 0, 0, "I"), today=TODAY)
    assert wrong_code.valid is False
    assert any("should start with P" in e for e in wrong_code.errors)


def _with_birth(yymmdd: str) -> str:
    """The TD3 specimen with another birth date and correct check digits."""
    top, low = TD3.split("\n")
    low = low[:13] + yymmdd + str(mrz.check_digit(yymmdd)) + low[20:]
    low = low[:43] + str(mrz.check_digit(low[0:10] + low[13:20] + low[21:43]))
    return top + "\n" + low


@pytest.mark.parametrize(
    ("yymmdd", "today", "expected"),
    [
        ("150101", date(2025, 1, 1), "2015-01-01"),
        ("150101", date(2010, 1, 1), "1915-01-01"),
        ("250102", date(2025, 1, 1), "1925-01-02"),  # tomorrow would be in the future
        ("741212", date(2025, 1, 1), "1974-12-12"),
        ("7408<<", date(2025, 1, 1), "1974-08"),  # unknown day
        ("74<<<<", date(2025, 1, 1), "1974"),  # unknown month and day
        ("<<<<<<", date(2025, 1, 1), None),
    ],
)
def test_birth_century(yymmdd: str, today: date, expected: str | None) -> None:
    m = mrz.parse(_with_birth(yymmdd), today=today)
    assert m.checks["birth_date"] and m.checks["composite"]
    assert m.birth_date == expected


def test_impossible_birth_date() -> None:
    m = mrz.parse(_with_birth("741332"), today=TODAY)
    assert m.birth_date is None
    assert m.valid is False
    assert "birth date 741332 is not a date" in m.errors


def test_to_cleaned_valid() -> None:
    cleaned = mrz.to_cleaned(mrz.parse(DE_TD3, today=TODAY))
    assert cleaned.kind == "document"
    assert cleaned.valid
    assert cleaned.value == "C01X00T47"
    assert cleaned.key == "document:de:C01X00T47"
    assert cleaned.extra["type"] == "passport"
    assert cleaned.extra["mrz_format"] == "TD3"


def test_to_cleaned_forged_still_keyed() -> None:
    forged = _set(DE_TD3, 1, 9, "1")
    cleaned = mrz.to_cleaned(mrz.parse(forged, today=TODAY))
    assert cleaned.valid is False
    assert cleaned.key == "document:de:C01X00T47"  # a forgery must still cross-check
    assert cleaned.reason is not None
    assert "document number check digit is 1, expected 8" in cleaned.reason
    assert cleaned.extra["failed_checks"] == "document_number,composite"


def test_to_cleaned_unknown_state() -> None:
    cleaned = mrz.to_cleaned(mrz.parse(TD1, today=TODAY))
    assert cleaned.key == "document:zz:D23145890"
    assert cleaned.extra["type"] == "id_card"
