"""``make demo``: ingest the committed examples into a fresh embedded store and summarise.

Issue 5 grows this into the full multi-country scenario over the exchange.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from mare.errors import MareError
from mare.ingest import Defaults, Ingestor
from mare.store import Store

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OUT = ROOT / "out"

# (file, mapping, provenance the file does not carry itself)
STEPS: list[tuple[str, str | None, Defaults]] = [
    (
        "persons.ftm.jsonl",
        None,
        Defaults(owner="GR-HP", handling="H0", evaluation="B2", category="suspect"),
    ),
    ("message-it.json", None, Defaults()),
    ("arrests.csv", "arrests.yml", Defaults(owner="IT-SCO", handling="H1", evaluation="A2")),
    ("broken.jsonl", None, Defaults(owner="TN-GN")),
]


def main() -> int:
    console = Console()
    OUT.mkdir(exist_ok=True)
    db = OUT / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    try:
        with Store.open(f"sqlite:///{db}") as store:
            ingestor = Ingestor(store)
            table = Table("file", "owner", "records", "entities", "values", "invalid", "rejected")
            for name, mapping, defaults in STEPS:
                report = ingestor.ingest(
                    EXAMPLES / name, defaults, EXAMPLES / mapping if mapping else None
                )
                source = store.source(report.source_id)
                owner = source.owner if source else defaults.owner
                table.add_row(
                    name,
                    owner,
                    str(report.records),
                    str(len(report.entities)),
                    str(report.statements),
                    str(report.invalid_values),
                    str(len(report.rejects)),
                )
            console.print(table)
            counts = store.counts()
            console.print("store: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
            shared = store.lookup("phone:+218912345678")
            console.print(
                f"\nphone +218912345678 is held by {len({r.entity_id for r in shared})} "
                "entities from " + ", ".join(sorted({r.owner for r in shared}))
            )
            for r in shared:
                console.print(f"  {r.entity_id}: {r.prop} = {r.value!r} ({r.owner}, {r.handling})")
            console.print("\nrejected records (see `mare rejects`):")
            for r in store.rejects():
                console.print(
                    f"  {Path(r.file).name}:{r.line} [{r.field}] {r.reason}",
                    highlight=False,
                    markup=False,
                )
    except MareError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    console.print(f"\nstore written to {db}; try: .venv/bin/mare show gr-hp-p-001 --db {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
