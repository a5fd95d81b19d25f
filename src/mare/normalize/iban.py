"""IBANs, checked with schwifty's registry (length, BBAN format, check digits, and
the national check digits where schwifty knows the algorithm).

Accepts lower case, spaces, dashes and an ``IBAN`` prefix. The value is the
compact upper-case IBAN.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from schwifty import IBAN
from schwifty.exceptions import (
    InvalidBBANChecksum,
    InvalidChecksumDigits,
    InvalidCountryCode,
    InvalidLength,
    InvalidStructure,
    NationalChecksumNotVerified,
    SchwiftyException,
)

from mare.normalize.cleaned import Cleaned
from mare.normalize.digits import ascii_digits, strip_separators

KIND = "iban"
SAME_ACCOUNT = 0.9  # same country and BBAN, different check digits

# "IBAN", "IBAN no.:", but not the "NO" of a Norwegian IBAN.
_PREFIX = re.compile(r"^\s*IBAN\s*(?:no\.|nr\.|number|no(?=\s*[:#]))?\s*[:#]?\s*", re.IGNORECASE)
_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,32}$")


def _compact(raw: str) -> str:
    return strip_separators(_PREFIX.sub("", ascii_digits(raw))).replace(":", "").upper()


def _expected_check(compact: str) -> str:
    """The ISO 7064 mod 97-10 check digits the IBAN should carry."""
    moved = compact[4:] + compact[:2] + "00"
    number = int("".join(str(int(ch, 36)) for ch in moved))
    return f"{98 - number % 97:02d}"


def _reason(exc: SchwiftyException, compact: str) -> str:
    country = compact[:2]
    if isinstance(exc, InvalidCountryCode):
        return f"{country} is not a country that uses IBANs"
    if isinstance(exc, InvalidLength):
        expected = IBAN(compact, allow_invalid=True).spec.iban_length
        return f"{country} IBANs have {expected} characters, not {len(compact)}"
    if isinstance(exc, InvalidStructure):
        return f"account part does not match the {country} IBAN format"
    if isinstance(exc, InvalidChecksumDigits):
        return f"IBAN check digits are {compact[2:4]}, expected {_expected_check(compact)}"
    if isinstance(exc, InvalidBBANChecksum):
        return f"national check digits of the {country} account number are wrong"
    return str(exc)


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    compact = _compact(raw)
    if not _SHAPE.match(compact):
        return Cleaned.invalid(KIND, raw, "not an IBAN", value=compact or None)
    key = f"{KIND}:{compact}"
    extra = {"country": compact[:2].lower()}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", NationalChecksumNotVerified)
            iban = IBAN(compact, validate_bban=True)
    except SchwiftyException as exc:
        reason = _reason(exc, compact)
        return Cleaned.invalid(KIND, raw, reason, value=compact, key=key, extra=extra)
    if any(issubclass(w.category, NationalChecksumNotVerified) for w in caught):
        extra["national_checksum"] = "not verified"
    if iban.bank_code:
        extra["bank_code"] = str(iban.bank_code)
    if iban.branch_code:
        extra["branch_code"] = str(iban.branch_code)
    bic = iban.bic
    if bic is not None:
        extra["bic"] = str(bic)
    if iban.bank_name:
        extra["bank"] = str(iban.bank_name)
    return Cleaned.ok(KIND, raw, compact, key=key, extra=extra)


def clean(raw: str) -> Cleaned:
    """Normalise and check an IBAN."""
    return _clean(raw)


def validate(raw: str) -> bool:
    """Whether ``raw`` is a valid IBAN."""
    return _clean(raw).valid


def compare(left: str, right: str) -> float:
    """1.0 for the same IBAN; 0.9 when only the check digits differ (one is a typo of
    the other's account); 0.0 otherwise."""
    a, b = _clean(left), _clean(right)
    if a.key is None or b.key is None:
        return 0.0
    if a.key == b.key:
        return 1.0
    x, y = a.value or "", b.value or ""
    return SAME_ACCOUNT if x[:2] == y[:2] and x[4:] == y[4:] else 0.0
