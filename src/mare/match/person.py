"""Is this the same person? A list of small named features, each with its reason.

Every feature compares one aspect of two person records and returns its
contribution to the log-odds of "same person" together with the values it
compared, so an analyst sees why. The weights are a first hand-set version;
issue 3's accuracy benchmark calibrates them (docs/matching.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from mare.match import names
from mare.normalize import dates

BIAS = -4.0
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


Feature = Callable[[PersonRecord, PersonRecord], Reason | None]


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


def identifier(left: PersonRecord, right: PersonRecord) -> Reason | None:
    shared = left.keys & right.keys
    if not shared:
        return None
    key = sorted(shared, key=lambda k: (k.split(":", 1)[0] not in STRONG_KINDS, k))[0]
    kind = key.split(":", 1)[0]
    weight = 7.0 if kind in STRONG_KINDS else 4.0 if kind in PERSONAL_KINDS else 2.0
    return Reason(f"identifier:{kind}", key, key, weight)


def name(left: PersonRecord, right: PersonRecord) -> Reason | None:
    if not left.names or not right.names:
        return None
    score, a, b = _best(left.names, right.names, names.compare)
    if score == 0.0:
        a, b = left.names[0], right.names[0]
    # 1.0 -> +4, 0.75 -> 0, 0.5 and below -> -4
    contribution = max(-4.0, min(4.0, (score - 0.75) * 16.0))
    return Reason("name", a, b, contribution)


def birth_date(left: PersonRecord, right: PersonRecord) -> Reason | None:
    if not left.birth_dates or not right.birth_dates:
        return None
    score, a, b = _best(left.birth_dates, right.birth_dates, dates.compare)
    if score >= 1.0:
        contribution = 3.0
    elif score >= 0.8:
        contribution = 1.5  # partial date agreeing
    elif score >= 0.5:
        contribution = 0.5  # swapped or one digit off
    else:
        a, b = left.birth_dates[0], right.birth_dates[0]
        contribution = -3.0
    return Reason("birth_date", a, b, contribution)


def nationality(left: PersonRecord, right: PersonRecord) -> Reason | None:
    if not left.nationalities or not right.nationalities:
        return None
    shared = set(left.nationalities) & set(right.nationalities)
    if shared:
        code = sorted(shared)[0]
        return Reason("nationality", code, code, 0.5)
    return Reason("nationality", left.nationalities[0], right.nationalities[0], -0.5)


def gender(left: PersonRecord, right: PersonRecord) -> Reason | None:
    if not left.genders or not right.genders or set(left.genders) & set(right.genders):
        return None
    return Reason("gender", left.genders[0], right.genders[0], -2.0)


FEATURES: tuple[Feature, ...] = (identifier, name, birth_date, nationality, gender)


def score(left: PersonRecord, right: PersonRecord) -> Score:
    """Probability-like score 0..1 that two records are one person, with the reasons."""
    reasons = [r for r in (feature(left, right) for feature in FEATURES) if r is not None]
    reasons.sort(key=lambda r: -abs(r.contribution))
    logit = BIAS + sum(r.contribution for r in reasons)
    return Score(1.0 / (1.0 + math.exp(-logit)), tuple(reasons))
