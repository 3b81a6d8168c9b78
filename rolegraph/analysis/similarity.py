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
  related occupations from, and scores higher alone than the merged skills profile. A role
  without ratings (ESCO, the article) takes its rated counterparts' mean ratings, else its
  skills mapped onto the areas.
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
(an article or ESCO role without a rated counterpart): unrated is not unlike. Knowledge,
activities and titles carry it; the skills facet adds nothing once
knowledge is there (O*NET's skill ratings alone rank related occupations far worse than its
knowledge ratings), so it is shown but weighs 0. Every facet is a matrix product or a lookup,
computed a block of rows at a time; the full roles x roles matrix is never held.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
import snowballstemmer

from rolegraph.choices import FACETS as FACETS
from rolegraph.network import RoleNetwork, scheme_of
from rolegraph.network.derived import derived
from rolegraph.rg import RG

#: How much each facet counts in the blend (normalised to sum to 1). Fitted on the development
#: half of O*NET's related occupations with ``rolegraph evaluate --fit``; few, coarse weights,
#: so they carry over to occupations never seen.
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "skills": 0.0,
    "knowledge": 0.264,
    "activities": 0.264,
    "titles": 0.413,
    "technology": 0.041,
    "structure": 0.0,
    "job_zone": 0.017,
}

#: Words that say nothing about a role (beyond scikit-learn's English stop words).
_ROLE_STOP_WORDS = frozenset({"all", "other", "except", "workers", "occupations", "nec"})
_WORD = re.compile(r"(?u)\b[a-zA-Z][a-zA-Z+#]+\b")
_STEMMER = snowballstemmer.stemmer("english")
_SOC_LEVELS = (2, 5, 6, 7)
_KNOWLEDGE = str(RG.Knowledge)
_ISCO_LEVELS = (1, 2, 3, 4)


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
        roles that say least about themselves, and recall@20 falls from 0.650 to 0.538."""
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
    counterparts = _counterparts(net)
    vectors = {
        "skills": _skill_vectors(net),
        "knowledge": _knowledge_vectors(net, counterparts),
        "activities": _text_vectors(
            [_activity_text(net, role) for role in net.roles], ngrams=(1, 1)
        ),
        "titles": _text_vectors([_title_text(net, role) for role in net.roles], ngrams=(1, 2)),
        "technology": _technology_vectors(net),
    }
    return SimilarityModel(
        roles=tuple(net.roles),
        vectors=vectors,
        groups=_groups(net, counterparts),
        zones=_zones(net, counterparts),
        weights=dict(DEFAULT_WEIGHTS if weights is None else weights),
        signed=frozenset({"knowledge"}),
    )


@derived
def model_of(net: RoleNetwork) -> SimilarityModel:
    """The similarity model of ``net``, built once per network."""
    return build_model(net)


# -- facets -----------------------------------------------------------------------------------


def _skill_vectors(net: RoleNetwork) -> sp.csr_matrix:
    """Centred profiles, carried across classifications through the skill mappings."""
    profiles = net.profiles if net.profiles is not None else net.weights
    profiles = sp.csr_matrix(profiles, dtype=np.float64)
    if profiles.shape[1] == 0:
        return sp.csr_matrix((profiles.shape[0], 1))
    rated = profiles.copy()
    # Centre each skill on its mean over the roles that have it, where most roles have it (a
    # rated element); a sparse skill (ESCO, the article) keeps its weight.
    counts = np.diff(profiles.tocsc().indptr)
    sums = np.asarray(profiles.sum(axis=0)).ravel()
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    dense_skill = _dense_skills(net, profiles)
    coo = rated.tocoo()
    centred = np.where(dense_skill[coo.col], coo.data - means[coo.col], coo.data)
    keep = centred > 0
    rated = sp.csr_matrix((centred[keep], (coo.row[keep], coo.col[keep])), shape=profiles.shape)
    mapping = mapping_matrix(net)
    if mapping is not None:
        rated = rated + rated @ mapping
    return _unit_rows(rated.tocsr())


def _dense_skills(net: RoleNetwork, profiles: sp.csr_matrix) -> np.ndarray:
    """Which skills most rated roles have (O*NET's rated elements), as a boolean mask."""
    counts = np.diff(profiles.tocsc().indptr)
    return np.asarray(counts >= max(10, 0.2 * profiles.shape[0] * _share_rated(net)))


def _knowledge_vectors(net: RoleNetwork, counterparts: Mapping[str, list[str]]) -> sp.csr_matrix:
    """Each role's importance ratings of the rated knowledge areas, centred on the role's own
    mean (so the product of two rows is their Pearson correlation). A role without ratings
    takes the mean ratings of its rated counterparts (the same occupation in O*NET), else its
    skills mapped onto the areas."""
    profiles = net.profiles if net.profiles is not None else net.weights
    profiles = sp.csr_matrix(profiles, dtype=np.float64)
    knowledge = np.array([net.skill_types.get(s) == _KNOWLEDGE for s in net.skills], dtype=bool)
    if not net.skills:
        return sp.csr_matrix((profiles.shape[0], 1))
    columns = np.flatnonzero(knowledge & _dense_skills(net, profiles))
    if len(columns) < 2:
        return sp.csr_matrix((profiles.shape[0], 1))
    own = profiles[:, columns].toarray()
    rated = own.copy()
    has_own = (own > 0).any(axis=1)
    for i in np.flatnonzero(~has_own):
        theirs = [net.role_index[o] for o in counterparts.get(net.roles[i], ())]
        theirs = [o for o in theirs if has_own[o]]
        if theirs:
            rated[i] = own[theirs].mean(axis=0)
    mapping = mapping_matrix(net)
    unrated = ~(rated > 0).any(axis=1)
    if mapping is not None and unrated.any():
        rated[unrated] = (profiles[np.flatnonzero(unrated)] @ mapping[:, columns]).toarray()
    present = (rated > 0).any(axis=1)
    centred = np.where(present[:, None], rated - rated.mean(axis=1, keepdims=True), 0.0)
    return _unit_rows(sp.csr_matrix(centred))


def _share_rated(net: RoleNetwork) -> float:
    """The share of roles whose profile is dense (rated on many skills): O*NET's."""
    if not net.roles:
        return 0.0
    return sum(1 for s in net.schemes if s == "onet") / len(net.roles)


@derived
def mapping_matrix(net: RoleNetwork) -> sp.csr_matrix | None:
    """skills x skills: the score of each skill mapping, in both directions (None without
    mappings); derived once per network."""
    index = net.skill_index
    rows, cols, values = [], [], []
    for skill, target, score in net.skill_mappings:
        i, j = index.get(skill), index.get(target)
        if i is None or j is None or i == j:
            continue
        rows += [i, j]
        cols += [j, i]
        values += [score, score]
    if not rows:
        return None
    n = len(net.skills)
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.data = np.minimum(matrix.data, 1.0)
    return matrix


def _activity_text(net: RoleNetwork, role: str) -> str:
    parts = [net.label(t) for t in net.responsibilities.get(role, ())]
    parts += [net.label(a) for a in net.facet(role, "activities")]
    if scheme_of(role) != "onet":
        parts.append(net.definitions.get(role, ""))
        parts += [net.label(s) for s in net.role_skills(role)]
    return "\n".join(parts)


def _title_text(net: RoleNetwork, role: str) -> str:
    title = net.label(role)
    return "\n".join(
        [title, title, title, *net.alt_labels.get(role, ()), net.definitions.get(role, "")]
    )


def _text_vectors(documents: Sequence[str], *, ngrams: tuple[int, int]) -> sp.csr_matrix:
    """TF-IDF rows of stemmed words (``nurse`` and ``nursing`` are one word), and of word pairs
    with ``ngrams=(1, 2)``."""
    if not any(documents):
        return sp.csr_matrix((len(documents), 1))
    # scikit-learn takes most of a second to import: only commands that compute similarity
    # pay for it, not every start of the command line.
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        sublinear_tf=True,
        analyzer=_Analyzer(pairs=ngrams[1] > 1),
        min_df=2 if len(documents) > 20 else 1,
        dtype=np.float64,
    )
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:  # no word left after stop words
        return sp.csr_matrix((len(documents), 1))
    return sp.csr_matrix(matrix)


@functools.cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _ROLE_STOP_WORDS


def _unit_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """``matrix`` with every non-empty row scaled to Euclidean length 1 (cosine-ready)."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    return sp.csr_matrix(sp.diags(scale) @ matrix)


class _Analyzer:
    """Lower-cased words without stop words, stemmed by Snowball's English stemmer, and
    optionally the pairs of neighbouring words (a picklable callable, so the model can be kept
    beside a store)."""

    def __init__(self, *, pairs: bool) -> None:
        self.pairs = pairs

    def __call__(self, document: str) -> list[str]:
        stop_words = _stop_words()
        words = [w for w in _WORD.findall(document.lower()) if w not in stop_words]
        stems: list[str] = _STEMMER.stemWords(words)
        if not self.pairs:
            return stems
        return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def _technology_vectors(net: RoleNetwork) -> sp.csr_matrix:
    """Technologies and tool categories, IDF-weighted; ESCO skills mapped onto a technology
    count as using it."""
    mapped: dict[str, list[tuple[str, float]]] = {}
    for skill, target, score in net.skill_mappings:
        if "/technology/" in target:
            mapped.setdefault(skill, []).append((target, score))
    columns: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, role in enumerate(net.roles):
        items: dict[str, float] = {}
        for item in (*net.facet(role, "technologies"), *net.facet(role, "tools")):
            items[item] = 1.0
        for skill in net.role_skills(role) if mapped else ():
            for target, score in mapped.get(skill, ()):
                items[target] = max(items.get(target, 0.0), score)
        for item, value in items.items():
            rows.append(i)
            cols.append(columns.setdefault(item, len(columns)))
            values.append(value)
    if not columns:
        return sp.csr_matrix((len(net.roles), 1))
    matrix = sp.csr_matrix((values, (rows, cols)), shape=(len(net.roles), len(columns)))
    document_frequency = np.diff(matrix.tocsc().indptr)
    idf = np.log((1 + len(net.roles)) / (1 + document_frequency)) + 1.0
    return _unit_rows(sp.csr_matrix(matrix @ sp.diags(idf)))


def _counterparts(net: RoleNetwork) -> dict[str, list[str]]:
    """Each role's declared counterparts in other classifications, sorted."""
    found: dict[str, list[str]] = {}
    for role in net.roles:
        if role in net.equivalences:
            found[role] = sorted(o for o in net.equivalences[role] if o in net.role_index)
    return found


def _codes(net: RoleNetwork, role: str, counterparts: Mapping[str, list[str]]) -> dict[str, str]:
    """A role's SOC and ISCO codes, its own first, else its counterparts'."""
    codes = net.codes.get(role, {})
    soc = codes.get("onet", "")
    isco = codes.get("isco") or codes.get("escoCode", "").split(".", 1)[0]
    for other in counterparts.get(role, ()):
        theirs = net.codes.get(other, {})
        soc = soc or theirs.get("onet", "")
        isco = isco or theirs.get("isco") or theirs.get("escoCode", "").split(".", 1)[0]
    return {"soc": soc if re.fullmatch(r"\d\d-\d{4}(\.\d\d)?", soc) else "", "isco": isco}


def _groups(net: RoleNetwork, counterparts: Mapping[str, list[str]]) -> dict[str, sp.csr_matrix]:
    codes = [_codes(net, role, counterparts) for role in net.roles]
    levels = {
        f"soc{n}": [c["soc"][:n] if len(c["soc"]) >= n else "" for c in codes] for n in _SOC_LEVELS
    }
    levels.update(
        {
            f"isco{n}": [
                c["isco"][:n] if len(c["isco"]) >= n and c["isco"].isdigit() else "" for c in codes
            ]
            for n in _ISCO_LEVELS
        }
    )
    groups = {}
    for level, keys in levels.items():
        columns: dict[str, int] = {}
        rows, cols = [], []
        for i, key in enumerate(keys):
            if key:
                rows.append(i)
                cols.append(columns.setdefault(key, len(columns)))
        groups[level] = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(keys), max(1, len(columns)))
        )
    return groups


def _zones(net: RoleNetwork, counterparts: Mapping[str, list[str]]) -> np.ndarray:
    zones = np.full(len(net.roles), np.nan)
    for i, role in enumerate(net.roles):
        zone = net.seniority.get(role)
        if zone is None:
            known = [net.seniority[o] for o in counterparts.get(role, ()) if o in net.seniority]
            zone = round(sum(known) / len(known)) if known else None
        if zone is not None and 1 <= zone <= 5:
            zones[i] = zone
    return zones


__all__ = [
    "DEFAULT_WEIGHTS",
    "FACETS",
    "SimilarityModel",
    "build_model",
    "mapping_matrix",
    "model_of",
]
