"""SQLite's one writer: the threads of a process queue at the write gate, and every
write lands; the gate is given back with the connection."""

from __future__ import annotations

import threading
from pathlib import Path

from mare.store import Store
from mare.store.engine import WriteGate


def test_writers_in_threads_take_turns_and_all_land(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'gate.db'}")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (n INTEGER)")
    wrote, go_on = threading.Event(), threading.Event()
    order: list[str] = []

    def first() -> None:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            order.append("first wrote")
            wrote.set()
            go_on.wait()
            order.append("first commits")

    def second() -> None:
        wrote.wait()
        with store.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO t VALUES (2)")
            order.append("second wrote")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    wrote.wait()
    go_on.set()
    for t in threads:
        t.join()
    with store.engine.begin() as conn:  # the gate is free again
        conn.exec_driver_sql("INSERT INTO t VALUES (3)")
        rows = sorted(n for (n,) in conn.exec_driver_sql("SELECT n FROM t"))
    store.close()
    assert order == ["first wrote", "first commits", "second wrote"]
    assert rows == [1, 2, 3]


def test_reads_do_not_take_the_gate_and_a_thread_does_not_wait_for_itself() -> None:
    gate = WriteGate()
    one: dict[str, bool] = {}
    other: dict[str, bool] = {}

    class Conn:
        def __init__(self, info: dict[str, bool]) -> None:
            self.info = info

    gate.before_execute(Conn(one), "SELECT 1")
    assert not one
    gate.before_execute(Conn(one), "  insert into t values (1)")
    assert one
    gate.before_execute(Conn(other), "UPDATE t SET n = 2")  # the same thread: no wait
    assert not other
    gate.checkin(other)
    gate.checkin(one)
    gate.before_execute(Conn(other), "DELETE FROM t")
    assert other
    gate.checkin(other)
