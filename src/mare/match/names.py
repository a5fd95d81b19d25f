"""Person names compared across scripts and transliterations, token by token.

A name in any script is first brought to Latin by the name normaliser. Its
tokens are then canonicalised for the naming conventions transliterations
write many ways: the article (``al-``, ``el-``) standing alone is dropped,
``Abd al-Rahman`` / ``Abdel Rahman`` / ``Abdurrahman`` become one token,
``Allah`` at the end of a name (``Abdullah``, ``Samiullah``, ``عبد الله``)
is written one way, the connectors ``bin``/``ibn``/``ben``/``bint``/``ould``
are dropped, and abbreviations (``Md``, ``Mohd``) are written out. Each
token remembers the script it came from (`spelling.Kind`), since that says
how much its vowels can be trusted.

`align` pairs the tokens of two names in any order (order swaps are
common), joining two tokens of one side where they are one token of the
other (``Mohammad Reza`` / ``Mohammadreza``, ``Abu Zaid`` / ``Abuzeid``).
Tokens left over on both sides are **conflicts** (another given name,
another father: strong evidence of another person); tokens left over on
one side only are **extra** (a father's or grandfather's name one partner
did not write). What each is worth is the person matcher's business.
Skeletons (`skeletons`) are the blocking keys.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from rigour.names import remove_person_prefixes
from rigour.text.translit import ascii_text

from mare.match import abjad, spelling
from mare.match.memo import memo
from mare.match.spelling import Kind, Level, readings, shape
from mare.match.spelling import skeleton as _skeleton
from mare.match.spelling import skeletons as _skeletons
from mare.normalize import name as names

CONNECTORS = frozenset(
    {"bin", "ibn", "ben", "bn", "bint", "bent", "ould", "ibnu", "binti", "walad"}
    | {"abn", "bnt", "wld"}  # ابن، بنت، ولد
)
ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
ABBREVIATIONS = {"md": "muhammad", "mohd": "muhammad", "muhd": "muhammad", "mhd": "muhammad"}
# Names whose Latin spellings hide a letter the script writes: عمرو (ʿAmr) ends
# in a silent waw that tells it from عمر (ʿUmar), so Amr, Amro, Amru are
# written as the waw is read (and meet عمرو, never عمر).
SPELLINGS = {"amr": "amru", "amro": "amru", "amrou": "amru"}
_ABD = re.compile(r"^abd(?:ul|el|al|ol|il|u|e|a|o)?(.*)$")
# Sun-letter assimilation after the article: Abdur-Rahman, Abdus-Salam, Abdul-Latif.
_ASSIMILATED = re.compile(r"^(?:al|el|ul|ur|ar|er|as|us|es|at|ut|an|un|az|uz|ad|ud|ash)?(.+)$")
_ALLAH = re.compile(r"[aeiou]?ll[aeiou]*h?$")
# Letters whose ASCII folding loses the sound (Turkish, Kurdish, Slavic, Romanian).
_SOUNDS = str.maketrans(
    {
        "ç": "ch", "ş": "sh", "ș": "sh", "ţ": "ts", "ț": "ts", "ž": "zh", "š": "sh", "č": "ch",
        "ć": "ch", "ı": "i", "ğ": "g", "ə": "e", "ǝ": "e", "ʿ": "", "ʾ": "", "ʼ": "", "'": "",
        "’": "", "‘": "", "`": "", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "dj", "ł": "l",
    }
)  # fmt: skip
_SPLIT = re.compile(r"[^a-z0-9]+")
_KINDS = {"Arabic": Kind.ABJAD, "Ethiopic": Kind.SYLLABIC, "Cyrillic": Kind.CYRILLIC}


# What follows Abd in Abdullah, Abdallah, Abdulla, Abdullahi, عبد الله
_ALLAH_REST = re.compile(r"^[aeiou]*ll?(?:[aeiou]+h?|h)[aeiou]*$")


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
            if rest and (_ALLAH_REST.match(rest) or _ALLAH_REST.match(token[3:])):
                token = "abdulla"
            elif rest:
                tail = _ASSIMILATED.match(rest)
                rest = tail.group(1) if tail and len(tail.group(1)) > 2 else rest
                token = "abd" + rest
        out.append(token)
        index += 1
    return out


def _allah(token: str) -> str:
    if token in ("allh", "allah", "alla", "ullah", "ulla", "ullo"):
        return "ulla"
    if len(token) > 5 and token.endswith(("llah", "llh", "ulla")):
        return _ALLAH.sub("ulla", token)
    return token


@dataclass(frozen=True, slots=True)
class Parsed:
    """A name's canonical tokens, each as written (for reasons), and the script's kind."""

    tokens: tuple[str, ...]
    shown: tuple[str, ...]
    kind: Kind


KUNYA = frozenset({"abu", "abou", "abo", "abw", "umm", "um", "oum", "om", "am"})
HONORIFICS = frozenset(
    {"hajji", "haji", "hadji", "hadj", "hajj", "haj", "mullah", "mulla", "molla"}
    | {"alhaj", "alhajj", "elhaj", "elhadj", "alhadj", "elhajj"}  # the article joined on
    | {"kak", "kaka"}  # Kurdish: brother, mister (Kak Azad, کاک ئازاد)
    | {"kaptan", "kapitan", "kapetan"}  # captain in Turkish, Slavic languages, Greek
)


def is_kunya(token: str) -> bool:
    """Whether a canonical token is a kunya (``abu'mahmoud``: father of Mahmoud), a
    by-name that is no given or family name of its bearer."""
    return token.startswith(("abu'", "umm'"))


def _kunya(raw: list[str]) -> list[str]:
    """``Abu Mahmoud`` and ``أبو محمود`` as one token ``abu'mahmoud``."""
    out: list[str] = []
    index = 0
    while index < len(raw):
        token = raw[index]
        if token in KUNYA and index + 1 < len(raw):
            mark = "umm" if token in ("umm", "um", "oum", "om", "am") else "abu"
            out.append(f"{mark}'{raw[index + 1]}")
            index += 2
            continue
        out.append(token)
        index += 1
    return out


def _canonical(raw: list[str], kind: Kind) -> list[str]:
    start = 0  # an honorific opens the name, perhaps after its article (El Hadj Omar)
    while len(raw) > start + 1 and raw[start] in ARTICLES:
        start += 1
    if len(raw) > start + 1 and raw[start] in HONORIFICS:
        raw = raw[start:]
        while len(raw) > 1 and raw[0] in HONORIFICS:
            raw = raw[1:]
    raw = _kunya([t for t in raw if t not in CONNECTORS])
    if kind is not Kind.ABJAD:
        raw = [ABBREVIATIONS.get(t, SPELLINGS.get(t, t)) for t in raw]
        raw = [t[1:] if t.startswith("cabd") else t for t in raw]  # Somali c is ʿayn
    merged = [_allah(t) for t in _merge_abd(raw) if t not in ARTICLES]
    # "Samiullah" is often written "Sami Ullah": the Allah part joins its name.
    out: list[str] = []
    for token in merged:
        if token == "ulla" and out:
            out[-1] = out[-1] + token
        else:
            out.append(token)
    return out


@memo(maxsize=262144)
def parse_name(text: str) -> Parsed:
    """A person name in any script, parsed for matching."""
    cleaned = names.clean(text)
    kind = _KINDS.get(cleaned.extra.get("script", ""), Kind.LATIN)
    if kind is Kind.ABJAD:
        found = abjad.words(text)
        tokens = _canonical([t for t, _ in found], kind)
        if abjad.writes_vowels(text):
            kind = Kind.SYLLABIC  # Sorani writes its vowels, Arabic does not: compare consonants
        shown = {t: w for t, w in found}
        return Parsed(tuple(tokens), tuple(shown.get(t, t) for t in tokens), kind)
    latin = remove_person_prefixes(cleaned.extra.get("latin", "")) or cleaned.extra.get("latin", "")
    folded = unicodedata.normalize("NFC", latin.lower()).translate(_SOUNDS)
    raw = [t for t in _SPLIT.split(ascii_text(folded).lower()) if t]
    tokens = _canonical(raw, kind)
    return Parsed(tuple(tokens), tuple(t.replace("'", " ") for t in tokens), kind)


def parse(text: str) -> tuple[tuple[str, ...], Kind]:
    """Canonical Latin tokens of a person name in any script, and the script's kind."""
    parsed = parse_name(text)
    return parsed.tokens, parsed.kind


def tokens(text: str) -> tuple[str, ...]:
    """Canonical Latin tokens of a person name in any script."""
    return parse(text)[0]


def full_key(text: str) -> str | None:
    """The count key of a whole name of two tokens or more, in any order
    (``f:ali mohamed``): how many held persons carry exactly this name."""
    found = sorted(set(tokens(text)))
    return f"f:{' '.join(found)}" if len(found) >= 2 else None


def skeleton(token: str, kind: Kind = Kind.LATIN) -> str:
    """Consonant skeleton of one canonical token (``mohamed`` -> ``mhmd``)."""
    return _skeleton(token, kind)


def skeletons(text: str) -> tuple[str, ...]:
    """The plain skeleton of each token of a name."""
    found, kind = parse(text)
    return tuple(s for s in (_skeleton(t, kind) for t in found) if s)


def token_keys(text: str) -> tuple[tuple[str, ...], ...]:
    """Per token, the skeletons of all its readings (the plain one first)."""
    found, kind = parse(text)
    return tuple(s for s in (_skeletons(t, kind) for t in found) if s)


def keys(text: str) -> set[str]:
    """Blocking keys of a name: every skeleton of two letters or more of every token."""
    return {f"n:{s}" for group in token_keys(text) for s in group if len(s) >= 2}


def _source_version() -> int:
    """A check of the code an analysis depends on: these modules and the
    name libraries' versions. An analysis stored by other code is not used."""
    from mare.normalize import _arabic

    digest = 0
    for source in (abjad.__file__, spelling.__file__, names.__file__, _arabic.__file__, __file__):
        digest = zlib.crc32(Path(str(source)).read_bytes(), digest)
    for package in ("rigour", "normality"):
        digest = zlib.crc32(version(package).encode(), digest)
    return digest


ANALYSIS = _source_version()

# A stored analysis: [ANALYSIS, [name, kind, tokens, shown], ...,
# [token, kind, readings, [[skeleton, [slots, ...]], ...]], ...]
Analysis = list[Any]


def analysis(texts: Iterable[str]) -> Analysis:
    """What matching works out of these names, to store with their record:
    each name parsed, and the readings and skeletons of each of its tokens,
    of each two adjacent tokens written as one (`align` tries them against
    one token of the other name) and, for an ``Abd`` token, of what follows
    ``Abd`` (its comparisons use that)."""
    parsed: list[Any] = []
    tokens: dict[tuple[str, Kind], None] = {}
    for text in texts:
        found = parse_name(text)
        parsed.append([text, int(found.kind), found.tokens, found.shown])
        joined = [a + b for a, b in zip(found.tokens, found.tokens[1:], strict=False)]
        for token in (*found.tokens, *joined):
            tokens[(token, found.kind)] = None
            if token.startswith("abd") and len(token) > 4:
                tokens[(token[3:], found.kind)] = None
    words: list[Any] = []
    for token, kind in tokens:
        shaped = spelling.shapes(token, kind)
        words.append([token, int(kind), readings(token, kind), list(shaped.items())])
    return [ANALYSIS, parsed, words]


def prime(stored: Analysis) -> None:
    """Put a stored `analysis` into the caches of `parse_name`,
    `spelling.readings` and `spelling.shapes`, unless other code made it."""
    if not stored or stored[0] != ANALYSIS:
        return
    _, parsed, words = stored
    for text, kind, found, shown in parsed:
        if not parse_name.known((text,)):
            parse_name.prime((text,), Parsed(tuple(found), tuple(shown), Kind(kind)))
    for token, kind_, found, shaped in words:
        kind = Kind(kind_)
        if spelling.shapes.known((token, kind)):
            continue
        spelling.prime_token(
            token,
            kind,
            tuple(found),
            {skeleton_: tuple(tuple(s) for s in slots) for skeleton_, slots in shaped},
        )


def compare_tokens(a: str, ka: Kind, b: str, kb: Kind) -> Level:
    """`spelling.level`, with ``Abd al-`` names compared on what follows ``Abd``."""
    return _compare(a, ka, b, kb)[0]


# ``Abdul`` or ``Abdel`` alone: what a phone book or a witness keeps of an
# Abd- name (Abdul Kadir, Abdelkarim). Against one, it is like an initial.
BARE_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdil"})


@lru_cache(maxsize=262144)
def _compare(a: str, ka: Kind, b: str, kb: Kind) -> tuple[Level, str]:
    if (a in BARE_ABD and b.startswith("abd") and len(b) > 5) or (
        b in BARE_ABD and a.startswith("abd") and len(a) > 5
    ):
        return Level.INITIAL, ""
    if a.startswith("abd") and b.startswith("abd") and len(a) > 4 and len(b) > 4:
        found, skeleton = spelling.compare(a[3:], ka, b[3:], kb)
        return found, "bd" + skeleton if skeleton else ""
    found, skeleton = spelling.compare(a, ka, b, kb)
    if found < Level.TYPO and (_short_form(a, ka, b, kb) or _short_form(b, kb, a, ka)):
        return Level.TYPO, ""
    return found, skeleton


def _short_form(full: str, kf: Kind, short: str, ks: Kind) -> bool:
    """Whether ``short`` is ``full`` without its closing ``-ullah`` (Najib for
    Najibullah, Habib for Habibullah): how such names are used day to day. It
    counts as an agreement, discounted like a slip of the pen."""
    if not full.endswith("ulla") or full.startswith("abd"):
        return False
    stem = full[: -len("ulla")]
    return len(stem) >= 3 and spelling.compare(stem, kf, short, ks)[0] >= Level.SAME


def _rarity_keys(
    found: Level, matched: str, ta: str, ka: Kind, tb: str, kb: Kind
) -> tuple[str, ...]:
    """The count keys whose share is the u of this agreement: the token as
    written for an exact one, the skeleton they agree under for a spelling
    variant, every skeleton of either side otherwise."""
    if found is Level.EXACT:
        return (f"t:{ta}",)
    if found is Level.SAME and matched:
        return (f"n:{matched}",)
    return tuple(f"n:{s}" for s in _skeletons(ta, ka) + _skeletons(tb, kb))


@dataclass(frozen=True, slots=True)
class Pair:
    """Tokens of the two names put side by side (joined tokens with a space)."""

    left: str
    right: str
    level: Level
    keys: tuple[str, ...]  # count keys whose greatest share is the agreement's u


@dataclass(frozen=True, slots=True)
class Alignment:
    """How two names line up: agreeing pairs, conflicting pairs and extra tokens."""

    agree: tuple[Pair, ...]
    conflict: tuple[Pair, ...]
    extra: tuple[str, ...]
    reordered: bool = False  # three or more agreeing tokens in another order

    def similarity(self) -> float:
        """A 0..1 summary: agreeing share of the tokens, extra ones counting a little."""
        grade = {Level.EXACT: 1.0, Level.SAME: 1.0, Level.TYPO: 0.85}
        total = sum(grade.get(p.level, 0.0) * _size(p) for p in self.agree)
        tokens = sum(_size(p) for p in (*self.agree, *self.conflict)) + 0.25 * len(self.extra)
        return round(total / tokens, 4) if tokens else 0.0

    def detail(self) -> str:
        """Readable: ``mohamed=محمد, ahmed~ahmad, khatib≈khateeb, +abdi, hassan≠hussein``."""
        marks = {Level.EXACT: "=", Level.SAME: "=", Level.TYPO: "≈"}
        parts = [f"{p.left}{marks.get(p.level, '~')}{p.right}" for p in self.agree]
        parts += [f"{p.left}≠{p.right}" for p in self.conflict]
        parts += [f"+{t}" for t in self.extra]
        if self.reordered:
            parts.append("in another order")
        return ", ".join(parts)


def _size(pair: Pair) -> int:
    return max(pair.left.count(" "), pair.right.count(" ")) + 1


@lru_cache(maxsize=131072)
def align(left: str, right: str) -> Alignment:
    """Line up the tokens of two names (see the module docstring).

    Tokens are paired best first; then two adjacent tokens left over on one
    side are tried as one against a token left over on the other."""
    pl, pr = parse_name(left), parse_name(right)
    a, ka, sa = pl.tokens, pl.kind, pl.shown
    b, kb, sb = pr.tokens, pr.kind, pr.shown
    options = sorted(
        (-int(found), i, j, found, matched)
        for i, ta in enumerate(a)
        for j, tb in enumerate(b)
        for found, matched in (_compare(ta, ka, tb, kb),)
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    agree: list[Pair] = []
    order: list[tuple[int, int]] = []
    for _, i, j, found, matched in options:
        if found < Level.TYPO:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        agree.append(Pair(sa[i], sb[j], found, _rarity_keys(found, matched, a[i], ka, b[j], kb)))
        order.append((i, j))
    if len(used_a) < len(a) and len(used_b) < len(b):
        for i, j, joined_left in _joins(a, ka, used_a, b, kb, used_b):
            if joined_left:
                shown_a, shown_b, token_a, token_b = (
                    f"{sa[i]} {sa[i + 1]}",
                    sb[j],
                    a[i] + a[i + 1],
                    b[j],
                )
                used_a.update((i, i + 1))
                used_b.add(j)
            else:
                shown_a, shown_b, token_a, token_b = (
                    sa[j],
                    f"{sb[i]} {sb[i + 1]}",
                    a[j],
                    b[i] + b[i + 1],
                )
                used_a.add(j)
                used_b.update((i, i + 1))
            found, matched = _compare(token_a, ka, token_b, kb)
            agree.append(
                Pair(
                    shown_a, shown_b, found, _rarity_keys(found, matched, token_a, ka, token_b, kb)
                )
            )
            order.append((i, j) if joined_left else (j, i))
    conflict: list[Pair] = []
    for _, i, j, found, _ in options:
        if found >= Level.TYPO or i in used_a or j in used_b:
            continue
        if is_kunya(a[i]) != is_kunya(b[j]):
            continue  # a by-name against a name: neither agrees nor conflicts
        used_a.add(i)
        used_b.add(j)
        conflict.append(Pair(sa[i], sb[j], found, _rarity_keys(found, "", a[i], ka, b[j], kb)))
    extra = [sa[i] for i in range(len(a)) if i not in used_a]
    extra += [sb[j] for j in range(len(b)) if j not in used_b]
    return Alignment(tuple(agree), tuple(conflict), tuple(extra), _reordered(order))


# Two tokens joined and the one token they are differ in consonants by this
# much at most in their plain readings (measured on the accuracy sets: by
# one at most; any more is never one name), so the rest are not compared.
JOIN_SLACK = 2


def _joins(
    a: tuple[str, ...], ka: Kind, used_a: set[int], b: tuple[str, ...], kb: Kind, used_b: set[int]
) -> list[tuple[int, int, bool]]:
    """Two adjacent free tokens of one side that are one free token of the
    other (``Mohammad Reza`` / ``Mohammadreza``): (first of the two, the
    other side's token, whether the two are on the left)."""
    found: list[tuple[int, int, bool]] = []
    taken_a, taken_b = set(used_a), set(used_b)
    for joined_left, (x, kx, tx), (y, ky, ty) in (
        (True, (a, ka, taken_a), (b, kb, taken_b)),
        (False, (b, kb, taken_b), (a, ka, taken_a)),
    ):
        for i in range(len(x) - 1):
            if i in tx or i + 1 in tx:
                continue
            size = spelling.plain_length(x[i] + x[i + 1], kx)
            for j, token in enumerate(y):
                if j in ty or abs(size - spelling.plain_length(token, ky)) > JOIN_SLACK:
                    continue
                pair = (x[i] + x[i + 1], kx, token, ky)
                left_side = pair if joined_left else (pair[2], pair[3], pair[0], pair[1])
                if _compare(*left_side)[0] >= Level.SAME:
                    found.append((i, j, joined_left))
                    tx.update((i, i + 1))
                    ty.add(j)
                    break
    return found


def _reordered(order: list[tuple[int, int]]) -> bool:
    """Whether three or more aligned tokens stand in another order, beyond a
    rotation (the family name moved to the front is the same order; Abbas
    Fadhil against Fadhil Abbas is a father against his son)."""
    if len(order) < 3:
        return False
    right = [j for _, j in sorted(order)]
    descents = sum(1 for k in range(len(right)) if right[k] > right[(k + 1) % len(right)])
    return descents > 1


def compare(left: str, right: str) -> float:
    """Similarity 0..1 of two person names, order-insensitive, across scripts."""
    if not tokens(left) or not tokens(right):
        return 0.0
    return align(left, right).similarity()


__all__ = [
    "Alignment",
    "Kind",
    "Level",
    "Pair",
    "align",
    "compare",
    "compare_tokens",
    "keys",
    "parse",
    "readings",
    "shape",
    "skeleton",
    "skeletons",
    "token_keys",
    "tokens",
]
