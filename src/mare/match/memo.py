"""A bounded cache of a pure function that can also be told results worked out elsewhere.

`functools.lru_cache` cannot be filled from outside. The name analysis of a
held record (its tokens, their readings and skeletons) is worked out once,
when the record is indexed, and stored with it (`mare.match.families`);
reading the record back *primes* these caches with it, so scoring a held
record never redoes that work. A primed value is what the function would
return: the stored analysis carries the version of the code that made it,
and one of another version is not used.

The oldest quarter of the entries is dropped when the cache is full (first
in, first out: cheap, and close enough to least-recently-used for caches
whose hot entries are re-primed as their records are read).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import islice
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """``Memo(func, maxsize)(*args)``: ``func(*args)``, remembered by ``args``."""

    __slots__ = ("__wrapped__", "_data", "func", "maxsize")

    def __init__(self, func: Callable[..., V], maxsize: int) -> None:
        self.func = func
        self.maxsize = maxsize
        self._data: dict[tuple[Hashable, ...], V] = {}
        self.__wrapped__ = func

    def __call__(self, *args: Hashable) -> V:
        try:
            return self._data[args]
        except KeyError:
            pass
        value = self._data[args] = self.func(*args)
        if len(self._data) > self.maxsize:
            self._shrink()
        return value

    def prime(self, args: tuple[Hashable, ...], value: V) -> None:
        """Remember ``value`` as the result for ``args`` (kept if already known)."""
        if args not in self._data:
            self._data[args] = value
            if len(self._data) > self.maxsize:
                self._shrink()

    def known(self, args: tuple[Hashable, ...]) -> bool:
        return args in self._data

    def cache_clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)

    def _shrink(self) -> None:
        for key in list(islice(self._data, max(1, self.maxsize // 4))):
            del self._data[key]


def memo(maxsize: int) -> Callable[[Callable[..., V]], Memo[V]]:
    """Decorator form of `Memo`. Call the result with every argument given
    positionally: ``f(a)`` and ``f(a, default)`` are remembered apart."""

    def wrap(func: Callable[..., V]) -> Memo[V]:
        return Memo(func, maxsize)

    return wrap
