"""A remote SPARQL 1.1 server (Fuseki, GraphDB, Virtuoso...): queries and updates over the SPARQL
protocol, graphs replaced through the Graph Store protocol, credentials never shown."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from rolegraph.errors import QueryError, QueryTimeoutError, StoreError
from rolegraph.load import Triple
from rolegraph.redact import add_secret, redact
from rolegraph.results import QueryResult
from rolegraph.store.base import Store, nt_line
from rolegraph.store.binding import bind_in_text
from rolegraph.terms import from_ox, typed_literal
from rolegraph.vocab import GRAPH, bind_prefixes

_STAGING = str(GRAPH["staging/"])


@dataclass(frozen=True)
class RemoteSettings:
    """How to reach a SPARQL 1.1 server: query, update and graph store URLs, credentials."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0

    @classmethod
    def from_env(cls, query_url: str) -> RemoteSettings:
        """Settings for ``query_url``, completed from ROLEGRAPH_UPDATE_URL, ROLEGRAPH_GSP_URL,
        ROLEGRAPH_USER, ROLEGRAPH_PASSWORD and ROLEGRAPH_TIMEOUT."""
        return cls(
            query_url=query_url,
            update_url=os.environ.get("ROLEGRAPH_UPDATE_URL") or None,
            graph_store_url=os.environ.get("ROLEGRAPH_GSP_URL") or None,
            user=os.environ.get("ROLEGRAPH_USER") or None,
            password=os.environ.get("ROLEGRAPH_PASSWORD") or None,
            timeout=float(os.environ.get("ROLEGRAPH_TIMEOUT", "60")),
        )


class RemoteStore(Store):
    """A SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, ...), reached over HTTP."""

    engine = "sparql"

    def __init__(self, settings: RemoteSettings) -> None:
        import httpx

        self.settings = settings
        for secret in _url_secrets(settings):
            add_secret(secret)
        auth = (settings.user, settings.password or "") if settings.user else None
        self._client = httpx.Client(timeout=settings.timeout, auth=auth, follow_redirects=True)
        self._httpx = httpx

    def _post(self, url: str, **kwargs: Any) -> Any:
        httpx = self._httpx
        shown = redact(url)
        try:
            response = self._client.post(url, **kwargs)
        except httpx.TimeoutException as error:
            raise QueryTimeoutError(
                f"the SPARQL server at {shown} did not answer in time"
            ) from error
        except httpx.HTTPError as error:
            raise StoreError(
                f"cannot reach the SPARQL server at {shown}: {redact(str(error))}"
            ) from error
        if response.status_code == 400:
            raise QueryError(
                f"the SPARQL server rejected the request: {redact(response.text.strip()[:500])}"
            )
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL server at {shown} answered {response.status_code}: "
                f"{redact(response.text.strip()[:500])}"
            )
        return response

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        sparql = bind_in_text(sparql, bindings or {})
        response = self._post(
            self.settings.query_url,
            data={"query": sparql},
            headers={
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
        )
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if media_type in ("application/sparql-results+json", "application/json"):
            return _from_sparql_json(response.json())
        # Parsed by Oxigraph and converted as every store converts its terms, so the triples
        # equal those an embedded store gives (literal forms included).
        graph = bind_prefixes(Graph())
        rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        try:
            for quad in ox.parse(response.content, format=rdf_format):
                graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
        except SyntaxError as error:
            raise StoreError(f"the SPARQL server sent malformed {media_type}: {error}") from error
        return QueryResult("CONSTRUCT", graph=graph)

    def update(self, sparql: str) -> None:
        url = self.settings.update_url
        if not url:
            raise StoreError("this SPARQL server has no update URL (set ROLEGRAPH_UPDATE_URL)")
        self._post(url, data={"update": sparql})

    def replace_graph(
        self, graph_iri: URIRef, triples: Iterable[Triple], *, checked_iris: bool = False
    ) -> int:
        # Stage into a temporary graph, then MOVE: the old graph stays whole if the load fails.
        staging = f"{_STAGING}remote"
        self.update(f"DROP SILENT GRAPH <{staging}>")
        try:
            if self.settings.graph_store_url:
                count = self._stream_to(staging, triples)
            else:
                count = 0
                batch: list[str] = []
                for triple in triples:
                    batch.append(nt_line(triple))
                    if len(batch) >= 10_000:
                        self.update(_insert_data(staging, batch))
                        count += len(batch)
                        batch = []
                if batch:
                    self.update(_insert_data(staging, batch))
                    count += len(batch)
        except BaseException:
            # Queries see the union of all graphs: leave no half-filled staging graph behind.
            with contextlib.suppress(Exception):
                self.update(f"DROP SILENT GRAPH <{staging}>")
            raise
        self.update(f"MOVE SILENT GRAPH <{staging}> TO <{graph_iri}>")
        return count

    def _stream_to(self, graph_iri: str, triples: Iterable[Triple]) -> int:
        """POST every triple as one N-Triples document (the graph store protocol), streamed:
        a blank node keeps its identity across the whole graph, as it would not across several
        requests."""
        count = 0

        def body() -> Iterator[bytes]:
            nonlocal count
            lines: list[str] = []
            for triple in triples:
                lines.append(nt_line(triple))
                if len(lines) >= 2_000:
                    count += len(lines)
                    yield ("\n".join(lines) + "\n").encode("utf-8")
                    lines = []
            count += len(lines)
            yield ("\n".join(lines) + "\n").encode("utf-8")

        assert self.settings.graph_store_url is not None
        self._post(
            self.settings.graph_store_url,
            params={"graph": graph_iri},
            content=body(),
            headers={"Content-Type": "application/n-triples"},
        )
        return count

    def graph_names(self) -> list[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(g for g in result.column("g") if isinstance(g, URIRef))

    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        assert result.graph is not None
        yield from result.graph.triples((None, None, None))

    def close(self) -> None:
        self._client.close()


def _url_secrets(settings: RemoteSettings) -> list[str]:
    """The password and the user information written into the settings' URLs."""
    found = [settings.password or ""]
    for url in (settings.query_url, settings.update_url, settings.graph_store_url):
        if url:
            userinfo = urlsplit(url).netloc.rpartition("@")[0]
            found += [userinfo, userinfo.partition(":")[2]]
    return [value for value in found if value]


def _insert_data(graph_iri: str, lines: list[str]) -> str:
    body = "\n".join(lines)
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"


def _from_sparql_json(data: dict[str, Any]) -> QueryResult:
    if "boolean" in data:
        return QueryResult("ASK", boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        rows.append(tuple(_from_json_term(binding.get(name)) for name in variables))
    return QueryResult("SELECT", variables=variables, rows=rows)


def _from_json_term(term: dict[str, str] | None) -> Node | None:
    if term is None:
        return None
    kind = term["type"]
    if kind == "uri":
        return URIRef(term["value"])
    if kind == "bnode":
        return BNode(term["value"])
    if "xml:lang" in term:
        return RdfLiteral(term["value"], lang=term["xml:lang"])
    datatype = term.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return typed_literal(term["value"], datatype)
    return RdfLiteral(term["value"])
