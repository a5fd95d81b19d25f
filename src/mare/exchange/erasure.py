"""Erasure: an item's statements go, and everything derived from them goes with them.

An item is one owner's statements of one entity. `erase` removes, in the
caller's transaction (so nothing is ever half-erased):

- the statements, their identifier keys and the grants that released them;
  the owner's documents, accounts and relations of the item (a passport whose
  holder it is, an ownership, an associate: `dependent`) as items of their
  own, and the owner's other values that point at it;
- the entity row when no statement of it is left (else its schema and seen
  range are worked out again from what is left);
- its cross-check record, postings, key counts and hits: the records of the
  entity and its neighbours are rebuilt from what is left and re-checked
  (`mare.match.removal`), so the index is the one a reindex would build;
- judgements on an entity that is gone; disclosures on the item (as the held
  side, or as the query side of its owner) with their grants; the owner's case
  links of it (the history keeps that a link was made, not to what);
- a contribution (source, message, recipients, case links, rejects,
  attachments cited by no other message) once its last statement has gone;
  the rejects of the item in its owner's contributions otherwise; hits in
  acknowledgements that name it;
- notifications that name the item or a disclosure or message erased with it,
  with their webhook deliveries; the item's retention decisions and restriction.

The audit log is not touched: its entries (ids, never values) are kept their
own three years, and the caller records the erasure in it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

import orjson
from followthemoney import model
from followthemoney.exc import InvalidData
from sqlalchemy import Connection, and_, delete, func, or_, select, update

from mare.match.benign import BenignList
from mare.match.index import Index
from mare.match.records import LINK_PROPS, donates
from mare.match.removal import refresh
from mare.store.exchange import (
    attachment_uploads,
    attachments,
    case_history,
    case_links,
    disclosures,
    grants,
    message_recipients,
    messages,
)
from mare.store.notices import notifications, webhook_deliveries
from mare.store.retention import restrictions, retention_decisions
from mare.store.tables import (
    entities,
    hits,
    identifiers,
    judgements,
    rejects,
    sources,
    statements,
)

CHUNK = 500
LIKES = 50  # ids looked for in one scan of a JSON text column
Item = tuple[str, str]  # (entity id, owner)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


@dataclass(slots=True)
class Erased:
    """What an erasure took: the items, the entities gone entirely, rows per table."""

    items: list[Item] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    rows: Counter[str] = field(default_factory=Counter)

    def detail(self) -> dict[str, Any]:
        return {
            "items": [{"entity": e, "owner": o} for e, o in self.items[:1000]],
            "entities_gone": len(self.gone),
            "rows": {str(table): n for table, n in sorted(self.rows.items()) if n},
        }


def dependent(schema: str, prop: str) -> bool:
    """Whether a value ``prop`` of an entity of ``schema`` naming an item makes that
    entity part of the item: a document, account or wallet it holds (``holder``,
    ``owner`` of a schema that is not matched itself), or a relation it is party
    to (an interval: ownership, family, associate, payment ...; not its proof)."""
    if prop in LINK_PROPS and donates(schema):
        return True
    found = model.get(schema)
    return bool(found is not None and found.is_a("Interval") and prop != "proof")


def _with_dependents(conn: Connection, items: set[Item]) -> set[Item]:
    found = set(items)
    frontier = set(items)
    while frontier:
        by_owner: dict[str, set[str]] = defaultdict(set)
        for entity_id, owner in frontier:
            by_owner[owner].add(entity_id)
        new: set[Item] = set()
        for owner, ids in by_owner.items():
            for chunk in _chunks(ids):
                query = select(statements.c.entity_id, statements.c.schema, statements.c.prop)
                query = query.where(
                    statements.c.owner == owner,
                    statements.c.prop_type == "entity",
                    statements.c.value.in_(chunk),
                )
                for entity_id, schema, prop in conn.execute(query):
                    if dependent(schema, prop) and (entity_id, owner) not in found:
                        new.add((entity_id, owner))
        found |= new
        frontier = new
    return found


def _statements(conn: Connection, items: set[Item]) -> list[Any]:
    """The statements of the items, and their owners' other values naming them."""
    ids = {entity_id for entity_id, _ in items}
    rows: dict[str, Any] = {}
    columns = (statements.c.id, statements.c.entity_id, statements.c.owner, statements.c.source_id)
    for chunk in _chunks(ids):
        for row in conn.execute(select(*columns).where(statements.c.entity_id.in_(chunk))):
            if (row.entity_id, row.owner) in items:
                rows[row.id] = row
        query = select(*columns, statements.c.value).where(
            statements.c.prop_type == "entity", statements.c.value.in_(chunk)
        )
        for link in conn.execute(query):
            if (link.value, link.owner) in items:
                rows[link.id] = link
    return list(rows.values())


def _around(conn: Connection, ids: set[str]) -> set[str]:
    """These entities and those two links away (either way): whose records may change."""
    found = set(ids)
    frontier = set(ids)
    for _ in range(2):
        near: set[str] = set()
        for chunk in _chunks(frontier):
            link = statements.c.prop_type == "entity"
            near.update(
                v
                for (v,) in conn.execute(
                    select(statements.c.value).where(link, statements.c.entity_id.in_(chunk))
                )
            )
            near.update(
                e
                for (e,) in conn.execute(
                    select(statements.c.entity_id).where(link, statements.c.value.in_(chunk))
                )
            )
        frontier = near - found
        found |= near
    return found


def _delete_in(
    conn: Connection, erased: Erased, table: Any, column: Any, values: Iterable[Any]
) -> None:
    for chunk in _chunks(values):
        erased.rows[table.name] += conn.execute(delete(table).where(column.in_(chunk))).rowcount


def _entities(conn: Connection, erased: Erased, touched: set[str]) -> None:
    """Delete the entities with nothing left; work out the others' rows again."""
    left: dict[str, list[Any]] = defaultdict(list)
    for chunk in _chunks(touched):
        query = (
            select(
                statements.c.entity_id,
                statements.c.schema,
                func.min(statements.c.first_seen).label("first"),
                func.max(statements.c.last_seen).label("last"),
            )
            .where(statements.c.entity_id.in_(chunk))
            .group_by(statements.c.entity_id, statements.c.schema)
        )
        for row in conn.execute(query):
            left[row.entity_id].append(row)
    erased.gone = sorted(touched - left.keys())
    _delete_in(conn, erased, entities, entities.c.id, erased.gone)
    for entity_id, rows in sorted(left.items()):
        try:
            merged: Any = reduce(model.common_schema, sorted({r.schema for r in rows}))
            name: str | None = merged if isinstance(merged, str) else merged.name
        except InvalidData:  # schemas that do not merge: the merged one held stays
            name = None
        values: dict[str, Any] = {
            "first_seen": min(r.first for r in rows),
            "last_seen": max(r.last for r in rows),
        }
        if name:
            values["schema"] = name
        conn.execute(update(entities).where(entities.c.id == entity_id).values(**values))


def _contains(column: Any, entity_id: str) -> Any:
    """A JSON text column naming this id (as a JSON string)."""
    return column.contains(orjson.dumps(entity_id).decode(), autoescape=True)


def _disclosures(
    conn: Connection, erased: Erased, items: set[Item], messages_gone: set[str]
) -> set[str]:
    ids: set[str] = set()
    query = select(disclosures.c.id, disclosures.c.entity_id, disclosures.c.owner)
    query = query.add_columns(disclosures.c.query_entity, disclosures.c.requester)
    query = query.add_columns(disclosures.c.message_id)
    for chunk in _chunks({e for e, _ in items}):
        where = or_(disclosures.c.entity_id.in_(chunk), disclosures.c.query_entity.in_(chunk))
        for row in conn.execute(query.where(where)):
            if (row.entity_id, row.owner) in items or (row.query_entity, row.requester) in items:
                ids.add(row.id)
    for chunk in _chunks(messages_gone):
        ids.update(
            i
            for (i,) in conn.execute(
                select(disclosures.c.id).where(disclosures.c.message_id.in_(chunk))
            )
        )
    _delete_in(conn, erased, grants, grants.c.disclosure_id, ids)
    _delete_in(conn, erased, disclosures, disclosures.c.id, ids)
    return ids


def _unlink(conn: Connection, erased: Erased, links: Sequence[Any]) -> None:
    """Delete case links; their history keeps that a link was made, not to what."""
    for link in links:
        conn.execute(
            delete(case_links).where(
                case_links.c.case_id == link.case_id,
                case_links.c.kind == link.kind,
                case_links.c.ref == link.ref,
            )
        )
        erased.rows["case_links"] += 1
        change = f"{link.kind}.linked"
        query = select(case_history.c.id, case_history.c.detail).where(
            case_history.c.case_id == link.case_id, case_history.c.change == change
        )
        for row in conn.execute(query):
            if orjson.loads(row.detail).get("ref") == link.ref:
                conn.execute(
                    update(case_history)
                    .where(case_history.c.id == row.id)
                    .values(detail=orjson.dumps({"erased": True, "ref": None}).decode())
                )
                erased.rows["case_history (redacted)"] += 1


def _erase_message(conn: Connection, erased: Erased, source_id: str) -> str | None:
    """A message whose every value has gone: its header, recipients, links, attachments."""
    row = conn.execute(select(messages).where(messages.c.source_id == source_id)).first()
    if row is None:
        return None
    links = list(conn.execute(select(case_links).where(case_links.c.source_id == source_id)))
    links += list(
        conn.execute(
            select(case_links).where(case_links.c.kind == "message", case_links.c.ref == row.id)
        )
    )
    _unlink(
        conn, erased, list({(link.case_id, link.kind, link.ref): link for link in links}.values())
    )
    _delete_in(conn, erased, message_recipients, message_recipients.c.message_id, [row.id])
    _delete_in(conn, erased, messages, messages.c.id, [row.id])
    for cited in orjson.loads(row.attachments or "[]"):
        sha = cited.get("sha256") if isinstance(cited, dict) else None
        if not sha:
            continue
        other = conn.execute(
            select(messages.c.id).where(messages.c.attachments.contains(sha, autoescape=True))
        ).first()
        if other is None:
            _delete_in(conn, erased, attachment_uploads, attachment_uploads.c.sha256, [sha])
            _delete_in(conn, erased, attachments, attachments.c.sha256, [sha])
    return str(row.id)


def _sources(conn: Connection, erased: Erased, touched: set[str], ids: set[str]) -> set[str]:
    """Contributions with nothing left go whole; the others lose the item's rejects.
    Returns the hub ids of the messages erased."""
    left: set[str] = set()
    for chunk in _chunks(touched):
        query = select(statements.c.source_id).where(statements.c.source_id.in_(chunk)).distinct()
        left.update(s for (s,) in conn.execute(query))
    gone = touched - left
    messages_gone = {m for s in sorted(gone) if (m := _erase_message(conn, erased, s))}
    _delete_in(conn, erased, rejects, rejects.c.source_id, gone)
    _delete_in(conn, erased, sources, sources.c.id, gone)
    for chunk in _chunks(gone):
        conn.execute(update(hits).where(hits.c.source_id.in_(chunk)).values(source_id=None))
    for source_chunk in _chunks(left & touched):
        for id_chunk in _chunks(ids):
            erased.rows["rejects"] += conn.execute(
                delete(rejects).where(
                    rejects.c.source_id.in_(source_chunk), rejects.c.entity_id.in_(id_chunk)
                )
            ).rowcount
    return messages_gone


def _naming(column: Any, needles: set[str]) -> Iterator[Any]:
    """Conditions that a JSON text column names one of these ids, a few per scan."""
    ordered = sorted(needles)
    for start in range(0, len(ordered), LIKES):
        yield or_(*(_contains(column, n) for n in ordered[start : start + LIKES]))


def _acks(conn: Connection, ids: set[str], hits_gone: set[str]) -> None:
    """Acknowledgements keep no hit on an erased item (nor its rejects)."""
    for where in _naming(messages.c.ack, ids | hits_gone):
        for row in conn.execute(select(messages.c.id, messages.c.ack).where(where)):
            _scrub_ack(conn, row.id, row.ack, ids, hits_gone)


def _scrub_ack(conn: Connection, message_id: str, text: str, ids: set[str], gone: set[str]) -> None:
    ack = orjson.loads(text)
    found = ack.get("hits") or {}
    views = found.get("items", [])
    kept = [
        v
        for v in views
        if v.get("entity") not in ids
        and v.get("your_entity") not in ids
        and v.get("hit") not in gone
    ]
    for view in views:
        if view not in kept and view.get("band") in found:
            found[view["band"]] -= 1
    if "total" in found:
        found["total"] -= len(views) - len(kept)
    if views:
        found["items"] = kept
    ack["rejects"] = [r for r in ack.get("rejects", []) if r.get("entity") not in ids]
    conn.execute(
        update(messages).where(messages.c.id == message_id).values(ack=orjson.dumps(ack).decode())
    )


def _notifications(conn: Connection, erased: Erased, ids: set[str], subjects: set[str]) -> None:
    found: set[str] = set()
    for chunk in _chunks(ids | subjects):
        query = select(notifications.c.id).where(notifications.c.subject_id.in_(chunk))
        found.update(n for (n,) in conn.execute(query))
    for where in _naming(notifications.c.payload, ids):
        found.update(n for (n,) in conn.execute(select(notifications.c.id).where(where)))
    ordered = sorted(ids)
    for start in range(0, len(ordered), LIKES):
        where = or_(
            *(
                notifications.c.summary.contains(n, autoescape=True)
                for n in ordered[start : start + LIKES]
            )
        )
        found.update(n for (n,) in conn.execute(select(notifications.c.id).where(where)))
    _delete_in(conn, erased, webhook_deliveries, webhook_deliveries.c.notification_id, found)
    _delete_in(conn, erased, notifications, notifications.c.id, found)


def erase(conn: Connection, items: Iterable[Item], benign: BenignList | None = None) -> Erased:
    """Erase these items and everything derived from them, in ``conn``'s transaction."""
    wanted = _with_dependents(conn, set(items))
    erased = Erased(items=sorted(wanted))
    rows = _statements(conn, wanted)
    statement_ids = [row.id for row in rows]
    touched = {row.entity_id for row in rows} | {e for e, _ in wanted}
    source_ids = {row.source_id for row in rows}
    around = _around(conn, touched)
    _delete_in(conn, erased, identifiers, identifiers.c.statement_id, statement_ids)
    _delete_in(conn, erased, grants, grants.c.statement_id, statement_ids)
    _delete_in(conn, erased, statements, statements.c.id, statement_ids)
    _entities(conn, erased, touched)
    gone = set(erased.gone)
    index = Index(conn, benign)
    refresh(index, around)
    for chunk in _chunks(gone):
        erased.rows["hits"] += conn.execute(
            delete(hits).where(or_(hits.c.left_id.in_(chunk), hits.c.right_id.in_(chunk)))
        ).rowcount
        erased.rows["judgements"] += conn.execute(
            delete(judgements).where(
                or_(judgements.c.left_id.in_(chunk), judgements.c.right_id.in_(chunk))
            )
        ).rowcount
    entity_links = []
    for chunk in _chunks(touched):
        query = select(case_links).where(case_links.c.kind == "entity", case_links.c.ref.in_(chunk))
        entity_links += [
            link for link in conn.execute(query) if (link.ref, link.organisation) in wanted
        ]
    _unlink(conn, erased, entity_links)
    ids = {e for e, _ in wanted}
    messages_gone = _sources(conn, erased, source_ids, ids)
    hits_gone = _disclosures(conn, erased, wanted, messages_gone)
    _acks(conn, ids, hits_gone)
    _notifications(conn, erased, ids, hits_gone | messages_gone)
    for entity_id, owner in sorted(wanted):
        for table in (retention_decisions, restrictions):
            erased.rows[table.name] += conn.execute(
                delete(table).where(and_(table.c.entity_id == entity_id, table.c.owner == owner))
            ).rowcount
    return erased
