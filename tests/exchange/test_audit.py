"""The audit chain: appends, verification, and every kind of tampering caught."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from mare.exchange import Action, Hub, Keys, Outcome, Principal, audit, chain, verify
from mare.exchange.audit import as_dict, entries
from mare.store.tables import audit_log, audit_marks
from tests.exchange.conftest import KEYS


def _fill(hub: Hub, who: Principal, n: int = 6) -> None:
    for i in range(n):
        with hub.context(who) as ctx:
            ctx.audit(
                Action.CONSULTATION,
                "entity.read",
                object_type="entity",
                object_ids=[f"e-{i}"],
                detail={"i": i, "text": "ü"},
            )


def _check(hub: Hub, keys: Keys = KEYS) -> verify.Verdict:
    with hub.store.engine.connect() as conn:
        return verify.verify(conn, keys)


def _sql(hub: Hub, statement: str, **params: object) -> None:
    with hub.store.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def test_an_empty_log_verifies(hub: Hub) -> None:
    verdict = _check(hub)
    assert verdict.ok and verdict.entries == 0 and verdict.head_seq == 0


def test_an_untouched_log_verifies(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    verdict = _check(hub)
    assert verdict.ok, verdict.problem
    assert (verdict.entries, verdict.head_seq, verdict.first_seq) == (6, 6, 1)


def test_entries_record_who_what_why_and_keep_until(hub: Hub, operator: Principal) -> None:
    who = operator.for_purpose("case OP-ANCHOR")
    with hub.context(who) as ctx:
        ctx.audit(
            Action.DISCLOSURE,
            "disclosure.grant",
            object_type="statement",
            object_ids=["s1", "s2"],
            recipients=["IT-SCO"],
            outcome=Outcome.ALLOWED,
        )
    with hub.store.engine.connect() as conn:
        (row,) = entries(conn)
    entry = as_dict(row)
    assert entry["seq"] == 1 and entry["prev_hash"] == chain.GENESIS
    assert (entry["actor_user"], entry["actor_org"], entry["actor_role"]) == ("ops", "HUB", "admin")
    assert entry["purpose"] == "case OP-ANCHOR"
    assert entry["recipients"] == ["IT-SCO"] and entry["object_ids"] == ["s1", "s2"]
    assert entry["detail"] == {"via": "cli"}
    assert entry["keep_until"] == audit.keep_until(row.at)
    assert entry["keep_until"].year == row.at.year + audit.KEEP_YEARS
    assert entry["hash"] == chain.entry_hash(dict(row._mapping))


def test_a_failed_transaction_leaves_no_entry(hub: Hub, operator: Principal) -> None:
    with pytest.raises(RuntimeError), hub.context(operator) as ctx:
        ctx.audit(Action.CHANGE, "x")
        raise RuntimeError("boom")
    assert _check(hub).entries == 0 and _check(hub).ok


def test_a_modified_entry_is_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    _sql(hub, "UPDATE audit_log SET actor_user = 'someone-else' WHERE seq = 3")
    verdict = _check(hub)
    assert not verdict.ok and verdict.seq == 3 and "altered" in str(verdict.problem)


def test_a_modified_entry_with_its_hash_recomputed_breaks_the_next_link(
    hub: Hub, operator: Principal
) -> None:
    _fill(hub, operator)
    with hub.store.engine.begin() as conn:
        row = dict(conn.execute(sa.select(audit_log).where(audit_log.c.seq == 3)).one()._mapping)
        row["outcome"] = "denied"
        conn.execute(
            audit_log.update()
            .where(audit_log.c.seq == 3)
            .values(outcome="denied", hash=chain.entry_hash(row))
        )
    verdict = _check(hub)
    assert not verdict.ok and verdict.seq == 4


def test_a_deleted_entry_is_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    _sql(hub, "DELETE FROM audit_log WHERE seq = 2")
    verdict = _check(hub)
    assert not verdict.ok and verdict.seq == 2 and "missing" in str(verdict.problem)


def test_a_deleted_and_renumbered_entry_is_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    _sql(hub, "DELETE FROM audit_log WHERE seq = 2")
    _sql(hub, "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2")
    verdict = _check(hub)
    assert not verdict.ok and verdict.seq == 2


def test_reordered_entries_are_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    _sql(hub, "UPDATE audit_log SET seq = -1 WHERE seq = 3")
    _sql(hub, "UPDATE audit_log SET seq = 3 WHERE seq = 4")
    _sql(hub, "UPDATE audit_log SET seq = 4 WHERE seq = -1")
    verdict = _check(hub)
    assert not verdict.ok and verdict.seq == 3 and "reordered" in str(verdict.problem)


def test_a_truncated_tail_is_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    _sql(hub, "DELETE FROM audit_log WHERE seq >= 5")
    verdict = _check(hub)
    assert not verdict.ok and verdict.seq == 5 and "truncated" in str(verdict.problem)


def test_a_forged_head_is_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    _sql(hub, "DELETE FROM audit_log WHERE seq >= 5")
    with hub.store.engine.begin() as conn:
        last = conn.execute(sa.select(audit_log).where(audit_log.c.seq == 4)).one()
        conn.execute(
            audit_marks.update().where(audit_marks.c.name == "head").values(seq=4, hash=last.hash)
        )
    verdict = _check(hub)
    assert not verdict.ok and "signature" in str(verdict.problem)


def test_another_key_does_not_verify_the_head(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator, 2)
    assert not _check(hub, Keys.from_secret("another")).ok


def test_a_purge_leaves_a_checkpoint_and_the_chain_verifies(hub: Hub, operator: Principal) -> None:
    with hub.store.engine.begin() as conn:
        for day in (1, 2, 3):
            audit.record(conn, KEYS, operator, Action.CHANGE, "old", at=datetime(2020, 1, day))
    _fill(hub, operator, 3)
    assert _check(hub).ok
    with hub.store.engine.begin() as conn:
        assert verify.purge(conn, KEYS, date(2023, 1, 2)) == 1
    with hub.store.engine.begin() as conn:
        assert verify.purge(conn, KEYS, date(2026, 1, 1)) == 2
    verdict = _check(hub)
    assert verdict.ok, verdict.problem
    assert (verdict.entries, verdict.first_seq, verdict.head_seq) == (3, 4, 6)
    _fill(hub, operator, 1)
    assert _check(hub).ok
    _sql(hub, "DELETE FROM audit_log WHERE seq = 4")
    assert _check(hub).seq == 4


def test_a_forged_checkpoint_is_caught(hub: Hub, operator: Principal) -> None:
    _fill(hub, operator)
    now = datetime.now(UTC)
    with hub.store.engine.begin() as conn:
        row = conn.execute(sa.select(audit_log).where(audit_log.c.seq == 3)).one()
        conn.execute(
            audit_marks.insert().values(
                name="checkpoint", seq=3, hash=row.hash, at=now, signature="0" * 64
            )
        )
        conn.execute(audit_log.delete().where(audit_log.c.seq <= 3))
    verdict = _check(hub)
    assert not verdict.ok and "checkpoint" in str(verdict.problem)
