"""Arabic-script names as matcher tokens, read from the script itself.

The name normaliser's Latin form (`mare.normalize._arabic`) is made for
reading; matching needs more of what the script says. Here each word keeps:

- which letters are read differently across the languages that write them:
  ``ض`` is d in Arabic and z in Persian (``رضا`` Reza), ``ظ`` z or dh
  (Kazem, Kadhim, Kathim), ``ذ`` dh or z, ``ث`` th or s (Othman, Osman), ``ق`` q or gh
  (Qorbani, Ghorbani). They are written as the upper-case placeholders of
  `AMBIGUOUS`, which `mare.match.spelling.readings` expands;
- where two letters must not be read as one: ``زهرا`` is z-h-r-a, not
  "zh"-r-a; a ``'`` between them stops the Latin digraph;
- the article ``ال`` at the start of a word (``الخطيب``), taken off;
- the long vowels (``ا``, ``و``, ``ي``) and what stands for a final vowel:
  ``ة``, ``ى`` and a final ``ه`` (Persian ``فاطمه`` Fatemeh) are ``a``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from mare.normalize import _arabic

AMBIGUOUS = {
    "D": ("d", "z"),
    "Z": ("z", "d", "th"),  # Kazim, Kadhim, Iraqi Kathim
    "X": ("dh", "z"),
    "T": ("th", "s"),
    "Q": ("q", "gh"),
}
_OWN = {
    "\u0636": "D",  # dad
    "\u0638": "Z",  # zah
    "\u0630": "X",  # thal
    "\u062b": "T",  # theh
    "\u0642": "Q",  # qaf
    "\u0639": "a",  # ain: silent or a vowel in Latin spellings
    "\u0621": "",  # hamza
    "\u0622": "a",  # alef with madda
    "\u0623": "a",
    "\u0625": "a",
    "\u0671": "a",  # alef wasla
    "\u0624": "w",
    "\u0626": "y",
    "\u0649": "a",  # alef maksura: Mustafa, Musa
    "\u0629": "a",  # teh marbuta
    "\u06c0": "a",  # heh with yeh above (Persian ezafe)
    "\u0681": "z",  # Pashto dze: Zadran
}
_DIGRAPH_STARTS = frozenset(
    {"kh", "gh", "sh", "ch", "th", "dh", "ph", "ck", "dj", "dz", "zh", "ts", "tz"}
)
_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u200c]+")
_ARTICLE = "\u0627\u0644"  # alef lam
_ALLAH = "\u0627\u0644\u0644\u0647"
_SHADDA = "\u0651"
# Letters only Sorani Kurdish writes; it writes every vowel (ە ێ ۆ وو ی).
_SORANI = frozenset("\u0695\u06b5\u06ce\u06c6\u06d5")


def writes_vowels(text: str) -> bool:
    """Whether ``text`` is in an Arabic-script alphabet that writes its vowels (Sorani)."""
    return not _SORANI.isdisjoint(text)


def _letters(word: str, persian: bool) -> list[str]:
    out: list[str] = []
    last = len(word) - 1
    for index, ch in enumerate(word):
        if ch == _SHADDA or ch == "\u200c":
            continue
        if ch == "\u0647" and index == last and index >= 2:
            out.append("a")  # a final heh is a vowel: Fatemeh, Zohreh
        elif ch in "\u06cc\u064a" and index == last - 1 and word[last] == "\u0670":
            out.append("a")  # yeh with a dagger alef: Mustafa
        elif ch == "\u0626" and index == 0:
            continue  # a word-initial yeh with hamza carries the first vowel (Kurdish ئازاد)
        elif ch in _OWN:
            out.append(_OWN[ch])
        elif _arabic.is_arabic(ch):
            out.append(_arabic._letter(ch, persian))
    return [x for x in out if x]


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[tuple[str, str], ...]:
    """(token, word as written) for each Arabic-script word of ``text``."""
    display = unicodedata.normalize("NFKC", text)
    persian = not _arabic._PERSIAN_ONLY.isdisjoint(display)
    out: list[tuple[str, str]] = []
    for word in _WORD.findall(display):
        word = word.strip("\u200c")
        body = word
        if body.startswith(_ARTICLE) and len(body) > 3 and body != _ALLAH:
            body = body[2:]
        letters = _letters(body, persian)
        token = ""
        for piece in letters:
            if token and (token[-1] + piece[0]).lower() in _DIGRAPH_STARTS:
                token += "'"
            token += piece
        if token:
            out.append((token, word))
    return tuple(out)
