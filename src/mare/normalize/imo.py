"""IMO ship identification numbers: seven digits, the last a check digit.

The check digit is the sum of the first six digits weighted 7, 6, 5, 4, 3, 2,
modulo 10. Accepts ``IMO 9074729``, ``IMO9074729``, ``IMO no. 9074729`` and
the bare number; the value is ``IMO9074729``, the key ``imo:9074729``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mare.normalize.cleaned import Cleaned, same_key
from mare.normalize.digits import ascii_digits, strip_separators

KIND = "imo"

_PREFIX = re.compile(r"^\s*IMO\s*(?:no\.?|number|nr\.?)?\s*[:#]?\s*", re.IGNORECASE)
_WEIGHTS = (7, 6, 5, 4, 3, 2)
# Numbers typed when the real one is unknown; several pass the check digit.
_PLACEHOLDERS = frozenset({"1234567", "7654321", "0123456"} | {d * 7 for d in "0123456789"})


def check_digit(six: str) -> int:
    """The IMO check digit of the first six digits."""
    return sum(int(d) * w for d, w in zip(six, _WEIGHTS, strict=True)) % 10


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    digits = strip_separators(_PREFIX.sub("", ascii_digits(raw)))
    if not digits.isascii() or not digits.isdigit():
        return Cleaned.invalid(KIND, raw, "not an IMO number", value=digits or None)
    if len(digits) != 7:
        return Cleaned.invalid(
            KIND, raw, f"IMO numbers have 7 digits, not {len(digits)}", value=digits
        )
    value = f"IMO{digits}"
    if digits in _PLACEHOLDERS:
        return Cleaned.invalid(KIND, raw, "placeholder", value=value)
    key = f"{KIND}:{digits}"
    expected = check_digit(digits[:6])
    if int(digits[6]) != expected:
        reason = f"IMO check digit is {digits[6]}, expected {expected}"
        return Cleaned.invalid(KIND, raw, reason, value=value, key=key)
    return Cleaned.ok(KIND, raw, value, key=key)


def clean(raw: str) -> Cleaned:
    """Normalise and check an IMO ship number."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` is a valid IMO number."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same IMO number, else 0.0."""
    return same_key(_clean(left), _clean(right))
