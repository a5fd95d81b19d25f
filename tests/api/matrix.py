"""The authorisation matrix's world: who holds what, and what each caller may see of it.

Built once per session (`world`): five organisations (the hub; DE-BKA, the
owner of the partner data; IT-SCO, a recipient; FR-OC, a case member; ES-GC,
an outsider), a user of each role, two cases, and one message per
(family × handling code × data-subject category), each carrying one person
with unique marker values (name, phone, subject line). The families set the
relation of each organisation to the data:

| family | sender → recipients | case | DE | IT | FR | ES | HUB |
|---|---|---|---|---|---|---|---|
| P | DE → IT | K-P (DE, FR), by reference | owner | recipient | member | outsider | outsider |
| H | DE → HUB | — | owner | outsider | outsider | outsider | recipient |
| K | DE → IT | K-H (DE, HUB), linked | owner | recipient | outsider | outsider | member |
| O | HUB → DE | — | recipient | outsider | outsider | outsider | owner |

The oracle below (`may_read`, `may_search`, `may_read_message`) is written
from the rule table of docs/exchange.md, independently of `policy.decide`.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from mare.exchange import Hub, OrgKind, Principal, Role, parties, tokens

P = "/api/v1"
HANDLING = ("H0", "H1", "H2", "H3")
CATEGORIES = ("suspect", "potential_offender", "contact", "victim", "witness", "informant", "minor")
FAMILIES = ("P", "H", "K", "O")
ORGS = {"HUB": None, "DE-BKA": "DE", "IT-SCO": "IT", "FR-OC": "FR", "ES-GC": "ES"}
USERS = {
    "de-inv": ("DE-BKA", Role.INVESTIGATOR),
    "it-inv": ("IT-SCO", Role.INVESTIGATOR),
    "fr-inv": ("FR-OC", Role.INVESTIGATOR),
    "es-inv": ("ES-GC", Role.INVESTIGATOR),
    "hub-analyst": ("HUB", Role.ANALYST),
    "hub-super": ("HUB", Role.SUPERVISOR),
    "hub-admin": ("HUB", Role.ADMIN),
}
RELATION = {  # family -> organisation -> relation
    "P": {"DE-BKA": "owner", "IT-SCO": "recipient", "FR-OC": "member"},
    "H": {"DE-BKA": "owner", "HUB": "recipient"},
    "K": {"DE-BKA": "owner", "IT-SCO": "recipient", "HUB": "member"},
    "O": {"HUB": "owner", "DE-BKA": "recipient"},
}
PURPOSE = "matrix: analysis of smuggling network M-1"


def _names(count: int) -> list[str]:
    pick = random.Random(20261202)
    words: set[str] = set()
    while len(words) < 2 * count:
        words.add("".join(pick.choice("bdfgklmnprstvz") + pick.choice("aeiou") for _ in range(4)))
    ordered = sorted(words)
    pick.shuffle(ordered)
    return [f"{a.title()} {b.title()}" for a, b in zip(ordered[::2], ordered[1::2], strict=True)]


NAMES = _names(len(FAMILIES) * len(HANDLING) * len(CATEGORIES))


@dataclass(frozen=True)
class Observer:
    label: str
    user: str
    purpose: str | None = None

    @property
    def organisation(self) -> str:
        return USERS[self.user][0]

    @property
    def role(self) -> Role:
        return USERS[self.user][1]

    @property
    def at_hub(self) -> bool:
        return self.organisation == "HUB"


OBSERVERS = [
    Observer("owner-or-partner DE investigator", "de-inv"),
    Observer("IT investigator", "it-inv"),
    Observer("FR investigator", "fr-inv"),
    Observer("ES investigator", "es-inv"),
    Observer("hub analyst", "hub-analyst"),
    Observer("hub analyst with purpose", "hub-analyst", PURPOSE),
    Observer("hub supervisor", "hub-super"),
    Observer("hub supervisor with purpose", "hub-super", PURPOSE),
    Observer("hub admin", "hub-admin", PURPOSE),
]


@dataclass(frozen=True)
class Item:
    family: str
    handling: str
    category: str
    n: int

    @property
    def key(self) -> str:
        return f"{self.family}-{self.handling}-{self.category}".lower()

    @property
    def entity(self) -> str:
        return f"mx-{self.key}"

    @property
    def name(self) -> str:
        """Two made-up words no other item shares (so items never hit each other)."""
        return NAMES[self.n]

    @property
    def phone(self) -> str:
        return f"+218 91 {400000 + self.n * 37:07d}"

    @property
    def subject(self) -> str:
        return f"subject-marker-{self.key}"

    @property
    def owner(self) -> str:
        return "HUB" if self.family == "O" else "DE-BKA"

    def relation(self, org: str) -> str:
        return RELATION[self.family].get(org, "outsider")

    @property
    def sensitive(self) -> bool:
        return self.category in ("victim", "witness", "informant", "minor")

    @property
    def searchable(self) -> bool:
        return self.category in ("suspect", "potential_offender")

    def envelope(self) -> dict[str, Any]:
        props: dict[str, list[str]] = {"name": [self.name], "phone": [self.phone]}
        category = self.category
        if category == "minor":
            props["birthDate"] = ["2015-06-01"]
            category = "suspect"
        recipients = {"P": ["IT-SCO"], "H": ["HUB"], "K": ["IT-SCO"], "O": ["DE-BKA"]}
        body: dict[str, Any] = {
            "message_id": f"MX-{self.key}",
            "recipients": recipients[self.family],
            "subject": self.subject,
            "handling": self.handling,
            "categories": {self.entity: category},
            "entities": [{"id": self.entity, "schema": "Person", "properties": props}],
        }
        if self.handling == "H3":
            body["restriction"] = f"only within operation {self.key}"
        if self.family == "P":
            body["case"] = "K-P"
        return body

    def query(self) -> dict[str, Any]:
        return {
            "id": f"q-{self.key}",
            "schema": "Person",
            "properties": {"name": [self.name], "phone": [self.phone.replace("+", "00")]},
        }


ITEMS = [
    Item(family, handling, category, n)
    for n, (family, handling, category) in enumerate(
        itertools.product(FAMILIES, HANDLING, CATEGORIES)
    )
]


def may_read(who: Observer, item: Item) -> bool:
    """The reading rules of docs/exchange.md, in their order."""
    if who.role is Role.ADMIN:
        return False
    relation = item.relation(who.organisation)
    if relation == "owner":
        return True
    if who.at_hub and item.sensitive and not who.purpose:
        return False
    if relation == "recipient":
        return True
    return relation == "member" and item.handling != "H2"


def may_search(who: Observer, item: Item) -> bool:
    """The cross-checking rules of docs/exchange.md."""
    if who.role is Role.ADMIN:
        return False
    if item.relation(who.organisation) == "owner":
        return True
    if who.at_hub:
        return item.searchable or bool(who.purpose)
    return item.searchable


def may_read_message(who: Observer, item: Item) -> bool:
    """A message's header: no person in it, so no category rule."""
    if who.role is Role.ADMIN:
        return False
    relation = item.relation(who.organisation)
    return relation in ("owner", "recipient") or (relation == "member" and item.handling != "H2")


@dataclass
class World:
    client: TestClient
    hub: Hub
    tokens: dict[str, str]
    messages: dict[str, str] = field(default_factory=dict)  # item key -> hub message id
    cases: dict[str, str] = field(default_factory=dict)  # K-P, K-H -> case id
    backend: str = "sqlite"

    def headers(self, who: Observer) -> dict[str, str]:
        extra = {"Mare-Purpose": who.purpose} if who.purpose else {}
        return {"Authorization": f"Bearer {self.tokens[who.user]}", **extra}

    def get(self, who: Observer, url: str, **params: Any) -> Any:
        return self.client.get(f"{P}{url}", headers=self.headers(who), params=params)


def populate(hub: Hub, operator: Principal, client: TestClient) -> World:
    with hub.context(operator) as ctx:
        for org, country in ORGS.items():
            kind = OrgKind.HUB if country is None else OrgKind.PARTNER
            parties.add_organisation(ctx, org, org, country, kind)
        secrets = {}
        for user, (org, role) in USERS.items():
            parties.add_user(ctx, user, org, role, user)
            secrets[user], _ = tokens.create_token(ctx, user)
    world = World(client, hub, secrets)
    de = Observer("de", "de-inv")
    for ref, other in (("K-P", "FR-OC"), ("K-H", "HUB")):
        response = client.post(
            f"{P}/cases",
            headers=world.headers(de),
            json={"reference": ref, "title": ref, "participants": [other]},
        )
        assert response.status_code == 201, response.text
        world.cases[ref] = response.json()["id"]
    sender = {"O": Observer("hub", "hub-analyst")}
    for item in ITEMS:
        who = sender.get(item.family, de)
        response = client.post(f"{P}/messages", headers=world.headers(who), json=item.envelope())
        assert response.status_code == 201, response.text
        ack = response.json()
        assert ack["entities"] == 1 and not ack["rejects"] and ack["hits"]["total"] == 0, ack
        world.messages[item.key] = ack["id"]
        if item.family == "K":
            link = client.post(
                f"{P}/cases/{world.cases['K-H']}/messages",
                headers=world.headers(de),
                json={"message": ack["id"]},
            )
            assert link.status_code == 200, link.text
        if item.family == "P":
            assert ack["case"]["linked"] is True, ack
    return world
