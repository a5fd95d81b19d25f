"""The people of the scenario as they really are: names, births, identities.

A person has one true identity and possibly more (an organiser who travels
as someone else, with another name, birth date and often another claimed
nationality), phones, a handset, accounts, a nickname under which others
save their number (``Abu Khaled``, ``Haji Zabih``, ``Kak Rebwar``,
``Kaptan Murat``), and the false nationalities they claim. A namesake is a
different person with exactly the same name and nationality (common names
are shared by many), born on another date: the decoy the hub must not link.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from mare.scenario.accounts import Account
from mare.scenario.dice import chance, pick, zipf
from mare.scenario.documents import Document
from mare.scenario.names import NamePart, pool
from mare.scenario.origins import Origin
from mare.scenario.phones import Phone

# Family names are more evenly spread than given names (the commonest given name of
# a community is far commoner than its commonest family name): Zipf exponent.
FAMILY_SKEW = 0.5


@dataclass(slots=True)
class Identity:
    """A name, birth date and nationality a person lives or travels under."""

    key: str  # truth identity id: the person id, or "<person>.2" for a second identity
    origin: Origin
    given: NamePart
    father: NamePart | None
    family: NamePart | None
    middle: NamePart | None
    birth: date
    gender: str  # male, female
    nationality: str
    documents: list[Document] = field(default_factory=list)

    @property
    def name_key(self) -> str:
        """The name as one key (for namesakes): the native forms of its parts."""
        parts = (self.middle, self.given, self.father, self.family)
        return " ".join(p.native for p in parts if p is not None)

    def surname(self, convention: str = "passport") -> str:
        part = self.family or self.father
        return part.form(convention) if part else ""

    def given_names(self, convention: str = "passport") -> str:
        parts = [self.middle, self.given] + ([self.father] if self.family else [])
        return " ".join(p.form(convention) for p in parts if p is not None)


@dataclass(slots=True)
class Person:
    id: str
    role: str  # routes.ROLES or routes.OTHER_ROLES
    identities: list[Identity]
    networks: list[str] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    imei: str = ""
    accounts: list[Account] = field(default_factory=list)
    nickname: tuple[str, str] = ("", "")  # (Latin, native)
    claimed: tuple[str, ...] = ()  # false nationalities
    decoy_group: str = ""
    roles: dict[str, str] = field(default_factory=dict)  # network -> role

    @property
    def main(self) -> Identity:
        return self.identities[0]

    def truth(self) -> dict[str, object]:
        main = self.main
        return {
            "kind": "person",
            "id": self.id,
            "name": " ".join(
                p.passport for p in (main.middle, main.given, main.father, main.family) if p
            ),
            "native": main.name_key,
            "birth_date": main.birth.isoformat(),
            "gender": main.gender,
            "nationality": main.nationality,
            "origin": main.origin.key,
            "claimed_nationalities": list(self.claimed),
            "role": self.role,
            "networks": self.networks,
            "roles": self.roles,
            "identities": [
                {
                    "id": i.key,
                    "name": f"{i.given_names()} {i.surname()}".strip(),
                    "birth_date": i.birth.isoformat(),
                    "nationality": i.nationality,
                }
                for i in self.identities
            ],
            "phones": [p.id for p in self.phones],
            "accounts": [a.id for a in self.accounts],
            "documents": [d.id for i in self.identities for d in i.documents],
            "decoy_group": self.decoy_group or None,
        }


def _has(pool_name: str, kind: str) -> bool:
    try:
        pool(pool_name, kind)
    except KeyError:
        return False
    return True


def can_be_female(origin: Origin) -> bool:
    return any(_has(p, "f") for p in origin.given)


def _part(r: random.Random, pools: tuple[str, ...], kind: str, given: tuple[str, ...]) -> NamePart:
    name = r.choice([p for p in pools if p == "=m" or _has(p, kind)])
    if name == "=m":  # a male given name serving as family name (patronymic societies)
        return zipf(r, pool(r.choice(given), "m"))
    return zipf(r, pool(name, kind), FAMILY_SKEW if kind == "s" else 1.0)


def new_identity(
    r: random.Random,
    key: str,
    origin: Origin,
    today: date,
    ages: tuple[int, int],
    gender: str | None = None,
) -> Identity:
    """A plausible identity of a person from ``origin`` aged within ``ages``."""
    if gender is None or not can_be_female(origin):
        gender = "female" if can_be_female(origin) and chance(r, origin.female) else "male"
    kind = "f" if gender == "female" else "m"
    given = _part(r, origin.given, kind, origin.given)
    father = _part(r, origin.given, "m", origin.given) if chance(r, origin.father) else None
    family = None if chance(r, origin.no_family) else _part(r, origin.family, "s", origin.given)
    if family is None and father is None:
        father = _part(r, origin.given, "m", origin.given)
    middle = None
    if origin.middle:
        middle = zipf(r, pool(origin.given[0], "xf" if gender == "female" else "xm"))
    age_days = r.randint(ages[0] * 365, ages[1] * 365 + 364)
    birth = today - timedelta(days=age_days)
    if chance(r, origin.unknown_birthday):
        birth = date(birth.year, 1, 1)
    nationality = pick(r, origin.nationalities)
    return Identity(key, origin, given, father, family, middle, birth, gender, nationality)


def namesake(r: random.Random, key: str, other: Identity, today: date) -> Identity:
    """A different person with the same name and nationality, born at least two years apart."""
    shift = r.choice((-1, 1)) * r.randint(2 * 365, 12 * 365)
    birth = other.birth + timedelta(days=shift)
    if birth > today - timedelta(days=16 * 365):
        birth = other.birth - timedelta(days=abs(shift))
    return Identity(
        key,
        other.origin,
        other.given,
        other.father,
        other.family,
        other.middle,
        birth,
        other.gender,
        other.nationality,
    )


def nickname(r: random.Random, identity: Identity, place: str) -> tuple[str, str]:
    """How others save this person's number: (Latin, native script or "")."""
    origin = identity.origin
    given = identity.given
    style = r.random()
    if origin.script == "arabic" and origin.key not in ("afghan", "iran", "pakistan"):
        if origin.key == "kurd_iq":
            return f"Kak {given.form('en')}", f"کاک {given.native}"
        if style < 0.5:
            son = zipf(r, pool(origin.given[0], "m"))
            return f"Abu {son.form('en')}", f"أبو {son.native}"
        if style < 0.8:
            return f"{given.form('en')} {place}", ""
        return f"Haj {given.form('en')}", f"الحاج {given.native}"
    if origin.key in ("afghan", "pakistan", "iran"):
        return (
            (f"Haji {given.form('en')}", f"حاجی {given.native}")
            if style < 0.5
            else (f"{given.form('en')} {place}", "")
        )
    if origin.key in ("turkish", "kurd_sy"):
        return (f"Kaptan {given.form('tr')}" if style < 0.4 else f"{given.form('tr')} abi"), ""
    if style < 0.3:
        return f"Captain {given.form('en')}", ""
    return f"{given.form('en')} {place}", ""
