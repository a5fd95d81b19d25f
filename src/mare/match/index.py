"""The cross-check index: every entity checked against everything held, as it arrives.

The index lives in the store, next to the statements it is built from, and
is updated in the same transaction as they are (a crash leaves neither):

- ``match_records``: one matcher record per entity of a matched family
  (people, vessels, organisations, addresses), as JSON, with a compact
  number;
- ``match_keys``: (blocking key, record number), the key stored as a 63-bit
  hash of its text, so a posting costs two integers;
- ``match_key_counts``: how many records hold each key (with its text). A
  key held by more than `GENERIC` records is generic: it is reported, and
  generates no candidates, so a rescue hotline or a very common name does not
  link everything; ``#<family>`` rows count each family's records (the
  denominator of name rarity);
- ``hits``: the scored pairs worth an analyst's look (`Family.band`).

When entities arrive, `arrive` rebuilds the records of those entities and of
the ones they point at (a passport gives its number to its holder), and only
the records that changed are indexed and checked: re-sending the same data
does nothing. A checked record's candidates are the records sharing one of
its non-generic keys; each pair is scored in entity-id order (so a pair
scores the same whichever side arrived last), and its hits replace the ones
it had. No pairwise scan and no batch re-run is ever needed; ``mare
reindex`` rebuilds the index from the statements (after a matcher upgrade).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import orjson
from sqlalchemy import Connection, bindparam, delete, func, or_, select, update

from mare.match.benign import BenignList
from mare.match.blocking import GENERIC, MIN_WEIGHT
from mare.match.families import FAMILIES, Family, family_of
from mare.match.person import NameRarity, Score
from mare.match.rarity import count_keys
from mare.match.records import ASSET_PROPS, LINK_PROPS, build, donates
from mare.model.provenance import utcnow
from mare.store.store import Writer
from mare.store.tables import (
    entities,
    hits,
    identifiers,
    match_key_counts,
    match_keys,
    match_records,
    statements,
)

CHUNK = 500  # values per IN list
# Candidates scored per query record, at most: those sharing the most, and
# the rarest, keys (each shared key adds 1 / records holding it; see blocking).
CANDIDATES = 30


def key_hash(text: str) -> int:
    """A stable signed 63-bit hash of a blocking key."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True) >> 1


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass(frozen=True, slots=True)
class Held:
    """A record in the index."""

    num: int
    entity_id: str
    family: Family
    record: Any


@dataclass(frozen=True, slots=True)
class Hit:
    """A scored pair: ``left`` is the query (or the lower id), ``right`` the held record."""

    left: Any
    right: Any
    family: Family
    result: Score
    band: str

    def row(self, source_id: str | None) -> dict[str, Any]:
        return {
            "left_id": self.left.id,
            "right_id": self.right.id,
            "family": self.family.name,
            "score": round(self.result.score, 4),
            "band": self.band,
            "reasons": orjson.dumps([r.to_dict() for r in self.result.reasons]).decode(),
            "source_id": source_id,
            "updated_at": utcnow(),
        }


@dataclass(slots=True)
class Arrival:
    """What cross-checking a batch did."""

    checked: int = 0
    hits: list[Hit] = field(default_factory=list)
    generic: dict[str, int] = field(default_factory=dict)  # key text -> records holding it


class StoredRarity(NameRarity):
    """Name rarity from the index's key counts instead of a scan of the records."""

    def __init__(self, counts: Mapping[str, int], total: int) -> None:
        super().__init__(())
        self.counts = dict(counts)
        self.total = total


class Index:
    """The stored index, read and written through one connection."""

    def __init__(
        self, conn: Connection, benign: BenignList | None = None, limit: int = CANDIDATES
    ) -> None:
        self.conn = conn
        self.benign = benign.reasons if benign else {}
        self.limit = limit

    # -- reading ----------------------------------------------------------
    def held(self, nums: Iterable[int]) -> dict[int, Held]:
        found: dict[int, Held] = {}
        for chunk in _chunks(sorted(set(nums))):
            query = select(match_records).where(match_records.c.num.in_(chunk))
            for row in self.conn.execute(query):
                family = FAMILIES[row.family]
                found[row.num] = Held(row.num, row.entity_id, family, family.decode(row.record))
        return found

    def counts(self, hashes: Iterable[int]) -> dict[int, tuple[str, int]]:
        found: dict[int, tuple[str, int]] = {}
        for chunk in _chunks(sorted(set(hashes))):
            query = select(match_key_counts).where(match_key_counts.c.key.in_(chunk))
            for row in self.conn.execute(query):
                found[row.key] = (row.text, row.n)
        return found

    def postings(self, hashes: Iterable[int]) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for chunk in _chunks(sorted(set(hashes))):
            query = select(match_keys.c.key, match_keys.c.num).where(match_keys.c.key.in_(chunk))
            for key, num in self.conn.execute(query):
                found[key].append(num)
        return found

    def rarity(self, records: Iterable[Any]) -> StoredRarity:
        """Counts of the name tokens and birth days of these person records."""
        keys = {k for r in records for k in count_keys(r)}
        wanted = {key_hash(k): k for k in keys}
        wanted[key_hash("#person")] = "#person"
        counts = self.counts(wanted)
        total = counts.pop(key_hash("#person"), ("", 0))[1]
        return StoredRarity({wanted[h]: n for h, (_, n) in counts.items()}, total)

    def _clean(self, record: Any) -> Any:
        """The record without benign identifier keys (they are no evidence)."""
        if self.benign and not record.keys.isdisjoint(self.benign):
            return replace(record, keys=record.keys - self.benign.keys())
        return record

    def score(self, family: Family, left: Any, right: Any, rarity: NameRarity | None) -> Score:
        """Score a pair of one family, benign identifiers left out of the evidence."""
        return family.score(
            self._clean(left), self._clean(right), rarity if family.name == "person" else None
        )

    def check(
        self, queries: Sequence[tuple[Family, Any, int | None]], ordered: bool = True
    ) -> Arrival:
        """Score each query record against the held records sharing a non-generic key.

        A query's own record (same entity id) is skipped. With ``ordered``, a
        pair is scored and reported in entity-id order, as stored hits are.
        """
        out = Arrival(checked=len(queries))
        wanted: list[list[int]] = []
        texts: dict[int, str] = {}
        for family, record, _ in queries:
            keys = family.block_keys(self._clean(record)) - self.benign.keys()
            hashed = []
            for key in keys:
                h = key_hash(key)
                texts[h] = key
                hashed.append(h)
            wanted.append(hashed)
        counts = self.counts(texts)
        weight: dict[int, float] = {}
        for h, (text, n) in counts.items():
            if n > GENERIC:
                out.generic[text] = n
            else:
                weight[h] = 1.0 / n
        postings = self.postings(weight)
        candidates: list[set[int]] = []
        for (_, _, own), hashed in zip(queries, wanted, strict=True):
            ranked: dict[int, float] = defaultdict(float)
            for h in hashed:
                for num in postings.get(h, ()):
                    ranked[num] += weight[h]
            ranked.pop(own, None)  # type: ignore[arg-type]
            kept = [num for num, w in ranked.items() if w >= MIN_WEIGHT]
            best = sorted(kept, key=lambda num: (-ranked[num], num))[: self.limit]
            candidates.append(set(best))
        held = self.held(num for found in candidates for num in found)
        people = [r for f, r, _ in queries if f.name == "person"]
        people += [h.record for h in held.values() if h.family.name == "person"]
        rarity = self.rarity(people) if people else None
        scored: set[tuple[str, str]] = set()
        for (family, record, _), found in zip(queries, candidates, strict=True):
            for num in sorted(found):
                other = held[num]
                if other.family is not family or other.entity_id == record.id:
                    continue
                left, right = record, other.record
                if ordered and right.id < left.id:
                    left, right = right, left
                if (left.id, right.id) in scored:
                    continue  # both arrived together: scored once
                scored.add((left.id, right.id))
                result = self.score(family, left, right, rarity)
                band = family.band(result)
                if band is not None:
                    out.hits.append(Hit(left, right, family, result, band))
        return out

    # -- writing ----------------------------------------------------------
    def gather(self, entity_ids: Iterable[str]) -> dict[str, tuple[Family, Any]]:
        """Records of these entities and of the entities they point at, from the statements."""
        ids = set(entity_ids)
        link = statements.c.prop.in_(LINK_PROPS) & (statements.c.prop_type == "entity")
        asset = statements.c.prop.in_(ASSET_PROPS) & (statements.c.prop_type == "entity")
        for chunk in _chunks(sorted(ids)):  # an account arriving: its ownerships
            query = select(statements.c.entity_id).where(asset & statements.c.value.in_(chunk))
            ids.update(v for (v,) in self.conn.execute(query))
        for chunk in _chunks(sorted(ids)):
            query = select(statements.c.value).where(link & statements.c.entity_id.in_(chunk))
            ids.update(v for (v,) in self.conn.execute(query))
        ordered = sorted(ids)
        schemas: dict[str, str] = {}
        for chunk in _chunks(ordered):
            query = select(entities.c.id, entities.c.schema).where(entities.c.id.in_(chunk))
            schemas.update((eid, schema) for eid, schema in self.conn.execute(query))
        matched = sorted(eid for eid, schema in schemas.items() if family_of(schema))
        rows: dict[str, list[Any]] = defaultdict(list)
        keys: dict[str, set[str]] = defaultdict(set)
        linkers: dict[str, set[str]] = defaultdict(set)  # linking entity -> the ones it names
        for chunk in _chunks(matched):
            query = (
                select(statements)
                .where(statements.c.entity_id.in_(chunk))
                .order_by(statements.c.entity_id, statements.c.id)
            )
            for row in self.conn.execute(query):
                rows[row.entity_id].append(row)
            query = select(identifiers.c.entity_id, identifiers.c.key).where(
                identifiers.c.entity_id.in_(chunk)
            )
            for eid, key in self.conn.execute(query):
                keys[eid].add(key)
            query = select(statements.c.entity_id, statements.c.schema, statements.c.value).where(
                link & statements.c.value.in_(chunk)
            )
            for linker, schema, target in self.conn.execute(query):
                if donates(schema):
                    linkers[linker].add(target)
        for chunk in _chunks(sorted(linkers)):  # an ownership passes on its asset's keys
            query = select(statements.c.entity_id, statements.c.value).where(
                asset & statements.c.entity_id.in_(chunk)
            )
            assets: dict[str, set[str]] = defaultdict(set)
            for linker, held in self.conn.execute(query):
                assets[held] |= linkers[linker]
            query = select(entities.c.id, entities.c.schema).where(entities.c.id.in_(assets))
            for held, schema in self.conn.execute(query):
                if donates(schema):
                    linkers[held] |= assets[held]
        for chunk in _chunks(sorted(linkers)):
            query = select(identifiers.c.entity_id, identifiers.c.key).where(
                identifiers.c.entity_id.in_(chunk)
            )
            for linker, key in self.conn.execute(query):
                for target in linkers[linker]:
                    keys[target].add(key)
        out: dict[str, tuple[Family, Any]] = {}
        for eid in matched:
            family = family_of(schemas[eid])
            record = build(schemas[eid], eid, rows[eid], keys.get(eid, ()))
            if family is not None and record is not None:
                out[eid] = (family, record)
        return out

    def _bump(self, deltas: Mapping[int, int], texts: Mapping[int, str]) -> None:
        """Add to the counts of these keys (by hash; the text is kept for reports)."""
        items = [(h, texts.get(h, ""), n) for h, n in deltas.items() if n]
        if not items:
            return
        mark = "%s" if self.conn.dialect.name == "postgresql" else "?"
        sql = (
            f"INSERT INTO match_key_counts (key, text, n) VALUES ({mark}, {mark}, {mark}) "
            "ON CONFLICT (key) DO UPDATE SET n = match_key_counts.n + excluded.n"
        )
        self.conn.exec_driver_sql(sql, sorted(items))

    def put(self, records: Mapping[str, tuple[Family, Any]]) -> list[tuple[Family, Any, int]]:
        """Store these records and their keys; returns the ones that are new or changed."""
        held: dict[str, Any] = {}
        for chunk in _chunks(sorted(records)):
            query = select(match_records).where(match_records.c.entity_id.in_(chunk))
            held.update((row.entity_id, row) for row in self.conn.execute(query))
        new: list[dict[str, Any]] = []
        changed: list[tuple[Family, Any, int]] = []
        deltas: dict[int, int] = defaultdict(int)
        texts: dict[int, str] = {}

        def count(text: str, n: int) -> None:
            h = key_hash(text)
            texts[h] = text
            deltas[h] += n

        for eid, (family, record) in sorted(records.items()):
            encoded = family.encode(record).decode()
            old = held.get(eid)
            if old is None:
                new.append({"entity_id": eid, "family": family.name, "record": encoded})
                count(f"#{family.name}", 1)
                for key in family.counted(record):
                    count(key, 1)
            elif old.record != encoded or old.family != family.name:
                self.conn.execute(
                    update(match_records)
                    .where(match_records.c.num == old.num)
                    .values(family=family.name, record=encoded)
                )
                if old.family != family.name:
                    count(f"#{old.family}", -1)
                    count(f"#{family.name}", 1)
                was = FAMILIES[old.family]
                for key in was.counted(was.decode(old.record)):
                    count(key, -1)
                for key in family.counted(record):
                    count(key, 1)
                changed.append((family, record, old.num))
        if new:
            Writer(self.conn).insert_new(match_records, new)
            ids = [row["entity_id"] for row in new]
            for chunk in _chunks(ids):
                query = select(match_records.c.entity_id, match_records.c.num).where(
                    match_records.c.entity_id.in_(chunk)
                )
                nums: dict[str, int] = {eid: num for eid, num in self.conn.execute(query)}
                changed.extend(
                    (records[eid][0], records[eid][1], nums[eid]) for eid in chunk if eid in nums
                )
        old_keys: dict[int, set[int]] = defaultdict(set)
        renewed = [num for _, _, num in changed]
        for chunk in _chunks(renewed):
            query = select(match_keys.c.num, match_keys.c.key).where(match_keys.c.num.in_(chunk))
            for num, key in self.conn.execute(query):
                old_keys[num].add(key)
        added: list[dict[str, int]] = []
        removed: list[dict[str, int]] = []
        for family, record, num in changed:
            now = {key_hash(k): k for k in family.block_keys(record)}
            texts.update(now)
            before = old_keys.get(num, set())
            for h in now.keys() - before:
                added.append({"key": h, "num": num})
                deltas[h] += 1
            for h in before - now.keys():
                removed.append({"key": h, "num": num})
                deltas[h] -= 1
        Writer(self.conn).insert_new(match_keys, added)
        if removed:
            self.conn.execute(
                delete(match_keys).where(
                    (match_keys.c.key == bindparam("k")) & (match_keys.c.num == bindparam("n"))
                ),
                [{"k": r["key"], "n": r["num"]} for r in removed],
            )
        self._bump(deltas, texts)
        return changed

    def replace_hits(
        self, entity_ids: Sequence[str], found: Iterable[Hit], source: str | None
    ) -> None:
        """Replace the stored hits of these entities with the ones just found."""
        for chunk in _chunks(list(entity_ids)):
            self.conn.execute(
                delete(hits).where(or_(hits.c.left_id.in_(chunk), hits.c.right_id.in_(chunk)))
            )
        rows = {(h.left.id, h.right.id): h.row(source) for h in found}
        Writer(self.conn).insert_new(hits, [rows[k] for k in sorted(rows)])

    def arrive(self, entity_ids: Iterable[str], source: str | None = None) -> Arrival:
        """Index the records of arriving entities and cross-check the changed ones."""
        changed = self.put(self.gather(entity_ids))
        arrival = self.check(changed)
        self.replace_hits([r.id for _, r, _ in changed], arrival.hits, source)
        return arrival

    def size(self) -> int:
        return int(self.conn.execute(select(func.count()).select_from(match_records)).scalar_one())


def stored_hits(
    conn: Connection, entity_id: str | None = None, band: str | None = None
) -> list[Any]:
    """Stored hits, best first; of one entity and of one band when given."""
    query = select(hits).order_by(hits.c.score.desc(), hits.c.left_id, hits.c.right_id)
    if entity_id is not None:
        query = query.where(or_(hits.c.left_id == entity_id, hits.c.right_id == entity_id))
    if band is not None:
        query = query.where(hits.c.band == band)
    return list(conn.execute(query))


def reindex(
    store: Any,
    progress: Callable[[int, int], None] | None = None,
    benign: BenignList | None = None,
    chunk: int = 1000,
) -> Arrival:
    """Rebuild the index and the hits from the statements, a chunk of entities per
    transaction (after a matcher upgrade, or for a store written before the index)."""
    total_arrival = Arrival()
    with store.writer() as w:
        for table in (hits, match_keys, match_key_counts, match_records):
            w.conn.execute(delete(table))
    with store.engine.connect() as conn:
        ids = [eid for (eid,) in conn.execute(select(entities.c.id).order_by(entities.c.id))]
    for start in range(0, len(ids), chunk):
        with store.writer() as w:
            arrival = Index(w.conn, benign).arrive(ids[start : start + chunk])
        total_arrival.checked += arrival.checked
        total_arrival.hits.extend(arrival.hits)
        total_arrival.generic.update(arrival.generic)
        if progress:
            progress(min(start + chunk, len(ids)), len(ids))
    return total_arrival
