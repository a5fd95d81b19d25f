"""``mare org``, ``user``, ``token``, ``audit`` and ``openapi``, run as an operator would."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from typer.testing import CliRunner

from mare.cli.main import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", "MARE_SECRET_KEY": "k"})
    return result.exit_code, result.stdout, result.stderr


def _directory(db: str) -> None:
    for args in (
        ("org", "add", "HUB", "--name", "The hub", "--kind", "hub"),
        ("org", "add", "DE-BKA", "--name", "Bundeskriminalamt", "--country", "de"),
        ("user", "add", "de-inv", "--org", "DE-BKA", "--role", "investigator", "--name", "D"),
        ("user", "add", "hub-dpo", "--org", "HUB", "--role", "supervisor", "--name", "S"),
    ):
        code, _out, err = _run(*args, "--db", db)
        assert code == 0, err


def test_directory_and_tokens(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    _directory(db)
    code, out, _ = _run("org", "list", "--db", db)
    assert code == 0 and "DE-BKA" in out and "2 organisations" in out
    code, out, _ = _run("user", "list", "--org", "HUB", "--db", db)
    assert code == 0 and "hub-dpo" in out and "de-inv" not in out
    code, token, err = _run("token", "create", "de-inv", "--expires", "30", "--db", db)
    assert code == 0 and token.strip().startswith("mare_") and "warning" not in err
    token_id = token.strip()[5:17]
    assert token_id in err and "expires" in err
    code, out, _ = _run("token", "list", "--db", db)
    assert code == 0 and token_id in out and token.strip() not in out
    code, out, _ = _run("token", "revoke", token_id, "--db", db)
    assert code == 0 and "revoked" in out
    code, out, _ = _run("audit", "verify", "--db", db)
    assert code == 0 and "audit log intact" in out


def test_errors_go_to_stderr_with_exit_1(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    _directory(db)
    for args, message in (
        (("org", "add", "HUB", "--name", "Again", "--kind", "hub"), "exists already"),
        (("org", "add", "X", "--name", "X", "--kind", "ministry"), "unknown organisation kind"),
        (("org", "add", "X", "--name", "X", "--country", "ZZ"), "alpha-2"),
        (("user", "add", "x", "--org", "DE-BKA", "--role", "admin", "--name", "X"), "investigator"),
        (("user", "add", "x", "--org", "HUB", "--role", "boss", "--name", "X"), "unknown role"),
        (("token", "create", "nobody"), "no user"),
        (("token", "revoke", "000000000000"), "no token"),
    ):
        code, _out, err = _run(*args, "--db", db)
        assert code == 1 and message in err, (args, err)
        assert "Traceback" not in err


def test_audit_verify_fails_on_a_tampered_log(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = f"sqlite:///{path}"
    _directory(db)
    engine = sa.create_engine(db)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq = 2"))
    engine.dispose()
    code, _out, err = _run("audit", "verify", "--db", db)
    assert code == 1 and "entry 2 is missing" in err


def test_the_development_key_is_announced(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    _directory(db)
    result = runner.invoke(
        app, ["token", "create", "de-inv", "--db", db], env={"MARE_SECRET_KEY": ""}
    )
    assert result.exit_code == 0 and "MARE_SECRET_KEY is not set" in result.stderr


def test_openapi_writes_the_spec(tmp_path: Path) -> None:
    target = tmp_path / "spec.json"
    code, _out, _err = _run("openapi", "--out", str(target))
    assert code == 0 and json.loads(target.read_text())["info"]["title"] == "Mare"
