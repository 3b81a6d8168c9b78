"""The response schemas of the JSON API in the OpenAPI description: for each route, by path and
method, the shape of its answer (a TypedDict of :mod:`rolegraph.jsontypes`), made a JSON Schema
by :mod:`rolegraph.schemas`. The routes answer bytes they serialize themselves, so FastAPI cannot
see what they return; this table says it, and the tests check every answer against it.

Every JSON API route also documents its errors: ``{"error": ..., "status": ...}`` (422 for
refused parameters, ``default`` for the others), as :mod:`rolegraph.server.problems` answers.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from rolegraph import jsontypes as shapes
from rolegraph.schemas import json_schemas

JSON = "application/json"

#: What each JSON API route answers: (method, path) -> {status: (type, description)}.
RESPONSES: dict[tuple[str, str], dict[str, tuple[Any, str]]] = {
    ("get", "/api/health"): {
        "200": (shapes.HealthJSON, "The store answers."),
        "503": (shapes.UnavailableJSON, "The store does not answer."),
    },
    ("get", "/api/roles"): {"200": (list[shapes.RoleSummaryJSON], "Every role, by label.")},
    ("get", "/api/role"): {"200": (shapes.RoleDescriptionJSON, "The role's description.")},
    ("get", "/api/roles/{name}"): {"200": (shapes.RoleDescriptionJSON, "The role's description.")},
    ("get", "/api/search"): {"200": (list[shapes.SearchHitJSON], "The matching roles.")},
    ("get", "/api/skills/search"): {"200": (list[shapes.SearchHitJSON], "The matching skills.")},
    ("get", "/api/queries"): {"200": (list[shapes.QueryHeaderJSON], "The named queries.")},
    ("get", "/api/queries/{name}"): {"200": (shapes.QueryRowsJSON, "The query's rows.")},
    ("get", "/api/validate"): {"200": (shapes.ValidationReportJSON, "The validation report.")},
    ("post", "/api/validate"): {"200": (shapes.ValidationReportJSON, "The validation report.")},
    ("get", "/api/compare"): {"200": (shapes.ComparisonJSON, "The comparison.")},
    ("get", "/api/route"): {"200": (shapes.RouteResultJSON, "The routes, or the closest role.")},
    ("get", "/api/next"): {"200": (list[shapes.NextMoveJSON], "The nearest roles, best first.")},
    ("get", "/api/fit"): {"200": (list[shapes.FitJSON], "The roles that fit, best first.")},
    ("get", "/api/similar"): {"200": (list[shapes.SimilarJSON], "The most similar roles.")},
    ("get", "/api/transferable"): {
        "200": (list[shapes.TransferableSkillJSON], "The skills, best first.")
    },
}

_PROBLEM = "Problem"


def document_responses(app: FastAPI) -> None:
    """Make ``app.openapi()`` describe the answers of the JSON API with their schemas."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_response_schemas(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def add_response_schemas(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` (an OpenAPI description) with the schemas of :data:`RESPONSES` in its
    operations and components; FastAPI's own 422 schema gives way to the API's error shape."""
    kinds = {
        f"{method} {path} {status}": kind
        for (method, path), answers in RESPONSES.items()
        for status, (kind, _) in answers.items()
    }
    kinds[_PROBLEM] = shapes.ProblemJSON
    named, shared = json_schemas(kinds)
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.update(shared)
    problem = {"description": "An error.", "content": {JSON: {"schema": named[_PROBLEM]}}}
    paths = document.get("paths", {})
    for (method, path), answers in RESPONSES.items():
        operation = paths.get(path, {}).get(method)
        if operation is None:
            continue
        responses = operation.setdefault("responses", {})
        for status, (_, description) in answers.items():
            schema = named[f"{method} {path} {status}"]
            responses[status] = {"description": description, "content": {JSON: {"schema": schema}}}
        if "422" in responses:
            responses["422"] = {**problem, "description": "The parameters are refused."}
        responses.setdefault("default", problem)
    _drop_unused(document, ("HTTPValidationError", "ValidationError"))
    return document


def _drop_unused(document: dict[str, Any], names: tuple[str, ...]) -> None:
    """Remove the component schemas ``names`` when nothing refers to them any more."""
    schemas = document.get("components", {}).get("schemas", {})
    for name in names:
        if name not in schemas:
            continue
        rest = {key: value for key, value in document.items() if key != "components"}
        others = {key: value for key, value in schemas.items() if key != name}
        if f"#/components/schemas/{name}" not in repr((rest, others)):
            del schemas[name]


__all__ = ["RESPONSES", "add_response_schemas", "document_responses"]
