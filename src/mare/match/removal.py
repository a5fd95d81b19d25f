"""Taking entities out of the cross-check index when their statements go (erasure).

`refresh` is `Index.arrive` for entities that lost statements: each record is
rebuilt from what is left, and a record with nothing left to build it from is
removed with its postings, its counts taken back and its hits dropped. What
remains is the index `mare reindex` would build from the surviving
statements (a test compares them table by table).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from mare.match.families import FAMILIES
from mare.match.index import Arrival, Index
from mare.match.postings import key_hash, unpack


def remove(index: Index, entity_ids: Iterable[str]) -> list[str]:
    """Remove the records of these entities; returns the entities that had one."""
    held = index.tables.records_of(set(entity_ids))
    deltas: dict[int, int] = defaultdict(int)
    texts: dict[int, str] = {}

    def count(text: str, n: int) -> None:
        h = key_hash(text)
        texts[h] = text
        deltas[h] += n

    for _num, entity_id, family_name, text, keys in held:
        family = FAMILIES[family_name]
        count(f"#{family_name}", -1)
        for key in family.counted(family.decode(text, entity_id)):
            count(key, -1)
        for h in unpack(keys):
            deltas[h] -= 1
    index.tables.bump(deltas, texts)
    index.tables.remove_records([row[0] for row in held])
    return sorted(row[1] for row in held)


def refresh(index: Index, entity_ids: Iterable[str]) -> Arrival:
    """Rebuild the records of these entities (and of those they point at, or that
    point at them) from the statements left, re-check the changed ones, and
    replace their hits; entities with no record left lose theirs and their hits."""
    wanted = set(entity_ids)
    records = index.gather(wanted)
    gone = remove(index, wanted - records.keys())
    changed = index.put(records)
    arrival = index.check(changed)
    index.replace_hits(sorted({r.id for _, r, _ in changed} | set(gone)), arrival.hits, None)
    return arrival
