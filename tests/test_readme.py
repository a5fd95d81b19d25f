"""The README's walkthrough runs as written (on a temporary store)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mare.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[list[str]]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [shlex.split(line)[1:] for line in lines if line.startswith(".venv/bin/mare ")]


def test_the_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = _commands()
    assert len(commands) >= 8
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    for args in commands:
        args = [str(tmp_path / Path(a).name) if a.startswith("out/") else a for a in args]
        result = runner.invoke(app, args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, f"mare {' '.join(args)}: {result.stderr or result.stdout}"
    assert (tmp_path / "walk.jsonl").stat().st_size > 0
    assert (tmp_path / "walk-pairs.jsonl").stat().st_size > 0
