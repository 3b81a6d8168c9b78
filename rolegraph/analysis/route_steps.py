"""A path through the graph of moves made into a route: typed steps, each with the kind of move
and who states or implies it, the skills to gain, the job zone and pay change and any barrier;
hops to the same occupation in another classification folded into "also called"; and the words
that say why the route ranks where it does.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.move_graph import EQUIVALENCE_COST, Edge, MoveGraph
from rolegraph.analysis.overlap import weighted_jaccard
from rolegraph.analysis.refs import AlsoCalled, JobZones, RoleRef, SkillRef, role_ref, skill_ref
from rolegraph.analysis.route_types import Route, Step, plural, rank_label
from rolegraph.network import RoleNetwork, scheme_of


def role_of(net: RoleNetwork, iri: str) -> RoleRef:
    """The reference to a role of ``net``."""
    return role_ref(net.role_ref(iri))


def skill_of(net: RoleNetwork, iri: str) -> SkillRef:
    """The reference to a skill of ``net``."""
    return skill_ref(net.skill_ref(iri))


def basis(net: RoleNetwork, u: str, edge: Edge) -> str:
    """Who states or implies a move out of ``u``."""
    if edge.origin == "stated":
        sources = net.sources.get(u, ())
        return f"stated by {net.label(sources[0])}" if sources else "stated by a source"
    if edge.origin == "derived":
        method = edge.method or ""
        for item in edge.evidence:
            if item.startswith("ladder="):
                return f"implied by {item.removeprefix('ladder=')}"
        if method.startswith("rolegraph-ladders"):
            return "implied by the classification"
        return "derived from shared skills, tasks and tools"
    if edge.origin == "similarity":
        overlap = edge.overlap or 0.0
        viable = "highly viable" if overlap >= fz.HIGHLY_VIABLE else "viable"
        return f"{viable}: {overlap:.0%} similar"
    return ""


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
                basis=basis(net, u, edge),
            )
        )
    return tuple(steps), tuple(start_also)


def explain(steps: tuple[Step, ...], rank: int, best: Route | None) -> str:
    """A route in words: its steps, the skills and pay along it, and, below the best, why it
    ranks lower."""
    if not steps:
        return "no move: the same occupation in another classification"
    bases = {step.basis for step in steps}
    if len(steps) > 1 and len(bases) == 1 and not any(s.barrier for s in steps):
        kinds = [step.move for step in steps]
        tail = f" (all {next(iter(bases))})" if next(iter(bases)) else ""
    else:
        kinds, tail = [step.kind() for step in steps], ""
    text = f"{plural(len(steps), 'step')}: {', then '.join(kinds) if kinds else 'none'}{tail}"
    gained = sum(len(s.skills_to_gain) for s in steps)
    text += f"; {plural(gained, 'skill')} to gain"
    known = [s.pay_change for s in steps if s.pay_change is not None]
    if known and len(known) == len(steps):
        start, end = known[0].before, known[-1].after
        if start:
            text += f"; pay {100.0 * (end - start) / start:+.0f}% overall"
    barriers = [s.barrier.text for s in steps if s.barrier]
    if barriers:
        text += f"; {barriers[0]}"
    if rank == 1 or best is None:
        return text + "; the best route"
    if len(steps) > best.moves:
        why = f"{plural(len(steps) - best.moves, 'more step')} than the best"
    elif sum(s.origin == "stated" for s in steps) < sum(s.origin == "stated" for s in best.steps):
        why = "fewer of its moves are stated by a source than the best's"
    else:
        why = "its moves are less direct than the best's"
    return f"{text}; ranks {rank_label(rank)}: {why}"


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
        explanation=explain(steps, rank, best),
        rank=rank,
        path=tuple(path),
        start_also_called=start_also,
    )


__all__ = ["basis", "explain", "role_of", "route_of", "skill_of", "steps_of"]
