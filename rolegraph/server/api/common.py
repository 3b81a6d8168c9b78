"""What every JSON API route shares: the router, running work on the current role graph with
its answer cached per store generation, and the parameters several routes take."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from rolegraph.api import RoleGraph
from rolegraph.server.conditional import conditional_response
from rolegraph.server.formats import dump_json
from rolegraph.server.problems import HttpProblem
from rolegraph.server.state import ServerState

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
