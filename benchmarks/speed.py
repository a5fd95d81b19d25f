"""Cross-check speed with a large held store, and batch xref against Splink.

    .venv/bin/python benchmarks/speed.py [--held 1000000] [--messages 500]

1. A synthetic population (`synth.py`: persons of many communities, 10% of
   them sent again by other partners in other spellings and scripts) is
   ingested into a fresh SQLite store without cross-checking, then
   ``reindex`` builds the index (every record and its keys) and checks it
   whole (every candidate pair scored once, in one process per core): the
   bulk cross-check rate.
2. Online, in a process of its own (one core): messages of 20 entities (half
   new spellings of held persons, half new persons) checked without storing
   (``mare match``: the cross-check alone), then other messages ingested
   one by one, each in its own transaction with its cross-check (``mare
   ingest``): latency per message (p50/p95/p99) and entities per second.
3. Memory: the index's bytes on disk per held entity (its tables and their
   indexes), and the peak resident memory of the online process and of the
   batch run, per held entity.
4. Batch: ``mare xref`` (the command, one worker per core) over the held
   store against Splink (DuckDB, EM; `speed_splink.py`) on the same
   records, each with its precision, recall and F1 against the ground truth.

Results go to docs/benchmarks.md. The held store is kept in
``benchmarks/.data/speed`` and reused with ``--reuse`` (building it is the
slow part).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth
from report import write_section

from mare.ingest import Defaults, Ingestor
from mare.match.check import check_file
from mare.match.families import PERSON
from mare.match.index import index_all
from mare.runtime import quiet_collector
from mare.store import Store

OUT = Path(__file__).resolve().parent / ".data" / "speed"
MESSAGE = 20
WARM = 20  # messages checked before timing (a long-running hub's caches are warm)
INDEX_TABLES = ("match_records", "match_keys", "match_key_counts")
Pair = tuple[str, str]


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))


def _progress(label: str) -> Any:
    shown = [-5]

    def progress(done: int, total: int) -> None:
        share = done * 100 // max(total, 1)
        if share >= shown[0] + 5 or share < shown[0]:
            shown[0] = share
            print(f"  {label}: {share}%", file=sys.stderr, flush=True)

    return progress


def build(held: int, db: Path, reuse: bool, workers: int) -> tuple[Path, dict[str, float]]:
    """The held store: the population ingested without cross-check, then every
    record indexed (`index_all`, the first step of ``mare reindex``), timed."""
    data = OUT / f"held-{held}.jsonl"
    if not data.exists():
        with data.open("wb") as handle:
            for row in synth.population(held):
                handle.write(orjson.dumps(row) + b"\n")
    stored, marker = db.with_suffix(".stored"), db.with_suffix(".done")
    if reuse and marker.exists():
        return data, orjson.loads(marker.read_bytes())
    figures: dict[str, float] = {}
    if reuse and stored.exists():
        figures = orjson.loads(stored.read_bytes())
    else:
        for path in (db, db.with_suffix(".db-wal"), db.with_suffix(".db-shm")):
            path.unlink(missing_ok=True)
        with Store.open(f"sqlite:///{db}") as store:
            start = time.perf_counter()
            report = Ingestor(store, batch_size=5000, cross_check=False).ingest(
                data, Defaults(owner="BENCH")
            )
            figures = {"ingest": time.perf_counter() - start, "entities": len(report.entities)}
        stored.write_bytes(orjson.dumps(figures))
    with Store.open(f"sqlite:///{db}") as store:
        start = time.perf_counter()
        indexed = index_all(store, _progress("index"), chunk=5000, workers=workers)
        figures.update(records=indexed, index=time.perf_counter() - start)
    marker.write_bytes(orjson.dumps(figures))
    return data, figures


def messages(held: int, count: int, seed: int) -> list[list[dict[str, Any]]]:
    """Messages of `MESSAGE` records: half new spellings of held persons (never
    sent before), half persons never seen (numbered after the held ones)."""
    wanted = {(m * 7919 + i * 104_729 + seed) % held for m in range(count) for i in range(MESSAGE)}
    people = {p.number: p for p in synth.people(held) if p.number in wanted}
    out = []
    for m in range(count):
        rows: list[dict[str, Any]] = []
        for i in range(MESSAGE):
            if i % 2 == 0:
                n = (m * 7919 + i * 104_729 + seed) % held
                row = synth.record(people[n], 10 + m, seed=11 + seed)
            else:
                number = held + seed * count * MESSAGE + m * MESSAGE + i
                fresh = next(synth.people(1, seed=number, start=number))
                row = synth.record(fresh, 0, seed=13)
            row["id"] = f"{row['id']}-m{seed}.{m}"
            rows.append(row)
        out.append(rows)
    return out


def _quantiles(seconds: list[float]) -> dict[str, float]:
    q = statistics.quantiles(seconds, n=100)
    return {"p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000}


def online(db: Path, count: int) -> dict[str, Any]:
    """Run in a process of its own (`--online`): check-only, then ingest, timed."""
    held = int(db.stem.split("-")[-1])
    sets = {
        name: messages(held, n, seed)
        for name, n, seed in (("warm", WARM, 1), ("check", count, 2), ("ingest", count, 3))
    }
    files: dict[str, list[Path]] = {}
    for name, batches in sets.items():
        files[name] = []
        for n, rows in enumerate(batches):
            path = OUT / f"message-{name}-{n}.jsonl"
            _write(path, rows)
            files[name].append(path)
    out: dict[str, Any] = {"messages": count}
    with Store.open(f"sqlite:///{db}") as store:
        for path in files["warm"]:
            check_file(store, path)
        checks: list[float] = []
        cpu = time.process_time()
        for path in files["check"]:
            t = time.perf_counter()
            check_file(store, path)
            checks.append(time.perf_counter() - t)
        out["check"] = _quantiles(checks) | {
            "entities_per_s": MESSAGE * count / sum(checks),
            "entities_per_cpu_s": MESSAGE * count / (time.process_time() - cpu),
        }
        ingestor = Ingestor(store)
        latencies: list[float] = []
        hits = 0
        cpu = time.process_time()
        for path in files["ingest"]:
            t = time.perf_counter()
            report = ingestor.ingest(path, Defaults(owner="ONLINE"))
            latencies.append(time.perf_counter() - t)
            hits += len(report.hits)
        out["ingest"] = _quantiles(latencies) | {
            "entities_per_s": MESSAGE * count / sum(latencies),
            "entities_per_cpu_s": MESSAGE * count / (time.process_time() - cpu),
            "hits": hits,
        }
    out["rss"] = _high_water(os.getpid())
    return out


def index_bytes(db: Path) -> int:
    """Bytes of the index tables and their indexes."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name, tbl_name FROM sqlite_schema").fetchall()
        names = [name for name, table in rows if table in INDEX_TABLES]
        marks = ",".join("?" * len(names))
        query = f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({marks})"
        return int(conn.execute(query, names).fetchone()[0])
    finally:
        conn.close()


def truth_pairs(ids: list[str]) -> set[Pair]:
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


def scores_f1(scored: dict[Pair, float], truth: set[Pair], threshold: float) -> dict[str, float]:
    """Precision, recall and F1 at ``threshold``, and F1 at the best threshold."""
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    tp = fp = 0
    best = (0.0, 1.0)
    at: dict[str, float] = {}
    for n, (pair, score) in enumerate(ranked):
        if score < threshold and not at:
            at = _prf(tp, fp, len(truth))
        if pair in truth:
            tp += 1
        else:
            fp += 1
        if n + 1 == len(ranked) or ranked[n + 1][1] < score:
            f = _prf(tp, fp, len(truth))["f1"]
            if f > best[0]:
                best = (f, score)
    if not at:
        at = _prf(tp, fp, len(truth))
    found = sum(pair in truth for pair in scored)
    return at | {
        "best_f1": best[0],
        "best_threshold": best[1],
        "pairs": len(scored),
        "candidate_recall": found / len(truth) if truth else 0.0,
    }


def _prf(tp: int, fp: int, truths: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / truths if truths else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if tp else 0.0}


def _high_water(pid: int) -> int:
    """A process's peak resident memory since it started its program (``VmHWM``),
    in bytes; 0 once it is gone. Not ``ru_maxrss``: on Linux a child's counts the
    memory its parent held when it forked (the benchmark holds the truth then)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    """A process and its descendants, from ``/proc``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat.rsplit(b")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry))
    found = [pid]
    for member in found:
        found.extend(children.get(member, ()))
    return found


def _run(command: list[str], **options: Any) -> tuple[bytes, int]:
    """Run a child process; its output and its peak resident memory (that of the
    largest of it and its descendants, sampled twice a second)."""
    peak = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE, **options) as child:
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.5):
                peak = max([peak, *(_high_water(p) for p in _tree(child.pid))])

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        out = child.stdout.read() if child.stdout else b""
        peak = max(peak, *(_high_water(p) for p in _tree(child.pid)))
        done.set()
        sampler.join()
        child.wait()
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, command)
    return out, peak


def batch_mare(db: Path, workers: int) -> tuple[float, dict[Pair, float], int]:
    """``mare xref`` (the command) in a child process; its scores and peak memory."""
    out = OUT / "xref.jsonl"
    out.unlink(missing_ok=True)
    out.with_name(out.name + ".progress").unlink(missing_ok=True)
    command = [sys.executable, "-m", "mare", "xref", "--out", str(out), "--workers", str(workers)]
    env = dict(os.environ, MARE_DATABASE_URL=f"sqlite:///{db}")
    start = time.perf_counter()
    _, rss = _run(command, env=env)
    wall = time.perf_counter() - start
    scored: dict[Pair, float] = {}
    with out.open("rb") as handle:
        for line in handle:
            item = orjson.loads(line)
            scored[(item["left"], item["right"])] = item["score"]
    out.unlink()
    return wall, scored, rss


def batch_splink(data: Path) -> tuple[dict[str, Any], dict[Pair, float]]:
    """`speed_splink.py` in a child process; its figures and scores."""
    out = OUT / "splink.jsonl"
    script = Path(__file__).resolve().parent / "speed_splink.py"
    _, rss = _run([sys.executable, str(script), str(data), str(out)])
    lines = out.read_bytes().splitlines()
    figures = orjson.loads(lines[0])
    scored = {}
    for line in lines[1:]:
        left, right, score = orjson.loads(line)
        scored[(left, right)] = score
    out.unlink()
    figures["rss"] = rss
    return figures, scored


def _fmt_rate(n: float, seconds: float) -> str:
    return f"{n / seconds:,.0f}"


def report(
    args: argparse.Namespace,
    built: dict[str, float],
    live: dict[str, Any],
    size: int,
    mare: dict[str, Any],
    splink: dict[str, Any] | None,
    truth: int,
) -> str:
    held = int(built["records"])
    check, ingest = live["check"], live["ingest"]
    lines = [
        f"Held store (SQLite, WAL): {held:,} person records of {args.held:,} persons "
        f"(synthetic population, `benchmarks/synth.py`), {truth:,} true pairs among them. "
        f"{os.cpu_count()} cores; batch steps use one process per core, the online "
        "steps one process.",
        "",
        "| measure | result | target |",
        "|---|---|---|",
        f"| ingest of the held records, no cross-check (5,000 per transaction) | "
        f"{built['ingest']:,.0f} s ({_fmt_rate(built['entities'], built['ingest'])} "
        "entities/s) | |",
        f"| index every held record (`reindex`, first step; {args.workers} processes) | "
        f"{built['index']:,.0f} s ({_fmt_rate(held, built['index'])} records/s) | |",
        f"| online check only (`mare match`), 20-entity messages | "
        f"{check['entities_per_s']:,.0f} entities/s ({check['entities_per_cpu_s']:,.0f} per "
        "CPU-second) | ≥ 2,000 per core |",
        f"| online check only, latency per message p50 / p95 / p99 | {check['p50']:.1f} / "
        f"{check['p95']:.1f} / {check['p99']:.1f} ms | p99 ≤ 50 ms |",
        f"| online ingest and cross-check (`mare ingest`), 20-entity messages | "
        f"{ingest['entities_per_s']:,.0f} entities/s ({ingest['entities_per_cpu_s']:,.0f} per "
        "CPU-second) | ≥ 2,000 per core |",
        f"| online ingest and cross-check, latency per message p50 / p95 / p99 | "
        f"{ingest['p50']:.1f} / {ingest['p95']:.1f} / {ingest['p99']:.1f} ms | p99 ≤ 50 ms |",
        f"| index on disk (records, postings, counts, with their indexes) | "
        f"{size / 2**20:,.0f} MiB ({size / held:,.0f} bytes per held entity) | ≤ 2 KB per entity |",
        f"| peak resident memory, online process | {live['rss'] / 2**20:,.0f} MiB "
        f"({live['rss'] / held:,.0f} bytes per held entity) | ≤ 2 KB per entity |",
        f"| peak resident memory, largest process of the batch xref | "
        f"{mare['rss'] / 2**20:,.0f} MiB ({mare['rss'] / held:,.0f} bytes per held entity) | |",
        f"| batch `mare xref` over the whole index ({args.workers} processes; the second step "
        f"of `reindex` is the same pass) | {mare['wall']:,.0f} s "
        f"({_fmt_rate(held, mare['wall'])} records/s; {mare['pairs']:,} candidate pairs "
        f"holding {mare['candidate_recall']:.1%} of the true pairs, "
        f"{mare['wall'] * args.workers / max(mare['pairs'], 1) * 1e6:,.0f} µs per pair "
        "per process) | |",
        f"| batch `mare xref`: P / R / F1 at its threshold {args.mare_threshold} (best F1) | "
        f"{mare['p']:.3f} / {mare['r']:.3f} / {mare['f1']:.3f} ({mare['best_f1']:.3f} at "
        f"{mare['best_threshold']:.2f}) | |",
    ]
    if splink is not None:
        ratio = splink["wall"] / mare["wall"]
        whole = splink["wall"] / (mare["wall"] + built["index"])
        lines += [
            f"| batch Splink (DuckDB, EM; blocking, training and prediction) | "
            f"{splink['wall']:,.0f} s ({_fmt_rate(held, splink['wall'])} records/s, "
            f"{splink['compared']:,} pairs compared, holding {splink['blocked_recall']:.1%} "
            "of the true pairs) | |",
            f"| batch Splink: P / R / F1 at 0.5 (best F1) | {splink['p']:.3f} / "
            f"{splink['r']:.3f} / {splink['f1']:.3f} ({splink['best_f1']:.3f} at "
            f"{splink['best_threshold']:.2f}) | |",
            f"| batch speed-up of `mare xref` over Splink (with the index build counted) | "
            f"{ratio:.1f}× ({whole:.1f}×) | ≥ 4× at equal or better F1 |",
            f"| peak resident memory, Splink | {splink['rss'] / 2**20:,.0f} MiB | |",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--held", type=int, default=1_000_000)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--reuse", action="store_true", help="reuse the held store if built")
    parser.add_argument("--no-splink", action="store_true")
    parser.add_argument("--no-record", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument("--online", type=Path, help=argparse.SUPPRESS)  # the online child
    args = parser.parse_args()
    if args.online:
        quiet_collector()  # as every `mare` command does
        print(orjson.dumps(online(args.online, args.messages)).decode())
        return
    args.mare_threshold = PERSON.match
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"held-{args.held}.db"
    print(f"building the held store ({args.held:,} persons)", file=sys.stderr)
    data, built = build(args.held, db, args.reuse, args.workers)
    print("online messages", file=sys.stderr)
    scratch = OUT / f"online-{args.held}.db"  # the online step writes: a copy of the held store
    for path in (scratch.with_suffix(".db-wal"), scratch.with_suffix(".db-shm")):
        path.unlink(missing_ok=True)  # a stale log would be replayed into the copy
    shutil.copyfile(db, scratch)
    output, _ = _run(
        [sys.executable, __file__, "--online", str(scratch), "--messages", str(args.messages)]
    )
    live = orjson.loads(output.splitlines()[-1])
    for path in (scratch, scratch.with_suffix(".db-wal"), scratch.with_suffix(".db-shm")):
        path.unlink(missing_ok=True)
    size = index_bytes(db)
    ids = [orjson.loads(line)["id"] for line in data.open("rb")]
    truth = truth_pairs(ids)
    print("batch xref", file=sys.stderr)
    wall, scored, rss = batch_mare(db, args.workers)
    mare = scores_f1(scored, truth, args.mare_threshold) | {"wall": wall, "rss": rss}
    del scored
    splink = None
    if not args.no_splink:
        print("batch splink", file=sys.stderr)
        figures, scored = batch_splink(data)
        splink = scores_f1(scored, truth, 0.5) | figures
    text = report(args, built, live, size, mare, splink, len(truth))
    print(text)
    command = f"python benchmarks/speed.py --held {args.held} --messages {args.messages}"
    if not args.no_record:
        write_section("Cross-check speed", command, text)


if __name__ == "__main__":
    main()
