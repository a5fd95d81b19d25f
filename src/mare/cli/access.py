"""``mare token`` and ``mare audit``: API tokens and the audit log."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from mare.cli.common import DbOption, err, fails_cleanly, open_hub, out, warn_if_insecure
from mare.errors import MareError
from mare.exchange import Action, tokens, verify

token_app = typer.Typer(help="API tokens: created, listed, revoked.", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)


def _stamp(value: object) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else ""


@token_app.command("create")
@fails_cleanly
def token_create(
    user: Annotated[str, typer.Argument(help="User id")],
    expires: Annotated[
        int | None, typer.Option("--expires", help="Days until it expires (default: never)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Create a token for a user and print it: it is shown this once, never again."""
    with open_hub(db) as (hub, operator):
        warn_if_insecure(hub)
        with hub.context(operator) as ctx:
            secret, row = tokens.create_token(ctx, user, expires)
    until = f", expires {_stamp(row.expires_at)}" if row.expires_at else ""
    err.print(f"token {row.id} for {row.user_id}{until}; keep it safe:", highlight=False)
    out.print(secret, highlight=False, markup=False, soft_wrap=True)


@token_app.command("revoke")
@fails_cleanly
def token_revoke(
    token_id: Annotated[str, typer.Argument(help="Token id (from `mare token list`)")],
    db: DbOption = None,
) -> None:
    """Revoke a token: it stops working at once."""
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        row = tokens.revoke_token(ctx, token_id)
    out.print(f"token {row.id} of {row.user_id} revoked at {_stamp(row.revoked_at)}")


@token_app.command("list")
@fails_cleanly
def token_list(
    user: Annotated[str | None, typer.Option(help="Only this user's tokens")] = None,
    db: DbOption = None,
) -> None:
    """List tokens (never their secrets): id, user, created, expires, revoked, last used."""
    table = Table("id", "user", "organisation", "created", "expires", "revoked", "last used")
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        rows = tokens.list_tokens(ctx, user=user, limit=1_000_000)
    for r in rows:
        table.add_row(
            r.id,
            r.user_id,
            r.organisation,
            _stamp(r.created_at),
            _stamp(r.expires_at),
            _stamp(r.revoked_at),
            _stamp(r.last_used_at),
        )
    out.print(table)
    out.print(f"{len(rows)} tokens")


@audit_app.command("verify")
@fails_cleanly
def audit_verify(db: DbOption = None) -> None:
    """Walk the chain; report the first altered, removed or reordered entry (exit 1)."""
    with open_hub(db) as (hub, operator):
        with hub.store.engine.connect() as conn:
            verdict = verify.verify(conn, hub.keys)
        with hub.context(operator) as ctx:
            ctx.audit(
                Action.CONSULTATION,
                "audit.verify",
                object_type="audit",
                detail={"ok": verdict.ok, "problem": verdict.problem, "seq": verdict.seq},
            )
    if not verdict.ok:
        err.print(f"[red]audit log broken:[/red] {verdict.problem}", highlight=False)
        raise typer.Exit(code=1)
    out.print(
        f"audit log intact: {verdict.entries} entries from {verdict.first_seq}, "
        f"head {verdict.head_seq} {verdict.head_hash}",
        highlight=False,
    )


@audit_app.command("purge")
@fails_cleanly
def audit_purge(
    before: Annotated[
        str | None,
        typer.Option("--today", help="Purge as on this day, YYYY-MM-DD (default today)"),
    ] = None,
    db: DbOption = None,
) -> None:
    """Delete the entries kept their three years; a signed checkpoint keeps the chain whole."""
    try:
        day = date.fromisoformat(before) if before else None
    except ValueError:
        raise MareError(f"not a day (YYYY-MM-DD): {before!r}") from None
    with open_hub(db) as (hub, operator):
        warn_if_insecure(hub)
        with hub.context(operator) as ctx:
            gone = verify.purge(ctx.conn, ctx.keys, day)
            ctx.audit(
                Action.ERASURE,
                "audit.purge",
                object_type="audit",
                detail={"purged": gone, "today": day.isoformat() if day else None},
            )
    out.print(f"{gone} audit entries purged (past their keep-until date)")
