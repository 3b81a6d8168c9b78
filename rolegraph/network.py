"""The one projection from RDF into the in-memory structures the graph algorithms run on.

A handful of bulk SPARQL SELECTs (never one query per node) fetch roles, labels, codes, skill
requirements, progressions, equivalences and salaries through :meth:`Store.query`, so the same
projection works on every store: Oxigraph, rdflib or a remote SPARQL server.

The result, a :class:`RoleNetwork`, holds:

- the roles and skills, each with an index, and a sparse roles x skills matrix of weights, one
  entry per ``rg:requiresSkill``: the requirement's ``rg:importance`` where a source rates it,
  else 1.0 for an essential skill, 0.5 for an optional one and 1.0 when the strength is unknown
  (a rated requirement without the shortcut, as O*NET's unimportant ratings, is no requirement);
- labels, standard codes, sources (``rg:importedFrom``, ``rg:source``) and the classification
  (``esco``, ``onet`` or ``rolegraph``) of each role;
- responsibilities, qualifications, tools, focus, scope, communication and collaborators per role;
- seniority (``rg:seniority``'s notation, else ``rg:jobZone``) and one annual salary per role:
  the national US figure where there is one, its median, else mean, else the middle of its range
  (hourly figures times 2080);
- a directed graph of moves: stated ones (``rg:progressesTo``, ``rg:promotesTo``,
  ``rg:StatedMove``) and derived ones (``rg:DerivedMove``) kept apart by an ``origin`` attribute;
- an undirected graph of equivalences between roles of different classifications (SKOS exact,
  close, broad and narrow matches, ``rg:escoConcept``, a shared O*NET-SOC code; not
  ``skos:relatedMatch``), so a route from an article role reaches the imported world.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from rdflib import Literal, URIRef
from rdflib.term import Node

from rolegraph.errors import UnknownNameError
from rolegraph.queries import internal_query
from rolegraph.store import Store
from rolegraph.vocab import ID, RG

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ONET_BASE = str(ID["onet/"])
SCHEMES = ("esco", "onet", "rolegraph")

#: Weights of a skill requirement without a rated importance, by strength.
ESSENTIAL_WEIGHT = 1.0
OPTIONAL_WEIGHT = 0.5
UNKNOWN_WEIGHT = 1.0

#: Hours in a working year, to turn an hourly wage into an annual one.
HOURS_PER_YEAR = 2080

_RG = str(RG)
_SKOS = "http://www.w3.org/2004/02/skos/core#"

#: The bulk queries of the projection (``queries/internal/network-*.rq``). Large lists come
#: concatenated, one row per role or one row in all (IRIs hold no spaces), and qualified
#: requirements are joined to their roles and skills in Python rather than in SPARQL: at ESCO +
#: O*NET size both are several times faster than one row per requirement or a join through the
#: requirement nodes, which dominate the cost.
QUERY_NAMES = (
    "roles",
    "role_facts",
    "alt_labels",
    "sources",
    "labels",
    "skills",
    "requires",
    "requirement_roles",
    "requirement_skills",
    "optional",
    "rated",
    "notations",
    "qualifications",
    "moves",
    "evidence",
    "definitions",
    "skill_mappings",
    "salaries",
    "education",
    "regulated",
    "broader_roles",
)


#: Role facets kept as lists of IRIs, by predicate.
_FACETS = {
    f"{_RG}focus": "focus",
    f"{_RG}scope": "scope",
    f"{_RG}communication": "communication",
    f"{_RG}worksWith": "collaborators",
    f"{_RG}usesTool": "tools",
    f"{_RG}inIndustry": "industries",
    f"{_RG}performsActivity": "activities",
    f"{_RG}usesTechnology": "technologies",
}

_MOVE_KINDS = {
    f"{_RG}Promotion": "promotion",
    f"{_RG}LateralMove": "lateral",
    f"{_RG}Transition": "transition",
}


def scheme_of(iri: str) -> str:
    """The classification of a role, told by its IRI: ``esco``, ``onet`` or ``rolegraph``."""
    if iri.startswith(ESCO_OCCUPATION):
        return "esco"
    if iri.startswith(ONET_BASE):
        return "onet"
    return "rolegraph"


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass(eq=False)
class RoleNetwork:
    """Roles, skills and moves of a store, in the shape graph algorithms need.

    Roles and skills are plain ``str`` IRIs; ``role_index``/``skill_index`` give their rows and
    columns in ``weights`` (CSR, sorted indices, one entry per requirement). ``cache`` keeps what
    analyses derive from the network (similarity tables, route graphs) so it is computed once.
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
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)
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

    def __post_init__(self) -> None:
        if not self.role_index:
            self.role_index = {iri: i for i, iri in enumerate(self.roles)}
        if not self.skill_index:
            self.skill_index = {iri: j for j, iri in enumerate(self.skills)}
        if not self.schemes:
            self.schemes = [scheme_of(iri) for iri in self.roles]

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
        key = _local(name).casefold().replace("-", " ")
        hits = [iri for iri in pool if key and key in self.label(iri).casefold()]
        return sorted(hits, key=lambda iri: self.label(iri))[:5]

    def label(self, iri: str) -> str:
        """The preferred label of a role, skill or other node (its last IRI segment if none)."""
        return self.labels.get(str(iri)) or _local(str(iri))

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
        groups: dict[str, str] = self.cache.get("groups") or self._groups()
        return groups[str(role)]

    def _groups(self) -> dict[str, str]:
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
        self.cache["groups"] = groups
        return groups

    @property
    def binary(self) -> sp.csr_matrix:
        """The roles x skills matrix with 1.0 for every requirement."""
        cached = self.cache.get("binary")
        if cached is None:
            cached = self.weights.copy()
            cached.data = np.ones_like(cached.data)
            self.cache["binary"] = cached
        return cached

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
            onet = codes.get("onet") or (_local(role) if scheme_of(role) == "onet" else None)
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
        codes.setdefault("onet", _local(iri))
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


# -- the projection ---------------------------------------------------------------------------


def _rows(store: Store, name: str) -> list[tuple[Node | None, ...]]:
    return store.query(internal_query("network-" + name.replace("_", "-"))).rows


def _text(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        return float(str(value))
    except ValueError:
        return None


def _label_rank(predicate: str, label: Literal) -> int:
    """Lower is better: English before untagged before other languages, then skos:prefLabel
    before rdfs:label."""
    language = (label.language or "").lower()
    if language == "en" or language.startswith("en-"):
        lang_rank = 0
    elif not language:
        lang_rank = 1
    else:
        lang_rank = 2
    return lang_rank * 2 + (0 if predicate == f"{_SKOS}prefLabel" else 1)


def project(store: Store, *, scheme: str | None = None) -> RoleNetwork:
    """Project the roles, skills, moves and equivalences of ``store`` into a :class:`RoleNetwork`.

    With ``scheme`` (``esco``, ``onet`` or ``rolegraph``) only the roles of that classification
    are kept. Runs a fixed number of bulk SELECT queries whatever the size of the graph.
    """
    if scheme is not None and scheme not in SCHEMES:
        raise UnknownNameError("classification", scheme, list(SCHEMES))
    builder = NetworkBuilder()
    for (role,) in _rows(store, "roles"):
        if isinstance(role, URIRef):
            builder.roles.setdefault(str(role), None)
    _project_labels(store, builder)
    notations = {
        str(level): int(float(str(n)))
        for level, n in _rows(store, "notations")
        if level is not None and n is not None and str(n).replace(".", "", 1).isdigit()
    }
    _project_role_facts(store, builder, notations)
    _project_skills(store, builder)
    _project_qualifications(store, builder)
    _project_moves(store, builder)
    _project_salaries(store, builder)
    _project_barriers(store, builder)
    return builder.build(scheme)


def _project_labels(store: Store, builder: NetworkBuilder) -> None:
    best: dict[str, int] = {}
    labels = builder.labels
    for item, predicate, label in _rows(store, "labels"):
        if item is None or label is None or not isinstance(label, Literal):
            continue
        key = str(item)
        rank = _label_rank(str(predicate), label)
        known = best.get(key)
        if known is None or rank < known or (rank == known and str(label) < labels[key]):
            best[key] = rank
            labels[key] = str(label)


def _project_role_facts(
    store: Store, builder: NetworkBuilder, notations: Mapping[str, int]
) -> None:
    job_zones: dict[str, int] = {}
    roles = builder.roles
    for role_node, predicate_node, values in _rows(store, "role_facts"):
        if role_node is None or predicate_node is None or values is None:
            continue
        role = str(role_node)
        if role in roles:
            for text in str(values).split("\n"):
                _role_fact(builder, role, str(predicate_node), text, notations, job_zones)
    for role_node, labels in _rows(store, "alt_labels"):
        if role_node is not None and labels is not None:
            builder.alt_labels[str(role_node)].extend(str(labels).split("\n"))
    for role_node, source in _rows(store, "sources"):
        if role_node is not None and source is not None:
            builder.sources[str(role_node)].append(str(source))
    for role, zone in job_zones.items():
        builder.seniority.setdefault(role, zone)
    for defined, definition in _rows(store, "definitions"):
        if defined is None or not isinstance(definition, Literal):
            continue
        key = str(defined)
        english = (definition.language or "en").lower().startswith("en")
        if key in roles and (english or key not in builder.definitions):
            builder.definitions[key] = str(definition)


def _role_fact(
    builder: NetworkBuilder,
    role: str,
    predicate: str,
    text: str,
    notations: Mapping[str, int],
    job_zones: dict[str, int],
) -> None:
    """Record one value of one property of ``role``."""
    if predicate in _FACETS:
        builder.facets[role][_FACETS[predicate]].append(text)
        return
    local = predicate.rsplit("#", 1)[-1]
    codes = builder.codes[role]
    if local == "hasResponsibility":
        builder.responsibilities[role].append(text)
    elif local == "hasQualification":
        builder.qualifications[role].append(text)
    elif local == "onetSocCode":
        codes.setdefault("onet", text)
    elif local == "iscoCode":
        codes.setdefault("isco", text)
    elif local == "escoCode":
        codes.setdefault("escoCode", text)
    elif local == "iscoGroup":
        if "isco" not in codes and _local(text)[1:].isdigit():
            codes["isco"] = _local(text)[1:]
    elif local == "escoConcept":
        codes.setdefault("esco", text)
        if text != role:
            builder.add_equivalence(role, text, "escoConcept")
    elif local in ("closeMatch", "exactMatch", "broadMatch", "narrowMatch"):
        builder.add_equivalence(role, text, local)
    elif local == "jobZone":
        number = _number(text)
        if number is not None:
            job_zones[role] = int(number)
    elif local == "seniority":
        if text in notations:
            builder.seniority[role] = notations[text]
    elif local == "progressesTo":
        builder.add_move(role, text, "transition")
    elif local == "promotesTo":
        builder.add_move(role, text, "promotion")


def _project_skills(store: Store, builder: NetworkBuilder) -> None:
    for skill, predicate, value in _rows(store, "skills"):
        if skill is None or value is None:
            continue
        key, local = str(skill), str(predicate).rsplit("#", 1)[-1]
        builder.skills.setdefault(key, None)
        if local == "skillCategory":
            if str(value) not in builder.skill_categories[key]:
                builder.skill_categories[key].append(str(value))
        elif local == "skillType":
            builder.skill_types[key] = str(value)
    for role, skills in _rows(store, "requires"):
        if isinstance(role, URIRef) and skills is not None:
            for name in str(skills).split():
                builder.require(str(role), name)
    # The shortcut is always asserted for a requirement: a qualified requirement without it is one
    # the source rates below what it counts as required (O*NET: importance under 3 of 5), so its
    # strength and rating weight no requirement.
    role_of: dict[str, str] = {}
    for role, requirements in _rows(store, "requirement_roles"):
        if isinstance(role, URIRef) and requirements is not None:
            key = str(role)
            for requirement in str(requirements).split():
                role_of[requirement] = key
    skill_of: dict[str, str] = {}
    for (pairs,) in _rows(store, "requirement_skills"):
        if pairs is not None:
            items = str(pairs).split()
            skill_of.update(zip(items[0::2], items[1::2]))

    def link(requirement: str) -> tuple[str, str] | None:
        pair = (role_of.get(requirement, ""), skill_of.get(requirement, ""))
        return pair if pair in builder.links else None

    for (requirements,) in _rows(store, "optional"):
        for requirement in str(requirements or "").split():
            pair = link(requirement)
            if pair is not None:
                builder.require(*pair, strength="optional")
    for (rated,) in _rows(store, "rated"):
        for item in str(rated or "").split():
            requirement, _, number = item.rpartition("=")
            importance = _number(number)
            rated_role, rated_skill = role_of.get(requirement), skill_of.get(requirement)
            if rated_role is not None and rated_skill is not None and importance is not None:
                builder.ratings[(rated_role, rated_skill)] = importance
            pair = link(requirement)
            if pair is not None:
                builder.require(*pair, importance=importance)
    for mapped, target, score_node in _rows(store, "skill_mappings"):
        mapping_score = _number(score_node)
        if mapped is not None and target is not None and mapping_score is not None:
            builder.skill_mappings.append((str(mapped), str(target), mapping_score))


def _project_qualifications(store: Store, builder: NetworkBuilder) -> None:
    base = f"{_RG}Qualification"
    for qual, type_node, level in _rows(store, "qualifications"):
        if qual is None:
            continue
        key = str(qual)
        kind = str(type_node) if type_node is not None else ""
        if kind.startswith(_RG) and kind.endswith("Qualification") and kind != base:
            builder.qualification_kinds[key] = kind
        if level is not None:
            builder.qualification_levels[key] = str(level)


def _project_moves(store: Store, builder: NetworkBuilder) -> None:
    evidence: dict[str, list[str]] = defaultdict(list)
    for move, texts in _rows(store, "evidence"):
        if move is not None and texts is not None:
            evidence[str(move)].extend(str(texts).split("\n"))
    stated = f"{_RG}StatedMove"
    rows = _rows(store, "moves")
    # Derived moves first, so a stated move about the same pair always wins.
    for move, type_node, source, target, kind, score, method in sorted(
        rows, key=lambda row: str(row[1]) == stated
    ):
        if source is None or target is None:
            continue
        origin = "stated" if str(type_node) == stated else "derived"
        kind_name = _MOVE_KINDS.get(str(kind), "transition") if kind is not None else "transition"
        builder.add_move(
            str(source),
            str(target),
            kind_name,
            origin=origin,
            score=_number(score),
            method=_text(method),
            evidence=sorted(evidence.get(str(move), ())),
        )


def _project_salaries(store: Store, builder: NetworkBuilder) -> None:
    best: dict[str, tuple[int, float, str]] = {}
    hourly = f"{_RG}Hourly"
    for role, code, period, currency, median, mean, low, high in _rows(store, "salaries"):
        if role is None:
            continue
        value = _number(median)
        if value is None:
            value = _number(mean)
        if value is None:
            lo, hi = _number(low), _number(high)
            if lo is not None and hi is not None:
                value = (lo + hi) / 2
            else:
                value = lo if lo is not None else hi
        if value is None:
            continue
        if period is not None and str(period) == hourly:
            value *= HOURS_PER_YEAR
        region = str(code) if code is not None else ""
        rank = 0 if region == "US" else 1 if region == "" else 2
        key = str(role)
        known = best.get(key)
        if known is None or rank < known[0]:
            best[key] = (rank, value, str(currency) if currency is not None else "USD")
        if region:
            builder.regional_salary[key].setdefault(
                region, (value, str(currency) if currency is not None else "USD")
            )
    for key, (_, value, unit) in best.items():
        builder.salary[key] = (value, unit)


def _project_barriers(store: Store, builder: NetworkBuilder) -> None:
    """Required education (the highest level a role requires), regulated professions and the
    broader occupations of roles: what tells a feasible move from one that needs a degree, a
    licence or a change of occupation first."""
    for role, level, notation, label in _rows(store, "education"):
        if role is None or level is None:
            continue
        rank = int(_number(notation) or 0)
        known = builder.education.get(str(role))
        if known is None or rank > known[1]:
            builder.education[str(role)] = (str(level), rank, _text(label) or "")
    for (role,) in _rows(store, "regulated"):
        if role is not None:
            builder.regulated.add(str(role))
    for role, broader in _rows(store, "broader_roles"):
        if (
            role is not None
            and broader is not None
            and str(broader) not in builder.broader[str(role)]
        ):
            builder.broader[str(role)].append(str(broader))


__all__ = [
    "QUERY_NAMES",
    "SCHEMES",
    "NetworkBuilder",
    "RoleNetwork",
    "project",
    "scheme_of",
]
