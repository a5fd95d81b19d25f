"""Dataset (c): one person set across scripts, deduplicated against itself.

``data/crossscript.csv`` is curated by hand: each person's name written
natively (Arabic, Persian, Pashto, Urdu and Sorani in Arabic script;
Tigrinya and Amharic in Ge'ez; Russian, Ukrainian, Belarusian, Tajik and
Uzbek in Cyrillic) and in the Latin spellings documents of different
countries actually use (English, French, German, ICAO passports, BGN/PCGN,
Kurmanji, Somali and Oromo orthographies, Turkish), with the variation
found in real files: name order, a missing father's or grandfather's name,
the article and ``Abd``/``Abdul``/``Abdel`` joined or apart, typos, a birth
date given as a year, with day and month swapped or one digit off, or
missing; nationality sometimes missing or another one claimed.

``person_id`` is the ground truth. A person whose first record's note starts
with ``hard negative of <person>`` was written to be confused with that
person: the same full name with another birth date, a name that differs
only by a vowel or a letter but is another name (Saad/Said, Hamid/Hamed/
Ahmad, Siddig/Sadig, Xasan/Xuseen), a father, son, brother, sister or wife.

    .venv/bin/python benchmarks/crossscript.py   # prints the composition
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from mare.match.person import PersonRecord
from mare.normalize import country, dates

DATA = Path(__file__).resolve().parent / "data" / "crossscript.csv"
COLUMNS = (
    "record_id",
    "person_id",
    "name",
    "script",
    "birth_date",
    "nationality",
    "gender",
    "note",
)
SCRIPTS = ("latin", "arabic", "cyrillic", "ethiopic")
HARD_NEGATIVE = "hard negative of "

Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Row:
    """One record of the file, as written."""

    record_id: str
    person_id: str
    name: str
    script: str
    birth_date: str
    nationality: str
    gender: str
    note: str

    @property
    def imitates(self) -> str | None:
        """The person this record's person was written to be confused with."""
        if not self.note.startswith(HARD_NEGATIVE):
            return None
        return self.note[len(HARD_NEGATIVE) :].split(":", 1)[0].strip()


def rows(path: Path = DATA) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [Row(**{c: line[c] for c in COLUMNS}) for line in csv.DictReader(handle)]


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def true_pairs(data: list[Row]) -> set[Pair]:
    """Every pair of records of one person, as (smaller id, larger id)."""
    by_person: dict[str, list[str]] = {}
    for row in data:
        by_person.setdefault(row.person_id, []).append(row.record_id)
    return {pair(a, b) for ids in by_person.values() for a, b in combinations(ids, 2)}


def hard_negatives(data: list[Row]) -> dict[str, str]:
    """Decoy person -> the person it imitates."""
    return {row.person_id: target for row in data if (target := row.imitates)}


def hard_negative_pairs(data: list[Row]) -> set[Pair]:
    """Record pairs of a decoy and the person it imitates (all are false)."""
    by_person: dict[str, list[str]] = {}
    for row in data:
        by_person.setdefault(row.person_id, []).append(row.record_id)
    return {
        pair(a, b)
        for decoy, target in hard_negatives(data).items()
        for a in by_person[decoy]
        for b in by_person[target]
    }


def record(row: Row) -> PersonRecord:
    """The matcher's record: the name as written, normalised date and country."""
    born = dates.clean(row.birth_date).value if row.birth_date else None
    nation = country.clean(row.nationality).value if row.nationality else None
    return PersonRecord(
        row.record_id,
        names=(row.name,),
        birth_dates=(born,) if born else (),
        nationalities=(nation,) if nation else (),
        genders=(row.gender,) if row.gender else (),
    )


def load(path: Path = DATA) -> tuple[dict[str, PersonRecord], set[Pair]]:
    """Person records by id and the true pairs."""
    data = rows(path)
    return {row.record_id: record(row) for row in data}, true_pairs(data)


def composition(data: list[Row]) -> str:
    """One paragraph on what the set holds."""
    persons = {row.person_id for row in data}
    scripts = Counter(row.script for row in data)
    truth = true_pairs(data)
    decoys = hard_negatives(data)
    n = len(data)
    per_script = ", ".join(f"{s} {scripts[s]}" for s in SCRIPTS)
    return (
        f"{len(persons)} persons, {n} records ({per_script}), {len(truth):,} true pairs "
        f"among {n * (n - 1) // 2:,} record pairs; {len(decoys)} persons are hard "
        f"negatives written to be confused with another one "
        f"({len(hard_negative_pairs(data)):,} record pairs), "
        f"{sum(1 for r in data if not r.birth_date)} records without a birth date, "
        f"{sum(1 for r in data if len(r.birth_date) == 4)} with the year only, "
        f"{sum(1 for r in data if not r.nationality)} without a nationality."
    )


if __name__ == "__main__":
    print(composition(rows()))
