"""Blocking keys: which pairs are worth scoring at all.

A person's keys are its identifier keys, each name skeleton (``n:mhmd``:
a typo in the other name part still shares it), every pair of its name
skeletons (``n:bdrhmn|mhmd``: order swaps and missing middle names still
share a pair), each name skeleton with the birth year (``y:1987:mhmd``),
each skeleton with a full birth date (``d:1987-05-12:mhmd``: one name part
replaced entirely still shares the other with the day), and the full birth
date alone (``b:1987-05-12``: both name parts misspelt).

Keys are weighed by how many records hold them: a pair of records is a
candidate when the sum, over the keys it shares, of 1 / (records holding the
key) reaches `MIN_WEIGHT` (sharing a key held by 10 records or fewer, or
several more common ones). So a birth date alone makes candidates in a small
store and not among a million people, where about 50 share each day; a
common name needs a birth year or day to go with it. A key that more than
`GENERIC` records share (a rescue hotline, a placeholder number, a very
common name) is generic: it is reported, and adds nothing. The stored index
(`mare.match.index`) applies both.
"""

from __future__ import annotations

from itertools import combinations

from mare.match import names
from mare.match.person import PersonRecord

GENERIC = 100
MIN_WEIGHT = 0.1


def keys(record: PersonRecord) -> set[str]:
    out = set(record.keys)
    years = {d[:4] for d in record.birth_dates}
    days = [d for d in record.birth_dates if len(d) == 10]
    out.update(f"b:{day}" for day in days)
    for name in record.names:
        tokens = sorted({s for s in names.skeletons(name) if len(s) >= 2})
        out.update(f"n:{a}|{b}" for a, b in combinations(tokens, 2))
        out.update(f"n:{token}" for token in tokens)
        out.update(f"y:{year}:{token}" for year in years for token in tokens)
        out.update(f"d:{day}:{token}" for day in days for token in tokens)
    return out
