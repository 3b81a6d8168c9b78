"""Career routes: the best k routes from one role to another, where a role can go next, and,
when no route fits the limits, the closest role one can reach and the gap that remains.

Routes run over a weighted directed graph of moves, built once per network and options. A move a
source states is always offered; a move no source states is offered only when it is feasible
(:mod:`rolegraph.analysis.feasibility`: similarity at least ``threshold``, at most ``max_rise``
job zones up, at least ``min_pay_ratio`` of the pay kept, no degree or licence barrier):

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
"""

from __future__ import annotations

import heapq
import itertools
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
import numpy as np

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours, weighted_jaccard
from rolegraph.analysis.refs import (
    AlsoCalled,
    Barrier,
    EducationGap,
    Gap,
    JobZones,
    PayChange,
    RoleRef,
    SkillRef,
    role_ref,
    skill_ref,
)
from rolegraph.errors import UnknownNameError
from rolegraph.network import RoleNetwork, scheme_of
from rolegraph.network.derived import derived

PROMOTION_COST = 1.0
STATED_LATERAL_COST = 1.2
TRANSITION_COST = 1.5
EQUIVALENCE_COST = 0.1
#: Added to the move that crosses a barrier into the goal.
BARRIER_COST = 1.0
DEFAULT_THRESHOLD = fz.VIABLE
DEFAULT_NEIGHBOURS = 10
DEFAULT_MAX_STEPS = 4
DEFAULT_MAX_RISE = fz.DEFAULT_MAX_RISE
DEFAULT_MIN_PAY_RATIO = fz.DEFAULT_MIN_PAY_RATIO
#: Skills named in a step's explanation before "and N more".
SHOWN_SKILLS = 5

#: Partial paths the route search extends before it settles for the routes found so far.
_MAX_EXPANSIONS = 200_000

_STATED_MOVES = {"promotion": "promotion", "lateral": "lateral move", "transition": "transition"}
_STATED_COSTS = {
    "promotion": PROMOTION_COST,
    "lateral": STATED_LATERAL_COST,
    "transition": TRANSITION_COST,
}
_ORDINALS = {1: "best", 2: "2nd", 3: "3rd"}


def rank_label(rank: int) -> str:
    """ "best", "2nd", "3rd", "4th", ... for a route's place in the ranking."""
    if rank in _ORDINALS:
        return _ORDINALS[rank]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def similarity_cost(overlap: float) -> float:
    """The cost of a lateral move into a role with similarity ``overlap`` (0..1)."""
    return 2.0 - overlap


def derived_cost(score: float | None) -> float:
    """The cost of a derived move with ``score`` (0..1; unknown counts as 0.5): 1.0 to 1.5, the
    range of similarity moves above the highly viable level. A derived score blends signals that
    run lower than similarity alone, so it is scaled by half."""
    return 1.5 - 0.5 * (0.5 if score is None else max(0.0, min(1.0, score)))


def skill_label(label: str) -> str:
    """A skill's name in one casing, lower case, whatever its source: O*NET's "Active Listening"
    and ESCO's "active listening" read alike; acronyms (CRM, ICT) stay as they are."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in label.split(" "))


def skill_phrase(skills: Sequence[SkillRef], shown: int = SHOWN_SKILLS) -> str:
    """The first ``shown`` skills by name, then "and N more"."""
    names = [skill_label(s.label) for s in skills[:shown]]
    rest = len(skills) - len(names)
    text = ", ".join(names)
    return f"{text} and {rest} more" if rest > 0 else text


# -- the graph of moves ----------------------------------------------------------------------


@derived
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
    """The weighted graph of the moves routes may take (derived once per network and options).

    Edge attributes: ``cost``, ``move`` (promotion, lateral move, transition, equivalent),
    ``origin`` (stated, derived, similarity, equivalence), ``overlap`` (similarity), ``score``,
    ``evidence``, ``method``. ``graph.graph["barrier_in"]`` keeps, per role guarded by a barrier,
    the feasible-but-for-the-barrier moves into it, which a route to that goal may end with.
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(net.roles)
    barrier_in: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    def offer(u: str, v: str, edge: dict[str, Any], similarity: float | None = None) -> None:
        broken = fz.rule_breaks(
            net,
            u,
            v,
            max_rise=max_rise,
            min_pay_ratio=min_pay_ratio,
            similarity=similarity,
            threshold=threshold,
            allow_barrier=True,
        )
        guard = fz.barrier(net, v)
        if guard is not None and not _shares(net, u, guard):
            # The degree or licence is the rise in job zone: only the other rules hold.
            if not [rule for rule in broken if not rule.startswith("rises ")]:
                barrier_in.setdefault(v, []).append((u, edge))
            return
        if not broken:
            graph.add_edge(u, v, **edge)

    if not promotions_only and neighbours > 0:
        near = all_neighbours(net, neighbours, measure)
        roles = net.roles
        for i in range(len(roles)):
            for j, score in near.of(i):
                if score >= threshold:
                    edge = _edge(
                        similarity_cost(score), "lateral move", "similarity", overlap=score
                    )
                    offer(roles[i], roles[j], edge, score)
    for u, v, data in net.moves.edges(data=True):
        if data["origin"] != "derived" or (promotions_only and data["kind"] != "promotion"):
            continue
        move = _STATED_MOVES.get(data["kind"], "transition")
        edge = _edge(
            derived_cost(data.get("score")),
            move,
            "derived",
            score=data.get("score"),
            evidence=data.get("evidence", ()),
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
        graph.add_edge(u, v, **_edge(_STATED_COSTS[kind], _STATED_MOVES[kind], "stated"))
    for u, v in net.equivalences.edges():
        graph.add_edge(u, v, **_edge(EQUIVALENCE_COST, "equivalent", "equivalence"))
        graph.add_edge(v, u, **_edge(EQUIVALENCE_COST, "equivalent", "equivalence"))
    # A role of the article that names both its ESCO concept and its O*NET occupation says the
    # two are one occupation: a hop joins them directly (two hops in a row are not allowed).
    for r in net.equivalences:
        if scheme_of(r) != "rolegraph":
            continue
        named = [v for v in net.equivalences.adj[r] if scheme_of(v) != "rolegraph"]
        for v, w in itertools.permutations(named, 2):
            if scheme_of(v) != scheme_of(w) and not graph.has_edge(v, w):
                graph.add_edge(v, w, **_edge(EQUIVALENCE_COST, "equivalent", "equivalence"))
    for v, edges in barrier_in.items():
        barrier_in[v] = [(u, e) for u, e in edges if not graph.has_edge(u, v)]
    graph.graph["barrier_in"] = barrier_in
    return graph


def _shares(net: RoleNetwork, role: str, guard: fz.Barrier) -> bool:
    own = fz.barrier(net, role)
    return own is not None and own.kind == guard.kind


def _edge(
    cost: float,
    move: str,
    origin: str,
    *,
    overlap: float | None = None,
    score: float | None = None,
    evidence: Iterable[str] = (),
    method: str | None = None,
    barrier: fz.Barrier | None = None,
) -> dict[str, Any]:
    return {
        "cost": cost,
        "move": move,
        "origin": origin,
        "overlap": overlap,
        "score": score,
        "evidence": tuple(evidence),
        "method": method,
        "barrier": barrier,
    }


def _is_step(data: dict[str, Any]) -> bool:
    return bool(data["origin"] != "equivalence")


#: One edge as the searches read it: (other node, cost, is a move rather than an equivalence hop).
Arc = tuple[str, float, bool]


class _Adjacency:
    """The route graph's plain adjacency lists (kept in its graph attributes: the searches run
    several times faster over them than over networkx's views), plus extra arcs for one search
    (the barrier move into a guarded goal)."""

    def __init__(self, base: dict[str, list[Arc]], extra: Mapping[str, list[Arc]]) -> None:
        self.base = base
        self.extra = extra

    def __getitem__(self, node: str) -> list[Arc]:
        more = self.extra.get(node)
        return self.base[node] + more if more else self.base[node]


def _arcs(graph: nx.DiGraph, reverse: bool = False) -> dict[str, list[Arc]]:
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


def _goal_arcs(
    net: RoleNetwork, graph: nx.DiGraph, goal: str, options: RouteSettings
) -> tuple[dict[str, list[Arc]], dict[str, list[Arc]], dict[tuple[str, str], dict[str, Any]]]:
    """Extra moves into ``goal`` for one search, as successor and predecessor arcs and their edge
    data: the moves only its barrier keeps out (ending in a step that names it), and lateral
    moves from the roles most similar to the goal (similarity is symmetric: a role the goal is
    like can move into it, even when the goal is not among that role's own nearest)."""
    key = ("goal_arcs", goal, *sorted(vars(options).items()))
    cached = graph.graph.setdefault("goal_arcs", {}).get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    guard = fz.barrier(net, goal)
    succ: dict[str, list[Arc]] = {}
    pred: dict[str, list[Arc]] = {}
    data: dict[tuple[str, str], dict[str, Any]] = {}

    def add(u: str, edge: dict[str, Any]) -> None:
        succ.setdefault(u, []).append((goal, edge["cost"], True))
        pred.setdefault(goal, []).append((u, edge["cost"], True))
        data[(u, goal)] = edge

    if guard is not None:
        for u, edge in graph.graph.get("barrier_in", {}).get(goal, ()):
            add(u, {**edge, "cost": edge["cost"] + BARRIER_COST, "barrier": guard})
    threshold = options.threshold
    if not options.promotions_only and options.neighbours > 0:
        near = all_neighbours(net, options.neighbours, options.measure)
        for j, score in near.of(net.index(goal)):
            u = net.roles[j]
            if score < threshold or graph.has_edge(u, goal) or (u, goal) in data:
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
            edge = _edge(similarity_cost(score), "lateral move", "similarity", overlap=score)
            if guard is not None and not _shares(net, u, guard):
                if not [rule for rule in broken if not rule.startswith("rises ")]:
                    add(u, {**edge, "cost": edge["cost"] + BARRIER_COST, "barrier": guard})
            elif not broken:
                add(u, edge)
    result = (succ, pred, data)
    graph.graph["goal_arcs"][key] = result
    return result


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One move of a route, explained: what kind of move, how alike the two roles are, how the
    job zone and pay change, the skills to gain, any barrier, and who states or implies it."""

    source: RoleRef
    target: RoleRef
    move: str
    origin: str
    cost: float
    skills_to_gain: tuple[SkillRef, ...] = ()
    skill_overlap: float | None = None
    pay_change: PayChange | None = None
    evidence: tuple[str, ...] = ()
    score: float | None = None
    similarity: float | None = None
    level_change: JobZones = field(default_factory=JobZones)
    barrier: Barrier | None = None
    basis: str = ""
    also_called: tuple[AlsoCalled, ...] = ()

    @property
    def stated(self) -> bool:
        return self.origin == "stated"

    def kind(self) -> str:
        """The kind of move and who states or implies it, in words."""
        if self.barrier is not None:
            return f"{self.move} past a barrier ({self.basis})"
        return f"{self.move} ({self.basis})" if self.basis else self.move

    def describe(self) -> str:
        """The step in words: kind, overlap, job zone, pay, skills, barrier."""
        parts = [self.kind()]
        if self.skill_overlap is not None:
            parts.append(f"{self.skill_overlap:.0%} skill overlap")
        elif self.similarity is not None:
            parts.append(f"{self.similarity:.0%} similar")
        before, after = self.level_change.before, self.level_change.after
        if before is not None and after is not None:
            parts.append(
                f"job zone {before} to {after}" if before != after else f"job zone {after}"
            )
        if self.pay_change is not None:
            parts.append(_pay_words(self.pay_change))
        if self.skills_to_gain:
            parts.append(f"skills to gain: {skill_phrase(self.skills_to_gain)}")
        else:
            parts.append("no new skills")
        if self.barrier is not None:
            parts.append(f"barrier: {self.barrier.text} ({self.barrier.detail})")
        return "; ".join(parts)


def _pay_words(change: PayChange) -> str:
    """ "pay +12%", with whose figure it is when not the role's own ("US figure for ...")."""
    text = f"pay {change.percent:+.0f}%"
    region = change.region
    figure = change.to_figure
    if figure and figure != region:
        text += f" ({figure})"
    elif region and region != fz.NATIONAL:
        text += f" ({region})"
    return text


@dataclass(frozen=True)
class Route:
    """A route: its moves, total cost, rank and why it ranks where it does."""

    cost: float
    steps: tuple[Step, ...]
    explanation: str = ""
    rank: int = 1
    path: tuple[str, ...] = ()
    start_also_called: tuple[AlsoCalled, ...] = ()

    @property
    def moves(self) -> int:
        """The number of moves (hops to the same occupation elsewhere are not moves)."""
        return len(self.steps)

    @property
    def ranking(self) -> str:
        """Its place in the ranking in words: "best", "2nd", ..."""
        return rank_label(self.rank)

    def skills_to_gain(self) -> list[SkillRef]:
        """Every skill to gain along the route, in order."""
        return [skill for step in self.steps for skill in step.skills_to_gain]


@dataclass(frozen=True)
class Closest:
    """The role nearest the goal one can reach within the limits, and the gap left to it."""

    role: RoleRef
    similarity: float
    route: Route | None
    gap: Gap
    explanation: str


@dataclass(frozen=True)
class RouteSettings:
    """The limits a route search ran with (``where`` the region of the pay figures)."""

    k: int = 3
    max_steps: int = DEFAULT_MAX_STEPS
    promotions_only: bool = False
    threshold: float = DEFAULT_THRESHOLD
    scheme: str | None = None
    neighbours: int = DEFAULT_NEIGHBOURS
    measure: str = DEFAULT_MEASURE
    max_rise: int = DEFAULT_MAX_RISE
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO
    where: str = fz.NATIONAL


@dataclass(frozen=True)
class RouteResult:
    """The answer to "how do I get from one role to another": routes best first; or none, the
    reason why, and the closest role one can reach with the gap that remains."""

    source: RoleRef
    target: RoleRef
    routes: tuple[Route, ...]
    reason: str | None = None
    options: RouteSettings = field(default_factory=RouteSettings)
    closest: Closest | None = None
    barrier: Barrier | None = None


@dataclass(frozen=True)
class NextMove:
    """A role one can move to from another, with the cheapest way there."""

    role: RoleRef
    cost: float
    moves: int
    path: tuple[RoleRef, ...]
    steps: tuple[Step, ...]
    skill_overlap: float
    explanation: str = ""
    equivalents: tuple[RoleRef, ...] = ()
    rank: int = 1


# -- building routes from paths ----------------------------------------------------------------


def _role(net: RoleNetwork, iri: str) -> RoleRef:
    return role_ref(net.role_ref(iri))


def _skill(net: RoleNetwork, iri: str) -> SkillRef:
    return skill_ref(net.skill_ref(iri))


def _basis(net: RoleNetwork, u: str, data: Mapping[str, Any]) -> str:
    """Who states or implies a move."""
    origin = data["origin"]
    if origin == "stated":
        sources = net.sources.get(u, ())
        return f"stated by {net.label(sources[0])}" if sources else "stated by a source"
    if origin == "derived":
        method = str(data.get("method") or "")
        for item in data.get("evidence", ()):
            if item.startswith("ladder="):
                return f"implied by {item.removeprefix('ladder=')}"
        if method.startswith("rolegraph-ladders"):
            return "implied by the classification"
        return "derived from shared skills, tasks and tools"
    if origin == "similarity":
        overlap = data.get("overlap") or 0.0
        viable = "highly viable" if overlap >= fz.HIGHLY_VIABLE else "viable"
        return f"{viable}: {overlap:.0%} similar"
    return ""


def _steps(
    net: RoleNetwork,
    graph: nx.DiGraph,
    path: Sequence[str],
    where: str | None = None,
    extra: Mapping[tuple[str, str], dict[str, Any]] | None = None,
) -> tuple[tuple[Step, ...], tuple[AlsoCalled, ...]]:
    """The moves along ``path`` (equivalence hops folded into "also called"), and what the start
    is also called."""
    held: set[str] = set(net.role_skills(path[0]))
    steps: list[Step] = []
    start_also: list[AlsoCalled] = []
    for u, v in itertools.pairwise(path):
        data = (extra or {}).get((u, v)) or graph.edges[u, v]
        skills_v = net.role_skills(v)
        if data["origin"] == "equivalence":
            held.update(skills_v)
            also = AlsoCalled(_role(net, v), fz.scheme_name(v))
            if steps:
                steps[-1] = replace(steps[-1], also_called=(*steps[-1].also_called, also))
            else:
                start_also.append(also)
            continue
        gain = sorted(
            (s for s in skills_v if s not in held),
            key=lambda s: (-skills_v[s], net.label(s).casefold(), s),
        )
        held.update(skills_v)
        overlap = None
        if scheme_of(u) == scheme_of(v):
            overlap = weighted_jaccard(net.role_skills(u), skills_v) or None
        similarity = data.get("overlap")
        guard = data.get("barrier")
        steps.append(
            Step(
                source=_role(net, u),
                target=_role(net, v),
                move=data["move"],
                origin=data["origin"],
                cost=data["cost"],
                skills_to_gain=tuple(_skill(net, s) for s in gain),
                skill_overlap=overlap,
                pay_change=fz.pay_change(net, u, v, where),
                evidence=tuple(data.get("evidence", ())),
                score=data.get("score"),
                similarity=similarity,
                level_change=JobZones(fz.level(net, u), fz.level(net, v)),
                barrier=guard,
                basis=_basis(net, u, data),
            )
        )
    return tuple(steps), tuple(start_also)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _explain(steps: tuple[Step, ...], rank: int, best: Route | None) -> str:
    if not steps:
        return "no move: the same occupation in another classification"
    bases = {step.basis for step in steps}
    if len(steps) > 1 and len(bases) == 1 and not any(s.barrier for s in steps):
        kinds = [step.move for step in steps]
        tail = f" (all {next(iter(bases))})" if next(iter(bases)) else ""
    else:
        kinds, tail = [step.kind() for step in steps], ""
    text = f"{_plural(len(steps), 'step')}: {', then '.join(kinds) if kinds else 'none'}{tail}"
    gained = sum(len(s.skills_to_gain) for s in steps)
    text += f"; {_plural(gained, 'skill')} to gain"
    known = [s.pay_change for s in steps if s.pay_change is not None]
    if known and len(known) == len(steps):
        start, end = known[0].before, known[-1].after
        if start:
            text += f"; pay {100.0 * (end - start) / start:+.0f}% overall"
    barriers = [s.barrier.text for s in steps if s.barrier]
    if barriers:
        text += f"; {barriers[0]}"
    if rank == 1 or best is None:
        return text + "; the best route"
    if len(steps) > best.moves:
        why = f"{_plural(len(steps) - best.moves, 'more step')} than the best"
    elif sum(s.origin == "stated" for s in steps) < sum(s.origin == "stated" for s in best.steps):
        why = "fewer of its moves are stated by a source than the best's"
    else:
        why = "its moves are less direct than the best's"
    return f"{text}; ranks {rank_label(rank)}: {why}"


def _route(
    net: RoleNetwork,
    graph: nx.DiGraph,
    path: Sequence[str],
    rank: int,
    best: Route | None,
    where: str | None = None,
    extra: Mapping[tuple[str, str], dict[str, Any]] | None = None,
) -> Route:
    steps, start_also = _steps(net, graph, path, where, extra)
    cost = sum(step.cost for step in steps)
    hops = len(path) - 1 - len(steps)
    cost += hops * EQUIVALENCE_COST
    return Route(
        cost=cost,
        steps=steps,
        explanation=_explain(steps, rank, best),
        rank=rank,
        path=tuple(path),
        start_also_called=start_also,
    )


# -- searching -------------------------------------------------------------------------------


def _move_distances(
    adjacency: Mapping[str, list[Arc]] | _Adjacency,
    start: str,
    limit: int,
    allowed: set[str] | None,
    *,
    goal: str | None = None,
) -> dict[str, int]:
    """Fewest moves from ``start`` to each node (over reversed arcs: from each node to
    ``start``) within ``limit``, equivalence hops counting zero and never two in a row: a 0-1
    breadth-first search over (node, arrived by a hop) states. Stops once ``goal`` is settled."""
    best: dict[str, int] = {}
    # Fewest moves with which each node was reached by a move, and by a hop.
    by_move: dict[str, int] = {start: 0}
    by_hop: dict[str, int] = {}
    queue: deque[tuple[str, bool, int]] = deque([(start, False, 0)])
    push, push_left, pop = queue.append, queue.appendleft, queue.popleft
    never = limit + 1
    while queue:
        node, hopped, d = pop()
        if d > (by_hop if hopped else by_move).get(node, d):
            continue
        if d < best.get(node, never):
            best[node] = d
        if node == goal:
            break
        nd = d + 1
        for other, _, step in adjacency[node]:
            if allowed is not None and other not in allowed:
                continue
            if step:
                if nd <= limit and nd < by_move.get(other, never):
                    by_move[other] = nd
                    push((other, False, nd))
            elif not hopped and d < by_hop.get(other, never):
                by_hop[other] = d
                push_left((other, True, d))
    return best


def _costs_to(
    predecessors: Mapping[str, list[Arc]] | _Adjacency, target: str, nodes: set[str]
) -> dict[str, float]:
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


def _cheapest_paths(
    successors: Mapping[str, list[Arc]] | _Adjacency,
    predecessors: Mapping[str, list[Arc]] | _Adjacency,
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
    behind = _move_distances(predecessors, target, max_steps, allowed)
    if source not in behind:
        return []
    # Only roles from which the target is within reach can lie on a route.
    within = set(behind) if allowed is None else set(behind) & allowed
    ahead = _move_distances(successors, source, max_steps, within)
    keep = {n for n, d in ahead.items() if d + behind.get(n, max_steps + 1) <= max_steps}
    remaining = _costs_to(predecessors, target, keep)
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
    barrier = None if guard is None or _shares(net, source, guard) else guard

    def answer(
        found: tuple[Route, ...], reason: str | None, closest: Closest | None = None
    ) -> RouteResult:
        return RouteResult(
            _role(net, source),
            _role(net, target),
            found,
            reason=reason,
            options=options,
            closest=closest,
            barrier=barrier,
        )

    if source == target:
        return answer((), f"{net.label(source)} and {net.label(target)} are the same role")
    graph = route_graph(
        net,
        threshold=threshold,
        neighbours=neighbours,
        promotions_only=promotions_only,
        measure=measure,
        max_rise=max_rise,
        min_pay_ratio=min_pay_ratio,
    )
    succ_extra, pred_extra, extra = _goal_arcs(net, graph, target, options)
    successors = _Adjacency(_arcs(graph), succ_extra)
    predecessors = _Adjacency(_arcs(graph, reverse=True), pred_extra)
    allowed = _allowed(net, scheme, source, target)
    found: list[Route] = []
    paths = _cheapest_paths(successors, predecessors, source, target, k, max_steps, allowed)
    for _, path in paths:
        best = found[0] if found else None
        found.append(_route(net, graph, path, len(found) + 1, best, where, extra))
    if found:
        return answer(tuple(found), None)
    # Every role within any number of moves: the reason needs the target's distance, the
    # closest role those within the step limit (one search serves both).
    reach = _move_distances(successors, source, len(net.roles), allowed)
    reason = _no_route_reason(net, successors, source, target, max_steps, allowed, options, reach)
    closest = _closest(
        net,
        graph,
        successors,
        predecessors,
        source,
        target,
        max_steps,
        allowed,
        where,
        measure,
        {role: moves for role, moves in reach.items() if moves <= max_steps},
    )
    return answer((), reason, closest)


def _no_route_reason(
    net: RoleNetwork,
    successors: _Adjacency,
    source: str,
    target: str,
    max_steps: int,
    allowed: set[str] | None,
    options: RouteSettings,
    reach: dict[str, int] | None = None,
) -> str:
    a, b = net.label(source), net.label(target)
    threshold = options.threshold
    if options.promotions_only:
        what = "chain of promotions"
    else:
        what = f"stated move or feasible move (similarity at least {threshold:.0%})"
    if not any(allowed is None or other in allowed for other, _, _ in successors[source]):
        if options.promotions_only:
            return f"{a} has no promotion, stated or derived"
        return (
            f"{a} has no stated move and no feasible move into one of its "
            f"{options.neighbours} most similar roles"
        )
    if reach is None:
        reach = _move_distances(successors, source, len(net.roles), allowed, goal=target)
    if target not in reach:
        return f"no {what} leads from {a} to {b}"
    return (
        f"no {what} leads from {a} to {b} within {max_steps} steps "
        f"(the shortest route takes {reach[target]})"
    )


@derived
def _nearness(net: RoleNetwork, target: str, measure: str) -> np.ndarray:
    """How alike every role is to ``target`` or to one of its counterparts (0..1)."""
    from rolegraph.analysis import overlap

    row = np.zeros(len(net.roles))
    for role in [target, *fz.counterparts(net, target)]:
        try:
            theirs = overlap.similarity_row(net, net.index(role), measure)
        except (UnknownNameError, ValueError, NotImplementedError):
            # A measure without whole rows: its top neighbours.
            theirs = np.zeros(len(net.roles))
            for j, score in all_neighbours(net, 50, measure).of(net.index(role)):
                theirs[j] = score
        row = np.maximum(row, np.asarray(theirs, dtype=np.float64))
    # Titles break the silence of roles whose skills say nothing: half their word overlap.
    words = _title_words(net.label(target))
    if words:
        for i, role_words in enumerate(_role_title_words(net)):
            if role_words & words:
                row[i] = max(row[i], 0.5 * len(role_words & words) / len(role_words | words))
    for role in [target, *fz.counterparts(net, target)]:
        row[net.index(role)] = 1.0
    return row


def _title_words(label: str) -> set[str]:
    return {w.rstrip("s") for w in label.casefold().replace(",", " ").split() if len(w) > 2}


@derived
def _role_title_words(net: RoleNetwork) -> list[set[str]]:
    """The title words of every role, by index."""
    return [_title_words(net.label(role)) for role in net.roles]


def _closest(
    net: RoleNetwork,
    graph: nx.DiGraph,
    successors: _Adjacency,
    predecessors: _Adjacency,
    source: str,
    target: str,
    max_steps: int,
    allowed: set[str] | None,
    where: str | None,
    measure: str,
    reach: dict[str, int] | None = None,
) -> Closest | None:
    """The reachable role most like ``target`` (fewer moves break ties), the best route there
    and the gap that remains: skills, education, job zone, pay and barrier. ``reach``: the
    fewest moves to each role within ``max_steps``, when already known."""
    if reach is None:
        reach = _move_distances(successors, source, max_steps, allowed)
    reach = dict(reach)
    if len(reach) > 1:
        reach.pop(source, None)
    near = _nearness(net, target, measure)
    index = net.role_index
    # With no move at all, the closest role within reach is the role one holds.
    pick = max(reach, key=lambda r: (near[index[r]], -reach[r], net.label(r)))
    route = None
    if pick != source:
        paths = _cheapest_paths(successors, predecessors, source, pick, 1, max_steps, allowed)
        route = _route(net, graph, paths[0][1], 1, None, where) if paths else None
    held = set(net.role_skills(source))
    if route is not None:
        for iri in route.path:
            held.update(net.role_skills(iri))
    wanted = net.role_skills(target)
    missing = sorted(
        (s for s in wanted if s not in held),
        key=lambda s: (-wanted[s], net.label(s).casefold(), s),
    )
    skills = tuple(_skill(net, s) for s in missing)
    zones = JobZones(fz.level(net, pick), fz.level(net, target))
    pay_gap = fz.pay_change(net, pick, target, where)
    education: EducationGap | None = None
    have = max(
        (e for e in (_education(net, pick), _education(net, source)) if e is not None),
        key=lambda e: e[1],
        default=None,
    )
    need = _education(net, target)
    if need is not None and (have is None or need[1] > have[1]):
        education = EducationGap(need[2] or net.label(need[0]), have[2] if have else None)
    guard = fz.barrier(net, target)
    barrier = guard if guard is not None and not _shares(net, pick, guard) else None
    gap = Gap(skills, education, zones, pay_gap, barrier)
    parts = [f"{near[index[pick]]:.0%} similar to {net.label(target)}"]
    if missing:
        parts.append(f"skills to gain: {skill_phrase(skills)}")
    if education is not None:
        parts.append(f"education: {education.needs}")
    if zones.before is not None and zones.after is not None and zones.before != zones.after:
        parts.append(f"job zone {zones.before} to {zones.after}")
    if pay_gap is not None:
        parts.append(_pay_words(pay_gap))
    if barrier is not None:
        parts.append(f"barrier: {barrier.text}")
    moves = reach[pick]
    where_from = (
        f"{net.label(pick)} is the closest role within reach ({_plural(moves, 'move')})"
        if pick != source
        else f"no move leads on from {net.label(pick)}"
    )
    explanation = f"{where_from}; the gap to {net.label(target)}: " + "; ".join(parts)
    return Closest(_role(net, pick), float(near[index[pick]]), route, gap, explanation)


def _education(net: RoleNetwork, role: str) -> tuple[str, int, str] | None:
    """The required education of ``role``, else of its first counterpart with one."""
    for other in [role, *fz.counterparts(net, role, close_only=True)]:
        if other in net.education:
            return net.education[other]
    return None


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
    max_rise: int = DEFAULT_MAX_RISE,
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO,
    where: str | None = None,
) -> list[NextMove]:
    """Where ``role`` can go in at most ``depth`` moves, best first (ties: the higher skill
    overlap with ``role``, then the label), each move stated by a source or feasible. Roles that
    are only ``role`` itself in another classification are not moves and are left out; without
    ``scheme``, a role reached only as the counterpart of another is listed among that one's
    ``equivalents`` instead. ``scheme`` keeps the roles listed within one classification; the
    moves leading there may pass through any.

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
        max_rise=max_rise,
        min_pay_ratio=min_pay_ratio,
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
    for rank, (cost, _, _, node, moves, path, overlap) in enumerate(results[:top], 1):
        steps, _ = _steps(net, graph, path, where)
        parts = [f"{_plural(moves, 'move')}: {'; then '.join(s.describe() for s in steps)}"]
        if len(steps) > 1 and scheme_of(node) == scheme_of(source):
            parts.append(f"{overlap:.0%} skill overlap with {net.label(source)}")
        moves_out.append(
            NextMove(
                role=_role(net, node),
                cost=cost,
                moves=moves,
                path=tuple(_role(net, p) for p in path),
                steps=steps,
                skill_overlap=overlap,
                explanation="; ".join(parts),
                equivalents=tuple(
                    _role(net, other) for other in sorted(net.equivalences.adj.get(node, {}))
                ),
                rank=rank,
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
    """The IRIs along each route of ``result``, hops to the same occupation included."""
    for route in result.routes:
        if route.path:
            yield list(route.path)


__all__ = [
    "BARRIER_COST",
    "DEFAULT_MAX_RISE",
    "DEFAULT_MAX_STEPS",
    "DEFAULT_MIN_PAY_RATIO",
    "DEFAULT_NEIGHBOURS",
    "DEFAULT_THRESHOLD",
    "EQUIVALENCE_COST",
    "PROMOTION_COST",
    "STATED_LATERAL_COST",
    "TRANSITION_COST",
    "Closest",
    "NextMove",
    "Route",
    "RouteResult",
    "RouteSettings",
    "Step",
    "derived_cost",
    "iter_paths",
    "next_moves",
    "rank_label",
    "route_graph",
    "routes",
    "similarity_cost",
    "skill_label",
    "skill_phrase",
]
