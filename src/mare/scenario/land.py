"""Traces on land: arrests, raids on safe houses, forged documents at borders,
migrants checked again further on, and intelligence on the organisers."""

from __future__ import annotations

from mare.scenario import dice
from mare.scenario.events import open_sheet, pick_day, seized_phone
from mare.scenario.networks import Network
from mare.scenario.objects import document, vehicle
from mare.scenario.persons import address_entity, person
from mare.scenario.sheet import Sheet
from mare.scenario.world import World


def arrest(world: World, net: Network, part: int) -> Sheet:
    """A facilitator or driver arrested (overland: with the van and its passengers)."""
    r0 = dice.rng(world.seed, net.id, "arrest", part)
    trip = r0.choice(net.trips)
    day = trip.day if trip.vehicle else pick_day(r0, net.start + 10, net.end)
    sheet = open_sheet(world, net, "arrest", net.route.reporters["arrest"], day, part)
    r = sheet.r
    pool = net.role("driver") + net.role("facilitator") or net.members
    who = trip.skipper if trip.vehicle and trip.skipper else r.choice(pool)
    how = "document" if who.main.documents and r.random() < 0.6 else "heard"
    identity = who.identities[-1] if len(who.identities) > 1 and r.random() < 0.5 else None
    who_id = person(sheet, who, "suspect", how=how, identity=identity)
    seized_phone(sheet, who, who_id, net, sea=False)
    if trip.vehicle:
        vehicle_id, plate, model, country = trip.vehicle
        van = vehicle(sheet, vehicle_id, plate, model, country)
        sheet.link(
            "UnknownLink", {"subject": [who_id], "object": [van], "role": ["driver"]}, "driver-of"
        )
        for migrant in dice.some(r, trip.migrants, 2, 6):
            person(sheet, migrant, "victim", documents="none")
    sheet.facts.update(
        subject=f"Arrest of a {who.roles.get(net.id, who.role).replace('_', ' ')} "
        f"({net.route.label})",
        text=f"On {sheet.when:%d %B %Y} a suspect was arrested"
        + (f" driving a {trip.vehicle[2]} with {trip.aboard} migrants" if trip.vehicle else "")
        + ". His phone was seized and examined.",
    )
    return sheet


def raid(world: World, net: Network, part: int) -> Sheet:
    r0 = dice.rng(world.seed, net.id, "raid", part)
    sheet = open_sheet(
        world, net, "raid", net.route.reporters["raid"], pick_day(r0, net.start + 15, net.end), part
    )
    r = sheet.r
    houses = [p for p in net.places if p.use == "safe_house"] or net.places
    house = r.choice(houses)
    keepers = net.role("safe_house_keeper")
    address = address_entity(sheet, house)
    if keepers:
        keeper = r.choice(keepers)
        keeper_id = person(sheet, keeper, "suspect", address=house)
        seized_phone(sheet, keeper, keeper_id, net, sea=False)
    found = [m for t in net.trips for m in t.migrants]
    for migrant in dice.some(r, found, 2, 5):
        person(sheet, migrant, "victim", address=house, documents="none")
    for doc in dice.some(r, net.forged, 0, 3):
        document(sheet, doc, None)
    sheet.facts.update(
        subject=f"Search of a safe house in {house.city}",
        text=f"A flat used to lodge migrants before departure was searched ({house.city}). "
        "The keeper was arrested; migrants and documents were found on the premises.",
        address=address,
    )
    return sheet


def fraud(world: World, net: Network, part: int) -> Sheet:
    """A forged or borrowed document detected at a border or an airport."""
    r0 = dice.rng(world.seed, net.id, "document", part)
    sheet = open_sheet(
        world,
        net,
        "document",
        net.route.reporters["document"],
        pick_day(r0, net.start + 10, net.end + 20),
        part,
    )
    r = sheet.r
    aliased = [p for p in net.members if len(p.identities) > 1]
    if aliased and (not net.forged or r.random() < 0.4):
        who = r.choice(aliased)
        person(sheet, who, "suspect", identity=who.identities[1], how="document")
        sheet.facts.update(
            subject="Forged passport detected at border control",
            text="A traveller presented a passport whose MRZ fails its checks.",
        )
        return sheet
    migrants = [m for t in net.trips for m in t.migrants]
    if not net.forged or not migrants:
        who = r.choice(migrants or net.members)
        person(sheet, who, "suspect", how="document")
        sheet.facts.update(subject="Document check", text="Routine document check.")
        return sheet
    doc = r.choice(net.forged)
    who = r.choice(migrants)
    if who.id not in doc.holders:
        doc.holders.append(who.id)
    holder = person(sheet, who, "suspect", documents="none")
    document(sheet, doc, holder)
    sheet.facts.update(
        subject="Forged passport detected at border control",
        text=f"A traveller presented a {doc.country.upper()} passport in a name not his own; "
        + (
            "the MRZ check digits do not match the data page."
            if "MRZ" in (doc.forgery or "")
            else "the data page was altered."
        ),
    )
    return sheet


def secondary(world: World, net: Network, part: int) -> Sheet:
    """Migrants of an earlier crossing checked again in another country."""
    r0 = dice.rng(world.seed, net.id, "secondary", part)
    trip = r0.choice(net.trips)
    sheet = open_sheet(
        world,
        net,
        "secondary",
        net.route.reporters["secondary"],
        pick_day(r0, trip.day + 5, trip.day + 45),
        part,
    )
    r = sheet.r
    for migrant in dice.some(r, trip.migrants, 1, 4):
        if r.random() < 0.4:  # a new local SIM card
            phone = world.phone(sheet.partner.country if sheet.partner.country != "gb" else "gb")
            phone.holders.append(migrant.id)
            migrant.phones.append(phone)
        person(
            sheet,
            migrant,
            r.choice(("witness", "victim")),
            documents="entity" if r.random() < 0.4 else "none",
        )
    sheet.facts.update(
        subject="Irregular migrants apprehended; statements on the smugglers",
        text=f"Migrants apprehended on {sheet.when:%d %B %Y} stated they had crossed with "
        "a smuggling network and named contacts and phone numbers.",
    )
    return sheet


def intelligence(world: World, net: Network, part: int) -> Sheet:
    r0 = dice.rng(world.seed, net.id, "intelligence", part)
    sheet = open_sheet(
        world,
        net,
        "intelligence",
        net.route.reporters["intelligence"],
        pick_day(r0, net.start, net.end + 10),
        part,
    )
    r = sheet.r
    leaders = net.role("organiser") + net.role("broker") + net.role("recruiter")
    for who in dice.some(r, leaders, 1, 3):
        category = "potential_offender" if r.random() < 0.4 else "suspect"
        who_id = person(sheet, who, category, documents="number")
        home = r.choice(net.places) if net.places and r.random() < 0.3 else None
        if home is not None:
            sheet.link(
                "UnknownLink",
                {
                    "subject": [who_id],
                    "object": [address_entity(sheet, home)],
                    "role": ["uses address"],
                },
                "uses-address",
            )
    sheet.facts.update(
        subject=f"Intelligence on the leaders of a network ({net.route.label})",
        text="Information from an ongoing investigation on persons directing crossings.",
    )
    return sheet
