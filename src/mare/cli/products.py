"""``mare report`` and ``mare groups``: analytical products, as a named user may see them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from mare.analysis import crossmatch
from mare.analysis.report_html import render
from mare.cli.common import DbOption, fails_cleanly, open_hub, out
from mare.exchange import parties

report_app = typer.Typer(help="Analytical products.", no_args_is_help=True)

AsUser = Annotated[
    str, typer.Option("--as", help="The user the product is drawn up for (their access rules)")
]
Purpose = Annotated[
    str | None,
    typer.Option(help="The purpose, for the audit log (and the hub's access to sensitive data)"),
]


@report_app.command("crossmatch")
@fails_cleanly
def report_crossmatch(
    user: AsUser,
    output: Annotated[Path, typer.Option("--out", help="HTML file to write")] = Path(
        "out/crossmatch.html"
    ),
    hits: Annotated[int, typer.Option(min=0, help="Most cross-border hits shown")] = 200,
    groups: Annotated[int, typer.Option(min=0, help="Most groups shown")] = 10,
    purpose: Purpose = None,
    db: DbOption = None,
) -> None:
    """Write the cross-match report (standalone HTML): cross-border hits with their
    reasons, hit/no-hit disclosures pending, the largest connected groups."""
    with open_hub(db) as (hub, operator):
        with hub.context(operator) as ctx:
            reader = parties.acting_as(ctx, user, purpose)
        with hub.context(reader) as ctx:
            built = crossmatch.build(ctx, hit_limit=hits, group_limit=groups)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(built), encoding="utf-8")
    court = ", not for court (H1)" if built.not_for_court else ""
    out.print(
        f"cross-match report for {user} written to {output}: {len(built.hits)} hits shown, "
        f"{built.withheld} withheld, {len(built.groups)} groups; handling {built.handling}{court}"
    )


@fails_cleanly
def groups(
    user: AsUser,
    limit: Annotated[int, typer.Option(min=0, help="Groups shown")] = 10,
    purpose: Purpose = None,
    db: DbOption = None,
) -> None:
    """The largest connected groups of linked entities the user may read."""
    with open_hub(db) as (hub, operator):
        with hub.context(operator) as ctx:
            reader = parties.acting_as(ctx, user, purpose)
        with hub.context(reader) as ctx:
            found = crossmatch.groups(ctx, limit)
    table = Table("#", "entities", "reported by", "schemata", "links", "most connected")
    for number, group in enumerate(found, start=1):
        table.add_row(
            str(number),
            str(group.size),
            ", ".join(group.owners),
            ", ".join(f"{n} {s}" for s, n in sorted(group.schemata.items())),
            ", ".join(f"{n} {k}" for k, n in sorted(group.links.items())),
            "; ".join(m.caption for m in group.members[:3]),
        )
    out.print(table)
