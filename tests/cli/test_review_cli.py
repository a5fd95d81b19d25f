"""``mare review``, ``mare erase`` and ``mare audit purge``, run as an operator would."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mare.cli.main import app
from mare.store import Store
from tests.cli.test_exchange_cli import _directory

runner = CliRunner()
OLD = datetime(2023, 6, 1, 9, 30, tzinfo=UTC)
DAY = "2026-12-02"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", "MARE_SECRET_KEY": "k"})
    return result.exit_code, result.stdout, result.stderr


def _held(db: str) -> set[str]:
    with Store.open(db) as store:
        return {row.entity_id for row in store.iter_statements()}


def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    _directory(db)
    people = tmp_path / "people.jsonl"
    people.write_text(
        "".join(
            json.dumps({"id": f"p-{n}", "schema": "Person", "properties": {"name": [name]}}) + "\n"
            for n, name in enumerate(("Amir Kelto", "Basra Nuvoli", "Cyra Doumbe"), start=1)
        ),
        encoding="utf-8",
    )
    with monkeypatch.context() as patch:
        patch.setattr("mare.ingest.pipeline.utcnow", lambda: OLD)
        code, _out, err = _run("ingest", str(people), "--owner", "DE-BKA", "--db", db)
    assert code == 0, err
    return db


def test_review_lists_keeps_with_a_reason_and_erases_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path, monkeypatch)
    code, out, err = _run("review", "--due", DAY, "--json", "--db", db)
    assert code == 0, err
    items = [json.loads(line) for line in out.splitlines()]
    assert [(i["entity"], i["owner"], i["review_date"]) for i in items] == [
        (f"p-{n}", "DE-BKA", "2026-06-01") for n in (1, 2, 3)
    ]
    code, out, _ = _run("review", "--due", "2026-05-31", "--db", db)
    assert code == 0 and "0 items due" in out

    code, _out, err = _run(
        "review", "extend", "p-1", "--reason", "OP-X", "--by", "de-inv", "--db", db
    )
    assert code == 1 and "supervisor" not in err and "may not use review" in err
    code, _out, err = _run(
        "review", "extend", "p-1", "--reason", " ", "--by", "hub-dpo", "--db", db
    )
    assert code == 1 and "needs a reason" in err
    code, out, err = _run(
        "review",
        "extend",
        "p-1",
        "--reason",
        "trial pending",
        "--by",
        "hub-dpo",
        "--years",
        "1",
        "--db",
        db,
    )
    assert code == 0 and "kept to 2027-" in out and "trial pending" in out, err

    code, out, err = _run("erase", "p-3", "--owner", "IT-SCO", "--db", db)
    assert code == 1 and "no entity" in err
    code, out, err = _run("erase", "p-3", "--owner", "DE-BKA", "--by", "de-inv", "--db", db)
    assert code == 0 and "erased 1 items" in out, err
    code, out, err = _run("review", "run", "--by", "de-inv", "--due", DAY, "--db", db)
    assert code == 1 and "may not use review" in err
    code, out, err = _run("review", "run", "--by", "hub-dpo", "--due", DAY, "--db", db)
    assert code == 0 and "erased 1 items" in out, err
    assert _held(db) == {"p-1"}
    code, out, _ = _run("review", "--due", DAY, "--db", db)
    assert code == 0 and "0 items due" in out


def test_audit_purge_keeps_the_chain_verifiable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _store(tmp_path, monkeypatch)
    code, out, err = _run("audit", "purge", "--today", "2040-01-01", "--db", db)
    assert code == 0 and "audit entries purged" in out and not out.startswith("0 "), err
    code, out, err = _run("audit", "verify", "--db", db)
    assert code == 0 and "audit log intact" in out, err
    code, _out, err = _run("audit", "purge", "--today", "someday", "--db", db)
    assert code == 1 and "not a day" in err
