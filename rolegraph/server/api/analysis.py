"""The routes of the analyses: compare, route, next, fit, similar, transferable."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import Response

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
from rolegraph.server.api.common import (
    Name,
    Where,
    _answer,
    place_code,
    router,
)
from rolegraph.server.problems import HttpProblem

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
