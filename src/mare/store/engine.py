"""Opening a database: engine settings per backend, and migrations with Alembic."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from mare.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    # No checkpoint inside a commit: the store's own thread runs them
    # (`mare.store.checkpoint`).
    cur.execute("PRAGMA wal_autocheckpoint=0")
    cur.close()


_WRITES = ("insert", "update", "delete", "replace")
_GATE = "mare.write_gate"  # set in a pooled connection's info while it holds the gate


class WriteGate:
    """SQLite has one writer at a time; the threads of this process queue for it here.

    Without it, a thread whose write finds the store locked sleeps in SQLite's busy
    handler (1, 2, 5 ... 100 ms at a time) and may wake long after the lock came
    free, or lose it to a later one: under concurrent requests throughput drops
    and the slowest requests wait seconds. A connection takes the gate before its
    transaction's first write (when SQLite takes its lock) and gives it back when
    it returns to the pool, after its commit or rollback; a waiting thread is woken
    at once. Other processes on the same file still meet SQLite's own lock. A
    thread that already holds the gate through another connection does not wait
    for itself: it meets SQLite's lock as before.
    """

    def __init__(self, timeout: float = 30.0) -> None:
        self._lock = threading.Lock()
        self._owner: int | None = None
        self.timeout = timeout

    def before_execute(self, conn: Any, statement: str) -> None:
        if conn.info.get(_GATE) or not statement.lstrip()[:7].lower().startswith(_WRITES):
            return
        if self._owner == threading.get_ident():
            return
        if self._lock.acquire(timeout=self.timeout):
            self._owner = threading.get_ident()
            conn.info[_GATE] = True

    def checkin(self, record_info: dict[str, Any]) -> None:
        if record_info.pop(_GATE, False):
            self._owner = None
            self._lock.release()


def _gate(engine: Engine) -> None:
    gate = WriteGate()

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        gate.before_execute(conn, statement)

    @event.listens_for(engine.pool, "checkin")
    def _checkin(_dbapi: Any, record: Any) -> None:
        gate.checkin(record.info)

    @event.listens_for(engine.pool, "invalidate")
    def _invalidate(_dbapi: Any, record: Any, _exc: Any) -> None:
        gate.checkin(record.info)


def normalise_url(url: str) -> str:
    """Accept a bare file path or ``postgresql://`` and pick the drivers Mare ships with."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).expanduser().resolve().parent
            if not folder.is_dir():
                raise StoreError(f"folder for the SQLite store does not exist: {folder}")
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        _gate(engine)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(
            f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL"
        )
    return create_engine(parsed, pool_pre_ping=True)


def sqlite_file(engine: Engine) -> str | None:
    """The file of an SQLite store (None for PostgreSQL or an in-memory one)."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return str(Path(database).expanduser().resolve())


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (no-op when it is there)."""
    try:
        with engine.begin() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            if current == head_revision():
                return
            config = _config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except OperationalError as exc:
        raise StoreError(f"cannot open the store at {engine.url!r}: {exc.orig}") from exc
