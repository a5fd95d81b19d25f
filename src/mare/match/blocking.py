"""Blocking keys: which pairs are worth scoring at all.

A person's keys are its identifier keys, each name skeleton under each
reading of the token (``n:mhmd``; `mare.match.spelling`: a typo in the other
name part still shares it), every pair of its tokens' skeletons
(``n:bdrhmn|mhmd``: order swaps and missing middle names still share a
pair), each name skeleton with the birth year (``y:1987:mhmd``),
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

from itertools import combinations, pairwise

from mare.match import names
from mare.match.person import PersonRecord

GENERIC = 100
MIN_WEIGHT = 0.1


READINGS = 3  # skeletons of one token used in pair keys, at most


def name_keys(name: str) -> set[str]:
    """Keys of one name alone: each skeleton of each token (two consonants or
    more), of each two adjacent tokens joined (``Mohammad Reza`` is also
    ``Mohammadreza``), and each pair of tokens' skeletons."""
    groups = [g[:READINGS] for g in names.token_keys(name)]
    out = {f"n:{s}" for group in groups for s in group if len(s) >= 2}
    found, kind = names.parse(name)
    for a, b in pairwise(found):
        joined = names.skeleton(a + b, kind)
        if len(joined) >= 2:
            out.add(f"n:{joined}")
    for left, right in combinations(groups, 2):
        for a in left:
            for b in right:
                if a != b:
                    x, y = (a, b) if a < b else (b, a)
                    out.add(f"n:{x}|{y}")
    return out


def keys(record: PersonRecord) -> set[str]:
    out = set(record.keys)
    valid = [d for d in record.birth_dates if not d.startswith("~")]
    years = {d[:4] for d in valid}
    days = [d for d in valid if len(d) == 10]
    out.update(f"b:{day}" for day in days)
    for name in record.names:
        found = name_keys(name)
        out |= found
        singles = [k[2:] for k in found if "|" not in k]
        out.update(f"y:{year}:{token}" for year in years for token in singles)
        out.update(f"d:{day}:{token}" for day in days for token in singles)
    return out
