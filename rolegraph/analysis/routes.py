"""Career routes: the best k routes from one role to another, and where a role can go next.

Routes run over a weighted directed graph of moves, built once per network and options:

- stated promotion (``rg:promotesTo``, or a stated move of kind ``rg:Promotion``): cost 1.0;
- stated lateral move (a stated move of kind ``rg:LateralMove``): 1.2;
- stated transition (``rg:progressesTo`` alone, or ``rg:Transition``): 1.5;
- derived move (``rg:DerivedMove``): 1.5 - score / 2, so 1.0 to 1.5;
- lateral move into one of the role's ``neighbours`` most similar roles whose weighted skill
  overlap reaches the threshold: 2.0 - overlap, so 1.0 to 1.5 at the default threshold 0.5;
- equivalent, the same occupation in another classification: 0.1, and not counted as a step.

So a stated promotion is the cheapest step, a move into a role sharing most skills costs little
more, and each step costs at least 1.0: fewer steps win. Where several edges join the same two
roles, a stated move wins over a derived one, which wins over a similarity-based one. Two
equivalence hops in a row are not allowed (that would move between two occupations of one
classification for free through a shared counterpart in another).
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from rolegraph.analysis.overlap import all_neighbours, weighted_jaccard
from rolegraph.network import RoleNetwork, scheme_of

PROMOTION_COST = 1.0
STATED_LATERAL_COST = 1.2
TRANSITION_COST = 1.5
EQUIVALENCE_COST = 0.1
DEFAULT_THRESHOLD = 0.5
DEFAULT_NEIGHBOURS = 10
DEFAULT_MAX_STEPS = 4

#: Partial paths the route search extends before it settles for the routes found so far.
_MAX_EXPANSIONS = 200_000

_STATED_MOVES = {"promotion": "promotion", "lateral": "lateral move", "transition": "transition"}
_STATED_COSTS = {
    "promotion": PROMOTION_COST,
    "lateral": STATED_LATERAL_COST,
    "transition": TRANSITION_COST,
}


#: Lateral moves follow skill overlap until routes are rebuilt on the multi-facet similarity.
DEFAULT_MEASURE = "weighted-jaccard"


def similarity_cost(overlap: float) -> float:
    """The cost of a lateral move into a role sharing ``overlap`` (0..1) of the skills."""
    return 2.0 - overlap


def derived_cost(score: float | None) -> float:
    """The cost of a derived move with ``score`` (0..1; unknown counts as 0.5): 1.0 to 1.5, the
    range of similarity moves above the default threshold. A derived score blends signals that run
    lower than skill overlap alone (task and title similarity), so it is scaled by half."""
    return 1.5 - 0.5 * (0.5 if score is None else max(0.0, min(1.0, score)))


def route_graph(
    net: RoleNetwork,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    neighbours: int = DEFAULT_NEIGHBOURS,
    promotions_only: bool = False,
    measure: str = DEFAULT_MEASURE,
) -> nx.DiGraph:
    """The weighted graph of moves routes run on (cached on the network).

    Edge attributes: ``cost``, ``move`` (promotion, lateral move, transition, derived move,
    equivalent), ``origin`` (stated, derived, similarity, equivalence), ``overlap``, ``score``,
    ``evidence``.
    """
    key = ("route_graph", threshold, neighbours, promotions_only, measure)
    cached = net.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    graph = nx.DiGraph()
    graph.add_nodes_from(net.roles)
    if not promotions_only and neighbours > 0:
        near = all_neighbours(net, neighbours, measure)
        roles = net.roles
        graph.add_edges_from(
            (
                roles[i],
                roles[j],
                _edge(similarity_cost(score), "lateral move", "similarity", overlap=score),
            )
            for i in range(len(roles))
            for j, score in near.of(i)
            if score >= threshold
        )
    # Derived moves first: a stated move about the same two roles replaces it.
    for origin in ("derived", "stated"):
        for u, v, data in net.moves.edges(data=True):
            if data["origin"] != origin or (promotions_only and data["kind"] != "promotion"):
                continue
            if origin == "stated":
                kind = data["kind"]
                edge = _edge(_STATED_COSTS[kind], _STATED_MOVES[kind], "stated")
            else:
                edge = _edge(
                    derived_cost(data.get("score")),
                    "derived move",
                    "derived",
                    score=data.get("score"),
                    evidence=data.get("evidence", ()),
                )
            graph.add_edge(u, v, **edge)
    for u, v in net.equivalences.edges():
        graph.add_edge(u, v, **_edge(EQUIVALENCE_COST, "equivalent", "equivalence"))
        graph.add_edge(v, u, **_edge(EQUIVALENCE_COST, "equivalent", "equivalence"))
    net.cache[key] = graph
    return graph


def _edge(
    cost: float,
    move: str,
    origin: str,
    *,
    overlap: float | None = None,
    score: float | None = None,
    evidence: Iterable[str] = (),
) -> dict[str, Any]:
    return {
        "cost": cost,
        "move": move,
        "origin": origin,
        "overlap": overlap,
        "score": score,
        "evidence": tuple(evidence),
    }


def _is_step(data: dict[str, Any]) -> bool:
    return bool(data["origin"] != "equivalence")


#: One edge as the searches read it: (other node, cost, is a move rather than an equivalence hop).
Arc = tuple[str, float, bool]


def _arcs(graph: nx.DiGraph, reverse: bool = False) -> dict[str, list[Arc]]:
    """Plain adjacency lists of the route graph (kept in its graph attributes): the searches run
    several times faster over them than over networkx's views."""
    key = "pred_arcs" if reverse else "succ_arcs"
    cached = graph.graph.get(key)
    if cached is None:
        adjacency = graph.pred if reverse else graph.succ
        cached = {
            node: [(other, data["cost"], _is_step(data)) for other, data in edges.items()]
            for node, edges in adjacency.items()
        }
        graph.graph[key] = cached
    return cached  # type: ignore[no-any-return]


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One move of a route."""

    source: dict[str, Any]
    target: dict[str, Any]
    move: str
    origin: str
    cost: float
    skills_to_gain: tuple[dict[str, Any], ...] = ()
    skill_overlap: float | None = None
    pay_change: dict[str, Any] | None = None
    evidence: tuple[str, ...] = ()
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "from": self.source,
            "to": self.target,
            "move": self.move,
            "stated": self.origin == "stated",
            "cost": round(self.cost, 4),
            "skills_to_gain": list(self.skills_to_gain),
            "skill_overlap": None if self.skill_overlap is None else round(self.skill_overlap, 4),
            "pay_change": self.pay_change,
        }
        if self.origin == "derived":
            data["score"] = self.score
            data["evidence"] = list(self.evidence)
        return data

    def describe(self) -> str:
        """The step in words, as the explanation of a route lists it."""
        if self.move == "equivalent":
            return "the same occupation in another classification"
        cost = f"cost {self.cost:.2f}"
        if self.origin == "similarity" and self.skill_overlap is not None:
            return f"lateral move at {self.skill_overlap:.0%} skill overlap ({cost})"
        if self.origin == "derived":
            return f"derived move scoring {self.score or 0:.2f} ({cost})"
        return f"stated {self.move} ({cost})"


@dataclass(frozen=True)
class Route:
    """A route: its steps, total cost and why it ranks where it does."""

    cost: float
    steps: tuple[Step, ...]
    explanation: str = ""

    @property
    def moves(self) -> int:
        """The number of real moves (equivalence hops are not moves)."""
        return sum(1 for step in self.steps if step.move != "equivalent")

    def skills_to_gain(self) -> list[dict[str, Any]]:
        """Every skill to gain along the route, in order."""
        return [skill for step in self.steps for skill in step.skills_to_gain]

    def to_dict(self) -> dict[str, Any]:
        return {
            "cost": round(self.cost, 4),
            "moves": self.moves,
            "steps": [step.to_dict() for step in self.steps],
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class RouteResult:
    """The answer to "how do I get from one role to another": routes best first, or none and the
    reason why."""

    source: dict[str, Any]
    target: dict[str, Any]
    routes: tuple[Route, ...]
    reason: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "to": self.target,
            "routes": [route.to_dict() for route in self.routes],
            "reason": self.reason,
            "options": self.options,
        }


@dataclass(frozen=True)
class NextMove:
    """A role one can move to from another, with the cheapest way there."""

    role: dict[str, Any]
    cost: float
    moves: int
    path: tuple[dict[str, Any], ...]
    steps: tuple[Step, ...]
    skill_overlap: float
    explanation: str = ""
    equivalents: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "cost": round(self.cost, 4),
            "moves": self.moves,
            "skill_overlap": round(self.skill_overlap, 4),
            "path": list(self.path),
            "steps": [step.to_dict() for step in self.steps],
            "explanation": self.explanation,
            "equivalents": list(self.equivalents),
        }


# -- building routes from paths ----------------------------------------------------------------


def _pay_change(net: RoleNetwork, a: str, b: str) -> dict[str, Any] | None:
    before, after = net.salary.get(a), net.salary.get(b)
    if before is None or after is None or before[1] != after[1] or before[0] <= 0:
        return None
    change = after[0] - before[0]
    return {
        "from": round(before[0], 2),
        "to": round(after[0], 2),
        "change": round(change, 2),
        "percent": round(100.0 * change / before[0], 1),
        "currency": after[1],
    }


def _steps(net: RoleNetwork, graph: nx.DiGraph, path: list[str]) -> tuple[Step, ...]:
    held: set[str] = set(net.role_skills(path[0]))
    steps = []
    for u, v in itertools.pairwise(path):
        data = graph.edges[u, v]
        skills_v = net.role_skills(v)
        if data["origin"] == "equivalence":
            gain: list[str] = []
        else:
            gain = sorted(
                (s for s in skills_v if s not in held),
                key=lambda s: (-skills_v[s], net.label(s).casefold(), s),
            )
        held.update(skills_v)
        overlap = data.get("overlap")
        if overlap is None and scheme_of(u) == scheme_of(v) and data["origin"] != "equivalence":
            overlap = weighted_jaccard(net.role_skills(u), skills_v)
        steps.append(
            Step(
                source=net.role_ref(u),
                target=net.role_ref(v),
                move=data["move"],
                origin=data["origin"],
                cost=data["cost"],
                skills_to_gain=tuple(net.skill_ref(s) for s in gain),
                skill_overlap=overlap,
                pay_change=_pay_change(net, u, v),
                evidence=tuple(data.get("evidence", ())),
                score=data.get("score"),
            )
        )
    return tuple(steps)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _explain(steps: tuple[Step, ...], cost: float, rank: int, best: float | None) -> str:
    moves = [s for s in steps if s.move != "equivalent"]
    hops = len(steps) - len(moves)
    groups: dict[str, list[Step]] = {}
    for step in moves:
        key = "similarity" if step.origin == "similarity" else f"{step.origin} {step.move}"
        groups.setdefault(key, []).append(step)
    parts = []
    for key, members in groups.items():
        total = sum(s.cost for s in members)
        if key == "similarity":
            overlaps = " and ".join(f"{s.skill_overlap or 0:.0%}" for s in members)
            word = "lateral move" if len(members) == 1 else "lateral moves"
            parts.append(f"{len(members)} {word} at {overlaps} skill overlap (cost {total:.2f})")
        elif key.startswith("derived"):
            scores = " and ".join(f"{s.score or 0:.2f}" for s in members)
            word = "derived move" if len(members) == 1 else "derived moves"
            parts.append(f"{len(members)} {word} scoring {scores} (cost {total:.2f})")
        else:
            parts.append(
                f"{len(members)} {key}{'s' if len(members) > 1 else ''} (cost {total:.2f})"
            )
    if hops:
        parts.append(f"{_plural(hops, 'hop')} to the same occupation in another classification")
    gained = sum(len(s.skills_to_gain) for s in steps)
    text = f"{_plural(len(moves), 'step')}: {'; '.join(parts) if parts else 'none'}"
    text += f"; {_plural(gained, 'skill')} to gain"
    if rank == 1:
        text += "; the cheapest route"
    elif best is not None:
        text += f"; ranks {rank}: costs {cost - best:.2f} more than the cheapest"
    return text


def _route(
    net: RoleNetwork, graph: nx.DiGraph, path: list[str], rank: int, best: float | None
) -> Route:
    steps = _steps(net, graph, path)
    cost = sum(step.cost for step in steps)
    return Route(cost=cost, steps=steps, explanation=_explain(steps, cost, rank, best))


# -- searching -------------------------------------------------------------------------------


def _move_distances(
    graph: nx.DiGraph,
    start: str,
    limit: int,
    allowed: set[str] | None,
    *,
    reverse: bool = False,
    goal: str | None = None,
) -> dict[str, int]:
    """Fewest moves from ``start`` to each node (from each node to ``start`` when ``reverse``)
    within ``limit``, equivalence hops counting zero and never two in a row: a 0-1 breadth-first
    search over (node, arrived by a hop) states. Stops early once ``goal`` is settled."""
    adjacency = _arcs(graph, reverse)
    best: dict[str, int] = {}
    seen: dict[tuple[str, bool], int] = {(start, False): 0}
    queue: deque[tuple[str, bool, int]] = deque([(start, False, 0)])
    while queue:
        node, by_hop, d = queue.popleft()
        if d > seen.get((node, by_hop), d):
            continue
        if d < best.get(node, limit + 1):
            best[node] = d
        if node == goal:
            break
        for other, _, step in adjacency[node]:
            if step:
                nd = d + 1
            elif by_hop:
                continue
            else:
                nd = d
            if allowed is not None and other not in allowed:
                continue
            hop = not step
            if nd > limit or nd >= seen.get((other, hop), limit + 1):
                continue
            seen[(other, hop)] = nd
            if hop:
                queue.appendleft((other, hop, nd))
            else:
                queue.append((other, hop, nd))
    return best


def _costs_to(graph: nx.DiGraph, target: str, nodes: set[str]) -> dict[str, float]:
    """Cheapest cost from each of ``nodes`` to ``target`` (Dijkstra over reversed edges): the
    lower bound that guides the route search."""
    predecessors = _arcs(graph, reverse=True)
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


def _cheapest_paths(
    graph: nx.DiGraph,
    source: str,
    target: str,
    k: int,
    max_steps: int,
    allowed: set[str] | None,
) -> list[tuple[float, tuple[str, ...]]]:
    """The ``k`` cheapest simple paths with at most ``max_steps`` moves and no two equivalence
    hops in a row, cheapest first.

    A best-first search over partial paths, guided by the exact cheapest cost to the target
    (which ignores the constraints, so it never overestimates): complete paths come out in cost
    order. Nodes that cannot lie on a path of at most ``max_steps`` moves are pruned first.
    """
    ahead = _move_distances(graph, source, max_steps, allowed)
    if target not in ahead:
        return []
    behind = _move_distances(graph, target, max_steps, allowed, reverse=True)
    keep = {n for n, d in ahead.items() if d + behind.get(n, max_steps + 1) <= max_steps}
    remaining = _costs_to(graph, target, keep)
    successors = _arcs(graph)
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


def _allowed(net: RoleNetwork, scheme: str | None, *ends: str) -> set[str] | None:
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
) -> RouteResult:
    """The ``k`` cheapest routes from ``source`` to ``target`` of at most ``max_steps`` moves.

    Raises:
        UnknownNameError: ``source`` or ``target`` is not a role of the network.
    """
    source, target = str(source), str(target)
    net.index(source)
    net.index(target)
    options = {
        "k": k,
        "max_steps": max_steps,
        "promotions_only": promotions_only,
        "threshold": threshold,
        "scheme": scheme,
        "neighbours": neighbours,
        "measure": measure,
    }

    def answer(found: tuple[Route, ...], reason: str | None) -> RouteResult:
        return RouteResult(
            net.role_ref(source), net.role_ref(target), found, reason=reason, options=options
        )

    if source == target:
        return answer((), f"{net.label(source)} and {net.label(target)} are the same role")
    graph = route_graph(
        net,
        threshold=threshold,
        neighbours=neighbours,
        promotions_only=promotions_only,
        measure=measure,
    )
    allowed = _allowed(net, scheme, source, target)
    found: list[Route] = []
    for _, path in _cheapest_paths(graph, source, target, k, max_steps, allowed):
        best = found[0].cost if found else None
        found.append(_route(net, graph, list(path), len(found) + 1, best))
    if found:
        return answer(tuple(found), None)
    return answer((), _no_route_reason(net, graph, source, target, max_steps, allowed, options))


def _no_route_reason(
    net: RoleNetwork,
    graph: nx.DiGraph,
    source: str,
    target: str,
    max_steps: int,
    allowed: set[str] | None,
    options: dict[str, Any],
) -> str:
    a, b = net.label(source), net.label(target)
    threshold = options["threshold"]
    if options["promotions_only"]:
        what = "chain of promotions"
    else:
        what = f"progression or similar-enough role (skill overlap at least {threshold:.0%})"
    if not any(allowed is None or other in allowed for other in graph.succ[source]):
        if options["promotions_only"]:
            return f"{a} has no promotion, stated or derived"
        return (
            f"{a} has no stated move and no role shares at least {threshold:.0%} of its skills "
            f"among its {options['neighbours']} most similar roles"
        )
    reach = _move_distances(graph, source, len(net.roles), allowed, goal=target)
    if target not in reach:
        return f"no {what} leads from {a} to {b}"
    if reach[target] > max_steps:
        return (
            f"no {what} leads from {a} to {b} within {max_steps} steps "
            f"(the shortest route takes {reach[target]})"
        )
    return f"no {what} leads from {a} to {b} within {max_steps} steps"


def next_moves(
    net: RoleNetwork,
    role: str,
    depth: int = 1,
    top: int = 10,
    promotions_only: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    scheme: str | None = None,
    *,
    neighbours: int = DEFAULT_NEIGHBOURS,
    measure: str = DEFAULT_MEASURE,
) -> list[NextMove]:
    """Where ``role`` can go in at most ``depth`` moves, cheapest first (ties: the higher skill
    overlap with ``role``, then the label). Roles that are only ``role`` itself in another
    classification are not moves and are left out; without ``scheme``, a role reached only as
    the counterpart of another is listed among that one's ``equivalents`` instead. ``scheme``
    keeps the roles listed within one classification; the moves leading there may pass through
    any.

    Raises:
        UnknownNameError: ``role`` is not a role of the network.
    """
    source = str(role)
    net.index(source)
    graph = route_graph(
        net,
        threshold=threshold,
        neighbours=neighbours,
        promotions_only=promotions_only,
        measure=measure,
    )
    best = _cheapest_within(graph, source, depth, None)
    source_skills = net.role_skills(source)
    results = []
    for node, (cost, moves, path) in best.items():
        if node == source or moves == 0:
            continue
        if scheme is not None and scheme_of(node) != scheme:
            continue
        if scheme is None and graph.edges[path[-2], path[-1]]["origin"] == "equivalence":
            continue  # the same occupation as the role before it: listed among its equivalents
        overlap = weighted_jaccard(source_skills, net.role_skills(node))
        results.append((cost, -overlap, net.label(node).casefold(), node, moves, path, overlap))
    results.sort(key=lambda item: item[:4])
    moves_out = []
    for cost, _, _, node, moves, path, overlap in results[:top]:
        steps = _steps(net, graph, path)
        real = [step for step in steps if step.move != "equivalent"]
        parts = [f"{_plural(moves, 'move')}: {', '.join(step.describe() for step in real)}"]
        lateral_only = len(real) == 1 and real[0].origin == "similarity"
        if not lateral_only and scheme_of(node) == scheme_of(source):
            parts.append(f"{overlap:.0%} skill overlap with {net.label(source)}")
        gained = sum(len(step.skills_to_gain) for step in steps)
        parts.append(f"{_plural(gained, 'skill')} to gain")
        explanation = "; ".join(parts)
        moves_out.append(
            NextMove(
                role=net.role_ref(node),
                cost=cost,
                moves=moves,
                path=tuple(net.role_ref(p) for p in path),
                steps=steps,
                skill_overlap=overlap,
                explanation=explanation,
                equivalents=tuple(
                    net.role_ref(other) for other in sorted(net.equivalences.adj.get(node, {}))
                ),
            )
        )
    return moves_out


def _cheapest_within(
    graph: nx.DiGraph, source: str, depth: int, allowed: set[str] | None
) -> dict[str, tuple[float, int, list[str]]]:
    """Cheapest path to every node using at most ``depth`` moves: Dijkstra over (node, moves
    used, arrived by an equivalence hop) states."""
    best: dict[str, tuple[float, int, list[str]]] = {}
    # Fewest moves with which each (node, arrived by a hop) state was settled: a later (costlier)
    # state with no fewer moves is dominated, and so is a hop arrival after a move arrival.
    fewest: dict[tuple[str, bool], int] = {}
    counter = itertools.count()
    heap: list[tuple[float, int, int, str, bool, list[str]]] = [
        (0.0, 0, next(counter), source, False, [source])
    ]
    limit = depth + 1
    successors = _arcs(graph)
    while heap:
        cost, moves, _, node, by_hop, path = heapq.heappop(heap)
        if fewest.get((node, False), limit) <= moves or (
            by_hop and fewest.get((node, True), limit) <= moves
        ):
            continue
        fewest[(node, by_hop)] = moves
        known = best.get(node)
        if known is None or (cost, moves) < (known[0], known[1]):
            best[node] = (cost, moves, path)
        for other, arc_cost, step in successors[node]:
            if (by_hop and not step) or (allowed is not None and other not in allowed):
                continue
            hop = not step
            used = moves if hop else moves + 1
            if used > depth or other in path:
                continue
            heapq.heappush(heap, (cost + arc_cost, used, next(counter), other, hop, [*path, other]))
    return best


def iter_paths(result: RouteResult) -> Iterator[list[str]]:
    """The IRIs along each route of ``result``."""
    for route in result.routes:
        if route.steps:
            yield [route.steps[0].source["iri"], *(step.target["iri"] for step in route.steps)]


__all__ = [
    "DEFAULT_MAX_STEPS",
    "DEFAULT_NEIGHBOURS",
    "DEFAULT_THRESHOLD",
    "EQUIVALENCE_COST",
    "PROMOTION_COST",
    "STATED_LATERAL_COST",
    "TRANSITION_COST",
    "NextMove",
    "Route",
    "RouteResult",
    "Step",
    "derived_cost",
    "iter_paths",
    "next_moves",
    "route_graph",
    "routes",
    "similarity_cost",
]
