"""Cross-check speed with a large held store, and batch xref against Splink.

    .venv/bin/python benchmarks/speed.py [--held 1000000] [--messages 300]

1. A synthetic population (`synth.py`: persons of many communities, 10% of
   them sent again by other partners in other spellings and scripts) is
   stored in a fresh SQLite store, then cross-checked as a whole
   (``reindex``: every record indexed, its candidates scored, hits kept):
   the bulk cross-check rate.
2. Online: messages of 20 entities (half new spellings of held persons, half
   new persons) are ingested one by one, each its own transaction with its
   cross-check: latency per message (p50/p95/p99) and entities per second
   of one process (one core; CPU time is reported too). The same messages
   are then checked without storing (``mare match``).
3. Memory: the process's peak resident memory, and the index's bytes on disk,
   per held entity.
4. Batch: ``mare xref`` over the held store against Splink (DuckDB, EM) on
   the same records, with each one's F1 against the ground truth.

Results go to docs/benchmarks.md. The held store is kept in ``out/bench``
and reused with ``--reuse`` (building it is the slow part).
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth
from report import write_section

from mare.ingest import Defaults, Ingestor
from mare.match import xref
from mare.match.check import check_file
from mare.match.index import reindex
from mare.store import Store

OUT = Path("out/bench")
MESSAGE = 20


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def build(held: int, db: Path, reuse: bool) -> tuple[Path, dict[str, float]]:
    """The held store: the population stored (no cross-check), then the whole
    index and hits built by `reindex`, timed: the bulk cross-check rate."""
    data = OUT / f"held-{held}.jsonl"
    if not data.exists():
        _write(data, list(synth.population(held)))
    stored, marker = db.with_suffix(".stored"), db.with_suffix(".done")
    if reuse and marker.exists():
        return data, orjson.loads(marker.read_bytes())
    if not (reuse and stored.exists()):
        for path in (db, db.with_suffix(".db-wal"), db.with_suffix(".db-shm")):
            path.unlink(missing_ok=True)
        with Store.open(f"sqlite:///{db}") as store:
            Ingestor(store, batch_size=5000, cross_check=False).ingest(
                data, Defaults(owner="BENCH")
            )
        stored.touch()
    with Store.open(f"sqlite:///{db}") as store:
        shown = [0]

        def progress(done: int, total: int) -> None:
            share = done * 100 // max(total, 1)
            if share >= shown[0] + 5:
                shown[0] = share
                print(f"  cross-check: {share}%", file=sys.stderr, flush=True)

        start, cpu = time.perf_counter(), time.process_time()
        arrival = reindex(store, progress, chunk=5000)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        figures = {
            "records": arrival.checked,
            "wall": wall,
            "cpu": cpu,
            "hits": len(arrival.hits),
        }
    marker.write_bytes(orjson.dumps(figures))
    return data, figures


def messages(held: int, count: int) -> list[list[dict[str, Any]]]:
    """Half new spellings of held persons, half persons never seen."""
    people = {p.number: p for p in synth.people(held)}
    out = []
    for m in range(count):
        rows: list[dict[str, Any]] = []
        for i in range(MESSAGE):
            n = (m * 7919 + i * 104_729) % held
            if i % 2 == 0:
                row = synth.record(people[n], 10 + m, seed=11)
            else:
                fresh = next(synth.people(1, seed=10_000 + m * MESSAGE + i))
                row = synth.record(fresh, 0, seed=13)
                row["id"] = f"new{m}-{i}"
            row["id"] = f"{row['id']}-m{m}"
            rows.append(row)
        out.append(rows)
    return out


def online(db: Path, batches: list[list[dict[str, Any]]]) -> dict[str, float]:
    OUT.mkdir(parents=True, exist_ok=True)
    files = []
    for n, rows in enumerate(batches):
        path = OUT / f"message-{n}.jsonl"
        _write(path, rows)
        files.append(path)
    latencies: list[float] = []
    checks: list[float] = []
    hits = 0
    with Store.open(f"sqlite:///{db}") as store:
        ingestor = Ingestor(store)
        for path in files[:5]:  # warm the caches (page cache, name caches)
            check_file(store, path)
        cpu0 = time.process_time()
        start = time.perf_counter()
        for path in files:
            t = time.perf_counter()
            report = ingestor.ingest(path, Defaults(owner="ONLINE"))
            latencies.append(time.perf_counter() - t)
            hits += len(report.hits)
        wall = time.perf_counter() - start
        cpu = time.process_time() - cpu0
        for path in files:
            t = time.perf_counter()
            check_file(store, path)
            checks.append(time.perf_counter() - t)
    entities = MESSAGE * len(files)
    q = statistics.quantiles(latencies, n=100)
    c = statistics.quantiles(checks, n=100)
    return {
        "messages": len(files),
        "entities_per_s": entities / wall,
        "entities_per_cpu_s": entities / cpu,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "check_p50": c[49] * 1000,
        "check_p99": c[98] * 1000,
        "check_entities_per_s": entities / sum(checks),
        "hits": hits,
    }


def index_bytes(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    finally:
        conn.close()
    return {name: int(size) for name, size in rows}


def truth_pairs(ids: list[str]) -> set[tuple[str, str]]:
    by_person: dict[str, list[str]] = {}
    for entity_id in ids:
        by_person.setdefault(synth.person_of(entity_id), []).append(entity_id)
    pairs = set()
    for members in by_person.values():
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    return pairs


def f1(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if tp else 0.0)


def batch_mare(db: Path) -> tuple[float, set[tuple[str, str]], int]:
    out = OUT / "xref.jsonl"
    out.with_name(out.name + ".progress").unlink(missing_ok=True)
    with Store.open(f"sqlite:///{db}") as store:
        start = time.perf_counter()
        written = xref.run(store, out, workers=os.cpu_count() or 1)
        wall = time.perf_counter() - start
    predicted = set()
    with out.open("rb") as handle:
        for line in handle:
            item = orjson.loads(line)
            if item["match"] and item["left"].startswith("s") and item["right"].startswith("s"):
                predicted.add((item["left"], item["right"]))
    return wall, predicted, written


def batch_splink(data: Path) -> tuple[float, set[tuple[str, str]]]:
    import logging

    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    rows = []
    with data.open("rb") as handle:
        for line in handle:
            item = orjson.loads(line)
            props = item["properties"]
            name = props["name"][0]
            parts = name.split()
            rows.append(
                {
                    "unique_id": item["id"],
                    "first_name": parts[0] if parts else None,
                    "surname": parts[-1] if len(parts) > 1 else None,
                    "full_name": name,
                    "dob": (props.get("birthDate") or [None])[0],
                    "nationality": (props.get("nationality") or [None])[0],
                    "phone": (props.get("phone") or [None])[0],
                }
            )
    frame = pd.DataFrame(rows)
    start = time.perf_counter()
    db = DuckDBAPI()
    table = db.register(frame, dataset_display_name="held")
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("phone"),
        ],
        comparisons=[
            cl.NameComparison("first_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.ExactMatch("nationality"),
            cl.ExactMatch("phone"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(table, settings, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match([block_on("phone")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    predictions = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()
    wall = time.perf_counter() - start
    predicted = {
        (min(a, b), max(a, b))
        for a, b in zip(predictions["unique_id_l"], predictions["unique_id_r"], strict=True)
    }
    return wall, predicted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", type=int, default=1_000_000)
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="reuse the held store if built")
    parser.add_argument("--no-splink", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"held-{args.held}.db"
    print(f"building the held store ({args.held:,} persons)", file=sys.stderr)
    data, built = build(args.held, db, args.reuse)
    gc.collect()
    print("online messages", file=sys.stderr)
    scratch = OUT / "online.db"  # the online phase writes: a copy keeps the held store as built
    shutil.copyfile(db, scratch)
    live = online(scratch, messages(args.held, args.messages))
    scratch.unlink()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    sizes = index_bytes(db)
    index_tables = ("match_records", "match_keys", "ix_match_keys_num", "match_key_counts")
    index_size = sum(
        v for k, v in sizes.items() if k in index_tables or k.startswith("sqlite_autoindex_match")
    )
    held = int(built["records"])
    lines = [
        f"Held store (SQLite, WAL): {held:,} person records "
        "(synthetic population, `benchmarks/synth.py`).",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| bulk cross-check of the whole held store (`reindex`, 5,000 per transaction) | "
        f"{held / built['wall']:,.0f} entities/s ({held / built['cpu']:,.0f} per CPU-second) | |",
        f"| online: 20-entity messages ingested and cross-checked | "
        f"{live['entities_per_s']:,.0f} entities/s ({live['entities_per_cpu_s']:,.0f} per "
        f"CPU-second, one process) | ≥ 2,000 per core |",
        f"| online latency per message p50 / p95 / p99 | {live['p50']:.1f} / {live['p95']:.1f} / "
        f"{live['p99']:.1f} ms | p99 ≤ 50 ms |",
        f"| check only (`mare match`), per message p50 / p99 | {live['check_p50']:.1f} / "
        f"{live['check_p99']:.1f} ms ({live['check_entities_per_s']:,.0f} entities/s) | |",
        f"| peak resident memory of the process | {rss / 2**20:,.0f} MiB "
        f"({rss / held:,.0f} bytes per held entity) | ≤ 2 KB per entity |",
        f"| index on disk (records, keys, counts) | {index_size / 2**20:,.0f} MiB "
        f"({index_size / held:,.0f} bytes per held entity) | |",
    ]
    ids = [orjson.loads(line)["id"] for line in data.open("rb")]
    truth = truth_pairs(ids)
    print("batch xref", file=sys.stderr)
    mare_wall, mare_pred, written = batch_mare(db)
    mp, mr, mf = f1(mare_pred, truth)
    lines += [
        f"| batch `mare xref`, {os.cpu_count()} processes ({written:,} candidate pairs scored) "
        f"| {mare_wall:,.0f} s "
        f"({held / mare_wall:,.0f} records/s); P {mp:.3f} R {mr:.3f} F1 {mf:.3f} | |",
    ]
    if not args.no_splink:
        print("batch splink", file=sys.stderr)
        splink_wall, splink_pred = batch_splink(data)
        sp, sr, sf = f1(splink_pred, truth)
        lines += [
            f"| batch Splink (DuckDB, EM, same records) | {splink_wall:,.0f} s "
            f"({held / splink_wall:,.0f} records/s); P {sp:.3f} R {sr:.3f} F1 {sf:.3f} | |",
            f"| batch speed-up of Mare over Splink | {splink_wall / mare_wall:.1f}× | ≥ 4× at "
            "equal or better F1 |",
        ]
    lines += [
        "",
        f"Ground truth: {len(truth):,} true pairs among the held records. Stored hits "
        f"after the bulk build: {int(built['hits']):,}.",
    ]
    text = "\n".join(lines)
    print(text)
    command = f"python benchmarks/speed.py --held {args.held} --messages {args.messages}"
    write_section("Cross-check speed", command, text)


if __name__ == "__main__":
    main()
