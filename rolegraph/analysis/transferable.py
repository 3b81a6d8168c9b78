"""Transferable skills: the skills that connect the most roles, and the most kinds of role.

Betweenness centrality in the bipartite role-skill graph would name the bridges, but it costs
O(V*E): hours at ESCO's size. A skill bridges instead when the roles requiring it fall in many
occupational groups, which costs one sparse product. A role's group is its ISCO-08 major group
(ESCO occupations, roles with an ISCO or ESCO code), else its SOC major group (O*NET
occupations), else its family: the roles its stated moves connect it to.

For each skill: ``roles`` (how many roles require it), ``groups`` (how many groups those roles
fall in) and ``participation`` (1 - sum over groups of the squared share of its roles in each;
0 when all are in one group, near 1 when spread evenly over many). The default ranking, by
``bridging``, orders by groups, then roles, then participation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from rolegraph.analysis.refs import SkillRef, skill_ref
from rolegraph.choices import RANKINGS as RANKINGS
from rolegraph.errors import UnknownNameError
from rolegraph.network import RoleNetwork


@dataclass(frozen=True)
class TransferableSkill:
    """A skill with how many roles and groups of roles it connects."""

    skill: SkillRef
    roles: int
    groups: int
    participation: float
    top_groups: tuple[str, ...] = ()


def group_label(net: RoleNetwork, key: str) -> str:
    """A readable name for a group key (``isco:2`` -> ``ISCO 2``)."""
    kind, _, value = key.partition(":")
    if kind == "isco":
        return f"ISCO {value}"
    if kind == "soc":
        return f"SOC {value}"
    return f"{net.label(value)} family"


def transferable_skills(
    net: RoleNetwork,
    top: int = 10,
    by: str = "bridging",
    scheme: str | None = None,
) -> list[TransferableSkill]:
    """The ``top`` skills that connect the most roles, ranked ``by`` bridging (groups, then
    roles), ``roles`` (roles, then groups) or ``participation``; only roles of ``scheme`` count
    when it is given."""
    if by not in RANKINGS:
        raise UnknownNameError("ranking", by, list(RANKINGS))
    mask = net.in_scheme(scheme)
    keys = [net.group(role) for role in net.roles]
    names = sorted(set(keys))
    position = {name: g for g, name in enumerate(names)}
    rows = np.flatnonzero(mask)
    membership = sp.csr_matrix(
        (np.ones(len(rows)), (rows, [position[keys[i]] for i in rows])),
        shape=(len(net.roles), len(names)),
    )
    counts = sp.csr_matrix(net.binary.T @ membership)
    roles = np.asarray(counts.sum(axis=1)).ravel()
    groups = np.diff(counts.indptr)
    squares = np.asarray(counts.multiply(counts).sum(axis=1)).ravel()
    participation = 1.0 - np.divide(squares, roles**2, out=np.ones_like(squares), where=roles > 0)
    candidates = np.flatnonzero(roles > 0)
    labels = np.array([net.label(net.skills[j]).casefold() for j in candidates])
    r, g, p = roles[candidates], groups[candidates], participation[candidates]
    # np.lexsort sorts by the last key first; labels break the remaining ties.
    if by == "roles":
        order = np.lexsort((labels, -p, -g, -r))
    elif by == "participation":
        order = np.lexsort((labels, -r, -p))
    else:
        order = np.lexsort((labels, -p, -r, -g))
    results = []
    for j in candidates[order][:top]:
        start, end = counts.indptr[j], counts.indptr[j + 1]
        by_size = sorted(
            zip(counts.data[start:end], counts.indices[start:end]), key=lambda c: (-c[0], c[1])
        )
        results.append(
            TransferableSkill(
                skill=skill_ref(net.skill_ref(net.skills[j])),
                roles=int(roles[j]),
                groups=int(groups[j]),
                participation=float(participation[j]),
                top_groups=tuple(group_label(net, names[g]) for _, g in by_size[:5]),
            )
        )
    return results


__all__ = ["RANKINGS", "TransferableSkill", "group_label", "transferable_skills"]
