"""The people of a network and what they carry: phones, handsets, papers, accounts.

`new_person` draws a person of an origin for a role, with phones of the
countries the role works in, perhaps a handset whose IMEI partners find, the
papers the person holds, and the false nationalities the person claims;
`second_identity` gives a member another name with a forged passport.
"""

from __future__ import annotations

import random

from mare.scenario import documents, vessels
from mare.scenario.accounts import SERVICES, WORDS, Account, new_handle
from mare.scenario.dice import chance, pick
from mare.scenario.money import BankAccount, banks, open_account
from mare.scenario.origins import ORIGINS
from mare.scenario.people import Person, can_be_female, new_identity, nickname
from mare.scenario.phones import _shape
from mare.scenario.places import CITIES, Place, new_place
from mare.scenario.routes import Route
from mare.scenario.vessels import Vessel
from mare.scenario.world import World

AGES = {
    "organiser": (30, 58),
    "recruiter": (22, 45),
    "facilitator": (22, 50),
    "driver": (20, 55),
    "skipper": (18, 52),
    "forger": (28, 60),
    "broker": (35, 66),
    "safe_house_keeper": (25, 60),
    "migrant": (16, 45),
    "relative": (25, 65),
}
PLATES = {
    "rs": "BG-{n:03d}-{L}",
    "bg": "CA{n:04d}{L}",
    "ro": "B-{n:04d}-{L}",
    "hu": "{L}-{n:03d}",
    "at": "W-{n:05d}{L}",
    "de": "M-{L} {n:04d}",
    "pl": "WA {n:05d}{L}",
    "fr": "{L}-{n:03d}-{L}",
    "gb": "{L}19 {n:04d}",
    "gr": "{L}-{n:04d}",
    "nl": "{L}-{n:03d}-{L}",
    "be": "1-{L}-{n:03d}",
    "tr": "34 {L} {n:04d}",
    "al": "AA {n:03d}{L}",
    "ua": "AA{n:04d}{L}",
}


def _phone_regions(route: Route, nationality: str, role: str) -> list[str]:
    regions = [nationality, route.departure, *route.arrivals]
    if role in ("broker", "facilitator", "driver"):
        regions.append(route.broker_city[0])
    usable = []
    for region in regions:
        try:
            _shape(region, "mobile")
        except ValueError:
            continue
        usable.append(region)
    return usable or ["tr"]


def new_person(
    world: World, r: random.Random, route: Route, role: str, origin_key: str, network: str | None
) -> Person:
    """A person of ``origin_key`` with phones, a handset, perhaps false claims."""
    person_id = world.new_id("P")
    identity = new_identity(r, person_id, ORIGINS[origin_key], world.today, AGES[role])
    person = Person(person_id, role, [identity])
    if network is not None and role not in ("migrant", "relative"):
        person.networks.append(network)
        person.roles[network] = role
    regions = _phone_regions(route, identity.nationality, role)
    many = role not in ("migrant", "relative")
    for _ in range(r.randint(1, 3) if many else 1):
        region = r.choice(regions[:1] if not many and chance(r, 0.6) else regions)
        phone = world.phone(region)
        phone.holders.append(person_id)
        person.phones.append(phone)
    if chance(r, 0.7 if many else 0.3):
        tac = r.choice(("35", "86", "01", "35", "35"))
        body = f"{tac}{world.serials.draw('imei', 10**12):012d}"
        person.imei = body + _luhn(body)
    claims = identity.origin.claims.get(identity.nationality, ())
    if claims and chance(r, 0.3 if role == "migrant" else 0.1):
        person.claimed = tuple(claims)
    person.nickname = nickname(r, identity, r.choice(route.departure_places))
    _papers(world, r, person, role)
    return person


def _luhn(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def _papers(world: World, r: random.Random, person: Person, role: str) -> None:
    identity = person.main
    nat = identity.nationality
    data = (
        identity.surname(),
        identity.given_names(),
        identity.birth,
        "F" if identity.gender == "female" else "M",
        nat,
    )
    if nat in documents.PASSPORT_PATTERNS and chance(r, 0.35 if role == "migrant" else 0.6):
        doc = documents.issue(
            r, world.serials, world.new_id("D"), "passport", nat, data, world.today
        )
        doc.holders.append(person.id)
        identity.documents.append(doc)
    if nat in documents.ID_CARD_PATTERNS and chance(r, 0.3):
        doc = documents.issue(
            r, world.serials, world.new_id("D"), "id_card", nat, data, world.today
        )
        doc.holders.append(person.id)
        identity.documents.append(doc)
    elif nat in documents.NATIONAL_IDS and chance(r, 0.3):
        doc = documents.issue(
            r, world.serials, world.new_id("D"), "national_id", nat, data, world.today
        )
        doc.holders.append(person.id)
        identity.documents.append(doc)


def second_identity(world: World, r: random.Random, person: Person, route: Route) -> None:
    """Give a member a second identity with a forged passport of another country."""
    origin_key = pick(r, route.roles.get(person.role) or route.migrants)
    if person.main.gender == "female" and not can_be_female(ORIGINS[origin_key]):
        origin_key = person.main.origin.key
    key = f"{person.id}.2"
    alias = new_identity(
        r, key, ORIGINS[origin_key], world.today, AGES[person.role], person.main.gender
    )
    country = r.choice(("it", "gr", "fr", "es", "be", "pl", "ro", alias.nationality))
    if country not in documents.PASSPORT_PATTERNS:
        country = "gr"
    data = (
        alias.surname(),
        alias.given_names(),
        alias.birth,
        "F" if alias.gender == "female" else "M",
        country,
    )
    doc = documents.issue(
        r, world.serials, world.new_id("D"), "passport", country, data, world.today
    )
    documents.forge(r, doc)
    doc.holders.append(person.id)
    alias.documents.append(doc)
    person.identities.append(alias)


def account_for(
    world: World, r: random.Random, person: Person, route: Route, service: str | None = None
) -> Account:
    service = service or pick(r, SERVICES)
    language = pick(r, route.languages)
    if service == "whatsapp":
        phone = r.choice(person.phones)
        acc = Account(world.new_id("A"), "whatsapp", phone.e164, "", person.id, phone.id)
    else:
        nick = person.nickname[0].split(" ")[-1] if chance(r, 0.5) else ""
        handle = new_handle(
            r, world.serials, service, language if language in WORDS else "en", nick
        )
        display = person.nickname[0] if chance(r, 0.5) else " ".join(handle.split("_")[:2])
        acc = Account(world.new_id("A"), service, handle, display, person.id)
    person.accounts.append(acc)
    return acc


def bank_for(world: World, r: random.Random, person: Person, country: str) -> BankAccount:
    country = country if country in banks() else "tr"
    return open_account(r, world.serials, world.new_id("B"), country, person.id)


def place_in(world: World, use: str, city: str) -> Place:
    return new_place(world.serials, world.new_id("L"), use, city if city in CITIES else "Wien")


def boat(
    world: World, r: random.Random, route: Route, network_id: str, kind: str | None = None
) -> Vessel:
    found = vessels.build(
        r, world.serials, world.new_id("V"), kind or pick(r, route.boats), route.departure
    )
    found.networks.append(network_id)
    return found


def plate(world: World, country: str) -> str:
    """A registration plate of the country's shape (unique per country)."""
    template = PLATES.get(country, PLATES["de"])
    n = world.serials.draw(f"plate:{country}", 26**2 * 10**4)
    letters = chr(65 + n // 260000) + chr(65 + (n // 10000) % 26)
    return template.format(n=n % 10**4, L=letters)
