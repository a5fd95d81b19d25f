"""Webhook delivery against real loopback receivers: signed, retried with backoff, once."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from mare.exchange import Hub, OrgKind, Principal, Role, parties, webhooks
from mare.exchange.audit import as_dict, entries
from mare.exchange.delivery import Backoff, Deliverer
from mare.exchange.notify import notify
from mare.exchange.signature import signature, verify
from mare.settings import Settings
from mare.store.notices import webhook_deliveries
from tests.receiver import Receiver, receiving

FAST = Settings(
    webhook_backoff_seconds=0.05,
    webhook_backoff_max_seconds=0.2,
    webhook_max_attempts=3,
    webhook_timeout_seconds=2.0,
)
DE = Principal("de-inv", "DE-BKA", Role.INVESTIGATOR, OrgKind.PARTNER)


def _subscribe(hub: Hub, url: str, kinds: list[str] | None = None) -> tuple[str, str]:
    with hub.context(DE) as ctx:
        secret, row = webhooks.create(ctx, url, kinds or [])
    return secret, row.id


def _notify(hub: Hub, by: Principal, kind: str = "hit.on_your_data", n: int = 1) -> list[str]:
    with hub.context(by) as ctx:
        return [
            notify(
                ctx,
                "DE-BKA",
                kind,
                subject_type="hit",
                subject_id=f"hit-{i}",
                summary="IT-SCO's query matched your data",
                payload={"matched": ["phone:+218912345678"], "by": "IT-SCO"},
            )
            for i in range(n)
        ]


def _deliveries(hub: Hub) -> list[Any]:
    with hub.store.engine.connect() as conn:
        return list(conn.execute(select(webhook_deliveries)))


def _drain(deliverer: Deliverer, hub: Hub, timeout: float = 5.0) -> None:
    """Run passes until nothing is pending (retries fall due meanwhile)."""
    deadline = time.monotonic() + timeout
    while any(d.status == "pending" for d in _deliveries(hub)):
        assert time.monotonic() < deadline, "deliveries still pending"
        deliverer.run_once()
        time.sleep(0.01)


@pytest.fixture
def deliverer(parties_hub: Hub) -> Any:
    made = Deliverer(parties_hub, FAST, rng=random.Random(4))
    yield made
    made.close()


def test_a_delivery_is_signed_and_the_receiver_can_verify_it(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as receiver:
        secret, webhook = _subscribe(parties_hub, receiver.url)
        (nid,) = _notify(parties_hub, operator)
        report = deliverer.run_once()
        (got,) = receiver.wait_for(1)
    assert (report.delivered, report.retrying, report.failed) == (1, 0, 0)
    (delivery,) = _deliveries(parties_hub)
    headers = {k.lower(): v for k, v in got.headers.items()}
    assert headers["x-mare-event"] == "hit.on_your_data"
    assert headers["x-mare-delivery"] == delivery.id
    assert headers["content-type"] == "application/json"
    stamp, sent = headers["x-mare-timestamp"], headers["x-mare-signature"]
    assert sent.startswith("sha256=") and verify(secret, stamp, got.body, sent)
    assert sent == signature(secret, stamp, got.body)
    body = orjson.loads(got.body)
    assert (body["id"], body["kind"], body["organisation"], body["seq"]) == (
        nid,
        "hit.on_your_data",
        "DE-BKA",
        1,
    )
    assert body["payload"] == {"matched": ["phone:+218912345678"], "by": "IT-SCO"}
    # what a forger or a replayer would try
    assert not verify(secret, stamp, got.body + b" ", sent)
    assert not verify(secret + "x", stamp, got.body, sent)
    assert not verify(secret, str(int(stamp) - 1), got.body, sent)
    assert not verify(secret, "١٢", got.body, sent) and not verify(secret, "", got.body, sent)
    assert not verify(secret, stamp, got.body, sent, now=int(stamp) + 301)
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("delivered", 1, 200)
    assert delivery.delivered_at is not None and delivery.subscription_id == webhook
    with parties_hub.store.engine.connect() as conn:
        entry = as_dict(entries(conn, limit=10_000)[-1])
    assert (entry["action"], entry["operation"], entry["outcome"]) == (
        "transfer",
        "webhook.deliver",
        "allowed",
    )
    assert entry["recipients"] == ["DE-BKA"] and entry["object_ids"] == [nid]
    assert entry["detail"]["host"] == "127.0.0.1" and entry["detail"]["attempt"] == 1


def test_a_delivered_notification_is_never_posted_again(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as receiver:
        _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        deliverer.run_once()
        receiver.wait_for(1)
        for _ in range(3):
            assert deliverer.run_once().attempts == 0
        time.sleep(0.1)
        assert len(receiver.received) == 1


def test_retries_back_off_until_the_receiver_takes_it(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving(Receiver(script=[500, 503])) as receiver:
        secret, _ = _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        _drain(deliverer, parties_hub)
        got = receiver.wait_for(3)
        deliverer.run_once()
    assert len(receiver.received) == 3
    assert len({r.headers["X-Mare-Delivery"] for r in got}) == 1  # one delivery, three attempts
    assert [r.headers["X-Mare-Attempt"] for r in got] == ["1", "2", "3"]
    assert len({r.body for r in got}) == 1
    for r in got:
        assert verify(secret, r.headers["X-Mare-Timestamp"], r.body, r.headers["X-Mare-Signature"])
    # waits of 0.05 then 0.1 s, each drawn between half and all of it
    assert got[1].at - got[0].at >= 0.025 and got[2].at - got[1].at >= 0.05
    (delivery,) = _deliveries(parties_hub)
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("delivered", 3, 200)
    assert delivery.last_error is None


def test_a_receiver_that_keeps_failing_ends_failed(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving(Receiver(then=500)) as receiver:
        _subscribe(parties_hub, receiver.url)
        (nid,) = _notify(parties_hub, operator)
        _drain(deliverer, parties_hub)
        assert deliverer.run_once().attempts == 0
        assert len(receiver.received) == FAST.webhook_max_attempts
    (delivery,) = _deliveries(parties_hub)
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("failed", 3, 500)
    assert delivery.last_error == "HTTP 500" and delivery.next_attempt_at is None
    with parties_hub.store.engine.connect() as conn:
        tried = [
            e
            for e in map(as_dict, entries(conn, limit=10_000))
            if e["operation"] == "webhook.deliver"
        ]
    assert [e["detail"]["result"] for e in tried] == ["pending", "pending", "failed"]
    assert {e["outcome"] for e in tried} == {"error"} and tried[0]["object_ids"] == [nid]


def test_an_unreachable_receiver_is_retried_then_failed(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as receiver:
        url = receiver.url  # the port is closed once the receiver is gone
    _subscribe(parties_hub, url)
    _notify(parties_hub, operator)
    _drain(deliverer, parties_hub)
    (delivery,) = _deliveries(parties_hub)
    assert (delivery.status, delivery.attempts, delivery.last_status) == ("failed", 3, None)
    assert delivery.last_error.startswith("ConnectError")


def test_redirects_are_not_followed(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as elsewhere, receiving(Receiver(then=307)) as receiver:
        receiver.location = elsewhere.url
        _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        deliverer.run_once()
        receiver.wait_for(1)
        time.sleep(0.05)
        assert elsewhere.received == []
    (delivery,) = _deliveries(parties_hub)
    assert delivery.status == "pending" and delivery.last_status == 307
    assert "redirects are not followed" in delivery.last_error


def test_only_the_kinds_asked_for_are_sent(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as receiver:
        _subscribe(parties_hub, receiver.url, ["case.opened"])
        _notify(parties_hub, operator, "hit.found")
        _notify(parties_hub, operator, "case.opened")
        deliverer.run_once()
        (got,) = receiver.wait_for(1)
    assert got.headers["X-Mare-Event"] == "case.opened"


def test_a_deleted_webhook_or_a_deactivated_organisation_gets_nothing(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as receiver:
        _, first = _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        with parties_hub.context(DE) as ctx:
            webhooks.delete(ctx, first)
        assert [d.status for d in _deliveries(parties_hub)] == ["cancelled"]
        _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        with parties_hub.context(operator) as ctx:
            parties.set_organisation_active(ctx, "DE-BKA", False)
        report = deliverer.run_once()
        time.sleep(0.05)
        assert receiver.received == []
    assert (report.cancelled, report.attempts) == (1, 0)
    assert sorted(d.status for d in _deliveries(parties_hub)) == ["cancelled", "cancelled"]


def test_two_workers_never_post_the_same_delivery_twice(
    parties_hub: Hub, operator: Principal
) -> None:
    workers = [Deliverer(parties_hub, FAST) for _ in range(3)]
    with receiving() as receiver:
        _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator, n=30)
        threads = [threading.Thread(target=w.run_once) for w in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        got = receiver.wait_for(30)
        time.sleep(0.05)
    for worker in workers:
        worker.close()
    ids = [r.headers["X-Mare-Delivery"] for r in receiver.received]
    assert len(got) == len(ids) == len(set(ids)) == 30
    assert {d.status for d in _deliveries(parties_hub)} == {"delivered"}
    assert {d.attempts for d in _deliveries(parties_hub)} == {1}


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    backoff = Backoff(base=1.0, cap=10.0, attempts=8)
    rng = random.Random(1)
    for attempt, full in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 10.0), (30, 10.0)]:
        waits = [backoff.wait(attempt, rng) for _ in range(50)]
        assert all(full / 2 <= w <= full for w in waits), (attempt, min(waits), max(waits))
        assert max(waits) - min(waits) > full / 10  # jittered, not one value


def test_claims_made_at_once_never_overlap(parties_hub: Hub, operator: Principal) -> None:
    workers = [Deliverer(parties_hub, FAST) for _ in range(4)]
    _subscribe(parties_hub, "http://127.0.0.1:9/hook")
    _notify(parties_hub, operator, n=30)
    start = threading.Barrier(len(workers))
    claimed: list[list[str]] = [[] for _ in workers]

    def claim(i: int) -> None:
        start.wait()
        claimed[i] = [c.id for c in workers[i]._claim()]

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker in workers:
        worker.close()
    every = [d for ids in claimed for d in ids]
    assert len(every) == len(set(every)) == 30


def test_an_attempt_whose_worker_died_is_tried_again_after_its_lease(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    with receiving() as receiver:
        _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        (lost,) = deliverer._claim()  # claimed, then the worker "dies"
        assert deliverer.run_once().attempts == 0  # leased: nobody else takes it
        with parties_hub.store.engine.begin() as conn:
            conn.execute(
                webhook_deliveries.update().values(next_attempt_at=datetime.now(UTC))
            )  # the lease runs out
        assert deliverer.run_once().delivered == 1
        (got,) = receiver.wait_for(1)
    assert got.headers["X-Mare-Attempt"] == "2" and got.headers["X-Mare-Delivery"] == lost.id
    (delivery,) = _deliveries(parties_hub)
    assert (delivery.status, delivery.attempts, delivery.lease) == ("delivered", 2, None)


def test_the_receivers_check_in_the_docs_accepts_a_real_delivery(
    parties_hub: Hub, operator: Principal, deliverer: Deliverer
) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "exchange.md").read_text()
    code = next(b for b in doc.split("```python\n")[1:] if "def verified" in b).split("```")[0]
    scope: dict[str, Any] = {}
    exec(code, scope)
    with receiving() as receiver:
        secret, _ = _subscribe(parties_hub, receiver.url)
        _notify(parties_hub, operator)
        deliverer.run_once()
        (got,) = receiver.wait_for(1)
    assert scope["verified"](secret, got.headers, got.body)
    assert not scope["verified"](secret, got.headers, got.body.replace(b"IT-SCO", b"IT-SCX"))
