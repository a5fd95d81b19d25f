"""Arabic-script letters (Arabic, Persian, Dari, Pashto, Urdu, Sorani Kurdish) to Latin.

Internal to `mare.normalize.name`. ICU's Any-Latin leaves the Pashto and
Kurdish letters (ګ ټ ډ ړ ښ ږ ځ څ ې ۍ ێ ۆ ڵ ڕ ە) untouched and writes scholarly
marks (ḥ ʿ ạ); names need plain letters. Each letter is read from its Unicode
name: the base letter (``KAF`` in ``ARABIC LETTER KAF WITH RING``) gives the
sound unless the full name is listed in `_SPECIAL`. Short-vowel marks give
their vowel, shadda doubles the consonant, everything else is dropped. The
script writes no short vowels, so ``محمد`` is ``mhmd``: spelling variants are
the name matcher's business, not this module's.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_BASE = {
    "ALEF": "a", "BEH": "b", "TEH": "t", "THEH": "th", "JEEM": "j", "HAH": "h", "KHAH": "kh",
    "DAL": "d", "THAL": "dh", "REH": "r", "ZAIN": "z", "SEEN": "s", "SHEEN": "sh", "SAD": "s",
    "DAD": "d", "TAH": "t", "ZAH": "z", "AIN": "a", "GHAIN": "gh", "FEH": "f", "QAF": "q",
    "KAF": "k", "LAM": "l", "MEEM": "m", "NOON": "n", "HEH": "h", "WAW": "w", "YEH": "y",
    "PEH": "p", "TCHEH": "ch", "JEH": "zh", "GAF": "g", "KEHEH": "k", "VEH": "v", "TTEH": "t",
    "DDAL": "d", "RREH": "r", "HAMZA": "", "AE": "e", "E": "e", "OE": "o", "U": "u", "YU": "yu",
}  # fmt: skip
_SPECIAL = {
    "TEH MARBUTA": "a", "TEH MARBUTA GOAL": "a", "FARSI YEH": "y", "KAF WITH RING": "g",
    "YEH WITH SMALL V": "e", "YEH WITH TAIL": "ai", "HAH WITH HAMZA ABOVE": "dz",
    "HAH WITH THREE DOTS ABOVE": "ts", "REH WITH DOT BELOW AND DOT ABOVE": "zh",
    "SEEN WITH DOT BELOW AND DOT ABOVE": "sh", "HIGH HAMZA": "", "DOTLESS BEH": "b",
}  # fmt: skip
_MARKS = {
    "\u064b": "an", "\u064c": "un", "\u064d": "in", "\u064e": "a", "\u064f": "u",
    "\u0650": "i", "\u0670": "a",
}  # fmt: skip
_SHADDA = "\u0651"
# Letters that only Persian, Dari, Pashto, Urdu or Kurdish write (peh, tcheh,
# jeh, gaf, keheh, Farsi yeh): where they appear, the Arabic emphatics and
# interdentals are read the Persian way (``رضایی`` is Rezaei, not Rdayy).
_PERSIAN_ONLY = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc")
_PERSIAN_READING = {"DAD": "z", "THAL": "z", "ZAH": "z", "THEH": "s"}
_RANGES = ((0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900))


_ANY_ARABIC = re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi - 1:04x}" for lo, hi in _RANGES) + "]")


def has_arabic(text: str) -> bool:
    """Whether any letter of ``text`` is in the Arabic blocks (one compiled scan)."""
    return _ANY_ARABIC.search(text) is not None


def is_arabic(ch: str) -> bool:
    """Whether ``ch`` is in the Arabic blocks (after NFKC, which folds presentation forms)."""
    cp = ord(ch)
    return any(lo <= cp < hi for lo, hi in _RANGES)


@cache
def _letter(ch: str, persian: bool = False) -> str:
    if ch in _MARKS:
        return _MARKS[ch]
    name = unicodedata.name(ch, "")
    if not name.startswith("ARABIC LETTER "):
        return ""  # marks, tatweel, signs; Arabic digits are folded before
    rest = name.removeprefix("ARABIC LETTER ")
    if rest in _SPECIAL:
        return _SPECIAL[rest]
    base = rest.split(" ")[0]
    if persian and rest in _PERSIAN_READING:
        return _PERSIAN_READING[rest]
    return _BASE.get(base, base[:1].lower())


def to_latin(text: str) -> str:
    """Transliterate the Arabic-script letters of ``text``; other characters stay."""
    out: list[str] = []
    persian = not _PERSIAN_ONLY.isdisjoint(text)
    consonant = -1  # index in ``out`` of the last letter, which shadda doubles
    for ch in text:
        if ch == _SHADDA:
            if consonant >= 0:
                out.insert(consonant + 1, out[consonant])
        elif ch == "\u200c":  # zero-width non-joiner inside Persian names
            continue
        elif ch == "\u060c":
            out.append(",")
        elif is_arabic(ch):
            if ch not in _MARKS:
                consonant = len(out)
            out.append(_letter(ch, persian))
        else:
            out.append(ch)
    return "".join(out)
