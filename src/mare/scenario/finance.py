"""Money traces: hawala deposits, money-transfer orders, bank transfers to collectors.

A financial unit reports the broker (with his office), the people who paid
(a migrant's relative deposits the price with the broker, to be released on
arrival), the money-transfer orders migrants sent to recruiters, and the
transfers into the collectors' bank accounts.
"""

from __future__ import annotations

from datetime import timedelta

from mare.scenario import dice
from mare.scenario.events import open_sheet, pick_day
from mare.scenario.members import new_person
from mare.scenario.money import MTO, mtcn, price
from mare.scenario.networks import Network
from mare.scenario.persons import address_entity, person
from mare.scenario.sheet import Sheet
from mare.scenario.traces import bank_account, payment
from mare.scenario.world import World


def finance(world: World, net: Network, part: int) -> Sheet:
    r0 = dice.rng(world.seed, net.id, "finance", part)
    sheet = open_sheet(
        world,
        net,
        "finance",
        net.route.reporters["finance"],
        pick_day(r0, net.start + 20, net.end + 30),
        part,
    )
    r = sheet.r
    route = net.route
    low, high, currency = route.price
    brokers = net.role("broker")
    broker = brokers[0] if brokers else r.choice(net.members)
    office = next((p for p in net.places if p.use == "office"), None)
    broker_id = person(sheet, broker, "suspect", address=office, phones=True)
    if office is not None:
        address_entity(sheet, office)
    migrants = [m for t in net.trips for m in t.migrants]
    organisers = net.role("organiser") or net.members
    for migrant in dice.some(r, migrants, 1, 4):
        amount = price(r, low, high)
        when = sheet.when - timedelta(days=r.randint(5, 60))
        if r.random() < 0.6:  # a relative deposits the price with the broker
            relative = new_person(world, r, route, "relative", migrant.main.origin.key, None)
            relative.role = "relative"
            net.others.append(relative)
            payer = person(sheet, relative, "contact", note="relative of a migrant")
            person(sheet, migrant, "victim", documents="none")
            payment(sheet, payer, broker_id, amount, currency, when, "hawala")
        else:  # the migrant sends a money-transfer order to a recruiter
            recruiter = r.choice(net.role("recruiter") or organisers)
            payer = person(sheet, migrant, "victim", documents="none")
            payee = person(sheet, recruiter, "suspect")
            payment(
                sheet,
                payer,
                payee,
                amount // 2,
                currency,
                when,
                r.choice(MTO),
                control=mtcn(world.serials),
            )
    for account in net.bank_accounts:
        holder = next((p for p in net.members if p.id == account.holder), None)
        if holder is None:
            continue
        holder_id = person(sheet, holder, "suspect")
        account_id = bank_account(sheet, account, holder_id)
        for _ in range(r.randint(1, 3)):
            when = sheet.when - timedelta(days=r.randint(1, 50))
            payment(
                sheet,
                broker_id,
                holder_id,
                price(r, 3 * low, 8 * high),
                "EUR",
                when,
                "bank transfer",
                beneficiary_account=account_id,
            )
    organiser = r.choice(organisers)
    organiser_id = person(sheet, organiser, "suspect", documents="number")
    payment(
        sheet,
        broker_id,
        organiser_id,
        price(r, 5 * low, 10 * high),
        currency,
        sheet.when - timedelta(days=2),
        "hawala",
    )
    sheet.facts.update(
        subject=f"Financial flows of a smuggling network ({route.label})",
        text="Hawala deposits for crossings, money-transfer orders and bank transfers to "
        "collectors identified in a financial investigation.",
    )
    return sheet
