"""The live stream and the delivery worker, on a real uvicorn server over a loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import orjson
import pytest
import uvicorn
from fastapi import FastAPI

from mare.api import create_app
from mare.exchange import Hub, Principal, tokens
from mare.exchange.audit import as_dict, entries
from mare.exchange.notify import notify
from mare.settings import Settings
from tests.api.conftest import issue
from tests.receiver import receiving

SETTINGS = Settings(
    sse_poll_seconds=0.02,
    sse_keepalive_seconds=0.3,
    sse_max_seconds=20.0,
    webhook_poll_seconds=0.02,
    webhook_backoff_seconds=0.05,
)


@dataclass
class Served:
    base: str
    app: FastAPI
    hub: Hub
    operator: Principal
    tokens: dict[str, str] = field(default_factory=dict)
    token_ids: dict[str, str] = field(default_factory=dict)

    def auth(self, user: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[user]}", **extra}

    def send(self, org: str, kind: str = "case.updated") -> str:
        with self.hub.context(self.operator) as ctx:
            return notify(
                ctx,
                org,
                kind,
                subject_type="case",
                subject_id="c1",
                summary=f"{kind} for {org}",
                payload={"for": org},
            )

    def streams_open(self) -> int:
        count: int = self.app.state.streams.open
        return count


@pytest.fixture
def served(parties_hub: Hub, operator: Principal) -> Iterator[Served]:
    app = create_app(SETTINGS, parties_hub, deliver=True)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2, lifespan="on")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.01)
    made = Served(f"http://127.0.0.1:{port}/api/v1", app, parties_hub, operator)
    for user in ("de-inv", "it-inv"):
        made.tokens[user], made.token_ids[user] = issue(parties_hub, operator, user)
    try:
        yield made
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


class Stream:
    """Server-sent events, parsed as they arrive."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.lines = response.iter_lines()

    def next(self) -> dict[str, Any]:
        """The next event (or comment), as its fields."""
        event: dict[str, Any] = {}
        for line in self.lines:
            if line == "":
                if event:
                    return event
                continue
            name, _, value = line.partition(":")
            event[name or "comment"] = value.removeprefix(" ")
            if not name:
                return event
        raise EOFError("the stream ended")

    def next_data(self) -> dict[str, Any]:
        while True:
            event = self.next()
            if "data" in event:
                return event


@contextmanager
def stream(served: Served, user: str, **headers: str) -> Iterator[Stream]:
    with (
        httpx.Client(timeout=5) as client,
        client.stream(
            "GET", f"{served.base}/notifications/stream", headers=served.auth(user, **headers)
        ) as response,
    ):
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        opened = Stream(response)
        assert opened.next() == {"retry": "3000"}
        yield opened


def test_a_new_notification_arrives_on_its_organisations_stream_only(served: Served) -> None:
    with stream(served, "de-inv") as events:
        served.send("IT-SCO")
        mine = served.send("DE-BKA", "hit.on_your_data")
        event = events.next_data()
    assert (event["event"], event["id"]) == ("notification", "1")
    data = orjson.loads(event["data"])
    assert (data["id"], data["kind"], data["organisation"]) == (mine, "hit.on_your_data", "DE-BKA")
    assert data["payload"] == {"for": "DE-BKA"}


def test_last_event_id_resumes_where_the_client_left(served: Served) -> None:
    sent = [served.send("DE-BKA") for _ in range(3)]
    with stream(served, "de-inv", **{"Last-Event-ID": "1"}) as events:
        got = [orjson.loads(events.next_data()["data"]) for _ in range(2)]
    assert [g["id"] for g in got] == sent[1:] and [g["seq"] for g in got] == [2, 3]
    with stream(served, "de-inv") as events:  # without it: only what is new
        later = served.send("DE-BKA")
        assert orjson.loads(events.next_data()["data"])["id"] == later


def test_a_quiet_stream_sends_keep_alive_comments(served: Served) -> None:
    with stream(served, "de-inv") as events:
        started = time.monotonic()
        assert events.next() == {"comment": "keep-alive"}
        assert time.monotonic() - started < 2


def test_the_stream_ends_when_the_client_goes(served: Served) -> None:
    with stream(served, "de-inv"):
        assert served.streams_open() == 1
    deadline = time.monotonic() + 3
    while served.streams_open():
        assert time.monotonic() < deadline, "the stream outlived its client"
        time.sleep(0.02)


def test_a_revoked_token_ends_the_stream(served: Served) -> None:
    with stream(served, "de-inv") as events:
        with served.hub.context(served.operator) as ctx:
            tokens.revoke_token(ctx, served.token_ids["de-inv"])
        served.send("DE-BKA")  # not sent: the token is checked before each read
        event = events.next_data()
        assert event["event"] == "end" and "token" in event["data"]
        with pytest.raises(EOFError):
            events.next()
    with httpx.Client(timeout=5) as client:
        again = client.get(f"{served.base}/notifications/stream", headers=served.auth("de-inv"))
    assert again.status_code == 401


def test_the_stream_can_take_one_kind(served: Served) -> None:
    with httpx.Client(timeout=5) as client:
        url = f"{served.base}/notifications/stream?kind=case.opened"
        with client.stream("GET", url, headers=served.auth("de-inv")) as response:
            events = Stream(response)
            served.send("DE-BKA", "case.updated")
            wanted = served.send("DE-BKA", "case.opened")
            assert orjson.loads(events.next_data()["data"])["id"] == wanted


def test_reads_on_the_stream_are_audited(served: Served) -> None:
    with stream(served, "de-inv") as events:
        nid = served.send("DE-BKA")
        events.next_data()
    with served.hub.store.engine.connect() as conn:
        logged = [
            e
            for e in map(as_dict, entries(conn, limit=100_000))
            if e["operation"] == "notification.stream"
        ]
    assert logged[0]["detail"]["opened"] is True and logged[0]["actor_user"] == "de-inv"
    assert any(e["object_ids"] == [nid] and e["action"] == "consultation" for e in logged)


def test_the_server_delivers_webhooks_by_itself(served: Served) -> None:
    with receiving() as receiver, httpx.Client(timeout=5) as client:
        made = client.post(
            f"{served.base}/webhooks", json={"url": receiver.url}, headers=served.auth("de-inv")
        )
        assert made.status_code == 201
        nid = served.send("DE-BKA")
        (got,) = receiver.wait_for(1)
    assert orjson.loads(got.body)["id"] == nid
    assert got.headers["X-Mare-Signature"].startswith("sha256=")
