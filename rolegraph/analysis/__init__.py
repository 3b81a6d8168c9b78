"""Graph algorithms over a :class:`~rolegraph.network.RoleNetwork`: pure functions returning
frozen dataclasses that carry what explaining them needs: the sentences are written in
:mod:`rolegraph.explain`, the JSON in :mod:`rolegraph.render`.

- :func:`compare` two roles; :func:`similar` roles, all pairs at once by sparse algebra;
- :func:`routes` between two roles and :func:`next_moves` from one;
- :func:`fit` of roles to a person's skills; :func:`transferable_skills`;
- :func:`derive_moves` between imported occupations, and :func:`evaluate_similarity`.
"""

from __future__ import annotations

from rolegraph.analysis.compare import Comparison, compare
from rolegraph.analysis.derive import (
    DERIVED_MOVES_GRAPH,
    DerivedMove,
    derive_moves,
    derived_move_triples,
    save_derived_moves,
)
from rolegraph.analysis.evaluate import SimilarityEvaluation, evaluate_similarity
from rolegraph.analysis.fit import Fit, fit
from rolegraph.analysis.overlap import (
    DEFAULT_MEASURE,
    MEASURES,
    Similar,
    all_neighbours,
    jaccard,
    similar,
    weighted_jaccard,
)
from rolegraph.analysis.routes import NextMove, Route, RouteResult, Step, next_moves, routes
from rolegraph.analysis.transferable import TransferableSkill, transferable_skills

__all__ = [
    "DEFAULT_MEASURE",
    "DERIVED_MOVES_GRAPH",
    "MEASURES",
    "Comparison",
    "DerivedMove",
    "Fit",
    "NextMove",
    "Route",
    "RouteResult",
    "Similar",
    "SimilarityEvaluation",
    "Step",
    "TransferableSkill",
    "all_neighbours",
    "compare",
    "derive_moves",
    "derived_move_triples",
    "evaluate_similarity",
    "fit",
    "jaccard",
    "next_moves",
    "routes",
    "save_derived_moves",
    "similar",
    "transferable_skills",
    "weighted_jaccard",
]
