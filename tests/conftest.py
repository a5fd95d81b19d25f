"""Shared fixtures: the same store tests run on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from mare.store import Store

POSTGRES_URL = os.environ.get("MARE_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("MARE_TEST_REQUIRE_POSTGRES") == "1"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _postgres_reason() -> str | None:
    if not POSTGRES_URL:
        return "MARE_TEST_POSTGRES_URL is not set (CI sets it to the local PostgreSQL)"
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.connect():
            pass
        engine.dispose()
    except Exception as exc:
        if REQUIRE_POSTGRES:
            raise RuntimeError(f"PostgreSQL required but unreachable: {exc}") from exc
        return f"PostgreSQL unreachable at {POSTGRES_URL}: {exc}"
    return None


_PG_SKIP: str | bool | None = False


def postgres_skip() -> str | None:
    global _PG_SKIP
    if _PG_SKIP is False:
        _PG_SKIP = _postgres_reason()
    return _PG_SKIP if isinstance(_PG_SKIP, str) else None


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL URL whose search path is a fresh schema, dropped afterwards."""
    reason = postgres_skip()
    if reason:
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mare.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened
