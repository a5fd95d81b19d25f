"""How a partner writes a person's name.

The same man is ``محمد أحمد الخطيب`` to a Tunisian officer, ``ALKHATIB MOHAMED``
copied from his passport, ``Mohammed Al-Khatib`` to a British one, ``Mohamed El
Khatib`` to a French one, ``Abu Omar`` in a smuggler's phone book. A name is
written from a document (the passport's own spelling), by ear in the
officer's convention, in the native script (partners that write it, phone
books, profiles), or as a nickname; parts are dropped, swapped, misspelt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mare.scenario.names import CONVENTIONS, NamePart
from mare.scenario.noise import RATES, Rates, typo
from mare.scenario.partners import Partner
from mare.scenario.people import Identity, Person

ARAB_WORLD = frozenset({"levant", "egypt", "maghreb", "libya", "sudan"})
NON_LATIN = frozenset({"arabic", "ethiopic", "cyrillic", "bengali", "greek"})
# A partner whose officers write this script writes names of these origins in it
NATIVE_WRITERS = {
    "arabic": ARAB_WORLD,
    "cyrillic": frozenset({"serbian", "eu_bg"}),
    "greek": frozenset({"eu_gr"}),
}
# Partners writing the Latin orthography of their own language keep its letters
OWN_LATIN = {"tr": frozenset({"turkish", "kurd_sy"})}


@dataclass(slots=True)
class WrittenName:
    full: str
    first: str = ""
    last: str = ""
    father: str = ""
    tags: list[str] = field(default_factory=list)


def _native_script(
    identity: Identity, partner: Partner, how: str, r: random.Random, rates: Rates
) -> bool:
    if identity.origin.script not in NON_LATIN:
        return False
    if how == "native":
        return True
    if how in ("contact", "account"):
        return r.random() < 0.45
    writers = NATIVE_WRITERS.get(partner.native, frozenset())
    return identity.origin.key in writers and r.random() < rates.native_by_native_partner


def _latin(part: NamePart, convention: str, r: random.Random, rates: Rates, tags: list[str]) -> str:
    if part.alt and r.random() < rates.alt_spelling:
        tags.append("alternative-spelling")
        return r.choice(part.alt)
    return part.form(convention)


def write_name(
    r: random.Random, identity: Identity, partner: Partner, how: str = "heard", rates: Rates = RATES
) -> WrittenName:
    """The identity's name as ``partner`` writes it; ``how``: document, heard, native,
    contact (a phone-book entry) or account (a profile name)."""
    tags: list[str] = []
    origin = identity.origin
    native = _native_script(identity, partner, how, r, rates)
    convention = "passport" if how == "document" else partner.convention
    own_latin = origin.key in OWN_LATIN.get(partner.convention, frozenset())
    if native:
        tags.append("native-script")
    elif how == "document":
        tags.append("document-spelling")
    elif own_latin:
        native = True  # a Turkish officer writes Turkish names with Turkish letters
    elif r.random() < rates.other_convention:
        convention = r.choice(CONVENTIONS[1:])
        tags.append(f"spelling:{convention}")
    father = identity.father
    if father is not None and identity.family is not None and r.random() < rates.drop_father:
        father = None
        tags.append("father-name-dropped")
    if identity.family is None:
        tags.append("no-family-name")

    def form(part: NamePart | None) -> str:
        if part is None:
            return ""
        if native:
            return part.native
        if how == "document":
            return part.passport
        return _latin(part, convention, r, rates, tags)

    given = " ".join(x for x in (form(identity.middle), form(identity.given)) if x)
    family = form(identity.family) or form(identity.father)
    father_text = form(father) if identity.family is not None else ""
    if origin.family_first:
        order = [family, given] if r.random() < 0.6 else [given, family]
    elif r.random() < (rates.family_first_document if how == "document" else rates.family_first):
        order = [family, given, father_text]
        tags.append("family-name-first")
    else:
        order = [given, father_text, family]
    parts = [p for p in order if p]
    if not native and r.random() < rates.typo:
        i = r.randrange(len(parts))
        misspelt = typo(r, parts[i])
        if misspelt != parts[i]:
            parts[i] = misspelt
            tags.append("typo")
    full = " ".join(parts)
    if how == "document" and r.random() < 0.5:
        full = " ".join(w[:1] + w[1:].lower() for w in full.split(" "))
    elif how == "heard" and not native and r.random() < rates.upper_case:
        full = full.upper()
        tags.append("upper-case")
    return WrittenName(full, given, family, father_text, tags)


def write_contact(r: random.Random, person: Person, partner: Partner) -> WrittenName:
    """A phone-book entry: a nickname, a first name, or the name, often in native script."""
    latin, native_nick = person.nickname
    roll = r.random()
    if latin and roll < 0.5:
        use_native = bool(native_nick) and r.random() < 0.5
        return WrittenName(native_nick if use_native else latin, tags=["nickname"])
    written = write_name(r, person.main, partner, "contact")
    if roll < 0.75:
        first = written.full.split(" ")[0]
        return WrittenName(first, tags=[*written.tags, "given-name-only"])
    return written
