"""Authentication: a bearer token on every request but the health check.

It runs as middleware, before routing and validation, so an anonymous caller
learns nothing but 401 — not which paths exist, not what a valid body looks
like. The principal lands in ``request.state.principal``; routes take it with
the `principal` dependency (which also puts the scheme and the ``Mare-Purpose``
header into the OpenAPI spec).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from mare.api.errors import INTERNAL, classify, response
from mare.errors import InvalidValue, MareError
from mare.exchange.principal import MAX_PURPOSE, Principal
from mare.exchange.tokens import authenticate

log = logging.getLogger("mare.api")

PUBLIC = frozenset({"/api/v1/health"})
PURPOSE_HEADER = "Mare-Purpose"

bearer = HTTPBearer(auto_error=False, description="An API token from `mare token create`")


class Authentication:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PUBLIC:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        scheme, _, token = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            reply = response(401, "unauthenticated", "send an API token: Authorization: Bearer …")
            await reply(scope, receive, send)
            return
        runtime = scope["app"].state.runtime
        purpose = headers.get(PURPOSE_HEADER.lower())
        try:
            principal = await run_in_threadpool(authenticate, runtime.hub, token.strip(), purpose)
        except MareError as exc:
            status, code, message = classify(exc)
            await response(status, code, message)(scope, receive, send)
            return
        except Exception:
            log.exception("authentication failed")
            await response(500, "internal", INTERNAL)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


def _principal(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    _purpose: Annotated[
        str | None,
        Header(
            alias=PURPOSE_HEADER,
            max_length=MAX_PURPOSE,
            description="Why you ask (a case reference, say): recorded in the audit log",
        ),
    ] = None,
) -> Principal:
    _refuse_unknown_query(request)
    principal: Principal = request.state.principal
    return principal


def _query_params(dependant: Dependant) -> Iterator[str]:
    yield from (param.alias for param in dependant.query_params)
    for sub in dependant.dependencies:
        yield from _query_params(sub)


def _query_names(route: APIRoute) -> frozenset[str]:
    return frozenset(_query_params(route.dependant))


def _refuse_unknown_query(request: Request) -> None:
    """A query parameter the route does not take is an error, not silently ignored."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _query_names(route)
    for name in request.query_params:
        if name not in known:
            raise InvalidValue(f"unknown query parameter {name!r}", field=f"query.{name}")


CurrentPrincipal = Annotated[Principal, Depends(_principal)]
