"""Fewest-move distances of the route search: equivalence hops cost no move, never follow each
other, and a search passes only through the roles it may."""

from __future__ import annotations

import random
from collections import deque

import networkx as nx
import numpy as np
import pytest

from rolegraph.analysis.move_graph import Edge, GoalArcs, MoveGraph
from rolegraph.analysis.route_search import Search

MOVE = Edge(1.0, "promotion", "stated")
HOP = Edge(0.1, "equivalent", "equivalence")


def graph_of(steps: list[tuple[str, str]], hops: list[tuple[str, str]], nodes: str) -> MoveGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(steps, edge=MOVE)
    graph.add_edges_from(hops, edge=HOP)
    return MoveGraph(graph, {})


def distances(
    moves: MoveGraph,
    start: str,
    limit: int,
    allowed: set[str] | None = None,
    reverse: bool = False,
    goal: GoalArcs | None = None,
) -> dict[str, int]:
    search = Search(moves, goal or GoalArcs({}, {}, {}), allowed)
    found = search.distances(start, limit, reverse=reverse)
    return {moves.nodes[i]: int(d) for i, d in enumerate(found) if np.isfinite(d)}


def reference(
    moves: MoveGraph, start: str, limit: int, allowed: set[str] | None, reverse: bool
) -> dict[str, int]:
    """Breadth-first search over (node, arrived by a hop) states, one node at a time."""
    adjacency = moves.graph.pred if reverse else moves.graph.succ
    best: dict[str, int] = {}
    seen = {(start, False): 0}
    queue = deque([(start, False, 0)])
    while queue:
        node, hopped, d = queue.popleft()
        best[node] = min(best.get(node, d), d)
        for other, data in adjacency[node].items():
            if allowed is not None and other not in allowed:
                continue
            step = data["edge"].is_step
            if not step and hopped:
                continue
            state, nd = (other, not step), d + 1 if step else d
            if nd <= limit and nd < seen.get(state, limit + 1):
                seen[state] = nd
                (queue.append if step else queue.appendleft)((other, not step, nd))
    return best


def test_a_hop_costs_no_move_and_two_never_follow_each_other() -> None:
    # a -> b (move), b ~ c (hop), c ~ d (hop), c -> e (move)
    moves = graph_of([("a", "b"), ("c", "e")], [("b", "c"), ("c", "d")], "abcde")
    assert distances(moves, "a", 5) == {"a": 0, "b": 1, "c": 1, "e": 2}
    assert distances(moves, "b", 5) == {"b": 0, "c": 0, "e": 1}
    assert distances(moves, "a", 1) == {"a": 0, "b": 1, "c": 1}
    assert distances(moves, "e", 5, reverse=True) == {"e": 0, "c": 1, "b": 1, "a": 2}


def test_a_search_passes_only_through_allowed_roles() -> None:
    moves = graph_of([("a", "b"), ("c", "e")], [("b", "c")], "abce")
    assert distances(moves, "a", 5, allowed={"a", "b", "e"}) == {"a": 0, "b": 1}
    assert distances(moves, "a", 5, allowed={"a", "c", "e"}) == {"a": 0}


def test_moves_into_the_goal_count_in_both_directions() -> None:
    moves = graph_of([("a", "b")], [], "abc")
    goal = GoalArcs({"b": [("c", 2.0, True)]}, {"c": [("b", 2.0, True)]}, {("b", "c"): MOVE})
    assert distances(moves, "a", 5, goal=goal) == {"a": 0, "b": 1, "c": 2}
    assert distances(moves, "c", 5, reverse=True, goal=goal) == {"c": 0, "b": 1, "a": 2}


@pytest.mark.parametrize("seed", range(40))
def test_distances_match_a_search_state_by_state(seed: int) -> None:
    rng = random.Random(seed)
    nodes = "abcdefghijklmnopqrstuvwxyz"[: rng.randint(2, 26)]
    pairs = [(u, v) for u in nodes for v in nodes if u != v]
    rng.shuffle(pairs)
    chosen = pairs[: rng.randint(0, 3 * len(nodes))]
    cut = rng.randint(0, len(chosen))
    moves = graph_of(chosen[:cut], chosen[cut:], nodes)
    allowed = None if seed % 2 else set(rng.sample(nodes, rng.randint(1, len(nodes))))
    for start in nodes[:5]:
        for reverse in (False, True):
            limit = rng.randint(0, 5)
            expected = reference(moves, start, limit, allowed, reverse)
            assert distances(moves, start, limit, allowed, reverse) == expected
