"""Which matcher applies to which schema, and its decision bands.

A *family* is one kind of thing the hub matches: people, vessels,
organisations, addresses. Each has its record type, the blocking keys of a
record, a scoring function returning a score in 0..1 with reasons, and its
own thresholds: at or above ``match`` a pair is auto-linked, at or above
``review`` it goes to an analyst, below it is no match (a pair sharing an
identifier is still kept as a ``link``: one passport under two identities
is what document fraud looks like). Only entities of the same family are
compared.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import orjson
from followthemoney import model

from mare.errors import StoreError
from mare.match import address, blocking, names, organization, person, rarity, vessel
from mare.match.person import Score


class MatchRecord(Protocol):
    """What every family's record has: an id and identifier keys."""

    @property
    def id(self) -> str: ...

    @property
    def keys(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    record_type: type[Any]
    block_keys: Callable[[Any], set[str]]
    score: Callable[[Any, Any, Any], Score]
    match: float
    review: float
    counted: Callable[[Any], set[str]] = lambda record: set()  # count-only keys (rarity)
    # The net log-odds of the other evidence at or below which a shared identifier
    # is a link whatever the score (persons: one passport, two identities); None:
    # a shared identifier decides (a vessel renamed and re-flagged keeps its IMO).
    contradicted: float | None = None
    # What matching works out of a record once (its names' analysis), stored
    # after its fields, and how to hand it back to the matcher's caches.
    analyse: Callable[[Any], Any] | None = None
    prime: Callable[[Any], None] | None = None

    def band(self, score: Score) -> str | None:
        """``match``, ``review``, ``link`` or None.

        ``link`` is an identifier shared under another identity: the pair
        shares an identifier while the rest of the evidence (names, dates)
        speaks against it being one (one passport, two people: what document
        fraud looks like), or the pair is below review. A shared identifier
        with nothing against it (a contact saved under a nickname with the
        person's own number) is scored like any other evidence."""
        shared = False
        against = 0.0
        for reason in score.reasons:
            if reason.feature.startswith("identifier:"):
                shared = shared or reason.contribution > 0
            else:
                against += reason.contribution
        if self.contradicted is not None and shared and against <= self.contradicted:
            return "link"
        if score.score >= self.match:
            return "match"
        if score.score >= self.review:
            return "review"
        return "link" if shared else None

    def encode(self, record: Any) -> bytes:
        """The record as compact JSON for the index: the family's field signature,
        then every field but the id (held next to it), in field order, sets
        sorted, then what ``analyse`` works out of it (if the family has one)."""
        values: list[Any] = [_signature(self.record_type)]
        for name in _fields(self.record_type)[1:]:
            value = getattr(record, name)
            values.append(sorted(value) if isinstance(value, frozenset) else value)
        if self.analyse is not None:
            values.append(self.analyse(record))
        return orjson.dumps(values)

    def decode(self, text: str | bytes, entity_id: str) -> Any:
        """The record stored by `encode` (or as a JSON object, as the index held
        records before revision 0004)."""
        data = orjson.loads(text)
        if isinstance(data, dict):
            return self.record_type(**{k: _value(k, v) for k, v in data.items()})
        names = _fields(self.record_type)
        if data[0] != _signature(self.record_type):
            raise StoreError(
                f"the cross-check index holds {self.name} records of another matcher "
                "version: run `mare reindex`"
            )
        if self.prime is not None and len(data) > len(names):
            self.prime(data[len(names)])
        values = (_value(k, v) for k, v in zip(names[1:], data[1 : len(names)], strict=False))
        return self.record_type(entity_id, *values)


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _fields(record_type: type[Any]) -> tuple[str, ...]:
    found = _FIELDS.get(record_type)
    if found is None:
        found = _FIELDS[record_type] = tuple(f.name for f in dataclasses.fields(record_type))
    return found


def _signature(record_type: type[Any]) -> int:
    """A short check of a record type's fields, so a record written by another
    version of the matcher is not read into the wrong fields."""
    return zlib.crc32(",".join(_fields(record_type)).encode()) % 10_000


def _value(name: str, value: Any) -> Any:
    if name == "keys":
        return frozenset(value)
    return tuple(value) if isinstance(value, list) else value


PERSON = Family(
    "person",
    person.PersonRecord,
    blocking.keys,
    person.score,
    match=person.MATCH,
    review=person.REVIEW,
    counted=rarity.token_counts,
    contradicted=-2.0,
    analyse=lambda record: names.analysis(record.names),
    prime=names.prime,
)

VESSEL = Family(
    "vessel",
    vessel.VesselRecord,
    vessel.keys,
    vessel.score,
    match=vessel.MATCH,
    review=vessel.REVIEW,
)

ORGANIZATION = Family(
    "organization",
    organization.OrganizationRecord,
    organization.keys,
    organization.score,
    match=organization.MATCH,
    review=organization.REVIEW,
)

ADDRESS = Family(
    "address",
    address.AddressRecord,
    address.keys,
    address.score,
    match=address.MATCH,
    review=address.REVIEW,
)

FAMILIES: dict[str, Family] = {f.name: f for f in (PERSON, VESSEL, ORGANIZATION, ADDRESS)}


@lru_cache(maxsize=256)
def family_of(schema: str) -> Family | None:
    """The family matching entities of this FtM schema, if any.

    People first: ``LegalEntity`` is a parent of ``Person``, and a legal
    entity that is not a person is an organisation (Organization, Company,
    PublicBody, or a bare LegalEntity).
    """
    found = model.get(schema)
    if found is None:
        return None
    if found.is_a("Person"):
        return PERSON
    if found.is_a("Vessel"):
        return VESSEL
    if found.is_a("LegalEntity"):
        return ORGANIZATION
    if found.is_a("Address"):
        return ADDRESS
    return None
