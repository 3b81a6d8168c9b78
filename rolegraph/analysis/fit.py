"""Role fit: from the skills a person has, the roles that fit best.

The score of a role is the share of its skill weight the person covers: the weights of the
role's skills the person has over the weights of all the role's skills (weights are importance,
or 1.0 essential / 0.5 optional). A role asking for three skills, all of which the person has,
fits fully. Ties are broken by coverage, the share of the person's skills the role uses (so of two
fully covered roles the one using more of what the person knows comes first), then by label.

Skills of different classifications meet through the skill mappings (``rg:SkillMapping``): a
person's skill covers the skills it is mapped to at the mapping's score, so an ESCO skill and
an O*NET element picked together rank O*NET, ESCO and the article's roles alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from rolegraph.analysis.facets import mapping_matrix
from rolegraph.analysis.refs import RoleRef, WeightedSkill, role_ref, skill_ref
from rolegraph.network import RoleNetwork


@dataclass(frozen=True)
class Fit:
    """How well one role fits a set of skills: the share of its skill weight they cover
    (``score``), the share of them it uses (``coverage``), its skills they match and miss."""

    role: RoleRef
    score: float
    coverage: float
    #: The role's skills the person has (or covers through a mapping), most important first.
    matched: tuple[WeightedSkill, ...]
    #: The role's skills the person lacks, most important first.
    missing: tuple[WeightedSkill, ...]


def fit(
    net: RoleNetwork,
    skills: Iterable[str],
    top: int = 10,
    scheme: str | None = None,
) -> list[Fit]:
    """The ``top`` roles that best fit a person with ``skills`` (IRIs), best first.

    Roles using none of the skills are left out. ``matched`` and ``missing`` list the role's
    skills the person has and lacks, most important first.

    Raises:
        UnknownNameError: a skill is not a skill of the network.
    """
    columns = sorted({net.skill_column(s) for s in skills})
    if not columns:
        return []
    # reach[j, k]: how far the person's k-th skill covers skill j (1 itself, a mapping's score).
    # Gathered in a dict: a LIL matrix as tall as the skills takes 80 ms to make on the full store.
    reach: dict[tuple[int, int], float] = {(column, k): 1.0 for k, column in enumerate(columns)}
    mapping = mapping_matrix(net)
    if mapping is not None:
        chosen = mapping[:, columns].tocoo()
        for j, k, value in zip(chosen.row, chosen.col, chosen.data):
            key = (int(j), int(k))
            reach[key] = max(reach.get(key, 0.0), float(value))
    cells = list(reach.items())
    reach_csr = sp.csr_matrix(
        (
            [value for _, value in cells],
            ([j for (j, _), _ in cells], [k for (_, k), _ in cells]),
        ),
        shape=(len(net.skills), len(columns)),
    )
    person = np.asarray(reach_csr.max(axis=1).todense()).ravel()
    covered = net.weights @ person
    total = np.asarray(net.weights.sum(axis=1)).ravel()
    used = np.asarray(((net.binary @ reach_csr) > 0).sum(axis=1)).ravel()
    score = np.divide(covered, total, out=np.zeros_like(covered), where=total > 0)
    coverage = used / len(columns)
    candidates = np.flatnonzero((used > 0) & net.in_scheme(scheme))
    ranked = sorted(
        candidates,
        key=lambda i: (-score[i], -coverage[i], net.label(net.roles[i]).casefold(), i),
    )
    held = {net.skills[j] for j in columns}
    through = _through(net, reach_csr, columns)
    results = []
    for i in ranked[:top]:
        weights = net.role_skills(int(i))
        order = sorted(weights, key=lambda s: (-weights[s], net.label(s).casefold(), s))
        results.append(
            Fit(
                role=role_ref(net.role_ref(net.roles[i])),
                score=float(score[i]),
                coverage=float(coverage[i]),
                matched=tuple(
                    _weighted(net, s, weights[s], through.get(s))
                    for s in order
                    if s in held or s in through
                ),
                missing=tuple(
                    _weighted(net, s, weights[s], None)
                    for s in order
                    if s not in held and s not in through
                ),
            )
        )
    return results


def _through(net: RoleNetwork, reach: sp.csr_matrix, columns: list[int]) -> dict[str, str]:
    """Skills the person covers through a mapping, with the label of the skill that covers
    them."""
    found: dict[str, str] = {}
    coo = reach.tocoo()
    for j, k, value in sorted(zip(coo.row, coo.col, coo.data), key=lambda t: -t[2]):
        if j != columns[k] and value > 0:
            found.setdefault(net.skills[j], net.label(net.skills[columns[k]]))
    return found


def _weighted(net: RoleNetwork, skill: str, weight: float, through: str | None) -> WeightedSkill:
    return WeightedSkill(skill_ref(net.skill_ref(skill)), weight, through)


__all__ = ["Fit", "fit"]
