"""The facts `policy.decide` needs about held items, gathered in a few queries per batch.

For statements: the recipients of the message each came in, the participants
of the open cases its owner shared it into (the message, or the entity),
the organisations it was released to (grants, overrides), whether it is a
value of a person, the categories of the persons a non-person item belongs to
(a passport's holder, an account's owner), and whether a person is or may be
a minor (any birth date held for them, read as late as it can be, puts them
under 18).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import orjson
from followthemoney import model
from sqlalchemy import Connection, Row, and_, select

from mare.exchange.policy import Holding
from mare.store.exchange import case_links, case_participants, cases, grants, message_recipients
from mare.store.retention import restrictions
from mare.store.tables import sources, statements

CHUNK = 500
ADULT = 18
LINK_PROPS = ("holder", "owner")  # what a document, account or wallet belongs to


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


@lru_cache(maxsize=256)
def is_person(schema: str) -> bool:
    found = model.get(schema)
    return bool(found is not None and found.is_a("Person"))


def latest_birth(norm: str) -> date | None:
    """The latest day a (possibly partial) normalised birth date can mean."""
    parts = norm.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, int(parts[2][:2]))
    except (ValueError, IndexError):
        return None


def may_be_minor(norm: str, today: date) -> bool:
    born = latest_birth(norm)
    if born is None:
        return False
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age < ADULT


def minors(conn: Connection, entity_ids: Iterable[str], today: date | None = None) -> set[str]:
    """The persons among these entities that are, or may be, under 18."""
    day = today or datetime.now(UTC).date()
    found: set[str] = set()
    for chunk in _chunks(entity_ids):
        query = select(statements.c.entity_id, statements.c.norm).where(
            statements.c.entity_id.in_(chunk),
            statements.c.prop == "birthDate",
            statements.c.valid.is_(True),
        )
        for entity_id, norm in conn.execute(query):
            if norm and may_be_minor(str(norm), day):
                found.add(entity_id)
    return found


def _recipients(conn: Connection, source_ids: set[str]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for chunk in _chunks(source_ids):
        query = select(sources.c.id, sources.c.recipients).where(sources.c.id.in_(chunk))
        for source_id, text in conn.execute(query):
            out[source_id] = frozenset(orjson.loads(text)) if text else frozenset()
    return out


def _members(conn: Connection, case_ids: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(case_ids):
        query = select(case_participants.c.case_id, case_participants.c.organisation).where(
            case_participants.c.case_id.in_(chunk)
        )
        for case_id, org in conn.execute(query):
            out[case_id].add(org)
    return out


def _shared(
    conn: Connection, source_ids: set[str], entity_ids: set[str]
) -> tuple[dict[str, set[str]], dict[tuple[str, str], set[str]]]:
    """Participants of the open cases each source / (entity, owner) was shared into."""
    by_source: dict[str, set[str]] = defaultdict(set)
    by_entity: dict[tuple[str, str], set[str]] = defaultdict(set)
    links: list[Row[Any]] = []
    base = select(case_links).join(cases, cases.c.id == case_links.c.case_id)
    base = base.where(cases.c.status == "open")
    for chunk in _chunks(source_ids):
        links += conn.execute(base.where(case_links.c.source_id.in_(chunk)))
    for chunk in _chunks(entity_ids):
        query = base.where(and_(case_links.c.kind == "entity", case_links.c.ref.in_(chunk)))
        links += conn.execute(query)
    members = _members(conn, {link.case_id for link in links})
    for link in links:
        if link.kind == "message" and link.source_id:
            by_source[link.source_id] |= members[link.case_id]
        elif link.kind == "entity":
            by_entity[(link.ref, link.organisation)] |= members[link.case_id]
    return by_source, by_entity


def _granted(conn: Connection, statement_ids: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(statement_ids):
        query = select(grants.c.statement_id, grants.c.organisation).where(
            grants.c.statement_id.in_(chunk)
        )
        for statement_id, org in conn.execute(query):
            out[statement_id].add(org)
    return out


def restricted(conn: Connection, entity_ids: Iterable[str]) -> set[tuple[str, str]]:
    """The (entity, owner) items among these entities that their owners restricted."""
    out: set[tuple[str, str]] = set()
    for chunk in _chunks(entity_ids):
        query = select(restrictions.c.entity_id, restrictions.c.owner).where(
            restrictions.c.entity_id.in_(chunk)
        )
        out.update((entity_id, owner) for entity_id, owner in conn.execute(query))
    return out


def subjects(
    conn: Connection, entity_ids: set[str], today: date | None = None
) -> dict[str, tuple[frozenset[str], bool]]:
    """For items that are not persons: the categories of the persons they belong to
    (``holder``, ``owner``), and whether one of them may be a minor. A person of
    unknown category counts as ``unknown``."""
    targets: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(entity_ids):
        query = select(statements.c.entity_id, statements.c.value).where(
            statements.c.entity_id.in_(chunk),
            statements.c.prop.in_(LINK_PROPS),
            statements.c.prop_type == "entity",
        )
        for entity_id, target in conn.execute(query):
            targets[entity_id].add(target)
    wanted = {t for found in targets.values() for t in found}
    categories: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(wanted):
        query = (
            select(statements.c.entity_id, statements.c.schema, statements.c.category)
            .where(statements.c.entity_id.in_(chunk))
            .distinct()
        )
        for row in conn.execute(query):
            if is_person(row.schema):
                categories[row.entity_id].add(row.category or "unknown")
    young = minors(conn, categories, today)
    out: dict[str, tuple[frozenset[str], bool]] = {}
    for entity_id, found in targets.items():
        people = [t for t in found if t in categories]
        cats = frozenset(c for t in people for c in categories[t])
        out[entity_id] = (cats, any(t in young for t in people))
    return out


def for_statements(conn: Connection, rows: Sequence[Row[Any]]) -> list[Holding]:
    """A `Holding` for each statement row (in order)."""
    if not rows:
        return []
    source_ids = {row.source_id for row in rows}
    entity_ids = {row.entity_id for row in rows}
    recipients = _recipients(conn, source_ids)
    by_source, by_entity = _shared(conn, source_ids, entity_ids)
    granted = _granted(conn, {row.id for row in rows})
    people = {row.entity_id for row in rows if is_person(row.schema)}
    young = minors(conn, people)
    linked = subjects(conn, entity_ids - people)
    held_back = restricted(conn, entity_ids)
    none: frozenset[str] = frozenset()
    # Statements of one entity from one source share their members (made once).
    members: dict[tuple[str, str, str], frozenset[str]] = {}
    out = []
    for row in rows:
        person = row.entity_id in people
        cats, minor = (
            (none, row.entity_id in young) if person else (linked.get(row.entity_id, (none, False)))
        )
        where = (row.source_id, row.entity_id, row.owner)
        shared = members.get(where)
        if shared is None:
            shared = members[where] = frozenset(
                by_source.get(row.source_id, none) | by_entity.get(where[1:], none)
            )
        released = granted.get(row.id)
        out.append(
            Holding(
                owner=row.owner,
                handling=row.handling,
                category=row.category,
                restriction=row.restriction,
                recipients=recipients.get(row.source_id, none),
                members=shared,
                granted=frozenset(released) if released else none,
                person=person,
                subjects=cats,
                minor=minor,
                restricted=(row.entity_id, row.owner) in held_back,
                statement=row.id,
                entity=row.entity_id,
            )
        )
    return out


def for_messages(conn: Connection, rows: Sequence[Row[Any]]) -> list[Holding]:
    """A `Holding` for each message row: its header and attachments (no person in it)."""
    if not rows:
        return []
    ids = {row.id for row in rows}
    recipients: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(ids):
        query = select(message_recipients).where(message_recipients.c.message_id.in_(chunk))
        for row in conn.execute(query):
            recipients[row.message_id].add(row.organisation)
    by_source, _ = _shared(conn, {row.source_id for row in rows}, set())
    return [
        Holding(
            owner=row.sender,
            handling=row.handling,
            restriction=row.restriction,
            recipients=frozenset(recipients[row.id]),
            members=frozenset(by_source[row.source_id]),
        )
        for row in rows
    ]


def statements_of(conn: Connection, entity_ids: Iterable[str]) -> list[Row[Any]]:
    """Every statement of these entities, by entity, property and value."""
    rows: list[Row[Any]] = []
    for chunk in _chunks(entity_ids):
        query = select(statements).where(statements.c.entity_id.in_(chunk))
        rows += conn.execute(query)
    rows.sort(key=lambda r: (r.entity_id, r.prop, r.value, r.first_seen, r.id))
    return rows
