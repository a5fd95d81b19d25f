"""MMSIs: nine digits, the MID names the flag, the series the kind of station."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from mare.normalize import mmsi

CASES = [
    # raw, value, valid, key, category, flag, reason substring
    ("642122000", "642122000", True, "mmsi:642122000", "ship", "ly", None),
    ("247123456", "247123456", True, "mmsi:247123456", "ship", "it", None),
    ("MMSI 211 123 456", "211123456", True, "mmsi:211123456", "ship", "de", None),
    ("MMSI: 218-123-456", "218123456", True, "mmsi:218123456", "ship", "de", None),
    ("٦٤٢١٢٢٠٠٠", "642122000", True, "mmsi:642122000", "ship", "ly", None),  # Arabic-Indic
    ("215000001", "215000001", True, "mmsi:215000001", "ship", "mt", None),
    ("256123456", "256123456", True, "mmsi:256123456", "ship", "mt", None),
    ("672123456", "672123456", True, "mmsi:672123456", "ship", "tn", None),
    ("271012345", "271012345", True, "mmsi:271012345", "ship", "tr", None),
    ("240123456", "240123456", True, "mmsi:240123456", "ship", "gr", None),
    ("538009123", "538009123", True, "mmsi:538009123", "ship", "mh", None),
    ("636012345", "636012345", True, "mmsi:636012345", "ship", "lr", None),
    ("372123456", "372123456", True, "mmsi:372123456", "ship", "pa", None),
    ("232123456", "232123456", True, "mmsi:232123456", "ship", "gb", None),
    ("242123456", "242123456", True, "mmsi:242123456", "ship", "ma", None),
    # other stations: valid MMSIs, not ships
    ("002470001", "002470001", True, "mmsi:002470001", "coast_station", "it", None),
    ("024701234", "024701234", True, "mmsi:024701234", "group", "it", None),
    ("111247123", "111247123", True, "mmsi:111247123", "sar_aircraft", "it", None),
    ("970123456", "970123456", True, "mmsi:970123456", "ais_sart", None, None),
    ("972123456", "972123456", True, "mmsi:972123456", "mob", None, None),
    ("974123456", "974123456", True, "mmsi:974123456", "epirb_ais", None, None),
    ("982471234", "982471234", True, "mmsi:982471234", "craft_associated", "it", None),
    ("992151234", "992151234", True, "mmsi:992151234", "aid_to_navigation", "mt", None),
    ("864212345", "864212345", True, "mmsi:864212345", "handheld_vhf", "ly", None),
    # invalid
    ("200123456", "200123456", False, "mmsi:200123456", "ship", None, "unknown MID 200"),
    ("002000001", "002000001", False, "mmsi:002000001", "coast_station", None, "MID 200"),
    ("150000000", "150000000", False, "mmsi:150000000", None, None, "150"),
    ("975123456", "975123456", False, "mmsi:975123456", None, None, "975"),
    ("64212200", "64212200", False, None, None, None, "9 digits, not 8"),
    ("6421220001", "6421220001", False, None, None, None, "9 digits, not 10"),
    ("000000000", "000000000", False, None, None, None, "placeholder"),
    ("123456789", "123456789", False, None, None, None, "placeholder"),
    ("111111111", "111111111", False, None, None, None, "placeholder"),
    ("999999999", "999999999", False, None, None, None, "placeholder"),
    ("Sea Falcon", "SeaFalcon", False, None, None, None, "not an MMSI"),
]


@pytest.mark.parametrize(("raw", "value", "valid", "key", "category", "flag", "reason"), CASES)
def test_clean(
    raw: str,
    value: str,
    valid: bool,
    key: str | None,
    category: str | None,
    flag: str | None,
    reason: str | None,
) -> None:
    cleaned = mmsi.clean(raw)
    assert cleaned.kind == "mmsi"
    assert cleaned.value == value
    assert cleaned.valid is valid
    assert mmsi.validate(raw) is valid
    assert cleaned.key == key
    assert cleaned.extra.get("category") == category
    assert cleaned.extra.get("flag") == flag
    if reason:
        assert cleaned.reason is not None and reason in cleaned.reason
    else:
        assert cleaned.reason is None


def test_non_ships_are_valid_with_a_note() -> None:
    coast = mmsi.clean("002470001")
    assert coast.valid and coast.reason is None
    assert coast.extra["ship"] == "false"
    assert "coast station" in coast.extra["note"]
    ship = mmsi.clean("247123456")
    assert ship.extra["ship"] == "true"
    assert "note" not in ship.extra


def test_mid_table_is_complete_and_well_formed() -> None:
    text = files("mare.normalize").joinpath("data", "mid.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    mids = [row["mid"] for row in rows]
    assert len(mids) == len(set(mids))
    assert len(mids) > 280
    for row in rows:
        assert len(row["mid"]) == 3 and row["mid"][0] in "234567", row
        assert len(row["country_alpha2"]) == 2 and row["country_alpha2"].islower(), row
    assert {m[0] for m in mids} == set("234567")
    expected = {
        "211": "de", "218": "de", "247": "it", "215": "mt", "229": "mt", "248": "mt",
        "249": "mt", "256": "mt", "642": "ly", "672": "tn", "271": "tr", "237": "gr",
        "239": "gr", "240": "gr", "241": "gr", "224": "es", "225": "es", "226": "fr",
        "227": "fr", "228": "fr", "232": "gb", "235": "gb", "242": "ma", "538": "mh",
        "636": "lr", "351": "pa", "357": "pa", "370": "pa", "373": "pa", "622": "eg",
        "605": "dz", "209": "cy", "422": "ir", "401": "af", "625": "er", "667": "sl",
    }  # fmt: skip
    assert {mid: mmsi.MIDS[mid] for mid in expected} == expected


@pytest.mark.parametrize(
    ("left", "right", "score"),
    [
        ("642122000", "MMSI 642 122 000", 1.0),
        ("642122000", "642122001", 0.0),
        ("000000000", "000000000", 0.0),
    ],
)
def test_compare(left: str, right: str, score: float) -> None:
    assert mmsi.compare(left, right) == score
