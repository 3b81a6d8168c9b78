"""Collecting roles, skills, requirements and moves, then building one :class:`RoleNetwork`
from them (the projection's last step, and how tests make small networks)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from rolegraph.network.model import (
    ESSENTIAL_WEIGHT,
    OPTIONAL_WEIGHT,
    UNKNOWN_WEIGHT,
    RoleNetwork,
    local_name,
    scheme_of,
)


@dataclass
class NetworkBuilder:
    """Collects what the projection (or a test) knows, then builds a :class:`RoleNetwork`.

    Requirements may be added twice (from the ``rg:requiresSkill`` shortcut and from a qualified
    requirement): the most informative one wins (a rated importance over a strength over nothing).
    """

    roles: dict[str, None] = field(default_factory=dict)
    skills: dict[str, None] = field(default_factory=dict)
    links: dict[tuple[str, str], tuple[float, int]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    codes: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    skill_categories: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    skill_types: dict[str, str] = field(default_factory=dict)
    responsibilities: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    qualifications: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    qualification_kinds: dict[str, str] = field(default_factory=dict)
    qualification_levels: dict[str, str] = field(default_factory=dict)
    facets: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    seniority: dict[str, int] = field(default_factory=dict)
    salary: dict[str, tuple[float, str]] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    moves: nx.DiGraph = field(default_factory=nx.DiGraph)
    matches: list[tuple[str, str, str]] = field(default_factory=list)
    education: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    regulated: set[str] = field(default_factory=set)
    regional_salary: dict[str, dict[str, tuple[float, str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    broader: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    ratings: dict[tuple[str, str], float] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    skill_mappings: list[tuple[str, str, float]] = field(default_factory=list)

    def add_role(self, iri: str, label: str | None = None, **codes: str) -> None:
        """Declare a role, with its label and codes (``onet``, ``isco``, ``esco``, ``escoCode``)."""
        self.roles.setdefault(iri, None)
        if label is not None:
            self.labels[iri] = label
        for scheme, code in codes.items():
            self.codes[iri].setdefault(scheme, code)

    def add_skill(self, iri: str, label: str | None = None, *categories: str) -> None:
        """Declare a skill, with its label and categories."""
        self.skills.setdefault(iri, None)
        if label is not None:
            self.labels[iri] = label
        for category in categories:
            if category not in self.skill_categories[iri]:
                self.skill_categories[iri].append(category)

    def require(
        self,
        role: str,
        skill: str,
        *,
        strength: str | None = None,
        importance: float | None = None,
    ) -> None:
        """Record that ``role`` requires ``skill``, ``essential`` or ``optional`` and with an
        importance in 0..1 where a source rates it. A rated importance outranks a strength, which
        outranks a bare requirement."""
        self.roles.setdefault(role, None)
        self.skills.setdefault(skill, None)
        if importance is not None:
            rank, weight = 2, min(max(importance, 0.0), 1.0)
        elif strength == "optional":
            rank, weight = 1, OPTIONAL_WEIGHT
        elif strength == "essential":
            rank, weight = 1, ESSENTIAL_WEIGHT
        else:
            rank, weight = 0, UNKNOWN_WEIGHT
        known = self.links.get((role, skill))
        if known is None or rank > known[1]:
            self.links[(role, skill)] = (weight, rank)

    def add_move(
        self,
        source: str,
        target: str,
        kind: str = "transition",
        *,
        origin: str = "stated",
        score: float | None = None,
        method: str | None = None,
        evidence: Iterable[str] = (),
    ) -> None:
        """Record a move; a stated move is never replaced by a derived one, and a stated
        promotion or lateral move is never weakened back to a plain transition."""
        if source == target:
            return
        known = self.moves.get_edge_data(source, target)
        if known is not None:
            if known["origin"] == "stated" and origin == "derived":
                known.setdefault("derived_score", score)
                return
            if known["origin"] == origin and kind == "transition":
                return
        self.moves.add_edge(
            source,
            target,
            kind=kind,
            origin=origin,
            score=score,
            method=method,
            evidence=tuple(evidence),
        )

    def add_equivalence(self, a: str, b: str, relation: str = "closeMatch") -> None:
        """Record that two roles name the same occupation (in two classifications)."""
        if a != b:
            self.matches.append((a, b, relation))

    def build(self, scheme: str | None = None) -> RoleNetwork:
        """The network; with ``scheme``, only the roles of that classification."""
        # Sorted, so every store (whatever order it answers in) gives the same network.
        roles = sorted(r for r in self.roles if scheme is None or scheme_of(r) == scheme)
        role_index = {iri: i for i, iri in enumerate(roles)}
        skills = sorted(self.skills)
        skill_index = {iri: j for j, iri in enumerate(skills)}
        rows: list[int] = []
        cols: list[int] = []
        weights: list[float] = []
        for (role, skill), (weight, _) in self.links.items():
            i = role_index.get(role)
            if i is not None:
                rows.append(i)
                cols.append(skill_index[skill])
                weights.append(weight)
        weight_matrix = _csr(rows, cols, weights, (len(roles), len(skills)))
        profile = {
            (role_index[role], skill_index[skill]): weight
            for (role, skill), (weight, _) in self.links.items()
            if role in role_index
        }
        for (role, skill), importance in self.ratings.items():
            i, j = role_index.get(role), skill_index.get(skill)
            if i is not None and j is not None:
                profile[(i, j)] = min(max(importance, 0.0), 1.0)
        profile_matrix = _csr(
            [i for i, _ in profile],
            [j for _, j in profile],
            list(profile.values()),
            (len(roles), len(skills)),
        )
        kept = set(roles)
        moves = nx.DiGraph()
        moves.add_edges_from(
            (u, v, d) for u, v, d in self.moves.edges(data=True) if u in kept and v in kept
        )
        equivalences = self._equivalences(kept)
        codes = {iri: dict(self.codes.get(iri, {})) for iri in roles}
        for iri in roles:
            _complete_codes(iri, codes[iri])
        return RoleNetwork(
            roles=roles,
            skills=skills,
            weights=weight_matrix,
            labels=dict(self.labels),
            alt_labels={k: tuple(v) for k, v in self.alt_labels.items() if k in kept},
            codes=codes,
            skill_categories={k: tuple(v) for k, v in self.skill_categories.items()},
            skill_types=dict(self.skill_types),
            responsibilities={k: tuple(v) for k, v in self.responsibilities.items() if k in kept},
            qualifications={k: tuple(v) for k, v in self.qualifications.items() if k in kept},
            qualification_kinds=dict(self.qualification_kinds),
            qualification_levels=dict(self.qualification_levels),
            facets={
                role: {name: tuple(values) for name, values in named.items()}
                for role, named in self.facets.items()
                if role in kept
            },
            seniority={k: v for k, v in self.seniority.items() if k in kept},
            salary={k: v for k, v in self.salary.items() if k in kept},
            sources={k: tuple(sorted(set(v))) for k, v in self.sources.items() if k in kept},
            moves=moves,
            equivalences=equivalences,
            role_index=role_index,
            skill_index=skill_index,
            education={k: v for k, v in self.education.items() if k in kept},
            regulated=frozenset(r for r in self.regulated if r in kept),
            regional_salary={
                k: dict(v) for k, v in self.regional_salary.items() if k in kept and v
            },
            broader={
                k: tuple(b for b in v if b in kept)
                for k, v in self.broader.items()
                if k in kept and any(b in kept for b in v)
            },
            profiles=profile_matrix,
            definitions={k: v for k, v in self.definitions.items() if k in kept},
            skill_mappings=tuple(self.skill_mappings),
        )

    def _equivalences(self, kept: set[str]) -> nx.Graph:
        graph = nx.Graph()
        for a, b, relation in self.matches:
            if a in kept and b in kept and a != b:
                graph.add_edge(a, b, relation=relation)
        # Roles that carry the same O*NET-SOC code or point to the same ESCO concept are the
        # same occupation, whatever IRI each classification gives it.
        by_code: dict[tuple[str, str], list[str]] = defaultdict(list)
        for role in kept:
            codes = self.codes.get(role, {})
            onet = codes.get("onet") or (local_name(role) if scheme_of(role) == "onet" else None)
            if onet:
                by_code[("onet", onet)].append(role)
            esco = codes.get("esco") or (role if scheme_of(role) == "esco" else None)
            if esco:
                by_code[("esco", esco)].append(role)
        for (scheme, _), members in by_code.items():
            for a in members:
                for b in members:
                    if a < b and scheme_of(a) != scheme_of(b) and not graph.has_edge(a, b):
                        graph.add_edge(a, b, relation=f"same {scheme} code")
        return graph


def _complete_codes(iri: str, codes: dict[str, str]) -> None:
    """Codes a role's IRI implies: an ESCO concept is its own ``esco`` code, an O*NET
    occupation IRI ends in its O*NET-SOC code."""
    scheme = scheme_of(iri)
    if scheme == "esco":
        codes.setdefault("esco", iri)
    elif scheme == "onet" and "/occupation/" in iri:
        codes.setdefault("onet", local_name(iri))
    if "isco" not in codes and "escoCode" in codes:
        codes["isco"] = codes["escoCode"].split(".", 1)[0]


def _csr(
    rows: list[int], cols: list[int], values: list[float], shape: tuple[int, int]
) -> sp.csr_matrix:
    """A CSR matrix with sorted indices from distinct (row, column) entries."""
    row_array = np.asarray(rows, dtype=np.int64)
    col_array = np.asarray(cols, dtype=np.int64)
    order = np.lexsort((col_array, row_array))
    indptr = np.zeros(shape[0] + 1, dtype=np.int64)
    indptr[1:] = np.cumsum(np.bincount(row_array, minlength=shape[0]))
    matrix = sp.csr_matrix(
        (
            np.asarray(values, dtype=np.float64)[order],
            col_array[order].astype(np.int32),
            indptr.astype(np.int32),
        ),
        shape=shape,
    )
    matrix.has_sorted_indices = True
    return matrix
