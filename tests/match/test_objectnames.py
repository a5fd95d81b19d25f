"""Names of vessels and organisations: prefixes, legal forms, numbers, scripts."""

from __future__ import annotations

import pytest

from mare.match import objectnames as on


@pytest.mark.parametrize(
    ("raw", "words", "numbers"),
    [
        ("M/V Sea Star 2", ("sea", "star"), {"2"}),
        ("MV SEA STAR II", ("sea", "star"), {"2"}),
        ("F/V Alma", ("alma",), set()),
        ("MY Lady Nour", ("lady", "nour"), set()),
        ("SS Louis XIV", ("louis",), {"14"}),
        ("MFV Hope 007", ("hope",), {"7"}),
        ("The Salvatore", ("salvatore",), set()),
        ("MY", ("my",), set()),  # a prefix alone is the name
        ("ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ", ("agios", "nikolaos"), set()),
        ("I Love You", ("i", "love", "you"), set()),  # a first word is never a numeral
    ],
)
def test_vessel_names(raw: str, words: tuple[str, ...], numbers: set[str]) -> None:
    parts = on.vessel(raw)
    assert (parts.words, set(parts.numbers)) == (words, numbers)


@pytest.mark.parametrize(
    ("raw", "words", "forms"),
    [
        ("Al Noor Travel Agency LLC", ("noor", "travel", "agency"), {"llc"}),
        ("AL-NOOR TRAVEL AGENCY L.L.C.", ("noor", "travel", "agency"), {"llc"}),
        ("Noor Trading S.A.R.L.", ("noor", "trading"), {"llc"}),
        ("Siemens Aktiengesellschaft", ("siemens",), {"jsc"}),
        ("ООО Ромашка", ("romashka",), {"llc"}),
        ("Noor Trading Company", ("noor", "trading"), set()),
        ("شركة النور للسياحة", ("nwr", "syaha"), set()),  # company word, articles dropped
        ("LLC", ("llc",), {"llc"}),  # nothing but a legal form: kept
    ],
)
def test_organisation_names(raw: str, words: tuple[str, ...], forms: set[str]) -> None:
    parts = on.organisation(raw)
    assert (parts.words, set(parts.forms)) == (words, forms)


@pytest.mark.parametrize(
    ("left", "right", "low", "high"),
    [
        ("Sea Star", "SEASTAR", 1.0, 1.0),  # written together
        ("Star Sea", "Sea Star", 1.0, 1.0),  # in another order
        ("Salvatore", "Salvatori", 0.85, 0.95),
        ("Sea Star", "Sea Star 2", 0.9, 0.9),  # a number on one side only: not the same
        ("Sea Star 2", "Sea Star 3", 0.9, 0.9),
        ("Sea Falcon", "Ocean Queen", 0.0, 0.5),
        ("ΑΓΙΟΣ ΝΙΚΟΛΑΟΣ", "Agios Nikolaos", 1.0, 1.0),
    ],
)
def test_similarity(left: str, right: str, low: float, high: float) -> None:
    assert low <= on.similarity(on.vessel(left), on.vessel(right)) <= high


def test_numbers_differ() -> None:
    assert on.numbers_differ(on.vessel("Sea Star 2"), on.vessel("Sea Star 3"))
    assert not on.numbers_differ(on.vessel("Sea Star 2"), on.vessel("Sea Star II"))
    assert not on.numbers_differ(on.vessel("Sea Star"), on.vessel("Sea Star 3"))


def test_across_scripts_the_skeletons_are_compared() -> None:
    arabic, latin = on.organisation("النور"), on.organisation("Al Noor")
    assert on.similarity(arabic, latin) == 1.0  # nwr / noor: one skeleton
    assert on.similarity(on.organisation("Nur"), on.organisation("Noor")) < 1.0  # both Latin


def test_keys() -> None:
    assert on.keys("v", on.vessel("Sea Star 2")) == {
        "vn:sea",
        "vn:str",
        "vp:sea|str",
        "vw:seastar2",
    }
    assert on.keys("o", on.Parts()) == set()
    # the article written apart or joined on: one name written together
    joined, apart = on.keys("v", on.vessel("Albaraka")), on.keys("v", on.vessel("Al Baraka"))
    assert "vw:albaraka" in joined & apart
