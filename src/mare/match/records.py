"""Matcher records, assembled from statement rows.

A record holds what a family's matcher compares: normalised values only.
An entity's identifiers include those of the entities that point at it: the
passport whose ``holder`` it is, the account it ``owns``, the wallet it
holds. Only values that normalised validly count as dates, countries and
genders; identifier keys count whatever their validity (a forged document
still links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from mare.match.families import family_of
from mare.match.person import PersonRecord

NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
LINK_PROPS = ("holder", "owner")


def person_record(entity_id: str, rows: list[Any], keys: Iterable[str]) -> PersonRecord:
    """A person's names (with name parts joined), valid birth dates, nationalities,
    genders, addresses and identifier keys."""
    by_prop: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        by_prop[row.prop].append(row)
    names = [r.value for p in NAME_PROPS for r in by_prop.get(p, ())]
    parts = [by_prop[p][0].value for p in PART_PROPS if by_prop.get(p)]
    if parts:
        names.append(" ".join(parts))
    births = [r.norm for r in by_prop.get("birthDate", ()) if r.valid and r.norm]
    nations = [
        r.norm
        for p in ("nationality", "citizenship")
        for r in by_prop.get(p, ())
        if r.valid and r.norm
    ]
    genders = [r.norm for r in by_prop.get("gender", ()) if r.valid and r.norm]
    addresses = [r.value for r in by_prop.get("address", ())]
    return PersonRecord(
        entity_id,
        names=tuple(dict.fromkeys(names)),
        birth_dates=tuple(dict.fromkeys(births)),
        nationalities=tuple(dict.fromkeys(nations)),
        genders=tuple(dict.fromkeys(genders)),
        keys=frozenset(keys),
        addresses=tuple(dict.fromkeys(addresses)),
    )


Builder = Callable[[str, list[Any], Iterable[str]], Any]
BUILDERS: dict[str, Builder] = {"person": person_record}


def build(schema: str, entity_id: str, rows: list[Any], keys: Iterable[str]) -> Any | None:
    """The matcher record of an entity of this schema, or None if no family matches it.

    ``rows`` are its statements (anything with ``prop``, ``value``, ``norm``
    and ``valid``).
    """
    family = family_of(schema)
    if family is None:
        return None
    return BUILDERS[family.name](entity_id, rows, keys)
