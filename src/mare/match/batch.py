"""The whole index checked at once: every candidate pair scored once.

`mare xref` writes every candidate pair with its score; `mare reindex` keeps
the pairs in a band as hits. Both take the records a span of record numbers
at a time: a span's records, their keys' counts, the postings of their
non-generic keys (`mare.match.index.rank`: the same weighing as on arrival,
without the per-record cap), and of each pair only the one whose lower
record number is in the span. Spans are scored in worker processes (each
with its own connection) and their results come back in order.

The index does not change while a batch reads it, so each process keeps
the name-rarity counts it has read (`Counts`), reading each the first time
a pair needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from mare.match.benign import BenignList
from mare.match.blocking import GENERIC
from mare.match.families import FAMILIES
from mare.match.index import Held, Hit, Index, LazyCounts, Prepared, StoredRarity, prepare, rank
from mare.match.postings import Tables, key_hash, unpack
from mare.runtime import quiet_collector
from mare.store import Store

SPAN = 2000  # record numbers per step
Result = TypeVar("Result")
Job = Callable[..., Result]  # (index, counts, *task) -> Result


class Counts:
    """The name rarity of a batch, its counts read on demand and kept for the
    rest of the run (the index does not change while a batch reads it)."""

    def __init__(self) -> None:
        self.tables: Tables | None = None
        self.known: dict[str, int] = {}
        self._rarity: StoredRarity | None = None

    def _load(self, text: str) -> int:
        assert self.tables is not None
        return self.tables.count(text)

    def rarity(self, tables: Tables) -> StoredRarity:
        """The rarity to score with, reading what it lacks through ``tables``."""
        self.tables = tables
        if self._rarity is None:
            counts = LazyCounts(self._load)
            self._rarity = StoredRarity(counts, tables.count("#person"))
        return self._rarity


def pairs(
    index: Index, counts: Counts, low: int, high: int
) -> tuple[list[tuple[Held, Held]], StoredRarity]:
    """The candidate pairs whose lower record number is in low..high, each in
    entity-id order, and the name rarity to score them with."""
    held: dict[int, Held] = {}
    keys: dict[int, Collection[int]] = {}
    for num, entity_id, name, text, blob in index.tables.records_between(low, high):
        family = FAMILIES[name]
        record = family.decode(text, entity_id)
        held[num] = Held(num, entity_id, family, record)
        if index.benign:  # benign identifiers make no candidates
            keys[num] = [key_hash(k) for k in index.block_keys(family, record)]
        else:
            keys[num] = unpack(blob)
    wanted = {h for found in keys.values() for h in found}
    weight = {h: 1.0 / n for h, n in index.tables.counts(wanted).items() if 2 <= n <= GENERIC}
    postings = index.tables.postings(weight)
    found = [
        (num, other)
        for num in sorted(held)
        for other in sorted(rank(keys[num], weight, postings, num, None, above=num))
    ]
    held.update(index.held({other for _, other in found} - held.keys()))
    out = []
    for a, b in found:
        x, y = held[a], held[b]
        if x.family is not y.family:
            continue
        out.append((x, y) if x.entity_id < y.entity_id else (y, x))
    return out, counts.rarity(index.tables)


def hit_rows(index: Index, counts: Counts, low: int, high: int) -> list[dict[str, Any]]:
    """The hits (pairs in a band) among the span's candidate pairs, as rows."""
    found, rarity = pairs(index, counts, low, high)
    rows = []
    for x, y in found:
        result = index.score(x.family, x.record, y.record, rarity)
        band = x.family.band(result)
        if band is not None:
            rows.append(Hit(x.record, y.record, x.family, result, band).row(None))
    return rows


def prepared(index: Index, counts: Counts, ids: Sequence[str]) -> dict[str, Prepared]:
    """The records of these entities from the statements, ready to be stored."""
    return prepare(index.gather(ids))


def spans(store: Store, start: int = 1, size: int = SPAN) -> list[tuple[int, int]]:
    with store.engine.connect() as conn:
        top = Tables(conn).top()
    return [(low, min(low + size - 1, top)) for low in range(start, top + 1, size)]


_worker: tuple[Store, BenignList | None, Counts] | None = None


def _start(url: str, benign: BenignList | None) -> None:
    global _worker
    quiet_collector()
    _worker = (Store.open(url, migrate=False), benign, Counts())


def _in_worker(job: Job[Result], task: tuple[Any, ...]) -> Result:
    assert _worker is not None
    store, benign, counts = _worker
    with store.engine.connect() as conn:
        return job(Index(conn, benign), counts, *task)


def run(
    store: Store,
    job: Job[Result],
    todo: Sequence[tuple[Any, ...]],
    benign: BenignList | None = None,
    workers: int = 1,
) -> Iterator[Result]:
    """``job`` of each task (a span of record numbers, a chunk of entity ids), in
    order; in ``workers`` processes when more than one."""
    if workers > 1 and len(todo) > 1:
        url = store.engine.url.render_as_string(hide_password=False)
        with ProcessPoolExecutor(workers, initializer=_start, initargs=(url, benign)) as pool:
            yield from pool.map(_Job(job), todo)
        return
    counts = Counts()
    for task in todo:
        with store.engine.connect() as conn:
            yield job(Index(conn, benign), counts, *task)


class _Job:
    """A picklable call of ``job`` on a span in a worker."""

    def __init__(self, job: Job[Any]) -> None:
        self.job = job

    def __call__(self, task: tuple[Any, ...]) -> Any:
        return _in_worker(self.job, task)


def hits(
    store: Store,
    benign: BenignList | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    total: int | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """The hit rows of the whole index, a span at a time."""
    todo = spans(store)
    top = todo[-1][1] if todo else 0
    for (_, high), rows in zip(todo, run(store, hit_rows, todo, benign, workers), strict=True):
        yield rows
        if progress:
            steps = total if total is not None else top
            progress(round(steps * high / max(top, 1)), steps)
