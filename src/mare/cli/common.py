"""What the command groups share: options, the error wrapper, the console, the hub."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from mare.errors import MareError
from mare.exchange import Hub, Principal
from mare.settings import Settings

out = Console()
err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL or SQLite path [env: MARE_DATABASE_URL]"),
]


def fails_cleanly(func: Callable[P, R]) -> Callable[P, R]:
    """Report Mare's errors and file errors on stderr with a non-zero exit, no traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except MareError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(code=1) from None
        except OSError as exc:  # an output file that cannot be written, say
            where = f"{exc.filename}: " if exc.filename else ""
            err.print(f"[red]error:[/red] {where}{exc.strerror or exc}", highlight=False)
            raise typer.Exit(code=1) from None

    return wrapper


def warn_if_insecure(hub: Hub) -> None:
    if hub.keys.insecure:
        err.print(
            "[yellow]warning:[/yellow] MARE_SECRET_KEY is not set: tokens and the audit head "
            "are keyed with the development secret (never deploy like this)",
            highlight=False,
        )


@contextmanager
def open_hub(db: str | None) -> Iterator[tuple[Hub, Principal]]:
    """The hub, and the operator of the command line as its principal."""
    settings = Settings.from_env(database_url=db)
    hub = Hub.open(settings)
    try:
        yield hub, Principal.operator(settings)
    finally:
        hub.close()
