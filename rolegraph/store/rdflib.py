"""The rdflib store: an in-memory dataset, for tests and small graphs, and the reference the other
engines are checked against."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.term import Node

from rolegraph.errors import QueryError
from rolegraph.load import Triple
from rolegraph.results import QueryResult
from rolegraph.store.base import Store
from rolegraph.vocab import bind_prefixes


class RdflibStore(Store):
    """rdflib's in-memory dataset: the pure-Python engine, kept working beside Oxigraph."""

    engine = "rdflib"

    def __init__(self) -> None:
        self._dataset = Dataset(default_union=True)
        bind_prefixes(self._dataset)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        init: dict[str, Any] = {str(Variable(k)): v for k, v in (bindings or {}).items()}
        try:
            answer = self._dataset.query(sparql, initBindings=init)
        except Exception as error:  # rdflib raises pyparsing errors and plain exceptions alike
            raise QueryError(f"malformed SPARQL query: {error}") from error
        if answer.type == "SELECT":
            variables = [str(v) for v in answer.vars or []]
            rows = [tuple(row) for row in answer]  # type: ignore[arg-type]
            return QueryResult("SELECT", variables=variables, rows=rows)  # type: ignore[arg-type]
        if answer.type == "ASK":
            return QueryResult("ASK", boolean=bool(answer.askAnswer))
        graph = bind_prefixes(Graph())
        for triple in answer:
            graph.add(triple)  # type: ignore[arg-type]
        return QueryResult("CONSTRUCT", graph=graph)

    def update(self, sparql: str) -> None:
        try:
            self._dataset.update(sparql)
        except Exception as error:
            raise QueryError(f"malformed SPARQL update: {error}") from error

    def replace_graph(
        self, graph_iri: URIRef, triples: Iterable[Triple], *, checked_iris: bool = False
    ) -> int:
        # Read the whole input before touching the graph, so an input that fails halfway leaves
        # the old graph as it was; a list costs a fraction of an indexed rdflib graph.
        staged = list(triples)
        for triple in staged:
            if not all(isinstance(term, Node) for term in triple):
                raise QueryError(f"not an RDF triple: {triple!r}")
        self._dataset.remove_graph(graph_iri)
        graph = self._dataset.graph(graph_iri)
        graph.addN((s, p, o, graph) for s, p, o in staged)
        return len(graph)

    def graph_names(self) -> list[URIRef]:
        return sorted(
            g.identifier
            for g in self._dataset.graphs()
            if isinstance(g.identifier, URIRef)
            and len(g)
            and "urn:x-rdflib:default" not in g.identifier
        )

    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        source = self._dataset.graph(graph_iri) if graph_iri is not None else self._dataset
        yield from source.triples((None, None, None))

    def count(self, graph_iri: URIRef | None = None) -> int:
        if graph_iri is None:
            return sum(len(self._dataset.graph(g)) for g in self.graph_names())
        return len(self._dataset.graph(graph_iri))
