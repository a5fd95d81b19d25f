"""How partners' records differ from the truth: the rates, and the small distortions.

Every rate is the share of records (or values) that carry the distortion.
They are set from what analysts of such data report, not tuned on the hub:
names are heard and spelt in the officer's own convention or copied from a
document; a father's name is dropped; the order is family name first; a
letter is lost; a birth date is known only by its year, has day and month
swapped, is a registration's 1 January, or is missing; people claim to be
younger or of another nationality; a field is left empty.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Rates:
    typo: float = 0.04  # one letter dropped, doubled or swapped in a Latin name part
    family_first: float = 0.12  # family name written first
    family_first_document: float = 0.25  # ... when copied from a document (SURNAME Given)
    drop_father: float = 0.45  # the father's name left out where the name has one
    alt_spelling: float = 0.15  # a name part in another attested spelling
    other_convention: float = 0.15  # an interpreter's or the person's own spelling
    upper_case: float = 0.15  # the whole name in capitals (not from a document)
    native_by_native_partner: float = 0.5  # a partner writing its own script does so
    name_parts: float = 0.3  # firstName / lastName given besides the full name
    birth_missing: float = 0.1
    birth_year_only: float = 0.1
    birth_swapped: float = 0.04  # day and month swapped (where the day is 12 or less)
    claims_younger: float = 0.04  # a migrant claims to be 2-4 years younger
    nationality_missing: float = 0.15
    claims_false_nationality: float = 0.5  # of the records of people who make such claims
    gender_missing: float = 0.2
    phone_missing: float = 0.25  # a known phone not given in a record
    phone_typo: float = 0.01
    phone_national_without_country: float = 0.015
    document_country_missing: float = 0.06
    document_number_spaced: float = 0.1  # "N 1234 5678", "no. N12345678"
    imo_typo: float = 0.02


RATES = Rates()


def typo(r: random.Random, text: str) -> str:
    """One letter dropped, doubled or swapped with its neighbour (never the first)."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = r.choice(letters[1:-1])
    action = r.randrange(3)
    if action == 0:
        return text[:i] + text[i + 1 :]
    if action == 1 and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i] + text[i:]


def birth_date(
    r: random.Random, born: date, younger: bool = False, rates: Rates = RATES
) -> tuple[str | None, list[str]]:
    """A birth date as a record gives it, and the distortions applied."""
    tags: list[str] = []
    if younger and r.random() < rates.claims_younger:
        born = born.replace(year=born.year + r.randint(2, 4), day=min(born.day, 28))
        tags.append("claims-younger")
    roll = r.random()
    if roll < rates.birth_missing:
        return None, [*tags, "birth-date-missing"]
    roll -= rates.birth_missing
    if roll < rates.birth_year_only:
        return str(born.year), [*tags, "birth-year-only"]
    roll -= rates.birth_year_only
    if roll < rates.birth_swapped and born.day <= 12 and born.day != born.month:
        return f"{born.year}-{born.day:02d}-{born.month:02d}", [*tags, "birth-day-month-swapped"]
    return born.isoformat(), tags
