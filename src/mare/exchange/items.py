"""Matcher records rebuilt from what one principal may use: the items of a cross-check.

The stored index (`mare.match.index`) is built from every statement held.
What a principal learns from a cross-check must not depend on what it may not
search: so each candidate is rebuilt here from the statements `policy.decide`
lets it ``SEARCH`` (held side), or ``READ`` (its own query side), and scored
again. A held item is one owner's part of an entity: the hit says whose data
it is, and the owner decides about its own values only.

Identifiers given by documents, accounts and wallets (``holder``, ``owner``;
an Ownership's ``asset``) count when their statements may be used too, and
are protected as the person they belong to is: a victim's passport is
searched as the victim would be.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Row, select

from mare.exchange import holdings
from mare.exchange.hub import Context
from mare.exchange.policy import Access, Holding, decide
from mare.match.families import Family, family_of
from mare.match.records import ADDRESS_PARTS, ASSET_PROPS, NAME_PROPS, PART_PROPS, build, donates
from mare.store.tables import entities, identifiers, statements

LINK_PROPS = ("holder", "owner")
# The properties each family's matcher reads (`mare.match.records`); with the
# identifiers, the values of an item that take part in a hit.
MATCHED_PROPS: dict[str, frozenset[str]] = {
    "person": frozenset(
        {*NAME_PROPS, *PART_PROPS, "birthDate", "nationality", "citizenship", "gender", "address"}
    ),
    "vessel": frozenset(
        {
            *NAME_PROPS,
            "flag",
            "pastFlags",
            "type",
            "pastTypes",
            "buildDate",
            "grossRegisteredTonnage",
            "tonnage",
            "deadweightTonnage",
            "registrationNumber",
        }
    ),
    "organization": frozenset(
        {
            *NAME_PROPS,
            "registrationNumber",
            "idNumber",
            "ogrnCode",
            "taxNumber",
            "vatCode",
            "innCode",
            "leiCode",
            "jurisdiction",
            "country",
            "mainCountry",
            "address",
        }
    ),
    "address": frozenset(
        {"full", *ADDRESS_PARTS, "country", "postalCode", "city", "osmId", "googlePlaceId"}
    ),
}


@dataclass(slots=True)
class Item:
    """One entity (or one owner's part of it) as a matcher record, with what took part."""

    entity_id: str
    schema: str
    owner: str | None  # None: every owner's values the principal may use
    family: Family
    record: Any
    used: list[Row[Any]] = field(default_factory=list)  # the statements that take part
    unreadable: list[str] = field(default_factory=list)  # ... that the principal may not read

    @property
    def readable(self) -> bool:
        return not self.unreadable


@dataclass(slots=True)
class _Facts:
    """The statements around a set of entities, each with its holding."""

    own: dict[str, list[Row[Any]]] = field(default_factory=lambda: defaultdict(list))
    keys: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    donors: dict[str, list[tuple[Row[Any], str]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # target -> (link statement, donating entity)
    assets: dict[str, list[tuple[Row[Any], str]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # ownership -> (asset statement, asset entity)
    rows: dict[str, Row[Any]] = field(default_factory=dict)
    held: dict[str, Holding] = field(default_factory=dict)


def _schemas(ctx: Context, ids: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):
        query = select(entities.c.id, entities.c.schema).where(
            entities.c.id.in_(wanted[start : start + 500])
        )
        out.update((eid, schema) for eid, schema in ctx.conn.execute(query))
    return out


def _pointing(ctx: Context, props: tuple[str, ...], column: Any, ids: list[str]) -> list[Row[Any]]:
    found: list[Row[Any]] = []
    for start in range(0, len(ids), 500):
        query = select(statements).where(
            statements.c.prop.in_(props),
            statements.c.prop_type == "entity",
            column.in_(ids[start : start + 500]),
        )
        found += ctx.conn.execute(query)
    return found


def _gather(ctx: Context, targets: list[str]) -> _Facts:
    facts = _Facts()
    for row in holdings.statements_of(ctx.conn, targets):
        facts.own[row.entity_id].append(row)
    links = _pointing(ctx, LINK_PROPS, statements.c.value, targets)
    schemas = _schemas(ctx, [row.entity_id for row in links])
    links = [row for row in links if donates(schemas.get(row.entity_id, ""))]
    for row in links:
        facts.donors[row.value].append((row, row.entity_id))
    owning = sorted({row.entity_id for row in links})
    held_assets = _pointing(ctx, ASSET_PROPS, statements.c.entity_id, owning)
    asset_schemas = _schemas(ctx, [row.value for row in held_assets])
    for row in held_assets:
        if donates(asset_schemas.get(row.value, "")):
            facts.assets[row.entity_id].append((row, row.value))
    keyed = set(targets) | set(owning) | {a for pairs in facts.assets.values() for _, a in pairs}
    wanted = sorted(keyed)
    key_rows: list[Row[Any]] = []
    for start in range(0, len(wanted), 500):
        query = (
            select(identifiers.c.key, statements)
            .join(statements, statements.c.id == identifiers.c.statement_id)
            .where(identifiers.c.entity_id.in_(wanted[start : start + 500]))
        )
        key_rows += ctx.conn.execute(query)
    for row in key_rows:
        facts.keys[row.entity_id].append((row.key, row.id))
    every = [r for rows in facts.own.values() for r in rows] + links + held_assets + key_rows
    unique = {row.id: row for row in every}
    facts.rows = unique
    ordered = list(unique.values())
    facts.held = dict(zip(unique, holdings.for_statements(ctx.conn, ordered), strict=True))
    return facts


def _protection(facts: _Facts, target: str, minors: set[str]) -> tuple[frozenset[str], bool]:
    """How a target is protected, for the documents and accounts that belong to it."""
    cats = frozenset(
        (row.category or "unknown")
        for row in facts.own.get(target, ())
        if holdings.is_person(row.schema)
    )
    return cats, target in minors


def build_items(
    ctx: Context, entity_ids: Iterable[str], access: Access, *, per_owner: bool
) -> list[Item]:
    """The items of these entities as the principal may use them for ``access``.

    ``per_owner``: one item per owner of each entity (the held side of a hit);
    otherwise one item per entity from every value it may use (its query side).
    """
    return build_each(ctx, [(entity_ids, access)], per_owner=per_owner)[0]


def build_each(
    ctx: Context, wanted: Sequence[tuple[Iterable[str], Access]], *, per_owner: bool
) -> list[list[Item]]:
    """`build_items` for several sets of entities, each for its own access, from one
    gathering of the facts around all of them (an item depends only on the facts of
    its own entity and of the ones around it, so gathering more changes none)."""
    asked = [sorted(set(ids)) for ids, _ in wanted]
    every = sorted({e for ids in asked for e in ids})
    schemas = {e: s for e, s in _schemas(ctx, every).items() if family_of(s)}
    every = [e for e in every if e in schemas]
    if not every:
        return [[] for _ in wanted]
    facts = _gather(ctx, every)
    minors = holdings.minors(ctx.conn, every)
    out: list[list[Item]] = []
    for targets, (_, access) in zip(asked, wanted, strict=True):
        found: list[Item] = []
        for target in targets:
            if target not in schemas:
                continue
            shield = _protection(facts, target, minors)
            owners: list[str | None] = (
                sorted({r.owner for r in facts.own.get(target, ())}) if per_owner else [None]
            )
            for owner in owners:
                item = _item(ctx, facts, target, schemas[target], owner, access, shield)
                if item is not None:
                    found.append(item)
        out.append(found)
    return out


def _item(
    ctx: Context,
    facts: _Facts,
    target: str,
    schema: str,
    owner: str | None,
    access: Access,
    shield: tuple[frozenset[str], bool],
) -> Item | None:
    def ok(statement_id: str, donated: bool, how: Access = access) -> bool:
        row = facts.rows[statement_id]
        if owner is not None and row.owner != owner:
            return False
        held = facts.held[statement_id]
        if donated:  # a document of the target: protected as the target is
            held = replace(held, person=False, subjects=shield[0], minor=shield[1] or held.minor)
        return decide(ctx.who, how, held).allowed

    rows = [r for r in facts.own.get(target, ()) if ok(r.id, False)]
    if not rows:
        return None
    allowed = {r.id for r in rows}
    keys: set[str] = set()
    key_ids: set[str] = set()
    donated: list[str] = []
    for key, sid in facts.keys.get(target, ()):
        if sid in allowed:
            keys.add(key)
            key_ids.add(sid)
    for link, donor in facts.donors.get(target, ()):
        if not ok(link.id, True):
            continue
        sources = [(donor, None)] + [(a, s) for s, a in facts.assets.get(donor, ())]
        for entity, via in sources:
            if via is not None and not ok(via.id, True):
                continue
            for key, sid in facts.keys.get(entity, ()):
                if ok(sid, True):
                    keys.add(key)
                    donated += [sid, link.id] + ([via.id] if via is not None else [])
    family = family_of(schema)
    record = build(schema, target, rows, keys)
    if family is None or record is None:
        return None
    props = MATCHED_PROPS.get(family.name, frozenset())
    used_ids = [r.id for r in rows if r.prop in props or r.id in key_ids]
    used_ids += [sid for sid in dict.fromkeys(donated) if sid not in used_ids]
    used = [facts.rows[sid] for sid in used_ids]
    unreadable = [sid for sid in used_ids if not ok(sid, sid in donated, Access.READ)]
    return Item(target, schema, owner, family, record, used, unreadable)
