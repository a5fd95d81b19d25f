"""The README's walkthrough runs as written (on a temporary store).

The demo (``make demo``) runs first, on the small scale, into the temporary
directory; the README's commands on ``out/demo.db`` then run on its store.
``mare`` lines run in-process; ``> out/FILE`` keeps their output. ``mare serve``
starts the real server (a subprocess on a free loopback port) and the
``curl`` lines that follow are sent to it over HTTP.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx
import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from mare.cli.main import app

ROOT = Path(__file__).resolve().parent.parent


def _lines() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith((".venv/bin/mare ", "curl "))]


def _commands() -> list[list[str]]:
    return [shlex.split(line)[1:] for line in _lines() if line.startswith(".venv/bin/mare ")]


def _local(arg: str, tmp: Path) -> str:
    return str(tmp / Path(arg).name) if arg.startswith("out/") else arg


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _server(args: list[str], tmp: Path) -> Iterator[str]:
    port = _free_port()
    args = [
        str(port) if prev == "--port" else a for prev, a in zip(["", *args], args, strict=False)
    ]
    env = {**os.environ, "MARE_SECRET_KEY": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mare", *args], cwd=ROOT, env=env, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/v1/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            raise AssertionError(f"mare serve did not come up: {proc.stderr}")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _curl(line: str, tmp: Path, base: str) -> httpx.Response:
    line = re.sub(
        r"\$\(cat (out/[^)]+)\)", lambda m: Path(_local(m[1], tmp)).read_text().strip(), line
    )
    words = shlex.split(line)[1:]
    headers: dict[str, str] = {}
    url = ""
    method = "GET"
    body: bytes | None = None
    while words:
        word = words.pop(0)
        if word == "-H":
            name, _, value = words.pop(0).partition(":")
            headers[name.strip()] = value.strip()
        elif word == "-X":
            method = words.pop(0)
        elif word == "-d":
            data = words.pop(0)
            body = (ROOT / data[1:]).read_bytes() if data.startswith("@") else data.encode()
            method = "POST" if method == "GET" else method
        elif not word.startswith("-"):
            url = word.replace("http://127.0.0.1:8000", base)
    return httpx.request(method, url, headers=headers, content=body)


def _demo(tmp: Path) -> str:
    """``make demo`` at the small scale, in a child process (it starts its own server)."""
    command = [sys.executable, "-m", "mare.demo", "--scale", "tiny", "--out", str(tmp)]
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def _check_demo(tmp: Path, printed: str) -> None:
    from mare.scenario.truth import read

    truth = list(read(tmp / "scenario" / "truth.jsonl"))
    files = list((tmp / "scenario" / "messages").glob("*.json"))
    refused = [t for t in truth if t["kind"] == "malformed" and t["scope"] == "message"]
    with sa.create_engine(f"sqlite:///{tmp / 'demo.db'}").connect() as conn:
        received = conn.execute(sa.text("SELECT count(*) FROM messages")).scalar_one()
        stored_hits = conn.execute(sa.text("SELECT count(*) FROM hits")).scalar_one()
    # Every message arrived over HTTP; only the deliberately broken ones were refused.
    assert received == len(files) - len(refused) and stored_hits > 0
    assert printed.count("refused whole:") == len(refused)
    for heading in ("Cross-border hits", "disclosures pending", "Largest connected groups"):
        assert heading in printed
    page = (tmp / "crossmatch.html").read_text(encoding="utf-8")
    assert '<meta name="handling-code"' in page and "Cross-border hits" in page
    assert (tmp / "tokens" / "hub-analyst.token").read_text().startswith("mare_")


def test_the_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines()
    assert len(lines) >= 8
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("MARE_SECRET_KEY", raising=False)
    _check_demo(tmp_path, _demo(tmp_path))
    runner = CliRunner()
    with _walk(lines, tmp_path, runner) as answers:
        assert answers, "the walkthrough sends no request to the API"
        for response in answers:
            assert response.status_code in (200, 201), response.text
    assert (tmp_path / "walk.jsonl").stat().st_size > 0
    assert (tmp_path / "walk-pairs.jsonl").stat().st_size > 0
    assert (tmp_path / "gr-eleni.token").read_text().startswith("mare_")
    italian = (tmp_path / "crossmatch-it.html").read_text(encoding="utf-8")
    assert "Drawn up for it-sco-inv (IT-SCO)" in " ".join(italian.split())


@contextmanager
def _walk(lines: list[str], tmp: Path, runner: CliRunner) -> Iterator[list[httpx.Response]]:
    answers: list[httpx.Response] = []
    server = None
    base = ""
    try:
        for line in lines:
            if line.startswith("curl "):
                assert base, "a curl line before `mare serve`"
                answers.append(_curl(line, tmp, base))
                continue
            words = shlex.split(line)[1:]
            target = None
            if len(words) > 2 and words[-2] == ">":
                target, words = Path(_local(words[-1], tmp)), words[:-2]
            args = [_local(a, tmp) for a in words]
            if args[0] == "serve":
                server = _server(args, tmp)
                base = server.__enter__()
                continue
            result = runner.invoke(app, args, env={"COLUMNS": "200"})
            assert result.exit_code == 0, f"mare {' '.join(args)}: {result.stderr or result.stdout}"
            if target is not None:
                target.write_text(result.stdout)
        yield answers
    finally:
        if server is not None:
            server.__exit__(None, None, None)
