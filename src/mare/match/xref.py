"""``mare xref``: every scored candidate pair of the held persons, as JSON lines.

Each line is ``{"left": ID, "right": ID, "score": float, "match": bool,
"reasons": [...]}``; ``match`` is the shipped default decision (score at or
above `MATCH_THRESHOLD`). The run is resumable: after each left record the
output is flushed and a checkpoint (``FILE.progress``: the last finished left
id and the output size then) is written; a new run with the same ``--out``
truncates the output to that size and goes on after that id.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

import orjson

from mare.errors import InputError
from mare.match.benign import BenignList
from mare.match.blocking import Index
from mare.match.person import NameRarity, score
from mare.match.records import person_records
from mare.store import Store

MATCH_THRESHOLD = 0.7  # provisional until calibrated by the accuracy benchmark

Progress = Callable[[int, int], None]


def _checkpoint(out: Path) -> tuple[str | None, int]:
    marker = out.with_name(out.name + ".progress")
    if not marker.exists() or not out.exists():
        return None, 0
    try:
        data = orjson.loads(marker.read_bytes())
        return str(data["left"]), int(data["offset"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputError(
            f"checkpoint {marker} is unreadable ({exc}); delete it to start over"
        ) from None


def run(
    store: Store, out: Path, progress: Progress | None = None, benign: BenignList | None = None
) -> int:
    """Score every candidate pair into ``out``; returns the number of pairs written."""
    index = Index(person_records(store, benign))
    records = index.records
    rarity = NameRarity(records)
    done_left, offset = _checkpoint(out)
    marker = out.with_name(out.name + ".progress")
    resume_after = -1
    if done_left is not None:
        positions = {record.id: n for n, record in enumerate(records)}
        if done_left not in positions:
            raise InputError(f"the store changed since {marker} was written; delete it")
        resume_after = positions[done_left]
    written = 0
    mode = "r+b" if done_left is not None else "wb"
    with out.open(mode) as handle:
        handle.seek(offset)
        handle.truncate()
        for left, group in groupby(index.pairs(), key=lambda pair: pair[0]):
            if left <= resume_after:
                continue
            left_id = records[left].id
            for _, right in group:
                result = score(records[left], records[right], rarity)
                line = {
                    "left": left_id,
                    "right": records[right].id,
                    "score": round(result.score, 4),
                    "match": result.score >= MATCH_THRESHOLD,
                    "reasons": [r.to_dict() for r in result.reasons],
                }
                handle.write(orjson.dumps(line) + b"\n")
                written += 1
            handle.flush()
            os.fsync(handle.fileno())
            tmp = marker.with_suffix(".tmp")
            tmp.write_bytes(orjson.dumps({"left": left_id, "offset": handle.tell()}))
            tmp.replace(marker)
            if progress:
                progress(left + 1, len(records))
    marker.unlink(missing_ok=True)
    return written
