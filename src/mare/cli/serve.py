"""``mare serve`` runs the API; ``mare openapi`` writes its spec."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mare.cli.common import DbOption, err, fails_cleanly, out
from mare.exchange.keys import Keys
from mare.settings import Settings

if TYPE_CHECKING:
    from fastapi import FastAPI


def openapi_text(settings: Settings | None = None) -> str:
    """The OpenAPI spec as committed in docs/openapi.json."""
    from mare.api import create_app

    spec = create_app(settings or Settings()).openapi()
    return json.dumps(spec, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


_DELIVER = "_MARE_SERVE_WEBHOOKS"  # tells each worker process whether to deliver webhooks


def worker_app() -> FastAPI:
    """The app of one uvicorn worker process (``--workers`` above 1): the settings from
    the environment ``mare serve`` passes on."""
    from mare.api import create_app

    return create_app(Settings.from_env(), deliver=os.environ.get(_DELIVER) == "1")


@fails_cleanly
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    webhooks: Annotated[
        bool, typer.Option(help="Run the webhook delivery worker beside the API")
    ] = True,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (each with its own store connections)")
    ] = 1,
    db: DbOption = None,
) -> None:
    """Serve the API (``/api/v1``) with uvicorn on the embedded store or PostgreSQL,
    and deliver webhooks from the queue (``--no-webhooks``: leave it to
    ``mare webhooks deliver``)."""
    import uvicorn

    from mare.api import create_app
    from mare.store import Store

    settings = Settings.from_env(database_url=db)
    Store.open(settings.database_url).close()  # migrate, and fail here if it cannot open
    if Keys.from_settings(settings).insecure:
        err.print(
            "[yellow]warning:[/yellow] MARE_SECRET_KEY is not set: serving with the "
            "development secret (never deploy like this)",
            highlight=False,
        )
    out.print(f"serving http://{host}:{port}/api/v1 (store {settings.database_url})")
    if workers > 1:
        os.environ["MARE_DATABASE_URL"] = settings.database_url
        os.environ[_DELIVER] = "1" if webhooks else "0"
        uvicorn.run(
            "mare.cli.serve:worker_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
        return
    app = create_app(settings, deliver=webhooks)
    uvicorn.run(app, host=host, port=port, log_level="info")


@fails_cleanly
def openapi(
    output: Annotated[
        Path | None, typer.Option("--out", help="File to write (default stdout)")
    ] = None,
) -> None:
    """Write the OpenAPI spec (committed as docs/openapi.json)."""
    text = openapi_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        out.print(f"OpenAPI spec written to {output}")
