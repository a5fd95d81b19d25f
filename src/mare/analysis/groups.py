"""Connected groups of linked entities (igraph), largest first.

A group is a connected component of the link graph (`mare.analysis.links`):
entities tied by sameness, shared identifiers and relations. A group
reported by more than one organisation is **cross-border**: the link no
single partner could see.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import igraph

from mare.analysis.links import Link, Node


@dataclass(frozen=True, slots=True)
class Group:
    entities: tuple[str, ...]  # most connected first
    schemata: dict[str, int]
    owners: tuple[str, ...]
    links: dict[str, int]  # by kind

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


def groups(nodes: dict[str, Node], links: list[Link], min_size: int = 2) -> list[Group]:
    """Every group of at least ``min_size`` entities, largest (then most owners) first."""
    built, ids = graph(nodes, links)
    degree = built.degree()
    found: list[Group] = []
    for members in built.connected_components():
        if len(members) < min_size:
            continue
        ordered = sorted(members, key=lambda v: (-degree[v], ids[v]))
        member_set = set(members)
        kinds = Counter(edge["kind"] for edge in built.es.select(_source_in=member_set))
        owners = sorted({o for v in members for o in nodes[ids[v]].owners})
        schemata = Counter(nodes[ids[v]].schema for v in members)
        found.append(
            Group(tuple(ids[v] for v in ordered), dict(schemata), tuple(owners), dict(kinds))
        )
    found.sort(key=lambda g: (-g.size, -len(g.owners), g.entities[0]))
    return found
