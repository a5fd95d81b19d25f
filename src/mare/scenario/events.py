"""What every trace has in common: opening a partner's sheet, and a seized phone.

A seized phone is what most arrests yield: the handset (its IMEI), the
contacts saved in it (other members, under nicknames), the rescue hotline
(saved in most phones that cross by sea), and call records with the people
the holder works with.
"""

from __future__ import annotations

import random
from datetime import timedelta

from mare.scenario import dice
from mare.scenario.networks import Network
from mare.scenario.objects import handset
from mare.scenario.partners import partner
from mare.scenario.people import Person
from mare.scenario.persons import contact
from mare.scenario.phones import Phone
from mare.scenario.sheet import Sheet
from mare.scenario.traces import call, hotline_entry
from mare.scenario.world import World


def open_sheet(
    world: World, net: Network, event: str, weights: dict[str, float], day: int, part: object
) -> Sheet:
    """A new message of the partner drawn from ``weights`` about ``net``."""
    r = dice.rng(world.seed, "event", net.id, event, part)
    sender = partner(dice.pick(r, weights))
    day = max(0, min(day, world.weeks * 7 - 1))
    return Sheet(world, sender, r, world.moment(net.index, day, (event, part)), event, net.id)


def handset_of(sheet: Sheet, person: Person, holder: str) -> None:
    if person.imei:
        handset(sheet, person.imei, f"H-{person.id}", holder)


def seized_phone(
    sheet: Sheet,
    owner: Person,
    owner_id: str,
    net: Network,
    sea: bool = True,
    extra: Phone | None = None,
) -> None:
    """The contacts and calls found on ``owner``'s phone."""
    r = sheet.r
    handset_of(sheet, owner, owner_id)
    others = [p for p in net.members if p is not owner and p.phones]
    known = dice.some(r, others, 2, 5)
    contacts = {p.id: contact(sheet, p, owner_id) for p in known}
    if sea and r.random() < 0.6:
        hotline_entry(sheet, owner_id)
    mine = [p for p in owner.phones if p.kind != "satellite"] or owner.phones
    if extra is not None:
        mine = [*mine, extra]
    for other in dice.some(r, known, 1, 4):
        for _ in range(r.randint(1, 3)):
            when = sheet.when - timedelta(days=r.randint(1, 40), minutes=r.randint(0, 900))
            pair = ((owner_id, r.choice(mine)), (contacts[other.id], r.choice(other.phones)))
            if r.random() < 0.4:
                pair = (pair[1], pair[0])
            call(sheet, pair[0], pair[1], when, r.randint(15, 900))
    if sea and extra is not None and r.random() < 0.7:
        when = sheet.when - timedelta(hours=r.randint(2, 30))
        call(sheet, (owner_id, extra), (None, sheet.world.hotline), when, r.randint(30, 400))


def pick_day(r: random.Random, low: int, high: int) -> int:
    return r.randint(low, max(low, high))
