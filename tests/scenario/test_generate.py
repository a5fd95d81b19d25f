"""The simulator is deterministic, streams to disk and honours its scale."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from mare.scenario import generate, parse_scale
from tests.scenario.conftest import SCALE, SEED


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_the_same_bytes(scenario: Path, tmp_path: Path) -> None:
    generate(SEED, SCALE, tmp_path)
    assert _digest(tmp_path) == _digest(scenario)


def test_another_seed_gives_another_scenario(scenario: Path, tmp_path: Path) -> None:
    generate(SEED + 1, SCALE, tmp_path)
    mine, theirs = _digest(tmp_path), _digest(scenario)
    assert mine["truth.jsonl"] != theirs["truth.jsonl"]
    assert not set(mine.items()) & {(k, v) for k, v in theirs.items() if "messages" in k}


def test_regenerating_replaces_the_messages(tmp_path: Path) -> None:
    generate(1, 300, tmp_path)
    first = {p.name for p in (tmp_path / "messages").iterdir()}
    generate(2, 300, tmp_path)
    second = {p.name for p in (tmp_path / "messages").iterdir()}
    truth_files = {
        str(line["file"]).split("/")[1]
        for line in map(orjson.loads, (tmp_path / "truth.jsonl").read_bytes().split(b"\n")[:-1])
        if line["kind"] == "message"
    }
    assert second == truth_files and first != second


def test_scale_is_reached_and_recorded(scenario: Path) -> None:
    manifest = orjson.loads((scenario / "scenario.json").read_bytes())
    assert manifest["seed"] == SEED
    assert manifest["entities"] >= parse_scale(SCALE)
    files = list((scenario / "messages").glob("*.json"))
    assert len(files) == manifest["messages"]
    assert sum(len(orjson.loads(f.read_bytes())["entities"]) for f in files) == manifest["entities"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("tiny", 600), ("demo", 3000), ("50k", 50_000), ("1M", 1_000_000), ("1234", 1234)],
)
def test_scales(text: str, value: int) -> None:
    assert parse_scale(text) == value


def test_unknown_scale() -> None:
    with pytest.raises(ValueError, match="unknown scale"):
        parse_scale("huge")


def test_partners_file_lists_every_sender_and_recipient(scenario: Path) -> None:
    partners = orjson.loads((scenario / "partners.json").read_bytes())
    ids = {p["id"] for p in partners}
    assert all(set(p) == {"id", "name", "country"} for p in partners)
    sent = [orjson.loads(f.read_bytes()) for f in (scenario / "messages").iterdir()]
    named = {m["sender"] for m in sent} | {r for m in sent for r in m["recipients"]}
    assert named - {"HUB"} == ids


def test_output_does_not_depend_on_the_hash_seed(scenario: Path, tmp_path: Path) -> None:
    code = f"from mare.scenario import generate; generate({SEED}, {SCALE!r}, {str(tmp_path)!r})"
    env = {**os.environ, "PYTHONHASHSEED": "4242"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
    assert _digest(tmp_path) == _digest(scenario)
