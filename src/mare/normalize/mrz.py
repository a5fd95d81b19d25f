"""ICAO 9303 machine readable zones: TD1, TD2, TD3 and the MRV-A/MRV-B visas.

Written from the standard (Doc 9303 parts 3 to 7). Formats are told apart by
the line count and width: 3×30 TD1, 2×36 TD2 (MRV-B when the first character
is ``V``), 2×44 TD3 (MRV-A when ``V``).

Tolerated in the input: surrounding whitespace and blank lines, lower case,
``«`` (a common OCR reading) and spaces in place of the filler ``<`` (trailing
spaces count as fillers up to the width of the longest line), Windows line
ends, and the lines run together on one line (90, 72 or 88 characters). Not
tolerated, raised as `RecordError`: other line counts or widths, lines of
unequal width, characters outside ``A-Z 0-9 <``. OCR letter
and digit confusions (``O``/``0``) are *not* corrected: a wrong character
shows as a failed check, which is what an analyst must see.

Check digits: weights 7, 3, 1 repeating over the characters' values (``<`` 0,
digits as is, ``A``–``Z`` 10–35), sum modulo 10. TD1 and TD2 document numbers
longer than 9 characters continue in the optional data (part 5 §4.2.4): the
check-digit position holds ``<`` and the optional data starts with the rest
of the number and its check digit. Birth dates get the century that does not
put them after ``today``; expiry dates are 20yy unless that is more than
`EXPIRY_YEARS_AHEAD` years after ``today`` (no document is valid that long;
old records hold 1990s expiries). Unknown date parts (``<<``) give partial ISO
dates (``1974``, ``1974-08``).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from mare.errors import RecordError
from mare.normalize import country as _country
from mare.normalize import document as _document
from mare.normalize.cleaned import Cleaned

EXPIRY_YEARS_AHEAD = 50
_WIDTHS = {(3, 30): "TD1", (2, 36): "TD2", (2, 44): "TD3"}
_RUN_TOGETHER = {90: (3, 30), 72: (2, 36), 88: (2, 44)}
_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_FIRST_CHARS = {"TD1": "ACI", "TD2": "ACI", "TD3": "P", "MRVA": "V", "MRVB": "V"}


@dataclass(frozen=True)
class Mrz:
    """A parsed MRZ. Dates are ISO (possibly partial), countries alpha-3 as written
    in the MRZ plus alpha-2 (``None`` when the code names no country)."""

    format: str
    document_code: str
    issuing_state: str
    issuing_country: str | None
    surname: str
    given_names: str
    document_number: str
    nationality: str
    nationality_country: str | None
    birth_date: str | None
    sex: str | None
    expiry_date: str | None
    optional_data: tuple[str, ...]
    checks: dict[str, bool]
    valid: bool
    errors: list[str]
    lines: tuple[str, ...]


def _value(ch: str) -> int:
    if ch == "<":
        return 0
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    raise ValueError(f"{ch!r} cannot appear in an MRZ")


def check_digit(s: str) -> int:
    """The ICAO 9303 check digit of ``s`` (weights 7, 3, 1; ``<`` counts 0).

    Raises `ValueError` for characters outside ``A-Z 0-9 <``.
    """
    return sum(_value(ch) * (7, 3, 1)[i % 3] for i, ch in enumerate(s)) % 10


def _lines(text: str) -> tuple[str, tuple[str, ...]]:
    """The format and the normalised lines, or `RecordError`."""
    cleaned = text.upper().replace("«", "<").replace("\r", "").replace("\t", " ")
    raw = [line.lstrip() for line in cleaned.split("\n") if line.strip()]
    lines = [line.rstrip().replace(" ", "<") for line in raw]
    width = max((len(line) for line in lines), default=0)
    # Trailing spaces standing for fillers: pad when there were enough of them.
    lines = [
        line.ljust(width, "<") if len(line) < width <= len(full) else line
        for line, full in zip(lines, raw, strict=True)
    ]
    if len(lines) == 1 and len(lines[0]) in _RUN_TOGETHER:
        count, width = _RUN_TOGETHER[len(lines[0])]
        lines = [lines[0][i * width : (i + 1) * width] for i in range(count)]
    widths = sorted({len(line) for line in lines})
    shape = (len(lines), widths[0]) if len(widths) == 1 else None
    if shape not in _WIDTHS:
        found = "/".join(str(len(line)) for line in lines) or "no"
        raise RecordError(
            f"MRZ has {len(lines)} lines of {found} characters; "
            "expected 3×30 (TD1), 2×36 (TD2, MRV-B) or 2×44 (TD3, MRV-A)",
            field="mrz",
        )
    for number, line in enumerate(lines, 1):
        for position, ch in enumerate(line, 1):
            if ch not in _ALLOWED:
                reason = f"MRZ line {number} position {position}: invalid character {ch!r}"
                raise RecordError(reason, field="mrz")
    fmt = _WIDTHS[shape]
    if fmt != "TD1" and lines[0][0] == "V":
        fmt = "MRVA" if fmt == "TD3" else "MRVB"
    return fmt, tuple(lines)


def _check(label: str, field: str, digit: str, errors: list[str], filler_ok: bool = False) -> bool:
    expected = check_digit(field)
    if digit == str(expected) or (filler_ok and digit == "<" and expected == 0):
        return True
    errors.append(f"{label} check digit is {digit}, expected {expected}")
    return False


def _date(label: str, field: str, birth: bool, today: date, errors: list[str]) -> str | None:
    yy, mm, dd = field[0:2], field[2:4], field[4:6]
    if yy == "<<":
        return None
    if not all(part.isdigit() or part == "<<" for part in (yy, mm, dd)):
        errors.append(f"{label} {field} is not a date")
        return None
    year = 2000 + int(yy)
    month = int(mm) if mm != "<<" else None
    day = int(dd) if dd != "<<" and month is not None else None
    if birth:  # not in the future
        future = (year, month or 1, day or 1) > (today.year, today.month, today.day)
    else:
        future = year > today.year + EXPIRY_YEARS_AHEAD
    year -= 100 if future else 0
    if month is not None and not 1 <= month <= 12:
        errors.append(f"{label} {field} is not a date")
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= monthrange(year, month)[1]:
        errors.append(f"{label} {field} is not a date")
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.rstrip("<").partition("<<")
    return " ".join(surname.split("<")), " ".join(given.replace("<", " ").split())


def _number(field: str, digit: str, optional: str) -> tuple[str, str, str, str]:
    """Number, the string its check digit covers, the check digit and the rest of
    the optional data (long TD1/TD2 numbers continue in the optional data)."""
    if digit == "<" and "<" not in field and optional[:1] not in ("", "<"):
        tail = optional.split("<", 1)[0]
        return field + tail[:-1], field + tail[:-1], tail[-1], optional[len(tail) :]
    return field.rstrip("<"), field, digit, optional


@dataclass(frozen=True, slots=True)
class _Fields:
    """Where a format keeps each field (dates with their check digit)."""

    name: str
    number: str
    covered: str  # what the document number check digit covers
    digit: str
    birth: str
    sex: str
    expiry: str
    nationality: str
    optional: tuple[str, ...]
    composite: tuple[str, str] | None
    optional_check: tuple[str, str] | None = None


def _td1(top: str, mid: str, bottom: str) -> _Fields:
    number, covered, digit, rest = _number(top[5:14], top[14], top[15:30])
    return _Fields(
        name=bottom,
        number=number,
        covered=covered,
        digit=digit,
        birth=mid[0:7],
        sex=mid[7],
        expiry=mid[8:15],
        nationality=mid[15:18],
        optional=(rest.strip("<"), mid[18:29].strip("<")),
        composite=(top[5:30] + mid[0:7] + mid[8:15] + mid[18:29], mid[29]),
    )


def _two_lines(fmt: str, top: str, low: str) -> _Fields:
    if fmt in ("MRVA", "MRVB"):  # visas: no composite, no long numbers
        number, covered, digit, rest = low[0:9].rstrip("<"), low[0:9], low[9], low[28:]
        composite = None
    else:
        end = 42 if fmt == "TD3" else 35
        number, covered, digit, rest = _number(low[0:9], low[9], low[28:end])
        composite = (low[0:10] + low[13:20] + low[21:-1], low[-1])
    return _Fields(
        name=top[5:],
        number=number,
        covered=covered,
        digit=digit,
        birth=low[13:20],
        sex=low[20],
        expiry=low[21:28],
        nationality=low[10:13],
        optional=(rest.strip("<"),),
        composite=composite,
        optional_check=(low[28:42], low[42]) if fmt == "TD3" else None,
    )


def parse(text: str, today: date | None = None) -> Mrz:
    """Parse and check an MRZ; structural faults raise `RecordError` (field ``mrz``)."""
    fmt, lines = _lines(text)
    today = today or date.today()
    f = _td1(*lines) if fmt == "TD1" else _two_lines(fmt, *lines)
    errors: list[str] = []
    checks = {"document_number": _check("document number", f.covered, f.digit, errors)}
    checks["birth_date"] = _check("birth date", f.birth[:6], f.birth[6], errors)
    checks["expiry_date"] = _check("expiry date", f.expiry[:6], f.expiry[6], errors)
    if f.optional_check is not None:
        field, digit = f.optional_check
        checks["optional_data"] = _check("optional data", field, digit, errors, filler_ok=True)
    if f.composite is not None:
        checks["composite"] = _check("composite", *f.composite, errors)
    top = lines[0]
    if top[0] not in _FIRST_CHARS[fmt]:
        errors.append(f"{fmt} document code {top[0:2]!r} should start with {_FIRST_CHARS[fmt]}")
    if f.sex not in ("M", "F", "X", "<"):
        errors.append(f"sex {f.sex!r} is not M, F, X or <")
    surname, given = _names(f.name)
    state, nationality = top[2:5].rstrip("<"), f.nationality.rstrip("<")
    birth = _date("birth date", f.birth[:6], True, today, errors)
    expiry = _date("expiry date", f.expiry[:6], False, today, errors)
    return Mrz(
        format=fmt,
        document_code=top[0:2].rstrip("<"),
        issuing_state=state,
        issuing_country=_country.from_alpha3(state),
        surname=surname,
        given_names=given,
        document_number=f.number,
        nationality=nationality,
        nationality_country=_country.from_alpha3(nationality),
        birth_date=birth,
        sex={"M": "M", "F": "F", "X": "X", "<": "X"}.get(f.sex),
        expiry_date=expiry,
        optional_data=f.optional,
        checks=checks,
        valid=not errors and all(checks.values()),
        errors=errors,
        lines=lines,
    )


def to_cleaned(m: Mrz) -> Cleaned:
    """The MRZ's document as a `Cleaned` of kind ``document``, valid only if every
    check passed; the reason lists what failed."""
    doc = _document.clean(m.document_number, m.issuing_country or m.issuing_state, m.document_code)
    extra = {**doc.extra, "mrz_format": m.format}
    failed = [name for name, ok in m.checks.items() if not ok]
    if failed:
        extra["failed_checks"] = ",".join(failed)
    original = "\n".join(m.lines)
    if m.valid and doc.valid and doc.value is not None:
        return Cleaned.ok(_document.KIND, original, doc.value, key=doc.key, extra=extra)
    reasons = [*m.errors, *([doc.reason] if doc.reason else [])]
    reason = "; ".join(reasons) or "invalid MRZ"
    return Cleaned.invalid(
        _document.KIND, original, reason, value=doc.value, key=doc.key, extra=extra
    )
