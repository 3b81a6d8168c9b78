"""A path through the graph of moves made into a route: typed steps, each with the kind of move
and who states or implies it, the skills to gain, the job zone and pay change and any barrier;
hops to the same occupation in another classification folded into "also called"; and, below
the best route, why it ranks lower.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.move_graph import EQUIVALENCE_COST, Edge, MoveGraph
from rolegraph.analysis.overlap import weighted_jaccard
from rolegraph.analysis.refs import AlsoCalled, JobZones, RoleRef, SkillRef, role_ref, skill_ref
from rolegraph.analysis.route_types import BehindBest, Route, Step
from rolegraph.network import RoleNetwork, scheme_of


def role_of(net: RoleNetwork, iri: str) -> RoleRef:
    """The reference to a role of ``net``."""
    return role_ref(net.role_ref(iri))


def skill_of(net: RoleNetwork, iri: str) -> SkillRef:
    """The reference to a skill of ``net``."""
    return skill_ref(net.skill_ref(iri))


def stated_by(net: RoleNetwork, u: str) -> str | None:
    """The label of the first source stating the moves out of ``u`` (None when unnamed)."""
    sources = net.sources.get(u, ())
    return net.label(sources[0]) if sources else None


def steps_of(
    net: RoleNetwork,
    moves: MoveGraph,
    path: Sequence[str],
    where: str | None = None,
    extra: Mapping[tuple[str, str], Edge] | None = None,
) -> tuple[tuple[Step, ...], tuple[AlsoCalled, ...]]:
    """The moves along ``path`` (equivalence hops folded into "also called"), and what the start
    is also called. ``extra``: edges of the search that are not in the graph (into its goal)."""
    held: set[str] = set(net.role_skills(path[0]))
    steps: list[Step] = []
    start_also: list[AlsoCalled] = []
    for u, v in itertools.pairwise(path):
        edge = (extra or {}).get((u, v)) or moves.edge(u, v)
        skills_v = net.role_skills(v)
        if not edge.is_step:
            held.update(skills_v)
            also = AlsoCalled(role_of(net, v), fz.scheme_name(v))
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
        steps.append(
            Step(
                source=role_of(net, u),
                target=role_of(net, v),
                move=edge.move,
                origin=edge.origin,
                cost=edge.cost,
                skills_to_gain=tuple(skill_of(net, s) for s in gain),
                skill_overlap=overlap,
                pay_change=fz.pay_change(net, u, v, where),
                evidence=edge.evidence,
                score=edge.score,
                similarity=edge.overlap,
                level_change=JobZones(fz.level(net, u), fz.level(net, v)),
                barrier=edge.barrier,
                stated_by=stated_by(net, u) if edge.origin == "stated" else None,
                method=edge.method,
            )
        )
    return tuple(steps), tuple(start_also)


def behind_best(steps: tuple[Step, ...], best: Route | None) -> BehindBest | None:
    """Why a route of ``steps`` ranks below ``best`` (None without a best route to compare)."""
    if best is None:
        return None
    if len(steps) > best.moves:
        return BehindBest(more_moves=len(steps) - best.moves)
    stated = sum(s.stated for s in steps)
    return BehindBest(fewer_stated=stated < sum(s.stated for s in best.steps))


def route_of(
    net: RoleNetwork,
    moves: MoveGraph,
    path: Sequence[str],
    rank: int,
    best: Route | None,
    where: str | None = None,
    extra: Mapping[tuple[str, str], Edge] | None = None,
) -> Route:
    """The route along ``path``, ranked ``rank`` (``best``: the route ranked first)."""
    steps, start_also = steps_of(net, moves, path, where, extra)
    cost = sum(step.cost for step in steps)
    hops = len(path) - 1 - len(steps)
    cost += hops * EQUIVALENCE_COST
    return Route(
        cost=cost,
        steps=steps,
        rank=rank,
        path=tuple(path),
        start_also_called=start_also,
        behind_best=behind_best(steps, best),
    )


__all__ = ["behind_best", "role_of", "route_of", "skill_of", "stated_by", "steps_of"]
