"""How many moves every role is from one role: distance maps over the graph of moves, computed by
SciPy's compiled shortest-path search instead of a breadth-first search in Python.

A move counts one; an equivalence hop (the same occupation in another classification) counts
nothing, but two hops in a row are not allowed. That is a shortest path over *states*: each
role once as reached by a move (or the start) and once as reached by a hop; a move leads from
either state of a role to the move state of the next, a hop only from the move state to the hop
state. SciPy drops edges of weight zero, so a hop weighs ``_HOP`` (far below one move, even
summed over every hop of a path) and distances are rounded down.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from rolegraph.network import RoleNetwork

#: The weight of an equivalence hop: a path has fewer than 1 / _HOP hops.
_HOP = 1e-6

#: One arc as the route searches read it: (other role, cost, is a move rather than a hop).
Arc = tuple[str, float, bool]


@dataclass(frozen=True)
class MoveMatrix:
    """The state graph of a graph of moves: roles by index, and the sparse matrix of states
    (role ``i`` reached by a move is state ``i``, reached by a hop ``n + i``)."""

    roles: tuple[str, ...]
    index: Mapping[str, int]
    matrix: csr_matrix


def _is_move(data: Mapping[str, Any]) -> bool:
    return bool(data.get("origin") != "equivalence")


def _state_matrix(
    n: int, arcs: Iterable[tuple[int, int, bool]], shape: int | None = None
) -> csr_matrix:
    rows: list[int] = []
    cols: list[int] = []
    weights: list[float] = []
    for u, v, move in arcs:
        if move:  # from either state of u to the move state of v
            rows += (u, n + u)
            cols += (v, v)
            weights += (1.0, 1.0)
        else:  # from the move state of u to the hop state of v
            rows.append(u)
            cols.append(n + v)
            weights.append(_HOP)
    size = shape or 2 * n
    return csr_matrix((weights, (rows, cols)), shape=(size, size))


def move_matrix(graph: nx.DiGraph, *, reverse: bool = False) -> MoveMatrix:
    """The state graph of ``graph`` (its arcs reversed with ``reverse``: distances *to* a
    role), kept in the graph's attributes."""
    key = "reach_matrix_reverse" if reverse else "reach_matrix"
    kept = graph.graph.get(key)
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    roles = tuple(graph.nodes)
    index = {role: i for i, role in enumerate(roles)}
    arcs = (
        (index[v], index[u], _is_move(data)) if reverse else (index[u], index[v], _is_move(data))
        for u, v, data in graph.edges(data=True)
    )
    built = MoveMatrix(roles, index, _state_matrix(len(roles), arcs))
    graph.graph[key] = built
    return built


def distances(
    graph: nx.DiGraph,
    start: str,
    limit: int,
    allowed: set[str] | None = None,
    *,
    reverse: bool = False,
    extra: Mapping[str, list[Arc]] | None = None,
) -> dict[str, int]:
    """Fewest moves from ``start`` to each role of ``graph`` within ``limit`` (with
    ``reverse``: from each role to ``start``), passing only through ``allowed`` roles (the start
    always), with ``extra`` arcs (as adjacency lists in the search's direction) for this search
    alone."""
    states = move_matrix(graph, reverse=reverse)
    n = len(states.roles)
    matrix = states.matrix
    if extra:
        more = (
            (states.index[u], states.index[v], move)
            for u, arcs in extra.items()
            for v, _, move in arcs
        )
        matrix = matrix + _state_matrix(n, more)
    if allowed is not None:
        keep = np.zeros(2 * n, dtype=bool)
        for role in (*allowed, start):
            i = states.index.get(role)
            if i is not None:
                keep[i] = keep[n + i] = True
        # Arcs into a role outside ``allowed`` are dropped: its states cannot be entered.
        matrix = matrix @ _diagonal(keep)
        matrix.eliminate_zeros()
    found = dijkstra(matrix, directed=True, indices=states.index[start], limit=limit + 0.5)
    best = np.minimum(found[:n], found[n:])
    reached = np.flatnonzero(np.isfinite(best))
    moves = np.floor(best[reached]).astype(np.int64)
    return {states.roles[i]: int(m) for i, m in zip(reached.tolist(), moves.tolist())}


def _diagonal(keep: np.ndarray) -> csr_matrix:
    size = len(keep)
    return csr_matrix((keep.astype(np.float64), (np.arange(size), np.arange(size))), (size, size))


def fewest_moves(
    net: RoleNetwork,
    source: str,
    *,
    limit: int | None = None,
    allowed: set[str] | None = None,
    reverse: bool = False,
    **options: Any,
) -> dict[str, int]:
    """Fewest moves from ``source`` to every role it can reach (within ``limit``; every role
    when None) over the graph of moves routes take with ``options`` (those of
    :func:`rolegraph.analysis.routes.route_graph`); with ``reverse``, to ``source`` from every
    role that can reach it."""
    from rolegraph.analysis.routes import route_graph

    graph = route_graph(net, **options)
    return distances(
        graph,
        str(source),
        len(net.roles) if limit is None else limit,
        allowed,
        reverse=reverse,
    )
