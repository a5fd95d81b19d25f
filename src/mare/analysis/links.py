"""Links between held entities, read from the store.

Three kinds of link join two entities:

- ``same``: the cross-check found them to be one (a stored hit in the
  ``match`` band) or an analyst judged them the same (an active ``same``
  judgement);
- ``identifier``: they hold the same normalised identifier (a phone, a
  document number, an IBAN) and the identifier is not generic (held by at
  most `GENERIC` entities: a rescue hotline links nobody);
- ``relation``: one names the other in an entity-typed property (a call's
  caller and receiver, a passport's holder, a payment's payer and
  beneficiary, a family link's person and relative, an account's owner).

Which entities a reader may see is the caller's business: `load` takes the
ids it may include (``None``: all), and a link is kept only when both ends
are included.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import pairwise

from sqlalchemy import Connection, and_, distinct, func, select

from mare.match.blocking import GENERIC
from mare.store.tables import entities, hits, identifiers, judgements, sources, statements


@dataclass(frozen=True, slots=True)
class Link:
    left: str
    right: str
    kind: str  # same | identifier | relation
    label: str  # the hit's score, the identifier key, the property


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    schema: str
    owners: frozenset[str]


def _nodes(conn: Connection, allowed: Collection[str] | None) -> dict[str, Node]:
    owners: dict[str, set[str]] = {}
    query = select(statements.c.entity_id, statements.c.owner).distinct()
    for entity_id, owner in conn.execute(query):
        owners.setdefault(entity_id, set()).add(owner)
    found: dict[str, Node] = {}
    for entity_id, schema in conn.execute(select(entities.c.id, entities.c.schema)):
        if allowed is None or entity_id in allowed:
            found[entity_id] = Node(entity_id, schema, frozenset(owners.get(entity_id, ())))
    return found


def _same(conn: Connection) -> Iterator[Link]:
    query = select(hits.c.left_id, hits.c.right_id, hits.c.score).where(hits.c.band == "match")
    for left, right, score in conn.execute(query):
        yield Link(left, right, "same", f"{score:.2f}")
    active = and_(judgements.c.verdict == "same", judgements.c.undone_at.is_(None))
    query = select(judgements.c.left_id, judgements.c.right_id).where(active)
    for left, right in conn.execute(query):
        yield Link(left, right, "same", "judged")


def _identifiers(conn: Connection) -> Iterator[Link]:
    holders = func.count(distinct(identifiers.c.entity_id))
    shared = (
        select(identifiers.c.key)
        .group_by(identifiers.c.key)
        .having(and_(holders > 1, holders <= GENERIC))
        .subquery()
    )
    query = (
        select(identifiers.c.key, identifiers.c.entity_id)
        .distinct()
        .join(shared, shared.c.key == identifiers.c.key)
        .order_by(identifiers.c.key, identifiers.c.entity_id)
    )
    current: str | None = None
    held: list[str] = []
    for key, entity_id in [*conn.execute(query), (None, None)]:
        if key != current:
            # a chain through the holders is enough to connect them
            yield from (Link(a, b, "identifier", current or "") for a, b in pairwise(held))
            current, held = key, []
        if entity_id is not None:
            held.append(entity_id)


def _relations(conn: Connection) -> Iterator[Link]:
    query = (
        select(statements.c.entity_id, statements.c.value, statements.c.prop)
        .where(statements.c.prop_type == "entity")
        .distinct()
    )
    for entity_id, target, prop in conn.execute(query):
        if entity_id != target:
            yield Link(entity_id, target, "relation", prop)


def load(
    conn: Connection, allowed: Collection[str] | None = None
) -> tuple[dict[str, Node], list[Link]]:
    """The entities (those in ``allowed``, or all) and the links among them."""
    nodes = _nodes(conn, allowed)
    links = [
        link
        for source in (_same(conn), _identifiers(conn), _relations(conn))
        for link in source
        if link.left in nodes and link.right in nodes
    ]
    return nodes, links


def partners(conn: Connection) -> dict[str, str]:
    """Source id -> the organisation that sent it."""
    return {sid: owner for sid, owner in conn.execute(select(sources.c.id, sources.c.owner))}
