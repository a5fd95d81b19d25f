"""The command line, run as a user would (in-process, real store)."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from mare.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    return result.exit_code, result.stdout, result.stderr


def test_ingest_show_lookup_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    code, out, _ = _run(
        "ingest",
        str(EXAMPLES / "persons.ftm.jsonl"),
        "--owner",
        "GR-HP",
        "--evaluation",
        "B2",
        "--category",
        "suspect",
        "--db",
        db,
    )
    assert code == 0, out
    assert "11 entities" in out
    code, out, _ = _run("show", "gr-hp-p-001", "--db", db)
    assert code == 0 and "GR-HP" in out and "B2" in out and "suspect" in out
    code, out, _ = _run("lookup", "phone:+218912345678", "--db", db)
    assert code == 0 and "gr-hp-p-001" in out and "gr-hp-p-002" in out
    target = tmp_path / "out.jsonl"
    code, _, _ = _run("export", "--out", str(target), "--db", db)
    assert code == 0
    assert len(target.read_bytes().splitlines()) == 11
    assert orjson.loads(target.read_bytes().splitlines()[0])["id"]


def test_rejects_are_reported_on_stderr_and_listed(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    code, out, err = _run("ingest", str(EXAMPLES / "broken.jsonl"), "--db", db)
    assert code == 0
    assert "5 rejected" in out
    assert "line 2, field 'schema': unknown schema 'Persn'" in err
    code, out, _ = _run("rejects", "--db", db)
    assert code == 0 and "5 rejects" in out


def test_errors_go_to_stderr_with_exit_1(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    code, out, err = _run("show", "nobody", "--db", db)
    assert code == 1 and "no entity 'nobody'" in err and not out
    code, _, err = _run("ingest", str(tmp_path / "missing.jsonl"), "--db", db)
    assert code == 1 and "no such file" in err
    code, _, err = _run(
        "ingest", str(EXAMPLES / "persons.ftm.jsonl"), "--handling", "H9", "--db", db
    )
    assert code == 1 and "handling" in err


def test_judge_and_undo(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    _run("ingest", str(EXAMPLES / "persons.ftm.jsonl"), "--db", db)
    code, out, _ = _run("judge", "gr-hp-p-001", "gr-hp-p-002", "same", "--user", "ana", "--db", db)
    assert code == 0 and "judgement 1:" in out and "mare-c1" in out
    code, out, err = _run("judge", "gr-hp-p-001", "gr-hp-p-002", "not-same", "--db", db)
    assert code == 1 and "resolved as the same" in err
    code, out, _ = _run("undo", "1", "--user", "sup", "--db", db)
    assert code == 0 and "undone" in out
    code, _, err = _run("undo", "1", "--db", db)
    assert code == 1 and "already undone by sup" in err


def test_hits_on_arrival_judged_pairs_hidden_and_reindex(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'hits.db'}"
    code, out, _ = _run("ingest", str(EXAMPLES / "persons.ftm.jsonl"), "--db", db)
    assert code == 0 and "cross-checked" in out and "1 match" in out
    code, out, _ = _run("hits", "--band", "match", "--db", db)
    assert code == 0
    assert "gr-hp-p-001 ~ gr-hp-p-002" in out and "MATCH" in out
    assert "identifier:phone" in out and "1 hits" in out
    code, out, _ = _run("judge", "gr-hp-p-001", "gr-hp-p-002", "same", "--db", db)
    assert code == 0
    code, out, _ = _run("hits", "--band", "match", "--db", db)
    assert "gr-hp-p-001 ~ gr-hp-p-002" not in out and "0 hits (1 judged, hidden)" in out
    code, out, _ = _run("hits", "--all", "--entity", "gr-hp-p-002", "--db", db)
    assert "gr-hp-p-001 ~ gr-hp-p-002" in out
    code, out, _ = _run("reindex", "--db", db)
    assert code == 0 and "1 match" in out
    code, _, err = _run("hits", "--band", "maybe", "--db", db)
    assert code == 1 and "unknown band" in err
