"""Ingest on both backends: provenance, rejects, idempotence, round trip."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from mare.errors import InputError
from mare.ingest import Defaults, Ingestor
from mare.store import Store
from mare.store.export import iter_entities
from tests.conftest import EXAMPLES


def _ingest(store: Store, name: str, **defaults: str) -> object:
    return Ingestor(store, batch_size=3).ingest(EXAMPLES / name, Defaults(**defaults))


def _read(path: Path) -> dict[str, dict[str, object]]:
    out = {}
    for line in path.read_bytes().splitlines():
        data = orjson.loads(line)
        out[data["id"]] = data
    return out


def _by_value(entity: dict[str, object]) -> tuple[str, dict[str, set[str]]]:
    props = entity["properties"]
    assert isinstance(props, dict)
    return str(entity["schema"]), {k: set(v) for k, v in props.items()}


def test_round_trip_is_lossless(store: Store) -> None:
    _ingest(store, "persons.ftm.jsonl", owner="GR-HP")
    sent = _read(EXAMPLES / "persons.ftm.jsonl")
    back = {e["id"]: e for e in iter_entities(store)}
    assert set(back) == set(sent)
    for entity_id, entity in sent.items():
        assert _by_value(back[entity_id]) == _by_value(entity)


def test_provenance_is_kept_per_value(store: Store) -> None:
    _ingest(
        store,
        "persons.ftm.jsonl",
        owner="GR-HP",
        handling="H1",
        evaluation="B2",
        category="suspect",
    )
    rows = store.statements("gr-hp-p-001")
    assert rows
    for row in rows:
        assert (row.owner, row.handling, row.evaluation, row.category) == (
            "GR-HP",
            "H1",
            "B2",
            "suspect",
        )
        assert row.review_date.year == row.first_seen.year + 3
    passport = store.statements("gr-hp-d-001")
    assert {r.category for r in passport} == {None}  # categories are for persons only


def test_identifiers_are_normalised_and_indexed(store: Store) -> None:
    _ingest(store, "persons.ftm.jsonl", owner="GR-HP")
    # "00218 91 234 5678" and Arabic-Indic "٠٠٢١٨٩١٢٣٤٥٦٧٨" are one number
    holders = {r.entity_id for r in store.lookup("phone:+218912345678")}
    assert holders == {"gr-hp-p-001", "gr-hp-p-002"}
    assert {r.entity_id for r in store.lookup("imo:9074729")} == {"gr-hp-v-001"}
    assert {r.entity_id for r in store.lookup("iban:DE89370400440532013000")} == {"gr-hp-b-001"}
    assert {r.entity_id for r in store.lookup("document:eg:A12345678")} == {"gr-hp-d-001"}


def test_broken_records_are_rejected_and_the_rest_kept(store: Store) -> None:
    report = _ingest(store, "broken.jsonl")
    reasons = {(e.line, e.field): e.reason for e in report.rejects}  # type: ignore[attr-defined]
    assert "unknown schema" in reasons[(2, "schema")]
    assert "no id" in reasons[(3, "id")]
    assert "no property 'shoeSize'" in reasons[(4, "shoeSize")]
    assert "not valid JSON" in reasons[(5, None)]
    assert "abstract" in reasons[(7, "schema")]
    stored = {e["id"] for e in iter_entities(store)}
    assert stored == {"br-001", "br-004", "br-006", "br-008"}
    # invalid values are kept, flagged, with the reason
    leila = {r.prop: r for r in store.statements("br-004")}
    assert leila["phone"].valid is False and leila["phone"].reason
    assert leila["name"].valid is True
    imo = store.statements("br-006")
    assert [r.valid for r in imo if r.prop == "imoNumber"] == [False]
    date = [r for r in store.statements("br-008") if r.prop == "birthDate"]
    assert date[0].valid is False
    rows = store.rejects()
    assert len(rows) == len(report.rejects)  # type: ignore[attr-defined]
    assert all(r.file.endswith("broken.jsonl") and r.reason for r in rows)


def test_ingesting_twice_changes_nothing(store: Store) -> None:
    for name in ("persons.ftm.jsonl", "broken.jsonl", "message-it.json"):
        _ingest(store, name)
    before = store.counts()
    before_rows = {r.id: r for e in ("gr-hp-p-001", "it-sco-p-17") for r in store.statements(e)}
    for name in ("persons.ftm.jsonl", "broken.jsonl", "message-it.json"):
        _ingest(store, name)
    assert store.counts() == before
    after_rows = {r.id: r for e in ("gr-hp-p-001", "it-sco-p-17") for r in store.statements(e)}
    assert after_rows == before_rows


def test_message_envelope_carries_its_provenance(store: Store) -> None:
    report = _ingest(store, "message-it.json")
    source = store.source(report.source_id)  # type: ignore[attr-defined]
    assert source is not None
    assert (source.kind, source.owner, source.handling, source.case_ref) == (
        "message",
        "IT-SCO",
        "H2",
        "OP-SEAGULL",
    )
    assert orjson.loads(source.recipients) == ["HUB", "GR-HP"]
    assert source.status == "complete"
    skipper = store.statements("it-sco-p-17")
    assert {(r.owner, r.handling, r.evaluation, r.category) for r in skipper} == {
        ("IT-SCO", "H2", "B2", "suspect")
    }
    contact = store.statements("it-sco-p-18")
    assert {r.category for r in contact} == {"contact"}
    # seen = the message's sent time, not the time of ingest
    assert skipper[0].first_seen.isoformat().startswith("2026-10-14T07:30")


def test_a_broken_envelope_is_rejected_whole(store: Store, tmp_path: Path) -> None:
    bad = orjson.loads((EXAMPLES / "message-it.json").read_bytes())
    bad["handling"] = "H7"
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(bad))
    with pytest.raises(InputError, match="handling"):
        Ingestor(store).ingest(path, Defaults())
    bad["handling"] = "H3"
    path.write_bytes(orjson.dumps(bad))
    with pytest.raises(InputError, match="restriction"):
        Ingestor(store).ingest(path, Defaults())
    assert store.counts()["statements"] == 0


def test_csv_through_a_mapping(store: Store) -> None:
    report = Ingestor(store).ingest(
        EXAMPLES / "arrests.csv", Defaults(owner="IT-SCO"), EXAMPLES / "arrests.yml"
    )
    assert not report.rejects
    persons = [e for e in iter_entities(store) if e["schema"] == "Person"]
    assert len(persons) == 3
    names = {v for p in persons for v in p["properties"]["name"]}
    assert "Tarek Ben Salah" in names
    tarek = next(p for p in persons if "Tarek Ben Salah" in p["properties"]["name"])
    rows = store.statements(str(tarek["id"]))
    assert {r.category for r in rows} == {"suspect"}
    assert {r.entity_id for r in store.lookup("phone:+201001234567")}
    events = [e for e in iter_entities(store) if e["schema"] == "Event"]
    assert {v for e in events for v in e["properties"]["name"]} >= {"Arrest IT-PA-2026-0113"}


def test_excel_through_the_same_mapping(store: Store, tmp_path: Path) -> None:
    import csv

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    with (EXAMPLES / "arrests.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    path = tmp_path / "arrests.xlsx"
    book.save(path)
    Ingestor(store).ingest(path, Defaults(owner="IT-SCO"), EXAMPLES / "arrests.yml")
    from_excel = sorted(orjson.dumps(e, option=orjson.OPT_SORT_KEYS) for e in iter_entities(store))
    assert len(from_excel) == 3 + 1 + 3  # persons, one passport, arrests


def test_tabular_needs_a_mapping(store: Store) -> None:
    with pytest.raises(InputError, match="mapping"):
        Ingestor(store).ingest(EXAMPLES / "arrests.csv", Defaults())


def test_schema_conflicts_are_rejected(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "conflict.jsonl"
    path.write_text(
        '{"id": "x1", "schema": "LegalEntity", "properties": {"name": ["A"]}}\n'
        '{"id": "x1", "schema": "Person", "properties": {"birthDate": ["1980"]}}\n'
        '{"id": "x1", "schema": "Company", "properties": {"name": ["B"]}}\n'
    )
    report = Ingestor(store, batch_size=1).ingest(path, Defaults())
    assert [(e.line, e.field) for e in report.rejects] == [(3, "schema")]
    entity = store.entity("x1")
    assert entity is not None and entity.schema == "Person"


def test_same_source_with_other_owner_is_refused(store: Store) -> None:
    _ingest(store, "persons.ftm.jsonl", owner="GR-HP")
    with pytest.raises(InputError, match="already held"):
        _ingest(store, "persons.ftm.jsonl", owner="IT-SCO")


def test_bad_provenance_flags(store: Store) -> None:
    with pytest.raises(InputError, match="evaluation"):
        _ingest(store, "persons.ftm.jsonl", evaluation="Z9")
    with pytest.raises(InputError, match="category"):
        _ingest(store, "persons.ftm.jsonl", category="bystander")


def test_a_line_that_is_not_utf8_is_rejected_alone(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        b'{"id": "u1", "schema": "Person", "properties": {"name": ["Ok"]}}\n'
        b'{"id": "u2", "schema": "Person", "properties": {"name": ["Caf\xe9"]}}\n'
        b"\n"
        b'{"id": "u3", "schema": "Person", "properties": {"name": ["Also ok"]}}\n'
    )
    report = Ingestor(store).ingest(path, Defaults())
    assert [(e.line, "UTF-8" in e.reason) for e in report.rejects] == [(2, True)]
    assert {e["id"] for e in iter_entities(store)} == {"u1", "u3"}


def test_a_broken_message_file_is_one_clear_error(store: Store, tmp_path: Path) -> None:
    text = (EXAMPLES / "message-it.json").read_text(encoding="utf-8")
    path = tmp_path / "cut.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        Ingestor(store).ingest(path, Defaults())
    assert store.counts()["statements"] == 0


def test_json_lines_with_a_json_suffix(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "entities.json"
    path.write_bytes((EXAMPLES / "persons.ftm.jsonl").read_bytes())
    report = Ingestor(store).ingest(path, Defaults(owner="GR-HP"))
    assert not report.rejects and len(report.entities) == 11
