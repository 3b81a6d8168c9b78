"""Where a role can go next: the roles within a few moves, cheapest first, each with the moves
that lead there.
"""

from __future__ import annotations

import heapq
import itertools

from rolegraph.analysis.move_graph import MoveGraph, move_graph
from rolegraph.analysis.overlap import DEFAULT_MEASURE, weighted_jaccard
from rolegraph.analysis.route_steps import role_of, steps_of
from rolegraph.analysis.route_types import (
    DEFAULT_MAX_RISE,
    DEFAULT_MIN_PAY_RATIO,
    DEFAULT_NEIGHBOURS,
    DEFAULT_THRESHOLD,
    MoveOptions,
    NextMove,
)
from rolegraph.network import RoleNetwork, scheme_of


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
    options = MoveOptions(threshold, neighbours, promotions_only, measure, max_rise, min_pay_ratio)
    moves = move_graph(net, options)
    best = cheapest_within(moves, source, depth)
    source_skills = net.role_skills(source)
    results = []
    for node, (cost, count, path) in best.items():
        if node == source or count == 0:
            continue
        if scheme is not None and scheme_of(node) != scheme:
            continue
        if scheme is None and not moves.edge(path[-2], path[-1]).is_step:
            continue  # the same occupation as the role before it: listed among its equivalents
        overlap = weighted_jaccard(source_skills, net.role_skills(node))
        results.append((cost, -overlap, net.label(node).casefold(), node, count, path, overlap))
    results.sort(key=lambda item: item[:4])
    found = []
    for rank, (cost, _, _, node, count, path, overlap) in enumerate(results[:top], 1):
        steps, _ = steps_of(net, moves, path, where)
        found.append(
            NextMove(
                role=role_of(net, node),
                cost=cost,
                moves=count,
                path=tuple(role_of(net, p) for p in path),
                steps=steps,
                skill_overlap=overlap,
                equivalents=tuple(
                    role_of(net, other) for other in sorted(net.equivalences.adj.get(node, {}))
                ),
                rank=rank,
            )
        )
    return found


def cheapest_within(
    moves: MoveGraph, source: str, depth: int
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
    successors = moves.succ
    while heap:
        cost, used, _, node, by_hop, path = heapq.heappop(heap)
        if fewest.get((node, False), limit) <= used or (
            by_hop and fewest.get((node, True), limit) <= used
        ):
            continue
        fewest[(node, by_hop)] = used
        known = best.get(node)
        if known is None or (cost, used) < (known[0], known[1]):
            best[node] = (cost, used, path)
        for other, arc_cost, step in successors[node]:
            if by_hop and not step:
                continue
            hop = not step
            after = used if hop else used + 1
            if after > depth or other in path:
                continue
            heapq.heappush(
                heap, (cost + arc_cost, after, next(counter), other, hop, [*path, other])
            )
    return best


__all__ = ["cheapest_within", "next_moves"]
