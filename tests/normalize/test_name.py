"""Names in any script: display form, script, Latin and ASCII forms, parts."""

from __future__ import annotations

import pytest

from mare.normalize import name

SCRIPTS = [
    # raw, display value, script, latin, ascii
    ("محمد عبد الرحمن", "محمد عبد الرحمن", "Arabic", "Mhmd Abd Alrhmn", "mhmd abd alrhmn"),
    ("مُحَمَّد", "مُحَمَّد", "Arabic", "Muhammad", "muhammad"),  # vowel marks read
    ("محمد رضایی", "محمد رضایی", "Arabic", "Mhmd Rzayy", "mhmd rzayy"),  # Persian
    ("ګل احمد خان", "ګل احمد خان", "Arabic", "Gl Ahmd Khan", "gl ahmd khan"),  # Pashto
    ("هێڤی کوردی", "هێڤی کوردی", "Arabic", "Hevy Kwrdy", "hevy kwrdy"),  # Sorani
    ("عبد\u200cالله", "عبد\u200cالله", "Arabic", "Abdallh", "abdallh"),  # ZWNJ
    ("ﻣﺤﻤﺪ", "محمد", "Arabic", "Mhmd", "mhmd"),  # presentation forms
    ("ዮሃንስ ተስፋይ", "ዮሃንስ ተስፋይ", "Ethiopic", "Yohanes Tasefay", "yohanes tasefay"),
    ("Мухаммед Абдулрахман", "Мухаммед Абдулрахман", "Cyrillic", "Muhammed Abdulrahman",
     "muhammed abdulrahman"),
    ("Ελένη Παπαδοπούλου", "Ελένη Παπαδοπούλου", "Greek", "Eleni Papadopoulou",
     "eleni papadopoulou"),
    ("Xasan Cabdi", "Xasan Cabdi", "Latin", "Xasan Cabdi", "xasan cabdi"),  # Somali
    ("Hêvî Kurdî", "Hêvî Kurdî", "Latin", "Hêvî Kurdî", "hevi kurdi"),  # Kurmanji
    ("  Muñoz   Ñúñez ", "Muñoz Ñúñez", "Latin", "Muñoz Ñúñez", "munoz nunez"),
    ("O'Brien-Smith, John", "O'Brien-Smith, John", "Latin", "O'Brien-Smith, John",
     "o brien smith john"),
    ("Ali ﻣﺤﻤﺪ", "Ali محمد", "Arabic", "Ali Mhmd", "ali mhmd"),  # mixed scripts
    ("ნინო", "ნინო", "Georgian", "Nino", "nino"),
    ("Արամ", "Արամ", "Armenian", "Aram", "aram"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "value", "script", "latin", "ascii"), SCRIPTS)
def test_clean_scripts(raw: str, value: str, script: str, latin: str, ascii: str) -> None:
    cleaned = name.clean(raw)
    assert cleaned.kind == "name"
    assert cleaned.valid
    assert name.validate(raw)
    assert cleaned.value == value
    assert cleaned.key is None
    assert dict(cleaned.extra) == {"script": script, "latin": latin, "ascii": ascii}
    assert name.script_of(raw) == script


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("12345", "12345", "no letters"),
        ("١٢٣", "١٢٣", "no letters"),
        ("-- / --", "-- / --", "no letters"),
        ("unknown", "unknown", "placeholder"),
        ("N/A", "N/A", "placeholder"),
        ("NN", "NN", "placeholder"),
        ("XXX", "XXX", "placeholder"),
        ("Unbekannt", "Unbekannt", "placeholder"),
        ("مجهول", "مجهول", "placeholder"),
    ],
)
def test_clean_invalid(raw: str, value: str | None, reason: str) -> None:
    cleaned = name.clean(raw)
    assert cleaned.valid is False
    assert name.validate(raw) is False
    assert cleaned.value == value
    assert cleaned.key is None
    assert cleaned.reason is not None and reason in cleaned.reason


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("习近平", "Han"),
        ("מרדכי", "Hebrew"),
        ("मोहन", "Devanagari"),
        ("Ahmad محمد عبد", "Arabic"),  # most letters decide
        ("123 !", "Unknown"),
        ("", "Unknown"),
    ],
)
def test_script_of(text: str, script: str) -> None:
    assert name.script_of(text) == script


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("Dr. Ahmad  Khan", "person", ["ahmad", "khan"]),
        ("O'Brien-Smith, John", "person", ["obrien", "smith", "john"]),
        ("محمد عبد الرحمن", "person", ["mhmd", "abd", "alrhmn"]),
        ("Мухаммед Абдулрахман", "person", ["muhammed", "abdulrahman"]),
        ("ዮሃንስ ተስፋይ", "person", ["yohanes", "tasefay"]),
        ("The Blue Sea Shipping Ltd", "organization", ["blue", "sea", "shipping", "ltd"]),
        ("", "person", []),
    ],
)
def test_parts(raw: str, kind: str, expected: list[str]) -> None:
    assert name.parts(raw, kind) == expected


@pytest.mark.parametrize(
    ("left", "right", "low", "high"),
    [
        ("Mohammed Abdul Rahman", "Abdul Rahman Mohammed", 1.0, 1.0),  # order ignored
        ("Мухаммед Абдулрахман", "Muhammed Abdulrahman", 1.0, 1.0),  # across scripts
        ("MUÑOZ, Juan", "juan munoz", 1.0, 1.0),
        ("Mohammed", "Mohamed", 0.8, 0.95),
        ("Yohannes Tesfay", "ዮሃንስ ተስፋይ", 0.75, 0.95),
        ("John Smith", "Ahmad Khan", 0.0, 0.3),
        ("", "Ahmad Khan", 0.0, 0.0),
        ("12345", "12345", 0.0, 0.0),
        ("unknown", "Unknown", 0.0, 0.0),  # placeholders never match
    ],
)
def test_compare(left: str, right: str, low: float, high: float) -> None:
    score = name.compare(left, right)
    assert low <= score <= high
    assert name.compare(right, left) == score
