"""The results of the route searches, and the words they are explained in: a :class:`Step`
of a route, a :class:`Route`, the :class:`Closest` role within reach when no route fits, the
:class:`RouteSettings` a search ran with, the :class:`RouteResult` of a search and a
:class:`NextMove` from a role. Frozen, with typed fields; their JSON is made in
:mod:`rolegraph.render`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.overlap import DEFAULT_MEASURE
from rolegraph.analysis.refs import AlsoCalled, Barrier, Gap, JobZones, PayChange, RoleRef, SkillRef

DEFAULT_THRESHOLD = fz.VIABLE
DEFAULT_NEIGHBOURS = 10
DEFAULT_MAX_STEPS = 4
DEFAULT_MAX_RISE = fz.DEFAULT_MAX_RISE
DEFAULT_MIN_PAY_RATIO = fz.DEFAULT_MIN_PAY_RATIO
#: Skills named in a step's explanation before "and N more".
SHOWN_SKILLS = 5

_ORDINALS = {1: "best", 2: "2nd", 3: "3rd"}


def rank_label(rank: int) -> str:
    """ "best", "2nd", "3rd", "4th", ... for a route's place in the ranking."""
    if rank in _ORDINALS:
        return _ORDINALS[rank]
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


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


def plural(n: int, word: str, plural: str | None = None) -> str:
    """ "1 step", "2 steps"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def pay_words(change: PayChange) -> str:
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
            parts.append(pay_words(self.pay_change))
        if self.skills_to_gain:
            parts.append(f"skills to gain: {skill_phrase(self.skills_to_gain)}")
        else:
            parts.append("no new skills")
        if self.barrier is not None:
            parts.append(f"barrier: {self.barrier.text} ({self.barrier.detail})")
        return "; ".join(parts)


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
    "SHOWN_SKILLS",
    "Closest",
    "MoveOptions",
    "NextMove",
    "Route",
    "RouteResult",
    "RouteSettings",
    "Step",
    "iter_paths",
    "pay_words",
    "plural",
    "rank_label",
    "skill_label",
    "skill_phrase",
]
