"""Rolegraph IRIs dereference: ``/id/...`` describes ``https://w3id.org/rolegraph/id/...``,
``/ns`` serves the vocabulary and ``/context.jsonld`` the JSON-LD context.

A description holds the IRI's own triples, the labels of what it links to, and (up to a limit)
the triples that point at it, as Turtle, JSON-LD, N-Triples, RDF/XML or HTML by content
negotiation (or ``?format=``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import Graph

from rolegraph.export import jsonld_context, serialize
from rolegraph.load import ONTOLOGY_GRAPH, ontology_graph
from rolegraph.resources import ontology_paths
from rolegraph.server.formats import dump_json
from rolegraph.server.html import describe_page, vocabulary_page
from rolegraph.server.negotiation import GRAPH_FORMAT_NAMES, GRAPH_OFFERS, choose
from rolegraph.server.problems import HttpProblem
from rolegraph.server.state import ServerState
from rolegraph.vocab import ID, bind_prefixes

router = APIRouter(tags=["linked data"])

#: How many triples pointing at an IRI a description includes.
INCOMING_LIMIT = 200

_IRI_PATH = re.compile(r"[^<>\"{}|^`\\\x00-\x20]+")

#: The one query kept outside ``queries/``: the IRI (checked against ``_IRI_PATH``) is written
#: into the text, as a bound variable does not reach the limited subquery on every engine.
_DESCRIBE = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT {{ <{iri}> ?p ?o . ?o ?lp ?label . ?s ?q <{iri}> . ?s ?sp ?slabel . }}
WHERE {{
  {{ <{iri}> ?p ?o
     OPTIONAL {{ VALUES ?lp {{ skos:prefLabel rdfs:label }} ?o ?lp ?label }} }}
  UNION
  {{ {{ SELECT ?s ?q WHERE {{ ?s ?q <{iri}> }} ORDER BY ?s ?q LIMIT {limit} }}
     OPTIONAL {{ VALUES ?sp {{ skos:prefLabel rdfs:label }} ?s ?sp ?slabel }} }}
}}"""

_HTML_OFFERS = (("text/html", "html"), *GRAPH_OFFERS)


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.rolegraph
    return state


def _choose(request: Request, fmt: str | None) -> tuple[str, str]:
    """The (media type, format) to answer with: ``?format=`` first, then the Accept header."""
    if fmt is not None:
        name = fmt.strip().lower()
        if name == "html":
            return "text/html", "html"
        media = GRAPH_FORMAT_NAMES.get(name)
        if media is None:
            known = ", ".join(["html", *sorted(GRAPH_FORMAT_NAMES)])
            raise HttpProblem(400, f"unknown format {fmt!r}; choose one of: {known}")
        chosen = choose(media, GRAPH_OFFERS)
        assert chosen is not None
        return chosen
    accept = request.headers.get("accept")
    offers = _HTML_OFFERS if accept and "text/html" in accept else GRAPH_OFFERS
    chosen = choose(accept, offers)
    if chosen is None:
        media = ", ".join(m for m, _ in _HTML_OFFERS[:5])
        raise HttpProblem(406, f"this resource is available as: {media}")
    return chosen


def _alternates(path: str) -> dict[str, str]:
    return {
        "text/turtle": f"{path}?format=turtle",
        "application/ld+json": f"{path}?format=json-ld",
        "application/n-triples": f"{path}?format=nt",
    }


#: Pages made here load nothing and run nothing: only their own inline style.
_HTML_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
}


def _respond(media: str, data: bytes | str) -> Response:
    body = data.encode("utf-8") if isinstance(data, str) else data
    headers = {"Vary": "Accept"}
    if media == "text/html":
        headers.update(_HTML_HEADERS)
    if media.startswith("text/") or media == "application/n-triples":
        media = f"{media}; charset=utf-8"
    return Response(body, media_type=media, headers=headers)


Format = Annotated[
    str | None, Query(max_length=20, description="turtle, json-ld, nt, xml or html.")
]


@router.get("/id/{path:path}", summary="Describe a rolegraph IRI")
async def describe(
    request: Request,
    path: Annotated[str, Path(max_length=1000)],
    format: Format = None,
) -> Response:
    """The description of ``https://w3id.org/rolegraph/id/{path}``. A browser asking for HTML
    about a role is sent to the role's web page when the web page is served."""
    media, name = _choose(request, format)
    if not _IRI_PATH.fullmatch(path):
        raise HttpProblem(404, f"no such resource: /id/{path}")
    iri = f"{ID}{path}"
    state = _state(request)
    if name == "html":
        page_for: Callable[[str], str | None] | None = getattr(request.app.state, "page_for", None)
        target = page_for(iri) if page_for is not None else None
        if target:
            return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
    key = ("describe", iri, name)
    hit = state.cached(key)
    if hit is not None:
        return _respond(media, hit)
    generation = state.generation
    query = _DESCRIBE.format(iri=iri, limit=INCOMING_LIMIT)
    store = state.store
    alternates = _alternates(request.url.path)

    def run() -> bytes | None:
        result = store.query(query)
        graph = result.graph if result.graph is not None else Graph()
        if len(graph) == 0:
            return None
        bind_prefixes(graph)
        if name == "html":
            return describe_page(iri, graph, alternates).encode("utf-8")
        return serialize(graph, name)

    data = await state.api(run)
    if data is None:
        raise HttpProblem(404, f"the graph says nothing about <{iri}>")
    state.remember(key, data, generation)
    return _respond(media, data)


def _vocabulary(name: str, state: ServerState, path: str) -> bytes:
    files = ontology_paths()
    if name == "turtle" and len(files) == 1:
        return files[0].read_bytes()
    store = state.store
    graph = store.to_graph(ONTOLOGY_GRAPH) if ONTOLOGY_GRAPH in store.graph_names() else None
    if graph is None or len(graph) == 0:
        graph = ontology_graph()
    if name == "html":
        return vocabulary_page(graph, _alternates(path)).encode("utf-8")
    return serialize(graph, name)


@router.get("/ns", summary="The rolegraph vocabulary (OWL)")
async def vocabulary(request: Request, format: Format = None) -> Response:
    """The ontology of ``https://w3id.org/rolegraph/ns#`` as Turtle, JSON-LD, N-Triples, RDF/XML
    or an HTML list of its terms."""
    media, name = _choose(request, format)
    state = _state(request)
    key = ("vocabulary", name)
    data: bytes | None = state.cached(key)
    if data is None:
        generation = state.generation
        data = await state.api(_vocabulary, name, state, request.url.path)
        state.remember(key, data, generation)
    return _respond(media, data)


@router.get("/context.jsonld", summary="The rolegraph JSON-LD context")
async def context() -> Response:
    """The ``@context`` that compacts rolegraph JSON-LD (prefixes and term definitions)."""
    return Response(dump_json({"@context": jsonld_context()}), media_type="application/ld+json")
