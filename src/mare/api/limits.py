"""The request size limit: a body over ``MARE_MAX_REQUEST_BYTES`` is a 413.

A declared ``Content-Length`` over the limit is refused before anything is
read; a body without one (chunked) is counted as it streams in and cut off
where it passes the limit.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mare.api.errors import response


def _too_large(limit: int) -> str:
    return f"the request body is over the limit of {limit} bytes"


class SizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0:
                    reply = response(400, "bad_request", "the Content-Length header is not valid")
                    await reply(scope, receive, send)
                    return
                if declared > self.max_bytes:
                    reply = response(413, "too_large", _too_large(self.max_bytes))
                    await reply(scope, receive, send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, _too_large(self.max_bytes))
            return message

        await self.app(scope, counted, send)
