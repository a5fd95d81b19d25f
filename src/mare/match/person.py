"""Is this the same person? A list of small named features, each with its reason.

Every feature compares one aspect of two person records and returns its
contribution to the log-odds of "same person", with the values it compared,
so an analyst sees why. Contributions are Fellegi-Sunter weights ln(m/u):
m is how often the comparison comes out so when the two records are one
person, u how often when they are two people drawn at random. The score is
the logistic of their sum and the prior log-odds that two held records are
one person: one in the number of persons held (`NameRarity.population`).
The m and u are documented in docs/matching.md; name-token u come from the
held data (`mare.match.rarity`).

The name feature weighs each token agreement by the token's rarity, and
counts against a match every token that conflicts (another given name,
another father) more than a token one side lacks (a father's name a partner
did not write): a brother, a cousin or a namesake with another birth date
must score below a true match written in another script with half its
values missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from mare.match import birth, names
from mare.match.names import Level
from mare.match.rarity import DEFAULT, YEARS, NameRarity


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
    # The names are what someone saved in a phone or an address book (a
    # contact with no birth date): besides the name that agrees, their words
    # may be a place, a trade or a kinship word ("Mohammed Tobruk", "Mehmet
    # abi", "Kaptan Ahmet"), not another family name.
    label: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """One piece of evidence: which feature, the values compared, its contribution."""

    feature: str
    left: str
    right: str
    contribution: float
    detail: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "feature": self.feature,
            "left": self.left,
            "right": self.right,
            "contribution": round(self.contribution, 3),
        }
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True, slots=True)
class Score:
    score: float
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


Feature = Callable[[PersonRecord, PersonRecord, NameRarity], Reason | None]


def _weight(m: float, u: float) -> float:
    return math.log(m / u)


# -- names -------------------------------------------------------------------
TOKEN_SAME_M = 0.85  # an aligned token of a true match is the same name
TYPO_DISCOUNT = math.log(8)  # a slip of the pen is 8 times rarer in true matches
SKELETON = _weight(0.04, 0.08)  # same consonants, other vowels (Hassan / Hussein)
CONFLICT = _weight(0.03, 0.95)  # another name where the other has one
INITIAL = 0.0  # an initial agreeing with the name: neither for nor against
EXTRA = _weight(0.35, 0.55)  # a token only one side wrote (a father's name left out)
REORDERED = _weight(0.05, 0.50)  # given and father's names swapped: father and son
# One word against a full name is a label (a nickname in a seized phone's
# contacts, "Azaad" for Hassan Asad Dilschad): another word there says less.
# So does a contact's label (`PersonRecord.label`) of one word against one
# word (two phones keep one number as "Aziz" and "Rebwar"), and every other
# word of a contact's label that agrees with the name on some token.
LABEL = _weight(0.35, 0.95)
MAX_EXTRA = 2
# Agreements beyond the second are not independent evidence (a family's
# names go together): they count for less.
DIMINISH = (1.0, 1.0, 0.6, 0.4, 0.3)
# Two names that agree on some tokens and have another name where the other
# has one are the pattern of relatives (brothers, a father and son, cousins:
# one family name, one grandfather): their agreement is what a family shares,
# not independent evidence of one person. Then every agreement but the
# strongest counts for this much.
RELATIVES = 0.25


def token_weight(pair: names.Pair, rarity: NameRarity) -> float:
    u = max((rarity.token_u(k) for k in pair.keys), default=rarity.token_u("n:"))
    same = _weight(TOKEN_SAME_M, u)
    if pair.level >= Level.SAME:
        return same
    return same - TYPO_DISCOUNT


FULL_M = 0.70  # a true match agrees on the whole of one side's name


def _whole(alignment: names.Alignment, left: str, right: str, rarity: NameRarity) -> float | None:
    """What agreeing on the whole of a name is worth at most: ln(m/u) with u the
    share of other held persons carrying exactly that name (given and family
    names go together by origin: "Marian Popescu" is commoner than its
    tokens' shares multiplied say); it only bites when the store knows it.
    It bounds the agreeing tokens of two names that also conflict, too: two
    people agreeing on all but one token agree on less than the whole name;
    and each token agreeing only up to a typo takes its discount off the
    bound (Mebrahtu / Mebrahtom are two names, or one mistyped)."""
    if len(alignment.agree) < 2:
        return None
    keys = [names.full_key(left), names.full_key(right)]
    shares = []
    for key, text in zip(keys, (left, right), strict=True):
        if key is None:
            continue
        prior = math.prod(rarity.token_u(f"t:{t}") for t in names.tokens(text))
        shares.append(rarity.name_u(key, prior, own=keys.count(key)))
    if not shares:
        return None
    typos = sum(1 for p in alignment.agree if p.level < Level.SAME)
    return _weight(FULL_M, max(shares)) - TYPO_DISCOUNT * typos


def name_weight(
    alignment: names.Alignment,
    rarity: NameRarity,
    left: str = "",
    right: str = "",
    contact: bool = False,
) -> float:
    """The weight of two names' alignment; ``contact`` when one of them is a
    contact's label (`PersonRecord.label`)."""
    agree = sorted((token_weight(p, rarity) for p in alignment.agree), reverse=True)
    sizes = sorted((len(names.tokens(left)), len(names.tokens(right))))
    label = (sizes[0] == 1 and (sizes[1] >= 2 or contact)) or (contact and bool(alignment.agree))
    if not label and any(p.level is Level.DIFFERENT for p in alignment.conflict):
        total = sum(w * (1.0 if i == 0 else RELATIVES) for i, w in enumerate(agree))
    else:
        total = sum(w * DIMINISH[min(i, len(DIMINISH) - 1)] for i, w in enumerate(agree))
    whole = _whole(alignment, left, right, rarity)
    if whole is not None:
        total = min(total, whole)
    for pair in alignment.conflict:
        if pair.level is Level.SKELETON:
            total += SKELETON
        elif pair.level is Level.INITIAL:
            total += INITIAL
        else:
            total += LABEL if label else CONFLICT
    if alignment.reordered:
        total += REORDERED
    return total + EXTRA * min(len(alignment.extra), MAX_EXTRA)


def _part_of(short: str, full: str) -> bool:
    """Whether every token of ``short`` is a token of ``full``, spelt alike or as a
    variant, and ``full`` has more."""
    if len(names.tokens(short)) >= len(names.tokens(full)):
        return False
    found = names.align(short, full)
    return (
        not found.conflict
        and all(p.level >= Level.SAME for p in found.agree)
        and all(t in names.parse_name(full).shown for t in found.extra)
    )


@lru_cache(maxsize=65536)
def fullest(texts: tuple[str, ...]) -> tuple[str, ...]:
    """A record's names less those that are part of another of its names ("Haj
    Hisham" beside "Hicham El Fassi"): a short form of one's own name says
    nothing the full one does not, and compared alone it would hide what the
    full name contradicts (another family name)."""
    found = tuple(text for text in texts if names.tokens(text))
    if len(found) < 2:
        return found
    return tuple(t for t in found if not any(_part_of(t, other) for other in found if other != t))


def name(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    best: tuple[float, str, str, names.Alignment] | None = None
    contact = left.label or right.label
    for a in fullest(left.names):
        for b in fullest(right.names):
            alignment = names.align(a, b)
            weight = name_weight(alignment, rarity, a, b, contact)
            if best is None or weight > best[0]:
                best = (weight, a, b, alignment)
    if best is None:
        return None
    weight, a, b, alignment = best
    detail = alignment.detail()
    if contact and alignment.agree and alignment.conflict:
        detail += " (a contact's label)"
    return Reason("name", a, b, weight, detail)


# -- birth dates ---------------------------------------------------------------

DAY = 1 / (365 * YEARS)  # the u of one given day, when no day's own count applies
# m of each outcome; the u of SAME_DAY is the day's own share (`NameRarity.day_u`).
DATE_M: dict[birth.Outcome, float] = {
    birth.Outcome.SAME_DAY: 0.80,
    birth.Outcome.SAME_PLACEHOLDER: 0.90,
    birth.Outcome.SWAPPED: 0.03,
    birth.Outcome.ONE_DIGIT: 0.04,
    birth.Outcome.YEAR_OFF_BY_ONE: 0.02,
    birth.Outcome.SAME_MONTH: 0.02,
    birth.Outcome.TWO_PARTS: 0.02,
    birth.Outcome.SAME_YEAR: 0.90,
    birth.Outcome.SAME_YEAR_ONLY: 0.01,
    birth.Outcome.YEAR_NEAR: 0.05,
    birth.Outcome.YEAR_TYPO: 0.01,
    birth.Outcome.BROKEN_NEAR: 0.02,
    birth.Outcome.DIFFERENT: 0.02,
}
DATE_U: dict[birth.Outcome, float] = {
    birth.Outcome.SAME_DAY: DAY,
    birth.Outcome.SAME_PLACEHOLDER: 1 / (2 * YEARS),  # as its year, a little stronger
    birth.Outcome.SWAPPED: DAY,
    birth.Outcome.ONE_DIGIT: 20 * DAY,
    birth.Outcome.YEAR_OFF_BY_ONE: 2 * DAY,
    birth.Outcome.SAME_MONTH: 1 / (12 * YEARS),
    birth.Outcome.TWO_PARTS: 2 / (12 * YEARS),
    birth.Outcome.SAME_YEAR: 1 / YEARS,
    birth.Outcome.SAME_YEAR_ONLY: 1 / YEARS,
    birth.Outcome.YEAR_NEAR: 2 / YEARS,
    birth.Outcome.YEAR_TYPO: 0.25,
    birth.Outcome.BROKEN_NEAR: 20 * DAY,
    birth.Outcome.DIFFERENT: 0.90,
}


def date_weight(outcome: birth.Outcome, day: str, held: NameRarity) -> float:
    u = held.day_u(day) if outcome is birth.Outcome.SAME_DAY else DATE_U[outcome]
    return _weight(DATE_M[outcome], u)


def birth_date(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    best: tuple[float, str, str, birth.Outcome] | None = None
    for a in left.birth_dates:
        for b in right.birth_dates:
            outcome = birth.compare(a, b)
            if outcome is birth.Outcome.BROKEN:
                continue
            weight = date_weight(outcome, a, rarity)
            if best is None or weight > best[0]:
                best = (weight, a, b, outcome)
    if best is None:
        return None
    weight, a, b, outcome = best
    return Reason("birth_date", a, b, weight, outcome.value)


# -- nationality, gender, address ----------------------------------------------
# People claim other nationalities (m of a mismatch is not small); genders
# differ only by error.
NATIONALITY_SAME = _weight(0.85, 0.15)
NATIONALITY_OTHER = _weight(0.15, 0.85)
GENDER_OTHER = _weight(0.01, 0.50)
# People move: a different address says little against a match.
ADDRESS_WEIGHTS: tuple[tuple[float, float], ...] = (
    (0.95, _weight(0.60, 0.002)),  # the same address
    (0.80, _weight(0.20, 0.02)),  # mostly the same (a typo, a missing part)
    (0.00, _weight(0.20, 0.978)),  # another address
)


def nationality(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    if not left.nationalities or not right.nationalities:
        return None
    shared = set(left.nationalities) & set(right.nationalities)
    if shared:
        code = sorted(shared)[0]
        return Reason("nationality", code, code, NATIONALITY_SAME)
    return Reason("nationality", left.nationalities[0], right.nationalities[0], NATIONALITY_OTHER)


def gender(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    if not left.genders or not right.genders or set(left.genders) & set(right.genders):
        return None
    return Reason("gender", left.genders[0], right.genders[0], GENDER_OTHER)


def _address_similarity(left: str, right: str) -> float:
    return float(fuzz.token_set_ratio(left.lower(), right.lower())) / 100.0


def address(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    if not left.addresses or not right.addresses:
        return None
    best = (0.0, left.addresses[0], right.addresses[0])
    for a in left.addresses:
        for b in right.addresses:
            similarity = _address_similarity(a, b)
            if similarity > best[0]:
                best = (similarity, a, b)
    similarity, a, b = best
    weight = next(w for floor, w in ADDRESS_WEIGHTS if similarity >= floor)
    return Reason("address", a, b, weight)


# -- identifiers -----------------------------------------------------------------
# A shared identifier is strong evidence: two random persons almost never share
# one (the index caps generic ones: a hotline links nobody). What it means when
# the names and dates disagree (one passport or phone under two identities) is
# the `link` band's business (`Family.band`).
IDENTIFIER_WEIGHTS = {
    "document": 12.0,  # the same number from the same issuing country
    "imei": 12.0,  # one handset
    "docnum": 10.0,  # the same document number, its country not given on one side
    "phone": 11.0,  # a number someone's contacts save under their name is theirs
    "email": 11.0,
    "account": 11.0,
    "wallet": 11.0,
    "iban": 10.0,  # accounts are held jointly
}
IDENTIFIER_OTHER = 2.0
# A second identifier shared besides the first (two phone numbers, a phone and
# a passport) is what one person's records have and two people's seldom do:
# a handed-on phone or a reused passport explains one shared value, not two.
# m: a third of true pairs sharing one identifier share another; u: one in
# fifty pairs of two people sharing one. Counted for two more at most.
ANOTHER_IDENTIFIER = _weight(0.33, 0.02)
MAX_ANOTHER = 2


def _identifier_weight(key: str) -> float:
    return IDENTIFIER_WEIGHTS.get(key.split(":", 1)[0], IDENTIFIER_OTHER)


def _independent(shared: set[str] | frozenset[str]) -> list[str]:
    """The shared keys, strongest first, one per value: a document's number keyed
    with its country and alone (``document:sy:N1``, ``docnum:N1``) is one document."""
    out: list[str] = []
    numbers: set[str] = set()
    for key in sorted(shared, key=lambda k: (-_identifier_weight(k), k)):
        kind, _, value = key.partition(":")
        if kind in ("document", "docnum"):
            number = value.rsplit(":", 1)[-1]
            if number in numbers:
                continue
            numbers.add(number)
        out.append(key)
    return out


def identifier(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    shared = left.keys & right.keys
    if not shared:
        return None
    key = _independent(shared)[0]
    return Reason(f"identifier:{key.split(':', 1)[0]}", key, key, _identifier_weight(key))


def identifiers(left: PersonRecord, right: PersonRecord, rarity: NameRarity) -> Reason | None:
    """Further identifiers shared besides the strongest (`identifier`). Not an
    ``identifier:`` feature: it weighs against what contradicts the pair when
    `Family.band` asks whether one identifier is shared under two identities."""
    others = _independent(left.keys & right.keys)[1:]
    if not others:
        return None
    shown = ", ".join(others)
    weight = ANOTHER_IDENTIFIER * min(len(others), MAX_ANOTHER)
    return Reason("more_identifiers", shown, shown, weight, f"{len(others)} more shared")


FEATURES: tuple[Feature, ...] = (
    identifier,
    identifiers,
    name,
    birth_date,
    nationality,
    gender,
    address,
)


# The weights are conservative (m estimated low, u from counts that lump
# spelling variants): on the accuracy benchmark's sets the prior one in the
# number held puts the best decision at a score of 0.1 to 0.45. This offset,
# measured there (docs/benchmarks.md), brings it to about 0.5.
CALIBRATION = 1.2
MATCH = 0.5  # auto-link: more likely the same person than not
REVIEW = 0.1  # an analyst should look


def prior(rarity: NameRarity) -> float:
    """Log-odds that two held person records are one person, before any evidence."""
    return CALIBRATION - math.log(rarity.population())


# -- corroboration -----------------------------------------------------------------
# A name, however rare it looks, is not enough to link two people: the
# weights treat name tokens as independent draws, but given and family names
# go together by origin, and so does nationality, so two records agreeing on
# a name and a nationality and on nothing else are the commonest false hit
# there is (a namesake). Such a pair is at most one to review: its log-odds
# are bent smoothly under the logit of `UNCORROBORATED` (the order of such
# pairs is kept, so the likeliest are reviewed first) and the bend is shown
# as a reason of its own.
CORROBORATING = ("identifier:", "birth_date", "address")
# Two full birth dates that differ in the day (same year and month) or in one
# of the three parts are weighed as they are, but do not corroborate a name:
# a true pair with both dates written has them the same or one slip apart,
# and namesakes of one cohort agree on the year and month as often (on the
# scenario benchmark, 3 of 21 such auto-links were true).
NOT_CORROBORATING = frozenset({birth.Outcome.SAME_MONTH.value, birth.Outcome.TWO_PARTS.value})
UNCORROBORATED = 0.45  # the highest score of a pair agreeing only on name, nationality, gender
BEND = 3.0  # how sharply: a pair well under the ceiling keeps its score


def uncorroborated(
    logit: float,
    reasons: list[Reason],
    corroborating: tuple[str, ...],
    ceiling: float,
    detail: str,
) -> float:
    """The log-odds of a pair, bent under the logit of ``ceiling`` when its
    positive evidence is only its names (and what goes with them): then the
    bend is appended to ``reasons`` as a negative reason of its own. Unbent
    when a feature starting with one of ``corroborating`` speaks for the pair
    or no name was compared."""
    if not any(r.feature == "name" for r in reasons):
        return logit
    if any(
        r.contribution > 0
        and r.feature.startswith(corroborating)
        and r.detail not in NOT_CORROBORATING
        for r in reasons
    ):
        return logit
    cap = math.log(ceiling / (1.0 - ceiling))
    # a sharp softmin(logit, cap): below both, close to the lower one, monotone
    bent = -_logaddexp(-BEND * logit, -BEND * cap) / BEND
    reasons.append(Reason("uncorroborated", "", "", bent - logit, detail))
    return bent


def _logaddexp(a: float, b: float) -> float:
    top = max(a, b)
    return top + math.log1p(math.exp(-abs(a - b)))


def score(left: PersonRecord, right: PersonRecord, rarity: NameRarity | None = None) -> Score:
    """Probability-like score 0..1 that two records are one person, with the reasons."""
    held = rarity if rarity is not None else DEFAULT
    reasons = [r for r in (feature(left, right, held) for feature in FEATURES) if r is not None]
    logit = uncorroborated(
        prior(held) + sum(r.contribution for r in reasons),
        reasons,
        CORROBORATING,
        UNCORROBORATED,
        "name only: no date, identifier or address agrees",
    )
    reasons.sort(key=lambda r: -abs(r.contribution))
    return Score(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit)))), tuple(reasons))


__all__ = [
    "FEATURES",
    "NameRarity",
    "PersonRecord",
    "Reason",
    "Score",
    "prior",
    "score",
    "uncorroborated",
]
