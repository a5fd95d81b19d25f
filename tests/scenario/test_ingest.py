"""The scenario ingests into a fresh store: the only rejects are the deliberate faults,
rejected for the reason the truth states; deliberately invalid values are flagged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from mare.errors import InputError
from mare.ingest import Defaults, Ingestor
from mare.store import Store
from mare.store.tables import rejects, statements


@pytest.fixture(scope="module")
def ingested(scenario: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("store") / "mare.db"
    refused: dict[str, str] = {}
    with Store.open(f"sqlite:///{db}") as store:
        ingestor = Ingestor(store)
        for path in sorted((scenario / "messages").glob("*.json")):
            try:
                ingestor.ingest(path, Defaults())
            except InputError as exc:
                refused[f"messages/{path.name}"] = str(exc)
        with store.engine.connect() as conn:
            found = conn.execute(
                sa.select(rejects.c.file, rejects.c.line, rejects.c.field, rejects.c.reason)
            ).all()
            invalid = conn.execute(
                sa.select(
                    statements.c.entity_id,
                    statements.c.prop,
                    statements.c.value,
                    statements.c.reason,
                ).where(statements.c.valid.is_(False))
            ).all()
            held = {row[0] for row in conn.execute(sa.select(statements.c.entity_id))}
    return {
        "refused": refused,
        "rejects": found,
        "invalid": invalid,
        "held": held,
        "root": scenario,
    }


def _faults(truth: list[dict[str, Any]], scope: str) -> list[dict[str, Any]]:
    return [t for t in truth if t["kind"] == "malformed" and t["scope"] == scope]


def test_the_only_rejects_are_the_deliberate_faults(
    ingested: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    root = ingested["root"]
    found = sorted(
        (str(Path(f).relative_to(root)), line, field) for f, line, field, _ in ingested["rejects"]
    )
    expected = sorted((t["file"], t["line"], t["field"]) for t in _faults(truth, "record"))
    assert found == expected
    assert expected, "the tiny scenario has deliberate faults"


def test_rejects_give_the_stated_reason(
    ingested: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    root = ingested["root"]
    reasons = {
        (str(Path(f).relative_to(root)), line): reason for f, line, _, reason in ingested["rejects"]
    }
    for fault in _faults(truth, "record"):
        assert fault["reason"] in reasons[(fault["file"], fault["line"])]


def test_faulty_messages_are_refused_whole_for_the_stated_reason(
    ingested: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    faults = {t["file"]: t for t in _faults(truth, "message")}
    assert set(ingested["refused"]) == set(faults)
    for file, error in ingested["refused"].items():
        assert faults[file]["reason"] in error


def test_every_kind_of_fault_occurs(truth: list[dict[str, Any]]) -> None:
    from mare.scenario.malformed import EXPECTED

    reasons = {t["reason"] for t in truth if t["kind"] == "malformed"}
    assert reasons == {reason for _, reason, _ in EXPECTED.values()}


def test_entities_not_rejected_are_held(
    ingested: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    kept = {t["entity"] for t in truth if t["kind"] == "record" and not t.get("rejected")}
    assert kept <= ingested["held"]
    rejected_only = {t["entity"] for t in truth if t["kind"] == "record" and t.get("rejected")}
    assert not (rejected_only - kept) & ingested["held"]


def test_deliberately_invalid_values_are_flagged(
    ingested: dict[str, Any], truth: list[dict[str, Any]]
) -> None:
    flagged = {(e, p, v) for e, p, v, _ in ingested["invalid"]}
    meant = {
        (t["entity"], v["prop"], v["value"])
        for t in truth
        if t["kind"] == "record" and not t.get("rejected")
        for v in t["values"]
        if v.get("invalid")
    }
    assert meant <= flagged
