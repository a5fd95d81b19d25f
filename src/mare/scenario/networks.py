"""A smuggling network: its members and their roles, phones, papers, boats, money.

A network works one route for a few weeks: one or two organisers, recruiters
who advertise online, facilitators and drivers, skippers (on some routes a
migrant who steers for a free passage), a forger, a hawala broker (often the
same broker several networks use), safe-house keepers. Members carry phones
of their own and of the countries they work in, some a second identity with
a forged passport. The network runs crossings (`Trip`), each with the people
on board that partners later hear as witnesses or meet again further on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from mare.scenario import documents
from mare.scenario.accounts import Account
from mare.scenario.dice import chance, pick
from mare.scenario.members import (
    account_for,
    bank_for,
    boat,
    new_person,
    place_in,
    plate,
    second_identity,
)
from mare.scenario.money import BankAccount
from mare.scenario.origins import ORIGINS
from mare.scenario.people import Person, namesake, new_identity
from mare.scenario.phones import Phone, _shape
from mare.scenario.places import Place
from mare.scenario.routes import ROUTES, Route
from mare.scenario.vessels import Vessel
from mare.scenario.world import World

COUNTS = {
    "organiser": (1, 2),
    "recruiter": (1, 3),
    "facilitator": (1, 2),
    "driver": (0, 1),
    "forger": (0, 1),
    "broker": (1, 1),
    "safe_house_keeper": (1, 2),
}
VAN_MODELS = (
    "Mercedes-Benz Sprinter",
    "Ford Transit",
    "Renault Master",
    "Fiat Ducato",
    "Volkswagen Transporter",
    "Opel Vivaro",
)
ABOARD = {
    "fishing": (150, 480),
    "wooden": (40, 120),
    "rubber": (30, 60),
    "small_boat": (40, 75),
    "iron": (30, 45),
    "yacht": (60, 110),
    "speedboat": (10, 30),
    "mothership": (0, 0),
}
ALIAS_ROLES = ("organiser", "facilitator", "forger", "broker", "driver", "recruiter")


@dataclass(slots=True)
class Trip:
    day: int
    vessel: Vessel | None
    skipper: Person | None
    migrants: list[Person]  # those partners will hear of
    aboard: int
    arrival: tuple[str, str]  # (country, place)
    departure: str
    intercepted: bool = False  # stopped at departure by the origin side
    satphone: Phone | None = None
    vehicle: tuple[str, str, str, str] | None = None  # (id, plate, model, country)


@dataclass(slots=True)
class Network:
    id: str
    index: int
    route: Route
    start: int  # first day of activity
    end: int
    members: list[Person] = field(default_factory=list)
    shared: set[str] = field(default_factory=set)  # members from the broker pool
    others: list[Person] = field(default_factory=list)  # migrants, relatives, namesakes
    trips: list[Trip] = field(default_factory=list)
    vessels: list[Vessel] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)  # safe houses, office
    bank_accounts: list[BankAccount] = field(default_factory=list)
    forged: list[documents.Document] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)

    def role(self, name: str) -> list[Person]:
        return [p for p in self.members if p.roles.get(self.id) == name]

    def truth(self) -> dict[str, object]:
        return {
            "kind": "network",
            "id": self.id,
            "route": self.route.key,
            "label": self.route.label,
            "members": [p.id for p in self.members],
            "first_day": self.start,
            "last_day": self.end,
        }


def _broker(world: World, r: random.Random, net: Network) -> Person:
    """The network's hawala broker: often one that other networks use too."""
    city = net.route.broker_city[1]
    held = world.brokers.get(city)
    if held is not None and held[1] < 3 and chance(r, 0.5):
        person: Person = held[0]
        uses: int = held[1]
        person.networks.append(net.id)
        person.roles[net.id] = "broker"
        world.brokers[city] = (person, uses + 1)
    else:
        if held is not None:
            world.retire(held[0])
        origin = pick(r, net.route.roles["broker"])
        person = new_person(world, r, net.route, "broker", origin, net.id)
        world.brokers[city] = (person, 1)
    net.shared.add(person.id)
    return person


def _members(world: World, r: random.Random, net: Network) -> None:
    route = net.route
    for role, (low, high) in COUNTS.items():
        if role not in route.roles:
            continue
        if role == "driver" and route.key in ("balkans", "channel"):
            low, high = 2, 3
        for _ in range(r.randint(low, high)):
            if role == "broker":
                net.members.append(_broker(world, r, net))
                continue
            origin = pick(r, route.roles[role])
            net.members.append(new_person(world, r, route, role, origin, net.id))
    for person in net.members:
        if person.id in net.shared or person.role not in ALIAS_ROLES:
            continue
        if chance(r, 0.08):
            second_identity(world, r, person, route)
        if person.role == "recruiter" or (person.role == "organiser" and chance(r, 0.3)):
            for _ in range(r.randint(1, 2)):
                net.accounts.append(account_for(world, r, person, route))
            if chance(r, 0.5):
                net.accounts.append(account_for(world, r, person, route, "whatsapp"))


def _places(world: World, r: random.Random, net: Network) -> None:
    route = net.route
    for keeper in net.role("safe_house_keeper"):
        net.places.append(place_in(world, "safe_house", r.choice(route.safe_houses)[1]))
        del keeper
    net.places.append(place_in(world, "office", route.broker_city[1]))
    collectors = net.role("facilitator")[:1] + net.role("broker")[:1]
    for person in collectors:
        country = r.choice([route.broker_city[0], *route.arrivals, "tr"])
        net.bank_accounts.append(bank_for(world, r, person, country))
    for forger in net.role("forger"):
        for _ in range(r.randint(2, 4)):
            country = r.choice(("it", "gr", "fr", "es", "be", "se", "de", "sy", "iq"))
            country = country if country in documents.PASSPORT_PATTERNS else "gr"
            who = new_identity(r, "forged", ORIGINS[pick(r, route.migrants)], world.today, (18, 45))
            data = (
                who.surname(),
                who.given_names(),
                who.birth,
                "F" if who.gender == "female" else "M",
                country,
            )
            doc = documents.issue(
                r, world.serials, world.new_id("D"), "passport", country, data, world.today
            )
            net.forged.append(documents.forge(r, doc))
        del forger


def _trip(world: World, r: random.Random, net: Network, day: int, previous: Trip | None) -> Trip:
    route = net.route
    country = r.choice(list(route.arrivals))
    arrival = (country, r.choice(route.arrivals[country]))
    migrants = [
        new_person(world, r, route, "migrant", pick(r, route.migrants), None)
        for _ in range(r.randint(3, 8))
    ]
    net.others.extend(migrants)
    if not route.boats:  # overland: a van
        driver = r.choice(net.role("driver") or net.members)
        country = r.choice(("rs", "bg", "ro", "hu", "at", "de", "tr"))
        vehicle = (world.new_id("X"), plate(world, country), r.choice(VAN_MODELS), country)
        return Trip(
            day, None, driver, migrants, r.randint(8, 25), arrival, route.departure, vehicle=vehicle
        )
    vessel = None
    if previous is not None and previous.vessel and previous.vessel.kind in ("fishing", "yacht"):
        vessel = previous.vessel if chance(r, 0.3) else None
    if vessel is None:
        vessel = boat(world, r, route, net.id)
        net.vessels.append(vessel)
    skipper = previous.skipper if previous and chance(r, 0.2) else None
    if skipper is None:
        origin = pick(r, route.roles["skipper"])
        skipper = new_person(world, r, route, "skipper", origin, net.id)
        net.members.append(skipper)
    low, high = ABOARD[vessel.kind]
    trip = Trip(
        day,
        vessel,
        skipper,
        migrants,
        r.randint(low, high),
        arrival,
        r.choice(route.departure_places),
    )
    if vessel.kind in ("fishing", "wooden", "yacht", "iron") and chance(r, 0.6):
        shared = previous.satphone if previous and previous.satphone and chance(r, 0.5) else None
        trip.satphone = shared or world.phone("", "satellite")
        trip.satphone.holders.append(skipper.id)
    trip.intercepted = "departure" in route.reporters and chance(r, 0.2)
    return trip


def _namesakes(world: World, r: random.Random, net: Network) -> None:
    """Now and then a different person with the same name as someone of the network."""
    people = [p for p in net.members if p.id not in net.shared] + net.others
    for _ in range(r.randint(0, 2)):
        original = r.choice(people)
        twin_id = world.new_id("P")
        twin = Person(twin_id, "migrant", [namesake(r, twin_id, original.main, world.today)])
        twin.phones.append(world.phone(_sim(original.main.nationality)))
        twin.phones[0].holders.append(twin_id)
        group = original.decoy_group or world.new_id("G")
        original.decoy_group = twin.decoy_group = group
        trip = r.choice(net.trips)
        trip.migrants.append(twin)
        net.others.append(twin)


def _sim(nationality: str) -> str:
    try:
        _shape(nationality, "mobile")
    except ValueError:
        return "tr"
    return nationality


def build(world: World, index: int, r: random.Random) -> Network:
    """A network of a route drawn with the routes' shares."""
    route = ROUTES[pick(r, {key: route.share for key, route in ROUTES.items()})]
    span = world.weeks * 7
    length = r.randint(35, 80)
    start = r.randint(0, span - length - 1)
    net = Network(world.new_id("N"), index, route, start, start + length)
    _members(world, r, net)
    _places(world, r, net)
    previous: Trip | None = None
    for _ in range(r.randint(3, 6)):
        previous = _trip(world, r, net, r.randint(start + 5, start + length - 10), previous)
        net.trips.append(previous)
    net.trips.sort(key=lambda t: t.day)
    if route.key == "central_med_ly" and chance(r, 0.4):
        net.vessels.append(boat(world, r, route, net.id, "mothership"))
    _namesakes(world, r, net)
    return net
