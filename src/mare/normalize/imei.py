"""IMEIs of mobile devices: 14 digits (TAC + serial) and a Luhn check digit.

Accepts the 15-digit IMEI, the 14 digits without check digit (the check digit
is computed) and the 16-digit IMEISV (the last two digits are the software
version, dropped into ``extra["svn"]``). All three forms of one device share
the key ``imei:<first 14 digits>``; the value is always the 15-digit IMEI.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mare.normalize.cleaned import Cleaned, same_key
from mare.normalize.digits import ascii_digits, strip_separators

KIND = "imei"

_PREFIX = re.compile(
    r"^\s*IMEI(?:\s*SV)?(?:\s*[12](?=\s*[:#]))?\s*(?:no\.?|number|nr\.?)?\s*[:#]?\s*",
    re.IGNORECASE,
)
# Numbers that many unrelated devices show: typed placeholders and the default
# IMEIs of phones whose radio memory was wiped (MediaTek, Samsung).
_PLACEHOLDERS = frozenset(
    {"12345678901234", "01234567890123", "00499901064000", "35824005111111"}
    | {d * 14 for d in "0123456789"}
)


def luhn_digit(digits: str) -> int:
    """The Luhn check digit to append to ``digits``."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    digits = strip_separators(_PREFIX.sub("", ascii_digits(raw)))
    if not digits.isascii() or not digits.isdigit():
        return Cleaned.invalid(KIND, raw, "not an IMEI", value=digits or None)
    if len(digits) not in (14, 15, 16):
        reason = f"IMEIs have 15 digits (14 to 16 with IMEISV), not {len(digits)}"
        return Cleaned.invalid(KIND, raw, reason, value=digits)
    body = digits[:14]
    expected = str(luhn_digit(body))
    value = body + (digits[14] if len(digits) == 15 else expected)
    if body in _PLACEHOLDERS:
        return Cleaned.invalid(KIND, raw, "placeholder", value=value)
    key = f"{KIND}:{body}"
    extra = {"tac": body[:8]}
    if len(digits) == 16:
        extra["svn"] = digits[14:]
    elif len(digits) == 14:
        extra["note"] = "check digit computed"
    elif digits[14] != expected:
        reason = f"IMEI check digit is {digits[14]}, expected {expected}"
        return Cleaned.invalid(KIND, raw, reason, value=value, key=key, extra=extra)
    return Cleaned.ok(KIND, raw, value, key=key, extra=extra)


def clean(raw: str) -> Cleaned:
    """Normalise and check an IMEI (or IMEISV)."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` is a valid IMEI."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same device (IMEI, IMEI without check digit or IMEISV), else 0.0."""
    return same_key(_clean(left), _clean(right))
