"""Derived moves: plausible career moves between occupations, computed from what the data says
about them, each stored with its method, score and evidence apart from the moves sources state.

Method ``rolegraph-derived-moves/1``. Moves are derived within one classification at a time
(ESCO and O*NET by default: their skill vocabularies are their own). For each occupation, the
``candidates`` occupations whose skills overlap most (weighted Jaccard over skill and knowledge
importance, see :mod:`overlap`) are scored by a weighted mean of the signals both have:

- ``skill_overlap``: weighted Jaccard of their skill weights (always present);
- ``task_similarity``: TF-IDF cosine of their responsibilities (O*NET task statements);
- ``tool_overlap``: Jaccard of the tools and technologies they use;
- ``title_similarity``: TF-IDF cosine of their labels and alternative titles.

A signal missing on either side drops out of the mean (its weight with it), so roles without
tasks are scored on what they have. Seniority (O*NET Job Zone or ``rg:seniority``) filters and
labels the move: it may rise by at most ``max_rise`` levels and fall by at most ``max_drop``; a
move up is a promotion, the others lateral moves. The wage change is recorded as evidence.
Each role keeps its ``per_role`` best moves scoring at least ``min_score``. The sources of a move
are the releases (``rg:importedFrom``) and sources (``rg:source``) of its two roles.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from rolegraph.analysis.overlap import all_neighbours
from rolegraph.network import RoleNetwork
from rolegraph.store import Store
from rolegraph.vocab import GRAPH, ID, RG

Triple = tuple[URIRef, URIRef, URIRef | Literal]

METHOD = "rolegraph-derived-moves/1"
#: The classifications moves are derived within by default: the imported ones.
IMPORTED_SCHEMES = ("esco", "onet")
DERIVED_MOVES_GRAPH = GRAPH["derived-moves"]

#: Weights of the signals in the score.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "skill_overlap": 0.55,
    "task_similarity": 0.2,
    "tool_overlap": 0.15,
    "title_similarity": 0.1,
}

_WORD = re.compile(r"[a-z][a-z0-9+#]{2,}")
_STOPWORDS = frozenset(
    {
        "and",
        "the",
        "for",
        "with",
        "from",
        "that",
        "this",
        "into",
        "such",
        "other",
        "are",
        "use",
        "using",
        "used",
        "all",
        "any",
        "its",
        "their",
        "may",
        "can",
        "will",
        "who",
        "which",
        "when",
        "where",
        "while",
        "per",
        "via",
        "non",
    }
)


@dataclass(frozen=True)
class DerivedMove:
    """A computed move from one role to another, with its score, the signals behind it and the
    source releases of its inputs."""

    source: str
    target: str
    score: float
    kind: str
    method: str
    evidence: tuple[str, ...]
    signals: dict[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def iri(self) -> URIRef:
        """The stable IRI of this move (the same inputs and method give the same IRI)."""
        digest = hashlib.sha1(f"{self.source}\n{self.target}\n{self.method}".encode()).hexdigest()[
            :16
        ]
        return ID[f"move/derived/{digest}"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "iri": str(self.iri),
            "from": self.source,
            "to": self.target,
            "score": round(self.score, 4),
            "kind": self.kind,
            "method": self.method,
            "evidence": list(self.evidence),
            "signals": {k: round(v, 4) for k, v in self.signals.items()},
            "sources": list(self.sources),
        }


def _tokens(texts: Iterable[str]) -> Counter[str]:
    words: Counter[str] = Counter()
    for text in texts:
        words.update(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)
    return words


def text_vectors(net: RoleNetwork, texts: Mapping[str, Sequence[str]]) -> sp.csr_matrix:
    """L2-normalised TF-IDF vectors (roles x words) of each role's texts; zero rows for roles
    without any."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for i, role in enumerate(net.roles):
        counts = _tokens(texts.get(role, ()))
        for word, count in counts.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(1.0 + math.log(count))
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(len(net.roles), len(vocabulary)))
    frequency = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = np.log((1.0 + len(net.roles)) / (1.0 + frequency)) + 1.0
    matrix = sp.csr_matrix(matrix @ sp.diags(idf))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(inverse) @ matrix)


def _pair_cosine(matrix: sp.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    if matrix.shape[1] == 0 or not len(left):
        return np.zeros(len(left))
    return np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()


def _has_rows(matrix: sp.csr_matrix) -> np.ndarray:
    return np.diff(matrix.indptr) > 0


def _set_overlap(
    net: RoleNetwork, values: Mapping[str, Sequence[str]], left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Jaccard of two roles' value sets, and whether both have any."""
    overlap = np.zeros(len(left))
    present = np.zeros(len(left), dtype=bool)
    roles = net.roles
    for n, (i, j) in enumerate(zip(left, right)):
        a, b = values.get(roles[i]), values.get(roles[j])
        if a and b:
            sa, sb = set(a), set(b)
            overlap[n] = len(sa & sb) / len(sa | sb)
            present[n] = True
    return overlap, present


def _titles(net: RoleNetwork) -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    for role in net.roles:
        alternatives = net.alt_labels.get(role, ())
        if alternatives:
            titles[role] = [net.label(role), *alternatives]
    return titles


def _method(
    weights: Mapping[str, float],
    candidates: int,
    min_score: float,
    per_role: int,
    max_rise: int,
    max_drop: int,
) -> str:
    parts = ",".join(f"{name}:{weight:g}" for name, weight in weights.items())
    return (
        f"{METHOD} weights={parts} candidates={candidates} min_score={min_score:g} "
        f"per_role={per_role} max_rise={max_rise} max_drop={max_drop}"
    )


def derive_moves(
    net: RoleNetwork,
    *,
    per_role: int = 5,
    min_score: float = 0.4,
    candidates: int = 20,
    max_rise: int = 1,
    max_drop: int = 0,
    scheme: str | None = None,
    weights: Mapping[str, float] = DEFAULT_WEIGHTS,
) -> list[DerivedMove]:
    """Derive plausible moves between the occupations of one classification: ``scheme``, or
    ESCO and O*NET (each on its own) when None. Best first per role."""
    left_list: list[int] = []
    right_list: list[int] = []
    skill_list: list[float] = []
    for name in (scheme,) if scheme is not None else IMPORTED_SCHEMES:
        neighbours = all_neighbours(net, candidates, "weighted-jaccard", scheme=name)
        for row in np.flatnonzero(net.in_scheme(name)).tolist():
            for j, score in neighbours.of(row):
                left_list.append(row)
                right_list.append(j)
                skill_list.append(score)
    left = np.asarray(left_list, dtype=np.int64)
    right = np.asarray(right_list, dtype=np.int64)
    signals: dict[str, tuple[np.ndarray, np.ndarray]] = {
        "skill_overlap": (np.asarray(skill_list), np.ones(len(left), dtype=bool))
    }
    if weights.get("task_similarity"):
        tasks = text_vectors(
            net,
            {r: [net.label(t) for t in items] for r, items in net.responsibilities.items()},
        )
        has = _has_rows(tasks)
        signals["task_similarity"] = (_pair_cosine(tasks, left, right), has[left] & has[right])
    if weights.get("tool_overlap"):
        tools = {r: f.get("tools", ()) for r, f in net.facets.items() if f.get("tools")}
        signals["tool_overlap"] = _set_overlap(net, tools, left, right)
    if weights.get("title_similarity"):
        titles = text_vectors(net, _titles(net))
        has = _has_rows(titles)
        signals["title_similarity"] = (_pair_cosine(titles, left, right), has[left] & has[right])
    total = np.zeros(len(left))
    weight_sum = np.zeros(len(left))
    for name, (values, present) in signals.items():
        weight = weights.get(name, 0.0)
        total += np.where(present, weight * values, 0.0)
        weight_sum += np.where(present, weight, 0.0)
    scores = np.divide(total, weight_sum, out=np.zeros_like(total), where=weight_sum > 0)
    method = _method(weights, candidates, min_score, per_role, max_rise, max_drop)
    kept: dict[int, list[DerivedMove]] = {}
    for n in np.argsort(-scores, kind="stable").tolist():
        i, j, score = int(left[n]), int(right[n]), float(scores[n])
        if score < min_score or len(kept.get(i, ())) >= per_role:
            continue
        a, b = net.roles[i], net.roles[j]
        change = _seniority_change(net, a, b)
        if change is not None and (change > max_rise or change < -max_drop):
            continue
        evidence = [
            f"{name}={values[n]:.2f}" for name, (values, present) in signals.items() if present[n]
        ]
        shared = len(net.role_skills(i).keys() & net.role_skills(j).keys())
        evidence.append(f"shared_skills={shared}")
        if change is not None:
            evidence.append(f"job_zone_change={change:+d}")
        wage = _wage_change(net, a, b)
        if wage is not None:
            evidence.append(f"wage_change={wage:+.0f}%")
        kept.setdefault(i, []).append(
            DerivedMove(
                source=a,
                target=b,
                score=round(score, 4),
                kind="promotion" if change is not None and change > 0 else "lateral",
                method=method,
                evidence=tuple(evidence),
                signals={
                    name: float(values[n])
                    for name, (values, present) in signals.items()
                    if present[n]
                },
                sources=tuple(sorted(set(net.sources.get(a, ())) | set(net.sources.get(b, ())))),
            )
        )
    return [move for i in sorted(kept) for move in kept[i]]


def _seniority_change(net: RoleNetwork, a: str, b: str) -> int | None:
    before, after = net.seniority.get(a), net.seniority.get(b)
    return None if before is None or after is None else after - before


def _wage_change(net: RoleNetwork, a: str, b: str) -> float | None:
    before, after = net.salary.get(a), net.salary.get(b)
    if before is None or after is None or before[1] != after[1] or before[0] <= 0:
        return None
    return 100.0 * (after[0] - before[0]) / before[0]


def derived_move_triples(
    moves: Iterable[DerivedMove], source_iri: str | None = None
) -> Iterator[Triple]:
    """The RDF of derived moves: one ``rg:DerivedMove`` node each, with its roles, kind, score,
    method, evidence and sources (``source_iri`` when given, else the releases and sources of
    its two roles)."""
    kinds = {"promotion": RG.Promotion, "lateral": RG.LateralMove, "transition": RG.Transition}
    for move in moves:
        node = move.iri
        yield node, RDF.type, RG.DerivedMove
        yield node, RG.fromRole, URIRef(move.source)
        yield node, RG.toRole, URIRef(move.target)
        yield node, RG.moveKind, kinds[move.kind]
        yield node, RG.score, Literal(f"{move.score:.4f}", datatype=XSD.decimal)
        yield node, RG.method, Literal(move.method)
        for evidence in move.evidence:
            yield node, RG.evidence, Literal(evidence)
        for source in [source_iri] if source_iri is not None else move.sources:
            yield node, RG.source, URIRef(source)


def save_derived_moves(
    store: Store, moves: Iterable[DerivedMove], source_iri: str | None = None
) -> int:
    """Replace the derived-moves named graph of ``store`` with ``moves``; returns the triple
    count. Stated moves live in their sources' graphs and are left alone."""
    return store.replace_graph(DERIVED_MOVES_GRAPH, derived_move_triples(moves, source_iri))


__all__ = [
    "DEFAULT_WEIGHTS",
    "DERIVED_MOVES_GRAPH",
    "IMPORTED_SCHEMES",
    "METHOD",
    "DerivedMove",
    "derive_moves",
    "derived_move_triples",
    "save_derived_moves",
    "text_vectors",
]
