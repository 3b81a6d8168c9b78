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

The record of a move and its RDF are in :mod:`~rolegraph.analysis.derived_move`, the ladders
the classifications imply in :mod:`~rolegraph.analysis.ladders`; this module names them too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from rolegraph.analysis.derived_move import (
    DERIVED_MOVES_GRAPH,
    IMPORTED_SCHEMES,
    DerivedMove,
    derived_move_triples,
    save_derived_moves,
    seniority_change,
    wage_change,
)
from rolegraph.analysis.ladders import LADDER_METHOD, derive_ladders
from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours
from rolegraph.network import RoleNetwork

#: The measures whose score is a share of skills.
OVERLAP_MEASURES = ("weighted-jaccard", "jaccard", "cosine")

METHOD = "rolegraph-derived-moves/1"

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
    rows: np.ndarray = np.diff(matrix.indptr) > 0
    return rows


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
    measure: str = DEFAULT_MEASURE,
) -> list[DerivedMove]:
    """Derive plausible moves between the occupations of one classification: ``scheme``, or
    ESCO and O*NET (each on its own) when None. Best first per role.

    Candidates are each role's most similar roles by ``measure`` (the multi-facet similarity by
    default); its score is the ``similarity`` signal, or ``skill_overlap`` for the overlap
    measures, weighted as ``skill_overlap``."""
    left_list: list[int] = []
    right_list: list[int] = []
    skill_list: list[float] = []
    for name in (scheme,) if scheme is not None else IMPORTED_SCHEMES:
        neighbours = all_neighbours(net, candidates, measure, scheme=name)
        for row in np.flatnonzero(net.in_scheme(name)).tolist():
            for j, score in neighbours.of(row):
                left_list.append(row)
                right_list.append(j)
                skill_list.append(score)
    left = np.asarray(left_list, dtype=np.int64)
    right = np.asarray(right_list, dtype=np.int64)
    first = "skill_overlap" if measure in OVERLAP_MEASURES else "similarity"
    signals: dict[str, tuple[np.ndarray, np.ndarray]] = {
        first: (np.asarray(skill_list), np.ones(len(left), dtype=bool))
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
        weight = weights.get("skill_overlap" if name == "similarity" else name, 0.0)
        total += np.where(present, weight * values, 0.0)
        weight_sum += np.where(present, weight, 0.0)
    scores = np.divide(total, weight_sum, out=np.zeros_like(total), where=weight_sum > 0)
    method = _method(weights, candidates, min_score, per_role, max_rise, max_drop)
    method += f" measure={measure}"
    kept: dict[int, list[DerivedMove]] = {}
    for n in np.argsort(-scores, kind="stable").tolist():
        i, j, score = int(left[n]), int(right[n]), float(scores[n])
        if score < min_score or len(kept.get(i, ())) >= per_role:
            continue
        a, b = net.roles[i], net.roles[j]
        change = seniority_change(net, a, b)
        if change is not None and (change > max_rise or change < -max_drop):
            continue
        evidence = [
            f"{name}={values[n]:.2f}" for name, (values, present) in signals.items() if present[n]
        ]
        shared = len(net.role_skills(i).keys() & net.role_skills(j).keys())
        evidence.append(f"shared_skills={shared}")
        if change is not None:
            evidence.append(f"job_zone_change={change:+d}")
        wage = wage_change(net, a, b)
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


__all__ = [
    "DEFAULT_WEIGHTS",
    "DERIVED_MOVES_GRAPH",
    "IMPORTED_SCHEMES",
    "LADDER_METHOD",
    "METHOD",
    "DerivedMove",
    "derive_ladders",
    "derive_moves",
    "derived_move_triples",
    "save_derived_moves",
    "text_vectors",
]
