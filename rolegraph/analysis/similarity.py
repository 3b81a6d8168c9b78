"""How alike two roles are, from everything the sources say about them: one score per facet and a
blend of the facets.

Facets, each a similarity in 0..1 between every pair of roles:

- ``skills``: cosine of the roles' skill profiles. A profile holds every rated importance (O*NET
  rates every element for every occupation it surveys; the occupations it does not rate carry an
  inferred profile), else the requirement weight (essential 1.0, optional 0.5). An element's
  average importance across the roles that rate it says little about any one of them, so rated
  importances are centred on that average and only what lies above it counts. Skill mappings
  (``rg:SkillMapping``: ESCO skills to O*NET elements, the article's skills to both) carry a
  role's skills into the other classifications, each at the mapping's score, so roles of
  different classifications meet on shared skills rather than only through declared
  counterparts.
- ``knowledge``: Pearson correlation of the roles' importance ratings of the knowledge areas
  every rated role is rated on (O*NET's 33: Medicine and Dentistry, Economics and
  Accounting ...), negative correlations counted as 0. Correlation compares which areas stand
  out for each role whatever its overall level; it is one of the three signals O*NET builds its
  related occupations from, and scores higher alone than the merged skills profile. Only a
  role's own ratings count: an ESCO or article role borrowing its O*NET counterpart's would
  match that counterpart, and every other role filed under it, perfectly, restating the
  crosswalk rather than adding evidence.
- ``activities``: TF-IDF cosine (stemmed words) of what the role does, in words: task
  statements and detailed work activities (O*NET), the definition and the essential skills
  (ESCO, whose skills read as activities: "negotiate contracts"), responsibilities and skills
  (the article).
- ``titles``: TF-IDF cosine (stemmed words and word pairs) of the preferred title, repeated to
  weigh most, the alternative and reported titles, and the definition.
- ``technology``: IDF-weighted cosine of the named technologies (O*NET's examples: Python,
  Microsoft Excel) and tool categories a role uses, with ESCO skills mapped onto technologies.
- ``structure``: where the classifications file the roles: a quarter for each level of the SOC
  code shared (major, minor, broad, detailed group) or of the ISCO-08 code (1 to 4 digits),
  whichever is higher; a role without a code of one classification takes its counterpart's.
- ``job_zone``: 1 - |difference of Job Zones| / 4 (0.5 when either is unknown), also through a
  counterpart.

The blend is the weighted mean of the facets (:data:`DEFAULT_WEIGHTS`, fitted on O*NET's related
occupations: ``rolegraph evaluate``), so it stays in 0..1 and reads as "how alike, all things
considered". A pair leaves out the knowledge facet when either role has no knowledge ratings
(ESCO and article roles; O*NET's unrated occupations carry inferred ratings): unrated is not
unlike. Knowledge, activities and titles carry it; the skills facet adds nothing once knowledge
is there (O*NET's skill ratings alone rank related occupations far worse than its knowledge
ratings), so it is shown but weighs 0. Every facet is a matrix product or a lookup, computed a
block of rows at a time; the full roles x roles matrix is never held. The facet vectors are
built in :mod:`facets`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from rolegraph.analysis.facets import (
    activity_text,
    counterparts,
    group_rows,
    job_zones,
    knowledge_vectors,
    mapping_matrix,
    skill_vectors,
    technology_vectors,
    text_vectors,
    title_text,
)
from rolegraph.choices import FACETS as FACETS
from rolegraph.network import RoleNetwork
from rolegraph.network.derived import derived

#: How much each facet counts in the blend (normalised to sum to 1). Fitted on the development
#: half of O*NET's related occupations with ``rolegraph evaluate --fit``; few, coarse weights,
#: so they carry over to occupations never seen.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "skills": 0.0,
    "knowledge": 0.234,
    "activities": 0.278,
    "titles": 0.437,
    "technology": 0.036,
    "structure": 0.0,
    "job_zone": 0.015,
}


@dataclass(frozen=True)
class SimilarityModel:
    """The facet matrices of one network: what every similarity is computed from.

    ``vectors[name]`` holds one L2-normalised row per role for the cosine facets (their products
    can be negative for the ``signed`` ones, which are clipped to 0 on their own); ``groups``
    the one-hot membership of every classification level for ``structure``; ``zones`` each
    role's Job Zone (NaN when unknown).
    """

    roles: tuple[str, ...]
    vectors: Mapping[str, sp.csr_matrix]
    groups: Mapping[str, sp.csr_matrix]
    zones: np.ndarray
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    signed: frozenset[str] = frozenset()
    #: The side-by-side scaled facet rows of :meth:`blend_rows`, by weights.
    joint_cache: dict[tuple[tuple[str, float], ...], sp.csr_matrix | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    #: The transposes of those matrices, kept row-major: a product with a column-major
    #: transpose would convert it again on every call (10 ms on the full store).
    transposed: dict[object, sp.csr_matrix] = field(default_factory=dict, repr=False, compare=False)
    #: The ``signed`` facets' rows as dense arrays: they are short and full, and a dense
    #: product of them is several times faster than a sparse one.
    dense: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def _products(self, key: object, matrix: sp.csr_matrix, rows: np.ndarray) -> np.ndarray:
        """``matrix[rows] @ matrix.T``, densely."""
        transpose = self.transposed.get(key)
        if transpose is None:
            transpose = self.transposed[key] = sp.csr_matrix(matrix.T)
        return np.asarray((matrix[rows] @ transpose).toarray())

    def facet_rows(self, rows: np.ndarray, name: str) -> np.ndarray:
        """Similarity of the roles ``rows`` to every role in one facet, densely, in 0..1."""
        if name in self.signed:
            dense = self.dense.get(name)
            if dense is None:
                dense = self.dense[name] = self.vectors[name].toarray()
            return np.clip(dense[rows] @ dense.T, 0.0, 1.0)
        if name in self.vectors:
            block = self._products(name, self.vectors[name], rows)
            return np.clip(block, 0.0, 1.0)
        if name == "structure":
            return self._structure_rows(rows)
        if name == "job_zone":
            mine = self.zones[rows][:, None]
            difference = np.abs(mine - self.zones[None, :])
            return np.where(np.isnan(difference), 0.5, 1.0 - np.minimum(difference, 4.0) / 4.0)
        raise KeyError(name)

    def _structure_rows(self, rows: np.ndarray) -> np.ndarray:
        best = np.zeros((len(rows), len(self.roles)))
        for scheme in ("soc", "isco"):
            total = np.zeros_like(best)
            for level, members in self.groups.items():
                if level.startswith(scheme):
                    total += 0.25 * np.asarray((members[rows] @ members.T).toarray())
            np.maximum(best, total, out=best)
        return best

    def blend_rows(
        self, rows: np.ndarray, weights: Mapping[str, float] | None = None
    ) -> np.ndarray:
        """The blended similarity of the roles ``rows`` to every role.

        The cosine facets that cannot be negative are summed in one sparse product: their rows,
        scaled by the square root of their weights and laid side by side, multiply to the
        weighted sum of cosines. The others are added one by one, as :meth:`combine` does.
        """
        weights = self.weights if weights is None else weights
        total = sum(w for w in weights.values() if w > 0)
        joint = self._joint(weights, total)
        joint_key = ("joint", self._joint_key(weights))
        block = self._products(joint_key, joint, rows) if joint is not None else None
        if block is None:
            block = np.zeros((len(rows), len(self.roles)))
        np.clip(block, 0.0, 1.0, out=block)
        joined = {name for name, _ in self._joint_key(weights)}
        for name, weight in weights.items():
            if weight > 0 and name not in joined:
                block += (weight / total) * self.facet_rows(rows, name)
        return self._over_shared(block, total, self.weight_sums(rows, weights))

    def combine(
        self,
        facets: Mapping[str, np.ndarray],
        weights: Mapping[str, float] | None = None,
        *,
        rows: np.ndarray | int,
        columns: np.ndarray | None = None,
    ) -> np.ndarray:
        """The blend of facet scores already computed for the roles ``rows`` against every role
        (or ``columns``): arrays of one shape, by facet name, one row per role of ``rows`` (one
        array for a single role). Their mean weighted by ``weights`` (default: the model's),
        over the facets that know something of both roles."""
        weights = self.weights if weights is None else weights
        total = sum(w for w in weights.values() if w > 0)
        blend = np.zeros_like(next(iter(facets.values())), dtype=np.float64)
        for name, weight in weights.items():
            if weight > 0:
                blend += (weight / total) * facets[name]
        sums = self.weight_sums(np.atleast_1d(rows), weights, columns)
        return self._over_shared(blend, total, sums[0] if blend.ndim == 1 else sums)

    @functools.cached_property
    def presence(self) -> dict[str, np.ndarray]:
        """Which roles each facet knows something of. A facet of ratings (``knowledge``, a
        correlation of importance profiles) knows nothing of a role no one rated: the facet is
        left out of its pairs. An empty row of the other facets means nothing in common (no
        shared word, skill or technology), and counts as 0; leaving those out too lifts the
        roles that say least about themselves, and recall@20 falls from 0.65 to 0.54."""
        everyone = np.ones(len(self.roles), dtype=bool)
        return {
            name: np.diff(self.vectors[name].indptr) > 0 if name in self.signed else everyone
            for name in FACETS
        }

    def weight_sums(
        self,
        rows: np.ndarray,
        weights: Mapping[str, float] | None = None,
        columns: np.ndarray | None = None,
    ) -> np.ndarray:
        """For the roles ``rows`` against every role (or ``columns``): the sum of the weights
        of the facets that know something of both."""
        weights = self.weights if weights is None else weights
        names = [name for name, weight in weights.items() if weight > 0]
        if not names:
            return np.zeros((len(rows), len(self.roles) if columns is None else len(columns)))
        mine = np.stack([self.presence[n][rows] * weights[n] for n in names], axis=1)
        theirs = np.stack([self.presence[n] for n in names]).astype(np.float64)
        return mine @ (theirs if columns is None else theirs[:, columns])

    @staticmethod
    def _over_shared(blend: np.ndarray, total: float, sums: np.ndarray) -> np.ndarray:
        """The weighted mean ``blend`` (over ``total`` weight) taken over the facets both roles
        have instead: a facet silent on either role neither lowers nor raises their score."""
        return np.divide(blend * total, sums, out=np.zeros_like(blend), where=sums > 0)

    def _joint_key(self, weights: Mapping[str, float]) -> tuple[tuple[str, float], ...]:
        return tuple(
            sorted(
                (n, w)
                for n, w in weights.items()
                if n in self.vectors and n not in self.signed and w > 0
            )
        )

    def _joint(self, weights: Mapping[str, float], total: float) -> sp.csr_matrix | None:
        key = self._joint_key(weights)
        if key not in self.joint_cache:
            parts = [np.sqrt(w / total) * self.vectors[n] for n, w in key]
            self.joint_cache[key] = sp.csr_matrix(sp.hstack(parts)) if parts else None
        return self.joint_cache[key]

    def pair(self, i: int, j: int) -> dict[str, float]:
        """The score of each facet for roles ``i`` and ``j``."""
        rows = np.array([i])
        return {name: float(self.facet_rows(rows, name)[0, j]) for name in FACETS}


def build_model(net: RoleNetwork, weights: Mapping[str, float] | None = None) -> SimilarityModel:
    """The facet matrices of ``net`` (a few seconds for ESCO + O*NET; cache the result)."""
    equivalents = counterparts(net)
    vectors = {
        "skills": skill_vectors(net),
        "knowledge": knowledge_vectors(net),
        "activities": text_vectors([activity_text(net, role) for role in net.roles], ngrams=(1, 1)),
        "titles": text_vectors([title_text(net, role) for role in net.roles], ngrams=(1, 2)),
        "technology": technology_vectors(net),
    }
    return SimilarityModel(
        roles=tuple(net.roles),
        vectors=vectors,
        groups=group_rows(net, equivalents),
        zones=job_zones(net, equivalents),
        weights=dict(DEFAULT_WEIGHTS if weights is None else weights),
        signed=frozenset({"knowledge"}),
    )


@derived
def model_of(net: RoleNetwork) -> SimilarityModel:
    """The similarity model of ``net``, built once per network."""
    return build_model(net)


__all__ = [
    "DEFAULT_WEIGHTS",
    "FACETS",
    "SimilarityModel",
    "build_model",
    "mapping_matrix",
    "model_of",
]
