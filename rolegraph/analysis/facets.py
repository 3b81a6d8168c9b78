"""The facets of role similarity as vectors, one row per role: what each source says about a
role turned into numbers two roles can be compared on (skills, knowledge ratings, the words of
tasks and titles, technologies, classification groups, job zones). :mod:`similarity` combines
them; what each facet compares is described there."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp
import snowballstemmer

from rolegraph.network import RoleNetwork, scheme_of
from rolegraph.network.derived import derived
from rolegraph.rg import RG

#: Words that say nothing about a role (beyond scikit-learn's English stop words).
_ROLE_STOP_WORDS = frozenset({"all", "other", "except", "workers", "occupations", "nec"})
_WORD = re.compile(r"(?u)\b[a-zA-Z][a-zA-Z+#]+\b")
_STEMMER = snowballstemmer.stemmer("english")
_SOC_LEVELS = (2, 5, 6, 7)
_KNOWLEDGE = str(RG.Knowledge)
_ISCO_LEVELS = (1, 2, 3, 4)


def skill_vectors(net: RoleNetwork) -> sp.csr_matrix:
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
    dense_skill = _dense_skills(net, counts)
    coo = rated.tocoo()
    centred = np.where(dense_skill[coo.col], coo.data - means[coo.col], coo.data)
    keep = centred > 0
    rated = sp.csr_matrix((centred[keep], (coo.row[keep], coo.col[keep])), shape=profiles.shape)
    mapping = mapping_matrix(net)
    if mapping is not None:
        rated = rated + rated @ mapping
    return _unit_rows(rated.tocsr())


def _dense_skills(net: RoleNetwork, counts: np.ndarray) -> np.ndarray:
    """Which skills most rated roles have (O*NET's rated elements), as a boolean mask, from
    how many roles have each skill (``counts``)."""
    return np.asarray(counts >= max(10, 0.2 * len(net.roles) * _share_rated(net)))


def knowledge_vectors(net: RoleNetwork) -> sp.csr_matrix:
    """Each role's own importance ratings of the rated knowledge areas, centred on the role's
    mean (so the product of two rows is their Pearson correlation); a zero row when unrated."""
    profiles = net.profiles if net.profiles is not None else net.weights
    profiles = sp.csr_matrix(profiles, dtype=np.float64)
    knowledge = np.array([net.skill_types.get(s) == _KNOWLEDGE for s in net.skills], dtype=bool)
    if not net.skills:
        return sp.csr_matrix((profiles.shape[0], 1))
    # The areas a rater rates for every role it rates: held by (nearly) as many roles as the most
    # widely held area. A knowledge skill many roles merely require (ESCO's "quality standards")
    # is no rated area: a role holding only it would correlate perfectly with every other such.
    held = np.diff(profiles.tocsc().indptr)
    widest = held[knowledge].max(initial=0)
    columns = np.flatnonzero(knowledge & _dense_skills(net, held) & (held >= 0.5 * widest))
    if len(columns) < 2:
        return sp.csr_matrix((profiles.shape[0], 1))
    rated = profiles[:, columns].toarray()
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


def activity_text(net: RoleNetwork, role: str) -> str:
    parts = [net.label(t) for t in net.responsibilities.get(role, ())]
    parts += [net.label(a) for a in net.facet(role, "activities")]
    if scheme_of(role) != "onet":
        parts.append(net.definitions.get(role, ""))
        parts += [net.label(s) for s in net.role_skills(role)]
    return "\n".join(parts)


def title_text(net: RoleNetwork, role: str) -> str:
    title = net.label(role)
    return "\n".join(
        [title, title, title, *net.alt_labels.get(role, ()), net.definitions.get(role, "")]
    )


def text_vectors(documents: Sequence[str], *, ngrams: tuple[int, int]) -> sp.csr_matrix:
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


def technology_vectors(net: RoleNetwork) -> sp.csr_matrix:
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


def counterparts(net: RoleNetwork) -> dict[str, list[str]]:
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


def group_rows(net: RoleNetwork, counterparts: Mapping[str, list[str]]) -> dict[str, sp.csr_matrix]:
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


def job_zones(net: RoleNetwork, counterparts: Mapping[str, list[str]]) -> np.ndarray:
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
    "activity_text",
    "counterparts",
    "group_rows",
    "job_zones",
    "knowledge_vectors",
    "mapping_matrix",
    "skill_vectors",
    "technology_vectors",
    "text_vectors",
    "title_text",
]
