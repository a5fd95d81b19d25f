"""Person records for the matcher, assembled from the store's statements.

A person's identifiers include those of the entities that point at it: the
passport whose ``holder`` it is, the account it ``owns``, the wallet it holds.
Only values that normalised validly count as dates, countries and genders;
identifier keys count whatever their validity (a forged document still links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any, NamedTuple

from sqlalchemy import select

from mare.errors import RecordError
from mare.ingest.readers import Item
from mare.ingest.record import check
from mare.match.benign import BenignList
from mare.match.person import PersonRecord
from mare.model.values import Hints, clean_value, identifier_key
from mare.store import Store
from mare.store.tables import identifiers, statements

NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
LINK_PROPS = ("holder", "owner")


def _record(entity_id: str, rows: list[Any], keys: Iterable[str]) -> PersonRecord:
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


def _keys_by_entity(store: Store) -> dict[str, set[str]]:
    """Identifier keys per entity, with linked entities' keys given to the person they name."""
    keys: dict[str, set[str]] = defaultdict(set)
    with store.engine.connect() as conn:
        for row in conn.execute(select(identifiers.c.entity_id, identifiers.c.key)):
            keys[row.entity_id].add(row.key)
        links = select(statements.c.entity_id, statements.c.value).where(
            statements.c.prop.in_(LINK_PROPS), statements.c.prop_type == "entity"
        )
        for row in conn.execute(links):
            if row.entity_id in keys:
                keys[row.value] |= keys[row.entity_id]
    return keys


class _Value(NamedTuple):
    entity_id: str
    schema: str
    prop: str
    prop_type: str
    value: str
    norm: str | None
    valid: bool


def file_records(
    items: Iterable[Item], benign: BenignList | None = None
) -> tuple[list[PersonRecord], list[RecordError]]:
    """Person records of FtM entities that are not stored (``mare match``).

    Values are cleaned as ingest would clean them; linked passports, accounts
    and wallets in the same input give their identifier keys to their holder.
    """
    rows: dict[str, list[_Value]] = defaultdict(list)
    keys: dict[str, set[str]] = defaultdict(set)
    errors: list[RecordError] = []
    for item in items:
        if isinstance(item, RecordError):
            errors.append(item)
            continue
        try:
            checked = check(item)
        except RecordError as exc:
            errors.append(exc)
            continue
        errors.extend(checked.problems)
        hints = Hints(checked.schema, checked.props)
        for prop, raw in checked.values:
            cleaned = clean_value(prop, raw, hints)
            rows[checked.entity_id].append(
                _Value(
                    checked.entity_id,
                    checked.schema.name,
                    prop.name,
                    prop.type.name,
                    raw,
                    cleaned.value,
                    cleaned.valid,
                )
            )
            key = identifier_key(cleaned)
            if key:
                keys[checked.entity_id].add(key)
    for entity_id, values in rows.items():
        for v in values:
            if v.prop in LINK_PROPS and v.prop_type == "entity":
                keys[v.value] |= keys[entity_id]
    drop = benign.reasons.keys() if benign else frozenset()
    people = [
        _record(eid, vals, keys.get(eid, set()) - drop)
        for eid, vals in rows.items()
        if any(v.schema == "Person" for v in vals)
    ]
    return people, errors


def person_records(store: Store, benign: BenignList | None = None) -> Iterator[PersonRecord]:
    """Every person the store holds, as a matcher record, ordered by id.

    Identifiers on the benign list are left out: they link nobody.
    """
    keys = _keys_by_entity(store)
    drop = benign.reasons.keys() if benign else frozenset()
    for entity_id, rows in groupby(store.iter_statements(), key=lambda r: r.entity_id):
        group = list(rows)
        if any(r.schema == "Person" for r in group):
            yield _record(entity_id, group, keys.get(entity_id, set()) - drop)
