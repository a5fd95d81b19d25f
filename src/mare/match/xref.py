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
from collections.abc import Callable
from pathlib import Path

import orjson

from mare.errors import InputError
from mare.match import batch
from mare.match.batch import Counts
from mare.match.benign import BenignList
from mare.match.families import PERSON
from mare.match.index import Index
from mare.store import Store

CHUNK = batch.SPAN  # left records per step
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


def lines(index: Index, counts: Counts, low: int, high: int) -> tuple[bytes, int]:
    """The JSON lines of the candidate pairs whose lower record number is in [low, high]."""
    found, rarity = batch.pairs(index, counts, low, high)
    out: list[bytes] = []
    for x, y in found:
        result = index.score(x.family, x.record, y.record, rarity)
        line = {
            "left": x.entity_id,
            "right": y.entity_id,
            "score": round(result.score, 4),
            "match": result.score >= x.family.match,
            "reasons": [r.to_dict() for r in result.reasons],
        }
        out.append(orjson.dumps(line) + b"\n")
    return b"".join(out), len(out)


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
    todo = batch.spans(store, (done or 0) + 1, chunk)
    top = todo[-1][1] if todo else 0
    with out.open(mode) as handle:
        handle.seek(offset)
        handle.truncate()
        results = batch.run(store, lines, todo, benign, workers)
        for (_, high), (text, count) in zip(todo, results, strict=True):
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
