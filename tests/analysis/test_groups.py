"""Links between held entities and the connected groups they form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from mare.analysis.groups import clusters, groups
from mare.analysis.links import Link, Node, load
from mare.ingest import Defaults, Ingestor
from mare.store import Store


def _file(path: Path, *rows: dict[str, Any]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def _person(pid: str, name: str, **props: list[str]) -> dict[str, Any]:
    return {"id": pid, "schema": "Person", "properties": {"name": [name], **props}}


def _ingest(store: Store, tmp_path: Path) -> None:
    ingestor = Ingestor(store)
    ingestor.ingest(
        _file(
            tmp_path / "gr.jsonl",
            _person("gr-1", "Karim Nasser", phone=["+218 91 234 5678"]),
            _person("gr-2", "Omar Saleh"),
            {
                "id": "gr-call",
                "schema": "Call",
                "properties": {"caller": ["gr-1"], "receiver": ["gr-2"], "date": ["2026-10-01"]},
            },
        ),
        Defaults(owner="GR-HP"),
    )
    ingestor.ingest(
        _file(
            tmp_path / "it.jsonl",
            _person("it-9", "Youssef Haddad", phone=["00218912345678"]),  # gr-1's phone
            _person("it-10", "Nobody Linked"),
        ),
        Defaults(owner="IT-SCO"),
    )


def test_links_of_three_kinds(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    with store.engine.connect() as conn:
        nodes, links = load(conn)
    kinds = {(x.kind, frozenset((x.left, x.right))) for x in links}
    assert ("identifier", frozenset({"gr-1", "it-9"})) in kinds
    assert ("relation", frozenset({"gr-call", "gr-1"})) in kinds
    assert ("relation", frozenset({"gr-call", "gr-2"})) in kinds
    assert nodes["it-9"].owners == {"IT-SCO"}


def test_groups_largest_first_and_cross_border(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    with store.engine.connect() as conn:
        nodes, links = load(conn)
    found = groups(nodes, links)
    assert len(found) == 1  # "Nobody Linked" is alone
    (group,) = found
    assert set(group.entities) == {"gr-1", "gr-2", "gr-call", "it-9"}
    assert group.cross_border and group.owners == ("GR-HP", "IT-SCO")
    assert group.entities[0] in {"gr-1", "gr-call"}  # most connected first
    assert group.schemata == {"Person": 3, "Call": 1}


def test_a_reader_sees_only_the_entities_it_may(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path)
    with store.engine.connect() as conn:
        nodes, links = load(conn, allowed={"gr-1", "gr-2", "gr-call"})
    assert "it-9" not in nodes
    assert all("it-9" not in (x.left, x.right) for x in links)
    (group,) = groups(nodes, links)
    assert not group.cross_border


def _clique(prefix: str, size: int, owner: str) -> tuple[dict[str, Node], list[Link]]:
    nodes = {
        f"{prefix}{i}": Node(f"{prefix}{i}", "Person", frozenset({owner})) for i in range(size)
    }
    ids = sorted(nodes)
    edges = [Link(a, b, "same", "1.0") for n, a in enumerate(ids) for b in ids[n + 1 :]]
    return nodes, edges


def test_a_large_component_is_split_into_its_clusters() -> None:
    left, left_links = _clique("a", 8, "GR-HP")
    right, right_links = _clique("b", 8, "IT-SCO")
    bridge = Link("a0", "b0", "identifier", "phone:+218912345678")  # one broker's phone
    nodes = {**left, **right}
    links = [*left_links, *right_links, bridge]
    [whole] = groups(nodes, links)
    assert whole.size == 16 and whole.component == 0
    parts = clusters(nodes, links, split=10)
    assert sorted(set(p.entities) for p in parts) == sorted([set(left), set(right)], key=sorted)
    assert all(p.component == 16 for p in parts)
    assert [p.links for p in parts] == [{"same": 28}, {"same": 28}]  # the bridge is in neither
    assert clusters(nodes, links, split=10) == parts  # seeded: the same clusters every time
    assert clusters(nodes, links) == [whole]  # below the split, a component stays whole
