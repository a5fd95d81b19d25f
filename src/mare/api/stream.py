"""Server-sent events: an organisation's new notifications, live.

The stream polls the inbox table (one indexed query per ``sse_poll_seconds``,
in a worker thread), so it sees notifications made by any process on the same
store. Each poll first re-checks the token: a revoked or expired token, or a
deactivated account, ends the stream at the next poll. Events carry the
organisation's own ``seq`` as their id, so a client that reconnects with
``Last-Event-ID`` gets exactly what it missed. A quiet stream sends a comment
every ``sse_keepalive_seconds``; every stream ends after ``sse_max_seconds``
(the client reconnects), and at once when the client goes away.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson
from fastapi import Request
from starlette.concurrency import run_in_threadpool

from mare.exchange import inbox, tokens
from mare.exchange.hub import Hub
from mare.exchange.principal import Principal
from mare.settings import Settings

RETRY_MS = 3000  # what a client waits before reconnecting


class Streams:
    """How many streams are open (for the tests, and for anyone watching the server)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.open = 0

    def change(self, by: int) -> None:
        with self._lock:
            self.open += by


@dataclass(frozen=True, slots=True)
class Timing:
    poll: float
    keepalive: float
    lifetime: float

    @classmethod
    def from_settings(cls, settings: Settings) -> Timing:
        return cls(
            max(settings.sse_poll_seconds, 0.01),
            max(settings.sse_keepalive_seconds, 0.01),
            max(settings.sse_max_seconds, 0.0),
        )


def frame(item: dict[str, Any]) -> bytes:
    data = orjson.dumps(item, option=orjson.OPT_SORT_KEYS)
    return b"id: %d\nevent: notification\ndata: %s\n\n" % (item["seq"], data)


def _poll(
    hub: Hub, principal: Principal, after: int, where: inbox.Filter
) -> list[dict[str, Any]] | None:
    """New notifications after ``after`` (None: the token no longer works)."""
    with hub.context(principal) as ctx:
        if not tokens.still_valid(ctx, principal):
            return None
        return [inbox.as_dict(row) for row in inbox.after(ctx, after, where)]


async def events(
    request: Request,
    hub: Hub,
    principal: Principal,
    after: int,
    where: inbox.Filter,
    timing: Timing,
    streams: Streams,
) -> AsyncIterator[bytes]:
    streams.change(+1)
    try:
        started = last_sent = time.monotonic()
        yield b"retry: %d\n\n" % RETRY_MS
        while True:
            items = await run_in_threadpool(_poll, hub, principal, after, where)
            if items is None:
                yield b'event: end\ndata: {"reason": "the token no longer works"}\n\n'
                return
            for item in items:
                yield frame(item)
                after = item["seq"]
            now = time.monotonic()
            if items:
                last_sent = now
            elif now - last_sent >= timing.keepalive:
                yield b": keep-alive\n\n"
                last_sent = now
            left = started + timing.lifetime - now
            if left <= 0 or await request.is_disconnected():
                return
            await asyncio.sleep(min(timing.poll, left))
    finally:
        streams.change(-1)
