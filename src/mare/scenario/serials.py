"""Unique numbers without remembering them: a counter per number space, permuted.

Identifiers the simulator invents (phone numbers, document numbers, IMO
numbers, accounts) must never collide by accident: two real phones never share
a number. Instead of a set of every number handed out (which grows with the
scenario), each space keeps a counter and maps it through an affine
permutation ``(c * a + b) mod size`` with ``a`` coprime to ``size``: distinct
counters give distinct numbers, which look scattered, and only one integer per
space is held.
"""

from __future__ import annotations

from math import gcd

from mare.scenario.dice import number


class Exhausted(RuntimeError):
    """A number space has no unused number left."""


class Serials:
    """Counters per number space, each mapped through its own permutation."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._next: dict[str, int] = {}
        self._params: dict[tuple[str, int], tuple[int, int]] = {}

    def _affine(self, space: str, size: int) -> tuple[int, int]:
        found = self._params.get((space, size))
        if found is None:
            a = number(self.seed, "serial-a", space) % size or 1
            while gcd(a, size) != 1:
                a = (a + 1) % size or 1
            found = (a, number(self.seed, "serial-b", space) % size)
            self._params[(space, size)] = found
        return found

    def draw(self, space: str, size: int) -> int:
        """The next unused number in ``range(size)`` of this space."""
        count = self._next.get(space, 0)
        if count >= size:
            raise Exhausted(f"number space {space!r} of size {size} is used up")
        self._next[space] = count + 1
        a, b = self._affine(space, size)
        return (count * a + b) % size

    def count(self, space: str) -> int:
        """How many numbers of the space were drawn."""
        return self._next.get(space, 0)
