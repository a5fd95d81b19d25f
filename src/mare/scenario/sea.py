"""Traces at sea: departures stopped, landings, the mothership.

A landing is reported by the arrival side: the boat, the skipper (whom the
passengers point out), the passengers who gave statements (at the reception
centre, whose address and switchboard many of them give), and the skipper's
phone or the satellite phone found on board. A departure stopped on the
origin side yields the boat, the skipper, a facilitator on the beach and the
passengers (who try again on a later boat). A mothership is reported by two
partners, one of which still knows it under its former name and flag.
"""

from __future__ import annotations

from mare.scenario import dice
from mare.scenario.events import open_sheet, seized_phone
from mare.scenario.members import boat
from mare.scenario.networks import Network, Trip
from mare.scenario.objects import vessel
from mare.scenario.persons import person
from mare.scenario.sheet import Sheet
from mare.scenario.world import World


def _passengers(sheet: Sheet, trip: Trip, low: int, high: int, country: str) -> int:
    r = sheet.r
    centre = sheet.world.centres.get(country)
    chosen = dice.some(r, trip.migrants, low, high)
    for migrant in chosen:
        at_centre = centre is not None and r.random() < 0.4
        person(
            sheet,
            migrant,
            r.choice(("witness", "victim")),
            address=centre[0] if at_centre and centre else None,
            also=centre[1] if at_centre and centre and r.random() < 0.3 else None,
            documents="entity" if r.random() < 0.3 else "none",
        )
    return len(chosen)


def _patrol(sheet: Sheet, net: Network) -> int:
    """Fishing vessels inspected in the area and let go: they smuggle nothing (some bear
    a smuggling boat's name: boat names are common)."""
    r = sheet.r
    count = r.randint(1, 2) if r.random() < 0.35 else 0
    for _ in range(count):
        found = boat(sheet.world, r, net.route, net.id, "fishing")
        found.smuggling = False
        found.networks.clear()
        net.vessels.append(found)
        vessel(sheet, found)
    return count


def landing(world: World, net: Network, trip: Trip, part: int) -> Sheet:
    country, place = trip.arrival
    weights = {
        p: w
        for p, w in net.route.reporters["landing"].items()
        if p[:2].lower() == country or (p.startswith("UK") and country == "gb")
    }
    sheet = open_sheet(
        world, net, "landing", weights or net.route.reporters["landing"], trip.day + 1, part
    )
    r = sheet.r
    boat = vessel(sheet, trip.vessel) if trip.vessel else None
    skipper_id = ""
    if trip.skipper is not None:
        how = "document" if trip.skipper.main.documents and r.random() < 0.5 else "heard"
        skipper_id = person(
            sheet, trip.skipper, "suspect", how=how, note="identified by passengers as the skipper"
        )
        if boat:
            sheet.link(
                "UnknownLink",
                {"subject": [skipper_id], "object": [boat], "role": ["skipper"]},
                "skipper-of",
            )
        seized_phone(sheet, trip.skipper, skipper_id, net, extra=trip.satphone)
    heard = _passengers(sheet, trip, 2, 6, country)
    checked = _patrol(sheet, net)
    kind = trip.vessel.kind if trip.vessel else "boat"
    sheet.facts.update(
        subject=f"Landing at {place}: {kind.replace('_', ' ')} with {trip.aboard} migrants, "
        "skipper arrested",
        text=f"On {sheet.when:%d %B %Y} a {kind.replace('_', ' ')} that left {trip.departure} "
        f"arrived at {place} with {trip.aboard} people on board. The skipper was identified "
        f"by the passengers and arrested; {heard} passengers gave statements. "
        "The phone(s) found on board were examined."
        + (
            f" {checked} fishing vessel(s) inspected in the area, nothing found." if checked else ""
        ),
        place=place,
    )
    return sheet


def departure(world: World, net: Network, trip: Trip, part: int) -> Sheet:
    sheet = open_sheet(world, net, "departure", net.route.reporters["departure"], trip.day, part)
    r = sheet.r
    if trip.vessel:
        vessel(sheet, trip.vessel)
    if trip.skipper is not None:
        skipper_id = person(sheet, trip.skipper, "suspect")
        if r.random() < 0.5:
            seized_phone(sheet, trip.skipper, skipper_id, net, extra=trip.satphone)
    helpers = net.role("facilitator") + net.role("driver")
    if helpers and r.random() < 0.5:
        helper = r.choice(helpers)
        helper_id = person(sheet, helper, "suspect", note="arrested at the departure point")
        seized_phone(sheet, helper, helper_id, net, sea=False)
    heard = _passengers(sheet, trip, 1, 4, "")
    _patrol(sheet, net)
    sheet.facts.update(
        subject=f"Departure stopped near {trip.departure}: {trip.aboard} migrants, crew arrested",
        text=f"On {sheet.when:%d %B %Y} a boat about to leave {trip.departure} with "
        f"{trip.aboard} people was stopped. The crew was arrested; {heard} passengers are "
        "listed. They are likely to try again.",
    )
    return sheet


def mothership(world: World, net: Network, part: int) -> list[Sheet]:
    ship = next((v for v in net.vessels if v.kind == "mothership"), None)
    if ship is None or not net.trips:
        return []
    reporters = dict(net.route.reporters["mothership"])
    sheets = []
    for k, old_name in enumerate((False, True)):
        if old_name and (not reporters or dice.rng(world.seed, net.id, "ms").random() < 0.3):
            break
        day = net.trips[-1].day + 3 + 10 * k
        sheet = open_sheet(world, net, "mothership", reporters, day, (part, k))
        reporters.pop(sheet.partner.id, None)
        vessel(sheet, ship, old_name=old_name)
        crew = net.role("facilitator")[:1] + [t.skipper for t in net.trips[:1] if t.skipper]
        for member in crew:
            person(sheet, member, "suspect", note="crew of the mother vessel")
        name = (ship.previous if old_name else ship.name)[0]
        sheet.facts.update(
            subject=f"Mother vessel {name} towing boats towards Lampedusa",
            text="A fishing trawler was observed towing smaller boats out of Libyan waters and "
            "recovering their crews; AIS was switched off during the operations.",
        )
        sheets.append(sheet)
    return sheets
