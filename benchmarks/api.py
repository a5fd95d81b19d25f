"""Message receipt over the API: messages/s accepted with cross-check on arrival, and latency.

    .venv/bin/python benchmarks/api.py [--messages 1000] [--scale 60k] [--concurrency 1,4]
                                       [--workers 1] [--db postgresql+psycopg://...]

1. A scenario (`mare.scenario`, seed 13) is generated. Its first messages in
   the order sent are the held population: ingested without cross-check
   into a fresh store (SQLite in a temporary folder, or a PostgreSQL
   database made for the run), then indexed whole (`index_all`), as a hub
   that has been running holds them. Its last messages, regrouped per sender
   into messages of 20 entities (persons, their phones, passports, calls,
   accounts, vessels ... as the simulator writes them, with their
   data-subject categories and handling codes), are what is posted: the
   people, phones and documents in them are the held ones seen again by
   other partners, so the cross-check meets real candidates.
2. The organisations of the scenario, one investigator of each and a token
   each are created (`mare.exchange`, as ``mare org``/``user``/``token``).
3. For each concurrency: a copy of the held store (a file copy, or
   ``CREATE DATABASE … TEMPLATE``), ``mare serve`` on a free loopback port
   in a process of its own (``--workers`` uvicorn workers), and a second
   process as the client (`httpx`, one connection per request in flight)
   that posts every message with its sender's token: messages/s accepted
   and latency p50/p95/p99 per message, after a few untimed messages.
4. Checked, so the figures cannot come from skipped work: every message got
   201 with its acknowledgement; the store holds every message as received,
   the hits of the acknowledgements exist, and hits were stored for the
   arrived entities.

Figures go to docs/benchmarks.md ("API message receipt"; ``--title`` names
another section, ``--no-record`` writes none). ``--profile`` instead posts
the messages in-process (Starlette's test client) under cProfile and prints
where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2 as httpx
import orjson
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report import write_section

from mare.errors import InputError, RecordError
from mare.exchange import Hub, Keys, OrgKind, Principal, Role, parties, tokens
from mare.ingest import Defaults, Ingestor
from mare.ingest.envelope import parse_envelope
from mare.match.index import index_all
from mare.scenario import generate
from mare.scenario.partners import HUB
from mare.settings import Settings
from mare.store import Store
from mare.store.engine import normalise_url

OUT = Path(__file__).resolve().parent / ".data" / "api"
SEED = 13
SIZE = 20  # entities per message
WARM = 20  # messages posted before timing
SECRET = "api-benchmark-secret"
TITLE = "API message receipt"


# -- the data ---------------------------------------------------------------------
def scenario(scale: int) -> Path:
    """The scenario's messages, generated once per scale (kept in benchmarks/.data)."""
    root = OUT / f"scenario-{SEED}-{scale}"
    if not (root / "scenario.json").exists():
        summary = generate(SEED, scale, root)
        print(
            f"scenario: {summary.entities:,} entities in {summary.messages:,} messages",
            file=sys.stderr,
        )
    return root


def split(root: Path, count: int) -> tuple[list[Path], list[dict[str, Any]]]:
    """The held messages (files), and `count` + `WARM` messages of `SIZE` entities
    regrouped per sender from the last ones sent."""
    files = sorted((root / "messages").glob("*.json"))
    wanted = (count + WARM) * SIZE * 1.15  # regrouping leaves part-filled groups
    taken, held = 0, list(files)
    tail: list[dict[str, Any]] = []
    while held and taken < wanted:
        data = orjson.loads(held.pop().read_bytes())
        try:
            parse_envelope(data)
        except RecordError:
            continue  # a header the simulator spoilt on purpose: refused whole
        taken += len(data["entities"])
        tail.append(data)
    tail.reverse()
    pending: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    out: list[dict[str, Any]] = []
    for data in tail:
        for entity in data["entities"]:
            pending[data["sender"]].append((data, entity))
            group = pending[data["sender"]]
            if len(group) == SIZE:
                out.append(_message(len(out), group))
                group.clear()
    if len(out) < count + WARM:
        raise SystemExit(f"the scenario gives {len(out)} messages: raise --scale")
    return held, out[: count + WARM]


def _message(n: int, group: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    first = group[0][0]
    entities = [entity for _, entity in group]
    ids = {e.get("id") for e in entities if isinstance(e, dict)}
    categories = {k: v for data, _ in group for k, v in data.get("categories", {}).items()}
    body = {
        key: first[key]
        for key in (
            "sender",
            "recipients",
            "sent_at",
            "subject",
            "text",
            "handling",
            "restriction",
            "evaluation",
        )
        if first.get(key) is not None
    }
    return body | {
        "message_id": f"BENCH-{n:06d}",
        "categories": {k: v for k, v in categories.items() if k in ids},
        "entities": entities,
    }


def senders(root: Path) -> list[dict[str, Any]]:
    return list(orjson.loads((root / "partners.json").read_bytes()))


# -- the held store ---------------------------------------------------------------
def build_held(url: str, held: list[Path]) -> dict[str, float]:
    """Ingest the held messages without cross-check, then index every record."""
    figures: dict[str, float] = {}
    with Store.open(url) as store:
        start = time.perf_counter()
        ingestor = Ingestor(store, cross_check=False)
        entities = refused = 0
        for n, path in enumerate(held):
            try:
                entities += len(ingestor.ingest(path, Defaults()).entities)
            except InputError:
                refused += 1  # the simulator's deliberately malformed messages
            if n % 500 == 0:
                print(f"  held: {n:,} of {len(held):,} messages", file=sys.stderr)
        figures.update(entities=entities, refused=refused, ingest=time.perf_counter() - start)
        start = time.perf_counter()
        figures["records"] = index_all(store, chunk=5000, workers=os.cpu_count() or 1)
        figures["index"] = time.perf_counter() - start
    return figures


def directory(url: str, partners: list[dict[str, Any]]) -> dict[str, str]:
    """The organisations, an investigator of each partner and its token (by organisation)."""
    operator = Principal.operator(Settings(user="bench-ops", organisation=HUB))
    hub = Hub(Store.open(url), Keys.from_secret(SECRET))
    out = {}
    try:
        with hub.context(operator) as ctx:
            parties.add_organisation(ctx, HUB, "The hub", None, OrgKind.HUB)
            for p in partners:
                parties.add_organisation(ctx, p["id"], p["name"], p["country"], OrgKind.PARTNER)
                parties.add_user(
                    ctx,
                    f"bench-{p['id'].lower()}",
                    p["id"],
                    Role.INVESTIGATOR,
                    f"Investigator of {p['id']}",
                )
        for p in partners:
            with hub.context(operator) as ctx:
                out[p["id"]] = tokens.create_token(ctx, f"bench-{p['id'].lower()}")[0]
    finally:
        hub.close()
    return out


@contextmanager
def copy_of(url: str, name: str) -> Iterator[str]:
    """A fresh copy of the held store for one run, dropped afterwards."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database is not None
        target = Path(parsed.database).with_name(f"{name}.db")
        shutil.copyfile(parsed.database, target)
        try:
            yield f"sqlite:///{target}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        return
    with _database(parsed, f"{parsed.database}_{name}", template=parsed.database) as copy:
        yield copy


@contextmanager
def fresh_postgres(url: str) -> Iterator[str]:
    parsed = sa.make_url(normalise_url(url))
    with _database(parsed, f"{parsed.database}_api_held") as made:
        yield made


@contextmanager
def _database(parsed: sa.URL, name: str, template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database beside ``parsed``'s (empty, or a copy of ``template``),
    dropped afterwards."""
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    like = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{like}'))
    try:
        yield parsed.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# -- the server -------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cpu(pid: int) -> float:
    """CPU seconds of a process and its live descendants."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, IndexError, ValueError):
            continue
    return total


@contextmanager
def server(url: str, workers: int) -> Iterator[tuple[str, int]]:
    port = free_port()
    env = dict(os.environ, MARE_SECRET_KEY=SECRET, MARE_DATABASE_URL=url)
    command = [sys.executable, "-m", "mare", "serve", "--port", str(port), "--no-webhooks"]
    if workers > 1:
        command += ["--workers", str(workers)]
    log = (OUT / "server.log").open("wb")
    child = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if child.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start: see {OUT / 'server.log'}")
            time.sleep(0.2)
        yield base, child.pid
    finally:
        child.terminate()
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        log.close()


# -- the client (a process of its own) -------------------------------------------------
def client(base: str, path: Path, concurrency: int) -> dict[str, Any]:
    """Post the messages of ``path`` (JSON lines: token, body): the first `WARM` one by
    one, untimed, then the rest with ``concurrency`` requests in flight."""
    lines = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    results: list[dict[str, Any] | None] = [None] * len(lines)
    latencies: list[float] = [0.0] * len(lines)
    cursor = iter(range(len(lines)))
    lock = threading.Lock()

    def post(http: httpx.Client, n: int) -> None:
        token, body = lines[n]
        start = time.perf_counter()
        answer = http.post(
            f"{base}/api/v1/messages",
            content=orjson.dumps(body),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        latencies[n] = time.perf_counter() - start
        ack = answer.json() if answer.status_code in (200, 201) else None
        results[n] = {
            "status": answer.status_code,
            "ack": ack,
            "error": None if ack else answer.text[:500],
        }

    def worker() -> None:
        with httpx.Client(timeout=120) as http:
            while True:
                with lock:
                    n = next(cursor, None)
                if n is None:
                    return
                post(http, n)

    with httpx.Client(timeout=120) as http:
        for _ in range(WARM):
            post(http, next(cursor))
    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return {"wall": wall, "latencies": latencies[WARM:], "results": results}


def _quantiles(seconds: list[float]) -> dict[str, float]:
    q = statistics.quantiles(seconds, n=100)
    return {"p50": q[49] * 1000, "p95": q[94] * 1000, "p99": q[98] * 1000}


def verify(url: str, results: list[dict[str, Any]]) -> dict[str, int]:
    """Every message acknowledged, held as received, and its hits stored."""
    bad = [r for r in results if r["status"] != 201]
    if bad:
        raise SystemExit(f"{len(bad)} messages not acknowledged (201), first: {bad[0]}")
    acks = [r["ack"] for r in results]
    shown = sum(a["hits"]["total"] for a in acks)
    hidden = sum(1 for a in acks for h in a["hits"]["items"] if h["visibility"] != "full")
    with Store.open(url) as store, store.engine.connect() as conn:
        received = conn.execute(
            sa.text(
                "SELECT count(*) FROM messages WHERE sender_ref LIKE 'BENCH-%' "
                "AND status = 'received'"
            )
        ).scalar_one()
        stored = conn.execute(
            sa.text(
                "SELECT count(*) FROM hits JOIN sources ON sources.id = hits.source_id "
                "WHERE sources.sender_ref LIKE 'BENCH-%'"
            )
        ).scalar_one()
        disclosed = conn.execute(sa.text("SELECT count(*) FROM disclosures")).scalar_one()
    if received != len(results):
        raise SystemExit(f"{received} messages held as received, {len(results)} sent")
    if not shown or not stored or (hidden and not disclosed):
        raise SystemExit(
            f"hits shown {shown}, stored {stored}, disclosures {disclosed}: "
            "the cross-check did not run"
        )
    return {
        "shown": shown,
        "hit_no_hit": hidden,
        "stored": stored,
        "disclosures": disclosed,
        "entities": sum(a["entities"] for a in acks),
        "rejects": sum(len(a["rejects"]) for a in acks),
    }


def run(url: str, lines: Path, concurrency: int, workers: int, name: str) -> dict[str, Any]:
    with copy_of(url, name) as copy, server(copy, workers) as (base, pid):
        load = os.getloadavg()[0]  # the machine may be shared: what else was running
        cpu = _cpu(pid)
        output = subprocess.run(
            [
                sys.executable,
                __file__,
                "--client",
                base,
                "--lines",
                str(lines),
                "--concurrency",
                str(concurrency),
            ],
            check=True,
            stdout=subprocess.PIPE,
        ).stdout
        cpu = _cpu(pid) - cpu
        measured = orjson.loads(output)
        checked = verify(copy, measured["results"])
    timed = len(measured["latencies"])
    return {
        "concurrency": concurrency,
        "workers": workers,
        "messages": timed,
        "rate": timed / measured["wall"],
        "cpu": cpu,
        "load": load,
        **checked,
        **_quantiles(measured["latencies"]),
    }


# -- profile (in-process) ------------------------------------------------------------
def profile(url: str, bodies: list[tuple[str, dict[str, Any]]], top: int) -> None:
    """The route's work without HTTP, in this thread, under cProfile: the token, the
    body's validation, `messages.receive` and the acknowledgement's."""
    from mare.api.wire import Ack, MessageIn
    from mare.exchange import messages
    from mare.match.benign import BenignList

    hub = Hub(Store.open(url), Keys.from_secret(SECRET))

    def post(token: str, body: dict[str, Any]) -> None:
        principal = tokens.authenticate(hub, token)
        data = MessageIn.model_validate_json(orjson.dumps(body)).model_dump(mode="json")
        received = messages.receive(hub, principal, data, benign=BenignList.empty())
        Ack.model_validate(received.ack).model_dump_json()

    try:
        for token, body in bodies[:WARM]:
            post(token, body)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        for token, body in bodies[WARM:]:
            post(token, body)
        profiler.disable()
        wall = time.perf_counter() - start
    finally:
        hub.close()
    n = len(bodies) - WARM
    print(f"{n} messages in {wall:.1f} s under the profiler: {n / wall:.1f} messages/s")
    profiler.dump_stats(OUT / "profile.prof")
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


# -- the report ----------------------------------------------------------------------
def report(
    args: argparse.Namespace, held: dict[str, float], rows: list[dict[str, Any]], backend: str
) -> str:
    lines = [
        f"Held store ({backend}): scenario seed {SEED}, {held['entities']:,.0f} entities "
        f"({held['records']:,.0f} matcher records) ingested without cross-check and "
        f"indexed. Posted: {args.messages:,} messages of {SIZE} entities each (the "
        "scenario's last messages regrouped per sender; after "
        f"{WARM} untimed), each `POST /api/v1/messages` with its sender's token, to "
        "`mare serve` on loopback from a client in another process. Every message "
        "answered 201; its acknowledgement's hits, the stored hits and the disclosures "
        "are counted from the store afterwards. Server CPU: the server process and its "
        "workers, user and system, over the timed part; machine load: the one-minute "
        f"load average when the run started ({os.cpu_count()} cores, shared).",
        "",
        "| store | workers | in flight | messages/s | entities/s | p50 / p95 / p99 ms "
        "| server CPU ms per message | hits shown (hit/no-hit) | hits stored "
        "| machine load at start | target |",
        "|---|---:|---:|---:|---:|---|---:|---|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {backend} | {r['workers']} | {r['concurrency']} | {r['rate']:,.1f} | "
            f"{r['rate'] * SIZE:,.0f} | {r['p50']:.1f} / {r['p95']:.1f} / {r['p99']:.1f} | "
            f"{r['cpu'] * 1000 / r['messages']:.1f} | {r['shown']:,} ({r['hit_no_hit']:,}) | "
            f"{r['stored']:,} | {r['load']:.1f} | ≥ 200 messages/s |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=1000, help="timed messages per run")
    parser.add_argument("--scale", default="60k", help="scenario entities (held and posted)")
    parser.add_argument("--concurrency", default="1,4", help="requests in flight, per run")
    parser.add_argument("--workers", default="1", help="uvicorn workers, per run")
    parser.add_argument("--db", help="a PostgreSQL URL (a database is made beside it)")
    parser.add_argument("--title", default=TITLE, help="the section of docs/benchmarks.md")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the held SQLite store of an earlier run (benchmarks/.data)",
    )
    parser.add_argument("--no-record", action="store_true", help="do not write docs/benchmarks.md")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="TOP",
        help="post in-process under cProfile and print the TOP functions",
    )
    parser.add_argument("--client", help=argparse.SUPPRESS)  # the client process
    parser.add_argument("--lines", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client:
        sys.stdout.buffer.write(
            orjson.dumps(client(args.client, args.lines, int(args.concurrency)))
        )
        return
    from mare.scenario import parse_scale

    OUT.mkdir(parents=True, exist_ok=True)
    root = scenario(parse_scale(args.scale))
    held_files, bodies = split(root, args.messages)
    cached = OUT / f"held-{parse_scale(args.scale)}-{args.messages}.db"
    marker = cached.with_suffix(".json")
    with (
        tempfile.TemporaryDirectory(dir=OUT) as tmp,
        fresh_postgres(args.db) if args.db else _sqlite(cached) as url,
    ):
        if args.reuse and not args.db and marker.exists():
            held, keyed = orjson.loads(marker.read_bytes())
        else:
            marker.unlink(missing_ok=True)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{cached}{suffix}").unlink(missing_ok=True)
            print(f"held store: {len(held_files):,} messages", file=sys.stderr)
            held = build_held(url, held_files)
            keyed = directory(url, senders(root))
            if not args.db:
                marker.write_bytes(orjson.dumps([held, keyed]))
        posted = [(keyed[b["sender"]], b) for b in bodies]
        if args.profile:
            with copy_of(url, "profile") as copy:
                profile(copy, posted, args.profile)
            return
        lines = Path(tmp) / "messages.jsonl"
        lines.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in posted))
        rows = []
        for workers in (int(w) for w in args.workers.split(",")):
            for concurrency in (int(c) for c in args.concurrency.split(",")):
                print(f"run: {workers} workers, {concurrency} in flight", file=sys.stderr)
                rows.append(run(url, lines, concurrency, workers, f"run{workers}x{concurrency}"))
                print(orjson.dumps({k: v for k, v in rows[-1].items()}).decode(), file=sys.stderr)
    backend = "PostgreSQL" if args.db else "SQLite"
    text = report(args, held, rows, backend)
    print(text)
    if not args.no_record:
        command = " ".join(["python benchmarks/api.py", *sys.argv[1:]])
        write_section(args.title, command, text)


@contextmanager
def _sqlite(path: Path) -> Iterator[str]:
    yield f"sqlite:///{path}"


if __name__ == "__main__":
    main()
