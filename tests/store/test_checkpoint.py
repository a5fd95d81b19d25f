"""The SQLite store's log is checkpointed by a thread of its own, never inside a commit."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlalchemy import text

from mare.store import Store
from mare.store.checkpoint import Checkpointer


def _log_pages(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_autocheckpoint=0")
        _, log, _ = conn.execute("PRAGMA wal_checkpoint(NOOP)").fetchone()
        return int(log)
    finally:
        conn.close()


def _fill(store: Store, rows: int) -> None:
    with store.writer() as w:
        w.conn.execute(text("CREATE TABLE IF NOT EXISTS filler (n INTEGER, pad TEXT)"))
        w.conn.execute(
            text("INSERT INTO filler VALUES (:n, :pad)"),
            [{"n": n, "pad": "x" * 500} for n in range(rows)],
        )


def test_a_commit_does_not_checkpoint(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    with Store.open(f"sqlite:///{db}") as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        assert store._checkpointer is not None


def test_the_thread_folds_the_log_in_and_close_empties_it(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    store = Store.open(f"sqlite:///{db}")
    checkpointer = store._checkpointer
    assert checkpointer is not None
    _fill(store, 20_000)  # about 2,500 pages: more than SQLite's own 1,000-page trigger
    deadline = time.monotonic() + 30
    while checkpointer.checkpoints == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert checkpointer.checkpoints > 0
    store.close()
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with Store.open(f"sqlite:///{db}") as again, again.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM filler")).scalar() == 20_000


def test_nothing_is_lost_when_the_store_is_not_closed(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    store = Store.open(f"sqlite:///{db}")
    assert store._checkpointer is not None
    store._checkpointer._stop.set()  # the thread stops as if the process died
    _fill(store, 3_000)
    assert _log_pages(db) > 0  # still only in the log
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM filler").fetchone()[0] == 3_000
    finally:
        conn.close()
    store.engine.dispose()


def test_no_thread_for_an_in_memory_store() -> None:
    with Store.open("sqlite://") as store:
        assert store._checkpointer is None


def test_close_twice_is_harmless(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    sqlite3.connect(db).close()
    checkpointer = Checkpointer(str(db), interval=0.01).start()
    checkpointer.close()
    checkpointer.close()
