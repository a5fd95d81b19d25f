"""``mare xref``: every scored candidate pair of the held data, as JSON lines.

Each line is ``{"left": ID, "right": ID, "score": float, "match": bool,
"reasons": [...]}`` with ``left`` < ``right``; ``match`` is the shipped
default decision (the score reaches the family's match threshold). Pairs
come from the stored index (`mare.match.index`): two records of one family
whose shared blocking keys weigh enough (`mare.match.blocking`). Records are taken in index order, a
chunk at a time; the run is resumable: after each chunk the output is
flushed and a checkpoint (``FILE.progress``: the last finished record number
and the output size then) is written; a new run with the same ``--out``
truncates the output to that size and goes on after that record.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import orjson
from sqlalchemy import Connection, and_, func, literal, select

from mare.errors import InputError
from mare.match.benign import BenignList
from mare.match.blocking import GENERIC, MIN_WEIGHT
from mare.match.families import PERSON
from mare.match.index import Index
from mare.store import Store
from mare.store.tables import match_key_counts, match_keys, match_records

CHUNK = 2000  # left records per step
MATCH_THRESHOLD = PERSON.match  # the person matcher's; each line uses its own family's

Progress = Callable[[int, int], None]


def _checkpoint(out: Path) -> tuple[int | None, int]:
    marker = out.with_name(out.name + ".progress")
    if not marker.exists() or not out.exists():
        return None, 0
    try:
        data = orjson.loads(marker.read_bytes())
        return int(data["num"]), int(data["offset"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"checkpoint {marker} is unreadable ({exc}); delete it to start over"
        ) from None


def _pairs(conn: Connection, low: int, high: int) -> dict[int, set[int]]:
    """Candidate pairs (a < b) whose lower record number is in [low, high]: the
    shared keys' weights (1 / records holding the key) reach `MIN_WEIGHT`."""
    a, b = match_keys.alias("a"), match_keys.alias("b")
    weight = func.sum(literal(1.0) / match_key_counts.c.n)
    query = (
        select(a.c.num, b.c.num)
        .join(b, and_(b.c.key == a.c.key, b.c.num > a.c.num))
        .join(match_key_counts, match_key_counts.c.key == a.c.key)
        .where(a.c.num.between(low, high), match_key_counts.c.n <= GENERIC)
        .group_by(a.c.num, b.c.num)
        .having(weight >= MIN_WEIGHT)
    )
    found: dict[int, set[int]] = defaultdict(set)
    for left, right in conn.execute(query):
        found[left].add(right)
    return found


def _score(conn: Connection, benign: BenignList | None, low: int, high: int) -> tuple[bytes, int]:
    """The JSON lines of the candidate pairs whose lower record number is in [low, high]."""
    index = Index(conn, benign)
    pairs = _pairs(conn, low, high)
    held = index.held(set(pairs) | {n for rights in pairs.values() for n in rights})
    people = [h.record for h in held.values() if h.family.name == "person"]
    rarity = index.rarity(people) if people else None
    lines: list[bytes] = []
    for left in sorted(pairs):
        for right in sorted(pairs[left]):
            x, y = held[left], held[right]
            if x.family is not y.family:
                continue
            if y.entity_id < x.entity_id:
                x, y = y, x
            result = index.score(x.family, x.record, y.record, rarity)
            line = {
                "left": x.entity_id,
                "right": y.entity_id,
                "score": round(result.score, 4),
                "match": result.score >= x.family.match,
                "reasons": [r.to_dict() for r in result.reasons],
            }
            lines.append(orjson.dumps(line) + b"\n")
    return b"".join(lines), len(lines)


_worker: tuple[Store, BenignList | None] | None = None


def _start_worker(url: str, benign: BenignList | None) -> None:
    global _worker
    _worker = (Store.open(url, migrate=False), benign)


def _score_in_worker(span: tuple[int, int]) -> tuple[bytes, int]:
    assert _worker is not None
    store, benign = _worker
    with store.engine.connect() as conn:
        return _score(conn, benign, *span)


def run(
    store: Store,
    out: Path,
    progress: Progress | None = None,
    benign: BenignList | None = None,
    workers: int = 1,
    chunk: int = CHUNK,
) -> int:
    """Score every candidate pair into ``out``; returns the number of pairs written.

    With ``workers`` > 1, chunks are scored in that many processes and written
    in order, so the output is the same as with one.
    """
    done, offset = _checkpoint(out)
    marker = out.with_name(out.name + ".progress")
    written = 0
    mode = "r+b" if done is not None else "wb"
    with store.engine.connect() as conn:
        top = conn.execute(select(func.max(match_records.c.num))).scalar() or 0
    spans = [(low, min(low + chunk - 1, top)) for low in range((done or 0) + 1, top + 1, chunk)]
    with ExitStack() as stack:
        handle = stack.enter_context(out.open(mode))
        handle.seek(offset)
        handle.truncate()
        if workers > 1 and len(spans) > 1:
            url = store.engine.url.render_as_string(hide_password=False)
            pool = stack.enter_context(
                ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(url, benign))
            )
            results: Iterator[tuple[bytes, int]] = pool.map(_score_in_worker, spans)
        else:
            conn = stack.enter_context(store.engine.connect())
            results = (_score(conn, benign, low, high) for low, high in spans)
        for (_, high), (text, count) in zip(spans, results, strict=True):
            handle.write(text)
            written += count
            handle.flush()
            os.fsync(handle.fileno())
            tmp = marker.with_suffix(".tmp")
            tmp.write_bytes(orjson.dumps({"num": high, "offset": handle.tell()}))
            tmp.replace(marker)
            if progress:
                progress(high, top)
    marker.unlink(missing_ok=True)
    return written
