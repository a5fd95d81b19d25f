"""The cross-script benchmark set (benchmarks/data/crossscript.csv) is well formed."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "crossscript.csv"
COLUMNS = [
    "record_id",
    "person_id",
    "name",
    "script",
    "birth_date",
    "nationality",
    "gender",
    "note",
]
HARD_NEGATIVE = re.compile(r"^hard negative of ([a-z]{2}\d{2}): \S")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return list(reader)


@pytest.fixture(scope="module")
def persons(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    by_person: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_person[row["person_id"]].append(row)
    return by_person


def _decoys(persons: dict[str, list[dict[str, str]]]) -> dict[str, str]:
    out = {}
    for person, records in persons.items():
        for row in records:
            found = HARD_NEGATIVE.match(row["note"])
            if found:
                out[person] = found.group(1)
    return out


def test_fields(rows: list[dict[str, str]]) -> None:
    ids = Counter(row["record_id"] for row in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    for row in rows:
        assert None not in row.values(), row  # no row with extra or missing cells
        assert row["record_id"].startswith(row["person_id"]), row
        assert row["name"] and row["name"] == " ".join(row["name"].split()), row
        assert row["script"] in {"latin", "arabic", "cyrillic", "ethiopic"}, row
        assert row["gender"] in {"male", "female", ""}, row
        assert re.fullmatch(r"([a-z]{2})?", row["nationality"]), row
        assert row["note"], row


def test_script_matches_the_name(rows: list[dict[str, str]]) -> None:
    ranges = {
        "arabic": r"[\u0600-\u06ff]",
        "cyrillic": r"[\u0400-\u04ff]",
        "ethiopic": r"[\u1200-\u137f]",
        "latin": r"[A-Za-z\u00c0-\u024f]",
    }
    for row in rows:
        letters = [c for c in row["name"] if c.isalpha()]
        assert all(re.match(ranges[row["script"]], c) for c in letters), row


def test_dates(rows: list[dict[str, str]]) -> None:
    for row in rows:
        value = row["birth_date"]
        if not value:
            continue
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value), row
        parts = [int(p) for p in value.split("-")]
        assert 1900 <= parts[0] <= 2025, row
        if len(parts) == 3:
            date(*parts)  # raises on an impossible day
        elif len(parts) == 2:
            assert 1 <= parts[1] <= 12, row


def test_composition(rows: list[dict[str, str]], persons: dict[str, list[dict[str, str]]]) -> None:
    assert 150 <= len(persons) <= 250
    assert 500 <= len(rows) <= 900
    scripts = Counter(row["script"] for row in rows)
    assert all(scripts[s] >= 25 for s in ("latin", "arabic", "cyrillic", "ethiopic")), scripts
    decoys = _decoys(persons)
    for person, records in persons.items():
        assert len(records) >= 2 or person in decoys, person
        genders = {row["gender"] for row in records} - {""}
        assert len(genders) <= 1, person


def test_hard_negatives(persons: dict[str, list[dict[str, str]]]) -> None:
    decoys = _decoys(persons)
    assert len(decoys) >= 60
    assert len(decoys) * 3 >= len(persons)
    for decoy, target in decoys.items():
        assert target in persons and target != decoy, decoy
