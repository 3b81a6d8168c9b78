"""When no route fits the limits: why not, and the closest role one can reach instead, with the
gap that remains to the goal (skills, education, job zone, pay and barrier).
"""

from __future__ import annotations

import numpy as np

from rolegraph.analysis import feasibility as fz
from rolegraph.analysis.move_graph import shares_barrier
from rolegraph.analysis.overlap import all_neighbours
from rolegraph.analysis.refs import EducationGap, Gap, JobZones
from rolegraph.analysis.route_steps import role_of, skill_of
from rolegraph.analysis.route_types import Closest, NoRoute, Route
from rolegraph.errors import UnknownNameError
from rolegraph.network import RoleNetwork
from rolegraph.network.derived import derived


def no_route_reason(
    first_moves: list[str], allowed: set[str] | None, distance: int | None
) -> NoRoute:
    """Why no route leads to the target: no move at all out of the source (``first_moves``:
    where its moves lead, ``allowed``: the roles a route may pass), none at all to the target,
    or none within the step limit (``distance``: the fewest moves to the target, None out of
    reach)."""
    if not any(allowed is None or other in allowed for other in first_moves):
        return NoRoute("no_move")
    if distance is None:
        return NoRoute("unreachable")
    return NoRoute("too_far", distance)


@derived
def nearness(net: RoleNetwork, target: str, measure: str) -> np.ndarray:
    """How alike every role is to ``target`` or to one of its counterparts (0..1)."""
    from rolegraph.analysis import overlap

    row = np.zeros(len(net.roles))
    for role in [target, *fz.counterparts(net, target)]:
        try:
            theirs = overlap.similarity_row(net, net.index(role), measure)
        except (UnknownNameError, ValueError, NotImplementedError):
            # A measure without whole rows: its top neighbours.
            theirs = np.zeros(len(net.roles))
            for j, score in all_neighbours(net, 50, measure).of(net.index(role)):
                theirs[j] = score
        row = np.maximum(row, np.asarray(theirs, dtype=np.float64))
    # Titles break the silence of roles whose skills say nothing: half their word overlap.
    words = _title_words(net.label(target))
    if words:
        for i, role_words in enumerate(_role_title_words(net)):
            if role_words & words:
                row[i] = max(row[i], 0.5 * len(role_words & words) / len(role_words | words))
    for role in [target, *fz.counterparts(net, target)]:
        row[net.index(role)] = 1.0
    return row


def _title_words(label: str) -> set[str]:
    return {w.rstrip("s") for w in label.casefold().replace(",", " ").split() if len(w) > 2}


@derived
def _role_title_words(net: RoleNetwork) -> list[set[str]]:
    """The title words of every role, by index."""
    return [_title_words(net.label(role)) for role in net.roles]


def pick_closest(
    net: RoleNetwork,
    nodes: list[str],
    moves: np.ndarray,
    source: str,
    target: str,
    measure: str,
) -> str:
    """The role within reach most like ``target``: ``moves`` gives the fewest moves to each of
    ``nodes`` (infinite out of reach). Fewer moves break ties, then the label (the last in
    order, then the IRI); labels are read only for the roles still tied. With no move at all,
    the closest role within reach is the role one holds."""
    near = nearness(net, target, measure)
    reached = np.flatnonzero(np.isfinite(moves[: len(net.roles)]))
    index = net.role_index
    if len(reached) > 1:
        reached = reached[reached != index[source]]
    if len(reached) == 0:
        return source
    likeness = near[reached]
    tied = reached[likeness == likeness.max()]
    fewest = -moves[tied]
    tied = tied[fewest == fewest.max()]
    names: list[str] = [nodes[i] for i in tied.tolist()]
    return max(names, key=lambda r: (net.label(r), r))


def _education(net: RoleNetwork, role: str) -> tuple[str, int, str] | None:
    """The required education of ``role``, else of its first counterpart with one."""
    for other in [role, *fz.counterparts(net, role, close_only=True)]:
        if other in net.education:
            return net.education[other]
    return None


def closest_role(
    net: RoleNetwork,
    source: str,
    target: str,
    pick: str,
    moves: int,
    route: Route | None,
    where: str | None,
    measure: str,
) -> Closest:
    """``pick``, the role within reach most like ``target`` (``moves`` away along ``route``),
    and the gap that remains: skills, education, job zone, pay and barrier."""
    near = nearness(net, target, measure)
    likeness = float(near[net.role_index[pick]])
    held = set(net.role_skills(source))
    if route is not None:
        for iri in route.path:
            held.update(net.role_skills(iri))
    wanted = net.role_skills(target)
    missing = sorted(
        (s for s in wanted if s not in held),
        key=lambda s: (-wanted[s], net.label(s).casefold(), s),
    )
    skills = tuple(skill_of(net, s) for s in missing)
    zones = JobZones(fz.level(net, pick), fz.level(net, target))
    pay_gap = fz.pay_change(net, pick, target, where)
    education: EducationGap | None = None
    have = max(
        (e for e in (_education(net, pick), _education(net, source)) if e is not None),
        key=lambda e: e[1],
        default=None,
    )
    need = _education(net, target)
    if need is not None and (have is None or need[1] > have[1]):
        education = EducationGap(need[2] or net.label(need[0]), have[2] if have else None)
    guard = fz.barrier(net, target)
    barrier = guard if guard is not None and not shares_barrier(net, pick, guard) else None
    return Closest(
        role_of(net, pick),
        likeness,
        route,
        Gap(skills, education, zones, pay_gap, barrier),
        source=role_of(net, source),
        target=role_of(net, target),
        moves=moves,
    )


__all__ = ["closest_role", "nearness", "no_route_reason", "pick_closest"]
