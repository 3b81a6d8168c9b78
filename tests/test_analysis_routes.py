"""Career routes and next moves on a graph whose routes and costs are worked out by hand.

Edges of the small graph (weighted skill overlap threshold 0.5):
  stated:  analyst -promotion 1.0-> senior analyst -transition 1.5-> manager -promotion 1.0->
           director; esco analyst -promotion 1.0-> esco lead
  similar: analyst <-> consultant 0.875 (cost 1.125), senior analyst <-> consultant 0.75 (1.25),
           senior analyst -> analyst 0.667 (1.333), director -> manager 0.5 (1.5)
  equal:   analyst <-> esco analyst, esco lead <-> onet lead (0.1, not a step)
"""

from __future__ import annotations

from typing import Any

import pytest

from rolegraph.analysis.refs import PayChange
from rolegraph.analysis.routes import NextMove, NoRoute, RouteResult, iter_paths
from rolegraph.analysis.routes import next_moves as _next_moves
from rolegraph.analysis.routes import route_graph as _route_graph
from rolegraph.analysis.routes import routes as _routes
from rolegraph.explain import next_move_words, no_route_words, rank_label, route_words
from rolegraph.network import RoleNetwork
from rolegraph.render import to_json
from tests.fixtures.analysis import (
    ANALYST,
    CONSULTANT,
    DESIGNER,
    DIRECTOR,
    ESCO_X,
    ESCO_Y,
    MANAGER,
    ONET_LEAD,
    SENIOR,
    skill,
    small_network,
)

#: The costs are worked out by hand on skill overlap.
MEASURE = "weighted-jaccard"


def routes(*args: Any, **options: Any) -> RouteResult:
    return _routes(*args, measure=MEASURE, **options)


def next_moves(*args: Any, **options: Any) -> list[NextMove]:
    return _next_moves(*args, measure=MEASURE, **options)


def route_graph(*args: Any, **options: Any) -> Any:
    return _route_graph(*args, measure=MEASURE, **options)


@pytest.fixture(scope="module")
def net() -> RoleNetwork:
    return small_network()


def test_route_graph_edges(net: RoleNetwork) -> None:
    graph = route_graph(net, threshold=0.5)
    assert graph.edges[ANALYST, SENIOR]["edge"].move == "promotion"  # stated wins over similarity
    assert graph.edges[SENIOR, ANALYST]["edge"].move == "lateral move"
    assert graph.edges[SENIOR, ANALYST]["edge"].cost == pytest.approx(2 - 3 / 4.5)
    assert graph.edges[ANALYST, CONSULTANT]["edge"].cost == pytest.approx(1.125)
    assert graph.edges[DIRECTOR, MANAGER]["edge"].cost == pytest.approx(1.5)
    assert graph.edges[ESCO_X, ANALYST]["edge"].move == "equivalent"
    assert not graph.has_edge(ANALYST, MANAGER)  # overlap 0.18, under the threshold
    assert route_graph(net, threshold=0.5) is graph  # cached


def test_k_routes_in_cost_order(net: RoleNetwork) -> None:
    result = routes(net, ANALYST, DIRECTOR, k=3, threshold=0.5)
    assert result.reason is None
    assert list(iter_paths(result)) == [
        [ANALYST, SENIOR, MANAGER, DIRECTOR],
        [ANALYST, CONSULTANT, SENIOR, MANAGER, DIRECTOR],
    ]
    best, second = result.routes
    assert best.cost == pytest.approx(3.5)
    assert second.cost == pytest.approx(1.125 + 1.25 + 1.5 + 1.0)
    assert [s.move for s in best.steps] == ["promotion", "transition", "promotion"]
    assert [s.move for s in second.steps][:2] == ["lateral move", "lateral move"]
    assert route_words(best) == (
        "3 steps: promotion, then transition, then promotion (all stated by a source); "
        "2 skills to gain; the best route"
    )
    assert "lateral move (highly viable: 88% similar)" in route_words(second)
    assert "ranks 2nd: 1 more step than the best" in route_words(second)
    assert [rank_label(r.rank) for r in result.routes] == ["best", "2nd"]


def test_steps_say_what_to_gain_and_the_pay_change(net: RoleNetwork) -> None:
    first, second, third = routes(net, ANALYST, DIRECTOR, k=1, threshold=0.5).routes[0].steps
    assert [s.iri for s in first.skills_to_gain] == [skill("s5")]
    assert [s.iri for s in second.skills_to_gain] == [skill("s6")]
    assert third.skills_to_gain == ()  # held along the way
    assert first.pay_change == PayChange(
        before=50000.0,
        after=62400.0,
        change=12400.0,
        percent=24.8,
        currency="USD",
        region="US",
        from_figure="US",
        to_figure="US",
    )
    assert second.pay_change is None
    assert first.skill_overlap == pytest.approx(3 / 4.5)


def test_max_steps_limits_routes_and_says_why(net: RoleNetwork) -> None:
    three = routes(net, ANALYST, DIRECTOR, k=3, max_steps=3, threshold=0.5)
    assert [r.cost for r in three.routes] == [pytest.approx(3.5)]
    none = routes(net, ANALYST, DIRECTOR, max_steps=2, threshold=0.5)
    assert none.routes == ()
    assert none.reason == NoRoute("too_far", 3)
    assert no_route_words(none) == (
        "no stated move or feasible move (similarity at least 50%) leads from Analyst "
        "to Director within 2 steps (the shortest route takes 3)"
    )


def test_promotions_only(net: RoleNetwork) -> None:
    up = routes(net, ANALYST, SENIOR, promotions_only=True)
    assert [r.cost for r in up.routes] == [1.0]
    blocked = routes(net, ANALYST, DIRECTOR, promotions_only=True)
    assert blocked.routes == ()
    assert no_route_words(blocked) == "no chain of promotions leads from Analyst to Director"
    alone = routes(net, CONSULTANT, DIRECTOR, promotions_only=True)
    assert alone.reason == NoRoute("no_move")
    assert no_route_words(alone) == "Consultant has no promotion, stated or derived"


def test_no_route_reasons(net: RoleNetwork) -> None:
    to_designer = routes(net, ANALYST, DESIGNER, threshold=0.5)
    assert to_designer.routes == ()
    assert to_designer.reason == NoRoute("unreachable")
    assert no_route_words(to_designer) == (
        "no stated move or feasible move (similarity at least 50%) leads from Analyst to Designer"
    )
    assert str(no_route_words(routes(net, DESIGNER, ANALYST, threshold=0.5))).startswith(
        "Designer has no stated move"
    )
    assert no_route_words(routes(net, ANALYST, ANALYST)) == "Analyst and Analyst are the same role"
    data = to_json(to_designer)
    assert data["routes"] == [] and data["reason"]
    assert data["from"]["label"] == "Analyst" and data["to"]["label"] == "Designer"


def test_a_lower_threshold_opens_more_lateral_moves(net: RoleNetwork) -> None:
    assert routes(net, ANALYST, MANAGER, threshold=0.5).routes[0].cost == pytest.approx(2.5)
    low = routes(net, ANALYST, MANAGER, threshold=0.1, k=1).routes[0]
    assert [s.target.iri for s in low.steps] == [MANAGER]
    assert low.cost == pytest.approx(2 - 1 / 5.5)


def test_routes_cross_classifications_through_equivalences(net: RoleNetwork) -> None:
    result = routes(net, ANALYST, ONET_LEAD, threshold=0.5)
    route = result.routes[0]
    # Hops to the same occupation in another classification are not steps: "also called".
    assert [s.move for s in route.steps] == ["promotion"]
    assert route.moves == 1 and route.path == (ANALYST, ESCO_X, ESCO_Y, ONET_LEAD)
    assert route.cost == pytest.approx(1.2)
    assert [a.role.iri for a in route.start_also_called] == [ESCO_X]
    assert [a.role.iri for a in route.steps[0].also_called] == [ONET_LEAD]
    assert route_words(route).startswith("1 step: promotion")
    within = routes(net, ANALYST, ESCO_Y, scheme="esco")
    assert list(iter_paths(within)) == [[ANALYST, ESCO_X, ESCO_Y]]
    assert routes(net, ANALYST, DIRECTOR, scheme="esco").routes == ()


def test_route_json_shape(net: RoleNetwork) -> None:
    data = to_json(routes(net, ANALYST, DIRECTOR, threshold=0.5))
    assert set(data) >= {"from", "to", "routes", "reason"}
    route = data["routes"][0]
    assert route["cost"] == 3.5 and isinstance(route["explanation"], str)
    step = route["steps"][0]
    assert {"from", "to", "move", "skills_to_gain"} <= set(step)
    assert step["from"]["iri"] == ANALYST and step["to"]["iri"] == SENIOR
    assert step["skills_to_gain"][0]["label"] == "skill five"


def test_next_moves_ranked_by_cost(net: RoleNetwork) -> None:
    one = next_moves(net, ANALYST, threshold=0.5, depth=1)
    assert [(m.role.iri, m.cost) for m in one] == [
        (SENIOR, 1.0),
        (ESCO_Y, pytest.approx(1.1)),
        (CONSULTANT, 1.125),
    ]
    assert all(m.moves == 1 for m in one)
    # The O*NET counterpart of esco lead is listed with it, not as a move of its own ...
    assert [e.iri for e in one[1].equivalents] == [ONET_LEAD]
    # ... unless the answer is asked within O*NET.
    assert [m.role.iri for m in next_moves(net, ANALYST, threshold=0.5, scheme="onet")] == [
        ONET_LEAD
    ]
    two = next_moves(net, ANALYST, threshold=0.5, depth=2, scheme="rolegraph")
    assert [m.role.iri for m in two] == [SENIOR, CONSULTANT, MANAGER]
    manager = two[-1]
    assert manager.cost == pytest.approx(2.5)
    assert [p.iri for p in manager.path] == [ANALYST, SENIOR, MANAGER]
    assert next_move_words(manager).startswith(
        "2 moves: promotion (stated by a source); 67% skill overlap; job zone 2 to 3; pay +25%"
    )
    three = next_moves(net, ANALYST, threshold=0.5, depth=3, scheme="rolegraph")
    assert three[-1].role.iri == DIRECTOR and three[-1].moves == 3
    assert [m.role.iri for m in next_moves(net, ANALYST, threshold=0.5, depth=3, top=2)] == [
        SENIOR,
        ESCO_Y,
    ]
    assert next_moves(net, DESIGNER) == []


def test_next_moves_promotions_only_and_json(net: RoleNetwork) -> None:
    moves = next_moves(
        net, ANALYST, threshold=0.5, depth=3, promotions_only=True, scheme="rolegraph"
    )
    assert [m.role.iri for m in moves] == [SENIOR]
    data = to_json(moves[0])
    assert data["role"]["label"] == "Senior Analyst" and data["cost"] == 1.0
    assert [p["label"] for p in data["path"]] == ["Analyst", "Senior Analyst"]
