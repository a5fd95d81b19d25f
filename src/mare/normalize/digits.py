"""Digits of every script folded to ASCII, and the separators people type."""

from __future__ import annotations

import unicodedata

# Unicode decimal digits of any script (Arabic-Indic, Persian, Devanagari,
# Bengali, fullwidth, ...) map to their ASCII digit.
_TABLE: dict[int, str] = {}
for _cp in range(0x80, 0x20000):
    _ch = chr(_cp)
    if _ch.isdecimal() and not _ch.isascii():
        _TABLE[_cp] = str(unicodedata.decimal(_ch))

# Punctuation that appears inside identifiers typed by people or OCR.
SEPARATORS = " \t\u00a0\u2007\u202f-\u2010\u2011\u2012\u2013\u2014\u2212./_()[]·"


def ascii_digits(text: str) -> str:
    """Replace decimal digits of any script with ASCII ``0``–``9``."""
    return text.translate(_TABLE)


def strip_separators(text: str) -> str:
    """Remove spaces, dashes, dots, slashes and brackets."""
    return "".join(ch for ch in text if ch not in SEPARATORS)
