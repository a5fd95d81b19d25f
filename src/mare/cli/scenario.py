"""``mare scenario``: the simulated multi-country scenario with its ground truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from mare.cli.common import err, fails_cleanly, out
from mare.errors import InvalidValue

scenario_app = typer.Typer(
    help="A simulated multi-country smuggling scenario with its ground truth.",
    no_args_is_help=True,
)


@scenario_app.command("generate")
@fails_cleanly
def generate(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory to write")],
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same bytes")] = 5,
    scale: Annotated[
        str, typer.Option(help="tiny, demo, small, medium, bench or a number of entities (50k)")
    ] = "demo",
) -> None:
    """Write partner messages (DIR/messages/), DIR/partners.json and DIR/truth.jsonl."""
    from mare.scenario import generate as write_scenario
    from mare.scenario import parse_scale

    try:
        target = parse_scale(scale)
    except ValueError as exc:
        raise InvalidValue(str(exc), field="scale") from None
    columns = (TextColumn("scenario"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("scenario", total=target)
        summary = write_scenario(
            seed, target, out_dir, lambda done, total: bar.update(task, completed=done)
        )
    out.print(
        f"{out_dir}: {summary.messages} messages from {len(summary.senders)} partners, "
        f"{summary.entities} entities, {summary.networks} networks, "
        f"{summary.faults} deliberate faults (seed {seed}, {summary.seconds:.1f} s)",
        highlight=False,
    )
