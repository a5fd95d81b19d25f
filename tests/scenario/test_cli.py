"""``mare scenario generate``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from mare.cli.main import app


def test_generate_writes_the_scenario(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["scenario", "generate", "--seed", "3", "--scale", "300", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "messages from" in result.output
    assert (tmp_path / "truth.jsonl").stat().st_size > 0
    assert (tmp_path / "partners.json").exists()
    assert list((tmp_path / "messages").glob("*.json"))


def test_an_unknown_scale_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["scenario", "generate", "--scale", "huge", "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "unknown scale" in result.output
