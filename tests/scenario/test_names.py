"""The name pools: each native form in its own script, the forms officials use."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

import pytest

from mare.scenario.names import _rows, pool, pools
from mare.scenario.origins import ORIGINS
from mare.scenario.partners import partner
from mare.scenario.people import new_identity
from mare.scenario.spellings import write_name

SCRIPTS = {
    "ARABIC": {
        "arab",
        "levant",
        "egypt",
        "maghreb",
        "sudan",
        "afghan",
        "iran",
        "sorani",
        "pakistan",
    },
    "ETHIOPIC": {"horn"},
    "CYRILLIC": {"serbian", "eastslav", "eu_bg"},
    "GREEK": {"eu_gr"},
    "BENGALI": {"bangla"},
}


def _script(text: str) -> set[str]:
    return {unicodedata.name(ch).split(" ")[0] for ch in text if ch.isalpha()}


@pytest.mark.parametrize("name", sorted(pools()))
def test_native_forms_are_in_the_pools_script(name: str) -> None:
    expected = next((s for s, members in SCRIPTS.items() if name in members), "LATIN")
    for part in (p for p in _rows() if p.pool == name):
        assert _script(part.native) == {expected}, part
        assert all(_script(v) <= {"LATIN"} for v in part.variants()), part


def test_pashto_kurdish_and_turkish_letters_are_used() -> None:
    afghan = "".join(p.native for p in _rows() if p.pool == "afghan")
    sorani = "".join(p.native for p in _rows() if p.pool == "sorani")
    turkish = "".join(p.native for p in _rows() if p.pool == "turkish")
    kurmanji = "".join(p.native for p in _rows() if p.pool == "kurmanji")
    assert set("ګړۍ") <= set(afghan)  # Pashto gaf, rreh, and the feminine ending
    assert set("ێڕڵۆە") <= set(sorani)
    assert set("ışçöüğ") <= set(turkish.lower()) and "İ" in turkish
    assert set("êîşx") <= set(kurmanji.lower())


def test_every_origin_can_name_people() -> None:
    r = random.Random(1)
    for origin in ORIGINS.values():
        for given in origin.given:
            assert pool(given, "m")
        person = new_identity(r, "P1", origin, date(2026, 9, 7), (20, 40))
        assert person.given.native


def test_partners_write_in_their_conventions() -> None:
    arab = pool("arab", "m")
    khaled = next(p for p in arab if p.native == "خالد")
    assert (
        khaled.form("en"),
        khaled.form("fr"),
        khaled.form("de"),
        khaled.form("es"),
        khaled.form("tr"),
    ) == ("Khalid", "Khaled", "Chalid", "Jalid", "Halit")
    eritrean = next(p for p in pool("horn", "s") if p.native == "ገብረመድህን")
    assert eritrean.form("it") == "Ghebremedhin"


def test_a_tunisian_officer_writes_arabic_names_in_arabic() -> None:
    r = random.Random(3)
    origin = ORIGINS["libya"]
    written = [
        write_name(r, new_identity(r, "P", origin, date(2026, 9, 7), (20, 40)), partner("TN-GN"))
        for _ in range(200)
    ]
    native = [w for w in written if "native-script" in w.tags]
    assert 0.3 < len(native) / len(written) < 0.7
    assert all(_script(w.full) == {"ARABIC"} for w in native)
