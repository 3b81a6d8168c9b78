"""The store-level face of a role graph: SPARQL and named queries, the data as rdflib graphs,
validation, export, the data-quality checks and fetching official releases.

:class:`GraphData` is the base of :class:`rolegraph.api.RoleGraph`, which adds names, role
descriptions and the analyses; it works on its ``store`` alone and keeps nothing.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.term import Node

from rolegraph.errors import InputError
from rolegraph.export import export, serialize
from rolegraph.load import ONTOLOGY_GRAPH, ontology_graph
from rolegraph.results import QueryResult
from rolegraph.store import Store
from rolegraph.vocab import GRAPH, bind_prefixes

if TYPE_CHECKING:
    from rolegraph.download import Downloaded
    from rolegraph.queries import NamedQuery
    from rolegraph.validate import ValidationReport


class GraphData:
    """Queries, validation and export over one store."""

    store: Store

    def query(
        self, query: NamedQuery | str, bindings: Mapping[str, Node] | None = None
    ) -> QueryResult:
        """Run a named query (itself, or by name) or a SPARQL query text, with parameters bound
        as terms."""
        from rolegraph.queries import get_query, run_query

        if isinstance(query, str) and "{" not in query and "\n" not in query:
            return run_query(self.store, get_query(query), bindings)
        return run_query(self.store, query, bindings)

    def sparql(self, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run the text of a SPARQL query (never taken for a query's name), adding the rolegraph
        prefixes it uses, with variables bound as terms."""
        from rolegraph.queries import run_sparql

        return run_sparql(self.store, text, bindings)

    def data_graph(self, graph_name: str | None = None) -> Graph:
        """The data (everything but the ontology), or one named graph, as an rdflib graph."""
        if graph_name is not None:
            return self.store.to_graph(self._graph_iri(graph_name))
        data = bind_prefixes(Graph())
        for name in self.store.graph_names():
            if name != ONTOLOGY_GRAPH:
                for triple in self.store.triples(name):
                    data.add(triple)
        return data

    def ontology(self) -> Graph:
        """The ontology in the store, else the packaged one."""
        if ONTOLOGY_GRAPH in self.store.graph_names():
            return self.store.to_graph(ONTOLOGY_GRAPH)
        return ontology_graph()

    def validate(
        self, graph_name: str | None = None, *, engine: str | None = None
    ) -> ValidationReport:
        """Validate the data (or one named graph, with the ontology) against the SHACL shapes.

        With the fast engine the store writes N-Triples straight to a temporary file, so a large
        store is never copied into rdflib; pySHACL (the reference) validates an rdflib copy.
        """
        from rolegraph.validate import default_engine, validate, validate_ntriples

        engine = engine or default_engine()
        if engine != "shacl":
            return validate(self.data_graph(graph_name), ontology=self.ontology(), engine=engine)
        names = self.store.graph_names()
        graphs = names if graph_name is None else [self._graph_iri(graph_name)]
        with tempfile.TemporaryDirectory(prefix="rolegraph-validate-") as folder:
            path = Path(folder) / "data.nt"
            if ONTOLOGY_GRAPH in names:
                self.store.dump_ntriples(path, [ONTOLOGY_GRAPH, *graphs])
            else:
                self.store.dump_ntriples(path, graphs)
                with path.open("ab") as out:
                    out.write(serialize(ontology_graph(), "nt"))
            return validate_ntriples(path)

    def validate_files(
        self, files: Iterable[str | Path], *, engine: str | None = None
    ) -> ValidationReport:
        """Validate RDF files on their own, with the ontology beside them (not the store)."""
        from rolegraph.load import parse_files
        from rolegraph.validate import validate

        return validate(parse_files(list(files)), ontology=ontology_graph(), engine=engine)

    def validate_data(
        self, data: bytes, rdf_format: str, *, engine: str | None = None
    ) -> ValidationReport:
        """Validate RDF sent as bytes (``turtle``, ``nt``, ``json-ld``, ``xml``, ``trig``) on its
        own, with this graph's ontology beside it; the size and depth limits are checked before
        any parser sees it.

        Raises:
            InputError: the data is too large, too deep or malformed.
        """
        import pyoxigraph as ox

        from rolegraph.limits import check_rdf
        from rolegraph.load import INPUT_FORMATS
        from rolegraph.terms import from_ox
        from rolegraph.validate import validate

        check_rdf(data, rdf_format)
        parsed = bind_prefixes(Graph())
        try:
            for quad in ox.parse(data, format=INPUT_FORMATS[rdf_format]):
                parsed.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
        except SyntaxError as error:
            raise InputError(f"malformed {rdf_format}: {error}") from None
        return validate(parsed, ontology=self.ontology(), engine=engine)

    def _graph_iri(self, graph_name: str) -> URIRef:
        iri = URIRef(graph_name) if ":" in graph_name else GRAPH[graph_name]
        if iri not in self.store.graph_names():
            known = ", ".join(str(n).removeprefix(str(GRAPH)) for n in self.store.graph_names())
            raise InputError(f"no graph {graph_name!r} in the store; it has: {known}")
        return iri

    def export(
        self,
        format: str = "turtle",
        *,
        include_ontology: bool = True,
        graph_name: str | None = None,
    ) -> bytes:
        """Serialize the graph (or one named graph): turtle, json-ld, nt, xml, nq or trig."""
        out = io.BytesIO()
        self.export_to(out, format, include_ontology=include_ontology, graph_name=graph_name)
        return out.getvalue()

    def export_to(
        self,
        out: IO[bytes],
        format: str = "turtle",
        *,
        include_ontology: bool = True,
        graph_name: str | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Write the graph (or one named graph) to ``out``, streamed from an Oxigraph store;
        return the number of triples written. ``progress`` receives counts of triples."""
        return export(
            self.store,
            out,
            format,
            graphs=self.export_graphs(include_ontology, graph_name),
            progress=progress,
        )

    def export_graphs(
        self, include_ontology: bool = True, graph_name: str | None = None
    ) -> list[URIRef]:
        """The named graphs an export writes: one, all, or all but the ontology."""
        if graph_name is not None:
            return [self._graph_iri(graph_name)]
        names = self.store.graph_names()
        return names if include_ontology else [n for n in names if n != ONTOLOGY_GRAPH]

    def check(self) -> dict[str, QueryResult]:
        """Run every data-quality check (the ``*-violation`` queries): a check passes when its
        result has no rows."""
        from rolegraph.queries import run_checks

        return run_checks(self.store)

    @staticmethod
    def download(
        kind: str,
        release: str | None = None,
        *,
        root: str | Path | None = None,
        url: str | None = None,
        sha256: str | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        timeout: float = 60.0,
    ) -> Downloaded:
        """Fetch an official release (``esco``, ``onet``, ``crosswalk``, ``wages``) into the data
        folder and check its size and SHA-256 (:func:`rolegraph.download.download`);
        ``progress`` receives the bytes so far and the total when known."""
        from rolegraph.download import download

        return download(
            kind, release, root=root, url=url, sha256=sha256, progress=progress, timeout=timeout
        )
