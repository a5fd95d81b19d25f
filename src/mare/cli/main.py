"""``mare``: the command line. Every command takes ``--db`` (or ``MARE_DATABASE_URL``)."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from mare.cli import access, parties, products, review, scenario, serve, webhooks
from mare.cli.common import DbOption, err, fails_cleanly, out
from mare.errors import MareError
from mare.ingest import Defaults, Ingestor, Report
from mare.match.benign import BenignList
from mare.runtime import quiet_collector
from mare.settings import Settings
from mare.store import Store
from mare.store.export import iter_entities

app = typer.Typer(
    help="Mare: intelligence hub for analysts of migrant-smuggling networks.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _process() -> None:
    quiet_collector()


BenignOption = Annotated[
    Path | None,
    typer.Option("--benign", help="CSV of benign identifiers [env: MARE_BENIGN_LIST]"),
]


def benign_list(settings: Settings) -> BenignList:
    path = settings.benign_list
    return BenignList.load(Path(path)) if path else BenignList.empty()


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    settings = Settings.from_env(database_url=db)
    store = Store.open(settings.database_url)
    try:
        yield store
    finally:
        store.close()


def _print_report(report: Report, before: dict[str, int], after: dict[str, int]) -> None:
    new_stmts = after["statements"] - before["statements"]
    new_entities = after["entities"] - before["entities"]
    out.print(
        f"[bold]{report.file}[/bold]: {report.records} records, {len(report.entities)} entities, "
        f"{report.statements} values ({report.invalid_values} flagged invalid), "
        f"{len(report.rejects)} rejected; new in store: {new_entities} entities, "
        f"{new_stmts} statements",
        highlight=False,
    )
    ordered = sorted(report.rejects, key=lambda e: (e.line or 0, e.field or ""))
    for error in ordered[:50]:
        err.print(f"  rejected {report.file} {error}", highlight=False, markup=False)
    if len(report.rejects) > 50:
        err.print(f"  … and {len(report.rejects) - 50} more: see `mare rejects`")
    _print_cross_check(report.checked, Counter(h.band for h in report.hits), report.generic)


def _print_cross_check(checked: int, bands: Mapping[str, int], generic: dict[str, int]) -> None:
    out.print(
        f"cross-checked {checked} new or changed records: {bands.get('match', 0)} match, "
        f"{bands.get('review', 0)} review, {bands.get('link', 0)} link (see `mare hits`)",
        highlight=False,
    )
    for key, n in sorted(generic.items(), key=lambda kv: -kv[1])[:10]:
        err.print(f"  generic key {key} is held by {n} records: it links nobody", highlight=False)


def _print_hit(left: str, right: str, score: float, band: str, reasons: list[Any]) -> None:
    out.print(f"{left} ~ {right}  {score:.3f} {band.upper()}", highlight=False, markup=False)
    for r in reasons:
        out.print(
            f"    {r['feature']:24} {r['left']!r} ~ {r['right']!r}  {r['contribution']:+.2f}"
            + (f"  ({r['detail']})" if r.get("detail") else ""),
            highlight=False,
            markup=False,
        )


@app.command()
@fails_cleanly
def ingest(
    files: Annotated[list[Path], typer.Argument(help="FtM JSON lines, message JSON, CSV or Excel")],
    mapping: Annotated[Path | None, typer.Option(help="YAML mapping for CSV/Excel")] = None,
    source: Annotated[str | None, typer.Option(help="Source message/dataset id")] = None,
    owner: Annotated[str | None, typer.Option(help="Data owner (organisation)")] = None,
    handling: Annotated[str, typer.Option(help="Handling code H0-H3")] = "H0",
    restriction: Annotated[str | None, typer.Option(help="Restriction text (H3)")] = None,
    evaluation: Annotated[str | None, typer.Option(help="Evaluation code, e.g. B2")] = None,
    grading: Annotated[str, typer.Option(help="Grading scheme: 4x4 or admiralty")] = "4x4",
    category: Annotated[str | None, typer.Option(help="Data-subject category of persons")] = None,
    benign: BenignOption = None,
    db: DbOption = None,
) -> None:
    """Store entities with provenance and cross-check them against everything held;
    rejected records are reported and kept in `rejects`, hits in `mare hits`."""
    settings = Settings.from_env(database_url=db, benign_list=str(benign) if benign else None)
    known = benign_list(settings)
    defaults = Defaults(
        owner=owner or settings.organisation,
        source=source,
        handling=handling,
        restriction=restriction,
        evaluation=evaluation,
        grading=grading,
        category=category,
    )
    if source and len(files) > 1:
        raise MareError("--source names one source: give one file with it")
    with open_store(settings.database_url) as store:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
            for path in files:
                task = bar.add_task(path.name, total=None)

                def advance(done: int, total: int | None, task: Any = task) -> None:
                    bar.update(task, completed=done, total=total)

                ingestor = Ingestor(
                    store, batch_size=settings.batch_size, progress=advance, benign=known
                )
                before = store.counts()
                report = ingestor.ingest(path, defaults, mapping)
                _print_report(report, before, store.counts())


@app.command()
@fails_cleanly
def export(
    output: Annotated[
        Path | None, typer.Option("--out", help="File to write (default stdout)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write every entity as FtM JSON lines, values exactly as the sources sent them."""
    with open_store(db) as store:
        handle = output.open("wb") if output else sys.stdout.buffer
        try:
            for entity in iter_entities(store):
                handle.write(orjson.dumps(entity) + b"\n")
        finally:
            if output:
                handle.close()


@app.command()
@fails_cleanly
def show(
    entity_id: Annotated[str, typer.Argument(help="Entity id")],
    db: DbOption = None,
) -> None:
    """Print an entity with the provenance of each value."""
    with open_store(db) as store:
        entity = store.entity(entity_id)
        rows = store.statements(entity_id)
        if entity is None or not rows:
            raise MareError(f"no entity {entity_id!r} in the store")
        out.print(
            f"[bold]{entity.schema}[/bold] {entity_id}  "
            f"(first seen {entity.first_seen:%Y-%m-%d}, last seen {entity.last_seen:%Y-%m-%d})"
        )
        table = Table(
            "property",
            "value",
            "normalised",
            "source",
            "owner",
            "handling",
            "eval",
            "category",
            "seen",
            "review",
        )
        for r in rows:
            norm = r.norm if r.valid else f"[red]invalid: {r.reason}[/red]"
            handling = f"{r.handling} ({r.restriction})" if r.restriction else r.handling
            seen = f"{r.first_seen:%Y-%m-%d}"
            if r.last_seen != r.first_seen:
                seen += f"–{r.last_seen:%Y-%m-%d}"
            table.add_row(
                r.prop,
                r.value,
                norm if norm != r.value else "=",
                r.source_id,
                r.owner,
                handling,
                r.evaluation,
                r.category or "",
                seen,
                str(r.review_date or ""),
            )
        out.print(table)


@app.command("rejects")
@fails_cleanly
def list_rejects(
    source: Annotated[str | None, typer.Option(help="Only this source id")] = None,
    db: DbOption = None,
) -> None:
    """List rejected records and values: file, line, field and reason."""
    with open_store(db) as store:
        rows = store.rejects(source)
        table = Table("file", "line", "entity", "field", "reason")
        for r in rows:
            table.add_row(r.file, str(r.line or ""), r.entity_id or "", r.field or "", r.reason)
        out.print(table)
        out.print(f"{len(rows)} rejects")


@app.command()
@fails_cleanly
def stats(db: DbOption = None) -> None:
    """Counts of what the store holds."""
    with open_store(db) as store:
        for name, count in store.counts().items():
            out.print(f"{name:12} {count:>10}")


@app.command()
@fails_cleanly
def xref(
    output: Annotated[Path, typer.Option("--out", help="JSON lines file to write")] = Path(
        "xref.jsonl"
    ),
    benign: BenignOption = None,
    workers: Annotated[
        int, typer.Option(help="Processes scoring in parallel (default: one per core)")
    ] = 0,
    db: DbOption = None,
) -> None:
    """Score every candidate pair of the held data into JSON lines; resumable."""
    from mare.match import xref as xrefs

    settings = Settings.from_env(database_url=db, benign_list=str(benign) if benign else None)
    known = benign_list(settings)
    with open_store(settings.database_url) as store:
        columns = (TextColumn("xref"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("xref", total=None)
            count = xrefs.run(
                store,
                output,
                lambda done, total: bar.update(task, completed=done, total=total),
                known,
                workers=workers or os.cpu_count() or 1,
            )
        out.print(f"{count} scored pairs written to {output}")


@app.command()
@fails_cleanly
def match(
    file: Annotated[Path, typer.Argument(help="FtM JSON lines to check")],
    benign: BenignOption = None,
    db: DbOption = None,
) -> None:
    """Check entities against the store without storing them; print hits with reasons."""
    from mare.match.check import check_file

    if not file.is_file():
        raise MareError(f"no such file: {file}")
    settings = Settings.from_env(database_url=db, benign_list=str(benign) if benign else None)
    known = benign_list(settings)
    with open_store(settings.database_url) as store:
        hits, errors = check_file(store, file, known)
    for error in errors:
        err.print(f"  rejected {file} {error}", highlight=False, markup=False)
    for hit in hits:
        reasons = [r.to_dict() for r in hit.result.reasons]
        _print_hit(hit.left.id, hit.right.id, hit.result.score, hit.band, reasons)
    out.print(f"{len(hits)} hits")


@app.command()
@fails_cleanly
def hits(
    entity: Annotated[str | None, typer.Option(help="Only the hits of this entity")] = None,
    band: Annotated[str | None, typer.Option(help="match, review or link")] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include pairs analysts have already judged")
    ] = False,
    db: DbOption = None,
) -> None:
    """The hits found on arrival, best first, with their reasons."""
    from mare.match import resolver
    from mare.match.index import stored_hits

    if band is not None and band not in ("match", "review", "link"):
        raise MareError(f"unknown band {band!r}: use match, review or link")
    with open_store(db) as store:
        resolution = resolver.load(store)
        with store.engine.connect() as conn:
            rows = stored_hits(conn, entity, band)
    shown = 0
    for row in rows:
        if not show_all and resolution.suppressed(row.left_id, row.right_id):
            continue
        _print_hit(row.left_id, row.right_id, row.score, row.band, orjson.loads(row.reasons))
        shown += 1
    out.print(f"{shown} hits" + ("" if show_all else f" ({len(rows) - shown} judged, hidden)"))


@app.command()
@fails_cleanly
def reindex(
    benign: BenignOption = None,
    workers: Annotated[
        int, typer.Option(help="Processes scoring in parallel (default: one per core)")
    ] = 0,
    db: DbOption = None,
) -> None:
    """Rebuild the cross-check index and the hits from the statements."""
    from mare.match.index import reindex as rebuild

    settings = Settings.from_env(database_url=db, benign_list=str(benign) if benign else None)
    known = benign_list(settings)
    with open_store(settings.database_url) as store:
        columns = (TextColumn("reindex"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("reindex", total=None)
            arrival = rebuild(
                store,
                lambda done, total: bar.update(task, completed=done, total=total),
                known,
                workers=workers or os.cpu_count() or 1,
            )
    _print_cross_check(arrival.checked, arrival.bands(), arrival.generic)


UserOption = Annotated[str | None, typer.Option(help="Who judges [env: MARE_USER]")]


@app.command()
@fails_cleanly
def judge(
    left: Annotated[str, typer.Argument(help="Entity id")],
    right: Annotated[str, typer.Argument(help="Entity id")],
    verdict: Annotated[str, typer.Argument(help="same, not-same or unsure")],
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Record a judgement on a pair; prints its id (for `mare undo`) and the resolution."""
    from mare.match import resolver

    settings = Settings.from_env(database_url=db, user=user)
    with open_store(settings.database_url) as store:
        made = resolver.judge(store, left, right, resolver.Verdict.parse(verdict), settings.user)
        canonical = resolver.load(store).canonical(left)
        out.print(
            f"judgement {made.id}: {made.left} {made.verdict.value} {made.right} "
            f"(by {made.user}); {left} resolves to {canonical}",
            highlight=False,
        )


@app.command()
@fails_cleanly
def undo(
    judgement: Annotated[int, typer.Argument(help="Judgement id")],
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Undo a judgement; the merge or block it made goes with it."""
    from mare.match import resolver

    settings = Settings.from_env(database_url=db, user=user)
    with open_store(settings.database_url) as store:
        gone = resolver.undo(store, judgement, settings.user)
        out.print(
            f"judgement {gone.id} ({gone.left} {gone.verdict.value} {gone.right}) undone",
            highlight=False,
        )


@app.command()
@fails_cleanly
def lookup(
    key: Annotated[str, typer.Argument(help="Identifier key, e.g. phone:+218912345678")],
    db: DbOption = None,
) -> None:
    """Exact lookup in the identifier index: which entities hold this identifier."""
    with open_store(db) as store:
        rows = store.lookup(key)
        for r in rows:
            flag = "" if r.valid else "  (invalid)"
            out.print(
                f"{r.entity_id}  {r.schema}.{r.prop} = {r.value}  [{r.owner}, {r.source_id}]{flag}"
            )
        if not rows:
            out.print("no hit")


# -- the exchange: directory, tokens, audit, API (cli/parties, cli/access, cli/serve)
app.add_typer(parties.org_app, name="org")
app.add_typer(parties.user_app, name="user")
app.add_typer(access.token_app, name="token")
app.add_typer(access.audit_app, name="audit")
app.add_typer(webhooks.webhook_app, name="webhooks")
app.add_typer(review.review_app, name="review")
app.command("erase")(review.erase)
app.command("serve")(serve.serve)
app.command("openapi")(serve.openapi)

# -- the simulated scenario (cli/scenario)
app.add_typer(scenario.scenario_app, name="scenario")

# -- analytical products (cli/products)
app.add_typer(products.report_app, name="report")
app.command("groups")(products.groups)
