"""How one name token may be spelt: readings, consonant skeletons, vowel slots, levels.

Names reach the hub written by officials of many countries, each with the
habits of a language: ``Khalil`` (English), ``Chalil`` (German), ``Xelîl``
(Kurmanji), ``Halil`` (Turkish) and ``خليل`` are one name. A token is read
once under each orthography it may be written in (`readings`): the plain
reading, and where the letters allow, the German (``sch``, ``ch``, ``j``,
``w``), Kurdish and Turkish (``c``, ``x``), Somali (``c`` for ʿayn, ``x``
for ḥ) and Russian-in-Latin (``g`` for h, ``ye`` for e) readings, and with a
joined Arabic article (``Alkhatib``) taken off.

A reading has a **skeleton**, its consonants in broad classes (``kh``/``h``,
``sh``/``s``/``ch``, ``j``/``g``/``dj``/``zh``, ``k``/``q``/``c``, ``v``/``f``,
``p``/``b``), and **vowel slots**, the vowels before, between and after
them. Consonants carry an Arabic, Persian or Ethiopic name; vowels carry
the difference between ``Hassan`` and ``Hussein``, ``Saad`` and ``Said``,
``Mahmoud`` and ``Mohamed``, which share skeletons. Arabic script writes
only long vowels (``ا``, ``و``, ``ي``): its empty slots accept any short
vowel, but a long vowel on one side must be met on the other (``حسين`` is
not ``Hassan``). Ethiopic vowels come out of transliteration unreliably and
are not compared.

`level` grades two tokens: ``EXACT``, ``SAME`` (a spelling variant: equal
skeletons under some readings, compatible vowels), ``TYPO`` (one or two
slips of the pen), ``SKELETON`` (the same consonants, other vowels: another
name as often as a variant), ``INITIAL`` (one is an initial of the other)
or ``DIFFERENT``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import IntEnum
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler, Levenshtein

from mare.match.abjad import AMBIGUOUS
from mare.match.memo import memo


class Kind(IntEnum):
    """How reliable the vowels of a token are, by the script it was written in."""

    LATIN = 0  # Latin, and scripts transliterated letter by letter (Cyrillic, Greek)
    ABJAD = 1  # Arabic script: short vowels unwritten, long ones written
    SYLLABIC = 2  # Ethiopic: vowels as transliteration guessed them
    CYRILLIC = 3  # Latin vowels, but Russian habits (г for h, е for ye)


class Level(IntEnum):
    DIFFERENT = 0
    INITIAL = 1
    SKELETON = 2
    TYPO = 3
    SAME = 4
    EXACT = 5


VOWELS = frozenset("aeiouyw")
# Consonant digraphs and letters to broad classes (applied in this order).
_DIGRAPHS = (
    ("tsch", "s"),
    ("tch", "s"),
    ("dsch", "j"),
    ("sch", "s"),
    ("kh", "h"),
    ("gh", "j"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("dj", "j"),
    ("zh", "j"),
    ("ts", "s"),
    ("tz", "z"),
)
_DIGRAPH = re.compile("|".join(d for d, _ in _DIGRAPHS))
_DIGRAPH_SOUND = dict(_DIGRAPHS)
_LETTERS = str.maketrans({"q": "k", "c": "k", "v": "f", "x": "ks", "p": "b", "g": "j"})
_DOUBLE = re.compile(r"([^aeiouyw])\1+")


def _german(token: str) -> str:
    out = token.replace("tsch", "C").replace("dsch", "j")
    out = out.replace("sch", "sh").replace("ch", "kh").replace("C", "ch")
    out = out.replace("j", "y")
    out = re.sub(r"(?<![tds])z(?!h)", "ts", out)
    if "w" in token or "sch" in token:  # German-looking: s between vowels is z
        out = re.sub(r"(?<=[aeiou])s(?=[aeiou])|^s(?=[aeiou])", "z", out)
    return out.replace("w", "v")


def _german_zh(token: str) -> str:
    return _german(token.replace("sch", "zh"))


def _kurdish(token: str) -> str:
    return token.replace("x", "kh").replace("c", "j")


def _somali(token: str) -> str:
    """Somali orthography: c is ʿayn, x is ḥ, and women's names end in -o where
    Arabic has -a (Xaliimo Halima, Faadumo Fatima, Khadiijo Khadija)."""
    out = re.sub(r"(?<![sk])c", "", token)
    return re.sub(r"(?<=[^aeiou])o$", "a", out.replace("x", "h"))


def _russian(token: str) -> str:
    out = re.sub(r"^(?:ye|ie|je)", "e", token)
    return out.replace("g", "h")


def _french(token: str) -> str:
    out = re.sub(r"^(?:ie|ye|je)", "e", token)
    out = re.sub(r"^i(?=ou|o|a|u)", "y", out)
    out = out.replace("iou", "yu")
    out = re.sub(r"gu(?=[ei])", "g", out)
    out = re.sub(r"c(?=[ei])", "s", out)
    return out.replace("j", "zh")


def _expand(token: str) -> list[str]:
    """Every reading of the placeholders of an Arabic-script token (`abjad.AMBIGUOUS`)."""
    found = [""]
    for ch in token:
        options = AMBIGUOUS.get(ch, (ch,))
        found = [f + o for f in found for o in options][:8]
    return found


@lru_cache(maxsize=262144)
def plain_length(token: str, kind: Kind) -> int:
    """Consonants in the plain reading of a token, without working out its
    other readings: readings of one token differ by a consonant or two at most
    (``x`` read ``ks``, ``sh`` read s-h, an article taken off)."""
    return len(shape(_expand(token)[0] if kind is Kind.ABJAD else token)[0])


_ARTICLE = re.compile(r"^(?:al|el|ul|il|ol)(?=[a-z]{3})")
_PATRONYM = re.compile(r"^(?:ben|bin|ibn|bn|bint|ould)(?=[a-z]{3})")
# Letters that more than one language writes for one sound, each an
# alternative reading: Persian q/gh, dh/z and th/s across Arabic dialects,
# g/h (Russian and Ukrainian write h as g), a d and h said apart (Medhanie),
# an s and h said apart (Ishaq, Mushaf), ch said k (Michael, Mikael).
_ALTERNATIVES = (
    ("q", "gh"),
    ("dh", "z"),
    ("th", "s"),
    ("g", "h"),
    ("dh", "d'h"),
    ("sh", "s'h"),
    ("ch", "k"),
    ("c", "ch"),
    ("dz", "z"),
)
# Endings: a final h after a vowel (Fatimah, Aminah), a final g for q
# (Sudanese Siddig, Ishag), and Yevgeny / Evgeny, Yelena / Elena.
_ENDINGS = (
    (re.compile(r"(?<=[aeiou])h$"), ""),
    (re.compile(r"g$"), "q"),
    (re.compile(r"^(?:ye|ie|je)(?=[^aeiou])"), "e"),
)

# A vowel before a word's first two consonants, which one spelling writes and
# another leaves out (prothesis, aphaeresis): Maghrebi Brahim and Ibrahim,
# Mbarek and امبارك, Driss and Idriss, Smail and Ismail, Spanish Esteban.
_CLUSTER = re.compile(r"^(?!sch|tsch|dsch|kh|gh|sh|ch|th|dh|ph|dj|zh|ts|tz)[^aeiouyw][^aeiouyw]")
# Turkish writes a final d as t (Ahmet, Mehmet, Murat, Mahmut: أحمد, مراد).
_DEVOICED = re.compile(r"(?<=[aeiou])t$")


# Each orthography with the letters that make a token worth reading its way.
_ORTHOGRAPHIES: tuple[tuple[tuple[str, ...], Callable[[str], str]], ...] = (
    (("c", "x"), _kurdish),
    (("c", "x", "aa", "ii", "uu"), _somali),
    (("ch", "j", "w", "z", "s"), _german),
    (("sch",), _german_zh),
    (("ie", "ye", "je", "io", "ia", "iu", "gu", "j", "c"), _french),
)
MAX_READINGS = 24


def _spread(found: list[str], transform: Callable[[str], str]) -> None:
    for text in list(found):
        if len(found) >= MAX_READINGS:
            return
        new = transform(text)
        if new not in found:
            found.append(new)


def readings(token: str, kind: Kind = Kind.LATIN) -> tuple[str, ...]:
    """The ways ``token`` may be read, the plain reading first (see `_readings`)."""
    return _readings(token, kind)


@memo(maxsize=262144)
def _readings(token: str, kind: Kind) -> tuple[str, ...]:
    """The ways ``token`` may be read, the plain reading first.

    Each orthography and each alternative letter applies to every reading
    found before it (German after Kurdish, ``g``/``h`` after German), up
    to `MAX_READINGS`."""
    if token.startswith("abd") and len(token) > 4:
        return tuple("abd" + r for r in _readings(token[3:], kind))
    found = _expand(token) if kind is Kind.ABJAD else [token]
    if kind is not Kind.ABJAD:
        for letters, transform in _ORTHOGRAPHIES:
            if any(part in token for part in letters):
                _spread(found, transform)
        if kind is Kind.CYRILLIC:
            _spread(found, _russian)
        if kind is Kind.SYLLABIC:
            _spread(found, lambda t: re.sub(r"c(?!h)", "ch", t))
    for old, new in _ALTERNATIVES:
        if any(old in t for t in found):
            _spread(found, lambda t, o=old, n=new: t.replace(o, n))  # type: ignore[misc]
    for pattern, replacement in _ENDINGS:
        _spread(found, lambda t, p=pattern, r=replacement: p.sub(r, t))  # type: ignore[misc]
    if kind is not Kind.ABJAD:
        if _CLUSTER.match(token):
            found.append("e" + token)  # e: the cheapest vowel against any other
        if len(token) >= 4 and _DEVOICED.search(token):
            found.append(_DEVOICED.sub("d", token))
    for pattern in (_ARTICLE, _PATRONYM):
        found += [t[m.end() :] for t in list(found) if (m := pattern.match(t))]
    out: list[str] = []
    for text in found:
        if text and text not in out:
            out.append(text)
    return tuple(out)


@lru_cache(maxsize=131072)
def shape(reading: str) -> tuple[str, tuple[str, ...]]:
    """The skeleton of a reading and its vowel slots (one more slot than consonants)."""
    if reading.startswith("abd") and len(reading) > 4:
        rest, after = shape(reading[3:])  # "abd" + "hakim" is no "dh"
        return "bd" + rest, ("a", "", *after)
    text = _DIGRAPH.sub(lambda m: _DIGRAPH_SOUND[m.group()], reading)
    text = text.replace("'", "").translate(_LETTERS)
    text = _DOUBLE.sub(r"\1", text)
    consonants: list[str] = []
    slots: list[str] = []
    vowels = ""
    for index, ch in enumerate(text):
        if ch in VOWELS and not (index == 0 and ch in "yw"):
            vowels += ch
            continue
        if consonants and consonants[-1] == ch and not vowels:
            continue
        slots.append(vowels)
        consonants.append(ch)
        vowels = ""
    slots.append(vowels)
    return "".join(consonants), tuple(slots)


def skeleton(token: str, kind: Kind = Kind.LATIN) -> str:
    """The consonant skeleton of the plain reading (``mohamed`` -> ``mhmd``)."""
    return shape(readings(token, kind)[0])[0]


def skeletons(token: str, kind: Kind = Kind.LATIN) -> tuple[str, ...]:
    """The distinct skeletons of every reading, the plain one first."""
    out: list[str] = []
    for reading in readings(token, kind):
        found = shape(reading)[0]
        if found and found not in out:
            out.append(found)
    return tuple(out)


# Latin vowel spellings of one sound, written one way before vowels are compared.
_VOWEL_SPELLINGS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ie", "i"), ("iy", "i"), ("ii", "i"))
_NEAR = {
    frozenset("ou"): 0.2,
    frozenset("iy"): 0.0,
    frozenset("uw"): 0.0,
    frozenset("ow"): 0.2,
    frozenset("ai"): 0.7,
    frozenset("ay"): 0.7,
    frozenset("ao"): 0.8,
}
_LONG_I = re.compile(r"ee|ii|ie|ei|ai|ay|ey|iy|yi|y")
_LONG_U = re.compile(r"ou|oo|uu|ow|aw|au|w")


def _spelt(group: str) -> str:
    for spelling, sound in _VOWEL_SPELLINGS:
        group = group.replace(spelling, sound)
    return re.sub(r"(.)\1+", r"\1", group)


def _substitute(x: str, y: str) -> float:
    if x == y:
        return 0.0
    if "e" in (x, y):
        return 0.3  # e is often a reduced vowel: Hassen, Youssef, Mohamed
    return _NEAR.get(frozenset((x, y)), 1.0)


def _drop(ch: str, group: str) -> float:
    """Cost of a vowel one spelling has and the other has not: an ``e``, or a
    vowel beside ``y`` or ``w`` (Jiwan / Jwan), is cheap; one of two vowels
    (Saad / Said) is dear; a lone short vowel (Fatima / Fatma) in between."""
    if ch == "e" or (len(group) > 1 and ("y" in group or "w" in group)):
        return 0.3
    return 0.5 if len(group) > 1 else 0.4


@lru_cache(maxsize=65536)
def vowel_cost(a: str, b: str, edge: bool = False) -> float:
    """How far apart two Latin vowel groups are (0: the same sound written alike).

    An edit distance whose costs follow transliteration: ``e`` for any short
    vowel is cheap, ``o`` for ``u`` cheap, ``a`` for ``u`` or ``i`` for ``u``
    dear; at a word's edge a vowel against none is dear unless it is a
    silent ``e`` (``Abderrahmane``)."""
    a, b = _spelt(a), _spelt(b)
    if a == b:
        return 0.0
    if edge and (not a or not b):
        rest = a or b
        return 0.1 if rest == "e" else 1.0  # a silent final e: Noureddine
    rows = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        rows[i][0] = rows[i - 1][0] + _drop(a[i - 1], a)
    for j in range(1, len(b) + 1):
        rows[0][j] = rows[0][j - 1] + _drop(b[j - 1], b)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(
                rows[i - 1][j] + _drop(a[i - 1], a),
                rows[i][j - 1] + _drop(b[j - 1], b),
                rows[i - 1][j - 1] + _substitute(a[i - 1], b[j - 1]),
            )
    return rows[len(a)][len(b)]


def _abjad_slots(abjad: str, latin: str, edge: bool, first: bool = False) -> bool:
    """An Arabic-script vowel group (long vowel letters only) and a Latin one
    agree: every ``y`` (ī, ay) and ``w`` (ū, aw) meets its quality in Latin,
    a long Latin vowel meets its letter in Arabic, and at the edge of a word
    a vowel meets a vowel (``أحمد`` is Ahmad, not Hamid)."""
    if edge and bool(abjad) != bool(latin) and latin != "e":
        return False
    if "y" in abjad and not any(ch in "iey" for ch in latin):
        return False
    if "w" in abjad and not any(ch in "ouw" for ch in latin):
        return False
    if _LONG_I.search(latin) and "y" not in abjad and "i" not in abjad:
        return False
    if first:  # French writes a short first u as ou: Mourad, Choukri, Moustafa
        latin = latin.replace("ou", "u")
    return not (_LONG_U.search(latin) and "w" not in abjad and "u" not in abjad)


SAME_SLOT = 0.4  # the dearest slot of a spelling variant
SAME_TOTAL = 0.6  # and all slots together: two reduced vowels (Kurmanji Hesen, Ehmed)


def _slots_agree(a: tuple[str, ...], ka: Kind, b: tuple[str, ...], kb: Kind) -> bool:
    if len(a) != len(b):
        return False
    if Kind.SYLLABIC in (ka, kb):
        return True
    last = len(a) - 1
    total = 0.0
    for index, (x, y) in enumerate(zip(a, b, strict=True)):
        edge = index in (0, last)
        if ka is Kind.ABJAD and kb is Kind.ABJAD:
            if x != y:  # one script: another long vowel is another name (Salim, Salem)
                return False
        elif ka is Kind.ABJAD:
            if not _abjad_slots(x, y, edge, index == 1):
                return False
        elif kb is Kind.ABJAD:
            if not _abjad_slots(y, x, edge, index == 1):
                return False
        else:
            cost = vowel_cost(x, y, edge)
            total += cost
            if cost > SAME_SLOT or total > SAME_TOTAL:
                return False
    return True


def _typo(a: str, ka: Kind, b: str, kb: Kind) -> bool:
    """One or two slips of the pen between Latin spellings (of the same first
    letter, unless the tokens are long), or one consonant more, less or other
    between skeletons of four consonants or more when one side is Latin and
    the other not. Two spellings in one other script are copied, not
    transliterated: another letter there is another name (መብራህቱ / መብራህቶም)."""
    if ka in _LATIN_KINDS and kb in _LATIN_KINDS:
        for ra in _readings(a, ka)[:2]:
            for rb in _readings(b, kb)[:2]:
                shortest = min(len(ra), len(rb))
                if ra[:1] != rb[:1]:
                    if shortest >= 8 and OSA.distance(ra, rb, score_cutoff=2) <= 2:
                        return True
                    continue
                distance = OSA.distance(ra, rb, score_cutoff=3)
                if shortest >= 8 and distance <= 2:
                    return True
                if shortest >= 4 and distance <= 1:
                    return True
                if shortest >= 5 and distance <= 2 and ra[-1:] == rb[-1:]:
                    return True
                if shortest >= 6 and JaroWinkler.similarity(ra, rb) >= 0.9:
                    return True
        return False
    if ka is kb:  # one script that is not Latin: another letter is another name
        return False
    syllabic = Kind.SYLLABIC in (ka, kb)
    for sa in shapes(a, ka):
        for sb in shapes(b, kb):
            near = min(len(sa), len(sb)) >= 4 and Levenshtein.distance(sa, sb) == 1
            if near and (not syllabic or _weak_edit(sa, sb)):
                return True
    return False


def _weak_edit(a: str, b: str) -> bool:
    """Whether the one consonant two skeletons differ by is an h. A script that
    writes every consonant with its vowel (Ethiopic, Sorani) leaves out or
    adds no other in transliteration: መብራህቱ is Mebrahtu, and Mebrahtom,
    one syllable more, is another name; its h-sounds (ሀ, ሐ, ኀ, ه) are the
    ones Latin spellings drop."""
    (op,) = Levenshtein.editops(a, b)
    letters = {
        a[op.src_pos] if op.tag != "insert" else "",
        b[op.dest_pos] if op.tag != "delete" else "",
    }
    return "h" in letters


_LATIN_KINDS = frozenset({Kind.LATIN, Kind.CYRILLIC})


@memo(maxsize=262144)
def shapes(token: str, kind: Kind) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Skeleton -> the vowel slots of each reading of ``token`` with that skeleton."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for reading in _readings(token, kind):
        skeleton_, slots = shape(reading)
        if skeleton_:
            out.setdefault(skeleton_, []).append(slots)
    return {k: tuple(v) for k, v in out.items()}


def prime_token(
    token: str, kind: Kind, found: tuple[str, ...], shaped: dict[str, tuple[tuple[str, ...], ...]]
) -> None:
    """Remember the readings and shapes of a token worked out elsewhere
    (`mare.match.names.prime`)."""
    _readings.prime((token, kind), found)
    shapes.prime((token, kind), shaped)


@lru_cache(maxsize=262144)
def compare(a: str, ka: Kind, b: str, kb: Kind) -> tuple[Level, str]:
    """How two canonical tokens compare (see the module docstring), and for
    ``SAME`` the skeleton under which they agree."""
    if a == b:
        return Level.EXACT, ""
    if len(a) == 1 or len(b) == 1:
        return (Level.INITIAL if a[0] == b[0] else Level.DIFFERENT), ""
    left, right = shapes(a, ka), shapes(b, kb)
    # Longest skeleton first; among equals, the one of the plainer reading of
    # ``a`` (readings come plain first), so the result never depends on
    # set order.
    common = [s for s in left if s in right]
    for skeleton_ in sorted(common, key=len, reverse=True):
        for va in left[skeleton_]:
            for vb in right[skeleton_]:
                if _slots_agree(va, ka, vb, kb):
                    return Level.SAME, skeleton_
    # The same consonants with other vowels is another name (Saad, Said)
    # unless the tokens are long or two letters swapped places (Talia, Talai).
    slip = not common or min(len(a), len(b)) >= 6 or OSA.distance(a, b) < Levenshtein.distance(a, b)
    if slip and _typo(a, ka, b, kb):
        return Level.TYPO, ""
    return (Level.SKELETON if common else Level.DIFFERENT), ""


def level(a: str, ka: Kind, b: str, kb: Kind) -> Level:
    """How two canonical tokens compare (see the module docstring)."""
    return compare(a, ka, b, kb)[0]
