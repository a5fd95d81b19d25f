"""Birth dates compared as evidence: what kind of agreement or disagreement two dates show.

Dates are ISO prefixes (``1987-05-12``, ``1987-05``, ``1987``) as the date
normaliser writes them, or ``~`` and the digits of a date that did not
normalise (``~19429008``: a slip of the pen made it impossible, but it is
still close to ``1942-09-08``). ``1 January`` stands in for an unknown day
and month in many registries (asylum files above all), so a ``-01-01`` date
agrees like its year only and is never held against a date in the same year.

`compare` returns one of the `Outcome` names below; the person matcher
weighs them (`mare.match.person`).
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from rapidfuzz.distance import OSA

PLACEHOLDER_DAYS = ("01-01",)


class Outcome(Enum):
    SAME_DAY = "same day"
    SAME_PLACEHOLDER = "same year, day and month not known (1 January)"
    SWAPPED = "day and month swapped"
    ONE_DIGIT = "one digit different or two transposed"
    YEAR_OFF_BY_ONE = "same day and month, year one apart"
    SAME_MONTH = "same year and month, other day"
    TWO_PARTS = "two of year, month and day agree"
    SAME_YEAR = "same year (one date is partial)"
    SAME_YEAR_ONLY = "same year, other day and month"
    YEAR_NEAR = "years one apart (one date is partial)"
    YEAR_TYPO = "years one digit apart (one date is partial)"
    BROKEN_NEAR = "an impossible date, one digit from the other"
    DIFFERENT = "different dates"
    BROKEN = "an impossible date, not comparable"


def _parts(value: str) -> tuple[int, int | None, int | None]:
    pieces = [int(p) for p in value.split("-")]
    return pieces[0], pieces[1] if len(pieces) > 1 else None, pieces[2] if len(pieces) > 2 else None


def _digits(value: str) -> tuple[str, ...]:
    """The ways a normalised date may have been written as digits."""
    year, month, day = _parts(value)
    if month is None or day is None:
        return (f"{year:04d}",)
    y, m, d = f"{year:04d}", f"{month:02d}", f"{day:02d}"
    return (y + m + d, d + m + y, m + d + y)


def _broken(raw: str, other: str) -> Outcome:
    digits = raw[1:]
    if other.startswith("~"):
        return Outcome.BROKEN_NEAR if OSA.distance(digits, other[1:]) <= 1 else Outcome.BROKEN
    if any(OSA.distance(digits, form) <= 1 for form in _digits(other) if len(form) == 8):
        return Outcome.BROKEN_NEAR
    return Outcome.BROKEN


def _placeholder(value: str) -> bool:
    return len(value) == 10 and value[5:] in PLACEHOLDER_DAYS


def _year_outcome(a: int, b: int) -> Outcome:
    if a == b:
        return Outcome.SAME_YEAR
    if abs(a - b) == 1:
        return Outcome.YEAR_NEAR
    if OSA.distance(f"{a:04d}", f"{b:04d}") <= 1:
        return Outcome.YEAR_TYPO
    return Outcome.DIFFERENT


@lru_cache(maxsize=65536)
def compare(left: str, right: str) -> Outcome:
    """How two birth dates compare (see `Outcome`)."""
    if left.startswith("~"):
        return _broken(left, right)
    if right.startswith("~"):
        return _broken(right, left)
    if left == right:
        if len(left) < 10:
            return Outcome.SAME_YEAR  # equal partial dates: a year (or month) agrees
        return Outcome.SAME_PLACEHOLDER if _placeholder(left) else Outcome.SAME_DAY
    ya, ma, da = _parts(left)
    yb, mb, db = _parts(right)
    full = da is not None and db is not None
    if not full or _placeholder(left) or _placeholder(right):
        placeholder = _placeholder(left) or _placeholder(right)
        if ma is not None and mb is not None and ya == yb and ma != mb and not placeholder:
            return Outcome.SAME_YEAR_ONLY
        return _year_outcome(ya, yb)
    if (ya, ma, da) == (yb, db, mb):
        return Outcome.SWAPPED
    if OSA.distance(left.replace("-", ""), right.replace("-", "")) <= 1:
        return Outcome.ONE_DIGIT
    if ma == mb and da == db and abs(ya - yb) == 1:
        return Outcome.YEAR_OFF_BY_ONE
    if ya == yb and ma == mb:
        return Outcome.SAME_MONTH
    if (ya == yb and da == db) or (ma == mb and da == db):
        return Outcome.TWO_PARTS
    if ya == yb:
        return Outcome.SAME_YEAR_ONLY
    return Outcome.DIFFERENT
