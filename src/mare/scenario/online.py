"""Online traces: the accounts that advertise crossings and their posts."""

from __future__ import annotations

from datetime import timedelta

from mare.scenario import adverts, dice
from mare.scenario import phones as phonebook
from mare.scenario.events import open_sheet, pick_day
from mare.scenario.money import price
from mare.scenario.networks import Network
from mare.scenario.persons import person
from mare.scenario.sheet import Sheet
from mare.scenario.traces import account, post
from mare.scenario.world import World

AD_STYLES = {"international": 0.4, "e164": 0.3, "idd": 0.2, "plain": 0.1}


def adverts_of(world: World, net: Network, part: int) -> Sheet:
    """An online-investigation report: accounts advertising crossings, and their posts."""
    r0 = dice.rng(world.seed, net.id, "advert", part)
    sheet = open_sheet(
        world,
        net,
        "advert",
        net.route.reporters["advert"],
        pick_day(r0, max(0, net.start - 10), net.start + 25),
        part,
    )
    r = sheet.r
    route = net.route
    low, high, currency = route.price
    advertisers = [a for a in net.accounts if a.service != "whatsapp"] or net.accounts
    if not advertisers:
        return sheet
    owners = {p.id: p for p in net.members}
    count = 0
    for acc in dice.some(r, advertisers, 1, 2):
        owner = owners.get(acc.owner or "")
        owner_id = None
        if owner is not None and r.random() < 0.4:  # the account holder is identified
            owner_id = person(sheet, owner, "suspect", how="account")
        sender = account(sheet, acc, owner_id)
        language = dice.pick(r, route.languages)
        for k in range(r.randint(1, 3)):
            if owner is None or not owner.phones:
                break
            phone = r.choice(owner.phones)
            written, tags = phonebook.write(r, phone, frozenset(), AD_STYLES)
            dest = r.choice(list(route.arrivals))
            text = adverts.advert(
                r,
                language,
                dest,
                r.choice(route.departure_places),
                price(r, low, high),
                currency,
                written,
            )
            when = sheet.when.replace(hour=8) - timedelta(days=k * 3)
            post(
                sheet,
                world.new_id("M"),
                sender,
                text,
                language,
                when,
                [(written, phone, tags)],
                True,
            )
            count += 1
    if r.random() < 0.6:  # an NGO's post with the hotline, among the adverts
        sender = account(sheet, world.ngo)
        language = dice.pick(r, route.languages)
        hotline, tags = phonebook.write(r, world.hotline, frozenset(), AD_STYLES)
        text, mentions = adverts.other_post(r, language, hotline)
        post(
            sheet,
            world.new_id("M"),
            sender,
            text,
            language,
            sheet.when,
            [(hotline, world.hotline, tags)] if mentions else [],
            False,
        )
    sheet.facts.update(
        subject=f"Social-media accounts offering crossings ({route.label})",
        text=f"Online investigation: {count} posts offering crossings with prices and "
        "contact numbers; the accounts and posts are listed.",
    )
    return sheet
