"""The SPARQL 1.1 Protocol endpoint at ``/sparql``.

- Queries: GET ``?query=``, POST form (``application/x-www-form-urlencoded``, ``query=``) or POST
  direct (``application/sparql-query``), with optional ``default-graph-uri`` and
  ``named-graph-uri`` (embedded Oxigraph store only).
- Updates: POST form (``update=``) or POST direct (``application/sparql-update``), only when
  the server allows updates, with ``Authorization: Bearer TOKEN``.
- Results by content negotiation (or ``?format=``): SELECT and ASK as SPARQL JSON (default),
  XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default), JSON-LD, N-Triples or RDF/XML.
"""

from __future__ import annotations

import asyncio
import hmac
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rolegraph.server.conditional import conditional_response
from rolegraph.server.engine import QueryRequest
from rolegraph.server.negotiation import (
    GRAPH_FORMAT_NAMES,
    GRAPH_OFFERS,
    TABLE_FORMAT_NAMES,
    TABLE_OFFERS,
    choose,
)
from rolegraph.server.problems import HttpProblem
from rolegraph.server.state import KeptAnswer, ServerState
from rolegraph.server.workers import Deadline
from rolegraph.sparqltext import check_query, check_update

router = APIRouter()

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"

_TEXT_TYPES = ("text/", "application/n-triples")

_EXAMPLE = (
    "PREFIX rg: <https://w3id.org/rolegraph/ns#> "
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "SELECT ?role ?label WHERE { ?role a rg:Role ; skos:prefLabel ?label }"
)

_DESCRIPTION = """SPARQL 1.1 Protocol endpoint over the union of the store's named graphs.

Send a query as `GET ?query=`, as a form (`query=`) or as the POST body with
`Content-Type: application/sparql-query`. Results follow the Accept header (or `?format=`):
SELECT/ASK as `application/sparql-results+json` (default), `+xml`, `text/csv`,
`text/tab-separated-values`; CONSTRUCT/DESCRIBE as `text/turtle` (default),
`application/ld+json`, `application/n-triples`, `application/rdf+xml`.

Errors: 400 malformed query, 406 no acceptable format, 413 request too large, 415 unknown
content type, 422 answer over the row limit, 503 time limit passed or server busy.
Updates (`update=` or `application/sparql-update`) need a server started with updates allowed
and `Authorization: Bearer TOKEN`: 403 when updates are off, 401 without the right token.
"""


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.rolegraph
    return state


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise HttpProblem(400, f"give exactly one '{name}' parameter, not {len(values)}")
    return values[0] if values else None


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpProblem(400, "the request body is not valid UTF-8") from None


def _media_type(value: str) -> str:
    if value.startswith(_TEXT_TYPES):
        return f"{value}; charset=utf-8"
    return value


_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "query",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "example": _EXAMPLE,
    },
    {"name": "default-graph-uri", "in": "query", "schema": {"type": "string"}},
    {"name": "named-graph-uri", "in": "query", "schema": {"type": "string"}},
    {
        "name": "format",
        "in": "query",
        "schema": {"type": "string", "enum": sorted({*TABLE_FORMAT_NAMES, *GRAPH_FORMAT_NAMES})},
    },
]

_RESPONSES: dict[str, Any] = {
    "200": {
        "description": "The answer in the negotiated format.",
        "content": {media: {} for media, _ in (*TABLE_OFFERS[:4], *GRAPH_OFFERS[:4])},
    },
    "204": {"description": "The update was applied."},
}

_BODY: dict[str, Any] = {
    "required": False,
    "content": {
        SPARQL_QUERY: {"schema": {"type": "string"}, "example": _EXAMPLE},
        SPARQL_UPDATE: {"schema": {"type": "string"}},
        FORM: {
            "schema": {
                "type": "object",
                "properties": {
                    name: {"type": "string"}
                    for name in ("query", "update", "default-graph-uri", "named-graph-uri")
                },
            }
        },
    },
}


async def sparql(request: Request) -> Response:
    state = _state(request)
    params: list[tuple[str, str]] = list(request.query_params.multi_items())
    query: str | None = None
    update: str | None = None
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if content_type == FORM:
            try:
                params += parse_qsl(_decode(body), keep_blank_values=True, strict_parsing=False)
            except ValueError as error:
                raise HttpProblem(400, f"malformed form body: {error}") from None
        elif content_type == SPARQL_QUERY:
            query = _decode(body)
        elif content_type == SPARQL_UPDATE:
            update = _decode(body)
        else:
            shown = content_type or "none"
            raise HttpProblem(
                415,
                f"unsupported Content-Type {shown!r}; send {FORM}, {SPARQL_QUERY} "
                f"or {SPARQL_UPDATE}",
            )
    values: dict[str, list[str]] = {}
    for name, value in params:
        values.setdefault(name, []).append(value)
    form_query = _one(values.get("query", []), "query")
    form_update = _one(values.get("update", []), "update")
    if request.method == "GET" and form_update is not None:
        raise HttpProblem(405, "updates must be sent with POST", headers={"Allow": "POST"})
    if query is not None and form_query is not None:
        raise HttpProblem(400, "the query is in both the body and the 'query' parameter")
    query = query if query is not None else form_query
    update = update if update is not None else form_update
    if query is not None and update is not None:
        raise HttpProblem(400, "send either a query or an update, not both")
    if update is not None:
        return await _update(request, state, update)
    if query is None:
        raise HttpProblem(
            400,
            "missing 'query' parameter: send GET /sparql?query=..., a form with query=..., "
            f"or a POST body of type {SPARQL_QUERY}",
        )
    default_graphs = values.get("default-graph-uri")
    named_graphs = values.get("named-graph-uri")
    fmt = _one(values.get("format", []), "format")
    return await _query(request, state, query, default_graphs, named_graphs, fmt)


async def _query(
    request: Request,
    state: ServerState,
    text: str,
    default_graphs: list[str] | None,
    named_graphs: list[str] | None,
    fmt: str | None,
) -> Response:
    shape = check_query(text, allow_service=state.settings.allow_service)
    accept = request.headers.get("accept")
    table_offer, graph_offer = _negotiate(accept, fmt)
    if shape.form is not None and (graph_offer if shape.is_graph else table_offer) is None:
        raise _not_acceptable(shape.is_graph)
    graphs = (tuple(default_graphs or ()), tuple(named_graphs or ()))
    key = ("sparql", text, graphs, table_offer, graph_offer)
    kept = state.cached(key) if state.keeps_sparql else None
    if kept is not None:
        body, media_type = kept
        return _answered(request, state, body, media_type)
    generation = state.generation
    deadline = state.deadline()
    ask = QueryRequest(
        text, default_graphs, named_graphs, table_offer, graph_offer, state.settings.query_timeout
    )
    processes = state.query_processes
    if processes is not None:
        reply = await state.query_pool.run(
            processes.call, ask, deadline.at, deadline.message(), deadline=deadline
        )
    else:
        reply = await state.query_pool.run(state.engine.answer, ask, deadline=deadline)
    if reply.unacceptable is not None:
        raise _not_acceptable(reply.unacceptable)
    if reply.status != 200 or reply.media_type is None:
        raise HttpProblem(reply.status, str(reply.body), headers=dict(reply.headers))
    body = reply.body if isinstance(reply.body, bytes) else reply.body.encode("utf-8")
    media_type = _media_type(reply.media_type)
    if state.keeps_sparql:
        state.remember(key, KeptAnswer(body, media_type), generation)
    return _answered(request, state, body, media_type)


def _answered(request: Request, state: ServerState, body: bytes, media_type: str) -> Response:
    return conditional_response(
        request.method, request.headers, body, media_type, state.modified, {"Vary": "Accept"}
    )


def _negotiate(
    accept: str | None, fmt: str | None
) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    if fmt is not None:
        name = fmt.strip().lower()
        table_media = TABLE_FORMAT_NAMES.get(name)
        graph_media = GRAPH_FORMAT_NAMES.get(name)
        if table_media is None and graph_media is None:
            known = ", ".join(sorted({*TABLE_FORMAT_NAMES, *GRAPH_FORMAT_NAMES}))
            raise HttpProblem(400, f"unknown format {fmt!r}; choose one of: {known}")
        return choose(table_media, TABLE_OFFERS) if table_media else None, (
            choose(graph_media, GRAPH_OFFERS) if graph_media else None
        )
    return choose(accept, TABLE_OFFERS), choose(accept, GRAPH_OFFERS)


def _not_acceptable(graph: bool) -> HttpProblem:
    offers = GRAPH_OFFERS if graph else TABLE_OFFERS
    kind = "graph (CONSTRUCT/DESCRIBE)" if graph else "result (SELECT/ASK)"
    media = ", ".join(sorted({m for m, _ in offers}))
    return HttpProblem(
        406, f"none of the accepted media types fits this {kind}; use one of: {media}"
    )


async def _update(request: Request, state: ServerState, text: str) -> Response:
    settings = state.settings
    if not settings.allow_updates or not settings.token:
        raise HttpProblem(403, "updates are disabled on this server")
    header = request.headers.get("authorization", "")
    scheme, _, presented = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        presented.strip().encode(), settings.token.encode()
    ):
        raise HttpProblem(
            401,
            "updates need the server's token: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": 'Bearer realm="rolegraph"'},
        )
    check_update(text, allow_service=settings.allow_service)
    # Updates are not cut short: stopping one half-way is worse than letting it finish.
    deadline = Deadline(max(settings.query_timeout, 3600.0))
    try:
        await state.query_pool.run(state.engine.update, text, deadline=deadline)
    finally:
        await asyncio.to_thread(state.store_updated, text)
    return Response(status_code=204)


router.add_api_route(
    "/sparql",
    sparql,
    methods=["GET"],
    operation_id="sparql_query",
    summary="SPARQL 1.1 query",
    description=_DESCRIPTION,
    tags=["sparql"],
    openapi_extra={"parameters": _PARAMETERS, "responses": _RESPONSES},
)
router.add_api_route(
    "/sparql",
    sparql,
    methods=["POST"],
    operation_id="sparql_query_or_update",
    summary="SPARQL 1.1 query (form or direct body) or update",
    description=_DESCRIPTION,
    tags=["sparql"],
    openapi_extra={"parameters": _PARAMETERS, "requestBody": _BODY, "responses": _RESPONSES},
)


async def _not_allowed() -> Response:
    raise HttpProblem(405, "use GET or POST", headers={"Allow": "GET, POST"})


router.add_api_route(
    "/sparql",
    _not_allowed,
    methods=["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"],
    include_in_schema=False,
)
