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

from rolegraph.analysis.overlap import DEFAULT_MEASURE, all_neighbours, weighted_jaccard
from rolegraph.network import RoleNetwork, scheme_of
from rolegraph.store import Store
from rolegraph.vocab import GRAPH, ID, RG

#: The measures whose score is a share of skills.
OVERLAP_MEASURES = ("weighted-jaccard", "jaccard", "cosine")

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


# -- ladders the classifications imply ---------------------------------------------------------

LADDER_METHOD = "rolegraph-ladders/1"
#: Words that say nothing about the field of a title.
_TITLE_STOP = frozenset(
    {"and", "of", "the", "all", "other", "except", "workers", "worker", "related", "first-line"}
)
#: Words that make a title senior, and the junior ones, in ESCO's labels.
_SENIOR_PREFIXES = ("senior ", "head ", "chief ", "lead ")
_JUNIOR_PREFIXES = ("junior ", "assistant ", "trainee ", "apprentice ")
_SUPERVISOR_PREFIX = "First-Line Supervisors of "
#: Title words too general to tell a manager's field ("Product Development Managers").
_GENERIC_STEMS = frozenset(
    {"manag", "techn", "produ", "devel", "servi", "opera", "gener", "speci", "syste", "produc"}
)


def _stems(text: str) -> set[str]:
    """The field words of a title, cut to five letters so "bricklayer" meets "bricklaying"."""
    words = text.casefold().replace(",", " ").replace("/", " ").split()
    return {w[:5] for w in words if w not in _TITLE_STOP and len(w) > 2}


def _soc(net: RoleNetwork, role: str) -> str:
    return net.codes.get(role, {}).get("onet", "") if scheme_of(role) == "onet" else ""


def _similarity_lookup(net: RoleNetwork, measure: str, scheme: str) -> dict[tuple[int, int], float]:
    """Similarity of each role to its 50 most similar roles of its classification."""
    near = all_neighbours(net, 50, measure, scheme=scheme)
    table: dict[tuple[int, int], float] = {}
    for i in np.flatnonzero(net.in_scheme(scheme)).tolist():
        for j, score in near.of(i):
            table[(i, j)] = score
    return table


def derive_ladders(
    net: RoleNetwork,
    *,
    measure: str = DEFAULT_MEASURE,
    max_rise: int = 1,
    managers_per_role: int = 3,
) -> list[DerivedMove]:
    """Promotions the classifications imply, each with its evidence:

    - workers -> the first-line supervisors of the same workers (O*NET: the SOC 2018 major
      group, the supervisor's "First-Line Supervisors of ..." title matching the workers' SOC
      minor group; ESCO: a "... supervisor" title sharing its field word with the worker's, the
      worker among the supervisor's 50 most similar roles, at no higher an ISCO-08 skill level);
    - supervisors and specialists (job zone 3 and up) -> managers of the same field (the SOC
      major group most of the manager's 30 most similar non-managers fall in);
    - junior -> senior titles of one occupation ("junior X" -> "X" -> "senior X", "head X").

    A move rising more than ``max_rise`` job zones is left out.
    """
    moves: dict[tuple[str, str], DerivedMove] = {}
    similarity = {s: _similarity_lookup(net, measure, s) for s in IMPORTED_SCHEMES}

    def add(a: str, b: str, ladder: str, evidence: list[str]) -> None:
        if a == b or (a, b) in moves:
            return
        change = _seniority_change(net, a, b)
        if change is not None and change > max_rise:
            return
        i, j = net.role_index[a], net.role_index[b]
        sim = similarity.get(scheme_of(a), {}).get((i, j))
        if sim is None:
            sim = weighted_jaccard(net.role_skills(i), net.role_skills(j)) or None
        items = [f"ladder={ladder}", *evidence]
        if sim is not None:
            items.append(f"similarity={sim:.2f}")
        if change is not None:
            items.append(f"job_zone_change={change:+d}")
        wage = _wage_change(net, a, b)
        if wage is not None:
            items.append(f"wage_change={wage:+.0f}%")
        score = 0.6 if sim is None else 0.5 + 0.5 * sim
        moves[(a, b)] = DerivedMove(
            source=a,
            target=b,
            score=round(score, 4),
            kind="promotion",
            method=f"{LADDER_METHOD} measure={measure} max_rise={max_rise}",
            evidence=tuple(items),
            signals={} if sim is None else {"similarity": sim},
            sources=tuple(sorted(set(net.sources.get(a, ())) | set(net.sources.get(b, ())))),
        )

    _supervisor_ladders_onet(net, add)
    _supervisor_ladders_esco(net, similarity["esco"], add)
    _manager_ladders(net, similarity["onet"], managers_per_role, add)
    _title_ladders(net, add)
    return sorted(moves.values(), key=lambda m: (m.source, m.target))


def _supervisor_ladders_onet(net: RoleNetwork, add: Any) -> None:
    by_major: dict[str, list[str]] = {}
    for role in net.roles:
        code = _soc(net, role)
        if code:
            by_major.setdefault(code[:2], []).append(role)
    for major, members in by_major.items():
        supervisors = [r for r in members if net.label(r).startswith(_SUPERVISOR_PREFIX)]
        if not supervisors:
            continue
        fields = {s: _stems(net.label(s).removeprefix(_SUPERVISOR_PREFIX)) for s in supervisors}
        workers = [r for r in members if _soc(net, r)[3:4] != "1"]
        # Each SOC minor group goes to the supervisor whose title names most of its members.
        minor_scores: dict[str, dict[str, float]] = {}
        for worker in workers:
            titles = _stems(net.label(worker))
            minor = _soc(net, worker)[:4]
            for supervisor, field_words in fields.items():
                if field_words:
                    share = len(titles & field_words) / len(field_words)
                    scores = minor_scores.setdefault(minor, {})
                    scores[supervisor] = max(scores.get(supervisor, 0.0), share)
        for worker in workers:
            minor = _soc(net, worker)[:4]
            scores = minor_scores.get(minor, {})
            top = max(scores.values(), default=0.0)
            chosen = [s for s, v in scores.items() if v == top and v > 0]
            if not chosen and len(supervisors) == 1:
                chosen = supervisors
            for supervisor in chosen:
                add(
                    worker,
                    supervisor,
                    f"SOC 2018 structure ({net.label(supervisor)}, {_soc(net, supervisor)})",
                    [f"soc_major_group={major}", f"soc_minor_group={minor}000"],
                )


def _isco_level(net: RoleNetwork, role: str) -> int | None:
    isco = net.codes.get(role, {}).get("isco", "")
    levels = {"1": 4, "2": 4, "3": 3, "4": 2, "5": 2, "6": 2, "7": 2, "8": 2, "9": 1}
    return levels.get(isco[:1]) if isco else None


def _supervisor_ladders_esco(
    net: RoleNetwork, similarity: Mapping[tuple[int, int], float], add: Any
) -> None:
    roles = [r for r, s in zip(net.roles, net.schemes) if s == "esco"]
    supervisors = [r for r in roles if "supervisor" in net.label(r).casefold()]
    near: dict[int, list[int]] = {}
    for i, j in similarity:
        near.setdefault(j, []).append(i)
    for supervisor in supervisors:
        label = net.label(supervisor).casefold()
        field_words = _stems(label.replace("supervisor", " "))
        if not field_words:
            continue
        level = _isco_level(net, supervisor)
        for i in near.get(net.role_index[supervisor], ()):
            worker = net.roles[i]
            if worker == supervisor or "supervisor" in net.label(worker).casefold():
                continue
            if not field_words & _stems(net.label(worker)):
                continue
            worker_level = _isco_level(net, worker)
            if level is not None and worker_level is not None and worker_level > level:
                continue
            add(
                worker,
                supervisor,
                f"ESCO titles and ISCO-08 skill levels ({net.label(supervisor)})",
                [
                    f"isco_group={net.codes.get(worker, {}).get('isco', '')}->"
                    f"{net.codes.get(supervisor, {}).get('isco', '')}"
                ],
            )


def _manager_ladders(
    net: RoleNetwork,
    similarity: Mapping[tuple[int, int], float],
    per_role: int,
    add: Any,
) -> None:
    managers = [
        r
        for r in net.roles
        if _soc(net, r).startswith("11-") and not _soc(net, r).startswith(("11-1011", "11-1031"))
    ]
    neighbours: dict[int, list[tuple[float, int]]] = {}
    for (i, j), score in similarity.items():
        neighbours.setdefault(i, []).append((score, j))
    titles_by_major: dict[str, list[set[str]]] = {}
    for role in net.roles:
        code = _soc(net, role)
        if code and not code.startswith("11-"):
            titles_by_major.setdefault(code[:2], []).append(_stems(net.label(role)))
    by_field: dict[str, list[str]] = {}
    for manager in managers:
        weights: dict[str, float] = {}
        ranked = sorted(neighbours.get(net.role_index[manager], ()), reverse=True)
        others = [(s, j) for s, j in ranked if not _soc(net, net.roles[j]).startswith("11-")]
        for score, j in others[:30]:
            major = _soc(net, net.roles[j])[:2]
            weights[major] = weights.get(major, 0.0) + score
        total = sum(weights.values())
        # The field: the major groups holding a quarter of its most similar non-managers, and
        # the one whose titles name its field words most often ("Computer ...", "Information").
        fields = {m for m, w in weights.items() if total and w >= 0.25 * total}
        words = _stems(net.label(manager)) - _GENERIC_STEMS
        named = {
            major: sum(1 for title in titles if title & words)
            for major, titles in titles_by_major.items()
        }
        best = max(named, key=lambda m: (named[m], m), default=None)
        if best is not None and named[best] >= max(2, 0.15 * len(titles_by_major[best])):
            fields.add(best)
        for major in fields:
            by_field.setdefault(major, []).append(manager)
    for role in net.roles:
        code = _soc(net, role)
        if not code or code.startswith("11-"):
            continue
        level = net.seniority.get(role)
        supervisor = code[3:4] == "1" and int(code[:2]) >= 33
        if not supervisor and (level is None or level < 3):
            continue
        candidates = by_field.get(code[:2], [])
        i = net.role_index[role]
        closest = sorted(
            candidates,
            key=lambda m: (-similarity.get((i, net.role_index[m]), 0.0), net.label(m)),
        )
        for manager in closest[:per_role]:
            add(
                role,
                manager,
                f"SOC 2018 structure (managers of major group {code[:2]})",
                [f"soc_major_group={code[:2]}", f"manager_field={code[:2]}"],
            )


def _title_ladders(net: RoleNetwork, add: Any) -> None:
    for scheme in IMPORTED_SCHEMES:
        by_label: dict[str, str] = {}
        for role, s in zip(net.roles, net.schemes):
            if s == scheme:
                by_label.setdefault(net.label(role).casefold(), role)
        for label, role in by_label.items():
            for prefix in _JUNIOR_PREFIXES:
                base = (
                    by_label.get(label.removeprefix(prefix)) if label.startswith(prefix) else None
                )
                if base is not None:
                    add(role, base, "junior and senior titles", [f"title_prefix={prefix.strip()}"])
            for prefix in _SENIOR_PREFIXES:
                if label.startswith(prefix):
                    base = by_label.get(label.removeprefix(prefix))
                    if base is not None:
                        add(
                            base,
                            role,
                            "junior and senior titles",
                            [f"title_prefix={prefix.strip()}"],
                        )


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
