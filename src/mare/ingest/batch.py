"""One batch of records: prepared (checked, normalised, rows built) and then written.

Preparing is pure Python work with no database access; writing happens inside
the batch's one transaction, including everything that depends on what the
store already holds (merging an entity's schema with the one held). Running
the two in overlapping threads was measured slower (GIL contention), so the
pipeline runs them in turn.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from mare.errors import RecordError
from mare.ingest.readers import Item
from mare.ingest.record import Checked, check
from mare.model.codes import Evaluation, SubjectCategory
from mare.model.provenance import Provenance, utcnow
from mare.model.statement import statement_row
from mare.model.values import Hints, clean_value, identifier_keys
from mare.store.store import Writer
from mare.store.tables import identifiers, rejects, statements

MAX_KEY = 255
Row = dict[str, Any]


def reject_row(source_id: str, file: str, error: RecordError, entity_id: str | None) -> Row:
    key = f"{source_id}\x1f{error.line}\x1f{entity_id}\x1f{error.field}\x1f{error.reason}"
    return {
        "id": hashlib.sha1(key.encode()).hexdigest(),
        "source_id": source_id,
        "file": file,
        "line": error.line,
        "entity_id": entity_id,
        "field": error.field,
        "reason": error.reason,
        "record": error.record[:10_000] if error.record else None,
        "created_at": utcnow(),
    }


@dataclass(slots=True)
class Entry:
    """One checked record with its statement and identifier rows."""

    checked: Checked
    statements: list[Row]
    keys: list[Row]
    invalid: int
    problems: list[RecordError]


@dataclass(slots=True)
class Prepared:
    """A batch ready to write: entries, and the records rejected before writing."""

    entries: list[Entry] = field(default_factory=list)
    rejected: list[tuple[RecordError, str | None]] = field(default_factory=list)
    records: int = 0


@dataclass(slots=True)
class Outcome:
    """What writing a batch did."""

    records: int = 0
    statements: int = 0
    invalid: int = 0
    entities: list[str] = field(default_factory=list)
    rejects: list[RecordError] = field(default_factory=list)


def _provenance(entry: Checked, base: Provenance) -> Provenance:
    record = entry.record
    prov = base
    if record.evaluation:
        prov = prov.with_evaluation(Evaluation.parse(str(record.evaluation)))
    category = SubjectCategory.parse(record.category) if record.category else base.category
    return prov.with_category(category if entry.schema.is_a("Person") else None)


def _rows(entry: Checked, prov: Provenance, seen: datetime) -> Entry:
    hints = Hints(entry.schema, entry.props)
    schema = entry.schema.name
    stmts: list[Row] = []
    keys: list[Row] = []
    invalid = 0
    entity_id = entry.entity_id
    for prop, raw in entry.values:
        cleaned = clean_value(prop, raw, hints)
        row = statement_row(
            entity_id,
            schema,
            prop.name,
            prop.type.name,
            raw,
            cleaned.value,
            cleaned.valid,
            cleaned.reason,
            prov,
            seen,
        )
        stmts.append(row)
        invalid += not cleaned.valid
        for key in identifier_keys(cleaned):
            if len(key) <= MAX_KEY:
                keys.append(
                    {
                        "key": key,
                        "statement_id": row["id"],
                        "entity_id": entity_id,
                        "valid": cleaned.valid,
                    }
                )
    for problem in entry.problems:
        problem.record = entry.record.raw
    return Entry(entry, stmts, keys, invalid, entry.problems)


def prepare(batch: list[Item], base: Provenance, seen: datetime) -> Prepared:
    """Check and normalise a batch; no database access."""
    out = Prepared(records=len(batch))
    for item in batch:
        if isinstance(item, RecordError):
            out.rejected.append((item, None))
            continue
        try:
            checked = check(item)
            prov = _provenance(checked, base)
        except RecordError as exc:
            exc.record = exc.record or item.raw
            out.rejected.append((exc, item.data.get("id") if isinstance(item.data, dict) else None))
            continue
        out.entries.append(_rows(checked, prov, seen))
    return out


def _merge_schema(entry: Checked, schemas: dict[str, str]) -> str:
    held = schemas.get(entry.entity_id)
    if held is None or held == entry.schema.name:
        return str(entry.schema.name)
    try:
        return str(model.common_schema(held, entry.schema).name)
    except InvalidData:
        raise RecordError(
            f"entity {entry.entity_id} is held as a {held}; a {entry.schema.name} "
            "cannot be merged into it",
            field="schema",
            line=entry.record.line,
            record=entry.record.raw,
        ) from None


def _foreign(entry: Checked, owner: str, owners: dict[str, set[str]]) -> RecordError | None:
    """An entity id already held for another organisation is refused: ids are their
    sender's, and two organisations' records are never merged under one id."""
    others = owners.get(entry.entity_id, set()) - {owner}
    if not others:
        return None
    return RecordError(
        f"entity {entry.entity_id} is already held for another organisation; entity ids "
        "are their sender's own: send this record under an id of yours",
        field="id",
        line=entry.record.line,
        record=entry.record.raw,
    )


def write(
    w: Writer,
    prepared: Prepared,
    source_id: str,
    file: str,
    seen: datetime,
    owner: str | None = None,
) -> Outcome:
    """Write a prepared batch inside the writer's transaction.

    With ``owner`` (the data owner), a record whose entity id is already held
    for another organisation is rejected instead of merged.
    """
    outcome = Outcome(records=prepared.records)
    rejected = list(prepared.rejected)
    held = w.held_entities({e.checked.entity_id for e in prepared.entries})
    owners = w.held_owners(held) if owner is not None else {}
    schemas = {entity_id: row.schema for entity_id, row in held.items()}
    entity_rows: dict[str, Row] = {}
    stmt_rows: list[Row] = []
    key_rows: list[Row] = []
    for entry in prepared.entries:
        entity_id = entry.checked.entity_id
        foreign = _foreign(entry.checked, owner, owners) if owner is not None else None
        if foreign is not None:
            rejected.append((foreign, entity_id))
            continue
        try:
            schema = _merge_schema(entry.checked, schemas)
        except RecordError as exc:
            rejected.append((exc, entity_id))
            continue
        rejected.extend((problem, entity_id) for problem in entry.problems)
        schemas[entity_id] = schema
        entity_rows[entity_id] = {
            "id": entity_id,
            "schema": schema,
            "first_seen": seen,
            "last_seen": seen,
        }
        stmt_rows.extend(entry.statements)
        key_rows.extend(entry.keys)
        outcome.statements += len(entry.statements)
        outcome.invalid += entry.invalid
        outcome.entities.append(entity_id)
    w.put_entities(sorted(entity_rows.values(), key=lambda r: r["id"]), held)
    w.insert_new(statements, stmt_rows)
    w.insert_new(identifiers, key_rows)
    w.insert_new(rejects, [reject_row(source_id, file, e, eid) for e, eid in rejected])
    outcome.rejects = [e for e, _ in rejected]
    return outcome
