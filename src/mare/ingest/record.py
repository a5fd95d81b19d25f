"""One incoming entity record, checked against the followthemoney model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.property import Property
from followthemoney.schema import Schema

from mare.errors import RecordError

MAX_ID = 255
MAX_VALUE = 65_536


@dataclass(slots=True)
class Record:
    """An FtM entity as a reader found it, with where it stood and per-record provenance."""

    line: int | None
    data: Any
    source: bytes | str | None = None  # the record as it stood in the file
    category: str | None = None
    evaluation: str | None = None

    @property
    def raw(self) -> str | None:
        """The record's original text (decoded only when a reject needs it)."""
        if isinstance(self.source, bytes):
            return self.source.decode("utf-8", errors="replace").rstrip("\r\n")
        return self.source


@dataclass(slots=True)
class Checked:
    """A record that passed the checks: its schema and the values of known properties."""

    record: Record
    entity_id: str
    schema: Schema
    values: list[tuple[Property, str]]
    problems: list[RecordError] = field(default_factory=list)

    @property
    def props(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for prop, value in self.values:
            out.setdefault(prop.name, []).append(value)
        return out


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return str(value)
    return None


def check(record: Record) -> Checked:
    """Check an entity record; whole-record faults raise, single bad values become problems.

    A record without a usable id or schema cannot be stored and is rejected
    whole. An unknown property or a value of the wrong shape rejects only that
    value: the rest of the record is kept.
    """
    data = record.data
    line = record.line
    if not isinstance(data, dict):
        raise RecordError("record is not a JSON object", line=line)
    entity_id = data.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise RecordError("entity has no id", field="id", line=line)
    if len(entity_id) > MAX_ID:
        raise RecordError(f"entity id is longer than {MAX_ID} characters", field="id", line=line)
    schema_name = data.get("schema")
    if not isinstance(schema_name, str) or not schema_name:
        raise RecordError("entity has no schema", field="schema", line=line)
    schema = model.get(schema_name)
    if schema is None:
        raise RecordError(f"unknown schema {schema_name!r}", field="schema", line=line)
    if schema.abstract:
        raise RecordError(
            f"schema {schema.name!r} is abstract; use a concrete one", field="schema", line=line
        )
    properties = data.get("properties", {})
    if not isinstance(properties, dict):
        raise RecordError("'properties' is not an object", field="properties", line=line)
    checked = Checked(record, entity_id, schema, [])
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None or prop.stub:
            checked.problems.append(
                RecordError(f"{schema.name} has no property {name!r}", field=name, line=line)
            )
            continue
        if not isinstance(values, list):
            values = [values]
        for value in values:
            text = _as_text(value)
            if text is None:
                checked.problems.append(
                    RecordError(f"value {value!r} is not text", field=name, line=line)
                )
            elif len(text) > MAX_VALUE:
                checked.problems.append(
                    RecordError(
                        f"value is longer than {MAX_VALUE} characters", field=name, line=line
                    )
                )
            elif text.strip():
                checked.values.append((prop, text))
    return checked
