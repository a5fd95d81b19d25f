"""``mare xref``: the JSON lines contract, resuming after an interruption, generic keys."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from mare.ingest import Defaults, Ingestor
from mare.match.blocking import Index
from mare.match.person import PersonRecord
from mare.match.records import person_records
from mare.match.xref import run
from mare.store import Store
from tests.conftest import EXAMPLES


def _load(store: Store) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(EXAMPLES / "persons.ftm.jsonl", Defaults(owner="GR-HP"))
    ingestor.ingest(EXAMPLES / "message-it.json", Defaults())
    ingestor.ingest(EXAMPLES / "arrests.csv", Defaults(owner="IT-SCO"), EXAMPLES / "arrests.yml")


def test_pairs_follow_the_contract(store: Store, tmp_path: Path) -> None:
    _load(store)
    out = tmp_path / "pairs.jsonl"
    count = run(store, out)
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert len(lines) == count > 0
    for line in lines:
        assert set(line) == {"left", "right", "score", "match", "reasons"}
        assert 0.0 <= line["score"] <= 1.0 and isinstance(line["match"], bool)
    pairs = {frozenset((x["left"], x["right"])): x for x in lines}
    # the Italian arrest record and the Greek record share a passport (via its holder)
    arrested = next(r.id for r in person_records(store) if "Abdelrahman Mohamed" in r.names)
    hit = pairs[frozenset((arrested, "gr-hp-p-001"))]
    assert hit["match"] is True
    assert hit["reasons"][0]["feature"] == "identifier:document"
    # cross-script: the Arabic-script record and the Latin one, same phone and name
    assert pairs[frozenset(("gr-hp-p-001", "gr-hp-p-002"))]["match"] is True
    assert not out.with_name("pairs.jsonl.progress").exists()


def test_resume_after_interruption(store: Store, tmp_path: Path) -> None:
    _load(store)
    whole = tmp_path / "whole.jsonl"
    run(store, whole)
    cut = tmp_path / "cut.jsonl"

    class Stop(Exception):
        pass

    def stop_after_first(done: int, total: int) -> None:
        raise Stop

    with pytest.raises(Stop):
        run(store, cut, stop_after_first)
    assert cut.with_name("cut.jsonl.progress").exists()
    with cut.open("ab") as handle:  # a half-written line from the crash
        handle.write(b'{"left": "half')
    run(store, cut)
    assert cut.read_bytes() == whole.read_bytes()


def test_generic_keys_generate_no_candidates() -> None:
    hotline = "phone:+33123456789"
    records = [
        PersonRecord(f"p{i}", names=(f"Person{i} X{i}",), keys=frozenset({hotline}))
        for i in range(5)
    ]
    index = Index(records, generic=3)
    assert index.generic_keys == {hotline: 5}
    assert list(index.pairs()) == []
    assert len(list(Index(records, generic=10).pairs())) == 10
