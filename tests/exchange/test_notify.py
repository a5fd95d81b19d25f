"""`notify`: the inbox row, its audit entry and its webhook deliveries, in one transaction."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from mare.errors import InvalidValue
from mare.exchange import Hub, Principal
from mare.exchange.audit import as_dict, entries
from mare.exchange.notify import KINDS, Kind, notify
from mare.store.notices import notifications, webhook_deliveries, webhook_subscriptions

SAMPLE: dict[str, Any] = {
    "subject_type": "hit",
    "subject_id": "hit-1",
    "summary": "A hit exists, owned by IT-SCO",
    "payload": {"owner": "IT-SCO", "hit": "hit-1"},
}


def _rows(hub: Hub, table: Any) -> list[Any]:
    with hub.store.engine.connect() as conn:
        return list(conn.execute(select(table)))


def _subscribe(hub: Hub, sid: str, org: str, kinds: list[str], deleted: bool = False) -> None:
    now = datetime.now(UTC)
    with hub.store.engine.begin() as conn:
        conn.execute(
            webhook_subscriptions.insert().values(
                id=sid,
                organisation=org,
                url="http://127.0.0.1:9/hook",
                kinds=orjson.dumps(kinds).decode(),
                created_at=now,
                created_by="ops",
                deleted_at=now if deleted else None,
            )
        )


def test_the_kinds_are_the_agreed_strings() -> None:
    assert {
        "message.received",
        "hit.found",
        "hit.on_your_data",
        "disclosure.requested",
        "disclosure.granted",
        "disclosure.refused",
        "disclosure.override",
        "case.opened",
        "case.updated",
        "retention.due",
    } == KINDS


def test_notify_writes_the_inbox_row_and_audits_a_transfer(
    parties_hub: Hub, operator: Principal
) -> None:
    with parties_hub.context(operator) as ctx:
        nid = notify(ctx, "DE-BKA", "hit.found", **SAMPLE)
    (row,) = _rows(parties_hub, notifications)
    assert (row.id, row.organisation, row.seq, row.kind) == (nid, "DE-BKA", 1, "hit.found")
    assert (row.subject_type, row.subject_id) == ("hit", "hit-1")
    assert orjson.loads(row.payload) == SAMPLE["payload"]
    assert row.read_at is None and row.read_by is None and row.created_at.tzinfo is not None
    with parties_hub.store.engine.connect() as conn:
        entry = as_dict(entries(conn, limit=1000)[-1])
    assert (entry["action"], entry["operation"]) == ("transfer", "notification.send")
    assert entry["recipients"] == ["DE-BKA"] and entry["object_ids"] == [nid]
    assert entry["detail"]["kind"] == "hit.found"
    assert "payload" not in entry["detail"]  # the log names the notification, not its content


def test_seq_counts_each_organisation_on_its_own(parties_hub: Hub, operator: Principal) -> None:
    with parties_hub.context(operator) as ctx:
        for org in ("DE-BKA", "IT-SCO", "DE-BKA", "DE-BKA", "IT-SCO"):
            notify(ctx, org, Kind.CASE_UPDATED, **SAMPLE)
    seqs = sorted((r.organisation, r.seq) for r in _rows(parties_hub, notifications))
    assert seqs == [("DE-BKA", 1), ("DE-BKA", 2), ("DE-BKA", 3), ("IT-SCO", 1), ("IT-SCO", 2)]


def test_a_rolled_back_event_leaves_no_notification_and_no_entry(
    parties_hub: Hub, operator: Principal
) -> None:
    with parties_hub.store.engine.connect() as conn:
        before = len(entries(conn, limit=10_000))
    with pytest.raises(RuntimeError), parties_hub.context(operator) as ctx:
        notify(ctx, "DE-BKA", "message.received", **SAMPLE)
        raise RuntimeError("the event failed after notifying")
    assert _rows(parties_hub, notifications) == []
    with parties_hub.store.engine.connect() as conn:
        assert len(entries(conn, limit=10_000)) == before


@pytest.mark.parametrize(
    ("org", "kind", "change", "field"),
    [
        ("DE-BKA", "hit.maybe", {}, "kind"),
        ("NOWHERE", "hit.found", {}, "organisation"),
        ("DE-BKA", "hit.found", {"subject_id": ""}, "subject"),
        ("DE-BKA", "hit.found", {"summary": " "}, None),
        ("DE-BKA", "hit.found", {"payload": {"when": object()}}, None),
        ("DE-BKA", "hit.found", {"payload": {"big": "x" * 70_000}}, None),
    ],
)
def test_bad_notifications_are_refused(
    parties_hub: Hub, operator: Principal, org: str, kind: str, change: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidValue) as caught, parties_hub.context(operator) as ctx:
        notify(ctx, org, kind, **{**SAMPLE, **change})
    assert caught.value.field == field
    assert _rows(parties_hub, notifications) == []


def test_deliveries_are_queued_for_the_matching_active_subscriptions(
    parties_hub: Hub, operator: Principal
) -> None:
    _subscribe(parties_hub, "all", "DE-BKA", [])
    _subscribe(parties_hub, "hits", "DE-BKA", ["hit.found", "hit.on_your_data"])
    _subscribe(parties_hub, "cases", "DE-BKA", ["case.opened"])
    _subscribe(parties_hub, "gone", "DE-BKA", [], deleted=True)
    _subscribe(parties_hub, "other", "IT-SCO", [])
    with parties_hub.context(operator) as ctx:
        nid = notify(ctx, "DE-BKA", "hit.found", **SAMPLE)
    queued = _rows(parties_hub, webhook_deliveries)
    assert sorted(d.subscription_id for d in queued) == ["all", "hits"]
    assert {(d.notification_id, d.status, d.attempts) for d in queued} == {(nid, "pending", 0)}
    assert all(d.next_attempt_at is not None for d in queued)


def test_parallel_notifications_number_in_turn(parties_hub: Hub, operator: Principal) -> None:
    def work(n: int) -> None:
        for _ in range(8):
            with parties_hub.context(operator) as ctx:
                notify(ctx, "DE-BKA", "message.received", **SAMPLE)

    with ThreadPoolExecutor(5) as pool:
        list(pool.map(work, range(5)))
    seqs = sorted(r.seq for r in _rows(parties_hub, notifications))
    assert seqs == list(range(1, 41))
