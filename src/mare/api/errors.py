"""The one error shape, and the one place that produces it.

Every error — an HTTP error from routing, a validation error, a `MareError`,
anything unexpected — becomes ``{"error": {"code", "message", "details"}}``
with the matching status. Unexpected errors are a 500 that says nothing of the
internals. A failure met by an authenticated principal is recorded in the audit
log (outcome ``denied``, or ``error`` for the hub's own faults).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from mare import errors
from mare.api.schemas import ErrorBody, ErrorDetail, ErrorInfo
from mare.exchange.audit import Action, Outcome
from mare.exchange.principal import Principal

log = logging.getLogger("mare.api")

# MareError subclasses -> (status, code); the first match in order wins.
MARE_STATUS: list[tuple[type[errors.MareError], int, str]] = [
    (errors.Unauthenticated, 401, "unauthenticated"),
    (errors.Forbidden, 403, "forbidden"),
    (errors.NotFound, 404, "not_found"),
    (errors.Conflict, 409, "conflict"),
    (errors.TooLarge, 413, "too_large"),
    (errors.InvalidValue, 422, "invalid"),
    (errors.RecordError, 422, "invalid"),
    (errors.InputError, 400, "bad_request"),
    (errors.StoreError, 503, "unavailable"),
    (errors.ConfigError, 500, "internal"),
]
HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "internal",
    503: "unavailable",
}
INTERNAL = "internal error: the hub has logged it"
UNAVAILABLE = "the store is unavailable; try again later"
# Declared on every route but health (which declares 500): 400 and 413 come from
# the size limit and body parsing, 503 when the store is down.
STANDARD_ERRORS = (400, 401, 403, 404, 413, 422, 500, 503)


def body(code: str, message: str, details: Sequence[ErrorDetail] = ()) -> dict[str, Any]:
    return ErrorBody(
        error=ErrorInfo(code=code, message=message, details=list(details))
    ).model_dump()


def response(
    status: int,
    code: str,
    message: str,
    details: Sequence[ErrorDetail] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    extra = dict(headers or {})
    if status == 401:
        extra.setdefault("WWW-Authenticate", "Bearer")
    return JSONResponse(body(code, message, details), status_code=status, headers=extra or None)


def classify(exc: errors.MareError) -> tuple[int, str, str]:
    for kind, status, code in MARE_STATUS:
        if isinstance(exc, kind):
            if status == 503:
                return status, code, UNAVAILABLE  # the driver's message may name internals
            if status == 500:
                return status, code, INTERNAL
            return status, code, str(exc)
    return 400, "bad_request", str(exc)


def _audit_failure(request: Request, status: int, code: str, message: str) -> None:
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None or status == 401:
        return
    runtime = request.app.state.runtime
    route = request.scope.get("route")
    operation = getattr(route, "name", None) or "request"
    action = Action.CONSULTATION if request.method in ("GET", "HEAD") else Action.CHANGE
    try:
        with runtime.hub.context(principal) as ctx:
            ctx.audit(
                action,
                operation,
                object_ids=[str(v) for v in request.path_params.values()],
                outcome=Outcome.ERROR if status >= 500 else Outcome.DENIED,
                detail={"status": status, "code": code, "message": message[:500]},
            )
    except Exception:  # the failure is reported to the caller all the same
        log.exception("could not audit a failed request")


def _mare_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.MareError)
    status, code, message = classify(exc)
    if status >= 500:
        log.error("%s %s failed: %r", request.method, request.url.path, exc)
    if not exc.audited:
        _audit_failure(request, status, code, message)
    field = getattr(exc, "field", None)
    details = [ErrorDetail(field=field, message=message)] if field else []
    return response(status, code, message, details)


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = HTTP_CODES.get(exc.status_code, "error" if exc.status_code < 500 else "internal")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(request.app.state.methods.allowed(request.url.path))
    _audit_failure(request, exc.status_code, code, message)
    return response(exc.status_code, code, message, headers=headers)


def _field(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def _message(item: Mapping[str, Any]) -> str:
    if item.get("type") == "enum":
        return "not one of the values the spec allows"
    text = str(item.get("msg", "invalid"))
    return text if len(text) <= 300 else text[:299] + "…"


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        ErrorDetail(field=_field(item.get("loc", ())), message=_message(item))
        for item in exc.errors()
    ]
    message = "the request is not valid" + (f": {details[0].message}" if details else "")
    _audit_failure(request, 422, "invalid", message)
    return response(422, "invalid", message, details)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    _audit_failure(request, 500, "internal", type(exc).__name__)
    return response(500, "internal", INTERNAL)


def install(app: FastAPI) -> None:
    """Route every kind of error through the one shape."""
    app.add_exception_handler(errors.MareError, _mare_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the errors a route can answer with."""
    return {status: {"model": ErrorBody, "description": HTTP_CODES[status]} for status in statuses}
