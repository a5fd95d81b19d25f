"""The result of cleaning one raw value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A raw value and what normalisation made of it.

    ``value`` is the normalised form (``None`` when nothing usable could be
    made of the input); ``valid`` says whether the value passed every check of
    its kind, and ``reason`` why not. ``key`` is the exact-match key under
    which the value is indexed for cross-checking (``None`` for values that
    are not identifiers or that are too broken to index). ``extra`` carries
    facts found on the way (a phone's region, an MMSI's flag state, a name's
    script).
    """

    kind: str
    original: str
    value: str | None
    valid: bool
    reason: str | None = None
    key: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def ok(
        cls,
        kind: str,
        original: str,
        value: str,
        *,
        key: str | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> Cleaned:
        return cls(kind, original, value, True, None, key, extra or {})

    @classmethod
    def invalid(
        cls,
        kind: str,
        original: str,
        reason: str,
        *,
        value: str | None = None,
        key: str | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> Cleaned:
        return cls(kind, original, value, False, reason, key, extra or {})


def same_key(left: Cleaned, right: Cleaned) -> float:
    """1.0 when two cleaned values share an index key, else 0.0 (exact identifiers)."""
    return 1.0 if left.key is not None and left.key == right.key else 0.0
