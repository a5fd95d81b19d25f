"""Is this the same organisation? Small named features, each with its reason.

Organisations (FtM Organization, Company, PublicBody, and LegalEntity
records that are not people) are compared on their names without legal
forms (`mare.match.objectnames`: ``Al Noor Travel Agency LLC`` and
``AL-NOOR TRAVEL AGENCY L.L.C.`` are the same name), the legal forms
themselves, their identifiers (LEI, registration and tax numbers, the
phone, e-mail and the IBAN of accounts they own), their countries and
their addresses.

A company name is chosen to be unique in its register, so an exact name of
several distinctive words weighs more than a person's name; a short one
(``Al Noor``) weighs less. The same name under another jurisdiction is often
another company of a group: different countries count against.

Weights are ln(m/u) (`mare.match.evidence`) with m and u estimated for
candidate pairs sharing a name or identifier key; the bias is the prior
log-odds that such a pair is one organisation (about 1 in 50). The table is
in docs/matching.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from rigour.addresses import match_addresses

from mare.match import objectnames
from mare.match.evidence import Reason, Score, level, weight
from mare.match.evidence import score as total

BIAS = math.log(1 / 50)
MATCH = 0.7
REVIEW = 0.5

# Identifier kinds the builder adds to the keys (``registration:HRB12345``).
REGISTERED_KINDS = ("registration", "tax")
LEI_SAME = weight(0.90, 0.0001)  # ISO 17442: one code per legal entity, for life
LEI_OTHER = weight(0.01, 0.90)
REGISTERED_SAME = weight(0.90, 0.001)  # a registration or tax number, same country
REGISTERED_OTHER = weight(0.10, 0.80)  # several registers, formats: not a disproof
STRONG_KINDS = ("imo",)  # a company IMO number (ship owners and managers)
CONTACT_KINDS = ("phone", "email", "iban")  # shared by related firms and front offices
STRONG_SAME = weight(0.90, 0.001)
CONTACT_SAME = weight(0.35, 0.006)
OTHER_SAME = 2.0

NAME_SAME_M = 0.70
# u of an exact name agreement by the number of distinctive words.
NAME_SAME_U = {1: 0.03, 2: 0.01}
NAME_SAME_U_MANY = 0.002
NAME_LEVELS: tuple[tuple[float, float], ...] = (
    (0.90, weight(0.15, 0.01)),  # a variant, a typo, a number on one side only
    (0.75, weight(0.07, 0.10)),  # partly the same
    (0.00, weight(0.08, 0.89)),  # different (renamed, a trade name)
)
NAME_SAME_FLOOR = 0.97
NAME_OTHER_NUMBER = weight(0.01, 0.05)  # Star 1 Holding / Star 2 Holding
FORM_SAME = weight(0.50, 0.35)
FORM_OTHER = weight(0.10, 0.40)  # an LLC and a joint-stock company
COUNTRY_SAME = weight(0.85, 0.40)
COUNTRY_OTHER = weight(0.10, 0.60)
ADDRESS_LEVELS: tuple[tuple[float, float], ...] = (
    (0.90, weight(0.40, 0.005)),  # the same address
    (0.60, weight(0.20, 0.05)),  # mostly the same, or less specific
    (0.00, weight(0.40, 0.945)),  # another address: firms move, have several
)


@dataclass(frozen=True, slots=True)
class OrganizationRecord:
    """What the matcher knows of one organisation: normalised values only.

    ``keys`` are identifier keys, including ``lei:``, ``registration:`` and
    ``tax:`` numbers (upper-case letters and digits); ``countries`` ISO
    alpha-2 codes of its jurisdiction and countries.
    """

    id: str
    names: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()


def keys(record: OrganizationRecord) -> set[str]:
    """Blocking keys: identifiers (``oi:lei:…``), name words and pairs (``on:nr``,
    ``op:nr|trfl``) and the name written together (``ow:noortravelagency``)."""
    out = {f"oi:{k}" for k in record.keys}
    for name in record.names:
        out |= objectnames.keys("o", objectnames.organisation(name))
    return out


def _of(record: OrganizationRecord, kind: str) -> list[str]:
    return sorted(k for k in record.keys if k.split(":", 1)[0] == kind)


def _countries_conflict(left: OrganizationRecord, right: OrganizationRecord) -> bool:
    return bool(left.countries and right.countries) and set(left.countries).isdisjoint(
        right.countries
    )


def lei(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    a, b = _of(left, "lei"), _of(right, "lei")
    if not a or not b:
        return None
    shared = sorted(set(a) & set(b))
    if shared:
        return Reason("identifier:lei", shared[0], shared[0], LEI_SAME)
    return Reason("identifier:lei", a[0], b[0], LEI_OTHER)


def _digits(number: str) -> str:
    return "".join(c for c in number if c.isdigit())


def _same_number(a: str, b: str) -> bool:
    """The same number, or the same digits of five or more (``HRB 12345`` / ``12345``,
    ``IT01234567890`` / ``01234567890``)."""
    return a == b or (len(_digits(a)) >= 5 and _digits(a) == _digits(b))


def _registered(kind: str, left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    """Numbers of one country's registers (or of unknown countries): the same number,
    or different ones. Numbers of two countries' registers say nothing of each
    other, even when they are equal (``12345`` in Germany and in Italy)."""
    a, b = _of(left, kind), _of(right, kind)
    if not a or not b or _countries_conflict(left, right):
        return None
    feature = f"identifier:{kind}"
    for x in a:
        for y in b:
            if _same_number(x, y):
                return Reason(feature, x, y, REGISTERED_SAME)
    return Reason(feature, a[0], b[0], REGISTERED_OTHER)


def registration(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    return _registered("registration", left, right)


def tax_number(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    return _registered("tax", left, right)


def other_identifier(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    """The strongest other shared identifier (an IMO company number, a phone, an IBAN)."""
    ranked = []
    for key in left.keys & right.keys:
        kind = key.split(":", 1)[0]
        if kind in ("lei", *REGISTERED_KINDS):
            continue
        strength = (
            STRONG_SAME
            if kind in STRONG_KINDS
            else CONTACT_SAME
            if kind in CONTACT_KINDS
            else OTHER_SAME
        )
        ranked.append((-strength, key, kind))
    if not ranked:
        return None
    strength, key, kind = min(ranked)
    return Reason(f"identifier:{kind}", key, key, -strength)


def _name_weight(a: str, b: str) -> float:
    left, right = objectnames.organisation(a), objectnames.organisation(b)
    similarity = objectnames.similarity(left, right)
    if similarity >= NAME_SAME_FLOOR:
        words = min(len(left.words), len(right.words))
        return weight(NAME_SAME_M, NAME_SAME_U.get(words, NAME_SAME_U_MANY))
    if objectnames.numbers_differ(left, right) and similarity >= NAME_LEVELS[0][0]:
        return NAME_OTHER_NUMBER
    return level(similarity, NAME_LEVELS)


def name(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    """The pair of names (name, alias, earlier name) that agrees best."""
    if not left.names or not right.names:
        return None
    found = max(
        ((_name_weight(a, b), a, b) for a in left.names for b in right.names),
        key=lambda item: item[0],
    )
    return Reason("name", found[1], found[2], found[0])


def legal_form(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    """Generic legal forms (``llc``, ``jsc``) read from the names, when both have one."""
    a = {f for n in left.names for f in objectnames.organisation(n).forms}
    b = {f for n in right.names for f in objectnames.organisation(n).forms}
    if not a or not b:
        return None
    shared = sorted(a & b)
    if shared:
        return Reason("legal_form", shared[0], shared[0], FORM_SAME)
    return Reason("legal_form", sorted(a)[0], sorted(b)[0], FORM_OTHER)


def country(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    if not left.countries or not right.countries:
        return None
    shared = sorted(set(left.countries) & set(right.countries))
    if shared:
        return Reason("country", shared[0], shared[0], COUNTRY_SAME)
    return Reason("country", left.countries[0], right.countries[0], COUNTRY_OTHER)


def address(left: OrganizationRecord, right: OrganizationRecord) -> Reason | None:
    """The best pair of addresses, by rigour's address comparison."""
    found = match_addresses(list(left.addresses), list(right.addresses))
    if found is None:
        return None
    return Reason("address", found.query, found.result, level(found.score, ADDRESS_LEVELS))


Feature = Callable[[OrganizationRecord, OrganizationRecord], Reason | None]
FEATURES: tuple[Feature, ...] = (
    lei,
    registration,
    tax_number,
    other_identifier,
    name,
    legal_form,
    country,
    address,
)


def score(left: OrganizationRecord, right: OrganizationRecord, rarity: object = None) -> Score:
    """Probability-like score 0..1 that two records are one organisation, with the reasons."""
    return total(BIAS, (feature(left, right) for feature in FEATURES))
