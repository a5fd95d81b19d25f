"""Person and organisation names in any script.

The value is the display form: NFKC, whitespace collapsed, original script.
``extra`` carries ``script`` (the dominant Unicode script of the letters:
Latin, Arabic, Cyrillic, Ethiopic, Greek, Han, Hebrew, ...), ``latin`` (the
name in Latin letters: Latin names as written, Cyrillic, Greek, Armenian and
Georgian through rigour's transliteration, Arabic-script names through
`_arabic` (which handles Persian, Pashto and Kurdish letters), other scripts
through ICU via normality, scholarly marks removed; transliterated words
left all lower-case, as caseless scripts give them, are capitalised) and
``ascii`` (lower-case ASCII, punctuation removed, whitespace collapsed).

A name is invalid when nothing is left, when it has no letters (``12345``,
``--``) or is a placeholder (``unknown``, ``N/A``, ``NN``, ``XXX``). Names are
not identifiers: the key is always ``None``.

`compare` is a *baseline* (token-sort Levenshtein ratio of the ASCII forms,
as rapidfuzz's ``token_sort_ratio`` but on rigour's Levenshtein); the name
matcher will replace it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

import normality
from rigour.names import remove_org_prefixes, remove_person_prefixes, tokenize_name
from rigour.text import is_nullword, levenshtein
from rigour.text.scripts import codepoint_script
from rigour.text.translit import ascii_text, maybe_ascii, should_ascii

from mare.normalize._arabic import has_arabic, to_latin
from mare.normalize.cleaned import Cleaned

KIND = "name"
UNKNOWN_SCRIPT = "Unknown"
_PLACEHOLDERS = frozenset(
    {
        *("nn", "n n", "unknown", "unbekannt", "inconnu", "sconosciuto", "desconocido"),
        *("bilinmiyor", "неизвестно", "مجهول", "نامعلوم", "x", "xx", "xxx", "na", "n a"),
        *("none", "null", "nil", "test", "fnu", "lnu"),  # FNU/LNU: first/last name unknown
    }
)
# Letters ICU writes that are not plain Latin even after accents are removed.
_LETTERS = str.maketrans(
    {"ǝ": "e", "ə": "e", "ʿ": "", "ʾ": "", "ʼ": "", "ı": "i", "ø": "o", "ß": "ss", "æ": "ae"}
)
_NOT_ALNUM = re.compile(r"[\W_]+")
_LATIN_OK = frozenset({"Latin", "Common", "Inherited"})


def _display(raw: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", raw).split())


@lru_cache(maxsize=65536)
def script_of(text: str) -> str:
    """The Unicode script of most letters in ``text`` (``Unknown`` when it has none)."""
    counts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            script = codepoint_script(ord(ch))
            if script not in (None, "Common", "Inherited", "Unknown"):
                counts[script] += 1
    return counts.most_common(1)[0][0] if counts else UNKNOWN_SCRIPT


def _plain(text: str) -> str:
    """Accents and scholarly marks off; letters that remain non-ASCII via normality."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if kept.isascii():
        return kept
    return "".join(ch if ch.isascii() else normality.ascii_text(ch).strip("?") for ch in kept)


def _is_latin(text: str) -> bool:
    return text.isascii() or all(
        ch.isascii() or codepoint_script(ord(ch)) in _LATIN_OK for ch in text
    )


def _latin(display: str) -> str:
    text = to_latin(display) if has_arabic(display) else display
    if _is_latin(text):
        latin = text  # Latin names keep their diacritics
    elif should_ascii(text):
        latin = maybe_ascii(text)
    else:
        latin = _plain(normality.latinize_text(text))
    latin = " ".join(latin.split())
    if latin != display:  # words from caseless scripts come out lower-case
        latin = " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in latin.split())
    return latin


def _ascii(latin: str) -> str:
    return " ".join(_NOT_ALNUM.sub(" ", ascii_text(latin).lower()).split())


@lru_cache(maxsize=65536)
def _clean(raw: str) -> Cleaned:
    display = _display(raw)
    if not display:
        return Cleaned.invalid(KIND, raw, "empty")
    if not any(ch.isalpha() for ch in display):
        extra = {"script": UNKNOWN_SCRIPT, "latin": "", "ascii": ""}
        return Cleaned.invalid(KIND, raw, "not a name (no letters)", value=display, extra=extra)
    latin = _latin(display)
    folded = _ascii(latin)
    extra = {"script": script_of(display), "latin": latin, "ascii": folded}
    if _PLACEHOLDERS & {folded, display.casefold()} or is_nullword(display, normalize=True):
        return Cleaned.invalid(KIND, raw, "placeholder", value=display, extra=extra)
    return Cleaned.ok(KIND, raw, display, extra=extra)


def clean(raw: str, kind: str = "person") -> Cleaned:
    """Normalise a name; ``kind`` (``person`` or ``organization``) only matters to `parts`."""
    return _clean(raw)


def validate(raw: str, kind: str = "person") -> bool:
    """Whether ``raw`` is usable as a name."""
    return _clean(raw).valid


@lru_cache(maxsize=65536)
def _parts(raw: str, kind: str) -> tuple[str, ...]:
    latin = _clean(raw).extra.get("latin", "")
    if kind == "person":
        latin = remove_person_prefixes(latin)
    elif kind in ("organization", "organisation", "company"):
        latin = remove_org_prefixes(latin)
    return tuple(t for t in (_ascii(tok) for tok in tokenize_name(latin)) if t)


def parts(raw: str, kind: str = "person") -> list[str]:
    """Lower-case ASCII name parts (titles such as ``Dr``/``Mr`` dropped for persons)."""
    return list(_parts(raw, kind))


@lru_cache(maxsize=65536)
def _compare(left: str, right: str) -> float:
    if not (_clean(left).valid and _clean(right).valid):
        return 0.0  # placeholders and non-names never match
    a, b = " ".join(sorted(_parts(left, ""))), " ".join(sorted(_parts(right, "")))
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return round(1.0 - levenshtein(a, b) / max(len(a), len(b)), 4)


def compare(left: str, right: str) -> float:
    """Baseline similarity of two names in 0..1 (token-sorted Levenshtein ratio)."""
    return _compare(left, right)
