"""The OpenAPI description says what the JSON API answers: every route documents the schema of its
answer, and every answer on the built-in data (the golden calls and a few more, errors included)
validates against the schema ``/openapi.json`` gives for its route and status, with no key the
schema does not name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
from fastapi.testclient import TestClient

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import Store
from tests.test_golden import ROUTES, UPLOAD

#: Calls beyond the golden ones: more parameters, and the errors.
MORE = [
    ("/api/roles/Project%20Manager?where=national", 200),
    ("/api/skills/search?q=communication&limit=3", 200),
    ("/api/search?q=zzzzzzzz", 200),
    ("/api/route?from=Account%20Manager&to=Project%20Manager&max_steps=2", 200),
    ("/api/next?role=Sales%20Manager&promotions_only=true&where=US-CA", 200),
    ("/api/fit?skill=communication&scheme=rolegraph&top=3", 200),
    ("/api/similar?role=Sales%20Manager&measure=weighted-jaccard", 200),
    ("/api/validate?graph=article", 200),
    ("/api/validate?graph=no-such-graph", 404),
    ("/api/compare?a=Account%20Manager", 422),
    ("/api/compare?a=Account%20Manager&b=Nobody%20Known", 404),
    ("/api/queries/no-such-query", 404),
    ("/api/queries/skill-gap?a=Account%20Manager", 400),
    ("/api/route?from=PM&to=Sales%20Manager&k=0", 422),
    ("/api/role?id=PM&where=Atlantis", 404),
]


@pytest.fixture(scope="module")
def client(builtin_store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(builtin_store, settings=ServerSettings())) as client:
        yield client


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    answer = client.get("/openapi.json")
    assert answer.status_code == 200
    data: dict[str, Any] = answer.json()
    return data


def _closed(schema: Any) -> Any:
    """``schema`` with every object that names its properties and says nothing of others
    refusing any other key, so a key the code adds and the types leave out is caught."""
    if isinstance(schema, dict):
        closed = {key: _closed(value) for key, value in schema.items()}
        if "properties" in closed and "additionalProperties" not in closed:
            closed["additionalProperties"] = False
        return closed
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    return schema


def _operation(document: dict[str, Any], method: str, url: str) -> tuple[str, dict[str, Any]]:
    """The path template of ``url`` in the description, and its operation for ``method``."""
    path = urlsplit(url).path
    for template, operations in document["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^?]+", re.escape(template))
        if re.fullmatch(pattern, path) and method in operations:
            return template, operations[method]
    raise AssertionError(f"{method.upper()} {path} is not in the OpenAPI description")


def _check(document: dict[str, Any], method: str, url: str, status: int, body: Any) -> str:
    template, operation = _operation(document, method, url)
    responses = operation["responses"]
    response = responses.get(str(status), responses.get("default"))
    assert response is not None, f"{method.upper()} {template} documents no {status} answer"
    schema = response["content"]["application/json"]["schema"]
    whole = _closed({**schema, "components": document["components"]})
    validator = jsonschema.Draft202012Validator(whole)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{method.upper()} {url} ({status}) at {list(e.absolute_path)}: {e.message[:300]}"
        for e in errors[:5]
    )
    return template


def test_every_json_api_route_documents_its_answer(document: dict[str, Any]) -> None:
    for path, operations in document["paths"].items():
        if not path.startswith("/api"):
            continue
        for method, operation in operations.items():
            answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
            assert answer, f"{method.upper()} {path} has no schema for its answer"
            assert "default" in operation["responses"], f"{method.upper()} {path}: no errors"
    schemas = document["components"]["schemas"]
    assert {"RoleRef", "Comparison", "RouteResult", "Similar", "Fit", "Problem"} <= set(schemas)


def test_every_answer_matches_its_schema(client: TestClient, document: dict[str, Any]) -> None:
    calls = [(url, status) for _, url, status in ROUTES] + MORE
    called = set()
    for url, status in calls:
        answer = client.get(url)
        assert answer.status_code == status, (url, answer.text)
        called.add(("get", _check(document, "get", url, status, answer.json())))
    for content in (UPLOAD, b"<https://example.org/a> a <https://example.org/B> ."):
        answer = client.post(
            "/api/validate", content=content, headers={"content-type": "text/turtle"}
        )
        assert answer.status_code == 200, answer.text
        called.add(("post", _check(document, "post", "/api/validate", 200, answer.json())))
    answer = client.post("/api/validate", content=b"{}", headers={"content-type": "text/plain"})
    assert answer.status_code == 415
    _check(document, "post", "/api/validate", 415, answer.json())
    documented = {
        (method, path)
        for path, operations in document["paths"].items()
        if path.startswith("/api")
        for method in operations
    }
    assert documented <= called, f"not called: {sorted(documented - called)}"


def test_a_key_the_schema_does_not_name_is_caught(document: dict[str, Any]) -> None:
    body = {"status": "ok", "engine": "oxigraph", "triples": 1, "version": "0", "updates": False}
    _check(document, "get", "/api/health", 200, body)
    with pytest.raises(AssertionError, match="Additional properties"):
        _check(document, "get", "/api/health", 200, {**body, "extra": 1})
    with pytest.raises(AssertionError, match="is not of type"):
        _check(document, "get", "/api/health", 200, {**body, "triples": "many"})
