"""One skill layer: links from ESCO's skills to O*NET's elements, work activities and
technologies, computed from their words, so roles of the two classifications meet on skills.

Each ESCO skill or knowledge concept is described by its preferred label (twice), alternative
labels, definition and the labels of its broader skill groups; each O*NET element by its name
(twice), its Content Model description and its parent's name; a detailed work activity and a
technology by their titles. One TF-IDF vocabulary (words and word pairs, sublinear counts) is
fitted on all of them, and every ESCO skill is linked to

- its closest O*NET **element** (Skills, Knowledge) when their cosine reaches
  :data:`ELEMENT_THRESHOLD`, as ``skos:broadMatch`` (an element such as "Sales and Marketing"
  is broader than an ESCO skill such as "negotiate sales contracts"), or ``skos:closeMatch`` when
  the labels are the same words;
- its closest **work activities** (at most :data:`ACTIVITIES_PER_SKILL`) from
  :data:`ACTIVITY_THRESHOLD`, as ``skos:closeMatch`` from :data:`CLOSE_THRESHOLD` up and
  ``skos:relatedMatch`` below;
- a **technology** whose name is the ESCO label's head (the label before any parenthesis, such
  as "Python" for "Python (computer programming)"), as ``skos:exactMatch``.

Every link becomes an ``rg:SkillMapping`` with its score (the cosine, 1.0 for a name match),
method and source, plus the plain SKOS triple, in the named graph ``graph/skill-alignment``.
The article's own skills are aligned by hand in the built-in data (``skill-alignment.ttl``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.term import Node

from rolegraph.queries import internal_query
from rolegraph.store import Store
from rolegraph.vocab import GRAPH, ID, ONET, RG

SKILL_ALIGNMENT_GRAPH = GRAPH["skill-alignment"]
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
METHOD = "tfidf-cosine over labels, alternative labels, definitions and parent labels"
NAME_METHOD = "technology name equals the skill's label head"

ELEMENT_THRESHOLD = 0.10
ACTIVITY_THRESHOLD = 0.30
CLOSE_THRESHOLD = 0.50
ACTIVITIES_PER_SKILL = 2

_HEAD = re.compile(r"\s*\(.*\)\s*$")


@dataclass(frozen=True)
class SkillLink:
    """A computed link from an ESCO skill to an O*NET element, activity or technology."""

    skill: str
    target: str
    relation: str
    score: float
    method: str

    def to_dict(self) -> dict[str, object]:
        return {
            "skill": self.skill,
            "target": self.target,
            "relation": self.relation,
            "score": round(self.score, 4),
            "method": self.method,
        }


@dataclass(frozen=True)
class Concepts:
    """The labelled concepts of a store, with the words that describe them."""

    labels: dict[str, str]
    kinds: dict[str, str]
    texts: dict[str, str]

    @classmethod
    def from_store(cls, store: Store) -> Concepts:
        labels: dict[str, str] = {}
        kinds: dict[str, str] = {}
        for concept, kind, label in store.query(internal_query("align-concepts")).rows:
            if concept is None or label is None:
                continue
            key = str(concept)
            labels.setdefault(key, str(label))
            kinds[key] = str(kind).rsplit("#", 1)[-1]
        rows = store.query(internal_query("align-texts")).rows
        texts = {str(c): str(t) for c, t in rows if c is not None and t}
        return cls(labels, kinds, texts)

    @classmethod
    def from_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> Concepts:
        """The same concepts read from triples (an importer's output) instead of a store."""
        types = {RG.Skill: "Skill", RG.WorkActivity: "WorkActivity", RG.Technology: "Technology"}
        labels: dict[str, str] = {}
        kinds: dict[str, str] = {}
        extra: dict[str, list[str]] = {}
        parents: dict[str, list[str]] = {}
        for s, p, o in triples:
            if p == RDF.type and o in types:
                kinds[str(s)] = types[o]  # type: ignore[index]
            elif isinstance(o, Literal) and (o.language or "en").startswith("en"):
                if p == SKOS.prefLabel:
                    labels.setdefault(str(s), str(o))
                elif p in (SKOS.altLabel, SKOS.definition):
                    extra.setdefault(str(s), []).append(str(o))
            elif p == SKOS.broader:
                parents.setdefault(str(s), []).append(str(o))
        texts = {}
        for concept, kind in kinds.items():
            if kind != "Skill":
                continue
            words = extra.get(concept, []) + [
                labels[parent] for parent in parents.get(concept, ()) if parent in labels
            ]
            if words:
                texts[concept] = "\n".join(words)
        return cls(
            {c: label for c, label in labels.items() if c in kinds},
            {c: kind for c, kind in kinds.items() if c in labels},
            texts,
        )

    def document(self, concept: str) -> str:
        label = self.labels[concept]
        return "\n".join([label, label, self.texts.get(concept, "")])


def align_skills(
    concepts: Concepts, progress: Callable[[int], None] | None = None
) -> list[SkillLink]:
    """Link every ESCO skill to O*NET's elements, work activities and technologies."""
    esco = sorted(c for c in concepts.labels if c.startswith(ESCO_SKILL))
    elements = sorted(c for c in concepts.labels if c.startswith(str(ONET["element/"])))
    activities = sorted(
        c for c in concepts.labels if concepts.kinds.get(c) == "WorkActivity" and _detailed(c)
    )
    technologies = sorted(c for c in concepts.labels if concepts.kinds.get(c) == "Technology")
    if not esco or not (elements or activities or technologies):
        return []
    # Imported here: scikit-learn takes most of a second to import, and only this needs it.
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", ngram_range=(1, 2), min_df=1, dtype=np.float64
    )
    vectorizer.fit(
        [concepts.document(c) for c in (*esco, *elements)]
        + [concepts.labels[c] for c in (*activities, *technologies)]
    )

    def vectors(texts: list[str]) -> sp.csr_matrix:
        return sp.csr_matrix(vectorizer.transform(texts))

    # Elements are broad and described at length: compare whole descriptions. Activities are
    # one short sentence: compare them with the skill's label alone.
    skills_matrix = vectors([concepts.document(c) for c in esco])
    labels_matrix = vectors([concepts.labels[c] for c in esco])
    element_matrix = vectors([concepts.document(c) for c in elements])
    activity_matrix = vectors([concepts.labels[c] for c in activities])
    links: list[SkillLink] = []
    by_name = {_normal(concepts.labels[t]): t for t in technologies}
    step = 1000
    for start in range(0, len(esco), step):
        block = skills_matrix[start : start + step]
        label_block = labels_matrix[start : start + step]
        element_scores = np.asarray((block @ element_matrix.T).toarray()) if elements else None
        activity_scores = (
            np.asarray((label_block @ activity_matrix.T).toarray()) if activities else None
        )
        for offset, skill in enumerate(esco[start : start + step]):
            label = concepts.labels[skill]
            if element_scores is not None:
                links += _best_elements(skill, label, element_scores[offset], elements, concepts)
            if activity_scores is not None:
                links += _best_activities(skill, activity_scores[offset], activities)
            target = by_name.get(_normal(_HEAD.sub("", label)))
            if target is not None:
                links.append(SkillLink(skill, target, "exactMatch", 1.0, NAME_METHOD))
        if progress is not None:
            progress(len(esco[start : start + step]))
    return links


def _detailed(activity: str) -> bool:
    """A detailed work activity (``...I01.D02``), not an intermediate one."""
    return ".D" in activity.rsplit("/", 1)[-1]


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9+#]+", text.lower()))


def _best_elements(
    skill: str, label: str, scores: np.ndarray, elements: Sequence[str], concepts: Concepts
) -> list[SkillLink]:
    best = int(np.argmax(scores))
    score = float(scores[best])
    if score < ELEMENT_THRESHOLD:
        return []
    target = elements[best]
    same = _normal(label) == _normal(concepts.labels[target])
    return [SkillLink(skill, target, "closeMatch" if same else "broadMatch", score, METHOD)]


def _best_activities(skill: str, scores: np.ndarray, activities: Sequence[str]) -> list[SkillLink]:
    top = np.argsort(-scores, kind="stable")[:ACTIVITIES_PER_SKILL]
    return [
        SkillLink(
            skill,
            activities[j],
            "closeMatch" if scores[j] >= CLOSE_THRESHOLD else "relatedMatch",
            float(scores[j]),
            METHOD,
        )
        for j in top
        if scores[j] >= ACTIVITY_THRESHOLD
    ]


def mapping_triples(
    links: Iterable[SkillLink], source_iri: URIRef | None = None
) -> Iterator[tuple[URIRef, URIRef, URIRef | Literal]]:
    """Each link as an ``rg:SkillMapping`` node and its plain SKOS triple."""
    for link in links:
        digest = hashlib.sha1(f"{link.skill} {link.target}".encode()).hexdigest()[:16]
        node = ID[f"mapping/{digest}"]
        skill, target = URIRef(link.skill), URIRef(link.target)
        relation = URIRef(f"{SKOS}{link.relation}")
        yield node, RDF.type, RG.SkillMapping
        yield node, RG.mappedSkill, skill
        yield node, RG.mappingTarget, target
        yield node, RG.mappingRelation, relation
        yield node, RG.score, Literal(f"{link.score:.4f}", datatype=XSD.decimal)
        yield node, RG.method, Literal(link.method)
        if source_iri is not None:
            yield node, RG.source, source_iri
        yield skill, relation, target


def save_skill_alignment(store: Store, links: Iterable[SkillLink]) -> int:
    """Replace the skill-alignment graph of ``store`` with ``links``; returns the triple count."""
    return store.replace_graph(SKILL_ALIGNMENT_GRAPH, mapping_triples(links))


__all__ = [
    "SKILL_ALIGNMENT_GRAPH",
    "Concepts",
    "SkillLink",
    "align_skills",
    "mapping_triples",
    "save_skill_alignment",
]
