"""Dates, possibly partial: value is an ISO prefix ``1987-05-12``, ``1987-05`` or ``1987``.

``extra["precision"]`` is ``day``, ``month`` or ``year``; the key is
``date:<value>``. Accepted: ISO dates and datetimes (the time is dropped),
``12.05.1987``, ``12/05/1987``, ``12-05-1987``, ``1987/05/12``, ``05/1987``,
``19870512``, ``12 May 1987``, ``May 12, 1987``, ``12 de mayo de 1987``, month
names of many languages (see `_date_parse`), digits of any script. Unknown
parts written ``00``, ``XX`` or ``??`` lower the precision (``00.05.1987`` ->
``1987-05``; a day without its month is dropped).

Reading rules:

* ``a/b/yyyy`` with both ``a`` and ``b`` at most 12 is read day-first unless
  ``dayfirst=False``; when they differ ``extra["ambiguous"] = "true"``. A part
  above 12 is the day whatever ``dayfirst`` says.
* Two-digit years (``12.05.87``) are put in the last hundred years: up to the
  current year's two digits they are 20yy, above 19yy (birth dates are never in
  the future); ``extra["two_digit_year"] = "true"``. Expiry dates written so
  must be checked by the caller.
* Years outside 1800..2199 are invalid (1300..1499 is probably a Solar Hijri
  or Hijri year and says so). Impossible days and months are invalid with the
  reason and no value.

`compare` scores (evidence weights for the matcher; both sides read day-first):

* 1.0  same date at the same precision;
* 0.9  one date is a month, the other a day in that month;
* 0.8  one date is a year only, the other a month or day in that year;
* 0.7  day and month swapped (``1987-05-12`` vs ``1987-12-05``);
* 0.6  one digit different in one part (``1987-05-12`` vs ``1987-05-13``);
* 0.5  two adjacent digits transposed in one part (``1978`` vs ``1987``);
* 0.0  anything else, or either side unreadable.

When precisions differ and the shared part only nearly agrees, the near-miss
score is multiplied by the precision weight (``1987`` vs ``1988-05-12``:
0.6 × 0.8). `clean_range` turns ranges and approximate dates into the first
and last possible day; "about" widens by `APPROX_YEARS` years on each side.
"""

from __future__ import annotations

import re
from calendar import monthrange
from functools import lru_cache

from mare.normalize._date_parse import YEAR_MAX, YEAR_MIN, fold, parse
from mare.normalize.cleaned import Cleaned

KIND = "date"
APPROX_YEARS = 2
_PRECISION = {1: "year", 2: "month", 3: "day"}
_PARTIAL = {frozenset({2, 3}): 0.9, frozenset({1, 2}): 0.8, frozenset({1, 3}): 0.8}
_APPROX = re.compile(
    r"^(?:ca\.?|circa|c\.|approx\.?|approximately|about|around|~|±|\+/-|etwa|ungef\.?|"
    r"ungefahr|zirka|vers|environ|env\.|hacia|alrededor de|intorno al|verso il|yaklasık|"
    r"yaklasik|около|примерно|حوالي|تقريبا|حدود|حدودا)\s*"
)
_DECADE = re.compile(
    r"^(?:the\s+)?(\d{3})0\s*(?:s|'s|’s|er|er jahre)$"
    r"|^(?:annees|anni|anos|los anos|decada de|die)\s+(\d{3})0(?:er(?: jahre)?)?$"
)
_YEARS = re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{4})$")
_BETWEEN = re.compile(
    r"^(?:between|zwischen|entre|tra|fra|from|von|vom|de|du|dal|desde)\s+(.+?)\s+"
    r"(?:and|und|et|y|e|to|bis|a|au|al|hasta|ile)\s+(.+)$"
)
_DASHED = re.compile(r"^(.+?)\s+(?:-|–|—|to|bis|au|al|a)\s+(.+)$")


# Plain ISO dates (the form FtM data carries) skip the general parser.
_ISO = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


@lru_cache(maxsize=65536)
def _clean(raw: str, dayfirst: bool) -> Cleaned:
    iso = _ISO.match(raw)
    if iso:
        year = int(iso[1])
        month = int(iso[2]) if iso[2] else None
        day = int(iso[3]) if iso[3] else None
        two_digit = ambiguous = False
    else:
        parts = parse(raw, dayfirst)
        if isinstance(parts, str):
            return Cleaned.invalid(KIND, raw, parts)
        year, month, day = parts.year, parts.month, parts.day
        two_digit, ambiguous = parts.two_digit_year, parts.ambiguous
    if not YEAR_MIN <= year <= YEAR_MAX:
        hint = " (Solar Hijri or Hijri calendar?)" if 1300 <= year < 1500 else ""
        return Cleaned.invalid(KIND, raw, f"year {year} out of range{hint}")
    if month is not None and not 1 <= month <= 12:
        return Cleaned.invalid(KIND, raw, f"month {month} out of range")
    if month is None:
        value = f"{year:04d}"
    elif day is None:
        value = f"{year:04d}-{month:02d}"
    elif 1 <= day <= monthrange(year, month)[1]:
        value = f"{year:04d}-{month:02d}-{day:02d}"
    else:
        return Cleaned.invalid(KIND, raw, f"day {day} out of range for {year:04d}-{month:02d}")
    extra = {"precision": _PRECISION[value.count("-") + 1]}
    if two_digit:
        extra["two_digit_year"] = "true"
    if ambiguous and day is not None:
        extra["ambiguous"] = "true"
    return Cleaned.ok(KIND, raw, value, key=f"{KIND}:{value}", extra=extra)


def clean(raw: str, dayfirst: bool = True) -> Cleaned:
    """Normalise a full or partial date to an ISO prefix."""
    return _clean(raw, dayfirst)


def validate(raw: str, dayfirst: bool = True) -> bool:
    """Whether ``raw`` is a readable, possible date."""
    return _clean(raw, dayfirst).valid


def _near(left: str, right: str) -> float:
    """Near-miss score of two ISO prefixes of the same precision."""
    a, b = left.split("-"), right.split("-")
    if len(a) == 3 and a[0] == b[0] and a[1] == b[2] and a[2] == b[1]:
        return 0.7
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return 0.0
    x, y = differing[0]
    diffs = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diffs) == 1:
        return 0.6
    if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
        i, j = diffs
        return 0.5 if x[i] == y[j] and x[j] == y[i] else 0.0
    return 0.0


@lru_cache(maxsize=65536)
def _compare(left: str, right: str) -> float:
    a, b = _clean(left, True).value, _clean(right, True).value
    if a is None or b is None:
        return 0.0
    if a == b:
        return 1.0
    pa, pb = a.count("-") + 1, b.count("-") + 1
    common = min(pa, pb)
    weight = 1.0 if pa == pb else _PARTIAL[frozenset({pa, pb})]
    ta, tb = "-".join(a.split("-")[:common]), "-".join(b.split("-")[:common])
    return weight if ta == tb else round(weight * _near(ta, tb), 4)


def compare(left: str, right: str) -> float:
    """Similarity of two dates in 0..1 (scores in the module docstring)."""
    return _compare(left, right)


def _span(value: str) -> tuple[str, str]:
    """First and last day of an ISO prefix."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month_first, month_last = (parts[1], parts[1]) if len(parts) > 1 else (1, 12)
    day_first = parts[2] if len(parts) > 2 else 1
    day_last = parts[2] if len(parts) > 2 else monthrange(year, month_last)[1]
    return (
        f"{year:04d}-{month_first:02d}-{day_first:02d}",
        f"{year:04d}-{month_last:02d}-{day_last:02d}",
    )


def _shift(day: str, years: int) -> str:
    year, month, dom = (int(p) for p in day.split("-"))
    year += years
    dom = min(dom, monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{dom:02d}"


def _range(left: str, right: str, dayfirst: bool) -> tuple[str, str] | None:
    a, b = _clean(left, dayfirst).value, _clean(right, dayfirst).value
    if a is None or b is None:
        return None
    start, end = _span(a)[0], _span(b)[1]
    return (start, end) if start <= end else (_span(b)[0], _span(a)[1])


@lru_cache(maxsize=16384)
def clean_range(raw: str, dayfirst: bool = True) -> tuple[str | None, str | None]:
    """First and last possible ISO day of a date, range or approximate date.

    ``1987`` -> (1987-01-01, 1987-12-31); ``1985-1987``, ``1985/1987``,
    ``between 1985 and 1987``, ``12.05.1985 - 1987`` -> both ends; ``1980s``,
    ``1980er``, ``années 1980`` -> the decade; ``ca. 1987``, ``circa``, ``~``,
    ``about``, ``etwa``, ``vers``, ``1987?`` -> widened by `APPROX_YEARS` years
    each side. ``(None, None)`` when nothing can be read.
    """
    text = " ".join(fold(raw).split())
    approx = _APPROX.match(text)
    is_approx = approx is not None or (text.endswith("?") and not text.endswith("??"))
    text = text[approx.end() :] if approx is not None else text.rstrip("?").rstrip()
    span: tuple[str, str] | None = None
    if decade := _DECADE.match(text):
        first = int(decade.group(1) or decade.group(2)) * 10
        span = (f"{first:04d}-01-01", f"{first + 9:04d}-12-31")
    elif years := _YEARS.match(text):
        span = _range(years.group(1), years.group(2), dayfirst)
    elif (single := _clean(text, dayfirst).value) is not None:
        span = _span(single)
    elif between := (_BETWEEN.match(text) or _DASHED.match(text)):
        span = _range(between.group(1), between.group(2), dayfirst)
    if span is None:
        return None, None
    if is_approx:
        span = (_shift(span[0], -APPROX_YEARS), _shift(span[1], APPROX_YEARS))
    if not (int(span[0][:4]) >= YEAR_MIN and int(span[1][:4]) <= YEAR_MAX):
        return None, None
    return span
