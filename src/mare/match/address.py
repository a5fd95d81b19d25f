"""Is this the same address? Small named features, each with its reason.

Address entities (FtM Address) are compared on their full text by rigour's
address comparison (`rigour.addresses.match_addresses`: keywords and their
abbreviations, numbers that must agree, country names in any language,
order-insensitive), and on the parts a partner gave: postal code, city and
country. An address in another country is never the same address. A
reception centre or an NGO office that many records share is what the
index's generic-key cap is for; it is not special-cased here.

Weights are ln(m/u) (`mare.match.evidence`) with m and u estimated for
candidate pairs, which share a house number and a street word or two words
of the address; the bias is the prior log-odds that such a pair is one
address (about 1 in 50). The table is in docs/matching.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from rigour.addresses import address_fingerprint, match_addresses, normalize_address

from mare.match import objectnames
from mare.match.evidence import Reason, Score, weight
from mare.match.evidence import score as total

BIAS = math.log(1 / 50)
MATCH = 0.7
REVIEW = 0.5

PLACE_SAME = weight(0.90, 0.001)  # an OpenStreetMap or Google place id
TEXT_SAME_FLOOR, TEXT_CLOSE_FLOOR, TEXT_PARTIAL_FLOOR = 0.95, 0.75, 0.5
TEXT_SAME = weight(0.60, 0.002)
TEXT_CONTAINED = weight(0.20, 0.0002)  # one is the other with parts left out (a flat, a postcode)
TEXT_CLOSE = weight(0.25, 0.02)  # transliterated, abbreviated, a typo
TEXT_PARTIAL = weight(0.10, 0.10)  # a street or a city in common: no evidence
TEXT_OTHER = weight(0.05, 0.878)
POSTAL_SAME = weight(0.90, 0.15)
POSTAL_OTHER = weight(0.05, 0.85)
CITY_SAME = weight(0.90, 0.30)
CITY_OTHER = weight(0.03, 0.70)
COUNTRY_SAME = weight(0.99, 0.70)
COUNTRY_OTHER = weight(1e-6, 0.30)  # never the same address: outweighs everything else
CITY_FLOOR = 0.9  # Jaro-Winkler of the normalised names


@dataclass(frozen=True, slots=True)
class AddressRecord:
    """What the matcher knows of one address: normalised values only.

    ``texts`` are full address lines (composed from the parts when no full
    line was given); ``postal_codes`` upper-case letters and digits;
    ``countries`` ISO alpha-2 codes; ``keys`` identifier keys (``place:osm:…``).
    """

    id: str
    texts: tuple[str, ...] = ()
    postal_codes: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """The address's fingerprint tokens (keywords canonical, countries as codes)."""
    return tuple((address_fingerprint(text) or "").split())


def _words_and_numbers(text: str) -> tuple[list[str], list[str]]:
    tokens = _tokens(text)
    numbers = list(dict.fromkeys(t for t in tokens if t.isdigit()))
    words = list(
        dict.fromkeys(objectnames.skeleton(t) for t in tokens if len(t) >= 3 and not t.isdigit())
    )
    return words, numbers


def keys(record: AddressRecord, limit: int = 8) -> set[str]:
    """Blocking keys: identifiers (``ai:place:osm:…``), the fingerprint's tokens in any
    order (``af:…``), each house number with each word's skeleton (``an:12|mrsl``),
    and every pair of words (``aw:mrsl|tns``)."""
    out = {f"ai:{k}" for k in record.keys}
    for text in record.texts:
        tokens = _tokens(text)
        if not tokens:
            continue
        out.add("af:" + " ".join(sorted(set(tokens))))
        words, numbers = _words_and_numbers(text)
        head = sorted(words[:limit])
        out.update(f"an:{n}|{w}" for n in numbers[:4] for w in head)
        out.update(f"aw:{a}|{b}" for i, a in enumerate(head) for b in head[i + 1 :])
    return out


def identifier(left: AddressRecord, right: AddressRecord) -> Reason | None:
    shared = sorted(left.keys & right.keys)
    if not shared:
        return None
    return Reason(f"identifier:{shared[0].split(':', 1)[0]}", shared[0], shared[0], PLACE_SAME)


def _contained(a: str, b: str) -> bool:
    """All of one address's tokens are in the other (as often), and it names a street
    and a number."""
    small, large = sorted((Counter(_tokens(a)), Counter(_tokens(b))), key=lambda c: c.total())
    has_number = any(t.isdigit() for t in small)
    has_word = any(len(t) >= 3 and not t.isdigit() for t in small)
    return small.total() >= 3 and has_number and has_word and small <= large


# Words (after rigour's fingerprint, which writes appartement, daire, flat as
# ``apt``, piso, kat as ``fl``, suite as ``ste``) before the number of a flat,
# floor, staircase or block: that number is no house number.
UNIT_WORDS = frozenset(
    {"apt", "fl", "ste", "int", "interno", "puerta", "pta", "esc", "scala", "sc", "stiege"}
    | {"wohnung", "whg", "top", "etage", "etg", "orofos", "unit", "room", "rm", "door"}
    | {"dpto", "dept", "bloc", "block", "blk", "bl"}
)
POSTCODE_DIGITS = 5  # a number this long is a postal code, not a house number


@dataclass(frozen=True, slots=True)
class Parts:
    """An address line's words, house numbers, flat (unit) numbers and postal codes."""

    words: Counter[str]
    numbers: frozenset[str]
    units: frozenset[str]
    postcodes: frozenset[str]


@lru_cache(maxsize=65536)
def parts(text: str) -> Parts:
    tokens = _tokens(text)
    words: Counter[str] = Counter()
    numbers: set[str] = set()
    units: set[str] = set()
    postcodes: set[str] = set()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token in UNIT_WORDS and index + 1 < len(tokens):
            units.add(tokens[index + 1])
            index += 2
            continue
        if token.isdigit():
            (postcodes if len(token) >= POSTCODE_DIGITS else numbers).add(token)
        elif len(token) >= 3:
            words[token] += 1
        index += 1
    return Parts(words, frozenset(numbers), frozenset(units), frozenset(postcodes))


def _nested(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def parts_say(a: str, b: str) -> float | None:
    """What the parts of two lines say: another house number (`TEXT_OTHER`), the
    same building but another flat (`TEXT_PARTIAL`), one the other with parts left
    out on either side — a flat, a postal code, a city — (`TEXT_CONTAINED`), or
    nothing for certain (None)."""
    x, y = parts(a), parts(b)
    if x.numbers and y.numbers and x.numbers.isdisjoint(y.numbers):
        return TEXT_OTHER
    if x.units and y.units and x.units.isdisjoint(y.units):
        return TEXT_PARTIAL
    if x.postcodes and y.postcodes and x.postcodes.isdisjoint(y.postcodes):
        return None
    small, large = sorted((x.words, y.words), key=lambda c: c.total())
    if small.total() >= 2 and small <= large and (x.numbers & y.numbers):
        return TEXT_CONTAINED if _nested(x.numbers, y.numbers) else None
    return None


def text(left: AddressRecord, right: AddressRecord) -> Reason | None:
    """The best pair of lines: the same (rigour's score, or one fingerprint in any
    order), one the other with parts left out, close, partly the same, or not.

    Rigour reads every number as one that must agree; `parts_say` tells a
    house number from a flat's or a postal code, so another house number is
    never the same address, and one line with a flat and the other with a
    postal code are one address written with different parts left out."""
    found = match_addresses(list(left.texts), list(right.texts))
    if found is None:
        return None
    same_tokens = Counter(_tokens(found.query)) == Counter(_tokens(found.result))
    if found.score >= TEXT_SAME_FLOOR or (same_tokens and _tokens(found.query)):
        contribution = TEXT_SAME
    elif _contained(found.query, found.result):
        contribution = TEXT_CONTAINED
    elif found.score >= TEXT_CLOSE_FLOOR:
        contribution = TEXT_CLOSE
    elif found.score >= TEXT_PARTIAL_FLOOR:
        contribution = TEXT_PARTIAL
    else:
        contribution = TEXT_OTHER
    query, result = found.query, found.result
    said = parts_say(query, result)
    if said is not None and said < contribution and not same_tokens:
        contribution = said
    if contribution not in (TEXT_SAME, TEXT_CONTAINED):
        for a in left.texts:  # another pair of lines may be one with parts left out
            other = next((b for b in right.texts if parts_say(a, b) == TEXT_CONTAINED), None)
            if other is not None:
                query, result, contribution = a, other, TEXT_CONTAINED
                break
    return Reason("text", query, result, contribution)


def postal_code(left: AddressRecord, right: AddressRecord) -> Reason | None:
    if not left.postal_codes or not right.postal_codes:
        return None
    shared = sorted(set(left.postal_codes) & set(right.postal_codes))
    if shared:
        return Reason("postal_code", shared[0], shared[0], POSTAL_SAME)
    return Reason("postal_code", left.postal_codes[0], right.postal_codes[0], POSTAL_OTHER)


@lru_cache(maxsize=65536)
def _city(name: str) -> str:
    return normalize_address(name, latinize=True, min_length=1) or name.casefold()


def city(left: AddressRecord, right: AddressRecord) -> Reason | None:
    if not left.cities or not right.cities:
        return None
    pairs = [(a, b) for a in left.cities for b in right.cities]
    similarity, a, b = max(
        (float(JaroWinkler.similarity(_city(x), _city(y))), x, y) for x, y in pairs
    )
    return Reason("city", a, b, CITY_SAME if similarity >= CITY_FLOOR else CITY_OTHER)


def country(left: AddressRecord, right: AddressRecord) -> Reason | None:
    if not left.countries or not right.countries:
        return None
    shared = sorted(set(left.countries) & set(right.countries))
    if shared:
        return Reason("country", shared[0], shared[0], COUNTRY_SAME)
    return Reason("country", left.countries[0], right.countries[0], COUNTRY_OTHER)


Feature = Callable[[AddressRecord, AddressRecord], Reason | None]
FEATURES: tuple[Feature, ...] = (identifier, text, postal_code, city, country)


def score(left: AddressRecord, right: AddressRecord, rarity: object = None) -> Score:
    """Probability-like score 0..1 that two records are one address, with the reasons."""
    return total(BIAS, (feature(left, right) for feature in FEATURES))
