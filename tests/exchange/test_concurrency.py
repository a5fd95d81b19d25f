"""Concurrent writers append to the chain in turn: nothing lost, nothing forked."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from mare.exchange import Action, Hub, Principal, verify
from mare.store.tables import audit_log, organisations
from tests.exchange.conftest import KEYS

THREADS, EACH = 6, 15


def test_parallel_appends_keep_one_chain(parties_hub: Hub, operator: Principal) -> None:
    def work(n: int) -> None:
        for i in range(EACH):
            with parties_hub.context(operator) as ctx:
                # read first, then write: the pattern of every audited read
                ctx.conn.execute(sa.select(organisations.c.id)).all()
                ctx.audit(Action.CONSULTATION, "test.parallel", detail={"thread": n, "i": i})

    with parties_hub.store.engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(work, range(THREADS)))
    with parties_hub.store.engine.connect() as conn:
        verdict = verify.verify(conn, KEYS)
        seqs = list(conn.execute(sa.select(audit_log.c.seq).order_by(audit_log.c.seq)).scalars())
    assert verdict.ok, verdict.problem
    assert verdict.entries == before + THREADS * EACH
    assert seqs == list(range(1, len(seqs) + 1))
