"""SQLite's write-ahead log folded back into the database file off the writers' path.

By default SQLite checkpoints inside the commit that takes the log past
1,000 pages: that commit copies the pages into the database file and syncs
it, so every few messages one waits tens of milliseconds (on a 100k-entity
store, commits averaged 13-17 ms with it and 1.5 ms without). The store
turns that off (``wal_autocheckpoint=0``, `mare.store.engine`) and a thread
of its own runs passive checkpoints instead: they never block a reader or a
writer, and SQLite releases the GIL while it copies. Nothing is less
durable: a commit is in the log either way, and a store opened after a crash
replays the log. When the store closes, the log is folded in and truncated.
"""

from __future__ import annotations

import sqlite3
import threading

INTERVAL = 0.25  # seconds between passive checkpoints while the store is open


class Checkpointer:
    """One thread per open SQLite store file, checkpointing every `INTERVAL`."""

    def __init__(self, path: str, interval: float = INTERVAL) -> None:
        self.path = path
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mare-checkpoint", daemon=True)
        self.checkpoints = 0  # passive checkpoints that copied pages

    def start(self) -> Checkpointer:
        self._thread.start()
        return self

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=1.0, check_same_thread=False)

    def _run(self) -> None:
        try:
            conn = self._connect()
        except sqlite3.Error:
            return
        last = (0, 0)
        try:
            while not self._stop.wait(self.interval):
                try:
                    _, log, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error:
                    continue  # busy or locked: the next round will do it
                if done > 0 and (log, done) != last:  # an idle log is not counted again
                    self.checkpoints += 1
                last = (log, done)
        finally:
            conn.close()

    def close(self) -> None:
        """Stop the thread, then fold the whole log into the file (if no one
        else has the store open, the log is emptied too)."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        try:
            conn = self._connect()
        except sqlite3.Error:
            return
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            pass  # another connection is busy: its own close or the next open folds it in
        finally:
            conn.close()
