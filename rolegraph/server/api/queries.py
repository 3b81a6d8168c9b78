"""The routes of the named queries and of validation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.responses import Response
from rdflib import URIRef

from rolegraph.api import RoleGraph
from rolegraph.errors import QueryError, UnknownNameError
from rolegraph.server.api.common import (
    _answer,
    _json,
    _state,
    router,
)
from rolegraph.server.formats import dump_json
from rolegraph.server.problems import HttpProblem

# -- named queries -------------------------------------------------------------------------------


def _query_header(query: Any) -> dict[str, Any]:
    return {
        "name": query.name,
        "title": query.title,
        "question": query.question,
        "kind": query.kind,
        "returns": query.returns,
        "parameters": [
            {
                "name": p.name,
                "kind": p.kind,
                "description": p.description,
                "required": p.required,
            }
            for p in query.parameters
        ],
        "example": dict(query.example),
    }


@router.get("/queries", summary="The named queries", tags=["queries"])
async def queries(request: Request) -> Response:
    """Each named query's name, title, question, parameters and what it returns."""
    from rolegraph.queries import load_queries

    return await _answer(request, lambda graph: [_query_header(q) for q in load_queries().values()])


def _resolver(graph: RoleGraph) -> Callable[[str], URIRef]:
    def resolve(name: str) -> URIRef:
        try:
            return graph.resolve_role(name)
        except UnknownNameError as role_error:
            try:
                return graph.resolve_skill(name)
            except UnknownNameError:
                raise role_error from None

    return resolve


def _run_named(graph: RoleGraph, name: str, values: dict[str, str]) -> dict[str, Any]:
    from rolegraph.queries import bind_values, get_query

    query = get_query(name)
    bindings = bind_values(query, values, resolve_iri=_resolver(graph))
    result = graph.query(query.name, bindings)
    if result.type != "SELECT":
        raise QueryError(f"query {name!r} is a {result.type} query; run its text at /sparql")
    rows = [
        {var: _plain(value) for var, value in zip(result.variables, row) if value is not None}
        for row in result.rows
    ]
    return {"query": query.name, "title": query.title, "variables": result.variables, "rows": rows}


def _plain(value: Any) -> Any:
    from rdflib import Literal

    if isinstance(value, Literal):
        converted = value.toPython()
        if isinstance(converted, (bool, int, float, str)):
            return converted
        return str(value)
    return str(value)


@router.get(
    "/queries/{name}",
    summary="Run a named query",
    tags=["queries"],
    description="Bind the query's parameters with query parameters of the same name "
    "(e.g. `/api/queries/skill-gap?from=Account%20Manager&to=Project%20Manager`); role and "
    "skill names resolve as on the command line.",
)
async def run_named_query(
    request: Request, name: Annotated[str, Path(min_length=1, max_length=100)]
) -> Response:
    values: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in values:
            raise HttpProblem(400, f"parameter {key!r} is given more than once")
        values[key] = value
    return await _answer(request, lambda graph: _run_named(graph, name, values))


# -- validation ----------------------------------------------------------------------------------


@router.get("/validate", summary="Validate the data against the SHACL shapes", tags=["validate"])
async def validate(
    request: Request,
    graph: Annotated[
        str | None,
        Query(max_length=300, description="One named graph only (e.g. article, esco-1.1.1)."),
    ] = None,
) -> Response:
    """As ``rolegraph validate --format json``: ``conforms`` and each result. Validation of a
    large store may take longer than the time limit: it goes on, and a later request gets it."""
    state = _state(request)
    current = state.graph
    if graph is not None:
        names = await state.api(_graph_names, current)
        if graph not in names:
            known = sorted(n for n in names if "/" not in n)
            raise HttpProblem(404, f"no graph {graph!r} in the store", extra={"graphs": known})
    report = await state.shared(("validate", graph), lambda: current.validate(graph))
    return _json(dump_json(report.to_dict()))


#: Media types of RDF a client may POST to /api/validate, with their parser formats.
RDF_UPLOADS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
}


def _validate_upload(graph: RoleGraph, body: bytes, rdf_format: str) -> dict[str, Any]:
    return graph.validate_data(body, rdf_format).to_dict()


@router.post(
    "/validate",
    summary="Validate RDF sent in the body against the SHACL shapes",
    tags=["validate"],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "string"}} for media in RDF_UPLOADS},
        }
    },
)
async def validate_upload(request: Request) -> Response:
    """As ``rolegraph validate FILE --format json``: the data is validated on its own, with the
    ontology beside it. Send Turtle, N-Triples, JSON-LD, RDF/XML or TriG."""
    state = _state(request)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in RDF_UPLOADS:
        raise HttpProblem(
            415, f"send RDF as one of: {', '.join(RDF_UPLOADS)} (not {media or 'nothing'!r})"
        )
    body = await request.body()
    current = state.graph
    data = await state.api(_validate_upload, current, body, RDF_UPLOADS[media])
    return _json(dump_json(data))


def _graph_names(graph: RoleGraph) -> set[str]:
    from rolegraph.vocab import GRAPH

    names = set()
    for iri in graph.store.graph_names():
        text = str(iri)
        names.add(text)
        names.add(text.removeprefix(str(GRAPH)))
    return names
