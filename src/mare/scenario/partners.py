"""The partner organisations that send the hub their contributions (``data/partners.csv``).

Each partner has an id (the envelope's ``sender``), a name, a country, the
transliteration convention its officials follow when they write a name they
hear (Italian officers write ``Ghebremedhin``, French ``Guebremedhin``, German
``Chalid``, Turkish ``Halit``), the native script its officers may write names
of their own region in (Tunisian and Moroccan officers write Arabic names in
Arabic, Serbian and Bulgarian ones Cyrillic), and its units: which kinds of
trace it reports (arrests, sea interceptions, border checks, financial
investigations, online investigation).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mare.scenario.data import rows

HUB = "HUB"  # the hub itself, as a recipient


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    name: str
    country: str
    convention: str  # names.CONVENTIONS
    native: str  # script it may write names in ("" none besides Latin)
    units: frozenset[str]  # police, sea, border, finance, cyber

    @property
    def prefix(self) -> str:
        """The partner's entity-id prefix (``it-sco``)."""
        return self.id.lower()

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country}


@cache
def partners() -> dict[str, Partner]:
    out = {}
    for row in rows("partners.csv"):
        units = frozenset(row["units"].split("|"))
        out[row["id"]] = Partner(
            row["id"], row["name"], row["country"], row["convention"], row["native"], units
        )
    return out


def partner(partner_id: str) -> Partner:
    return partners()[partner_id]
