"""Generate a scenario: networks one after another, each streamed to disk.

``generate(seed, scale, out)`` writes ``out/messages/*.json`` (one partner
message each, named by the time sent, so sorted names are in time order),
``out/partners.json`` (the partners that sent or received them), ``out/truth.jsonl``
(`mare.scenario.truth`) and ``out/scenario.json`` (seed, scale, counts). A
network is built, its messages written and its truth flushed before the next
is built, so memory does not grow with the scale; only the brokers several
networks share and the counters of the number spaces are kept.
"""

from __future__ import annotations

import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from mare.scenario import dice, malformed, messages, story
from mare.scenario.documents import Document
from mare.scenario.money import BankAccount
from mare.scenario.networks import Network, build
from mare.scenario.partners import partners
from mare.scenario.people import Person
from mare.scenario.places import Place
from mare.scenario.sheet import Sheet
from mare.scenario.truth import TruthWriter
from mare.scenario.vessels import Vessel
from mare.scenario.world import World

SCALES = {"tiny": 600, "demo": 3_000, "small": 20_000, "medium": 100_000, "bench": 1_000_000}
DEMO_SEED = 5
FIRST_FAULTS = 2  # a fault in every FIRST_FAULTS-th message until each kind occurred once
FAULT_RATE = 1 / 80
Progress = Callable[[int, int], None]


def parse_scale(text: str | int) -> int:
    """A scale: a preset (``tiny``, ``demo``, ``small``, ``medium``, ``bench``) or a number
    of entities (``50000``, ``50k``, ``1M``)."""
    if isinstance(text, int):
        return text
    key = text.strip().lower()
    if key in SCALES:
        return SCALES[key]
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([km]?)", key)
    if not found:
        raise ValueError(f"unknown scale {text!r}: use {', '.join(SCALES)} or a number")
    factor = {"": 1, "k": 1_000, "m": 1_000_000}[found.group(2)]
    return max(1, int(float(found.group(1)) * factor))


@dataclass(slots=True)
class Summary:
    seed: int
    scale: int
    entities: int = 0
    messages: int = 0
    networks: int = 0
    faults: int = 0
    seconds: float = 0.0
    schemas: Counter[str] = field(default_factory=Counter)
    senders: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "scale": self.scale,
            "entities": self.entities,
            "messages": self.messages,
            "networks": self.networks,
            "faults": self.faults,
            "schemas": dict(sorted(self.schemas.items())),
            "senders": dict(sorted(self.senders.items())),
        }


class Generator:
    def __init__(self, seed: int, scale: int, out: Path) -> None:
        self.out = out
        self.summary = Summary(seed, scale)
        self.handle = (out / "truth.jsonl").open("wb")
        self.truth = TruthWriter(self.handle)
        self.world = World(seed, self.truth)
        self.faults_due = list(malformed.KINDS)
        self.r = dice.rng(seed, "faults")
        self.addressed: set[str] = set()  # partners named as recipients

    # -- messages ---------------------------------------------------------------
    def _fault(self) -> str | None:
        if self.faults_due:
            if self.summary.messages % FIRST_FAULTS == FIRST_FAULTS - 1:
                return self.faults_due[0]
            return None
        return self.r.choice(malformed.KINDS) if self.r.random() < FAULT_RATE else None

    def _write(
        self, sheet: Sheet, data: dict[str, Any], fault: dict[str, Any] | None, net: Network
    ) -> None:
        msg_id = data["message_id"]
        name = f"{sheet.when:%Y%m%dT%H%M%SZ}-{msg_id}.json"
        (self.out / "messages" / name).write_bytes(orjson.dumps(data) + b"\n")
        self.truth(
            {
                "kind": "message",
                "id": msg_id,
                "sender": sheet.partner.id,
                "file": f"messages/{name}",
                "sent_at": data["sent_at"],
                "event": sheet.event,
                "network": net.id,
                "entities": len(data["entities"]),
                "rejected": bool(fault and fault["scope"] == "message"),
            }
        )
        rejected = {fault["entity"]} if fault and fault.get("entity_rejected") else set()
        whole = bool(fault and fault["scope"] == "message")
        for entity_id, record in sheet.truth.items():
            line = {**record, "message": msg_id, "sender": sheet.partner.id}
            if whole or entity_id in rejected:
                line["rejected"] = True
            self.truth(line)
        if fault:
            self.truth(
                {"kind": "malformed", "message": msg_id, "file": f"messages/{name}", **fault}
            )
            self.summary.faults += 1
        self.summary.messages += 1
        self.summary.senders[sheet.partner.id] += 1
        self.summary.entities += len(data["entities"])
        for entity in data["entities"]:
            self.summary.schemas[str(entity.get("schema", entity.get("type")))] += 1

    def message(self, sheet: Sheet, net: Network) -> None:
        if not sheet.entities:
            return
        route_partners = sorted({p for w in net.route.reporters.values() for p in w})
        recipients = messages.recipients(sheet, route_partners)
        self.addressed.update(recipients)
        data = messages.envelope(sheet, messages.message_id(sheet), recipients)
        kind = self._fault()
        fault = malformed.apply(self.r, kind, data) if kind else None
        if fault is not None and kind in self.faults_due:
            self.faults_due.remove(kind)
        if fault and fault.get("entity") is None and fault["scope"] == "record":
            fault["entity"] = None
        self._write(sheet, data, fault, net)
        if fault and fault["scope"] == "message":  # the partner sends it again, corrected
            fixed = messages.envelope(sheet, messages.message_id(sheet), recipients)
            fixed["handling"] = "H3"
            fixed["restriction"] = messages.RESTRICTIONS[0].format(sender=sheet.partner.id)
            fixed["text"] = f"Corrected re-send of {data['message_id']}. {fixed['text']}"
            self._write(sheet, fixed, None, net)

    # -- truth ------------------------------------------------------------------
    def person(self, person: Person, seen: set[str]) -> None:
        self.truth(person.truth())
        for phone in person.phones:
            if phone.id not in seen:
                seen.add(phone.id)
                self.truth(phone.truth())
        for identity in person.identities:
            for doc in identity.documents:
                self.truth(doc.truth())
        for account in person.accounts:
            self.truth(account.truth())
        if person.imei:
            self.truth(
                {
                    "kind": "handset",
                    "id": f"H-{person.id}",
                    "imei": person.imei,
                    "holder": person.id,
                }
            )

    def network(self, net: Network) -> None:
        seen: set[str] = set()
        for person in net.members:
            if person.id not in net.shared:
                self.person(person, seen)
        for person in net.others:
            self.person(person, seen)
        for trip in net.trips:
            if trip.satphone is not None and trip.satphone.id not in seen:
                seen.add(trip.satphone.id)
                self.truth(trip.satphone.truth())
            if trip.vehicle is not None:
                vehicle_id, plate, model, country = trip.vehicle
                self.truth(
                    {
                        "kind": "vehicle",
                        "id": vehicle_id,
                        "plate": plate,
                        "model": model,
                        "country": country,
                        "network": net.id,
                    }
                )
        things: list[Vessel | Document | Place | BankAccount] = [
            *net.vessels,
            *net.forged,
            *net.places,
            *net.bank_accounts,
        ]
        for item in things:
            self.truth(item.truth())
        for broker in self.world.retired:
            self.person(broker, seen)
        self.world.retired.clear()
        self.truth(net.truth())

    def run(self, progress: Progress | None = None) -> Summary:
        started = time.perf_counter()
        seed, target = self.summary.seed, self.summary.scale
        index = 0
        while self.summary.entities < target:
            net = build(self.world, index, dice.rng(seed, "network", index))
            for sheet in story.sheets(self.world, net):
                self.message(sheet, net)
            self.network(net)
            index += 1
            if progress:
                progress(min(self.summary.entities, target), target)
        for person, _ in self.world.brokers.values():
            self.person(person, set())
        self.world.finish()
        self.handle.close()
        self.summary.networks = index
        named = self.summary.senders.keys() | self.addressed
        used = [p.as_json() for key, p in sorted(partners().items()) if key in named]
        (self.out / "partners.json").write_bytes(orjson.dumps(used, option=orjson.OPT_INDENT_2))
        manifest = {
            **self.summary.as_json(),
            "start": self.world.start.isoformat(),
            "weeks": self.world.weeks,
        }
        (self.out / "scenario.json").write_bytes(
            orjson.dumps(manifest, option=orjson.OPT_INDENT_2) + b"\n"
        )
        self.summary.seconds = time.perf_counter() - started
        return self.summary


def generate(seed: int, scale: int | str, out: Path, progress: Progress | None = None) -> Summary:
    """Write a scenario of about ``scale`` entities into ``out`` (replacing one there)."""
    out = Path(out)
    if (out / "messages").exists():
        shutil.rmtree(out / "messages")
    (out / "messages").mkdir(parents=True)
    return Generator(seed, parse_scale(scale), out).run(progress)
