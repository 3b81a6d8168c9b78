"""The weighted graph of moves routes run over, built once per network and options.

A move a source states is always offered; a move no source states is offered only when it is
feasible (:mod:`rolegraph.analysis.feasibility`: similarity at least ``threshold``, at most
``max_rise`` job zones up, at least ``min_pay_ratio`` of the pay kept, no degree or licence
barrier):

- stated promotion (``rg:promotesTo``, or a stated move of kind ``rg:Promotion``): cost 1.0;
- stated lateral move (a stated move of kind ``rg:LateralMove``): 1.2;
- stated transition (``rg:progressesTo`` alone, or ``rg:Transition``): 1.5;
- derived move (``rg:DerivedMove``: a ladder the classifications imply, or a move the data
  suggests): 1.5 - score / 2, so 1.0 to 1.5;
- lateral move into one of the role's ``neighbours`` most similar roles whose similarity reaches
  the threshold: 2.0 - similarity, so 1.0 to 1.75 at the default threshold 0.25;
- equivalent, the same occupation in another classification: 0.1, and not a step (the route
  says "also called ... in O*NET" instead).

So a stated promotion is the cheapest step, and each step costs at least 1.0: fewer steps win.
Where several edges join the same two roles, a stated move wins over a derived one, which wins
over a similarity-based one. Two equivalence hops in a row are not allowed (that would move
between two occupations of one classification for free through a shared counterpart).

A goal guarded by a barrier (a doctoral or professional degree, a licence) stays reachable: the
last move into it is a step of its own that names the barrier, at one more unit of cost, and may
rise more than one job zone (the degree or licence is what the rise asks for).

Each edge of the graph carries one :class:`Edge` under the key ``"edge"``. The searches read
the graph as plain adjacency lists and as sparse matrices (:class:`MoveGraph`), derived with it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import networkx as nx
import numpy as np
import scipy.sparse as sp

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours
from rolegraph.analysis.refs import Barrier
from rolegraph.analysis.route_types import (
    DEFAULT_MAX_RISE,
    DEFAULT_MIN_PAY_RATIO,
    DEFAULT_NEIGHBOURS,
    DEFAULT_THRESHOLD,
    MoveOptions,
)
from rolegraph.network import RoleNetwork, scheme_of
from rolegraph.network.derived import derived

PROMOTION_COST = 1.0
STATED_LATERAL_COST = 1.2
TRANSITION_COST = 1.5
EQUIVALENCE_COST = 0.1
#: Added to the move that crosses a barrier into the goal.
BARRIER_COST = 1.0

STATED_MOVES = {"promotion": "promotion", "lateral": "lateral move", "transition": "transition"}
_STATED_COSTS = {
    "promotion": PROMOTION_COST,
    "lateral": STATED_LATERAL_COST,
    "transition": TRANSITION_COST,
}


def similarity_cost(overlap: float) -> float:
    """The cost of a lateral move into a role with similarity ``overlap`` (0..1)."""
    return 2.0 - overlap


def derived_cost(score: float | None) -> float:
    """The cost of a derived move with ``score`` (0..1; unknown counts as 0.5): 1.0 to 1.5, the
    range of similarity moves above the highly viable level. A derived score blends signals that
    run lower than similarity alone, so it is scaled by half."""
    return 1.5 - 0.5 * (0.5 if score is None else max(0.0, min(1.0, score)))


@dataclass(frozen=True)
class Edge:
    """One move of the graph: what it costs, what kind of move it is (promotion, lateral move,
    transition, equivalent), where it comes from (stated, derived, similarity, equivalence), the
    similarity (``overlap``), score, evidence and method behind it, and the barrier it crosses
    into a guarded goal."""

    cost: float
    move: str
    origin: str
    overlap: float | None = None
    score: float | None = None
    evidence: tuple[str, ...] = ()
    method: str | None = None
    barrier: Barrier | None = None

    @property
    def is_step(self) -> bool:
        """A move rather than a hop to the same occupation in another classification."""
        return self.origin != "equivalence"

    def past(self, guard: Barrier) -> Edge:
        """This move as the last one into a goal ``guard`` keeps out: it names the barrier and
        costs one more unit."""
        return replace(self, cost=self.cost + BARRIER_COST, barrier=guard)


_EQUIVALENT = Edge(EQUIVALENCE_COST, "equivalent", "equivalence")

#: One edge as the searches read it: (other node, cost, is a move rather than an equivalence hop).
Arc = tuple[str, float, bool]


@dataclass(frozen=True, eq=False)
class MoveGraph:
    """The graph of moves for one set of options, and the forms the searches read it in.

    ``barrier_in`` keeps, per role guarded by a barrier, the feasible-but-for-the-barrier moves
    into it, which a route to that goal may end with."""

    graph: nx.DiGraph
    barrier_in: Mapping[str, tuple[tuple[str, Edge], ...]]

    def edge(self, u: str, v: str) -> Edge:
        """The move from ``u`` to ``v``."""
        found: Edge = self.graph.edges[u, v]["edge"]
        return found

    @cached_property
    def succ(self) -> dict[str, list[Arc]]:
        """The arcs out of each node (the searches run several times faster over plain lists
        than over networkx's views)."""
        return _arcs(self.graph.succ)

    @cached_property
    def pred(self) -> dict[str, list[Arc]]:
        """The arcs into each node, as arcs of the reversed graph."""
        return _arcs(self.graph.pred)

    @cached_property
    def nodes(self) -> list[str]:
        """The nodes by index: the network's roles, in its order."""
        return list(self.graph.nodes)

    @cached_property
    def index(self) -> dict[str, int]:
        """The index of each node in :attr:`nodes` and in the matrices."""
        return {node: i for i, node in enumerate(self.nodes)}

    def matrix(self, steps: bool, reverse: bool = False) -> sp.csr_matrix:
        """The moves (``steps``) or the equivalence hops as a 0/1 CSR matrix, node x node;
        ``reverse``: of the reversed graph."""
        return self._matrices[(steps, reverse)]

    def reach(self, reverse: bool = False) -> sp.csr_matrix:
        """Where one move, alone or followed by one equivalence hop, leads from each node (0/1,
        node x node; ``reverse``: of the reversed graph): fewest-move distances are unweighted
        shortest paths over it."""
        return self._reach[reverse]

    @cached_property
    def _reach(self) -> dict[bool, sp.csr_matrix]:
        found = {}
        for reverse in (False, True):
            steps = self.matrix(True, reverse)
            reach = sp.csr_matrix(steps + steps @ self.matrix(False, reverse))
            reach.data[:] = 1.0
            found[reverse] = reach
        return found

    @cached_property
    def _matrices(self) -> dict[tuple[bool, bool], sp.csr_matrix]:
        index = self.index
        n = len(index)
        rows: dict[bool, list[int]] = {True: [], False: []}
        cols: dict[bool, list[int]] = {True: [], False: []}
        for u, v, edge in self.graph.edges(data="edge"):
            rows[edge.is_step].append(index[u])
            cols[edge.is_step].append(index[v])
        found = {}
        for steps in (True, False):
            data = np.ones(len(rows[steps]), dtype=np.float64)
            forward = sp.csr_matrix((data, (rows[steps], cols[steps])), shape=(n, n))
            found[(steps, False)] = forward
            found[(steps, True)] = sp.csr_matrix(forward.T)
        return found


def _arcs(adjacency: Mapping[str, Mapping[str, Mapping[str, Edge]]]) -> dict[str, list[Arc]]:
    return {
        node: [(other, data["edge"].cost, data["edge"].is_step) for other, data in edges.items()]
        for node, edges in adjacency.items()
    }


class Adjacency:
    """Adjacency lists plus extra arcs for one search (the moves into its goal)."""

    def __init__(self, base: Mapping[str, list[Arc]], extra: Mapping[str, list[Arc]]) -> None:
        self.base = base
        self.extra = extra

    def __getitem__(self, node: str) -> list[Arc]:
        more = self.extra.get(node)
        return self.base[node] + more if more else self.base[node]


def shares_barrier(net: RoleNetwork, role: str, guard: Barrier) -> bool:
    """Whether ``role`` is behind a barrier of the same kind as ``guard`` (so moving on past it
    asks for nothing new)."""
    own = fz.barrier(net, role)
    return own is not None and own.kind == guard.kind


@derived
def move_graph(net: RoleNetwork, options: MoveOptions) -> MoveGraph:
    """The graph of the moves routes may take with ``options`` (derived once per network)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(net.roles)
    barrier_in: dict[str, list[tuple[str, Edge]]] = {}
    threshold = options.threshold

    def offer(u: str, v: str, edge: Edge, similarity: float | None = None) -> None:
        broken = fz.rule_breaks(
            net,
            u,
            v,
            max_rise=options.max_rise,
            min_pay_ratio=options.min_pay_ratio,
            similarity=similarity,
            threshold=threshold,
            allow_barrier=True,
        )
        guard = fz.barrier(net, v)
        if guard is not None and not shares_barrier(net, u, guard):
            # The degree or licence is the rise in job zone: only the other rules hold.
            if all(rule.rule == "rise" for rule in broken):
                barrier_in.setdefault(v, []).append((u, edge))
            return
        if not broken:
            graph.add_edge(u, v, edge=edge)

    promotions_only = options.promotions_only
    if not promotions_only and options.neighbours > 0:
        near = all_neighbours(net, options.neighbours, options.measure)
        roles = net.roles
        for i in range(len(roles)):
            for j, score in near.of(i):
                if score >= threshold:
                    edge = Edge(similarity_cost(score), "lateral move", "similarity", overlap=score)
                    offer(roles[i], roles[j], edge, score)
    for u, v, data in net.moves.edges(data=True):
        if data["origin"] != "derived" or (promotions_only and data["kind"] != "promotion"):
            continue
        edge = Edge(
            derived_cost(data.get("score")),
            STATED_MOVES.get(data["kind"], "transition"),
            "derived",
            score=data.get("score"),
            evidence=tuple(data.get("evidence", ())),
            method=data.get("method"),
        )
        if graph.has_edge(u, v):
            graph.remove_edge(u, v)
        offer(u, v, edge)
    # A stated move replaces any other about the same two roles, and is never filtered.
    for u, v, data in net.moves.edges(data=True):
        if data["origin"] != "stated" or (promotions_only and data["kind"] != "promotion"):
            continue
        kind = data["kind"]
        graph.add_edge(u, v, edge=Edge(_STATED_COSTS[kind], STATED_MOVES[kind], "stated"))
    for u, v in net.equivalences.edges():
        graph.add_edge(u, v, edge=_EQUIVALENT)
        graph.add_edge(v, u, edge=_EQUIVALENT)
    # A role of the article that names both its ESCO concept and its O*NET occupation says the
    # two are one occupation: a hop joins them directly (two hops in a row are not allowed).
    for r in net.equivalences:
        if scheme_of(r) != "rolegraph":
            continue
        named = [v for v in net.equivalences.adj[r] if scheme_of(v) != "rolegraph"]
        for v, w in itertools.permutations(named, 2):
            if scheme_of(v) != scheme_of(w) and not graph.has_edge(v, w):
                graph.add_edge(v, w, edge=_EQUIVALENT)
    kept = {
        v: tuple((u, e) for u, e in edges if not graph.has_edge(u, v))
        for v, edges in barrier_in.items()
    }
    return MoveGraph(graph, kept)


def route_graph(
    net: RoleNetwork,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    neighbours: int = DEFAULT_NEIGHBOURS,
    promotions_only: bool = False,
    measure: str = DEFAULT_MEASURE,
    max_rise: int = DEFAULT_MAX_RISE,
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO,
) -> nx.DiGraph:
    """The weighted graph of the moves routes may take (derived once per network and options);
    each edge carries its :class:`Edge` under ``"edge"``."""
    options = MoveOptions(threshold, neighbours, promotions_only, measure, max_rise, min_pay_ratio)
    return move_graph(net, options).graph


@dataclass(frozen=True)
class GoalArcs:
    """Extra moves into one goal for the searches towards it, as successor and predecessor arcs
    and their edges, keyed by (role, goal)."""

    succ: Mapping[str, list[Arc]]
    pred: Mapping[str, list[Arc]]
    edges: Mapping[tuple[str, str], Edge]


@derived
def goal_arcs(net: RoleNetwork, goal: str, options: MoveOptions) -> GoalArcs:
    """The moves into ``goal`` a search adds to the graph of moves: those only its barrier
    keeps out (ending in a step that names it), and lateral moves from the roles most similar
    to the goal (similarity is symmetric: a role the goal is like can move into it, even when
    the goal is not among that role's own nearest)."""
    moves = move_graph(net, options)
    graph = moves.graph
    guard = fz.barrier(net, goal)
    succ: dict[str, list[Arc]] = {}
    pred: dict[str, list[Arc]] = {}
    edges: dict[tuple[str, str], Edge] = {}

    def add(u: str, edge: Edge) -> None:
        succ.setdefault(u, []).append((goal, edge.cost, True))
        pred.setdefault(goal, []).append((u, edge.cost, True))
        edges[(u, goal)] = edge

    if guard is not None:
        for u, edge in moves.barrier_in.get(goal, ()):
            add(u, edge.past(guard))
    threshold = options.threshold
    if not options.promotions_only and options.neighbours > 0:
        near = all_neighbours(net, options.neighbours, options.measure)
        for j, score in near.of(net.index(goal)):
            u = net.roles[j]
            if score < threshold or graph.has_edge(u, goal) or (u, goal) in edges:
                continue
            broken = fz.rule_breaks(
                net,
                u,
                goal,
                max_rise=options.max_rise,
                min_pay_ratio=options.min_pay_ratio,
                similarity=score,
                threshold=threshold,
                allow_barrier=True,
            )
            edge = Edge(similarity_cost(score), "lateral move", "similarity", overlap=score)
            if guard is not None and not shares_barrier(net, u, guard):
                if all(rule.rule == "rise" for rule in broken):
                    add(u, edge.past(guard))
            elif not broken:
                add(u, edge)
    return GoalArcs(succ, pred, edges)


__all__ = [
    "BARRIER_COST",
    "EQUIVALENCE_COST",
    "PROMOTION_COST",
    "STATED_LATERAL_COST",
    "TRANSITION_COST",
    "Adjacency",
    "Arc",
    "Edge",
    "GoalArcs",
    "MoveGraph",
    "derived_cost",
    "goal_arcs",
    "move_graph",
    "route_graph",
    "shares_barrier",
    "similarity_cost",
]
