"""Reading day, month and year out of a date as people and police forms write it.

Internal to `mare.normalize.dates`: `parse` turns text into a `Parts` (year,
month, day, each ``None`` when unknown) or an error message. Month names come
from CLDR (babel) in the languages of the hub's sources, full and abbreviated,
accents and case ignored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale

from mare.normalize.digits import ascii_digits

_LOCALES = (
    *("en", "fr", "de", "de_AT", "it", "es", "pt", "nl", "sq", "ro", "pl", "hu", "sv", "el"),
    *("tr", "ru", "uk", "bg", "sr", "ar", "ar_SY", "ar_IQ", "fa", "ps", "ku", "ckb"),
    *("so", "ti", "am"),
)
_EXTRA_MONTHS = {"maerz": 3, "sept": 9, "jaenner": 1}
# Words that may sit between the parts of a date: ordinals ("1st", "1er", "1º"),
# prepositions ("12 de mayo de 1987"), "year" markers ("1987 г.", "١٩٨٧م").
_FILLERS = frozenset(
    {
        *("st", "nd", "rd", "th", "er", "e", "eme", "o", "a", "de", "del", "of", "the"),
        *("le", "la", "am", "den", "el", "di", "du", "im", "yil", "г", "года", "год", "م", "ad"),
    }
)
_TOKEN = re.compile(r"\d+|\?+|[^\W\d_]+")
_TIME = re.compile(r"(?:(?<=\d)t|\s+)\d{1,2}:\d{2}.*$")
_UNKNOWN = frozenset({"xx", "x", "xxxx", "??", "?"})
YEAR_MIN, YEAR_MAX = 1800, 2199
PIVOT = date.today().year % 100  # two-digit years up to this are 20yy, above 19yy


@dataclass(frozen=True, slots=True)
class Parts:
    """A date's year, month and day as read; ``None`` when unknown."""

    year: int
    month: int | None
    day: int | None
    two_digit_year: bool = False
    ambiguous: bool = False


def fold(text: str) -> str:
    """Digits to ASCII, case and accents off (also Arabic vowel and hamza marks)."""
    decomposed = unicodedata.normalize("NFKD", ascii_digits(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _months() -> tuple[dict[str, int], re.Pattern[str] | None]:
    table: dict[str, int] = dict(_EXTRA_MONTHS)
    for name in _LOCALES:
        months = Locale.parse(name).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, month in months[context][width].items():
                    table[fold(month).strip(". ")] = int(number)
    multi = sorted((word for word in table if " " in word), key=len, reverse=True)
    for word in multi:
        table[word.replace(" ", "")] = table[word]
    pattern = re.compile("|".join(re.escape(w) for w in multi)) if multi else None
    return table, pattern


def _year(token: str) -> tuple[int, bool] | None:
    if len(token) == 4:
        return int(token), False
    if len(token) == 2:
        yy = int(token)
        return (2000 + yy if yy <= PIVOT else 1900 + yy), True
    return None


def _number(token: str | int | None) -> int | None:
    """A day or month token: ``None`` when unknown (``00``, ``XX``, ``??``)."""
    if token is None or isinstance(token, int):
        return token or None
    return int(token) or None


def _tokens(text: str) -> list[str | int | None] | str:
    """Digit strings, month numbers (from names) and ``None`` for unknown parts."""
    months, multi = _months()
    text = _TIME.sub("", fold(text).strip())
    if multi is not None:
        text = multi.sub(lambda m: m.group(0).replace(" ", ""), text)
    out: list[str | int | None] = []
    for token in _TOKEN.findall(text):
        if token in _UNKNOWN or token.startswith("?"):
            out.append(None)
        elif token.isdigit():
            out.append(token)
        elif token in months:
            out.append(months[token])
        elif token not in _FILLERS:
            return f"unrecognised word {token!r}"
    return out


def _compact(token: str) -> Parts | str:
    if len(token) == 8:
        head = int(token[:4])
        if YEAR_MIN <= head <= YEAR_MAX and 1 <= int(token[4:6]) <= 12:
            return Parts(head, _number(token[4:6]), _number(token[6:]))
        return Parts(int(token[4:]), _number(token[2:4]), _number(token[:2]))
    if len(token) == 4:
        return Parts(int(token), None, None)
    return f"{len(token)}-digit number is not a date"


def _day_month(
    a: str | int | None, b: str | int | None, dayfirst: bool
) -> tuple[int | None, int | None, bool]:
    """Day, month and ambiguity of two leading tokens (names are months)."""
    if isinstance(a, int):
        return _number(b), a, False
    if isinstance(b, int):
        return _number(a), b, False
    first, second = _number(a), _number(b)
    if first is not None and second is not None and first <= 12 and second <= 12:
        ambiguous = first != second
        return (first, second, ambiguous) if dayfirst else (second, first, ambiguous)
    if (second or 0) > 12 and (first or 0) <= 12:
        return second, first, False
    return first, second, False


def parse(text: str, dayfirst: bool = True) -> Parts | str:
    """The parts of a date, or why it cannot be read."""
    tokens = _tokens(text)
    if isinstance(tokens, str):
        return tokens
    shape = "".join("y" if isinstance(t, str) and len(t) == 4 else "." for t in tokens)
    if not tokens:
        return "no date"
    if len(tokens) == 1:
        only = tokens[0]
        if only is None:
            return "no date"
        return _compact(only) if isinstance(only, str) else "a month alone is not a date"
    if shape[0] == "y" and len(tokens) <= 3:  # 1987-05-12, 1987/05, 1987 May 12
        rest = [*tokens[1:], None]
        month = rest[0] if isinstance(rest[0], int) else _number(rest[0])
        return Parts(int(str(tokens[0])), month, _number(rest[1]))
    last = tokens[-1]
    year = _year(last) if isinstance(last, str) else None
    if year is None:
        return "no year"
    if len(tokens) == 2:  # 05/1987, May 1987, May 87
        first = tokens[0]
        if isinstance(first, str) and year[1]:
            return "two numbers are not a date"
        month = first if isinstance(first, int) else _number(first)
        return Parts(year[0], month, None, year[1])
    if len(tokens) == 3:
        day, month, ambiguous = _day_month(tokens[0], tokens[1], dayfirst)
        return Parts(year[0], month, day, year[1], ambiguous)
    return "unrecognised date format"
