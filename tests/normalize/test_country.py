"""Countries: codes, ICAO MRZ codes, numeric codes and names in many languages."""

from __future__ import annotations

import pytest

from mare.normalize import country

CASES = [
    # raw, value, valid, reason substring
    # Arabic and Persian long forms of states (never guessed: "the kingdom" is not the UK)
    ("الجمهورية العربية السورية", "sy", True, None),
    ("المملكة العربية السعودية", "sa", True, None),
    ("المملكة المغربية", "ma", True, None),
    ("الجمهورية التونسية", "tn", True, None),
    ("الجمهورية اللبنانية", "lb", True, None),
    ("جمهورية مصر العربية", "eg", True, None),
    ("دولة ليبيا", "ly", True, None),
    ("جمهوری اسلامی ایران", "ir", True, None),
    ("المملكة المتحدة", "gb", True, None),
    ("مملكة الواق واق", None, False, "unknown country"),
    ("de", "de", True, None),
    ("DE", "de", True, None),
    ("DEU", "de", True, None),
    ("deu", "de", True, None),
    (" Ly ", "ly", True, None),
    ("AFG", "af", True, None),
    ("NA", "na", True, None),  # Namibia, not "n/a"
    # ICAO 9303 codes
    ("D", "de", True, None),
    ("D<<", "de", True, None),
    ("GBD", "gb", True, None),
    ("GBN", "gb", True, None),
    ("GBO", "gb", True, None),
    ("GBP", "gb", True, None),
    ("GBS", "gb", True, None),
    ("RKS", "xk", True, None),
    ("XKX", "xk", True, None),
    ("UNO", "un", False, "United Nations"),
    ("UNA", "un", False, "not a country"),
    ("UNK", "un", False, "Kosovo"),
    ("XXA", None, False, "stateless"),
    ("XXB", None, False, "refugee"),
    ("XXC", None, False, "refugee"),
    ("XXX", None, False, "unspecified"),
    # numeric codes, digits of any script
    ("276", "de", True, None),
    ("4", "af", True, None),
    ("004", "af", True, None),
    ("٧٦٠", "sy", True, None),  # Arabic-Indic 760
    ("999", None, False, "unknown numeric"),
    # names in many languages and scripts
    ("Syrian Arab Republic", "sy", True, None),
    ("Syria", "sy", True, None),
    ("Syrie", "sy", True, None),
    ("Syrien", "sy", True, None),
    ("Suriye", "sy", True, None),
    ("Сирия", "sy", True, None),
    ("سوريا", "sy", True, None),
    ("سوريه", "sy", True, None),  # Arabic yeh in the Persian spelling
    ("Afghanistan", "af", True, None),
    ("افغانستان", "af", True, None),
    ("Afganistán", "af", True, None),
    ("Eritrea", "er", True, None),
    ("Érythrée", "er", True, None),
    ("ኤርትራ", "er", True, None),
    ("Türkiye", "tr", True, None),
    ("Turkey", "tr", True, None),
    ("UK", "gb", True, None),
    ("Great Britain", "gb", True, None),
    ("Ivory Coast", "ci", True, None),
    ("Côte d'Ivoire", "ci", True, None),
    ("Deutschland", "de", True, None),
    ("Allemagne", "de", True, None),
    ("Germania", "de", True, None),
    ("Alemania", "de", True, None),
    ("Almanya", "de", True, None),
    ("Германия", "de", True, None),
    ("ألمانيا", "de", True, None),
    ("آلمان", "de", True, None),
    ("ليبيا", "ly", True, None),
    ("مصر", "eg", True, None),
    ("فلسطين", "ps", True, None),
    ("Soomaaliya", "so", True, None),
    ("ኢትዮጵያ", "et", True, None),
    ("عێراق", "iq", True, None),
    ("Syria (SYR)", "sy", True, None),
    # regions resolve to their country; typing errors are guessed and flagged
    ("Iraqi Kurdistan", "iq", True, None),
    ("Afganisthan", "af", True, None),
    # not countries
    ("Soviet Union", "suhh", False, "no longer exists"),
    ("European Union", "eu", False, "not a country"),
    ("stateless", None, False, "stateless"),
    ("staatenlos", None, False, "stateless"),
    ("ungeklärt", None, False, "unspecified"),
    ("N/A", None, False, "unspecified"),
    ("Unknown", None, False, "unspecified"),
    ("Atlantis", None, False, "unknown country"),
    ("", None, False, "empty"),
    ("   ", None, False, "empty"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "reason"), CASES)
def test_clean(raw: str, value: str | None, valid: bool, reason: str | None) -> None:
    cleaned = country.clean(raw)
    assert cleaned.kind == "country"
    assert cleaned.original == raw
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert country.validate(raw) is valid
    assert cleaned.key == (f"country:{value}" if value else None)
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


@pytest.mark.parametrize(
    ("raw", "extra"),
    [
        ("D<<", {"icao": "D"}),
        ("XXA", {"status": "stateless", "icao": "XXA"}),
        ("UNO", {"icao": "UNO", "note": "United Nations Organization"}),
        ("Iraqi Kurdistan", {"territory": "iq-kr"}),
        ("Afganisthan", {"fuzzy": "true"}),
    ],
)
def test_extra(raw: str, extra: dict[str, str]) -> None:
    assert dict(country.clean(raw).extra) == extra


@pytest.mark.parametrize(
    ("code2", "code3"),
    [("de", "DEU"), ("SY", "SYR"), ("af", "AFG"), ("xk", "RKS"), ("zz", None), ("", None)],
)
def test_to_alpha3(code2: str, code3: str | None) -> None:
    assert country.to_alpha3(code2) == code3


@pytest.mark.parametrize(
    ("code3", "code2"),
    [
        ("DEU", "de"),
        ("D", "de"),
        ("D<<", "de"),
        ("gbd", "gb"),
        ("RKS", "xk"),
        ("ERI", "er"),
        ("UNO", None),
        ("XXA", None),
        ("UTO", None),  # ICAO's specimen state Utopia
    ],
)
def test_from_alpha3(code3: str, code2: str | None) -> None:
    assert country.from_alpha3(code3) == code2


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("Germany", "DEU", 1.0),
        ("D<<", "Deutschland", 1.0),
        ("سوريا", "Syrian Arab Republic", 1.0),
        ("Syria", "Iraq", 0.0),
        ("Atlantis", "Atlantis", 0.0),
        ("XXA", "XXA", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert country.compare(left, right) == score
