"""A kill mid-ingest leaves no half-written entity, and a re-run completes it exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import orjson
import pytest
from sqlalchemy import func, select

from mare.match.postings import key_hash
from mare.store import Store
from mare.store.tables import match_key_counts, match_records

N = 6000


def _write_entities(path: Path) -> Counter[str]:
    expected: Counter[str] = Counter()
    with path.open("wb") as handle:
        for i in range(N):
            props = {
                "name": [f"Person {i}", f"Alias {i}"],
                "phone": [f"+21891{i:07d}"],
                "birthDate": [f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}"],
                "nationality": ["ly"],
            }
            entity = {"id": f"p{i}", "schema": "Person", "properties": props}
            handle.write(orjson.dumps(entity) + b"\n")
            expected[f"p{i}"] = sum(len(v) for v in props.values())
    return expected


def _ingest(path: Path, url: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, MARE_DATABASE_URL=url, MARE_BATCH_SIZE="50")
    return subprocess.Popen(
        [sys.executable, "-m", "mare", "ingest", str(path), "--owner", "LY"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _check_whole(store: Store, expected: Counter[str]) -> int:
    held = Counter(row.entity_id for row in store.iter_statements())
    for entity_id, count in held.items():
        assert count == expected[entity_id], f"{entity_id} is half-written"
    return len(held)


@pytest.mark.slow
def test_kill_mid_ingest(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    expected = _write_entities(path)
    with Store.open(store_url) as store:  # migrate first, so the child only writes
        pass
    proc = _ingest(path, store_url)
    deadline = time.monotonic() + 120
    with Store.open(store_url) as store:
        while store.counts()["statements"] < 2000:
            assert proc.poll() is None, "ingest ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partial = _check_whole(store, expected)
        assert 0 < partial < N
        assert store.sources()[0].status == "partial"
    proc = _ingest(path, store_url)
    assert proc.wait(timeout=300) == 0, proc.stderr.read() if proc.stderr else ""
    with Store.open(store_url) as store:
        assert _check_whole(store, expected) == N
        counts = store.counts()
        assert counts["statements"] == sum(expected.values())
        assert counts["entities"] == N
        assert counts["identifiers"] == N  # one phone each
        assert store.sources()[0].status == "complete"
        # the cross-check index was written in the same transactions: one record each
        with store.engine.connect() as conn:
            held = conn.execute(select(func.count()).select_from(match_records)).scalar_one()
            persons = conn.execute(
                select(match_key_counts.c.n).where(match_key_counts.c.key == key_hash("#person"))
            ).scalar_one()
        assert held == persons == N
