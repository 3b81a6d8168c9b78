"""The options of each use case of :class:`~rolegraph.api.RoleGraph`, with their defaults.

One frozen dataclass per use case: the command line, the JSON API and the Python API all take
their defaults from here, so a default is defined once.

>>> RouteOptions().k, RouteOptions(k=5).max_steps
(3, 4)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rolegraph.choices import (
    DEFAULT_MAX_RISE,
    DEFAULT_MIN_PAY_RATIO,
    FACETS,
    MEASURES,
    RANKINGS,
    SCHEMES,
    VIABLE,
)

#: The measures ``similar`` ranks by: ``MEASURES`` as a type (a test keeps them equal).
Measure = Literal[
    "blend",
    "skills",
    "knowledge",
    "activities",
    "titles",
    "technology",
    "structure",
    "job_zone",
    "weighted-jaccard",
    "jaccard",
    "cosine",
]
#: How transferable skills are ranked: ``RANKINGS`` as a type.
Ranking = Literal["bridging", "roles", "participation"]
#: The classifications results can be kept within: ``SCHEMES`` as a type.
Scheme = Literal["esco", "onet", "rolegraph"]

__all__ = [
    "FACETS",
    "MEASURES",
    "RANKINGS",
    "SCHEMES",
    "DeriveOptions",
    "FitOptions",
    "Measure",
    "MoveRules",
    "NextOptions",
    "Ranking",
    "RouteOptions",
    "Scheme",
    "SimilarOptions",
    "TransferableOptions",
]


@dataclass(frozen=True, kw_only=True)
class MoveRules:
    """Which moves routes may take: stated ones always, others only when feasible."""

    #: Follow promotions only: stated ones, and derived moves up a seniority level.
    promotions_only: bool = False
    #: Least similarity for a lateral move no source states (0.25 viable, 0.35 highly viable).
    threshold: float = VIABLE
    #: Lateral moves considered per role: its most similar roles.
    neighbours: int = 10
    #: Most job zones a move no source states may rise.
    max_rise: int = DEFAULT_MAX_RISE
    #: Least share of the pay a move no source states keeps (0 ignores pay).
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO
    #: Pay figures for a region: None (national) or an ISO 3166 code such as US-CA.
    where: str | None = None
    #: Keep the roles within one classification (esco, onet, rolegraph).
    scheme: str | None = None


@dataclass(frozen=True, kw_only=True)
class RouteOptions(MoveRules):
    """Options of :meth:`RoleGraph.routes`."""

    #: How many routes.
    k: int = 3
    #: Most moves in a route.
    max_steps: int = 4


@dataclass(frozen=True, kw_only=True)
class NextOptions(MoveRules):
    """Options of :meth:`RoleGraph.next_moves`."""

    #: Most moves away.
    depth: int = 1
    #: How many roles.
    top: int = 10


@dataclass(frozen=True, kw_only=True)
class SimilarOptions:
    """Options of :meth:`RoleGraph.similar`."""

    top: int = 10
    #: blend (all facets), one facet alone, or a skill overlap measure.
    measure: Measure = "blend"
    scheme: str | None = None


@dataclass(frozen=True, kw_only=True)
class FitOptions:
    """Options of :meth:`RoleGraph.fit`."""

    top: int = 10
    scheme: str | None = None


@dataclass(frozen=True, kw_only=True)
class TransferableOptions:
    """Options of :meth:`RoleGraph.transferable`."""

    top: int = 10
    #: bridging (groups, then roles), roles or participation.
    by: Ranking = "bridging"
    scheme: str | None = None


@dataclass(frozen=True, kw_only=True)
class DeriveOptions:
    """Options of :meth:`RoleGraph.derive_moves`."""

    #: Least score of a move kept.
    min_score: float = 0.4
    #: Most moves kept per role.
    per_role: int = 5
    #: Most similar roles scored per role.
    candidates: int = 20
    #: Most seniority levels up.
    max_rise: int = 1
    #: Most seniority levels down.
    max_drop: int = 0
    scheme: str | None = None
    #: Derive without storing.
    dry_run: bool = False
