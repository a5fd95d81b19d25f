"""Travel and identity document numbers keyed by issuing country."""

from __future__ import annotations

import pytest

from mare.normalize import document

CASES = [
    # number, country, doc_type, value, valid, key, reason substring
    ("C01X00T47", "de", None, "C01X00T47", True, "document:de:C01X00T47", None),
    ("c01x 00t47", "Germany", None, "C01X00T47", True, "document:de:C01X00T47", None),
    ("C01X-00T47", "DEU", None, "C01X00T47", True, "document:de:C01X00T47", None),
    ("C01X00T47<<", "D<<", None, "C01X00T47", True, "document:de:C01X00T47", None),
    ("C01X.00T47", "Deutschland", None, "C01X00T47", True, "document:de:C01X00T47", None),
    ("No. N0123987", "سوريا", None, "N0123987", True, "document:sy:N0123987", None),
    ("№ ٤٥٦٧٨٩١٢", "SYR", None, "45678912", True, "document:sy:45678912", None),
    ("P۱۲۳۴۵۷۸", "افغانستان", None, "P1234578", True, "document:af:P1234578", None),
    ("Р0479512", "Россия", None, "P0479512", True, "document:ru:P0479512", None),  # Cyrillic Р
    ("AB1234987", None, None, "AB1234987", True, "document:zz:AB1234987", None),
    ("AB1234987", "Atlantis", None, "AB1234987", True, "document:zz:AB1234987", None),
    ("AB1234987", "UNO", None, "AB1234987", True, "document:un:AB1234987", None),
    # placeholders keep their key so a reused one can be capped
    ("000000", "sy", None, "000000", False, "document:sy:000000", "placeholder"),
    ("123456", "sy", None, "123456", False, "document:sy:123456", "placeholder"),
    ("987654321", None, None, "987654321", False, "document:zz:987654321", "placeholder"),
    ("UNKNOWN", "de", None, "UNKNOWN", False, "document:de:UNKNOWN", "placeholder"),
    ("N/A", None, None, "NA", False, "document:zz:NA", "placeholder"),
    ("XXXXXXXX", None, None, "XXXXXXXX", False, "document:zz:XXXXXXXX", "placeholder"),
    # length
    ("A123", "de", None, "A123", False, "document:de:A123", "4 characters"),
    (
        "A1234567890123456789X",
        None,
        None,
        "A1234567890123456789X",
        False,
        "document:zz:A1234567890123456789X",
        "21 characters",
    ),
    ("AB€1234", None, None, "AB€1234", False, None, "characters other than"),
    ("", "de", None, None, False, None, "empty"),
    (" - ", None, None, None, False, None, "empty"),
]


@pytest.mark.parametrize(
    ("number", "country", "doc_type", "value", "valid", "key", "reason"), CASES
)
def test_clean(
    number: str,
    country: str | None,
    doc_type: str | None,
    value: str | None,
    valid: bool,
    key: str | None,
    reason: str | None,
) -> None:
    cleaned = document.clean(number, country, doc_type)
    assert cleaned.kind == "document"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert document.validate(number, country, doc_type) is valid
    assert cleaned.key == key
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_extra() -> None:
    cleaned = document.clean("C01X00T47", "Deutschland", "Reisepass")
    assert dict(cleaned.extra) == {"country": "de", "type": "passport"}
    unknown = document.clean("C01X00T47", "Atlantis")
    assert unknown.extra.get("country_error") == "unknown country"
    assert "country" not in unknown.extra


TYPES = [
    ("Passport", "passport"),  # FtM schema
    ("Reisepass", "passport"),
    ("Kinderreisepass", "passport"),
    ("passeport", "passport"),
    ("pasaporte", "passport"),
    ("passaporto", "passport"),
    ("pasaport", "passport"),
    ("паспорт", "passport"),
    ("جواز سفر", "passport"),
    ("گذرنامه", "passport"),
    ("ፓስፖርት", "passport"),
    ("P", "passport"),  # ICAO document code
    ("ID card", "id_card"),
    ("Identification", "id_card"),  # FtM schema
    ("Personalausweis", "id_card"),
    ("carte d'identité", "id_card"),
    ("carta d'identità", "id_card"),
    ("DNI", "id_card"),
    ("NIE", "id_card"),
    ("kimlik", "id_card"),
    ("Nüfus cüzdanı", "id_card"),
    ("Tazkira", "id_card"),
    ("تذکره", "id_card"),
    ("بطاقة هوية", "id_card"),
    ("I", "id_card"),
    ("residence permit", "residence_permit"),
    ("Aufenthaltstitel", "residence_permit"),
    ("Aufenthaltserlaubnis", "residence_permit"),
    ("titre de séjour", "residence_permit"),
    ("permesso di soggiorno", "residence_permit"),
    ("permiso de residencia", "residence_permit"),
    ("ikamet izni", "residence_permit"),
    ("إقامة", "residence_permit"),
    ("visa", "visa"),
    ("Schengen-Visum", "visa"),
    ("تأشيرة", "visa"),
    ("V", "visa"),
    ("Führerschein", "driving_licence"),
    ("driving licence", "driving_licence"),
    ("permis de conduire", "driving_licence"),
    ("Reiseausweis für Flüchtlinge", "travel_document"),
    ("refugee travel document", "travel_document"),
    ("titre de voyage", "travel_document"),
    ("stateless person's travel document", "travel_document"),
    ("seaman's book", "seaman_book"),
    ("Seefahrtbuch Seemannsbuch", "seaman_book"),
    ("birth certificate", "other"),
    ("AC", "other"),
]


@pytest.mark.parametrize(("text", "expected"), TYPES)
def test_type(text: str, expected: str) -> None:
    assert document.normalize_type(text) == expected
    assert document.clean("C01X00T47", None, text).extra["type"] == expected


@pytest.mark.parametrize(
    ("left", "right", "left_country", "right_country", "score"),
    [
        ("C01X00T47", "c01x-00t47", "de", "DEU", 1.0),
        ("C01X00T47", "C01X00T47", None, None, 1.0),
        ("C01X00T47", "C01X00T47", "de", None, 0.9),
        ("C01X00T47", "C01X00T47", "de", "fr", 0.0),
        ("C01XOOT47", "C01X00T47", "de", "de", 0.8),  # O read as 0
        ("C0IX00T47", "C01X00T47", None, "de", 0.8),  # I read as 1
        ("C01X00T47", "C01X00T48", "de", "de", 0.6),
        ("C01X00T47", "C01X00T4", "de", "de", 0.6),
        ("C01X00T47", "C01X00T4", "de", "fr", 0.0),
        ("C01X00T47", "C01Y00T48", "de", "de", 0.0),
        ("A123", "A124", None, None, 0.0),  # too short for near misses
        ("000000", "000000", "sy", "sy", 0.0),  # placeholders never match
        ("", "", None, None, 0.0),
    ],
)
def test_compare(
    left: str, right: str, left_country: str | None, right_country: str | None, score: float
) -> None:
    assert document.compare(left, right, left_country, right_country) == score
    assert document.compare(right, left, right_country, left_country) == score
