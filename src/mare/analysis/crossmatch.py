"""The cross-match report: what the hub found across partners, as one reader may see it.

The report is an analytical product (`mare report crossmatch`, the end of
`make demo`). It holds, for the reader (a user of an organisation, through
the access rules of `mare.exchange.policy`):

- **partners**: per sending organisation, the messages received, the entities
  and values stored, the records refused;
- **cross-border hits**: stored hits whose two entities were reported by
  different organisations, each with its score, band and reasons. A hit is
  shown only when the reader may read *every* value of both entities: the
  reasons quote values, so a hit drawn partly from values the reader may not
  read is counted as withheld, never shown in part;
- **disclosures**: hit/no-hit hits waiting for the owner's decision, by
  owner and requester (to the reader's organisation, or all of them for a
  supervisor);
- **groups**: the largest groups of linked entities among those the reader
  may read (`mare.analysis.groups.clusters`: connected components, the
  largest split into their densely linked clusters), cross-border first.

It carries the strictest handling code of what it shows; every hit drawn
from H1 values is marked not for court, and so is the report when any is;
H3 restriction texts travel with the hits they cover. Building it is
audited as an export of the entities it shows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Row, func, select

from mare.analysis import groups as grouping
from mare.analysis import links
from mare.exchange import holdings, reading
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.policy import NOT_FOR_COURT, Access, Permission, allows, require
from mare.store.exchange import disclosures, messages
from mare.store.tables import hits, rejects, sources, statements

HANDLING_ORDER = ("H0", "H1", "H2", "H3")
# The properties that name an entity in a report, most telling first.
CAPTION = (
    "name",
    "alias",
    "number",
    "phoneNumber",
    "imoNumber",
    "mmsi",
    "iban",
    "username",
    "email",
    "full",
    "street",
    "title",
)
SHOWN = (
    "birthDate",
    "nationality",
    "gender",
    "phone",
    "passportNumber",
    "idNumber",
    "email",
    "imoNumber",
    "mmsi",
    "callSign",
    "flag",
    "iban",
    "city",
    "country",
)


@dataclass(frozen=True, slots=True)
class Side:
    """One entity of a hit, with the values the report shows of it."""

    entity_id: str
    schema: str
    owners: tuple[str, ...]
    caption: str
    facts: tuple[tuple[str, str], ...]  # (property, values) worth showing


@dataclass(frozen=True, slots=True)
class CrossHit:
    left: Side
    right: Side
    family: str
    score: float
    band: str
    reasons: tuple[dict[str, Any], ...]
    handling: str  # the strictest code of the values behind it
    not_for_court: bool
    restrictions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PartnerFigures:
    organisation: str
    messages: int
    entities: int
    values: int
    rejected: int


@dataclass(frozen=True, slots=True)
class Pending:
    owner: str
    requester: str
    family: str
    band: str
    count: int


@dataclass(frozen=True, slots=True)
class GroupView:
    size: int
    owners: tuple[str, ...]
    schemata: dict[str, int]
    links: dict[str, int]
    members: tuple[Side, ...]  # the most connected first (at most `MEMBERS`)
    component: int  # the size of the connected component it is a cluster of (0: all of it)


@dataclass
class Report:
    reader: str
    organisation: str
    generated_at: datetime
    partners: list[PartnerFigures] = field(default_factory=list)
    hits: list[CrossHit] = field(default_factory=list)
    bands: dict[str, int] = field(default_factory=dict)  # cross-border hits shown, by band
    withheld: int = 0  # cross-border hits drawn from values the reader may not read
    pending: list[Pending] = field(default_factory=list)
    groups: list[GroupView] = field(default_factory=list)

    @property
    def handling(self) -> str:
        """The strictest handling code of what the report shows (H0 when it shows none)."""
        codes = [h.handling for h in self.hits]
        return max(codes, key=HANDLING_ORDER.index) if codes else "H0"

    @property
    def not_for_court(self) -> bool:
        return any(h.not_for_court for h in self.hits)

    @property
    def not_for_court_reason(self) -> str | None:
        return NOT_FOR_COURT if self.not_for_court else None

    @property
    def restrictions(self) -> list[str]:
        return sorted({text for h in self.hits for text in h.restrictions})


MEMBERS = 12


def _partners(ctx: Context) -> list[PartnerFigures]:
    """Counts only (no values): what each organisation sent (the hub sees every
    organisation's, a partner its own)."""
    conn = ctx.conn
    sent: dict[str, int] = dict(
        conn.execute(
            select(messages.c.sender, func.count())
            .where(messages.c.status == "received")
            .group_by(messages.c.sender)
        ).all()
    )
    held = {
        owner: (n_entities, n_values)
        for owner, n_entities, n_values in conn.execute(
            select(
                statements.c.owner,
                func.count(statements.c.entity_id.distinct()),
                func.count(),
            ).group_by(statements.c.owner)
        )
    }
    refused: dict[str, int] = dict(
        conn.execute(
            select(sources.c.owner, func.count())
            .select_from(rejects)
            .join(sources, sources.c.id == rejects.c.source_id)
            .group_by(sources.c.owner)
        ).all()
    )
    orgs = sorted(set(sent) | set(held) | set(refused))
    if not ctx.who.at_hub:  # a partner learns its own figures, not what others hold
        orgs = [o for o in orgs if o == ctx.who.organisation]
    return [
        PartnerFigures(
            org,
            int(sent.get(org, 0)),
            int(held.get(org, (0, 0))[0]),
            int(held.get(org, (0, 0))[1]),
            int(refused.get(org, 0)),
        )
        for org in orgs
    ]


def _caption(rows: Sequence[Row[Any]]) -> str:
    by_prop: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.value not in by_prop[row.prop]:
            by_prop[row.prop].append(row.value)
    for prop in CAPTION:
        if by_prop.get(prop):
            return " / ".join(by_prop[prop][:3])
    return rows[0].entity_id if rows else ""


def _side(entity_id: str, rows: Sequence[Row[Any]]) -> Side:
    by_prop: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.value not in by_prop[row.prop]:
            by_prop[row.prop].append(row.value)
    facts = tuple((p, ", ".join(by_prop[p][:4])) for p in SHOWN if by_prop.get(p))
    return Side(
        entity_id,
        rows[0].schema if rows else "",
        tuple(sorted({r.owner for r in rows})),
        _caption(rows),
        facts,
    )


def _readable(
    ctx: Context, entity_ids: Iterable[str]
) -> tuple[dict[str, list[Row[Any]]], set[str]]:
    """The statements of these entities by entity, and the entities whose every
    statement the reader may read."""
    rows = holdings.statements_of(ctx.conn, set(entity_ids))
    by_entity: dict[str, list[Row[Any]]] = defaultdict(list)
    denied: set[str] = set()
    for row, _, allowed in reading.judged(ctx, rows, Access.EXPORT):
        by_entity[row.entity_id].append(row)
        if not allowed:
            denied.add(row.entity_id)
    return by_entity, set(by_entity) - denied


def _cross_hits(ctx: Context, limit: int) -> tuple[list[CrossHit], dict[str, int], int]:
    conn = ctx.conn
    owners: dict[str, set[str]] = defaultdict(set)
    for entity_id, owner in conn.execute(
        select(statements.c.entity_id, statements.c.owner).distinct()
    ):
        owners[entity_id].add(owner)
    org = ctx.who.organisation
    stored = []
    for row in conn.execute(select(hits).order_by(hits.c.score.desc(), hits.c.left_id)):
        both = owners.get(row.left_id, set()) | owners.get(row.right_id, set())
        # A partner hears only of hits on its own data, never of hits among others'.
        if len(both) > 1 and (ctx.who.at_hub or org in both):
            stored.append(row)
    by_entity, readable = _readable(ctx, {e for r in stored for e in (r.left_id, r.right_id)})
    shown: list[CrossHit] = []
    bands: Counter[str] = Counter()
    withheld = 0
    for row in stored:
        if row.left_id not in readable or row.right_id not in readable:
            withheld += 1
            continue
        bands[row.band] += 1
        if len(shown) >= limit:
            continue
        used = by_entity[row.left_id] + by_entity[row.right_id]
        codes = {r.handling for r in used}
        shown.append(
            CrossHit(
                _side(row.left_id, by_entity[row.left_id]),
                _side(row.right_id, by_entity[row.right_id]),
                row.family,
                float(row.score),
                row.band,
                tuple(orjson.loads(row.reasons)),
                max(codes, key=HANDLING_ORDER.index),
                "H1" in codes,
                tuple(
                    sorted({r.restriction for r in used if r.handling == "H3" and r.restriction})
                ),
            )
        )
    shown.sort(key=lambda h: (("match", "link", "review").index(h.band), -h.score))
    return shown, dict(bands), withheld


def pending(ctx: Context) -> list[Pending]:
    """Hit/no-hit hits waiting for their owner: the reader's organisation's, or all of
    them for a supervisor. Counts only: what matched stays with the owner."""
    if not allows(ctx.who, Permission.DISCLOSE):
        return []
    query = (
        select(
            disclosures.c.owner,
            disclosures.c.requester,
            disclosures.c.family,
            disclosures.c.band,
            func.count(),
        )
        .where(disclosures.c.status == "pending")
        .group_by(
            disclosures.c.owner, disclosures.c.requester, disclosures.c.family, disclosures.c.band
        )
    )
    if not allows(ctx.who, Permission.OVERRIDE):
        org = ctx.who.organisation
        query = query.where((disclosures.c.owner == org) | (disclosures.c.requester == org))
    found = [Pending(o, r, f, b, int(n)) for o, r, f, b, n in ctx.conn.execute(query)]
    found.sort(key=lambda p: (-p.count, p.owner, p.requester, p.family))
    ctx.audit(
        Action.CONSULTATION,
        "disclosure.pending",
        object_type="disclosure",
        detail={"pending": sum(p.count for p in found)},
    )
    return found


def _groups(ctx: Context, limit: int) -> list[GroupView]:
    all_ids = [eid for (eid,) in ctx.conn.execute(select(statements.c.entity_id).distinct())]
    by_entity, readable = _readable(ctx, all_ids)
    nodes, found = links.load(ctx.conn, readable)
    ranked = grouping.clusters(nodes, found)
    ranked.sort(key=lambda g: (not g.cross_border, -g.size, g.entities[0]))
    return [
        GroupView(
            g.size,
            g.owners,
            g.schemata,
            g.links,
            tuple(_side(eid, by_entity[eid]) for eid in g.entities[:MEMBERS]),
            g.component,
        )
        for g in ranked[:limit]
    ]


def groups(ctx: Context, limit: int = 10) -> list[GroupView]:
    """The largest groups alone (``mare groups``), as ``ctx``'s principal may see them
    (audited as a consultation of the entities shown)."""
    require(ctx.who, Permission.DATA_READ)
    found = _groups(ctx, limit)
    ctx.audit(
        Action.CONSULTATION,
        "groups.list",
        object_type="entity",
        object_ids=sorted({m.entity_id for g in found for m in g.members}),
        detail={"groups": len(found)},
    )
    return found


def build(ctx: Context, *, hit_limit: int = 200, group_limit: int = 10) -> Report:
    """The report as ``ctx``'s principal may see it (audited as an export)."""
    require(ctx.who, Permission.DATA_READ)
    report = Report(ctx.who.user, ctx.who.organisation, datetime.now(UTC))
    report.partners = _partners(ctx)
    report.hits, report.bands, report.withheld = _cross_hits(ctx, hit_limit)
    report.pending = pending(ctx)
    report.groups = _groups(ctx, group_limit)
    shown = sorted(
        {s.entity_id for h in report.hits for s in (h.left, h.right)}
        | {m.entity_id for g in report.groups for m in g.members}
    )
    ctx.audit(
        Action.EXPORT,
        "report.crossmatch",
        object_type="entity",
        object_ids=shown,
        recipients=[ctx.who.organisation],
        detail={
            "hits": len(report.hits),
            "withheld": report.withheld,
            "groups": len(report.groups),
            "handling": report.handling,
        },
    )
    return report


__all__ = [
    "CrossHit",
    "GroupView",
    "PartnerFigures",
    "Pending",
    "Report",
    "Side",
    "build",
    "groups",
    "pending",
]
