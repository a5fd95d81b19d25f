"""What the whole scenario shares: the calendar, the number spaces, the truth ids,
and the few things every network meets (the rescue hotline, the reception
centres, the hawala brokers several networks use).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from mare.scenario.accounts import Account
from mare.scenario.dice import rng
from mare.scenario.people import Person
from mare.scenario.phones import Phone, PhoneBook
from mare.scenario.places import CENTRES, Place, centre
from mare.scenario.serials import Serials

START = date(2026, 9, 7)  # a Monday
WEEKS = 16
Sink = Callable[[dict[str, Any]], None]


@dataclass(slots=True)
class World:
    seed: int
    emit: Sink  # writes one truth line
    serials: Serials = field(init=False)
    phones: PhoneBook = field(init=False)
    start: date = START
    weeks: int = WEEKS
    counters: dict[str, int] = field(default_factory=dict)
    hotline: Phone = field(init=False)
    hotline_org: str = field(init=False)
    ngo: Account = field(init=False)
    centres: dict[str, tuple[Place, Phone]] = field(default_factory=dict)
    brokers: dict[str, tuple[Person, int]] = field(default_factory=dict)  # city -> (broker, uses)
    retired: list[Person] = field(default_factory=list)  # brokers whose truth is due

    def __post_init__(self) -> None:
        self.serials = Serials(self.seed)
        self.phones = PhoneBook(self.serials)
        self.hotline = self.phone("fr", "fixed", benign=True, label="rescue hotline")
        self.hotline_org = self.new_id("O")
        self.ngo = Account(
            self.new_id("A"),
            "facebook",
            "searescue.info",
            "Sea Rescue Info",
            None,
            label="rescue NGO (posts the hotline)",
        )
        for country in sorted(CENTRES):
            place = centre(self.new_id("L"), country)
            line = self.phone(country, "fixed", benign=True, label=f"{place.label} (switchboard)")
            self.centres[country] = (place, line)

    @property
    def today(self) -> date:
        """The day the scenario's clock is read at (its first day)."""
        return self.start

    def new_id(self, prefix: str) -> str:
        """The next truth id of a kind: ``P0000001`` (person), ``T`` phone, ``D``
        document, ``V`` vessel, ``A`` account, ``M`` post, ``B`` bank account, ``L``
        address, ``C`` call, ``Y`` payment, ``H`` handset, ``K`` link, ``N`` network,
        ``X`` vehicle, ``O`` organisation."""
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return f"{prefix}{n:07d}"

    def phone(
        self, region: str, kind: str = "mobile", benign: bool = False, label: str = ""
    ) -> Phone:
        number = self.phones.number(region, kind)
        return Phone(
            self.new_id("T"),
            number,
            region if kind != "satellite" else "",
            kind,
            benign,
            label=label,
        )

    def moment(self, network: int, day: int, part: object) -> datetime:
        """A time on ``day`` of the scenario (office hours, UTC)."""
        r = rng(self.seed, "moment", network, day, part)
        when = datetime.combine(self.start + timedelta(days=day), datetime.min.time(), UTC)
        return when + timedelta(minutes=r.randint(7 * 60, 19 * 60))

    def retire(self, person: Person) -> None:
        """A pooled broker no network will use again: write the truth."""
        self.retired.append(person)

    def finish(self) -> None:
        """Write the truth of the shared things."""
        self.emit(self.hotline.truth())
        self.emit(
            {
                "kind": "organisation",
                "id": self.hotline_org,
                "label": "rescue hotline",
                "phones": [self.hotline.id],
                "benign": True,
            }
        )
        self.emit(self.ngo.truth())
        for place, line in self.centres.values():
            self.emit(place.truth())
            self.emit(line.truth())
