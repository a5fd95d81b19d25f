"""The cross-check index: every entity checked against everything held, as it arrives.

The index lives in the store, next to the statements it is built from, and
is updated in the same transaction as they are (a crash leaves neither):

- ``match_records``: one matcher record per entity of a matched family
  (people, vessels, organisations, addresses), as compact JSON, with its
  blocking keys and a compact number;
- ``match_keys``: (blocking key, record number), the key stored as a 63-bit
  hash of its text, so a posting costs two integers;
- ``match_key_counts``: how many records hold each key. A key held by more
  than `GENERIC` records is generic: it is reported, and generates no
  candidates, so a rescue hotline or a very common name does not link
  everything; ``#<family>`` rows count each family's records (the
  denominator of name rarity);
- ``hits``: the scored pairs worth an analyst's look (`Family.band`).

When entities arrive, `arrive` rebuilds the records of those entities and of
the ones they point at (a passport gives its number to its holder), and only
the records that changed are indexed and checked: re-sending the same data
does nothing. A checked record's candidates are the records sharing one of
its non-generic keys; each pair is scored in entity-id order (so a pair
scores the same whichever side arrived last), and its hits replace the ones
it had. No pairwise scan and no batch re-run is ever needed; ``mare
reindex`` rebuilds the index from the statements (after a matcher upgrade),
`mare.match.batch` checks the whole of it at once.

The reads and writes go through `mare.match.postings` (the DBAPI directly):
one statement for the counts of a message's keys, one for their postings,
one for the candidates' records, one for the counts the candidates' name
rarity needs.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import orjson
from sqlalchemy import Connection, delete, func, or_, select

from mare.match.benign import BenignList
from mare.match.blocking import GENERIC, MIN_WEIGHT
from mare.match.families import FAMILIES, Family, family_of
from mare.match.person import NameRarity, Score
from mare.match.postings import Tables, key_hash, pack, unpack
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

__all__ = [
    "Arrival",
    "Held",
    "Hit",
    "Index",
    "StoredRarity",
    "index_all",
    "key_hash",
    "reindex",
    "stored_hits",
]

CHUNK = 500  # values per IN list (statements)
# Candidates scored per query record, at most: those sharing the most, and
# the rarest, keys (each shared key adds 1 / records holding it; see blocking).
CANDIDATES = 30
# Weights are sums of 1/n: ten keys of 100 holders reach 0.1 only up to rounding.
THRESHOLD = MIN_WEIGHT - 1e-9
PERSON_TOTAL = key_hash("#person")


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
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
    banded: Counter[str] = field(default_factory=Counter)  # hits per band, when not kept

    def bands(self) -> Counter[str]:
        return self.banded + Counter(h.band for h in self.hits)


class LazyCounts(dict[str, int]):
    """Key counts by text, each read (``load``) the first time it is asked for.

    Name rarity needs the counts of the tokens and days two records agree
    on, a few per pair: reading them on demand costs less than working out
    and reading every count key of every candidate beforehand."""

    def __init__(self, load: Callable[[str], int], known: Mapping[str, int] | None = None) -> None:
        super().__init__(known or {})
        self.load = load

    def __missing__(self, key: str) -> int:
        found = self[key] = self.load(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self[key]
        return found if found else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self[key])


class StoredRarity(NameRarity):
    """Name rarity from the index's key counts instead of a scan of the records.

    The shares of a token or day are computed once per key (the counts do not
    change while a batch is scored)."""

    def __init__(self, counts: Mapping[str, int], total: int) -> None:
        super().__init__(())
        self.counts = counts if isinstance(counts, LazyCounts) else dict(counts)
        self.total = total
        self._token_u: dict[str, float] = {}
        self._day_u: dict[str, float] = {}

    def token_u(self, key: str) -> float:
        try:
            return self._token_u[key]
        except KeyError:
            found = self._token_u[key] = NameRarity.token_u(self, key)
            return found

    def day_u(self, day: str) -> float:
        try:
            return self._day_u[day]
        except KeyError:
            found = self._day_u[day] = NameRarity.day_u(self, day)
            return found


def rank(
    hashed: Iterable[int],
    weight: Mapping[int, float],
    postings: Mapping[int, list[int]],
    own: int | None,
    limit: int | None,
    above: int | None = None,
) -> list[int]:
    """Candidates of a record with these keys: held records whose shared keys
    weigh `MIN_WEIGHT` or more, heaviest first (at most ``limit``), and only
    those numbered above ``above`` when given. Keys are summed in hash order."""
    ranked: dict[int, float] = defaultdict(float)
    for h in sorted(hashed):
        w = weight.get(h)
        if w is None:
            continue
        for num in postings.get(h, ()):
            if above is None or num > above:
                ranked[num] += w
    ranked.pop(own, None)  # type: ignore[arg-type]
    kept = [num for num, w in ranked.items() if w >= THRESHOLD]
    if limit is not None and len(kept) > limit:
        return heapq.nsmallest(limit, kept, key=lambda num: (-ranked[num], num))
    return sorted(kept, key=lambda num: (-ranked[num], num))


@dataclass(frozen=True, slots=True)
class Prepared:
    """What storing a record needs that does not need the store: its encoding,
    its blocking keys (by hash) and its count-only keys."""

    family: str
    record: Any
    encoded: str
    block: dict[int, str]
    counted: tuple[str, ...]

    @classmethod
    def of(cls, family: Family, record: Any, encoded: str | None = None) -> Prepared:
        return cls(
            family.name,
            record,
            encoded if encoded is not None else family.encode(record).decode(),
            {key_hash(k): k for k in family.block_keys(record)},
            tuple(family.counted(record)),
        )


def prepare(records: Mapping[str, tuple[Family, Any]]) -> dict[str, Prepared]:
    return {eid: Prepared.of(family, record) for eid, (family, record) in records.items()}


class Index:
    """The stored index, read and written through one connection."""

    def __init__(
        self, conn: Connection, benign: BenignList | None = None, limit: int = CANDIDATES
    ) -> None:
        self.conn = conn
        self.tables = Tables(conn)
        self.benign = benign.reasons if benign else {}
        self.limit = limit

    # -- reading ----------------------------------------------------------
    def held(self, nums: Iterable[int]) -> dict[int, Held]:
        found: dict[int, Held] = {}
        for num, entity_id, name, text in self.tables.records(set(nums)):
            family = FAMILIES[name]
            found[num] = Held(num, entity_id, family, family.decode(text, entity_id))
        return found

    def rarity(
        self, records: Iterable[Any] = (), known: Mapping[str, int] | None = None
    ) -> StoredRarity:
        """Name rarity from the counts as they are in this transaction, each read
        when a pair first needs it (``known``: counts already read, by text).
        ``records`` (the persons to be scored) are not needed any more: the
        counts are read on demand."""
        total = known.get("#person") if known else None
        if total is None:
            total = self.tables.count("#person")
        return StoredRarity(LazyCounts(self.tables.count, known), total)

    def clean(self, record: Any) -> Any:
        """The record without benign identifier keys (they are no evidence)."""
        if self.benign and not record.keys.isdisjoint(self.benign):
            return replace(record, keys=record.keys - self.benign.keys())
        return record

    def block_keys(self, family: Family, record: Any) -> set[str]:
        return family.block_keys(self.clean(record)) - self.benign.keys()

    def score(self, family: Family, left: Any, right: Any, rarity: NameRarity | None) -> Score:
        """Score a pair of one family, benign identifiers left out of the evidence."""
        return family.score(
            self.clean(left), self.clean(right), rarity if family.name == "person" else None
        )

    def check(
        self, queries: Sequence[tuple[Family, Any, int | None]], ordered: bool = True
    ) -> Arrival:
        """Score each query record against the held records sharing a non-generic key.

        A query's own record (same entity id) is skipped. With ``ordered``, a
        pair is scored and reported in entity-id order, as stored hits are.
        """
        out = Arrival(checked=len(queries))
        # A query that is held itself counts in its keys' counts.
        floor = 2 if all(own is not None for _, _, own in queries) else 1
        wanted: list[list[int]] = []
        texts: dict[int, str] = {}
        for family, record, _ in queries:
            hashed = []
            for key in self.block_keys(family, record):
                h = key_hash(key)
                texts[h] = key
                hashed.append(h)
            wanted.append(hashed)
        counts = self.tables.counts(texts.keys() | {PERSON_TOTAL})
        weight: dict[int, float] = {}
        for h, text in texts.items():
            n = counts.get(h, 0)
            if n > GENERIC:
                out.generic[text] = n
            elif n >= floor:
                weight[h] = 1.0 / n
        postings = self.tables.postings(weight)
        candidates = [
            rank(hashed, weight, postings, own, self.limit)
            for (_, _, own), hashed in zip(queries, wanted, strict=True)
        ]
        held = self.held(num for found in candidates for num in found)
        known = {texts[h]: n for h, n in counts.items() if h in texts}
        known["#person"] = counts.get(PERSON_TOTAL, 0)
        rarity = self.rarity(known=known)
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

    def put(
        self,
        records: Mapping[str, tuple[Family, Any]],
        prepared: Mapping[str, Prepared] | None = None,
    ) -> list[tuple[Family, Any, int]]:
        """Store these records and their keys; returns the ones that are new or changed.

        ``prepared`` holds what `prepare` worked out for them elsewhere (in a
        worker process, when the whole index is built)."""
        held = {row[1]: row for row in self.tables.records_of(records)}
        new: list[tuple[str, str, str, bytes]] = []
        fresh: dict[str, dict[int, str]] = {}
        updated: list[tuple[str, str, bytes, int]] = []
        changed: list[tuple[Family, Any, int]] = []
        added: list[tuple[int, int]] = []
        removed: list[tuple[int, int]] = []
        deltas: dict[int, int] = defaultdict(int)
        texts: dict[int, str] = {}

        def count(text: str, n: int) -> None:
            h = key_hash(text)
            texts[h] = text
            deltas[h] += n

        for eid, (family, record) in sorted(records.items()):
            ready = prepared.get(eid) if prepared else None
            encoded = ready.encoded if ready else family.encode(record).decode()
            old = held.get(eid)
            if old is not None and old[3] == encoded and old[2] == family.name:
                continue
            if ready is None:
                ready = Prepared.of(family, record, encoded)
            block = ready.block
            texts.update(block)
            for key in ready.counted:
                count(key, 1)
            if old is None:
                new.append((eid, family.name, encoded, pack(block)))
                fresh[eid] = block
                count(f"#{family.name}", 1)
                for h in block:
                    deltas[h] += 1
                continue
            num, _, old_family, old_text, old_keys = old
            if old_family != family.name:
                count(f"#{old_family}", -1)
                count(f"#{family.name}", 1)
            was = FAMILIES[old_family]
            for key in was.counted(was.decode(old_text, eid)):
                count(key, -1)
            before = set(unpack(old_keys))
            for h in block.keys() - before:
                added.append((h, num))
                deltas[h] += 1
            for h in before - block.keys():
                removed.append((h, num))
                deltas[h] -= 1
            updated.append((family.name, encoded, pack(block), num))
            changed.append((family, record, num))
        self.tables.update_records(updated)
        if new:
            self.tables.add_records(new)
            nums = self.tables.nums(fresh)
            for eid in sorted(fresh):
                num = nums[eid]
                added.extend((h, num) for h in fresh[eid])
                changed.append((*records[eid], num))
        self.tables.add_postings(added)
        self.tables.remove_postings(removed)
        self.tables.bump(deltas, texts)
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
        return self.tables.size()


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


def index_all(
    store: Any,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 5000,
    workers: int = 1,
) -> int:
    """Empty the index and the hits, then index every entity's record from the
    statements, a chunk of entities per transaction; the records and their
    keys are worked out in ``workers`` processes. Returns the records indexed."""
    from mare.match import batch

    with store.writer() as w:
        for table in (hits, match_keys, match_key_counts, match_records):
            w.conn.execute(delete(table))
    with store.engine.connect() as conn:
        ids = [eid for (eid,) in conn.execute(select(entities.c.id).order_by(entities.c.id))]
    todo = [(tuple(ids[start : start + chunk]),) for start in range(0, len(ids), chunk)]
    indexed = done = 0
    results = batch.run(store, batch.prepared, todo, None, workers)
    for (part,), ready in zip(todo, results, strict=True):
        records = {eid: (FAMILIES[p.family], p.record) for eid, p in ready.items()}
        with store.writer() as w:
            indexed += len(Index(w.conn).put(records, ready))
        done += len(part)
        if progress:
            progress(done, len(ids))
    return indexed


def reindex(
    store: Any,
    progress: Callable[[int, int], None] | None = None,
    benign: BenignList | None = None,
    chunk: int = 5000,
    workers: int = 1,
) -> Arrival:
    """Rebuild the index and the hits from the statements (after a matcher upgrade,
    or for a store written before the index).

    First every record is indexed (`index_all`); then every candidate pair is
    scored once against the whole index (`mare.match.batch`, in ``workers``
    processes), and the pairs in a band are stored as hits. ``progress`` is
    told (done, total) of each step."""
    from mare.match import batch

    arrival = Arrival(checked=index_all(store, progress, chunk, workers))
    with store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(entities)).scalar_one())
    for rows in batch.hits(store, benign, workers, progress=progress, total=total):
        with store.writer() as w:
            w.insert_new(hits, rows)
        arrival.banded.update(row["band"] for row in rows)
    with store.engine.connect() as conn:
        arrival.generic = Tables(conn).generic()
    return arrival
