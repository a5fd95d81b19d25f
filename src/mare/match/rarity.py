"""How common values are among the held persons: the u of an agreement on them.

Two records agreeing on ``Teegan`` say more than two agreeing on
``Mohamed``; two agreeing on 12 May 1987 more than two agreeing on 1 January
1997, the day registries write when only the year is known. The u of a name
token is the share of held persons with a token of the same skeleton, of a
birth day the share born that day, each smoothed towards a prior share
(`PRIOR_U`, `PRIOR_DAY_U`) by `PSEUDO_COUNT` imagined persons, so a small
store (where everything looks rare) does not overrate agreement. A token's
u is never below the share of persons known to carry the most common names
(`data/common_names.csv`: Muhammad, Ali, Mamadou, Diallo, ...), whatever the
store counts.

The counts are the blocking keys' counts (``n:<skeleton>``, ``b:<day>``):
the stored index keeps them current (`mare.match.index.StoredRarity`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from mare.match import names

COMMON = Path(__file__).parent / "data" / "common_names.csv"
YEARS = 30  # birth years a random pair of held persons spreads over, about
PRIOR_U = 0.01  # a name token's share of persons when the store cannot say
PRIOR_DAY_U = 1 / (365 * YEARS)
PSEUDO_COUNT = 300
MIN_U = 1e-5
SHORT_U = 0.05  # Ali, Aly, Eli: one consonant, many people
REFERENCE = 10_000  # persons a match is weighed against when fewer are held


def token_counts(record: Any) -> set[str]:
    """Keys counted but not indexed: each name token as written (``t:mohamed``),
    whose share is the u of an exact agreement, and each whole name
    (``f:ali mohamed``), whose share bounds what agreeing on all of it is worth."""
    found = {f"t:{t}" for n in record.names for t in names.tokens(n)}
    return found | {k for n in record.names if (k := names.full_key(n))}


def count_keys(record: Any) -> set[str]:
    """The keys of a person record whose counts give its values' rarity: its
    tokens, their skeletons under every reading, its birth days."""
    found = {f"n:{s}" for n in record.names for group in names.token_keys(n) for s in group}
    found.update(f"b:{d}" for d in record.birth_dates if len(d) == 10 and d[0] != "~")
    return found | token_counts(record)


class NameRarity:
    """Counts of name-token skeletons and birth days over the held persons."""

    def __init__(self, records: Iterable[Any] = ()) -> None:
        self.counts: dict[str, int] = {}
        self.total = 0
        for record in records:
            self.total += 1
            for key in count_keys(record):
                self.counts[key] = self.counts.get(key, 0) + 1

    def _share(self, key: str, prior: float) -> float:
        count = self.counts.get(key, 0)
        return (count + PSEUDO_COUNT * prior) / (self.total + PSEUDO_COUNT)

    def token_u(self, key: str) -> float:
        """Chance that a random held person has this token (``t:mohamed``: as
        written) or a token of this skeleton (``n:mhmd``)."""
        u = self._share(key, PRIOR_U)
        skeleton = key[2:] if key.startswith("n:") else names.skeleton(key[2:])
        if len(skeleton) < 2:
            u = max(u, SHORT_U)
        return min(0.5, max(MIN_U, u, common().get(skeleton, 0.0)))

    def name_u(self, key: str, prior: float, own: int = 0) -> float:
        """Chance that another held person carries this whole name (``f:...``):
        its count less the ``own`` records being compared, smoothed towards
        ``prior`` (the product of its tokens' shares)."""
        count = max(0, self.counts.get(key, 0) - own)
        share = (count + PSEUDO_COUNT * prior) / (max(self.total - own, 0) + PSEUDO_COUNT)
        return min(0.5, max(MIN_U, share))

    def day_u(self, day: str) -> float:
        """Chance that a random held person was born on this day (ISO date)."""
        return min(0.5, max(MIN_U, self._share(f"b:{day}", PRIOR_DAY_U)))

    def population(self) -> int:
        """The number of persons a pair is one of (never fewer than `REFERENCE`)."""
        return max(self.total, REFERENCE)


@cache
def common() -> dict[str, float]:
    """Skeleton -> the known share of persons carrying a name of that skeleton."""
    shares: dict[str, float] = {}
    with COMMON.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            skeleton = names.skeleton(names.tokens(row["name"])[0])
            shares[skeleton] = shares.get(skeleton, 0.0) + float(row["share"])
    return shares


DEFAULT = NameRarity()
