"""What the graph algorithms run on: a :class:`RoleNetwork` of roles, skills, moves and
equivalences, projected from RDF by :mod:`rolegraph.network.projection`."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from rolegraph.choices import SCHEMES as SCHEMES
from rolegraph.errors import UnknownNameError
from rolegraph.vocab import ID

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ONET_BASE = str(ID["onet/"])

#: Weights of a skill requirement without a rated importance, by strength.
ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.5
UNKNOWN_WEIGHT = 1.0

#: Hours in a working year, to turn an hourly wage into an annual one.
HOURS_PER_YEAR = 2080


def scheme_of(iri: str) -> str:
    """The classification of a role, told by its IRI: ``esco``, ``onet`` or ``rolegraph``."""
    if iri.startswith(ESCO_OCCUPATION):
        return "esco"
    if iri.startswith(ONET_BASE):
        return "onet"
    return "rolegraph"


def local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass(frozen=True, eq=False)
class RoleNetwork:
    """Roles, skills and moves of a store, in the shape graph algorithms need.

    Roles and skills are plain ``str`` IRIs; ``role_index``/``skill_index`` give their rows and
    columns in ``weights`` (CSR, sorted indices, one entry per requirement). The network is
    frozen; what is computed from it is kept on it, once: cached properties for what belongs to
    the network itself, ``derived_values`` for what analyses derive with
    :func:`rolegraph.network.derived.derived` (similarity tables, graphs of moves).
    """

    roles: list[str]
    skills: list[str]
    weights: sp.csr_matrix
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    skill_categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    skill_types: dict[str, str] = field(default_factory=dict)
    responsibilities: dict[str, tuple[str, ...]] = field(default_factory=dict)
    qualifications: dict[str, tuple[str, ...]] = field(default_factory=dict)
    qualification_kinds: dict[str, str] = field(default_factory=dict)
    qualification_levels: dict[str, str] = field(default_factory=dict)
    facets: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    seniority: dict[str, int] = field(default_factory=dict)
    salary: dict[str, tuple[float, str]] = field(default_factory=dict)
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    moves: nx.DiGraph = field(default_factory=nx.DiGraph)
    equivalences: nx.Graph = field(default_factory=nx.Graph)
    role_index: dict[str, int] = field(default_factory=dict)
    skill_index: dict[str, int] = field(default_factory=dict)
    schemes: list[str] = field(default_factory=list)
    #: The required education of a role: (level IRI, level notation, label of the requirement).
    education: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    #: Roles whose entry is regulated by law (ESCO's regulated-profession note).
    regulated: frozenset[str] = frozenset()
    #: Annual pay per role and region code ("US", "US-CA", ...): (amount, currency).
    regional_salary: dict[str, dict[str, tuple[float, str]]] = field(default_factory=dict)
    #: Broader occupations of a role (``skos:broader`` between roles).
    broader: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Every rated importance of a role's skills (0..1), required or not, else the requirement's
    #: weight: the full profile similarity compares, where ``weights`` keeps requirements only.
    profiles: sp.csr_matrix | None = None
    #: The definition (English where there is one) of each role.
    definitions: dict[str, str] = field(default_factory=dict)
    #: Skill mappings across classifications: (skill, target, score in 0..1).
    skill_mappings: tuple[tuple[str, str, float], ...] = ()
    #: What analyses derived from the network, by function and arguments (see
    #: :mod:`rolegraph.network.derived`); never pickled.
    derived_values: dict[Hashable, Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        if not self.role_index:
            object.__setattr__(self, "role_index", {iri: i for i, iri in enumerate(self.roles)})
        if not self.skill_index:
            object.__setattr__(self, "skill_index", {iri: j for j, iri in enumerate(self.skills)})
        if not self.schemes:
            object.__setattr__(self, "schemes", [scheme_of(iri) for iri in self.roles])

    # -- pickling --------------------------------------------------------------------------

    @classmethod
    def cached_properties(cls) -> tuple[str, ...]:
        """The names of the values the network derives from itself on first use."""
        return tuple(
            name for name, value in vars(cls).items() if isinstance(value, cached_property)
        )

    def __getstate__(self) -> dict[str, Any]:
        """The network's data without what was derived from it: derived values (neighbour
        tables, graphs of moves, the similarity model) can be larger than the data, are quick to
        derive again or kept in a file of their own, and would tie a pickle to analysis code."""
        dropped = {"derived_values", *self.cached_properties()}
        return {name: value for name, value in self.__dict__.items() if name not in dropped}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.__dict__["derived_values"] = {}

    # -- lookups ---------------------------------------------------------------------------

    def index(self, role: str) -> int:
        """The row of ``role``.

        Raises:
            UnknownNameError: ``role`` is not a role of the network.
        """
        found = self.role_index.get(str(role))
        if found is None:
            raise UnknownNameError("role", str(role), self._suggest(str(role), self.roles))
        return found

    def skill_column(self, skill: str) -> int:
        """The column of ``skill``.

        Raises:
            UnknownNameError: ``skill`` is not a skill of the network.
        """
        found = self.skill_index.get(str(skill))
        if found is None:
            raise UnknownNameError("skill", str(skill), self._suggest(str(skill), self.skills))
        return found

    def _suggest(self, name: str, pool: Iterable[str]) -> list[str]:
        key = local_name(name).casefold().replace("-", " ")
        hits = [iri for iri in pool if key and key in self.label(iri).casefold()]
        return sorted(hits, key=lambda iri: self.label(iri))[:5]

    def label(self, iri: str) -> str:
        """The preferred label of a role, skill or other node (its last IRI segment if none)."""
        return self.labels.get(str(iri)) or local_name(str(iri))

    def scheme(self, role: str) -> str:
        """The classification of ``role``."""
        return self.schemes[self.index(role)]

    def role_ref(self, role: str) -> dict[str, Any]:
        """A role as JSON: IRI, label, classification and standard codes."""
        iri = str(role)
        return {
            "iri": iri,
            "label": self.label(iri),
            "scheme": scheme_of(iri),
            "codes": dict(sorted(self.codes.get(iri, {}).items())),
        }

    def ref(self, iri: str) -> dict[str, Any]:
        """Any other node (skill, responsibility, ...) as JSON: IRI and label."""
        return {"iri": str(iri), "label": self.label(iri)}

    def skill_ref(self, skill: str) -> dict[str, Any]:
        """A skill as JSON: IRI, label and the labels of its categories."""
        ref = self.ref(skill)
        categories = self.skill_categories.get(str(skill), ())
        if categories:
            ref["categories"] = [self.label(c) for c in categories]
        return ref

    # -- skills of roles ------------------------------------------------------------------

    def role_skills(self, role: str | int) -> dict[str, float]:
        """The skills ``role`` requires, with their weights."""
        i = role if isinstance(role, int) else self.index(role)
        start, end = self.weights.indptr[i], self.weights.indptr[i + 1]
        columns = self.weights.indices[start:end]
        values = self.weights.data[start:end]
        return {self.skills[j]: float(w) for j, w in zip(columns, values)}

    def facet(self, role: str, name: str) -> tuple[str, ...]:
        """One facet of ``role`` (``focus``, ``scope``, ``communication``, ``collaborators``,
        ``tools``, ``industries``) as IRIs."""
        return self.facets.get(str(role), {}).get(name, ())

    def in_scheme(self, scheme: str | None) -> np.ndarray:
        """A boolean mask of the roles in ``scheme`` (every role when ``scheme`` is None)."""
        if scheme is None:
            return np.ones(len(self.roles), dtype=bool)
        if scheme not in SCHEMES:
            raise UnknownNameError("classification", scheme, list(SCHEMES))
        return np.array([s == scheme for s in self.schemes], dtype=bool)

    def group(self, role: str) -> str:
        """The occupational group of ``role``, for measures of bridging and of similarity quality:
        the ISCO-08 major group, else the SOC major group, else the role's family (the roles its
        stated moves connect it to)."""
        return self.groups[str(role)]

    @cached_property
    def groups(self) -> dict[str, str]:
        """The occupational group of every role (see :meth:`group`)."""
        family: dict[str, str] = {}
        for component in nx.weakly_connected_components(self.moves):
            name = min(component)
            for node in component:
                family[node] = name
        groups = {}
        for iri in self.roles:
            codes = self.codes.get(iri, {})
            if codes.get("isco"):
                groups[iri] = f"isco:{codes['isco'][0]}"
            elif codes.get("escoCode"):
                groups[iri] = f"isco:{codes['escoCode'][0]}"
            elif codes.get("onet"):
                groups[iri] = f"soc:{codes['onet'][:2]}"
            else:
                groups[iri] = f"family:{family.get(iri, iri)}"
        return groups

    @cached_property
    def binary(self) -> sp.csr_matrix:
        """The roles x skills matrix with 1.0 for every requirement."""
        binary = self.weights.copy()
        binary.data = np.ones_like(binary.data)
        return binary

    @cached_property
    def weights_csc(self) -> sp.csc_matrix:
        """``weights`` by column (sorted indices): the roles requiring each skill."""
        csc = self.weights.tocsc()
        csc.sort_indices()
        return csc

    @cached_property
    def weight_sums(self) -> np.ndarray:
        """The sum of each role's requirement weights."""
        return np.asarray(self.weights.sum(axis=1)).ravel()

    @cached_property
    def unit_weights(self) -> sp.csr_matrix:
        """``weights`` with each non-empty row scaled to Euclidean length 1."""
        norms = np.sqrt(np.asarray(self.weights.multiply(self.weights).sum(axis=1)).ravel())
        inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return sp.csr_matrix(sp.diags(inverse) @ self.weights)

    def skill_counts(self) -> np.ndarray:
        """How many skills each role requires."""
        return np.diff(self.weights.indptr)

    def summary(self) -> dict[str, int]:
        """Sizes of the network, for reports and benchmarks."""
        return {
            "roles": len(self.roles),
            "skills": len(self.skills),
            "requirements": int(self.weights.nnz),
            "moves": self.moves.number_of_edges(),
            "equivalences": self.equivalences.number_of_edges(),
        }
