"""Connected groups of linked entities (igraph), largest first.

A group is a connected component of the link graph (`mare.analysis.links`):
entities tied by sameness, shared identifiers and relations. A group
reported by more than one organisation is **cross-border**: the link no
single partner could see.

Smuggling networks share brokers, safe houses and phones, so on a real
picture most entities end up in one large component. `clusters` splits a
component larger than `SPLIT` into its densely linked parts (Leiden,
modularity, seeded: the same store gives the same clusters), each reported
with the size of the component it lies in.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

import igraph

from mare.analysis.links import Link, Node


@dataclass(frozen=True, slots=True)
class Group:
    entities: tuple[str, ...]  # most connected first
    schemata: dict[str, int]
    owners: tuple[str, ...]
    links: dict[str, int]  # by kind (the links among its own entities)
    component: int = 0  # the size of the connected component it lies in (0: itself)

    @property
    def size(self) -> int:
        return len(self.entities)

    @property
    def cross_border(self) -> bool:
        return len(self.owners) > 1


def graph(nodes: dict[str, Node], links: list[Link]) -> tuple[igraph.Graph, list[str]]:
    """The undirected link graph; vertex i is entity ``ids[i]``."""
    ids = sorted(nodes)
    index = {entity_id: i for i, entity_id in enumerate(ids)}
    built = igraph.Graph(n=len(ids), edges=[(index[x.left], index[x.right]) for x in links])
    built.es["kind"] = [x.kind for x in links]
    return built, ids


SPLIT = 60  # components larger than this are split into clusters
SEED = 20260907


def _group(
    built: igraph.Graph,
    ids: list[str],
    nodes: dict[str, Node],
    members: list[int],
    degree: list[int],
    component: int = 0,
) -> Group:
    ordered = sorted(members, key=lambda v: (-degree[v], ids[v]))
    kinds = Counter(e["kind"] for e in built.es.select(_within=members))
    owners = sorted({o for v in members for o in nodes[ids[v]].owners})
    schemata = Counter(nodes[ids[v]].schema for v in members)
    return Group(
        tuple(ids[v] for v in ordered), dict(schemata), tuple(owners), dict(kinds), component
    )


def _ranked(found: list[Group]) -> list[Group]:
    return sorted(found, key=lambda g: (-g.size, -len(g.owners), g.entities[0]))


def groups(nodes: dict[str, Node], links: list[Link], min_size: int = 2) -> list[Group]:
    """Every group of at least ``min_size`` entities, largest (then most owners) first."""
    built, ids = graph(nodes, links)
    degree = built.degree()
    return _ranked(
        [
            _group(built, ids, nodes, members, degree)
            for members in built.connected_components()
            if len(members) >= min_size
        ]
    )


def clusters(
    nodes: dict[str, Node], links: list[Link], min_size: int = 3, split: int = SPLIT
) -> list[Group]:
    """The groups, with every component larger than ``split`` split into its
    clusters (Leiden on modularity, seeded); largest first."""
    built, ids = graph(nodes, links)
    degree = built.degree()
    found: list[Group] = []
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        for members in built.connected_components():
            if len(members) < min_size:
                continue
            if len(members) <= split:
                found.append(_group(built, ids, nodes, members, degree))
                continue
            order = sorted(members)
            sub = built.induced_subgraph(order)
            parts = sub.community_leiden(objective_function="modularity", n_iterations=-1)
            for part in parts:
                if len(part) >= min_size:
                    picked = [order[v] for v in part]
                    found.append(_group(built, ids, nodes, picked, degree, len(members)))
    finally:
        igraph.set_random_number_generator(random)
    return _ranked(found)
