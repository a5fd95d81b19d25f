"""``mare xref``: the JSON lines contract, resuming after an interruption."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from sqlalchemy import select

from mare.ingest import Defaults, Ingestor
from mare.match.xref import run
from mare.store import Store
from mare.store.tables import match_records
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
    shared = [
        x
        for x in lines
        if "gr-hp-p-001" in (x["left"], x["right"])
        and x["reasons"][0]["feature"] == "identifier:document"
    ]
    assert len(shared) == 1 and shared[0]["match"] is True
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


def test_parallel_workers_write_the_same_file(store: Store, tmp_path: Path) -> None:
    _load(store)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    count = run(store, one, chunk=2)
    assert run(store, two, workers=2, chunk=2) == count > 0
    assert one.read_bytes() == two.read_bytes()


def test_every_family_is_scored_with_its_own_threshold(store: Store, tmp_path: Path) -> None:
    from mare.match.families import FAMILIES

    _load(store)
    out = tmp_path / "pairs.jsonl"
    run(store, out)
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    with store.engine.connect() as conn:
        query = select(match_records.c.entity_id, match_records.c.family)
        families = {eid: family for eid, family in conn.execute(query)}
    for line in lines:
        family = FAMILIES[families[line["left"]]]
        assert families[line["right"]] == family.name
        assert line["match"] is (line["score"] >= family.match)
    # the vessel of the Italian message and the Greek one share an IMO number
    (vessel,) = [x for x in lines if (x["left"], x["right"]) == ("gr-hp-v-001", "it-sco-v-3")]
    assert vessel["match"] is True and vessel["reasons"][0]["feature"] == "identifier:imo"
