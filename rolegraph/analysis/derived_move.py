"""A derived move: a plausible career move between two occupations that no source states,
computed by :mod:`rolegraph.analysis.derive` (from what the data says about the two roles) or
:mod:`rolegraph.analysis.ladders` (from the structure of the classifications), and its RDF in
the derived-moves named graph, apart from the moves sources state.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from rolegraph.network import RoleNetwork
from rolegraph.store import Store
from rolegraph.vocab import GRAPH, ID, RG

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: The classifications moves are derived within by default: the imported ones.
IMPORTED_SCHEMES = ("esco", "onet")
DERIVED_MOVES_GRAPH = GRAPH["derived-moves"]


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


def seniority_change(net: RoleNetwork, a: str, b: str) -> int | None:
    """How many seniority levels (job zones) a move from ``a`` to ``b`` rises."""
    before, after = net.seniority.get(a), net.seniority.get(b)
    return None if before is None or after is None else after - before


def wage_change(net: RoleNetwork, a: str, b: str) -> float | None:
    """How the pay changes from ``a`` to ``b``, in percent (None without comparable figures)."""
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
    "DERIVED_MOVES_GRAPH",
    "IMPORTED_SCHEMES",
    "DerivedMove",
    "Triple",
    "derived_move_triples",
    "save_derived_moves",
    "seniority_change",
    "wage_change",
]
