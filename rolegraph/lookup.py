"""Resolve what users type (a label, an alternative label, a code, an IRI) to what it names.

An unknown name raises UnknownNameError with the closest labels, found by fuzzy matching
(rapidfuzz), so every command can say "did you mean ...".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from rdflib import URIRef

from rolegraph.errors import UnknownNameError
from rolegraph.store import Store
from rolegraph.vocab import PREFIXES, ROLE

_PROLOGUE = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_ROLE_NAMES = (
    _PROLOGUE
    + """SELECT ?item ?name ?rank WHERE {
  ?item a rg:Role .
  { ?item skos:prefLabel ?name BIND(0 AS ?rank) }
  UNION { ?item skos:altLabel ?name BIND(1 AS ?rank) }
  UNION { ?item skos:hiddenLabel ?name BIND(2 AS ?rank) }
  UNION { ?item rg:onetSocCode ?name BIND(3 AS ?rank) }
  UNION { ?item rg:escoCode ?name BIND(3 AS ?rank) }
  UNION { ?item rg:iscoCode ?name BIND(4 AS ?rank) }
  UNION { ?item rg:escoConcept ?concept BIND(STR(?concept) AS ?name) BIND(3 AS ?rank) }
}"""
)

_SKILL_NAMES = (
    _PROLOGUE
    + """SELECT ?item ?name ?rank WHERE {
  ?item a rg:Skill .
  { ?item skos:prefLabel ?name BIND(0 AS ?rank) }
  UNION { ?item skos:altLabel ?name BIND(1 AS ?rank) }
  UNION { ?item skos:hiddenLabel ?name BIND(2 AS ?rank) }
}"""
)

_QUERIES = {"role": _ROLE_NAMES, "skill": _SKILL_NAMES}

#: Ranks of the names above: labels 0-2, codes 3 and up.
_CODE_RANK = 3


@dataclass
class NameIndex:
    """Every name of every role (or skill) in a store, for exact and fuzzy lookup."""

    kind: str
    #: lower-cased name -> {iri: best rank of that name for it}
    names: dict[str, dict[URIRef, int]] = field(default_factory=dict)
    #: iri -> preferred label
    labels: dict[URIRef, str] = field(default_factory=dict)
    #: the names fuzzy matching looks at, and the same names prepared for the scorer
    _choices: tuple[list[str], list[str]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @classmethod
    def from_store(cls, store: Store, kind: str = "role") -> NameIndex:
        """Build the index of ``kind`` ("role" or "skill") with one query."""
        names: dict[str, dict[URIRef, int]] = defaultdict(dict)
        labels: dict[URIRef, str] = {}
        for item, name, rank in store.query(_QUERIES[kind]).rows:
            if not isinstance(item, URIRef) or name is None or rank is None:
                continue
            rank_value = int(rank)  # type: ignore[call-overload]
            key = str(name).strip().casefold()
            known = names[key].get(item)
            names[key][item] = rank_value if known is None else min(known, rank_value)
            if rank_value == 0 and (item not in labels or str(name) < labels[item]):
                labels[item] = str(name)
            names[str(item).casefold()][item] = -1
        for item in {i for entry in names.values() for i in entry}:
            labels.setdefault(item, str(item).rsplit("/", 1)[-1])
        return cls(kind, dict(names), labels)

    def _closest(self, text: str, count: int) -> list[tuple[str, float]]:
        """The ``count`` names closest to ``text`` by rapidfuzz's WRatio, best first.

        The names are prepared once per index, and high score cutoffs are tried first: under a
        cutoff the scorer skips most names cheaply, and when enough names reach it they are the
        closest ones anyway (a full scan of a taxonomy's 80,000 names takes 0.3 s).
        """
        if self._choices is None:
            keys = [k for k in self.names if not k.startswith(("http://", "https://"))]
            self._choices = (keys, [utils.default_process(k) for k in keys])
        keys, prepared = self._choices
        query = utils.default_process(text.casefold())
        matches: list[tuple[str, float, int]] = []
        for cutoff in (60, 0):
            matches = process.extract(
                query,
                prepared,
                scorer=fuzz.WRatio,
                processor=None,
                limit=count,
                score_cutoff=cutoff,
            )
            if len(matches) >= count:
                break
        return [(keys[index], float(score)) for _, score, index in matches]

    def label(self, iri: URIRef) -> str:
        """The preferred label of ``iri`` (its last path segment if it has none)."""
        return self.labels.get(iri, str(iri).rsplit("/", 1)[-1])

    def resolve(self, name: str) -> URIRef:
        """The IRI ``name`` stands for: an IRI, a prefixed name, a label (any case) or a code.

        Raises:
            UnknownNameError: no match, or several equally good ones; carries the closest names.
        """
        text = name.strip()
        expanded = _expand_prefixed(text)
        for key in (expanded.casefold(), text.casefold()):
            candidates = self.names.get(key)
            if candidates:
                best = min(candidates.values())
                chosen = sorted(iri for iri, rank in candidates.items() if rank == best)
                if len(chosen) > 1:
                    chosen = (
                        self._owner_of_code(chosen)
                        if best >= _CODE_RANK
                        else [iri for iri in chosen if str(iri).startswith(str(ROLE))] or chosen
                    )
                if len(chosen) == 1:
                    return chosen[0]
                options = [f"{self.label(iri)} <{iri}>" for iri in chosen[:5]]
                raise UnknownNameError(f"{self.kind} (ambiguous)", name, options)
        raise UnknownNameError(self.kind, name, self.suggest(text))

    # A label shared by a rolegraph role and an imported occupation (the article's "Project
    # Manager" and ESCO's "project manager") names the rolegraph role, which links to the other.

    def _owner_of_code(self, roles: list[URIRef]) -> list[URIRef]:
        """Several roles share a code (a senior variant carries its base occupation's code):
        prefer the taxonomy's own concept, else the role with the shortest label."""
        curated = str(ROLE)
        imported = [iri for iri in roles if not str(iri).startswith(curated)]
        if len(imported) == 1:
            return imported
        pool = imported or roles
        shortest = min(len(self.label(iri)) for iri in pool)
        return [iri for iri in pool if len(self.label(iri)) == shortest]

    def suggest(self, text: str, limit: int = 5) -> list[str]:
        """The labels closest to ``text``, best first, one per item."""
        if not self.names:
            return []
        seen: set[URIRef] = set()
        suggestions: list[str] = []
        for key, score in self._closest(text, limit * 4):
            if score < 50:
                continue
            for iri in self.names[key]:
                if iri in seen:
                    continue
                seen.add(iri)
                suggestions.append(self.label(iri))
            if len(suggestions) >= limit:
                break
        return suggestions[:limit]

    def search(self, text: str, limit: int = 10) -> list[tuple[URIRef, str, float]]:
        """Items whose names best match ``text`` (typos forgiven): (iri, label, score 0..100)."""
        best: dict[URIRef, float] = {}
        for key, score in self._closest(text, limit * 5):
            for iri, rank in self.names[key].items():
                adjusted = float(score) - rank
                if adjusted > best.get(iri, -1.0):
                    best[iri] = adjusted
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.label(item[0])))
        return [(iri, self.label(iri), round(score, 1)) for iri, score in ranked[:limit]]


def _expand_prefixed(text: str) -> str:
    if ":" in text and not text.startswith(("http://", "https://", "urn:")):
        prefix, local = text.split(":", 1)
        namespace = PREFIXES.get(prefix)
        if namespace is not None:
            return f"{namespace}{local}"
    return text
