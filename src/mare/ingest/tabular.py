"""CSV and Excel rows turned into entities through an FtM-style YAML mapping.

The mapping is followthemoney's own format (``entities:`` with ``schema``,
``keys`` or ``id_column``, and ``properties`` mapped from ``column``,
``columns``, ``literal``, ``template``, ``join``, ``split`` or ``entity``).
followthemoney parses it; Mare reads the raw cell values itself so that a
value followthemoney would discard as unclean is kept and flagged instead.
Entity ids are derived from the key columns, seeded with the data owner so
two partners' row keys never collide.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
import yaml
from followthemoney import model
from followthemoney.exc import InvalidMapping
from followthemoney.mapping import QueryMapping
from followthemoney.mapping.csv import CSVSource

from mare.errors import InputError, RecordError
from mare.ingest.readers import Item
from mare.ingest.record import Record

TABULAR = {".csv", ".tsv", ".xlsx", ".xlsm"}


def load_mapping(path: Path, seed: str) -> tuple[QueryMapping, dict[str, Any]]:
    """Parse a YAML mapping file; returns the FtM query and Mare's own ``mare:`` options."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read mapping {path}: {exc}", source=str(path)) from exc
    if not isinstance(data, dict):
        raise InputError(f"mapping {path} is not a YAML mapping", source=str(path))
    queries = data.get("queries", [data])
    if len(queries) != 1 or not isinstance(queries[0], dict):
        raise InputError(f"mapping {path} must hold exactly one query", source=str(path))
    query = dict(queries[0])
    options = query.pop("mare", None) or data.get("mare") or {}
    query["csv_url"] = "file://mare-ingest"  # the rows are read by Mare, not by FtM
    try:
        mapping = QueryMapping(model, query, key_prefix=seed)
    except InvalidMapping as exc:
        raise InputError(f"invalid mapping {path}: {exc}", source=str(path)) from exc
    return mapping, options


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text or None


def _present(pairs: Iterable[tuple[str | None, Any]]) -> dict[str, str]:
    """The non-empty cells of a row; a missing cell reads as absent, like an empty one."""
    out: dict[str, str] = {}
    for key, value in pairs:
        text = _cell(value)
        if key is not None and text is not None:
            out[key] = text
    return out


def read_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV/TSV file or an Excel sheet as dicts, with their row number in the file."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        try:
            handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}", source=str(path)) from exc
        with handle:
            reader = csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ",")
            for row in reader:
                yield reader.line_num, _present(zip(row.keys(), row.values(), strict=True))
        return
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise InputError(f"cannot read Excel file {path}: {exc}", source=str(path)) from exc
    try:
        ws = book[sheet] if sheet else book.worksheets[0]
    except KeyError:
        raise InputError(f"{path} has no sheet {sheet!r}", source=str(path)) from None
    rows = ws.iter_rows(values_only=True)
    header = [_cell(h) or f"column{i + 1}" for i, h in enumerate(next(rows, ()))]
    for number, values in enumerate(rows, start=2):
        if any(v is not None for v in values):
            yield number, _present(zip(header, values, strict=False))
    book.close()


def _entity_records(mapping: QueryMapping, number: int, row: dict[str, str]) -> list[Record]:
    ids: dict[str, str] = {}
    out: list[Record] = []
    for em in mapping.entities:
        entity_id = em.compute_key(row)
        if entity_id is None:
            continue
        ids[em.name] = entity_id
        props: dict[str, list[str]] = {}
        for pm in em.properties:
            if pm.entity is not None:
                values = [ids[pm.entity]] if pm.entity in ids else []
            else:
                values = [v for v in pm.record_values(row) if v]
                if pm.join is not None:
                    values = [pm.join.join(values)] if values else []
                if pm.split is not None:
                    values = [p.strip() for v in values for p in v.split(pm.split) if p.strip()]
            if values:
                props.setdefault(pm.prop.name, []).extend(values)
        data = {"id": entity_id, "schema": em.schema.name, "properties": props}
        out.append(Record(number, data, source=orjson.dumps(row)))
    return out


def read_tabular(path: Path, mapping: QueryMapping, options: dict[str, Any]) -> Iterator[Item]:
    categories = options.get("categories") or {}
    if not isinstance(categories, dict):
        raise InputError("mapping option mare.categories must map entity names to categories")
    names = [em.name for em in mapping.entities]
    source = mapping.source
    assert isinstance(source, CSVSource)
    for number, row in read_rows(path, options.get("sheet")):
        if not source.check_filters(row):
            continue
        records = _entity_records(mapping, number, row)
        if not records:
            yield RecordError(
                "no entity could be made of the row (empty key columns?)", line=number
            )
            continue
        for name, record in zip(names, records, strict=False):
            record.category = categories.get(name)
        yield from records
