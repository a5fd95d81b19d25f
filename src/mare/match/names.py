"""Person names compared across scripts and transliterations.

A name in any script is first brought to Latin ASCII by the name normaliser.
Its tokens are then canonicalised for the Arabic naming conventions that
transliterations write many ways: the article (``al-``, ``el-``, ``ul-``)
is dropped, ``Abd al-Rahman`` / ``Abdel Rahman`` / ``Abdurrahman`` become one
token, and the connectors ``bin``/``ibn``/``ben``/``bint``/``ould`` are
dropped. Each token then gets a consonant **skeleton**: vowels, and ``w``/``y``
inside a word, carry little of an Arabic, Persian or Ethiopic name (the
scripts write short vowels rarely), so ``محمد``, ``Mohamed`` and ``Muhammad``
all become ``mhmd``. Skeletons are the blocking keys; the comparison aligns
tokens in any order, so swapped and missing middle names cost little.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler, Levenshtein

from mare.normalize import name as names

CONNECTORS = frozenset({"bin", "ibn", "ben", "bn", "bint", "bent", "ould", "ibnu", "binti"})
ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_ABD = re.compile(r"^abd(?:ul|el|al|ol|il|u|e|a|o)?(.*)$")
# Sun-letter assimilation after the article: Abdur-Rahman, Abdus-Salam, Abdul-Latif.
_ASSIMILATED = re.compile(r"^(?:al|el|ul|ur|ar|er|as|us|es|at|ut|an|un|az|uz|ad|ud|ash)?(.+)$")
_DIGRAPHS = (
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("dj", "j"),
    ("zh", "j"),
    ("ou", "u"),
    ("ee", "i"),
)
_LETTERS = str.maketrans({"q": "k", "c": "k", "v": "f", "x": "ks", "p": "b", "g": "j"})
_VOWELS = re.compile(r"(?<!^)[aeiouyw]|^[aeiou]")
_REPEAT = re.compile(r"(.)\1+")


def _merge_abd(tokens: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        match = _ABD.match(token)
        if match:
            rest = match.group(1)
            if not rest and index + 1 < len(tokens):
                index += 1
                rest = tokens[index]
                if rest in ARTICLES and index + 1 < len(tokens):
                    index += 1
                    rest = tokens[index]
            if rest:
                tail = _ASSIMILATED.match(rest)
                rest = tail.group(1) if tail and len(tail.group(1)) > 2 else rest
                token = "abd" + rest
        out.append(token)
        index += 1
    return out


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Canonical Latin tokens of a person name in any script."""
    ascii_form = names.clean(text).extra.get("ascii", "")
    raw = [t for t in re.split(r"[^a-z0-9]+", ascii_form) if t]
    raw = [t for t in raw if t not in CONNECTORS]
    merged = _merge_abd(raw)
    return tuple(t for t in merged if t not in ARTICLES)


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonant skeleton of one canonical token (``mohamed`` -> ``mhmd``)."""
    text = token
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    text = text.translate(_LETTERS)
    text = _VOWELS.sub("", text)
    return _REPEAT.sub(r"\1", text)


def skeletons(text: str) -> tuple[str, ...]:
    return tuple(s for s in (skeleton(t) for t in tokens(text)) if s)


def keys(text: str) -> set[str]:
    """Blocking keys of a name: the skeleton of each token of two letters or more."""
    return {f"n:{s}" for s in skeletons(text) if len(s) >= 2}


TOKEN_FLOOR = 0.5  # below this, two skeletons are different names, not variants


def _token_similarity(a: tuple[str, str], b: tuple[str, str]) -> float:
    """Similarity of two (token, skeleton) pairs: the better of the skeletons'
    edit similarity (transliteration variants) and the tokens' Jaro-Winkler
    (typos that change a consonant, such as ``adamx`` for ``adam``)."""
    if a[1] == b[1] or a[0] == b[0]:
        return 1.0
    left, right = a[0], b[0]
    if left.startswith("abd") and right.startswith("abd"):
        left, right = left[3:], right[3:]  # "Abd al-" names differ in what follows
    similarity = max(
        float(Levenshtein.normalized_similarity(a[1], b[1])),
        float(JaroWinkler.similarity(left, right)) if left[:1] == right[:1] else 0.0,
    )
    return similarity if similarity >= TOKEN_FLOOR else 0.0


def compare(left: str, right: str) -> float:
    """Similarity 0..1 of two person names, order-insensitive, across scripts.

    Tokens are aligned greedily by skeleton similarity; the score is the mean
    similarity over the shorter name's tokens, discounted a little for every
    unmatched token of the longer name (a missing middle name costs little, a
    different family name a lot).
    """
    a, b = _parts(left), _parts(right)
    if not a or not b:
        return 0.0
    whole = _joined(a, b)
    if len(a) > len(b):
        a, b = b, a
    pairs = sorted(
        ((_token_similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    total = 0.0
    for score, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        total += score
    extra = len(b) - len(a)
    return max(whole, total / len(a) - 0.05 * extra, 0.0)


def _parts(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((t, s) for t in tokens(text) if (s := skeleton(t)))


def _joined(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> float:
    """Similarity of the whole names written without spaces, in their own order
    (a name split or merged differently: ``isabe lla`` / ``isabella``)."""
    if len(a) == len(b):
        return 0.0  # token alignment already covers same-length names
    left = "".join(s for _, s in a)
    right = "".join(s for _, s in b)
    similarity = float(Levenshtein.normalized_similarity(left, right))
    return similarity if similarity >= 0.85 else 0.0
