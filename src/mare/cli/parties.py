"""``mare org`` and ``mare user``: the directory of the exchange."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from mare.cli.common import DbOption, fails_cleanly, open_hub, out
from mare.exchange import OrgKind, Role, parties

org_app = typer.Typer(help="Organisations: partner units and the hub.", no_args_is_help=True)
user_app = typer.Typer(help="Users of the organisations, with their roles.", no_args_is_help=True)


@org_app.command("add")
@fails_cleanly
def org_add(
    org_id: Annotated[str, typer.Argument(help="Organisation id, e.g. DE-BKA or HUB")],
    name: Annotated[str, typer.Option(help="Full name")],
    country: Annotated[
        str | None, typer.Option(help="ISO 3166 alpha-2 country (partners only)")
    ] = None,
    kind: Annotated[str, typer.Option(help="partner or hub")] = "partner",
    db: DbOption = None,
) -> None:
    """Add an organisation (a partner unit with its country, or the hub)."""
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        row = parties.add_organisation(ctx, org_id, name, country, OrgKind.parse(kind))
    out.print(f"organisation {row.id} ({row.kind}, {row.country or 'no country'}) added")


@org_app.command("list")
@fails_cleanly
def org_list(db: DbOption = None) -> None:
    """List every organisation."""
    table = Table("id", "name", "country", "kind", "active")
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        rows = parties.list_organisations(ctx, limit=1_000_000)
    for row in rows:
        table.add_row(row.id, row.name, row.country or "", row.kind, "yes" if row.active else "no")
    out.print(table)
    out.print(f"{len(rows)} organisations")


@user_app.command("add")
@fails_cleanly
def user_add(
    user_id: Annotated[str, typer.Argument(help="User id, e.g. de-mueller")],
    org: Annotated[str, typer.Option("--org", help="Organisation id")],
    role: Annotated[str, typer.Option(help="investigator, analyst, supervisor or admin")],
    name: Annotated[str, typer.Option(help="Display name")],
    db: DbOption = None,
) -> None:
    """Add a user: partners' users are investigators; the hub's are analysts, supervisors
    or administrators."""
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        row = parties.add_user(ctx, user_id, org, Role.parse(role), name)
    out.print(f"user {row.id} ({row.role} at {row.organisation}) added")


@user_app.command("list")
@fails_cleanly
def user_list(
    org: Annotated[str | None, typer.Option("--org", help="Only this organisation")] = None,
    db: DbOption = None,
) -> None:
    """List users with their organisation and role."""
    table = Table("id", "organisation", "name", "role", "active")
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        rows = parties.list_users(ctx, organisation=org, limit=1_000_000)
    for row in rows:
        table.add_row(row.id, row.organisation, row.name, row.role, "yes" if row.active else "no")
    out.print(table)
    out.print(f"{len(rows)} users")
