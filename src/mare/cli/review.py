"""``mare review`` and ``mare erase``: retention at review, and the owner's erasure."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.table import Table

from mare.cli.common import DbOption, fails_cleanly, open_hub, out
from mare.errors import InvalidValue
from mare.exchange import parties, retention
from mare.exchange.erasure import Erased
from mare.match.benign import BenignList
from mare.settings import Settings

review_app = typer.Typer(
    help="Retention: items due for review; keep one with a reason, or erase.",
    invoke_without_command=True,
)

DueOption = Annotated[
    str | None, typer.Option("--due", help="Due on or before this day, YYYY-MM-DD (default today)")
]
OwnerOption = Annotated[str | None, typer.Option("--owner", help="Only this owner's items")]
ByOption = Annotated[str, typer.Option("--by", help="The user who decides (their role applies)")]


def _day(text: str | None) -> date:
    if text is None:
        return retention.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(f"not a day (YYYY-MM-DD): {text!r}", field="due") from None


def _benign(db: str | None) -> BenignList:
    path = Settings.from_env(database_url=db).benign_list
    return BenignList.load(Path(path)) if path else BenignList.empty()


def _report(erased: Erased) -> None:
    rows = ", ".join(f"{n} {table}" for table, n in sorted(erased.rows.items()) if n)
    out.print(
        f"erased {len(erased.items)} items ({len(erased.gone)} entities gone entirely): "
        f"{rows or 'nothing else'}",
        highlight=False,
    )


@review_app.callback()
@fails_cleanly
def review_due(
    context: typer.Context,
    due: DueOption = None,
    owner: OwnerOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, one item each")] = False,
    tell: Annotated[
        bool, typer.Option("--notify/--no-notify", help="Tell each owner what is due (once a day)")
    ] = True,
    db: DbOption = None,
) -> None:
    """List the items due for review (and tell their owners); see the commands below."""
    if context.invoked_subcommand is not None:
        return
    day = _day(due)
    with open_hub(db) as (hub, operator), hub.context(operator) as ctx:
        found = retention.review(ctx, day, owner=owner)
        told = retention.notify_due(ctx, day, found) if tell else []
    if as_json:
        for item in found:
            out.print(orjson.dumps(item.to_dict()).decode(), highlight=False, markup=False)
        return
    table = Table("entity", "owner", "schema", "review date", "values due")
    for item in found:
        when = item.review_date.isoformat() if item.review_date else "none"
        table.add_row(item.entity_id, item.owner, item.schema, when, str(item.values))
    out.print(table)
    out.print(
        f"{len(found)} items due by {day.isoformat()}"
        + (f"; {len(told)} owners notified" if told else ""),
        highlight=False,
    )


@review_app.command("extend")
@fails_cleanly
def review_extend(
    entity: Annotated[str, typer.Argument(help="Entity id of the item")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is kept (recorded)")],
    by: ByOption,
    owner: OwnerOption = None,
    years: Annotated[int | None, typer.Option("--years", help="Kept 1-3 years (default 3)")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Next review, YYYY-MM-DD")] = None,
    db: DbOption = None,
) -> None:
    """Keep an item to a later review, with a reason (a supervisor's decision)."""
    next_review = _day(until) if until else None
    with open_hub(db) as (hub, operator):
        with hub.context(operator) as ctx:
            who = parties.acting_as(ctx, by)
        with hub.context(who) as ctx:
            made = retention.extend(
                ctx, entity, reason, owner=owner, until=next_review, years=years
            )
    for decision in made:
        out.print(
            f"{entity} of {decision['owner']}: kept to {decision['review_until']:%Y-%m-%d} "
            f"by {decision['decided_by']} ({decision['reason']})",
            highlight=False,
            markup=False,
        )


@review_app.command("erase")
@fails_cleanly
def review_erase(
    entity: Annotated[str, typer.Argument(help="Entity id of the item")],
    by: ByOption,
    owner: OwnerOption = None,
    db: DbOption = None,
) -> None:
    """Erase an item at review, with everything derived from it (a supervisor, or the owner)."""
    with open_hub(db) as (hub, operator):
        with hub.context(operator) as ctx:
            who = parties.acting_as(ctx, by)
        with hub.context(who) as ctx:
            erased = retention.erase_due(ctx, entity, owner, benign=_benign(db))
    _report(erased)


@review_app.command("run")
@fails_cleanly
def review_run(by: ByOption, due: DueOption = None, db: DbOption = None) -> None:
    """Erase every item due that no supervisor kept, and tell the owners (a supervisor)."""
    day = _day(due)
    with open_hub(db) as (hub, operator):
        with hub.context(operator) as ctx:
            who = parties.acting_as(ctx, by)
        with hub.context(who) as ctx:
            erased = retention.run(ctx, day, benign=_benign(db))
    _report(erased)


@fails_cleanly
def erase(
    entity: Annotated[str, typer.Argument(help="Entity id")],
    owner: Annotated[str, typer.Option("--owner", help="The owner whose values go")],
    by: Annotated[
        str | None, typer.Option("--by", help="The owner's user (default: the operator)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Erase an owner's item at its request, with everything derived from it."""
    with open_hub(db) as (hub, operator):
        who = operator
        if by is not None:
            with hub.context(operator) as ctx:
                who = parties.acting_as(ctx, by)
        with hub.context(who) as ctx:
            erased = retention.erase_item(ctx, entity, owner, benign=_benign(db))
    _report(erased)
