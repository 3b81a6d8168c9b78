"""The results of the route searches: a :class:`Step` of a route, a :class:`Route`, the
:class:`Closest` role within reach when no route fits and :class:`NoRoute`, why not, the
:class:`RouteSettings` a search ran with, the :class:`RouteResult` of a search and a
:class:`NextMove` from a role. Frozen, with typed fields that carry everything the words about
them need: the words are written in :mod:`rolegraph.explain` and the JSON in
:mod:`rolegraph.render`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.overlap import DEFAULT_MEASURE
from rolegraph.analysis.refs import AlsoCalled, Barrier, Gap, JobZones, PayChange, RoleRef, SkillRef

DEFAULT_THRESHOLD = fz.VIABLE
DEFAULT_NEIGHBOURS = 10
DEFAULT_MAX_STEPS = 4
DEFAULT_MAX_RISE = fz.DEFAULT_MAX_RISE
DEFAULT_MIN_PAY_RATIO = fz.DEFAULT_MIN_PAY_RATIO


@dataclass(frozen=True)
class MoveOptions:
    """The options that shape the graph of moves a search runs over."""

    threshold: float = DEFAULT_THRESHOLD
    neighbours: int = DEFAULT_NEIGHBOURS
    promotions_only: bool = False
    measure: str = DEFAULT_MEASURE
    max_rise: int = DEFAULT_MAX_RISE
    min_pay_ratio: float = DEFAULT_MIN_PAY_RATIO


@dataclass(frozen=True)
class Step:
    """One move of a route: what kind of move and who states or implies it, how alike the two
    roles are, how the job zone and pay change, the skills to gain and any barrier.

    ``origin`` is ``stated`` (``stated_by``: the label of the source stating it), ``derived``
    (``method`` and ``evidence`` of the derived move) or ``similarity`` (``similarity``: how
    alike the roles are)."""

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
    stated_by: str | None = None
    method: str | None = None
    also_called: tuple[AlsoCalled, ...] = ()

    @property
    def stated(self) -> bool:
        return self.origin == "stated"


@dataclass(frozen=True)
class BehindBest:
    """Why a route ranks below the best one: ``more_moves`` than it, else ``fewer_stated``
    moves stated by a source, else its moves are less direct (both zero/false)."""

    more_moves: int = 0
    fewer_stated: bool = False


@dataclass(frozen=True)
class Route:
    """A route: its moves, total cost, rank and why it ranks where it does."""

    cost: float
    steps: tuple[Step, ...]
    rank: int = 1
    path: tuple[str, ...] = ()
    start_also_called: tuple[AlsoCalled, ...] = ()
    #: Why it ranks below the best route (None for the best, or a route ranked alone).
    behind_best: BehindBest | None = None

    @property
    def moves(self) -> int:
        """The number of moves (hops to the same occupation elsewhere are not moves)."""
        return len(self.steps)

    def skills_to_gain(self) -> list[SkillRef]:
        """Every skill to gain along the route, in order."""
        return [skill for step in self.steps for skill in step.skills_to_gain]


@dataclass(frozen=True)
class Closest:
    """The role nearest the goal one can reach within the limits (``moves`` away from
    ``source`` along ``route``; the source itself when no move leads on), how alike it is to
    ``target``, and the gap left to it."""

    role: RoleRef
    similarity: float
    route: Route | None
    gap: Gap
    source: RoleRef
    target: RoleRef
    moves: int = 0

    @property
    def stuck(self) -> bool:
        """No move leads on from the source: the closest role is the one held."""
        return self.role.iri == self.source.iri


@dataclass(frozen=True)
class NoRoute:
    """Why no route fits the limits: the two roles are the ``same`` role; no move at all leaves
    the source (``no_move``); none reaches the target (``unreachable``); or none within the
    step limit (``too_far``: the shortest route takes ``distance`` moves)."""

    kind: Literal["same", "no_move", "unreachable", "too_far"]
    distance: int | None = None


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

    @property
    def moves(self) -> MoveOptions:
        """The options of the graph of moves this search runs over."""
        return MoveOptions(
            threshold=self.threshold,
            neighbours=self.neighbours,
            promotions_only=self.promotions_only,
            measure=self.measure,
            max_rise=self.max_rise,
            min_pay_ratio=self.min_pay_ratio,
        )


@dataclass(frozen=True)
class RouteResult:
    """The answer to "how do I get from one role to another": routes best first; or none, the
    reason why, and the closest role one can reach with the gap that remains."""

    source: RoleRef
    target: RoleRef
    routes: tuple[Route, ...]
    reason: NoRoute | None = None
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
    equivalents: tuple[RoleRef, ...] = ()
    rank: int = 1


def iter_paths(result: RouteResult) -> Iterator[list[str]]:
    """The IRIs along each route of ``result``, hops to the same occupation included."""
    for route in result.routes:
        if route.path:
            yield list(route.path)


__all__ = [
    "DEFAULT_MAX_RISE",
    "DEFAULT_MAX_STEPS",
    "DEFAULT_MIN_PAY_RATIO",
    "DEFAULT_NEIGHBOURS",
    "DEFAULT_THRESHOLD",
    "BehindBest",
    "Closest",
    "MoveOptions",
    "NextMove",
    "NoRoute",
    "Route",
    "RouteResult",
    "RouteSettings",
    "Step",
    "iter_paths",
]
