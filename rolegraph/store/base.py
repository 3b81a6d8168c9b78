"""What every store does: SPARQL over the union of its named graphs, graphs replaced whole."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from rolegraph.load import Triple
from rolegraph.results import QueryResult
from rolegraph.terms import ntriples
from rolegraph.vocab import bind_prefixes


class Store(ABC):
    """A graph store: SPARQL over the union of its named graphs, which it fills and replaces."""

    #: Short name of the engine, shown in ``--version``-like reports and benchmarks.
    engine: str = "abstract"

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` bind variables to RDF terms before evaluation.

        Raises:
            QueryError: the query is malformed.
            StoreError: the store cannot answer.
        """

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""

    @abstractmethod
    def replace_graph(
        self, graph_iri: URIRef, triples: Iterable[Triple], *, checked_iris: bool = False
    ) -> int:
        """Replace one named graph's content, atomically where the engine allows; return the count.

        Readers see the old content until the new one is complete, and an interrupted replacement
        leaves the old content in place. ``checked_iris``: the caller checked every IRI of the
        triples (the importers do), so an engine that checks them while loading need not.
        """

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The named graphs in the store."""

    @abstractmethod
    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        """Every triple of one named graph, or of all of them."""

    def drop_graph(self, graph_iri: URIRef) -> None:
        """Remove one named graph."""
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def to_graph(self, graph_iri: URIRef | None = None) -> Graph:
        """A copy of one named graph, or of the union of all, as an in-memory rdflib graph."""
        graph = bind_prefixes(Graph())
        for triple in self.triples(graph_iri):
            graph.add(triple)
        return graph

    def count(self, graph_iri: URIRef | None = None) -> int:
        """The number of triples in one named graph, or in all of them."""
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        value = result.rows[0][0] if result.rows else None
        return int(value.toPython()) if isinstance(value, RdfLiteral) else 0

    def dump_ntriples(self, path: Path, graphs: Iterable[URIRef] | None = None) -> None:
        """Write one named graph after another (default: all) to ``path`` as N-Triples."""
        names = list(graphs) if graphs is not None else self.graph_names()
        with path.open("w", encoding="utf-8") as out:
            for name in names:
                for triple in self.triples(name):
                    out.write(nt_line(triple) + "\n")

    def generation(self) -> str | None:
        """An identifier that changes whenever the store's content changes, for caches kept
        beside a persistent store; None where no such cache is kept."""
        return None

    def cache_dir(self) -> Path | None:
        """Where results derived from this store may be cached; None: nowhere."""
        return None

    def close(self) -> None:
        """Release the store's resources."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def nt_line(triple: Triple) -> str:
    """A triple as one line of N-Triples (strings escaped: no raw line breaks)."""
    s, p, o = triple
    return f"{ntriples(s)} {ntriples(p)} {ntriples(o)} ."
