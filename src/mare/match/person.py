"""Is this the same person? A list of small named features, each with its reason.

Every feature compares one aspect of two person records and returns its
contribution to the log-odds of "same person" together with the values it
compared, so an analyst sees why. Contributions follow Fellegi-Sunter:
ln(m/u), where m is how often the comparison comes out so for a true match
and u for a candidate pair that is not one. The m and u below are estimates
for candidate pairs that already share a name key (docs/matching.md); the
bias is the prior log-odds that such a pair is a match (about 1 in 50).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from mare.match import names
from mare.normalize import dates

BIAS = math.log(1 / 50)
STRONG_KINDS = ("document", "imei")  # identify one person
PERSONAL_KINDS = ("phone", "email", "account", "iban", "wallet")  # usually one person


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What the matcher knows of one person: normalised values only."""

    id: str
    names: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    genders: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()
    addresses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence: which feature, the values compared, its contribution."""

    feature: str
    left: str
    right: str
    contribution: float

    def to_dict(self) -> dict[str, object]:
        return {
            "feature": self.feature,
            "left": self.left,
            "right": self.right,
            "contribution": round(self.contribution, 3),
        }


@dataclass(frozen=True, slots=True)
class Score:
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


class NameRarity:
    """How common name tokens are among the held persons (the u of a name agreement).

    Two records agreeing on a rare name are stronger evidence than two
    agreeing on ``Mohamed Ali``. With fewer than `MIN_RECORDS` records the
    frequencies say little, and the fixed u of `NAME_WEIGHTS` applies.
    """

    MIN_RECORDS = 1000

    def __init__(self, records: Iterable[PersonRecord]) -> None:
        self.counts: dict[str, int] = {}
        self.total = 0
        for record in records:
            self.total += 1
            tokens = {t for n in record.names for t in names.skeletons(n)}
            for token in tokens:
                self.counts[token] = self.counts.get(token, 0) + 1

    def u(self, name: str) -> float | None:
        """Chance that a non-matching candidate pair agrees on this name, or None.

        Candidates already share one name key, so the chance is that of the
        other tokens: the product of their frequencies, the rarest left out.
        """
        if self.total < self.MIN_RECORDS:
            return None
        tokens = set(names.skeletons(name))
        if not tokens:
            return None
        freqs = sorted(self.counts.get(t, 1) / self.total for t in tokens)
        chance = math.prod(freqs[1:]) if len(freqs) > 1 else freqs[0]
        return min(0.05, max(1e-5, chance))


Feature = Callable[[PersonRecord, PersonRecord, "NameRarity | None"], Reason | None]


def _weight(m: float, u: float) -> float:
    return math.log(m / u)


# (lowest similarity, ln(m/u)): the first row the similarity reaches applies.
NAME_SAME_M = 0.70
NAME_WEIGHTS: tuple[tuple[float, float], ...] = (
    (
        0.99,
        _weight(NAME_SAME_M, 0.01),
    ),  # u from `NameRarity` when known  # the same name, across scripts
    (0.85, _weight(0.20, 0.02)),  # a variant or a typo
    (0.50, _weight(0.08, 0.20)),  # part of the name agrees
    (0.00, _weight(0.01, 0.77)),  # different names (aliases exist: not zero)
)
# People claim other nationalities (m of a mismatch is not small); genders
# differ only by error.
NATIONALITY_SAME = _weight(0.80, 0.30)
NATIONALITY_OTHER = _weight(0.20, 0.70)
GENDER_OTHER = _weight(0.02, 0.50)
# People move: a different address says little against a match.
ADDRESS_WEIGHTS: tuple[tuple[float, float], ...] = (
    (0.95, _weight(0.60, 0.002)),  # the same address
    (0.80, _weight(0.20, 0.02)),  # mostly the same (a typo, a missing part)
    (0.00, _weight(0.20, 0.978)),  # another address
)
DATE_WEIGHTS: tuple[tuple[float, float], ...] = (
    (1.00, _weight(0.85, 0.001)),  # the same day (or the same partial date)
    (0.80, _weight(0.05, 0.005)),  # a partial date that agrees
    (0.50, _weight(0.05, 0.005)),  # day and month swapped, one digit off
    (0.00, _weight(0.05, 0.99)),  # different dates
)


def _best(
    left: Iterable[str], right: Iterable[str], compare: Callable[[str, str], float]
) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for a in left:
        for b in right:
            score = compare(a, b)
            if score > best[0]:
                best = (score, a, b)
    return best


def _graded(
    feature: str,
    left: tuple[str, ...],
    right: tuple[str, ...],
    compare: Callable[[str, str], float],
    weights: tuple[tuple[float, float], ...],
) -> tuple[float, Reason] | None:
    """Best-agreeing pair of values, and the weight of the first level its similarity
    reaches (the values shown are the first of each side when nothing agrees)."""
    if not left or not right:
        return None
    score, a, b = _best(left, right, compare)
    if score == 0.0:
        a, b = left[0], right[0]
    weight = next((w for floor, w in weights if score >= floor), weights[-1][1])
    return score, Reason(feature, a, b, weight)


def identifier(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None) -> Reason | None:
    shared = left.keys & right.keys
    if not shared:
        return None
    key = sorted(shared, key=lambda k: (k.split(":", 1)[0] not in STRONG_KINDS, k))[0]
    kind = key.split(":", 1)[0]
    weight = 7.0 if kind in STRONG_KINDS else 4.0 if kind in PERSONAL_KINDS else 2.0
    return Reason(f"identifier:{kind}", key, key, weight)


def name(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None) -> Reason | None:
    graded = _graded("name", left.names, right.names, names.compare, NAME_WEIGHTS)
    if graded is None:
        return None
    score, reason = graded
    if score >= NAME_WEIGHTS[0][0] and rarity is not None:
        u = rarity.u(reason.left)
        if u is not None:
            return Reason("name", reason.left, reason.right, _weight(NAME_SAME_M, u))
    return reason


def birth_date(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None) -> Reason | None:
    graded = _graded("birth_date", left.birth_dates, right.birth_dates, dates.compare, DATE_WEIGHTS)
    return graded[1] if graded else None


def nationality(
    left: PersonRecord, right: PersonRecord, rarity: NameRarity | None
) -> Reason | None:
    if not left.nationalities or not right.nationalities:
        return None
    shared = set(left.nationalities) & set(right.nationalities)
    if shared:
        code = sorted(shared)[0]
        return Reason("nationality", code, code, NATIONALITY_SAME)
    return Reason("nationality", left.nationalities[0], right.nationalities[0], NATIONALITY_OTHER)


def gender(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None) -> Reason | None:
    if not left.genders or not right.genders or set(left.genders) & set(right.genders):
        return None
    return Reason("gender", left.genders[0], right.genders[0], GENDER_OTHER)


def _address_similarity(left: str, right: str) -> float:
    return float(fuzz.token_set_ratio(left.lower(), right.lower())) / 100.0


def address(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None) -> Reason | None:
    graded = _graded(
        "address", left.addresses, right.addresses, _address_similarity, ADDRESS_WEIGHTS
    )
    return graded[1] if graded else None


FEATURES: tuple[Feature, ...] = (identifier, name, birth_date, nationality, gender, address)


def score(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None = None) -> Score:
    """Probability-like score 0..1 that two records are one person, with the reasons."""
    reasons = [r for r in (feature(left, right, rarity) for feature in FEATURES) if r is not None]
    reasons.sort(key=lambda r: -abs(r.contribution))
    logit = BIAS + sum(r.contribution for r in reasons)
    return Score(1.0 / (1.0 + math.exp(-logit)), tuple(reasons))
