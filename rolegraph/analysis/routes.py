"""Career routes: the best k routes from one role to another, where a role can go next, and,
when no route fits the limits, the closest role one can reach and the gap that remains.

The parts, each in a module of its own:

- :mod:`~rolegraph.analysis.move_graph`: the weighted graph of moves (what each move costs and
  when a move no source states is offered), built once per network and options;
- :mod:`~rolegraph.analysis.route_search`: the ``k`` cheapest routes within a number of moves,
  :func:`routes`;
- :mod:`~rolegraph.analysis.route_steps`: a path made into typed steps;
- :mod:`~rolegraph.analysis.route_closest`: with no route, why not, and the closest role within
  reach with the gap left;
- :mod:`~rolegraph.analysis.next_moves`: where a role can go next, :func:`next_moves`;
- :mod:`~rolegraph.analysis.route_types`: the results (:class:`Step`, :class:`Route`,
  :class:`Closest`, :class:`RouteSettings`, :class:`RouteResult`, :class:`NextMove`).

This module gathers their public names.
"""

from __future__ import annotations

from rolegraph.analysis.move_graph import (
    BARRIER_COST,
    EQUIVALENCE_COST,
    PROMOTION_COST,
    STATED_LATERAL_COST,
    TRANSITION_COST,
    Edge,
    derived_cost,
    route_graph,
    similarity_cost,
)
from rolegraph.analysis.next_moves import next_moves
from rolegraph.analysis.route_search import routes
from rolegraph.analysis.route_types import (
    DEFAULT_MAX_RISE,
    DEFAULT_MAX_STEPS,
    DEFAULT_MIN_PAY_RATIO,
    DEFAULT_NEIGHBOURS,
    DEFAULT_THRESHOLD,
    BehindBest,
    Closest,
    MoveOptions,
    NextMove,
    NoRoute,
    Route,
    RouteResult,
    RouteSettings,
    Step,
    iter_paths,
)

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
    "BehindBest",
    "Closest",
    "Edge",
    "MoveOptions",
    "NextMove",
    "NoRoute",
    "Route",
    "RouteResult",
    "RouteSettings",
    "Step",
    "derived_cost",
    "iter_paths",
    "next_moves",
    "route_graph",
    "routes",
    "similarity_cost",
]
