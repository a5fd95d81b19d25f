"""Names of things, vessels and organisations, brought to comparable words and numbers.

A name in any script is brought to lower-case ASCII by the project's name
normaliser (`mare.normalize.name`). Then:

- a vessel name loses its class prefix (``M/V``, ``MV``, ``MY``, ``F/V``,
  ``SS``, ...: rigour's `remove_obj_prefixes` and the prefixes it lacks);
- an organisation name loses its legal forms (``LLC``, ``L.L.C.``, ``GmbH``,
  ``ООО``, read by rigour's org-type table, which also gives their generic
  form, so ``S.A.R.L.`` and ``LLC`` are both ``llc``), its leading article,
  and words that only say it is a company (``Company``, ``Co``, ``شركة``);
- the Arabic article is dropped (``al``, ``el``, and ``al-``/``wal-``/``lil-``
  written onto a word transliterated from Arabic script);
- numbers are kept apart from words, Roman numerals read as numbers
  (``Sea Star II`` has the number 2): ``Sea Star 2`` and ``Sea Star 3`` are
  different vessels, ``Star 1 Holding`` and ``Star 2 Holding`` different
  companies.

`similarity` compares the words (in any order, or written together), and
also their consonant skeletons when the two names were written in different
scripts, since transliteration writes vowels many ways (``alnwr``/``noor``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rigour.names import extract_org_types, remove_obj_prefixes, remove_org_prefixes
from rigour.names import remove_org_types as _remove_org_types

from mare.normalize import name as names

# Vessel-class prefixes rigour's list lacks, as lower-case ASCII word sequences.
VESSEL_PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "m v", "mv", "m t", "mt", "m y", "my", "f v", "fv", "mfv", "m s", "ms", "s y",
        "sy", "r v", "rv", "ss", "the", "motor vessel", "motor yacht", "fishing vessel",
    )
)  # fmt: skip
ARTICLES = frozenset({"al", "el", "ul", "the"})
# Words that only say an organisation is one (legal forms are rigour's).
ORG_WORDS = frozenset(
    {"co", "company", "corp", "corporation", "and", "of", "for", "shrka", "shrkt", "sharika"}
)
_ARABIC_PREFIX = re.compile(r"^(?:wal|al|ll|el)(?=[a-z]{2,})")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_SKELETON_DROP = re.compile(r"(?<!^)[aeiouyhw]")
_REPEAT = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class Parts:
    """A name as words, numbers and (organisations) generic legal forms."""

    words: tuple[str, ...] = ()
    numbers: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    latin: bool = True
    written: str = ""  # the words with their articles, written together (``alamal``)

    @property
    def compact(self) -> str:
        """The words and numbers written together (``seastar2``)."""
        return "".join(self.words) + "".join(sorted(self.numbers))


def _roman(token: str) -> int | None:
    if not token or not _ROMAN.match(token):
        return None
    values = [_ROMAN_VALUES[c] for c in token]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _split(tokens: list[str], latin: bool) -> tuple[tuple[str, ...], frozenset[str]]:
    """Words and numbers; a Roman numeral counts as a number after another word."""
    words: list[str] = []
    numbers: set[str] = set()
    for index, token in enumerate(tokens):
        if token.isdigit():
            numbers.add(token.lstrip("0") or "0")
            continue
        roman = _roman(token) if index > 0 else None
        if roman is not None and (len(token) > 1 or index == len(tokens) - 1):
            numbers.add(str(roman))
            continue
        if not latin:
            token = _ARABIC_PREFIX.sub("", token)
        if token not in ARTICLES:
            words.append(token)
    return tuple(words), frozenset(numbers)


def _written(tokens: list[str]) -> str:
    """The words as written, articles kept, without numbers, spaces or hyphens: so
    ``Al Amal``, ``Al-Amal`` and ``Alamal`` are one name."""
    return "".join(t for t in tokens if not t.isdigit() and _roman(t) is None)


def _ascii(text: str) -> tuple[str, bool]:
    cleaned = names.clean(text)
    return cleaned.extra.get("ascii", ""), cleaned.extra.get("script") in ("Latin", "Unknown")


def _drop_prefixes(tokens: list[str], prefixes: tuple[tuple[str, ...], ...]) -> list[str]:
    changed = True
    while changed:
        changed = False
        for prefix in prefixes:
            size = len(prefix)
            if len(tokens) > size and tuple(tokens[:size]) == prefix:
                tokens = tokens[size:]
                changed = True
    return tokens


@lru_cache(maxsize=65536)
def vessel(raw: str) -> Parts:
    """A vessel name without its class prefix, as words and numbers."""
    text, latin = _ascii(remove_obj_prefixes(raw.strip()) or raw)
    tokens = _drop_prefixes(text.split(), VESSEL_PREFIXES)
    words, numbers = _split(tokens, latin)
    return Parts(words, numbers, frozenset(), latin, _written(tokens))


@lru_cache(maxsize=65536)
def organisation(raw: str) -> Parts:
    """An organisation name without legal forms and company words, with its generic
    legal forms apart."""
    folded = " ".join(unicodedata.normalize("NFKC", raw).casefold().split())
    forms = frozenset(target for _, target in extract_org_types(folded, generic=True))
    core = " ".join(_remove_org_types(folded, replacement=" ").split()) or folded
    text, latin = _ascii(remove_org_prefixes(core) or core)
    tokens = text.split()
    words, numbers = _split(tokens, latin)
    kept = tuple(w for w in words if w not in ORG_WORDS) or words
    return Parts(kept, numbers, forms, latin, _written(tokens))


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A word's consonant skeleton: first letter, then consonants (``noor`` -> ``nr``)."""
    return _REPEAT.sub(r"\1", _SKELETON_DROP.sub("", word))


def _words_similarity(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    a, b = " ".join(left), " ".join(right)
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


def similarity(left: Parts, right: Parts) -> float:
    """Similarity 0..1 of two names' words, order-insensitive; a number on one side
    only keeps two names from being the same (at most 0.9)."""
    if not left.words or not right.words:
        return 0.0
    found = _words_similarity(left.words, right.words)
    if left.written and right.written:
        found = max(found, fuzz.ratio(left.written, right.written))
    if left.latin != right.latin or not left.latin:
        sa = tuple(skeleton(w) for w in left.words)
        sb = tuple(skeleton(w) for w in right.words)
        found = max(found, _words_similarity(sa, sb))
    value = found / 100.0
    if left.numbers != right.numbers:
        value = min(value, 0.9)
    return value


def numbers_differ(left: Parts, right: Parts) -> bool:
    """Both names carry numbers, and not the same ones (``Sea Star 2`` / ``Sea Star 3``)."""
    return bool(left.numbers and right.numbers and left.numbers != right.numbers)


def _key_token(word: str) -> str:
    """A word's skeleton, or the word itself when the skeleton is one letter (``sea``)."""
    found = skeleton(word)
    return found if len(found) >= 2 else word if len(word) >= 2 else ""


def keys(prefix: str, parts: Parts, limit: int = 6) -> set[str]:
    """Blocking keys of a name: each word's skeleton (``<prefix>n:slvtr``; a short
    word's skeleton may be the word: ``<prefix>n:sea``), every pair
    of the first `limit` words' skeletons (``<prefix>p:sr|str``) and the name written
    together with its numbers (``<prefix>w:seastar2``), also with its articles
    (``Al Baraka`` meets ``Albaraka``)."""
    skeletons = sorted({_key_token(w) for w in parts.words} - {""})
    out = {f"{prefix}n:{s}" for s in skeletons}
    head = skeletons[:limit]
    out.update(f"{prefix}p:{a}|{b}" for i, a in enumerate(head) for b in head[i + 1 :])
    if parts.compact:
        out.add(f"{prefix}w:{parts.compact}")
    if parts.written:
        out.add(f"{prefix}w:{parts.written}{''.join(sorted(parts.numbers))}")
    return out
