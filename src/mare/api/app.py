"""The FastAPI app: `create_app(settings)` serves Mare's API under ``/api/v1``."""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import compile_path

from mare import __version__
from mare.api import errors
from mare.api.auth import Authentication
from mare.api.limits import SizeLimit
from mare.api.routes import (
    attachments,
    audit,
    cases,
    check,
    directory,
    disclosures,
    entities,
    me,
    messages,
    notifications,
    review,
    tokens,
    webhooks,
)
from mare.api.routes import health as health_routes
from mare.api.stream import Streams
from mare.exchange.hub import Hub
from mare.exchange.worker import Worker
from mare.match.benign import BenignList
from mare.settings import Settings

PREFIX = "/api/v1"


class Methods:
    """Which methods each path serves (for 405's ``Allow``, across included routers)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._paths: list[tuple[re.Pattern[str], list[str]]] | None = None

    def allowed(self, path: str) -> list[str]:
        if self._paths is None:
            self._paths = [
                (compile_path(template)[0], sorted(m.upper() for m in operations))
                for template, operations in self.app.openapi()["paths"].items()
            ]
        methods = {m for pattern, ms in self._paths if pattern.match(path) for m in ms}
        return sorted(methods)


class Runtime:
    """What the routes share: the settings and the hub, opened on first use."""

    def __init__(self, settings: Settings, hub: Hub | None = None) -> None:
        self.settings = settings
        self._hub = hub
        self._owned = hub is None
        self._lock = threading.Lock()
        self._benign: BenignList | None = None

    @property
    def hub(self) -> Hub:
        if self._hub is None:
            with self._lock:
                if self._hub is None:
                    self._hub = Hub.open(self.settings)
        return self._hub

    @property
    def benign(self) -> BenignList:
        """The benign identifiers of ``MARE_BENIGN_LIST`` (loaded once)."""
        if self._benign is None:
            path = self.settings.benign_list
            self._benign = BenignList.load(Path(path)) if path else BenignList.empty()
        return self._benign

    def close(self) -> None:
        if self._hub is not None and self._owned:
            self._hub.close()
            self._hub = None


def _operation_id(route: APIRoute) -> str:
    return route.name


def create_app(settings: Settings, hub: Hub | None = None, *, deliver: bool = False) -> FastAPI:
    """The API over the store in ``settings`` (or over ``hub``, which the caller closes).

    With ``deliver`` (``mare serve``), a webhook delivery worker runs beside it
    for as long as the app does (`mare.exchange.worker.Worker`).
    """
    runtime = Runtime(settings, hub)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = Worker(runtime.hub, settings) if deliver else None
        if worker is not None:
            worker.start()
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            runtime.close()

    app = FastAPI(
        title="Mare",
        version=__version__,
        summary="Intelligence hub for analysts of migrant-smuggling networks",
        description="Conventions (authentication, errors, pagination, limits): docs/exchange.md.",
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.runtime = runtime
    app.state.methods = Methods(app)
    app.state.streams = Streams()
    errors.install(app)
    modules = (
        health_routes,
        me,
        directory,
        tokens,
        audit,
        entities,
        check,
        attachments,
        messages,
        cases,
        disclosures,
        notifications,
        webhooks,
        review,
    )
    for module in modules:
        for route in module.router.routes:
            if isinstance(route, APIRoute) and not route.summary:
                route.summary = (route.description or route.name).strip().split("\n")[0]
        app.include_router(module.router, prefix=PREFIX)
    app.add_middleware(Authentication)
    app.add_middleware(SizeLimit, max_bytes=settings.max_request_bytes)
    return app
