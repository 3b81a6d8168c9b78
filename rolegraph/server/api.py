"""The JSON API: the operations of the command line over HTTP, under ``/api``.

Every answer is the JSON the command gives with ``--format json``. Names of roles and skills are
resolved as on the command line (label, alternative label, code or IRI); an unknown name answers
404 with the closest names in ``suggestions``. Answers are cached until the store changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from rdflib import URIRef

from rolegraph import __version__
from rolegraph.api import (
    FitOptions,
    Measure,
    NextOptions,
    Ranking,
    RoleGraph,
    RouteOptions,
    SimilarOptions,
    TransferableOptions,
    to_json,
)
from rolegraph.errors import QueryError, RolegraphError, UnknownNameError
from rolegraph.redact import redact
from rolegraph.server.conditional import conditional_response
from rolegraph.server.formats import dump_json
from rolegraph.server.problems import HttpProblem
from rolegraph.server.state import ServerState
from rolegraph.store import RemoteStore

router = APIRouter(prefix="/api")

JSON = "application/json"

Name = Annotated[str, Query(min_length=1, max_length=500)]
SearchText = Annotated[str, Query(min_length=1, max_length=200, description="What to look for.")]
Limit = Annotated[int, Query(ge=1, le=100, description="The most answers to give.")]


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.rolegraph
    return state


def _json(data: bytes, status: int = 200) -> Response:
    return Response(data, status_code=status, media_type=JSON)


async def _answer(
    request: Request, work: Callable[[RoleGraph], Any], *, cache: bool = True
) -> Response:
    """Run ``work`` on the current role graph in an API worker and answer its JSON, cached per
    generation of the store under the request's path and parameters, with validators for
    conditional requests."""
    state = _state(request)
    key: Hashable = ("api", request.url.path, tuple(sorted(request.query_params.multi_items())))
    if cache:
        hit = state.cached(key)
        if hit is not None:
            return _validated(request, state, hit)
    generation = state.generation
    graph = state.graph

    def run() -> bytes:
        return dump_json(work(graph))

    data = await state.api(run)
    if cache:
        state.remember(key, data, generation)
    return _validated(request, state, data)


def _validated(request: Request, state: ServerState, data: bytes) -> Response:
    return conditional_response(request.method, request.headers, data, JSON, state.modified)


# -- status --------------------------------------------------------------------------------------


@router.get("/health", summary="Whether the server and its store answer", tags=["status"])
async def health(request: Request) -> Response:
    """Status, store engine, triple count and version; 503 when the store does not answer."""
    state = _state(request)
    remote = isinstance(state.raw_store, RemoteStore)

    def run() -> dict[str, Any]:
        store = state.store
        if remote:
            store.query("ASK { }")
        key = ("health", "triples")
        count = state.cached(key)
        if count is None:
            generation = state.generation
            count = store.count()
            state.remember(key, count, generation)
        return {
            "status": "ok",
            "engine": state.raw_store.engine,
            "triples": count,
            "version": __version__,
            "updates": state.settings.allow_updates,
        }

    try:
        # Once the triples are counted, a local store's health is answered here at once: it
        # needs no store access, and a client polling it never waits behind slower work.
        if state.cached(("health", "triples")) is not None and not remote:
            data = run()
        else:
            data = await state.api(run)
    except RolegraphError as error:
        body = {"status": "unavailable", "error": redact(str(error)), "version": __version__}
        return _json(dump_json(body), status=503)
    return _json(dump_json(data))


# -- roles and skills ----------------------------------------------------------------------------


@router.get("/roles", summary="Every role, sorted by label", tags=["roles"])
async def roles(request: Request) -> Response:
    """As ``rolegraph roles --format json``: IRI, label, skill count and codes of each role."""
    return await _answer(request, lambda graph: [s.to_dict() for s in graph.roles()])


def _describe(graph: RoleGraph, name: str, where: str | None = None) -> dict[str, Any]:
    from rolegraph.render_role import role_json

    return role_json(graph.role(name), where)


def _places() -> dict[str, str]:
    """The places salaries are given for: the United States and its states, by ISO code."""
    return RoleGraph.places()


def place_code(where: str | None) -> str | None:
    """The ISO 3166 code a ``where`` parameter names ("US-CA", "ca", "California",
    "national"); None for none given. An unknown place is a 404 naming the closest ones."""
    if where is None or not where.strip():
        return None
    text = where.strip()
    places = _places()
    if text.casefold() in ("national", "us", "usa", "united states"):
        return "US"
    for code, name in places.items():
        if text.upper() in (code, code.removeprefix("US-")) or text.casefold() == name.casefold():
            return code
    from rapidfuzz import process

    near = process.extract(text, {c: f"{n} ({c})" for c, n in places.items()}, limit=3)
    suggestions = [choice for choice, score, _ in near if score >= 60]
    raise HttpProblem(
        404,
        f"unknown place {text!r}: give US (national) or a US state, such as US-CA",
        extra={"kind": "place", "name": text, "suggestions": suggestions},
    )


Where = Annotated[
    str | None,
    Query(
        max_length=40,
        description="A place (US, or a state: US-CA, CA, California): only its salary figures "
        "(the national ones when it has none, with `salary_is_national`).",
    ),
]


@router.get("/role", summary="Everything known about one role", tags=["roles"])
async def role(
    request: Request,
    id: Annotated[str, Query(min_length=1, max_length=500, description="Label, code or IRI.")],
    where: Where = None,
) -> Response:
    """As ``rolegraph show ROLE --format json``. Unknown names answer 404 with suggestions."""
    code = place_code(where)
    return await _answer(request, lambda graph: _describe(graph, id, code))


@router.get("/roles/{name:path}", summary="Everything known about one role", tags=["roles"])
async def role_by_path(
    request: Request,
    name: Annotated[str, Path(min_length=1, max_length=500, description="Label, code or IRI.")],
    where: Where = None,
) -> Response:
    """The same as ``/api/role?id=NAME``."""
    code = place_code(where)
    return await _answer(request, lambda graph: _describe(graph, name, code))


def _search(
    graph: RoleGraph, kind: str, text: str, limit: int, nearest: bool = False
) -> list[dict[str, Any]]:
    return graph.search(text, kind=kind, limit=limit, nearest=nearest)


Nearest = Annotated[
    bool,
    Query(description="When nothing matches, answer the nearest names, marked `nearest`."),
]


@router.get("/search", summary="Roles whose names match, typos forgiven", tags=["roles"])
async def search(
    request: Request, q: SearchText, limit: Limit = 10, nearest: Nearest = False
) -> Response:
    """Roles whose labels, alternative titles or codes match (score 0-100), one per occupation:
    ``source`` names its classification, ``also`` the same occupation in others, ``matched``
    the other title that matched. An empty list: no role matches."""
    return await _answer(request, lambda graph: _search(graph, "role", q, limit, nearest))


@router.get("/skills/search", summary="Skills whose names match, typos forgiven", tags=["skills"])
async def search_skills(
    request: Request, q: SearchText, limit: Limit = 10, nearest: Nearest = False
) -> Response:
    """Labels and alternative labels of skills, ranked by match (score 0-100)."""
    return await _answer(request, lambda graph: _search(graph, "skill", q, limit, nearest))


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


# -- analysis ------------------------------------------------------------------------------------

Scheme = Annotated[
    Literal["esco", "onet", "rolegraph"] | None,
    Query(description="Only roles of this classification."),
]
Top = Annotated[int, Query(ge=1, le=100, description="The most answers to give.")]
Threshold = Annotated[
    float,
    Query(ge=0.0, le=1.0, description="Least similarity for a lateral move no source states."),
]
MaxRise = Annotated[
    int, Query(ge=0, le=4, description="Most job zones a move no source states may rise.")
]
MinPayRatio = Annotated[
    float, Query(ge=0.0, le=10.0, description="Least share of the pay a move keeps (0: any).")
]
Neighbours = Annotated[int, Query(ge=0, le=100, description="Lateral moves considered per role.")]


@router.get("/compare", summary="Compare two roles", tags=["analysis"])
async def compare(request: Request, a: Name, b: Name) -> Response:
    """As ``rolegraph compare A B --format json``: shared skills, what only each needs, focus,
    scope, communication, collaborators, qualifications and pay."""

    def work(graph: RoleGraph) -> Any:
        return to_json(graph.compare(a, b))

    return await _answer(request, work)


@router.get("/route", summary="Routes from one role to another", tags=["analysis"])
async def route(
    request: Request,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=500)],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=500)],
    k: Annotated[int, Query(ge=1, le=20, description="How many routes.")] = RouteOptions.k,
    max_steps: Annotated[
        int, Query(ge=1, le=8, description="The most moves a route has.")
    ] = RouteOptions.max_steps,
    promotions_only: bool = False,
    threshold: Threshold = RouteOptions.threshold,
    neighbours: Neighbours = RouteOptions.neighbours,
    scheme: Scheme = None,
    max_rise: MaxRise = RouteOptions.max_rise,
    min_pay_ratio: MinPayRatio = RouteOptions.min_pay_ratio,
    where: Where = None,
) -> Response:
    """As ``rolegraph route FROM TO --format json``: the best routes, each step explained (kind,
    overlap, job zone, pay for ``where``, skills to gain, barrier); or the closest role within
    reach and the gap."""
    code = place_code(where)

    def work(graph: RoleGraph) -> Any:
        options = RouteOptions(
            k=k,
            max_steps=max_steps,
            promotions_only=promotions_only,
            threshold=threshold,
            scheme=scheme,
            neighbours=neighbours,
            max_rise=max_rise,
            min_pay_ratio=min_pay_ratio,
            where=code,
        )
        return to_json(graph.routes(source, target, options=options))

    return await _answer(request, work)


@router.get("/next", summary="Where a role can go next", tags=["analysis"])
async def next_moves(
    request: Request,
    role: Name,
    depth: Annotated[
        int, Query(ge=1, le=4, description="The most moves away.")
    ] = NextOptions.depth,
    top: Top = NextOptions.top,
    promotions_only: bool = False,
    threshold: Threshold = RouteOptions.threshold,
    neighbours: Neighbours = RouteOptions.neighbours,
    scheme: Scheme = None,
    max_rise: MaxRise = RouteOptions.max_rise,
    min_pay_ratio: MinPayRatio = RouteOptions.min_pay_ratio,
    where: Where = None,
) -> Response:
    """As ``rolegraph next ROLE --format json``: the nearest roles, best first."""
    code = place_code(where)

    def work(graph: RoleGraph) -> Any:
        options = NextOptions(
            depth=depth,
            top=top,
            promotions_only=promotions_only,
            threshold=threshold,
            scheme=scheme,
            neighbours=neighbours,
            max_rise=max_rise,
            min_pay_ratio=min_pay_ratio,
            where=code,
        )
        return to_json(graph.next_moves(role, options=options))

    return await _answer(request, work)


@router.get("/fit", summary="The roles that fit a set of skills", tags=["analysis"])
async def fit(
    request: Request,
    skill: Annotated[
        list[str], Query(min_length=1, max_length=100, description="A skill (repeatable).")
    ],
    top: Top = 10,
    scheme: Scheme = None,
) -> Response:
    """As ``rolegraph fit SKILL... --format json``: roles ranked by how well the skills cover
    them, with the skills matched and missing."""
    for name in skill:
        if not name.strip() or len(name) > 500:
            raise HttpProblem(422, "each skill must be 1 to 500 characters long")

    def work(graph: RoleGraph) -> Any:
        found = graph.fit(skill, options=FitOptions(top=top, scheme=scheme))
        return to_json(found)

    return await _answer(request, work)


@router.get("/similar", summary="The roles most like a role", tags=["analysis"])
async def similar(
    request: Request,
    role: Name,
    top: Top = 10,
    measure: Measure = SimilarOptions.measure,
    scheme: Scheme = None,
) -> Response:
    """As ``rolegraph similar ROLE --format json``: the most similar roles, best first, with the
    score of each facet (skills, activities, titles, technology, structure, job zone)."""

    def work(graph: RoleGraph) -> Any:
        options = SimilarOptions(top=top, scheme=scheme, measure=measure)
        return to_json(graph.similar(role, options=options))

    return await _answer(request, work)


@router.get("/transferable", summary="The skills that connect the most roles", tags=["analysis"])
async def transferable(
    request: Request,
    top: Top = 10,
    by: Ranking = TransferableOptions.by,
    scheme: Scheme = None,
) -> Response:
    """As ``rolegraph skills --transferable --by BY --format json``."""

    def work(graph: RoleGraph) -> Any:
        found = graph.transferable(options=TransferableOptions(top=top, by=by, scheme=scheme))
        return to_json(found)

    return await _answer(request, work)
