"""Matcher records, assembled from statement rows.

A record holds what a family's matcher compares: normalised values only.
An entity's identifiers include those of the entities that point at it: the
passport whose ``holder`` it is, the user account it ``owns``, the wallet it
holds, and the ``asset`` of an Ownership whose ``owner`` it is (a bank
account); an entity that is matched itself (a vessel) keeps its identifiers to
itself, since a vessel's IMO number identifies the vessel, not its owner.
Only values that normalised validly count as names (vessels, organisations),
dates, countries and genders; identifier keys count whatever their validity
(a forged document still links).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from mare.match.address import AddressRecord
from mare.match.families import family_of
from mare.match.organization import OrganizationRecord
from mare.match.person import PersonRecord
from mare.match.vessel import VesselRecord
from mare.model.codes import SubjectCategory
from mare.normalize import country

NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
LINK_PROPS = ("holder", "owner")
ASSET_PROPS = ("asset",)  # an Ownership's asset: its keys go to the ownership's owner


def donates(schema: str) -> bool:
    """Whether an entity of this schema gives its identifier keys to the entities
    it points at (a passport, an account, a wallet: not a vessel, which is matched)."""
    return family_of(schema) is None


def _by_prop(rows: Iterable[Any]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        found[row.prop].append(row)
    return found


def _values(by_prop: dict[str, list[Any]], *props: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.value for p in props for r in by_prop.get(p, ())))


def _valid(by_prop: dict[str, list[Any]], *props: str) -> tuple[str, ...]:
    """Normalised values that passed their checks (countries, dates)."""
    found = (r.norm for p in props for r in by_prop.get(p, ()) if r.valid and r.norm)
    return tuple(dict.fromkeys(found))


def _names(by_prop: dict[str, list[Any]]) -> tuple[str, ...]:
    found = (r.value for p in NAME_PROPS for r in by_prop.get(p, ()) if r.valid)
    return tuple(dict.fromkeys(found))


def _numbers(by_prop: dict[str, list[Any]], kind: str, *props: str) -> set[str]:
    """Register numbers as keys (``registration:HRB12345``): letters and digits, upper
    case, at least four with a digit (``N/A`` and ``none`` are not numbers)."""
    out = set()
    for value in _values(by_prop, *props):
        number = "".join(c for c in value.upper() if c.isalnum())
        if len(number) >= 4 and any(c.isdigit() for c in number):
            out.add(f"{kind}:{number}")
    return out


_MEASURE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


def _measure(text: str) -> float | None:
    """A tonnage as written (``1,234``, ``1.234,5``, ``1234.5 GT``), or None."""
    match = _MEASURE.search(text.replace(" ", ""))
    if match is None:
        return None
    number = match.group(0)
    if "," in number and "." in number:  # the last separator is the decimal one
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        number = number.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif _THOUSANDS.match(number):
        number = number.replace(",", "").replace(".", "")
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        return None
    return value if value > 0 else None


def _measures(by_prop: dict[str, list[Any]], *props: str) -> tuple[float, ...]:
    found = (_measure(v) for v in _values(by_prop, *props))
    return tuple(dict.fromkeys(v for v in found if v is not None))


_DIGITS = re.compile(r"\d")


def birth_value(row: Any) -> str | None:
    """A birth date for the matcher: the normalised date, or ``~`` and the digits
    of one that did not normalise but was written in full (``~19429008``)."""
    if row.valid and row.norm:
        return str(row.norm)
    digits = "".join(_DIGITS.findall(str(row.value)))
    return f"~{digits}" if len(digits) == 8 else None


def _contact(row: Any) -> bool:
    """Whether a statement is of a contact (data-subject category ``contact``)."""
    return getattr(row, "category", None) == SubjectCategory.CONTACT.value


def person_record(entity_id: str, rows: list[Any], keys: Iterable[str]) -> PersonRecord:
    """A person's names (with name parts joined), valid birth dates, nationalities,
    genders, addresses and identifier keys; a contact with names and no birth
    date is a label (`PersonRecord.label`)."""
    by_prop: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_prop[row.prop].append(row)
    names = [r.value for p in NAME_PROPS for r in by_prop.get(p, ())]
    parts = [by_prop[p][0].value for p in PART_PROPS if by_prop.get(p)]
    if parts:
        names.append(" ".join(parts))
    births = [b for r in by_prop.get("birthDate", ()) if (b := birth_value(r))]
    nations = [
        r.norm
        for p in ("nationality", "citizenship")
        for r in by_prop.get(p, ())
        if r.valid and r.norm
    ]
    genders = [r.norm for r in by_prop.get("gender", ()) if r.valid and r.norm]
    addresses = [r.value for r in by_prop.get("address", ())]
    named = [r for p in (*NAME_PROPS, *PART_PROPS) for r in by_prop.get(p, ())]
    label = bool(named) and not births and all(_contact(r) for r in named)
    return PersonRecord(
        entity_id,
        names=tuple(dict.fromkeys(names)),
        birth_dates=tuple(dict.fromkeys(births)),
        nationalities=tuple(dict.fromkeys(nations)),
        genders=tuple(dict.fromkeys(genders)),
        keys=frozenset(keys),
        addresses=tuple(dict.fromkeys(addresses)),
        label=label,
    )


def vessel_record(entity_id: str, rows: list[Any], keys: Iterable[str]) -> VesselRecord:
    """A vessel's names (with earlier names and aliases), flags, types, build years,
    tonnages, and identifier keys with its registration numbers."""
    by_prop = _by_prop(rows)
    years = (d[:4] for d in _valid(by_prop, "buildDate") if d[:4].isdigit())
    return VesselRecord(
        entity_id,
        names=_names(by_prop),
        flags=_valid(by_prop, "flag"),
        past_flags=_valid(by_prop, "pastFlags"),
        types=_values(by_prop, "type", "pastTypes"),
        build_years=tuple(dict.fromkeys(years)),
        gross_tonnages=_measures(by_prop, "grossRegisteredTonnage", "tonnage"),
        deadweights=_measures(by_prop, "deadweightTonnage"),
        keys=frozenset(keys) | _numbers(by_prop, "registration", "registrationNumber"),
    )


def organization_record(entity_id: str, rows: list[Any], keys: Iterable[str]) -> OrganizationRecord:
    """An organisation's names, countries (jurisdiction first), addresses, and identifier
    keys with its LEI, registration and tax numbers."""
    by_prop = _by_prop(rows)
    numbers = (
        _numbers(by_prop, "registration", "registrationNumber", "idNumber", "ogrnCode")
        | _numbers(by_prop, "tax", "taxNumber", "vatCode", "innCode")
        | {k for k in _numbers(by_prop, "lei", "leiCode") if len(k) == len("lei:") + 20}
    )
    return OrganizationRecord(
        entity_id,
        names=_names(by_prop),
        countries=_valid(by_prop, "jurisdiction", "country", "mainCountry"),
        addresses=_values(by_prop, "address"),
        keys=frozenset(keys) | numbers,
    )


ADDRESS_PARTS = ("street", "street2", "postOfficeBox", "postalCode", "city", "region", "state")


def _country_written(text: str) -> str | None:
    """The country an address line ends with, if it names one for certain."""
    last = text.rsplit(",", 1)[-1].strip()
    if not last or last == text.strip():
        return None
    found = country.clean(last)
    return found.value if found.valid and "fuzzy" not in found.extra else None


def address_record(entity_id: str, rows: list[Any], keys: Iterable[str]) -> AddressRecord:
    """An address's full lines (composed from its parts when none was given), postal
    codes, cities, countries (given, else the one a line ends with) and place ids."""
    by_prop = _by_prop(rows)
    texts = _values(by_prop, "full")
    if not texts:
        parts = [v for p in (*ADDRESS_PARTS, "country") for v in _values(by_prop, p)[:1]]
        texts = (", ".join(parts),) if parts else ()
    countries = _valid(by_prop, "country")
    if not countries:
        written = (_country_written(t) for t in texts)
        countries = tuple(dict.fromkeys(c for c in written if c))
    postal = ("".join(c for c in v.upper() if c.isalnum()) for v in _values(by_prop, "postalCode"))
    places = {f"place:osm:{v.strip()}" for v in _values(by_prop, "osmId") if v.strip()}
    places |= {f"place:google:{v.strip()}" for v in _values(by_prop, "googlePlaceId") if v.strip()}
    return AddressRecord(
        entity_id,
        texts=texts,
        postal_codes=tuple(dict.fromkeys(p for p in postal if p)),
        cities=_values(by_prop, "city"),
        countries=countries,
        keys=frozenset(keys) | places,
    )


Builder = Callable[[str, list[Any], Iterable[str]], Any]
BUILDERS: dict[str, Builder] = {
    "person": person_record,
    "vessel": vessel_record,
    "organization": organization_record,
    "address": address_record,
}


def build(schema: str, entity_id: str, rows: list[Any], keys: Iterable[str]) -> Any | None:
    """The matcher record of an entity of this schema, or None if no family matches it.

    ``rows`` are its statements (anything with ``prop``, ``value``, ``norm``
    and ``valid``).
    """
    family = family_of(schema)
    if family is None:
        return None
    return BUILDERS[family.name](entity_id, rows, keys)
