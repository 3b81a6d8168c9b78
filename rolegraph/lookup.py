"""Resolve what users type (a label, an alternative label, a code, an IRI) to what it names.

An unknown name raises UnknownNameError with the closest labels, found by fuzzy matching
(rapidfuzz), so every command can say "did you mean ...".
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from rdflib import URIRef

from rolegraph.errors import UnknownNameError
from rolegraph.queries import internal_query
from rolegraph.store import Store
from rolegraph.vocab import PREFIXES, ROLE

_QUERIES = {"role": "lookup-role-names", "skill": "lookup-skill-names"}

#: The classification a role comes from, by its IRI, and its name for people.
SCHEMES = (
    ("https://w3id.org/rolegraph/id/role/", "rolegraph", "rolegraph"),
    ("https://w3id.org/rolegraph/id/onet/", "onet", "O*NET"),
    ("http://data.europa.eu/esco/", "esco", "ESCO"),
    ("https://w3id.org/rolegraph/id/", "rolegraph", "rolegraph"),
)

#: Scores: a name equal to the query, all its words in a name, a close spelling.
_EXACT, _WORDS, _TYPO_FACTOR = 100.0, 90.0, 0.8
#: Below this a name does not match; "nearest" answers may go lower.
MATCH_CUTOFF = 60.0
NEAREST_CUTOFF = 40.0
#: Taken from the score of a name by how the role carries it (label, alternative, hidden).
_RANK_PENALTY = {0: 0.0, 1: 3.0, 2: 5.0}

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
    #: iri -> the roles declared to be the same occupation in another classification
    links: dict[URIRef, set[URIRef]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: Store, kind: str = "role") -> NameIndex:
        """Build the index of ``kind`` ("role" or "skill") with one query."""
        names: dict[str, dict[URIRef, int]] = defaultdict(dict)
        labels: dict[URIRef, str] = {}
        for item, name, rank in store.query(internal_query(_QUERIES[kind])).rows:
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
        links: dict[URIRef, set[URIRef]] = defaultdict(set)
        if kind == "role":
            for a, b in store.query(internal_query("lookup-role-links")).rows:
                if isinstance(a, URIRef) and isinstance(b, URIRef):
                    links[a].add(b)
                    links[b].add(a)
        index = cls(kind, dict(names), labels, dict(links))
        index._words()  # built now, so it is kept beside an on-disk store with the rest
        return index

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
                options = [self._named(iri) for iri in chosen[:5]]
                raise UnknownNameError(f"{self.kind} (ambiguous)", name, options)
        raise UnknownNameError(self.kind, name, self.suggest(_words_of(expanded)))

    def _named(self, iri: URIRef) -> str:
        """A label people can tell apart and type back: "Data Scientists (O*NET 15-2051.00)"."""
        codes = sorted(k for k, entry in self.names.items() if entry.get(iri) == _CODE_RANK)
        source = scheme_of(iri)[1]
        where = f"{source} {codes[0]}" if codes else source
        return f"{self.label(iri)} ({where})"

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
        """The labels closest to ``text``, best first, one per item (no IRIs): what
        :meth:`search` finds, or failing that the nearest names."""
        suggestions: list[str] = []
        for hit in self.search(text, limit, nearest=True):
            if hit.label not in suggestions:
                suggestions.append(hit.label)
        return suggestions[:limit]

    def search(self, text: str, limit: int = 10, *, nearest: bool = False) -> list[SearchHit]:
        """The items whose names best match ``text``, best first, one per occupation.

        A name equal to the text scores 100, a name holding all its words 90 less 3 per other
        word, a close spelling up to 80; alternative names score a little less than labels.
        Equal scores go to the item with more names holding the words (the common title:
        "nurse" finds Registered Nurses, which O*NET lists under a hundred nurse titles, before
        Acute Care Nurses). An item of another classification named the same, or declared the
        same occupation and matched by the same name, joins the first as ``also``. Nothing
        scoring under 60 matches; with ``nearest``, no match gives the closest names instead.
        """
        exact = self.names.get(_expand_prefixed(text.strip()).casefold())
        if exact and (min(exact.values()) >= _CODE_RANK or -1 in exact.values()):
            return [SearchHit(iri, self.label(iri), _EXACT) for iri in sorted(exact)][:limit]
        query = normalise(text)
        if not query:
            return []
        scored = self._score(query)
        if not scored and nearest:
            scored = self._score(query, cutoff=NEAREST_CUTOFF)
            hits = self._group(scored, query, limit=min(limit, 5))
            for hit in hits:
                hit.nearest = True
            return hits
        return self._group(scored, query, limit)

    def _words(self) -> _WordIndex:
        words: _WordIndex | None = getattr(self, "_word_index", None)
        if words is None:
            words = _WordIndex([k for k in self.names if not k.startswith(("http://", "https://"))])
            self._word_index = words
        return words

    def _score(
        self, query: str, cutoff: float = MATCH_CUTOFF
    ) -> dict[URIRef, tuple[float, int, str]]:
        """item -> (score, support, the name that matched) for every item scoring ``cutoff``+."""
        words = self._words()
        tokens = query.split()
        candidates: dict[str, float] = {}
        for key in words.holding(tokens):
            name = words.normal[key]
            extra = len(name.split()) - len(tokens)
            score = _EXACT if name == query else max(_WORDS - 3.0 * extra, 70.0)
            candidates[key] = score
        corrected = words.corrected(tokens)
        if corrected != tokens:
            fixed = " ".join(corrected)
            for key in words.holding(corrected):
                name = words.normal[key]
                extra = len(name.split()) - len(tokens)
                score = 85.0 if name == fixed else max(80.0 - 3.0 * extra, 62.0)
                candidates[key] = max(candidates.get(key, 0.0), score)
        typo_cutoff = cutoff / _TYPO_FACTOR
        for key, ratio in words.spelled_like(query, typo_cutoff, limit=200):
            score = ratio * _TYPO_FACTOR
            if score > candidates.get(key, -1.0):
                candidates[key] = score
        best: dict[URIRef, tuple[float, int, str]] = {}
        support: dict[URIRef, int] = defaultdict(int)
        for key, score in candidates.items():
            for iri, rank in self.names[key].items():
                if rank >= _CODE_RANK:
                    continue
                if score >= _WORDS - 30.0:
                    support[iri] += 1
                adjusted = score - _RANK_PENALTY.get(rank, 5.0)
                if adjusted >= cutoff and adjusted > best.get(iri, (-1.0, 0, ""))[0]:
                    best[iri] = (adjusted, 0, key)
        return {iri: (score, support[iri], key) for iri, (score, _, key) in best.items()}

    def _group(
        self, scored: dict[URIRef, tuple[float, int, str]], query: str, limit: int
    ) -> list[SearchHit]:
        order = sorted(
            scored,
            key=lambda iri: (
                -round(scored[iri][0]),
                _SCHEME_ORDER.get(scheme_of(iri)[0], 9) if scored[iri][0] >= _EXACT else 0,
                -scored[iri][1],
                _SCHEME_ORDER.get(scheme_of(iri)[0], 9),
                self.label(iri).casefold(),
                str(iri),
            ),
        )
        hits: list[SearchHit] = []
        placed: dict[URIRef, SearchHit] = {}
        for iri in order:
            score, _, matched = scored[iri]
            name = normalise(matched)
            own = normalise(self.label(iri))
            home = next(
                (
                    hit
                    for hit in hits
                    if scheme_of(iri)[0] != scheme_of(hit.iri)[0]
                    and (
                        own == hit.key
                        or (name == hit.matched_key and (iri in self.links.get(hit.iri, ())))
                        or (name == hit.matched_key and self._same_code(iri, hit.iri))
                    )
                    and all(scheme_of(iri)[0] != scheme_of(o.iri)[0] for o in hit.also)
                ),
                None,
            )
            if home is not None:
                home.also.append(SearchHit(iri, self.label(iri), round(score, 1)))
                placed[iri] = home
                continue
            if len(hits) >= limit:
                continue
            hit = SearchHit(iri, self.label(iri), round(score, 1))
            hit.key = own
            hit.matched_key = name
            if name != own and not matched.startswith(("http://", "https://")):
                hit.matched = _original_case(matched, self, iri)
            hits.append(hit)
            placed[iri] = hit
        return hits

    def _same_code(self, a: URIRef, b: URIRef) -> bool:
        """Whether a rolegraph role carries the O*NET-SOC code that is ``b``'s (or ``a``'s)."""
        codes = getattr(self, "_codes", None)
        if codes is None:
            codes = defaultdict(set)
            for key, entry in self.names.items():
                for iri, rank in entry.items():
                    if rank == _CODE_RANK and _SOC.fullmatch(key):
                        codes[iri].add(key)
            self._codes = codes
        return bool(codes.get(a, set()) & codes.get(b, set()))


@dataclass
class SearchHit:
    """One search result: an item, its label and score; others of the same occupation."""

    iri: URIRef
    label: str
    score: float
    also: list[SearchHit] = field(default_factory=list)
    matched: str | None = None
    nearest: bool = False
    key: str = ""
    matched_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        scheme, source = scheme_of(self.iri)
        data: dict[str, Any] = {
            "iri": str(self.iri),
            "label": self.label,
            "score": self.score,
            "scheme": scheme,
            "source": source,
        }
        if self.matched:
            data["matched"] = self.matched
        if self.nearest:
            data["nearest"] = True
        if self.also:
            data["also"] = [
                {
                    "iri": str(o.iri),
                    "label": o.label,
                    "scheme": scheme_of(o.iri)[0],
                    "source": scheme_of(o.iri)[1],
                }
                for o in self.also
            ]
        return data


_SCHEME_ORDER = {"rolegraph": 0, "onet": 1, "esco": 2}
_SOC = re.compile(r"\d\d-\d{4}\.\d\d")


def scheme_of(iri: str) -> tuple[str, str]:
    """The classification of a role IRI: (key, name for people), e.g. ("onet", "O*NET")."""
    for prefix, key, name in SCHEMES:
        if str(iri).startswith(prefix):
            return key, name
    return "other", "other"


_PUNCTUATION = re.compile(r"[^\w\s*+#-]+")


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, plural words made singular ("Data Scientists" ->
    "data scientist"), so names that differ only in these compare equal."""
    words = _PUNCTUATION.sub(" ", str(text).casefold()).replace("-", " ").split()
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _original_case(key: str, index: NameIndex, iri: URIRef) -> str:
    """The name as the data spells it (the index keeps names in lower case)."""
    if key.casefold() == index.label(iri).casefold():
        return index.label(iri)
    return key


class _WordIndex:
    """Names by their (normalised) words, for "all these words" and "spelled like" lookups."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        self.normal = {key: normalise(key) for key in keys}
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for key, name in self.normal.items():
            for word in set(name.split()):
                self.by_word[word].add(key)
        self.words = sorted(self.by_word)
        self.choices = [self.normal[key] for key in keys]

    def holding(self, tokens: list[str]) -> set[str]:
        """Names holding every token; the last may be the start of a word (typing ahead)."""
        found: set[str] | None = None
        for position, token in enumerate(tokens):
            keys = set(self.by_word.get(token, ()))
            if position == len(tokens) - 1 and len(token) >= 2:
                start = bisect.bisect_left(self.words, token)
                for word in self.words[start:]:
                    if not word.startswith(token):
                        break
                    keys |= self.by_word[word]
            found = keys if found is None else found & keys
            if not found:
                return set()
        return found or set()

    def corrected(self, tokens: list[str]) -> list[str]:
        """The tokens with each unknown word (four letters or more) replaced by the closest
        known word within a typo or two ("scientst" -> "scientist")."""
        fixed = []
        for position, token in enumerate(tokens):
            last = position == len(tokens) - 1
            if len(token) < 4 or token in self.by_word or (last and self._starts_word(token)):
                fixed.append(token)
                continue
            found = process.extractOne(token, self.words, scorer=fuzz.ratio, score_cutoff=80)
            fixed.append(found[0] if found else token)
        return fixed

    def _starts_word(self, token: str) -> bool:
        start = bisect.bisect_left(self.words, token)
        return start < len(self.words) and self.words[start].startswith(token)

    def spelled_like(self, query: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """Names within a few typos of ``query`` (rapidfuzz ratio of the normalised names)."""
        matches = process.extract(
            query, self.choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit
        )
        return [(self.keys[position], float(score)) for _, score, position in matches]


def _words_of(text: str) -> str:
    """What to suggest from: the words of an IRI's last segment ("…/role/acount-managr" ->
    "acount managr"), or the text itself."""
    if text.startswith(("http://", "https://", "urn:")):
        last = text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        return " ".join(last.replace("-", " ").replace("_", " ").split())
    return text


def _expand_prefixed(text: str) -> str:
    if ":" in text and not text.startswith(("http://", "https://", "urn:")):
        prefix, local = text.split(":", 1)
        namespace = PREFIXES.get(prefix)
        if namespace is not None:
            return f"{namespace}{local}"
    return text
