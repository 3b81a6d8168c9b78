"""Distance maps over the graph of moves: the compiled search gives the fewest moves the route
search counts (a hop free, never two in a row), within a limit, a classification, both ways."""

from __future__ import annotations

import importlib

import networkx as nx
import pytest

from rolegraph import RoleGraph
from rolegraph.analysis.reach import distances, fewest_moves

routes = importlib.import_module("rolegraph.analysis.routes")


@pytest.fixture(scope="module")
def graph() -> RoleGraph:
    return RoleGraph.open()


def test_distances_match_the_route_search_for_every_role(graph: RoleGraph) -> None:
    net = graph.network()
    moves = routes.route_graph(net)
    successors, predecessors = routes._arcs(moves), routes._arcs(moves, reverse=True)
    onet = {r for r, s in zip(net.roles, net.schemes) if s == "onet"}
    for role in net.roles:
        for limit in (1, 2, len(net.roles)):
            for allowed in (None, onet):
                expected = routes._move_distances(successors, role, limit, allowed)
                assert distances(moves, role, limit, allowed) == expected
                behind = routes._move_distances(predecessors, role, limit, allowed)
                assert distances(moves, role, limit, allowed, reverse=True) == behind


def test_a_hop_is_free_but_never_twice_in_a_row() -> None:
    moves = nx.DiGraph()
    moves.add_edge("a", "b", origin="equivalence")
    moves.add_edge("b", "c", origin="equivalence")
    moves.add_edge("b", "d", origin="stated")
    moves.add_edge("c", "e", origin="derived")
    assert distances(moves, "a", 5) == {"a": 0, "b": 0, "d": 1}
    assert distances(moves, "b", 5) == {"b": 0, "c": 0, "d": 1, "e": 1}
    assert distances(moves, "b", 0) == {"b": 0, "c": 0}
    # An extra arc for one search only: not kept for the next.
    assert distances(moves, "a", 5, extra={"d": [("e", 1.0, True)]})["e"] == 2
    assert "e" not in distances(moves, "a", 5)


def test_fewest_moves_from_a_role_of_the_article(graph: RoleGraph) -> None:
    net = graph.network()
    source = str(graph.resolve_role("Account Manager"))
    reach = fewest_moves(net, source)
    assert reach[source] == 0
    assert reach[str(graph.resolve_role("Sales Manager"))] == 1
    assert fewest_moves(net, source, limit=1) == {r: m for r, m in reach.items() if m <= 1}
