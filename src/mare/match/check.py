"""``mare match``: check entities against the store without storing them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from mare.errors import RecordError
from mare.ingest.readers import Item, read_jsonl
from mare.ingest.record import check
from mare.match.benign import BenignList
from mare.match.families import family_of
from mare.match.index import Hit, Index
from mare.match.records import ASSET_PROPS, LINK_PROPS, build, donates
from mare.model.codes import SubjectCategory
from mare.model.values import Hints, clean_value, identifier_keys
from mare.store import Store


class Value(NamedTuple):
    entity_id: str
    schema: str
    prop: str
    prop_type: str
    value: str
    norm: str | None
    valid: bool
    category: str | None = None  # the data-subject category of a person


def _category(item: Any) -> str | None:
    """A record's data-subject category (its own ``category`` field), as ingest
    would store it, or None."""
    given = item.category or (item.data.get("category") if isinstance(item.data, dict) else None)
    if not isinstance(given, str):
        return None
    try:
        found = SubjectCategory.parse(given)
    except RecordError:
        return None
    return found.value if found is not None else None


def file_records(items: Iterable[Item]) -> tuple[dict[str, tuple[str, Any]], list[RecordError]]:
    """Records of FtM entities that are not stored (``mare match``), by entity id,
    each with its schema.

    Values are cleaned as ingest would clean them; linked passports, accounts
    and wallets in the same input give their identifier keys to their holder
    or owner, an Ownership those of its asset to its owner (a vessel keeps its
    own: it is matched itself).
    """
    rows: dict[str, list[Value]] = defaultdict(list)
    schemas: dict[str, str] = {}
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
        schemas[checked.entity_id] = checked.schema.name
        category = _category(item)
        for prop, raw in checked.values:
            cleaned = clean_value(prop, raw, hints)
            rows[checked.entity_id].append(
                Value(
                    checked.entity_id,
                    checked.schema.name,
                    prop.name,
                    prop.type.name,
                    raw,
                    cleaned.value,
                    cleaned.valid,
                    category,
                )
            )
            keys[checked.entity_id].update(identifier_keys(cleaned))
    for entity_id, values in rows.items():
        if not donates(schemas[entity_id]):
            continue
        given = set(keys[entity_id])
        for v in values:  # an ownership passes on its asset's keys
            if (
                v.prop in ASSET_PROPS
                and v.prop_type == "entity"
                and donates(schemas.get(v.value, ""))
            ):
                given |= keys[v.value]
        for v in values:
            if v.prop in LINK_PROPS and v.prop_type == "entity":
                keys[v.value] |= given
    out: dict[str, tuple[str, Any]] = {}
    for entity_id, values in rows.items():
        record = build(schemas[entity_id], entity_id, values, keys.get(entity_id, set()))
        if record is not None:
            out[entity_id] = (schemas[entity_id], record)
    return out, errors


def check_file(
    store: Store, path: Path, benign: BenignList | None = None
) -> tuple[list[Hit], list[RecordError]]:
    """Hits of the file's entities, best first for each: every pair in the match or
    review band, and every pair sharing an identifier (``link``).

    Values are cleaned as ingest cleans them and linked passports, accounts
    and wallets in the file give their keys to their holder; nothing is
    written. In each hit, ``left`` is the file's record and ``right`` the held one.
    """
    found, errors = file_records(item for item, _ in read_jsonl(path))
    queries = []
    for schema, record in found.values():
        family = family_of(schema)
        assert family is not None  # file_records builds records of matched families only
        queries.append((family, record, None))
    with store.engine.connect() as conn:
        arrival = Index(conn, benign).check(queries, ordered=False)
    hits = sorted(arrival.hits, key=lambda h: (h.left.id, -h.result.score, h.right.id))
    return hits, errors
