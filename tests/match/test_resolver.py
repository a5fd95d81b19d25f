"""Judgements: merges, not-same blocks through any path, undo, stable canonical ids."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mare.errors import MareError, NotFound
from mare.match import resolver
from mare.match.resolver import ResolutionError, Verdict
from mare.store import Store
from mare.store.tables import entities

NOW = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
def held(store: Store) -> Store:
    with store.writer() as w:
        w.insert_new(
            entities,
            [{"id": e, "schema": "Person", "first_seen": NOW, "last_seen": NOW} for e in "abcdef"],
        )
    return store


def _judge(store: Store, left: str, right: str, verdict: str) -> int:
    return resolver.judge(store, left, right, Verdict.parse(verdict), "analyst-1").id


def test_same_merges_transitively_and_keeps_the_oldest_id(held: Store) -> None:
    j1 = _judge(held, "a", "b", "same")
    j2 = _judge(held, "c", "d", "same")
    res = resolver.load(held)
    assert res.canonical("a") == res.canonical("b") == f"mare-c{j1}"
    assert res.canonical("c") == f"mare-c{j2}"
    assert res.canonical("e") == "e"
    _judge(held, "b", "c", "same")  # merges the two clusters
    res = resolver.load(held)
    assert {res.canonical(x) for x in "abcd"} == {f"mare-c{j1}"}


def test_not_same_blocks_any_transitive_merge(held: Store) -> None:
    _judge(held, "a", "b", "same")
    _judge(held, "c", "d", "same")
    block = _judge(held, "a", "d", "not-same")
    with pytest.raises(ResolutionError, match=f"judgement {block}"):
        _judge(held, "b", "c", "same")  # would put a and d together
    res = resolver.load(held)
    assert not res.same("b", "c")
    assert res.suppressed("b", "c")  # the rejected candidate stays suppressed
    _judge(held, "d", "e", "same")  # a later merge on the other side
    assert resolver.load(held).suppressed("a", "e")
    with pytest.raises(ResolutionError, match="resolved as the same"):
        _judge(held, "a", "b", "not-same")


def test_undo_splits_and_ids_stay_stable(held: Store) -> None:
    j1 = _judge(held, "a", "b", "same")
    j2 = _judge(held, "c", "d", "same")
    j3 = _judge(held, "b", "c", "same")
    resolver.undo(held, j3, "supervisor")
    res = resolver.load(held)
    assert res.canonical("a") == f"mare-c{j1}" and res.canonical("d") == f"mare-c{j2}"
    assert not res.same("a", "d")
    with pytest.raises(MareError, match="already undone by supervisor"):
        resolver.undo(held, j3, "supervisor")
    block = _judge(held, "a", "d", "not-same")
    resolver.undo(held, block, "analyst-1")
    _judge(held, "b", "c", "same")  # allowed again once the block is undone
    assert resolver.load(held).same("a", "d")


def test_unsure_changes_nothing(held: Store) -> None:
    _judge(held, "a", "b", "unsure")
    res = resolver.load(held)
    assert not res.same("a", "b") and not res.suppressed("a", "b")


def test_bad_judgements(held: Store) -> None:
    with pytest.raises(NotFound, match="'zz'"):
        _judge(held, "a", "zz", "same")
    with pytest.raises(MareError, match="two different"):
        _judge(held, "a", "a", "same")
    with pytest.raises(MareError, match="unknown verdict"):
        Verdict.parse("maybe")
    with pytest.raises(NotFound):
        resolver.undo(held, 999, "x")
