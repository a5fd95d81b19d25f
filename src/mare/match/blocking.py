"""Blocking keys: which pairs are worth scoring at all.

A person's keys are its identifier keys, each name skeleton (``n:mhmd``:
a typo in the other name part still shares it), every pair of its name
skeletons (``n:bdrhmn|mhmd``: order swaps and missing middle names still
share a pair), each name skeleton with the birth year (``y:1987:mhmd``),
and a full birth date (``b:1987-05-12``; about 30 people a day per million).
Single skeletons of common names soon pass the generic cap; the pairs and
the year keys then carry the blocking. A key that more
than `GENERIC` records share (a rescue hotline, a placeholder number, a very
common name) is generic: it is reported, and generates no candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations

from mare.match import names
from mare.match.person import PersonRecord

GENERIC = 100


def keys(record: PersonRecord) -> set[str]:
    out = set(record.keys)
    years = {d[:4] for d in record.birth_dates}
    out.update(f"b:{d}" for d in record.birth_dates if len(d) == 10)
    for name in record.names:
        tokens = sorted({s for s in names.skeletons(name) if len(s) >= 2})
        out.update(f"n:{a}|{b}" for a, b in combinations(tokens, 2))
        out.update(f"n:{token}" for token in tokens)
        out.update(f"y:{year}:{token}" for year in years for token in tokens)
    return out


class Index:
    """An in-memory index of blocking keys to record positions."""

    def __init__(self, records: Iterable[PersonRecord], generic: int = GENERIC) -> None:
        self.records = list(records)
        self.generic = generic
        postings: dict[str, list[int]] = defaultdict(list)
        for position, record in enumerate(self.records):
            for key in keys(record):
                postings[key].append(position)
        self.generic_keys = {k: len(v) for k, v in postings.items() if len(v) > generic}
        self.postings = {k: v for k, v in postings.items() if len(v) <= generic}

    def candidates(self, record: PersonRecord) -> list[int]:
        """Positions of held records sharing a non-generic key with ``record``."""
        found: set[int] = set()
        for key in keys(record):
            found.update(self.postings.get(key, ()))
        return sorted(found)

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Each candidate pair once, as (lower position, higher position), by left record."""
        by_left: dict[int, set[int]] = defaultdict(set)
        for members in self.postings.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    by_left[a].add(b)
        for left in sorted(by_left):
            for right in sorted(by_left[left]):
                yield left, right
