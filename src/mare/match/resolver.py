"""Analysts' judgements on pairs, and the resolution they imply.

A judgement says two entities are the ``same``, ``not_same``, or that the
analyst is ``unsure``; it records who and when, and can be undone (it is
marked, never deleted). The active ``same`` judgements join entities into
clusters; a ``not_same`` between two clusters blocks any judgement that would
merge them, however indirect, and keeps the pair suppressed as a candidate
after later merges.

Canonical ids are stable: a cluster is named after its earliest active
``same`` judgement (``mare-c<id>``). When two clusters merge, the older name
survives; when an undo splits one, the part that keeps the earliest
judgement keeps the name and the other part takes the name of its own
earliest judgement. An entity in no cluster is its own canonical id. The
statements of merged entities are untouched: each keeps its provenance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select

from mare.errors import MareError, NotFound
from mare.model.provenance import utcnow
from mare.store import Store
from mare.store.tables import entities, judgements


class ResolutionError(MareError):
    """A judgement contradicts the ones already recorded."""


class Verdict(StrEnum):
    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"

    @classmethod
    def parse(cls, text: str) -> Verdict:
        try:
            return cls(text.strip().lower().replace("-", "_"))
        except ValueError:
            raise MareError(f"unknown verdict {text!r}: use same, not-same or unsure") from None


@dataclass(frozen=True, slots=True)
class Judgement:
    id: int
    left: str
    right: str
    verdict: Verdict
    user: str
    created_at: datetime


class Resolver:
    """Clusters and blocks implied by a set of active judgements."""

    def __init__(self, items: Iterable[Judgement]) -> None:
        self._parent: dict[str, str] = {}
        self._founder: dict[str, int] = {}  # cluster root -> earliest same judgement id
        self._not_same: list[Judgement] = []
        for item in sorted(items, key=lambda j: j.id):
            if item.verdict is Verdict.SAME:
                self._union(item.left, item.right, item.id)
            elif item.verdict is Verdict.NOT_SAME:
                self._not_same.append(item)

    def _find(self, node: str) -> str:
        parent = self._parent.setdefault(node, node)
        if parent != node:
            parent = self._parent[node] = self._find(parent)
        return parent

    def _union(self, left: str, right: str, judgement: int) -> None:
        a, b = self._find(left), self._find(right)
        if a == b:
            return
        founders = [f for f in (self._founder.get(a), self._founder.get(b), judgement) if f]
        self._parent[b] = a
        self._founder[a] = min(founders)
        self._founder.pop(b, None)

    def canonical(self, entity_id: str) -> str:
        root = self._find(entity_id)
        founder = self._founder.get(root)
        return f"mare-c{founder}" if founder is not None else entity_id

    def same(self, left: str, right: str) -> bool:
        return self._find(left) == self._find(right)

    def blocker(self, left: str, right: str) -> Judgement | None:
        """The not-same judgement between the clusters of two entities, if any."""
        a, b = self._find(left), self._find(right)
        for item in self._not_same:
            x, y = self._find(item.left), self._find(item.right)
            if {x, y} == {a, b}:
                return item
        return None

    def suppressed(self, left: str, right: str) -> bool:
        """Whether a candidate pair needs no review: resolved either way."""
        return self.same(left, right) or self.blocker(left, right) is not None

    def check(self, left: str, right: str, verdict: Verdict) -> None:
        if verdict is Verdict.SAME:
            found = self.blocker(left, right)
            if found is not None:
                raise ResolutionError(
                    f"{left} and {right} cannot be merged: judgement {found.id} says "
                    f"{found.left} is not {found.right} (undo it first)"
                )
        if verdict is Verdict.NOT_SAME and self.same(left, right):
            raise ResolutionError(
                f"{left} and {right} are resolved as the same ({self.canonical(left)}); "
                "undo the same-judgement that joins them first"
            )


def _active(store: Store) -> list[Judgement]:
    query = select(judgements).where(judgements.c.undone_at.is_(None)).order_by(judgements.c.id)
    with store.engine.connect() as conn:
        return [
            Judgement(r.id, r.left_id, r.right_id, Verdict(r.verdict), r.user, r.created_at)
            for r in conn.execute(query)
        ]


def load(store: Store) -> Resolver:
    return Resolver(_active(store))


def judge(store: Store, left: str, right: str, verdict: Verdict, user: str) -> Judgement:
    """Record a judgement after checking it against the active ones."""
    if left == right:
        raise MareError("a judgement needs two different entities")
    left, right = sorted((left, right))
    with store.writer() as w:
        found = {
            r.id
            for r in w.conn.execute(select(entities.c.id).where(entities.c.id.in_([left, right])))
        }
        missing = sorted({left, right} - found)
        if missing:
            raise NotFound(f"no entity {missing[0]!r} in the store")
        Resolver(_active(store)).check(left, right, verdict)
        now = utcnow()
        result = w.conn.execute(
            judgements.insert().values(
                left_id=left, right_id=right, verdict=verdict.value, user=user, created_at=now
            )
        )
        key = result.inserted_primary_key
        assert key is not None
        return Judgement(int(key[0]), left, right, verdict, user, now)


def undo(store: Store, judgement_id: int, user: str) -> Judgement:
    """Mark a judgement undone; the resolution it implied goes with it."""
    with store.writer() as w:
        row = w.conn.execute(select(judgements).where(judgements.c.id == judgement_id)).first()
        if row is None:
            raise NotFound(f"no judgement {judgement_id}")
        if row.undone_at is not None:
            raise MareError(f"judgement {judgement_id} was already undone by {row.undone_by}")
        w.conn.execute(
            judgements.update()
            .where(judgements.c.id == judgement_id)
            .values(undone_by=user, undone_at=utcnow())
        )
        return Judgement(
            row.id, row.left_id, row.right_id, Verdict(row.verdict), row.user, row.created_at
        )
