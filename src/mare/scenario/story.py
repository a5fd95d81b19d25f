"""What partners see of a network: its traces in the order they happen.

Crossings stopped at departure are reported by the origin side (and some of
their passengers are on a later boat); the others by the arrival side. Then,
as many as the route's pattern says: online adverts (before the crossings),
arrests, safe-house raids, forged documents, financial investigations,
migrants met again further on, intelligence, and in the central
Mediterranean the mothership.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from mare.scenario import dice
from mare.scenario.finance import finance
from mare.scenario.land import arrest, fraud, intelligence, raid, secondary
from mare.scenario.networks import Network
from mare.scenario.online import adverts_of
from mare.scenario.sea import departure, landing, mothership
from mare.scenario.sheet import Sheet
from mare.scenario.world import World

Event = Callable[[World, Network, int], Sheet]
COUNTED: dict[str, Event] = {
    "advert": adverts_of,
    "arrest": arrest,
    "raid": raid,
    "document": fraud,
    "finance": finance,
    "secondary": secondary,
    "intelligence": intelligence,
}


def sheets(world: World, net: Network) -> Iterator[Sheet]:
    r = dice.rng(world.seed, "story", net.id)
    route = net.route
    part = 0
    low, high = route.events.get("advert", (0, 0))
    for _ in range(r.randint(low, high)):
        part += 1
        yield adverts_of(world, net, part)
    for i, trip in enumerate(net.trips):
        part += 1
        if trip.vessel is None:
            continue  # overland transports surface as arrests
        if trip.intercepted:
            yield departure(world, net, trip, part)
            if i + 1 < len(net.trips):  # they try again
                later = net.trips[i + 1]
                later.migrants.extend(dice.some(r, trip.migrants, 1, 3))
        elif r.random() < 0.85:
            yield landing(world, net, trip, part)
    for event, (low, high) in route.events.items():
        build = COUNTED.get(event)
        if build is None or event == "advert":
            continue
        for _ in range(r.randint(low, high)):
            part += 1
            yield build(world, net, part)
    if "mothership" in route.events:
        part += 1
        yield from mothership(world, net, part)
