"""Is this the same vessel? Small named features, each with its reason.

A vessel keeps its IMO number for life; its name, flag, MMSI and call sign
change when it is sold or re-flagged (the MMSI's first digits and the call
sign's prefix name the flag state, so a new flag brings both anew). So a
shared IMO number is nearly proof, two different valid IMO numbers nearly
disproof, and a different MMSI or call sign counts against a match only
when both belong to the same flag state. A fishing boat without an IMO
number is known by its name, flag, MMSI and registration number.

Weights are ln(m/u) (`mare.match.evidence`), with m and u estimated for
candidate pairs, which share a name or an identifier key; the bias is the
prior log-odds that such a pair is one vessel (about 1 in 50). The table is
in docs/matching.md.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from mare.match import objectnames
from mare.match.evidence import Reason, Score, best, weight
from mare.match.evidence import score as total
from mare.normalize import callsign, imo, mmsi

BIAS = math.log(1 / 50)
MATCH = 0.7
REVIEW = 0.5

# Identifiers. An IMO number is unique and lifelong; typing errors that keep
# the check digit valid are rare (u), so are data errors (m of a conflict).
IMO_SAME = weight(0.95, 0.0001)
IMO_OTHER = weight(0.002, 0.99)  # both valid and different: another vessel
IMO_OTHER_UNCHECKED = weight(0.2, 0.99)  # one fails its check digit: maybe a typo
# One fails its check digit and is one slip (a digit, two swapped) from the
# other: a held vessel so near an invalid number is almost surely its own.
IMO_TYPO = weight(0.05, 0.0001)
# MMSIs and call signs are re-issued when a vessel changes flag, and reused.
MMSI_SAME = weight(0.6, 0.001)
MMSI_OTHER = weight(0.05, 0.9)  # same flag state, another number: rarely one vessel
CALLSIGN_SAME = weight(0.5, 0.003)
CALLSIGN_OTHER = weight(0.2, 0.9)
REFLAGGED = weight(0.9, 0.9)  # MMSIs / call signs of different flag states: no evidence
REGISTRATION_SAME = weight(0.5, 0.001)  # national or EU fleet register number
REGISTRATION_OTHER = weight(0.1, 0.95)  # both registered, other numbers: another boat
OTHER_SAME = 2.0  # another identifier (a phone, an e-mail) shared

# Names: many vessels share a name (Maria, Salvatore), fewer a two-word one.
NAME_SAME_ONE_WORD = weight(0.70, 0.05)
NAME_SAME = weight(0.70, 0.02)
NAME_SIMILAR = weight(0.12, 0.06)  # a typo, a spelling, a number on one side only
NAME_OTHER_NUMBER = weight(0.005, 0.08)  # Sea Star 2 / Sea Star 3: sister ships
NAME_OTHER = weight(0.18, 0.81)  # renamed vessels are common
NAME_SAME_FLOOR, NAME_SIMILAR_FLOOR = 0.97, 0.85

FLAG_SAME = weight(0.75, 0.35)
FLAG_EARLIER = weight(0.10, 0.05)  # one's flag is among the other's past flags
FLAG_OTHER = weight(0.20, 0.65)  # re-flagging is common
TYPE_SAME = weight(0.80, 0.40)
TYPE_OTHER = weight(0.15, 0.60)  # free text: "fishing boat" / "trawler"
YEAR_SAME = weight(0.90, 0.12)  # built within a year of each other
YEAR_OTHER = weight(0.09, 0.90)
TONNAGE_SAME = weight(0.80, 0.10)  # within 10 %
TONNAGE_OTHER = weight(0.20, 0.90)  # remeasurement, GRT for GT
# Many boats share a name (Al Amal, Zahret El Bahr, Maria): a pair that agrees
# on name, flag and type and nothing else is for review, not a match.
CORROBORATING = ("identifier:", "build_year", "tonnage")
UNCORROBORATED = 0.65  # between REVIEW and MATCH


@dataclass(frozen=True, slots=True)
class VesselRecord:
    """What the matcher knows of one vessel: normalised values only.

    ``keys`` are identifier keys (``imo:``, ``mmsi:``, ``callsign:``,
    ``registration:``); ``flags`` and ``past_flags`` ISO alpha-2 codes;
    tonnages in tonnes.
    """

    id: str
    names: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    past_flags: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    build_years: tuple[str, ...] = ()
    gross_tonnages: tuple[float, ...] = ()
    deadweights: tuple[float, ...] = ()
    keys: frozenset[str] = frozenset()


def keys(record: VesselRecord) -> set[str]:
    """Blocking keys: identifiers (``vi:imo:9074729``), name words and pairs
    (``vn:slvtr``, ``vp:sr|str``), the name written together (``vw:seastar2``)
    and with each flag (``vf:it:seastar2``)."""
    out = {f"vi:{k}" for k in record.keys}
    for key in _of(record, "imo"):  # a digit mistyped: the other six digits agree
        digits = key.split(":", 1)[1]
        out.update(f"vt:{digits[:i]}_{digits[i + 1 :]}" for i in range(len(digits)))
    for name in record.names:
        parts = objectnames.vessel(name)
        out |= objectnames.keys("v", parts)
        if parts.compact:
            out.update(f"vf:{flag}:{parts.compact}" for flag in record.flags)
    return out


def _of(record: VesselRecord, kind: str) -> list[str]:
    return sorted(k for k in record.keys if k.split(":", 1)[0] == kind)


def _states(keys: list[str], flag_of: Callable[[str], str | None]) -> set[str | None]:
    return {flag_of(k.split(":", 1)[1]) for k in keys}


def _reissued(
    kind: str,
    left: VesselRecord,
    right: VesselRecord,
    same: float,
    other: float,
    flag_of: Callable[[str], str | None],
) -> Reason | None:
    """A shared number, or two numbers that differ: no evidence when they belong
    to different flag states (re-flagging), mild evidence against otherwise."""
    a, b = _of(left, kind), _of(right, kind)
    if not a or not b:
        return None
    shared = sorted(set(a) & set(b))
    if shared:
        return Reason(f"identifier:{kind}", shared[0], shared[0], same)
    states_a, states_b = _states(a, flag_of), _states(b, flag_of)
    known = None not in states_a and None not in states_b
    reflagged = known and states_a.isdisjoint(states_b)
    return Reason(f"identifier:{kind}", a[0], b[0], REFLAGGED if reflagged else other)


def imo_number(left: VesselRecord, right: VesselRecord) -> Reason | None:
    a, b = _of(left, "imo"), _of(right, "imo")
    if not a or not b:
        return None
    shared = sorted(set(a) & set(b))
    if shared:
        return Reason("identifier:imo", shared[0], shared[0], IMO_SAME)
    checked = all(imo.validate(k.split(":", 1)[1]) for k in a + b)
    if checked:
        return Reason("identifier:imo", a[0], b[0], IMO_OTHER)
    for x in a:
        for y in b:
            if _one_slip(x.split(":", 1)[1], y.split(":", 1)[1]):
                return Reason("identifier:imo", x, y, IMO_TYPO, "one digit mistyped")
    return Reason("identifier:imo", a[0], b[0], IMO_OTHER_UNCHECKED)


def _one_slip(a: str, b: str) -> bool:
    """Whether two numbers of one length differ by one digit or two adjacent digits swapped."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) == 1:
        return True
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def mmsi_number(left: VesselRecord, right: VesselRecord) -> Reason | None:
    return _reissued(
        "mmsi", left, right, MMSI_SAME, MMSI_OTHER, lambda d: mmsi.clean(d).extra.get("flag")
    )


def call_sign(left: VesselRecord, right: VesselRecord) -> Reason | None:
    return _reissued(
        "callsign",
        left,
        right,
        CALLSIGN_SAME,
        CALLSIGN_OTHER,
        lambda v: callsign.clean(v).extra.get("country"),
    )


def registration(left: VesselRecord, right: VesselRecord) -> Reason | None:
    """A shared register number; two different ones under one flag (or no flag
    given) are two boats: fishing boats of one port share name, flag and type."""
    a, b = _of(left, "registration"), _of(right, "registration")
    if not a or not b:
        return None
    shared = sorted(set(a) & set(b))
    if shared:
        return Reason("identifier:registration", shared[0], shared[0], REGISTRATION_SAME)
    if left.flags and right.flags and set(left.flags).isdisjoint(right.flags):
        return None  # re-registered under another flag
    return Reason("identifier:registration", a[0], b[0], REGISTRATION_OTHER)


KNOWN_KINDS = frozenset({"imo", "mmsi", "callsign", "registration", "vesselreg"})


def other_identifier(left: VesselRecord, right: VesselRecord) -> Reason | None:
    shared = sorted(k for k in left.keys & right.keys if k.split(":", 1)[0] not in KNOWN_KINDS)
    if not shared:
        return None
    return Reason(f"identifier:{shared[0].split(':', 1)[0]}", shared[0], shared[0], OTHER_SAME)


def _name_weight(a: str, b: str) -> float:
    left, right = objectnames.vessel(a), objectnames.vessel(b)
    similarity = objectnames.similarity(left, right)
    if similarity >= NAME_SAME_FLOOR:
        return NAME_SAME if min(len(left.words), len(right.words)) > 1 else NAME_SAME_ONE_WORD
    if similarity >= NAME_SIMILAR_FLOOR:
        return NAME_OTHER_NUMBER if objectnames.numbers_differ(left, right) else NAME_SIMILAR
    return NAME_OTHER


def name(left: VesselRecord, right: VesselRecord) -> Reason | None:
    """The pair of names (current, earlier or alias) that agrees best."""
    if not left.names or not right.names:
        return None
    pairs = [(a, b) for a in left.names for b in right.names]
    scored = [(_name_weight(a, b), a, b) for a, b in pairs]
    found = max(scored, key=lambda item: item[0])
    return Reason("name", found[1], found[2], found[0])


def flag(left: VesselRecord, right: VesselRecord) -> Reason | None:
    if not left.flags or not right.flags:
        return None
    shared = sorted(set(left.flags) & set(right.flags))
    if shared:
        return Reason("flag", shared[0], shared[0], FLAG_SAME)
    for a, b in ((left.flags, right.past_flags), (left.past_flags, right.flags)):
        earlier = sorted(set(a) & set(b))
        if earlier:
            return Reason("flag", earlier[0], earlier[0], FLAG_EARLIER)
    return Reason("flag", left.flags[0], right.flags[0], FLAG_OTHER)


TYPES = Path(__file__).parent / "data" / "vessel_types.csv"
_WORDS = re.compile(r"\w+")
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae"})


def _fold(text: str) -> tuple[str, ...]:
    """Lower-case words without accents, hyphens and slashes as spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return tuple(_WORDS.findall(plain))


@cache
def _vocabulary() -> dict[tuple[str, ...], str]:
    """Type terms (folded words) -> their class (`data/vessel_types.csv`)."""
    with TYPES.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {_fold(row["term"]): row["class"] for row in rows}


@lru_cache(maxsize=4096)
def type_classes(text: str) -> frozenset[str]:
    """The classes of vessel a type as written names (``motopeschereccio in
    legno``: fishing and wooden), in any of the partners' languages."""
    words = _fold(text)
    found = set()
    for term, kind in _vocabulary().items():
        size = len(term)
        if any(words[i : i + size] == term for i in range(len(words) - size + 1)):
            found.add(kind)
    return frozenset(found)


def _type_similarity(a: str, b: str) -> float:
    """1 for types of a common class, 0 for types of known and different classes,
    else how alike the words are."""
    ka, kb = type_classes(a), type_classes(b)
    if ka and kb:
        return 1.0 if ka & kb else 0.0
    return float(fuzz.token_set_ratio(a.casefold(), b.casefold())) / 100.0


def vessel_type(left: VesselRecord, right: VesselRecord) -> Reason | None:
    if not left.types or not right.types:
        return None
    similarity, a, b = best(left.types, right.types, _type_similarity)
    return Reason("type", a, b, TYPE_SAME if similarity >= 0.8 else TYPE_OTHER)


def build_year(left: VesselRecord, right: VesselRecord) -> Reason | None:
    if not left.build_years or not right.build_years:
        return None
    gap, a, b = min(
        (abs(int(x) - int(y)), x, y) for x in left.build_years for y in right.build_years
    )
    return Reason("build_year", a, b, YEAR_SAME if gap <= 1 else YEAR_OTHER)


def tonnage(left: VesselRecord, right: VesselRecord) -> Reason | None:
    """Gross tonnages compared, else deadweights (never one with the other)."""
    for a, b in (
        (left.gross_tonnages, right.gross_tonnages),
        (left.deadweights, right.deadweights),
    ):
        if a and b:
            gap, x, y = min((abs(x - y) / max(x, y, 1.0), x, y) for x in a for y in b)
            return Reason(
                "tonnage", f"{x:g}", f"{y:g}", TONNAGE_SAME if gap <= 0.1 else TONNAGE_OTHER
            )
    return None


Feature = Callable[[VesselRecord, VesselRecord], Reason | None]
FEATURES: tuple[Feature, ...] = (
    imo_number,
    mmsi_number,
    call_sign,
    registration,
    other_identifier,
    name,
    flag,
    vessel_type,
    build_year,
    tonnage,
)


def score(left: VesselRecord, right: VesselRecord, rarity: object = None) -> Score:
    """Probability-like score 0..1 that two records are one vessel, with the reasons."""
    return total(
        BIAS, (feature(left, right) for feature in FEATURES), CORROBORATING, UNCORROBORATED
    )
