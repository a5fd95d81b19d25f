"""Ingest throughput against the raw-insert ceiling of the same store, in one run.

    .venv/bin/python benchmarks/ingest.py [--entities 100000] [--backends sqlite,postgres]

Generates FtM entities (persons, passports, vessels, accounts), ingests them
with Mare into SQLite and PostgreSQL, then inserts exactly the rows Mare wrote
(statements, identifiers, entities) into an empty copy of the same store with
a plain DBAPI executemany per batch: that is the ceiling. Figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import write_section

from mare.ingest import Defaults, Ingestor
from mare.store import Store
from mare.store.tables import entities, identifiers, statements

PG_URL = os.environ.get(
    "MARE_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
GIVEN = [
    "Mohamed",
    "Ahmad",
    "Yohannes",
    "Karim",
    "Tarek",
    "Samir",
    "Hamza",
    "Omar",
    "Ali",
    "Bilal",
    "Reza",
    "Abdullah",
    "Hassan",
    "Ibrahim",
    "Yusuf",
    "Amanuel",
    "Dawit",
    "Musa",
    "Idris",
]
FAMILY = [
    "Abdelrahman",
    "Rezaei",
    "Tesfay",
    "Haddad",
    "Ben Salah",
    "Benali",
    "Tarhouni",
    "Diallo",
    "Hosseini",
    "Ahmadi",
    "Kebede",
    "Yilmaz",
    "Demir",
    "Osman",
    "Nasser",
    "Khalil",
    "Said",
]
COUNTRIES = ["ly", "tn", "eg", "af", "sy", "er", "ir", "iq", "tr", "ma", "dz", "sd"]
PREFIX = {
    "ly": "+21891",
    "tn": "+21620",
    "eg": "+2010",
    "af": "+9370",
    "sy": "+96393",
    "er": "+2917",
    "ir": "+98912",
    "iq": "+964770",
    "tr": "+90532",
    "ma": "+2126",
    "dz": "+213550",
    "sd": "+24991",
}


def generate(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("wb") as handle:
        for i in range(count):
            kind = i % 10
            if kind < 6:
                cc = rng.choice(COUNTRIES)
                number = PREFIX[cc] + "".join(rng.choice("0123456789") for _ in range(6))
                props: dict[str, list[str]] = {
                    "name": [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"],
                    "birthDate": [
                        f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-"
                        f"{rng.randint(1, 28):02d}"
                    ],
                    "nationality": [cc],
                    "phone": [number],
                    "gender": [rng.choice(["male", "female"])],
                }
                entity = {"id": f"p{i}", "schema": "Person", "properties": props}
            elif kind < 8:
                cc = rng.choice(COUNTRIES)
                props = {
                    "number": [f"{chr(65 + rng.randint(0, 25))}{rng.randint(1000000, 9999999)}"],
                    "country": [cc],
                    "type": ["passport"],
                    "holder": [f"p{i - 1}"],
                }
                entity = {"id": f"d{i}", "schema": "Passport", "properties": props}
            elif kind == 8:
                props = {
                    "username": [f"user_{rng.randint(10000, 99999)}"],
                    "service": [rng.choice(["Telegram", "Facebook", "TikTok"])],
                    "owner": [f"p{i - 2}"],
                }
                entity = {"id": f"a{i}", "schema": "UserAccount", "properties": props}
            else:
                digits = [rng.randint(0, 9) for _ in range(6)]
                check = sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
                props = {
                    "name": [f"{rng.choice(['Sea', 'Blue', 'Star'])} {rng.randint(1, 99)}"],
                    "imoNumber": ["IMO" + "".join(map(str, digits)) + str(check)],
                    "flag": [rng.choice(COUNTRIES)],
                }
                entity = {"id": f"v{i}", "schema": "Vessel", "properties": props}
            handle.write(orjson.dumps(entity) + b"\n")


def _rows(store: Store, table: sa.Table) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(table))]


def ceiling(url: str, tables: dict[str, list[dict[str, Any]]], batch: int) -> float:
    """Seconds for a plain executemany of the same rows, one transaction per batch."""
    store = Store.open(url)
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        placeholder = "%s" if store.backend == "postgresql" else "?"
        prepared = []
        for name, rows in tables.items():
            if not rows:
                continue
            cols = list(rows[0])
            sql = (
                f"INSERT INTO {name} ({', '.join(cols)}) "
                f"VALUES ({', '.join([placeholder] * len(cols))})"
            )
            table = {"statements": statements, "identifiers": identifiers, "entities": entities}[
                name
            ]
            dialect = store.engine.dialect
            bind = [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
            values = [
                tuple(p(r[c]) if p else r[c] for p, c in zip(bind, cols, strict=True)) for r in rows
            ]
            prepared.append((sql, values))
        start = time.perf_counter()
        for sql, values in prepared:
            for i in range(0, len(values), batch):
                cursor.executemany(sql, values[i : i + batch])
                raw.commit()
        return time.perf_counter() - start
    finally:
        raw.close()
        store.close()


def run(backend: str, url: str, path: Path, fresh: str, batch: int) -> dict[str, Any]:
    store = Store.open(url)
    start = time.perf_counter()
    report = Ingestor(store, batch_size=batch).ingest(path, Defaults(owner="BENCH"))
    seconds = time.perf_counter() - start
    tables = {t.name: _rows(store, t) for t in (statements, identifiers, entities)}
    store.close()
    base = ceiling(fresh, tables, batch)
    n = report.statements
    return {
        "backend": backend,
        "entities": len(report.entities),
        "statements": n,
        "mare_s": seconds,
        "mare_rate": n / seconds,
        "ceiling_s": base,
        "ceiling_rate": n / base,
    }


def pg_url() -> tuple[str, str] | None:
    engine = sa.create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            names = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
            for name in names:
                conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    except sa.exc.OperationalError as exc:
        print(f"PostgreSQL not reachable, skipped: {exc}", file=sys.stderr)
        return None
    finally:
        engine.dispose()
    sep = "&" if "?" in PG_URL else "?"
    a, b = (f"{PG_URL}{sep}options=-csearch_path%3D{n}" for n in names)
    return a, b


def drop_pg_schemas(*urls: str) -> None:
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        for url in urls:
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {url.rsplit('%3D', 1)[1]} CASCADE"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "entities.jsonl"
        generate(path, args.entities)
        for backend in args.backends.split(","):
            print(f"{backend}: ingesting {args.entities} entities …", file=sys.stderr)
            if backend == "sqlite":
                results.append(
                    run(
                        backend,
                        f"sqlite:///{tmp}/mare.db",
                        path,
                        f"sqlite:///{tmp}/ceiling.db",
                        args.batch,
                    )
                )
            elif backend == "postgres":
                urls = pg_url()
                if urls is None:
                    continue
                try:
                    results.append(run(backend, urls[0], path, urls[1], args.batch))
                finally:
                    drop_pg_schemas(*urls)
    lines = [
        "| store | entities | statements | Mare ingest | statements/s | raw executemany "
        "ceiling | ceiling statements/s | Mare / ceiling |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['backend']} | {r['entities']:,} | {r['statements']:,} | {r['mare_s']:.1f} s | "
            f"{r['mare_rate']:,.0f} | {r['ceiling_s']:.1f} s | {r['ceiling_rate']:,.0f} | "
            f"{r['mare_rate'] / r['ceiling_rate']:.0%} |"
        )
    body = "\n".join(lines) + (
        "\n\nMare ingest: parse JSON lines, check against the FtM model, normalise every value, "
        "write statements, identifier index and entities with idempotent upserts, one "
        f"transaction per {args.batch} records. Ceiling: the same rows, already built, inserted "
        "with a plain DBAPI executemany per batch into an empty store (target: Mare ≥ 50%).\n"
    )
    print(body)
    if not args.no_write:
        write_section("Ingest", f"python benchmarks/ingest.py --entities {args.entities}", body)


if __name__ == "__main__":
    main()
