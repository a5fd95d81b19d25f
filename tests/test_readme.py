"""The README's walkthrough runs as written (on a temporary store).

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


def test_the_walkthrough_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines()
    assert len(lines) >= 8
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("MARE_SECRET_KEY", raising=False)
    runner = CliRunner()
    with _walk(lines, tmp_path, runner) as answers:
        assert answers, "the walkthrough sends no request to the API"
        for response in answers:
            assert response.status_code in (200, 201), response.text
    assert (tmp_path / "walk.jsonl").stat().st_size > 0
    assert (tmp_path / "walk-pairs.jsonl").stat().st_size > 0
    assert (tmp_path / "gr-eleni.token").read_text().startswith("mare_")


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
