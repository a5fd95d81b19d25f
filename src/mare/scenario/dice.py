"""Seeded randomness: one generator per purpose, derived from the scenario's seed.

Every part of the scenario draws from its own `random.Random`, seeded with the
scenario seed and the part's name (``rng(seed, "network", 12)``), so a
network's story does not shift when another part of the simulator changes, and
the same seed gives the same bytes on every run (string seeds are hashed with
SHA-512 by `random`, independent of ``PYTHONHASHSEED``).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")


def rng(seed: int, *parts: object) -> random.Random:
    """A generator for one purpose of one scenario."""
    return random.Random("|".join([str(seed), *map(str, parts)]))


def digest(*parts: object, size: int = 8) -> str:
    """A stable hex digest of ``parts`` (``2 * size`` hex digits)."""
    text = "|".join(map(str, parts)).encode("utf-8")
    return hashlib.blake2b(text, digest_size=size).hexdigest()


def number(*parts: object) -> int:
    """A stable 64-bit number from ``parts``."""
    return int(digest(*parts), 16)


def pick(r: random.Random, weights: Mapping[T, float]) -> T:
    """One key of ``weights``, drawn with its weight."""
    keys = list(weights)
    return r.choices(keys, [weights[k] for k in keys])[0]


def chance(r: random.Random, p: float) -> bool:
    return r.random() < p


def zipf(r: random.Random, items: Sequence[T], s: float = 1.0) -> T:
    """An item drawn with weight 1/(rank+1)^s: a few very common ones, a long tail."""
    weights = [1.0 / (rank + 1) ** s for rank in range(len(items))]
    return r.choices(items, weights)[0]


def some(r: random.Random, items: Sequence[T], low: int, high: int) -> list[T]:
    """Between ``low`` and ``high`` distinct items (fewer if there are fewer)."""
    count = min(len(items), r.randint(low, high))
    return r.sample(list(items), count)
