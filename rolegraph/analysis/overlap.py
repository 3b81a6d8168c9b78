"""How alike two roles are: for one pair, one role against all, or every pair at once with sparse
matrix algebra.

The default measure, ``blend``, is the multi-facet similarity of
:mod:`rolegraph.analysis.similarity` (aligned skills, activities, titles, technology, the
classifications' structure, job zone); each of its facets can also be asked for alone by name.
Three measures of skill overlap alone, all in 0..1, remain for comparisons and tests:

- ``jaccard``: shared skills over the skills of either role, ignoring weights.
- ``weighted-jaccard`` (the default): the sum over skills of the smaller weight over the sum of the
  larger weight (Ruzicka similarity). It equals ``jaccard`` when every weight is 1, counts an
  optional skill (0.5) half as much as an essential one, and uses O*NET's importance ratings
  where they exist, so it stays meaningful when every occupation is rated on the same skills.
- ``cosine``: the cosine of the two weight vectors.

Judged by ``rolegraph evaluate`` against O*NET's related occupations, skill overlap alone finds
fewer than half of them; the blend finds most (README, "Similar roles").

All pairs are computed a block of rows at a time and only the best ``top`` per role are kept
(``numpy.argpartition``), so the full roles x roles matrix is never held in memory.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from rolegraph.analysis.refs import Ref, RoleRef, role_ref
from rolegraph.analysis.similarity import model_of
from rolegraph.choices import FACETS
from rolegraph.choices import MEASURES as MEASURES
from rolegraph.choices import OVERLAP_MEASURES as OVERLAP_MEASURES
from rolegraph.errors import UnknownNameError
from rolegraph.network import RoleNetwork
from rolegraph.network.derived import derived

DEFAULT_MEASURE = "blend"

#: Upper bound on the co-occurrence entries gathered at once by the weighted measure.
_BLOCK_ENTRIES = 4_000_000
_BLOCK_ROWS = 512


def jaccard(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Shared items over the items of either set (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def weighted_jaccard(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sum of the smaller weights over sum of the larger weights, item by item."""
    keys = a.keys() | b.keys()
    low = sum(min(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    high = sum(max(a.get(k, 0.0), b.get(k, 0.0)) for k in keys)
    return low / high if high else 0.0


def _check_measure(measure: str) -> None:
    if measure not in MEASURES:
        raise UnknownNameError("similarity measure", measure, list(MEASURES))


def _min_sums(net: RoleNetwork, rows: np.ndarray) -> np.ndarray:
    """For each of ``rows``, the sum over skills of min(weight_i, weight_j) against every role
    j: each requirement of row i meets every requirement of the same skill (a gather through the
    CSC form), and ``bincount`` adds the minima up into a dense block."""
    n = len(net.roles)
    csc = net.weights_csc
    sub = net.weights[rows]
    lengths = np.diff(csc.indptr)[sub.indices]
    total = int(lengths.sum())
    block = len(rows)
    if total == 0:
        return np.zeros((block, n))
    owner = np.repeat(np.repeat(np.arange(block), np.diff(sub.indptr)), lengths)
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    positions = np.repeat(csc.indptr[sub.indices], lengths) + offsets
    minima = np.minimum(np.repeat(sub.data, lengths), csc.data[positions])
    flat = owner * n + csc.indices[positions]
    return np.bincount(flat, weights=minima, minlength=block * n).reshape(block, n)


def _blocks(net: RoleNetwork, rows: np.ndarray, measure: str) -> list[np.ndarray]:
    """``rows`` cut into blocks small enough to compute densely against every role."""
    n = len(net.roles)
    if measure != "weighted-jaccard":
        step = max(1, min(_BLOCK_ROWS, 2_000_000 // max(n, 1)))
        return [rows[s : s + step] for s in range(0, len(rows), step)]
    column_lengths = np.diff(net.weights_csc.indptr).astype(np.float64)
    work = (net.binary @ column_lengths)[rows]
    blocks = []
    start = 0
    while start < len(rows):
        end = start + 1
        budget = work[start]
        while (
            end < len(rows) and end - start < _BLOCK_ROWS and budget + work[end] <= _BLOCK_ENTRIES
        ):
            budget += work[end]
            end += 1
        blocks.append(rows[start:end])
        start = end
    return blocks


def similarity_rows(net: RoleNetwork, rows: np.ndarray, measure: str) -> np.ndarray:
    """Similarity of the roles ``rows`` (row indices) to every role (columns), densely."""
    _check_measure(measure)
    if measure == "blend":
        return model_of(net).blend_rows(rows)
    if measure in FACETS:
        return model_of(net).facet_rows(rows, measure)
    if measure == "cosine":
        normalized = net.unit_weights
        return np.asarray((normalized[rows] @ normalized.T).toarray())
    if measure == "jaccard":
        binary = net.binary
        shared = np.asarray((binary[rows] @ binary.T).toarray())
        counts = net.skill_counts().astype(np.float64)
        union = counts[rows, None] + counts[None, :] - shared
    else:
        shared = _min_sums(net, rows)
        sums = net.weight_sums
        union = sums[rows, None] + sums[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def similarity_row(net: RoleNetwork, role: str | int, measure: str = DEFAULT_MEASURE) -> np.ndarray:
    """Similarity of one role to every role, as a vector indexed like ``net.roles``."""
    i = role if isinstance(role, int) else net.index(role)
    return similarity_rows(net, np.array([i]), measure)[0]


@dataclass(frozen=True)
class Neighbours:
    """The ``top`` most similar roles of every role: ``indices[i]`` (best first, -1 where fewer
    roles share a skill) and their ``scores``."""

    indices: np.ndarray
    scores: np.ndarray
    measure: str

    def of(self, i: int) -> list[tuple[int, float]]:
        """The neighbours of role ``i`` as (role index, score), best first."""
        return [
            (int(j), float(s)) for j, s in zip(self.indices[i], self.scores[i]) if j >= 0 and s > 0
        ]


@derived
def all_neighbours(
    net: RoleNetwork,
    top: int = 10,
    measure: str = DEFAULT_MEASURE,
    scheme: str | None = None,
) -> Neighbours:
    """The ``top`` most similar roles of every role, computed for all pairs in row blocks.

    With ``scheme``, only the roles of that classification get neighbours, taken from that
    classification (the other rows stay empty). Derived once per network and arguments.
    """
    _check_measure(measure)
    n = len(net.roles)
    k = max(0, min(top, n - 1))
    indices = np.full((n, k), -1, dtype=np.int64)
    scores = np.zeros((n, k), dtype=np.float64)
    allowed = net.in_scheme(scheme)
    tie_break = np.arange(n) * 1e-12
    if k:
        for rows in _blocks(net, np.flatnonzero(allowed), measure):
            block = similarity_rows(net, rows, measure)
            block[np.arange(len(rows)), rows] = -1.0
            block[:, ~allowed] = -1.0
            # Ties go to the lower index: a tiny handicap growing with the index tells them apart.
            ranking = block - tie_break
            part = np.argpartition(-ranking, k - 1, axis=1)[:, :k]
            order = np.argsort(-np.take_along_axis(ranking, part, axis=1), axis=1)
            best = np.take_along_axis(part, order, axis=1)
            best_scores = np.take_along_axis(block, best, axis=1)
            best[best_scores <= 0] = -1
            indices[rows] = best
            scores[rows] = np.maximum(best_scores, 0.0)
    return Neighbours(indices, scores, measure)


@dataclass(frozen=True)
class Similar:
    """A role similar to another (``of``), with the score of each facet and how much their
    skills overlap: ``shared_skills`` of the role's ``skills``, compared with ``of``'s own, or
    with those of its counterpart ``via``."""

    role: RoleRef
    score: float
    measure: str
    shared_skills: int
    skill_overlap: float
    weighted_skill_overlap: float
    of: RoleRef
    #: How many skills the role has.
    skills: int = 0
    top_shared: tuple[Ref, ...] = field(default=())
    #: The relation when this role is a declared counterpart (the same occupation elsewhere).
    counterpart: str | None = None
    #: The counterpart whose skills this role was compared with, when not the role's own.
    via: RoleRef | None = None
    #: The score of each facet of the similarity (``skills``, ``activities``, ``titles`` ...)
    #: that knows something of both roles: ``knowledge`` is missing when either is unrated.
    facets: dict[str, float] = field(default_factory=dict)

    @property
    def compared_with(self) -> RoleRef:
        """The role whose skills this one's were compared with: ``via``, else ``of``."""
        return self.of if self.via is None else self.via


def _shared(net: RoleNetwork, a: dict[str, float], b: dict[str, float]) -> list[str]:
    """Skills of both, most important (to both) first."""
    common = a.keys() & b.keys()
    return sorted(common, key=lambda s: (-(a[s] + b[s]), net.label(s)))


def pair_overlap(
    net: RoleNetwork,
    i: int,
    j: int,
    score: float,
    measure: str = DEFAULT_MEASURE,
    facet_rows: Mapping[str, np.ndarray] | None = None,
) -> Similar:
    """Role ``j`` as similar to role ``i``: its facet scores and its skill overlap with ``i``
    (``facet_rows``: role ``i``'s facet scores against every role, when already computed)."""
    a, b = net.role_skills(i), net.role_skills(j)
    shared = _shared(net, a, b)
    model = model_of(net)
    if facet_rows is not None:
        facets = {name: float(values[j]) for name, values in facet_rows.items()}
    else:
        facets = model.pair(i, j)
    facets = {n: v for n, v in facets.items() if model.presence[n][i] and model.presence[n][j]}
    return Similar(
        role=role_ref(net.role_ref(net.roles[j])),
        score=score,
        measure=measure,
        shared_skills=len(shared),
        skill_overlap=jaccard(set(a), set(b)),
        weighted_skill_overlap=weighted_jaccard(a, b),
        of=role_ref(net.role_ref(net.roles[i])),
        skills=len(b),
        top_shared=tuple(Ref(s, net.label(s)) for s in shared[:5]),
        facets=facets,
    )


def similar(
    net: RoleNetwork,
    role: str,
    top: int = 10,
    scheme: str | None = None,
    measure: str = DEFAULT_MEASURE,
) -> list[Similar]:
    """The ``top`` roles most similar to ``role``, best first (ties by label).

    The role's declared counterparts in other classifications (``net.equivalences``: SKOS
    matches, ``rg:escoConcept``, a shared code) name the same occupation, so they come first, with
    a score of 1; and a role similar to a counterpart is similar to the role, scored by its overlap
    with that counterpart (``via``) when that beats its overlap with the role itself, as a route
    crosses an equivalence for free. Skills of different classifications never overlap, so this is
    how a role of one classification finds its like in another.

    The multi-facet measures (``blend`` and its facets) compare roles of different
    classifications directly, through mapped skills, words and codes, so they need no ``via``.

    Roles with a score of 0 are left out, and so is the role itself. With ``scheme`` only roles
    of that classification are returned.
    """
    i = net.index(role)
    model = model_of(net)
    facet_rows = {name: model.facet_rows(np.array([i]), name)[0] for name in FACETS}
    if measure == "blend":
        row = model.combine(facet_rows, rows=i)
    elif measure in FACETS:
        row = facet_rows[measure].copy()
    else:
        row = similarity_row(net, i, measure)
    via = np.full(len(row), -1, dtype=np.int64)
    counterparts = _counterparts(net, i)
    if measure in OVERLAP_MEASURES:
        for c in counterparts:
            theirs = similarity_row(net, c, measure)
            better = theirs > row
            row[better] = theirs[better]
            via[better] = c
    allowed = net.in_scheme(scheme)
    row[i] = 0.0
    row[~allowed] = 0.0
    found = [
        _counterpart(net, i, c, measure, facet_rows)
        for c in sorted(counterparts, key=lambda c: (net.label(net.roles[c]), net.roles[c]))
        if allowed[c]
    ]
    row[counterparts] = 0.0
    wanted = max(0, top - len(found))
    candidates = np.flatnonzero(row > 0)
    if wanted < len(candidates):
        # Only those scoring at least the wanted-th best need sorting (ties all kept).
        scores = row[candidates]
        least = np.partition(scores, len(scores) - wanted)[len(scores) - wanted] if wanted else 2.0
        candidates = candidates[scores >= least]
    ranked = sorted(candidates, key=lambda j: (-row[j], net.label(net.roles[j]), net.roles[j]))
    asked = role_ref(net.role_ref(net.roles[i]))
    for j in ranked[:wanted]:
        if via[j] < 0:
            found.append(pair_overlap(net, i, int(j), float(row[j]), measure, facet_rows))
            continue
        pair = pair_overlap(net, int(via[j]), int(j), float(row[j]), measure)
        found.append(replace(pair, of=asked, via=pair.of))
    return found[:top]


def _counterparts(net: RoleNetwork, i: int) -> list[int]:
    """The indices of the roles declared to be the same occupation as role ``i``."""
    iri = net.roles[i]
    if iri not in net.equivalences:
        return []
    return sorted(net.role_index[o] for o in net.equivalences[iri] if o in net.role_index)


def _counterpart(
    net: RoleNetwork, i: int, c: int, measure: str, facet_rows: Mapping[str, np.ndarray]
) -> Similar:
    """Role ``c``, a declared counterpart of role ``i``, as a similar role."""
    relation = str(net.equivalences.edges[net.roles[i], net.roles[c]].get("relation", "match"))
    return replace(pair_overlap(net, i, c, 1.0, measure, facet_rows), counterpart=relation)


__all__ = [
    "DEFAULT_MEASURE",
    "MEASURES",
    "OVERLAP_MEASURES",
    "Neighbours",
    "Similar",
    "all_neighbours",
    "jaccard",
    "pair_overlap",
    "similar",
    "similarity_row",
    "similarity_rows",
    "weighted_jaccard",
]
