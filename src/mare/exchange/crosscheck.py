"""Cross-check results as one principal may see them: full hits, and hit/no-hit.

A partner's query (`check`, ``POST /check``) or contribution (`on_arrival`,
a message's entities as they arrive) is scored against the held items it may
search (`mare.exchange.items`). For each hit:

- **full** — the partner may read every statement of the held item that took
  part: it sees the item, the score and the reasons;
- **hit/no-hit** — it may not: it learns a hit id, the owner and the band,
  nothing else. The hit is kept as a disclosure (`mare.exchange.disclosures`)
  with what matched, for the owner, who is notified and decides.

Items the partner may not search (victims, witnesses, informants, contacts,
minors; see `policy.decide`) give nothing at all: no hit, no hit/no-hit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Row, select

from mare.errors import InvalidValue, NotFound
from mare.exchange import alerts, disclosures, items
from mare.exchange.audit import Action
from mare.exchange.hub import Context
from mare.exchange.items import Item
from mare.exchange.policy import NOT_FOR_COURT, Access, Permission, require
from mare.ingest.pipeline import Report
from mare.ingest.record import Record
from mare.match.benign import BenignList
from mare.match.check import file_records
from mare.match.families import family_of
from mare.match.index import Hit, Index, stored_hits
from mare.store.tables import statements

BANDS = ("match", "review", "link")
Pair = tuple[str, str]
MAX_CHECK = 1000


def _pair(
    index: Index, query: Any, held: Item, family: Any, rarity: Any, known: Mapping[Pair, Hit]
) -> tuple[Any, str | None]:
    left, right = (query, held.record) if query.id <= held.record.id else (held.record, query)
    hit = known.get((left.id, right.id))
    if hit is not None and hit.family is family and hit.left == left and hit.right == right:
        return hit.result, hit.band  # scored on arrival from the very same records
    result = index.score(family, left, right, rarity if family.name == "person" else None)
    return result, family.band(result)


def _reasons(result: Any, query_first: bool) -> list[dict[str, Any]]:
    """The reasons with ``left`` the query's value and ``right`` the held one."""
    out = []
    for reason in result.reasons:
        data = reason.to_dict()
        if not query_first:
            data["left"], data["right"] = data["right"], data["left"]
        out.append(data)
    return out


def _score_all(
    ctx: Context,
    index: Index,
    queries: Sequence[tuple[str, str, Any, dict[str, Any]]],
    candidates: dict[str, set[str]],
    known: Mapping[Pair, Hit] | None = None,
    built: list[Item] | None = None,
) -> list[tuple[str, dict[str, Any], Item, Any, str]]:
    """Score each query against the held items (per owner) of its candidates.

    ``known``: the hits already scored (on arrival), by their pair of entity ids; a
    pair whose two records are those very records is not scored again. ``built``:
    the candidates' items for `Access.SEARCH`, when the caller built them already."""
    if built is None:
        wanted = {eid for found in candidates.values() for eid in found}
        built = items.build_items(ctx, wanted, Access.SEARCH, per_owner=True)
    held: dict[str, list[Item]] = defaultdict(list)
    for item in built:
        held[item.entity_id].append(item)
    people = [q for _, family, q, _ in queries if family == "person"]
    people += [i.record for found in held.values() for i in found if i.family.name == "person"]
    rarity = index.rarity(people) if people else None
    known = known or {}
    out = []
    for query_id, family, record, shown in queries:
        for eid in sorted(candidates.get(query_id, ())):
            for item in held.get(eid, ()):
                if item.owner == ctx.who.organisation and eid == query_id:
                    continue
                if family != item.family.name:
                    continue
                result, band = _pair(index, record, item, item.family, rarity, known)
                if band is not None:
                    out.append((query_id, shown, item, result, band))
    return out


def _views(
    ctx: Context,
    scored: list[tuple[str, dict[str, Any], Item, Any, str]],
    kind: str,
    message_id: str | None,
) -> list[dict[str, Any]]:
    views = []
    for query_id, shown, item, result, band in scored:
        mine = item.owner == ctx.who.organisation
        if item.readable or mine:
            views.append(
                {
                    "hit": None,
                    "visibility": "full",
                    "your_entity": query_id,
                    "owner": item.owner,
                    "band": band,
                    "family": item.family.name,
                    "entity": item.entity_id,
                    "score": round(result.score, 4),
                    "reasons": _reasons(result, query_id <= item.record.id),
                    "status": None,
                    **_marks(item, full=True),
                }
            )
            continue
        row, new = disclosures.open_hit(
            ctx,
            kind=kind,
            message_id=message_id,
            query_id=query_id,
            query_item=shown,
            item=item,
            band=band,
            score=result.score,
            reasons=_reasons(result, query_id <= item.record.id),
        )
        views.append({**disclosures.hit_view(row), **_marks(item, full=False), "new": new})
    return views


def _marks(item: Item, *, full: bool) -> dict[str, Any]:
    """H1 marks any hit drawn from H1 values not for court; a full hit carries the H3
    restriction texts of the values it shows (a hit/no-hit shows none)."""
    h1 = any(row.handling == "H1" for row in item.used)
    texts = sorted({row.restriction for row in item.used if row.handling == "H3"})
    return {
        "not_for_court": h1,
        "not_for_court_reason": NOT_FOR_COURT if h1 else None,
        "restrictions": [t for t in texts if t] if full else [],
    }


def summary(views: list[dict[str, Any]]) -> dict[str, Any]:
    counts = {band: sum(v["band"] == band for v in views) for band in BANDS}
    shown = [{k: v for k, v in view.items() if k != "new"} for view in views]
    return {"total": len(views), **counts, "items": shown}


def check(ctx: Context, entities: list[Any], benign: BenignList | None = None) -> dict[str, Any]:
    """``POST /check``: the hits of these FtM entities (not stored) that the caller may see."""
    require(ctx.who, Permission.CHECK)
    if len(entities) > MAX_CHECK:
        raise InvalidValue(f"check at most {MAX_CHECK} entities at once", field="body.entities")
    records = [Record(n, data) for n, data in enumerate(entities, start=1)]
    found, errors = file_records(records)
    if errors:
        first = errors[0]
        where = f"body.entities.{(first.line or 1) - 1}"
        raise InvalidValue(f"entity rejected: {first.reason}", field=where)
    sent = {e["id"]: e for e in entities if isinstance(e, dict) and isinstance(e.get("id"), str)}
    queries = []
    for schema, record in found.values():
        family = family_of(schema)
        assert family is not None
        queries.append((family, record, None))
    index = Index(ctx.conn, benign)
    candidates: dict[str, set[str]] = defaultdict(set)
    for hit in index.check(queries, ordered=False).hits:
        candidates[hit.left.id].add(hit.right.id)
    shown = [(r.id, _family(schema), r, _item_json(sent.get(r.id))) for schema, r in found.values()]
    views = _views(ctx, _score_all(ctx, index, shown, candidates), "check", None)
    ctx.audit(
        Action.SEARCH,
        "check",
        object_type="entity",
        object_ids=sorted({v["entity"] for v in views if v["entity"]}),
        recipients=[ctx.who.organisation],
        detail={
            "queries": len(queries),
            "full": sum(v["visibility"] == "full" for v in views),
            "hit_no_hit": [v["hit"] for v in views if v["hit"]],
        },
    )
    alerts.hits_found(ctx, views, None)
    return summary(views)


def _family(schema: str) -> str:
    family = family_of(schema)
    assert family is not None  # file_records builds records of matched families only
    return family.name


def _item_json(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        return {}
    return {
        "id": data.get("id"),
        "schema": data.get("schema"),
        "properties": data.get("properties", {}),
    }


def _own_json(item: Item) -> dict[str, Any]:
    props: dict[str, list[str]] = defaultdict(list)
    for row in item.used:
        if row.entity_id == item.entity_id:
            props[row.prop].append(row.value)
    return {"id": item.entity_id, "schema": item.schema, "properties": dict(props)}


Scored = list[tuple[str, dict[str, Any], Item, Any, str]]


def on_arrival(
    ctx: Context, message: Row[Any], report: Report, benign: BenignList | None = None
) -> dict[str, Any]:
    """The hits a contribution made, as its sender may see them (for the acknowledgement)."""
    return arrival_views(ctx, message.id, arrival_scores(ctx, report, benign))


def arrival_scores(ctx: Context, report: Report, benign: BenignList | None = None) -> Scored:
    """The first half of `on_arrival`, which only reads: the contribution's pairs, scored
    as its sender may see them. Called before the transaction writes anything, it
    keeps the write lock (SQLite's is the store's) free while it works."""
    arrived = set(report.entities)
    candidates: dict[str, set[str]] = defaultdict(set)
    for hit in report.hits:
        left, right = hit.left.id, hit.right.id
        if left in arrived:
            candidates[left].add(right)
        if right in arrived:
            candidates[right].add(left)
    if not candidates:
        return []
    mine = _own(ctx, candidates)
    wanted = {eid for found in candidates.values() for eid in found}
    own, held = items.build_each(
        ctx, [(mine, Access.READ), (wanted, Access.SEARCH)], per_owner=True
    )
    queries = [
        (i.entity_id, i.family.name, i.record, _own_json(i))
        for i in own
        if i.owner == ctx.who.organisation  # its contribution: its own values only
    ]
    index = Index(ctx.conn, benign)
    known = {(hit.left.id, hit.right.id): hit for hit in report.hits}
    return _score_all(ctx, index, queries, candidates, known, held)


def arrival_views(ctx: Context, message_id: str, scored: Scored) -> dict[str, Any]:
    """The second half of `on_arrival`: the hits as the sender may see them, the
    disclosures of the hit/no-hit ones and the notifications."""
    if not scored:
        return summary([])
    views = _views(ctx, scored, "message", message_id)
    alerts.hits_found(ctx, views, message_id)
    return summary(views)


def held_hits(ctx: Context, entity_id: str, benign: BenignList | None = None) -> dict[str, Any]:
    """``GET /hits?entity=``: the stored hits of an entity the caller may read, as it may
    see them (its values of the entity against what it may search of the others)."""
    require(ctx.who, Permission.CHECK)
    built = items.build_items(ctx, [entity_id], Access.READ, per_owner=False)
    if not built:
        raise NotFound(f"no entity {entity_id!r} that you may read")
    query = built[0]
    queries = [(query.entity_id, query.family.name, query.record, _own_json(query))]
    stored = stored_hits(ctx.conn, entity_id)
    others = {h.right_id if h.left_id == entity_id else h.left_id for h in stored}
    index = Index(ctx.conn, benign)
    scored = _score_all(ctx, index, queries, {entity_id: others})
    if any(row.owner != ctx.who.organisation for row in query.used):
        # Partly another's item: a hit/no-hit would tell the other side's owner
        # values that are not the caller's to give; only full hits are shown.
        scored = [s for s in scored if s[2].readable or s[2].owner == ctx.who.organisation]
    views = _views(ctx, scored, "check", None)
    ctx.audit(
        Action.SEARCH,
        "hit.list",
        object_type="entity",
        object_ids=[entity_id, *sorted({v["entity"] for v in views if v["entity"]})],
        recipients=[ctx.who.organisation],
        detail={
            "stored": len(stored),
            "full": sum(v["visibility"] == "full" for v in views),
            "hit_no_hit": [v["hit"] for v in views if v["hit"]],
        },
    )
    alerts.hits_found(ctx, views, None)
    return summary(views)


def _own(ctx: Context, candidates: dict[str, set[str]]) -> list[str]:
    """The arrived entities that hold the sender's values."""
    wanted = sorted(candidates)
    query = select(statements.c.entity_id).where(
        statements.c.entity_id.in_(wanted), statements.c.owner == ctx.who.organisation
    )
    return sorted({eid for (eid,) in ctx.conn.execute(query.distinct())})


__all__ = ["arrival_scores", "arrival_views", "check", "held_hits", "on_arrival", "summary"]
