"""The routes about roles and skills, and the server's health."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.responses import Response

from rolegraph import __version__
from rolegraph.api import RoleGraph
from rolegraph.errors import RolegraphError
from rolegraph.jsontypes import RoleDescriptionJSON
from rolegraph.redact import redact
from rolegraph.server.api.common import (
    Limit,
    SearchText,
    Where,
    _answer,
    _json,
    _state,
    place_code,
    router,
)
from rolegraph.server.formats import dump_json
from rolegraph.store import RemoteStore

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


def _describe(graph: RoleGraph, name: str, where: str | None = None) -> RoleDescriptionJSON:
    from rolegraph.render_role import role_json

    return role_json(graph.role(name), where)


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
    return [hit.to_dict() for hit in graph.search(text, kind=kind, limit=limit, nearest=nearest)]


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
