"""The route search: the ``k`` cheapest routes from one role to another within a number of
moves, and, when none fits, the reason and the closest role within reach
(:mod:`rolegraph.analysis.route_closest`).

Fewest-move distances, which prune the search and tell how far a goal is, run as unweighted
shortest paths in :mod:`scipy.sparse.csgraph` over a CSR matrix of the graph of moves: an
equivalence hop costs no move and two never follow each other, so each matrix entry is one
move, alone or followed by one hop (moves + moves @ hops), and the search starts from the role
and the roles one hop away. The cheapest paths themselves are found by a best-first search over
partial paths in Python, on the few roles the distances leave.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.move_graph import (
    Adjacency,
    GoalArcs,
    MoveGraph,
    goal_arcs,
    move_graph,
    shares_barrier,
)
from rolegraph.analysis.overlap import DEFAULT_MEASURE
from rolegraph.analysis.route_closest import closest_role, no_route_reason, pick_closest
from rolegraph.analysis.route_steps import role_of, route_of
from rolegraph.analysis.route_types import (
    DEFAULT_MAX_RISE,
    DEFAULT_MAX_STEPS,
    DEFAULT_MIN_PAY_RATIO,
    DEFAULT_NEIGHBOURS,
    DEFAULT_THRESHOLD,
    Closest,
    NoRoute,
    Route,
    RouteResult,
    RouteSettings,
)
from rolegraph.network import RoleNetwork

#: Partial paths the route search extends before it settles for the routes found so far.
_MAX_EXPANSIONS = 200_000


def _keep_columns(matrix: sp.csr_matrix, keep: np.ndarray) -> sp.csr_matrix:
    """``matrix`` without the entries in columns ``keep`` leaves out."""
    kept = matrix.copy()
    kept.data = kept.data * keep[kept.indices]
    kept.eliminate_zeros()
    return kept


@dataclass(frozen=True, eq=False)
class Search:
    """The graph of moves as the searches towards one goal read it: with the extra moves into
    the goal (``goal``), through the roles ``allowed`` (every role when None)."""

    moves: MoveGraph
    goal: GoalArcs
    allowed: set[str] | None

    @cached_property
    def successors(self) -> Adjacency:
        return Adjacency(self.moves.succ, self.goal.succ)

    @cached_property
    def predecessors(self) -> Adjacency:
        return Adjacency(self.moves.pred, self.goal.pred)

    @cached_property
    def mask(self) -> np.ndarray | None:
        """The roles a route may pass through, by index (None: every role)."""
        if self.allowed is None:
            return None
        index = self.moves.index
        mask = np.zeros(len(index), dtype=bool)
        mask[[index[r] for r in self.allowed if r in index]] = True
        return mask

    def _extra(self, reverse: bool) -> sp.csr_matrix:
        index = self.moves.index
        n = len(index)
        pairs = [(index[u], index[v]) for u, v in self.goal.edges]
        rows = [v if reverse else u for u, v in pairs]
        cols = [u if reverse else v for u, v in pairs]
        return sp.csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=(n, n))

    def _reach(self, reverse: bool, keep: np.ndarray | None) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """The reach matrix (one move, then at most one hop) and the hops, through ``keep``."""
        hops = self.moves.matrix(False, reverse)
        if keep is None:
            reach = self.moves.reach(reverse)
            if self.goal.edges:
                extra = self._extra(reverse)
                reach = sp.csr_matrix(reach + extra + extra @ hops)
            return reach, hops
        steps = self.moves.matrix(True, reverse)
        if self.goal.edges:
            steps = steps + self._extra(reverse)
        steps, hops = _keep_columns(steps, keep), _keep_columns(hops, keep)
        return sp.csr_matrix(steps + steps @ hops), hops

    @cached_property
    def _reach_allowed(self) -> dict[bool, tuple[sp.csr_matrix, sp.csr_matrix]]:
        return {reverse: self._reach(reverse, self.mask) for reverse in (False, True)}

    def distances(
        self, start: str, limit: int, *, reverse: bool = False, within: np.ndarray | None = None
    ) -> np.ndarray:
        """Fewest moves from ``start`` to each node by index (``reverse``: from each node to
        ``start``), within ``limit`` moves (infinite beyond), through the allowed roles or only
        through ``within``; equivalence hops count zero and never follow each other."""
        if within is None:
            matrix, hops = self._reach_allowed[reverse]
        else:
            matrix, hops = self._reach(reverse, within)
        i = self.moves.index[start]
        starts = [i, *hops.indices[hops.indptr[i] : hops.indptr[i + 1]].tolist()]
        found: np.ndarray = csgraph.dijkstra(
            matrix, indices=starts, unweighted=True, limit=limit, min_only=True
        )
        return found


def costs_to(predecessors: Adjacency, target: str, nodes: set[str]) -> dict[str, float]:
    """Cheapest cost from each of ``nodes`` to ``target`` (Dijkstra over reversed edges): the
    lower bound that guides the route search."""
    cost = {target: 0.0}
    heap = [(0.0, target)]
    while heap:
        c, node = heapq.heappop(heap)
        if c > cost[node]:
            continue
        for other, arc_cost, _ in predecessors[node]:
            if other not in nodes:
                continue
            nc = c + arc_cost
            if nc < cost.get(other, float("inf")):
                cost[other] = nc
                heapq.heappush(heap, (nc, other))
    return cost


def cheapest_paths(
    search: Search, source: str, target: str, k: int, max_steps: int
) -> list[tuple[float, tuple[str, ...]]]:
    """The ``k`` cheapest simple paths with at most ``max_steps`` moves and no two equivalence
    hops in a row, cheapest first.

    A best-first search over partial paths, guided by the exact cheapest cost to the target
    (which ignores the constraints, so it never overestimates): complete paths come out in cost
    order. Nodes that cannot lie on a path of at most ``max_steps`` moves are pruned first.
    """
    nodes = search.moves.nodes
    behind_all = search.distances(target, max_steps, reverse=True)
    if not np.isfinite(behind_all[search.moves.index[source]]):
        return []
    # Only roles from which the target is within reach can lie on a route.
    within = np.isfinite(behind_all)
    if search.mask is not None:
        within &= search.mask
    ahead = search.distances(source, max_steps, within=within)
    on_route = np.flatnonzero(ahead + behind_all <= max_steps).tolist()
    behind = {nodes[i]: int(behind_all[i]) for i in on_route}
    behind[target] = 0
    remaining = costs_to(search.predecessors, target, set(behind))
    successors = search.successors
    counter = itertools.count()
    heap: list[tuple[float, float, int, int, str, bool, tuple[str, ...]]] = [
        (remaining.get(source, 0.0), 0.0, 0, next(counter), source, False, (source,))
    ]
    found: list[tuple[float, tuple[str, ...]]] = []
    expansions = 0
    while heap and len(found) < k and expansions < _MAX_EXPANSIONS:
        _, cost, moves, _, node, by_hop, path = heapq.heappop(heap)
        if node == target:
            found.append((cost, path))
            continue
        expansions += 1
        for other, arc_cost, step in successors[node]:
            if (by_hop and not step) or other not in remaining or other in path:
                continue
            hop = not step
            used = moves if hop else moves + 1
            if used + behind[other] > max_steps:
                continue
            total = cost + arc_cost
            heapq.heappush(
                heap,
                (total + remaining[other], total, used, next(counter), other, hop, (*path, other)),
            )
    return found


def allowed_roles(net: RoleNetwork, scheme: str | None, *ends: str) -> set[str] | None:
    """The roles a route may pass through: the classification's, the ends and what the ends are
    equivalent to (so an article role reaches O*NET through its ESCO counterpart)."""
    if scheme is None:
        return None
    allowed = {r for r, s in zip(net.roles, net.schemes) if s == scheme}
    for end in ends:
        allowed.add(end)
        if end in net.equivalences:
            allowed.update(nx.node_connected_component(net.equivalences, end))
    return allowed


def routes(
    net: RoleNetwork,
    source: str,
    target: str,
    k: int = 3,
    max_steps: int = DEFAULT_MAX_STEPS,
    promotions_only: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    scheme: str | None = None,
    *,
    neighbours: int = DEFAULT_NEIGHBOURS,
    measure: str = DEFAULT_MEASURE,
    max_rise: int = DEFAULT_MAX_RISE,
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO,
    where: str | None = None,
) -> RouteResult:
    """The ``k`` best routes from ``source`` to ``target`` of at most ``max_steps`` moves, each
    move feasible or stated by a source; with none, the reason and the closest role reachable.
    ``where`` (a region code such as ``US-CA``) chooses the pay figures.

    Raises:
        UnknownNameError: ``source`` or ``target`` is not a role of the network.
    """
    source, target = str(source), str(target)
    net.index(source)
    net.index(target)
    options = RouteSettings(
        k=k,
        max_steps=max_steps,
        promotions_only=promotions_only,
        threshold=threshold,
        scheme=scheme,
        neighbours=neighbours,
        measure=measure,
        max_rise=max_rise,
        min_pay_ratio=min_pay_ratio,
        where=where or fz.NATIONAL,
    )
    guard = fz.barrier(net, target)
    barrier = None if guard is None or shares_barrier(net, source, guard) else guard

    def answer(
        found: tuple[Route, ...], reason: NoRoute | None, closest: Closest | None = None
    ) -> RouteResult:
        return RouteResult(
            role_of(net, source),
            role_of(net, target),
            found,
            reason=reason,
            options=options,
            closest=closest,
            barrier=barrier,
        )

    if source == target:
        return answer((), NoRoute("same"))
    moves = move_graph(net, options.moves)
    goal = goal_arcs(net, target, options.moves)
    search = Search(moves, goal, allowed_roles(net, scheme, source, target))
    found: list[Route] = []
    for _, path in cheapest_paths(search, source, target, k, max_steps):
        best = found[0] if found else None
        found.append(route_of(net, moves, path, len(found) + 1, best, where, goal.edges))
    if found:
        return answer(tuple(found), None)
    # Every role within any number of moves: the reason needs the target's distance, the
    # closest role those within the step limit (one search serves both).
    reach = search.distances(source, len(net.roles))
    to_target = reach[moves.index[target]]
    reason = no_route_reason(
        [other for other, _, _ in search.successors[source]],
        search.allowed,
        None if np.isinf(to_target) else int(to_target),
    )
    within = np.where(reach <= max_steps, reach, np.inf)
    pick = pick_closest(net, moves.nodes, within, source, target, measure)
    route = None
    if pick != source:
        paths = cheapest_paths(search, source, pick, 1, max_steps)
        route = route_of(net, moves, paths[0][1], 1, None, where, goal.edges) if paths else None
    moves_to_pick = int(within[moves.index[pick]])
    closest = closest_role(net, source, target, pick, moves_to_pick, route, where, measure)
    return answer((), reason, closest)


__all__ = ["Search", "allowed_roles", "cheapest_paths", "costs_to", "routes"]
