"""Errors as HTTP answers: a status, a readable message, never a stack trace.

The JSON API answers ``{"error": message, ...}``; the SPARQL endpoint and the IRI pages answer
plain text, as SPARQL clients show the body of a failed request to their users.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rolegraph.errors import (
    FormatError,
    InputError,
    QueryError,
    QueryTimeoutError,
    RolegraphError,
    StoreError,
    UnknownNameError,
)
from rolegraph.limits import LimitError
from rolegraph.redact import redact
from rolegraph.server.formats import dump_json
from rolegraph.server.workers import BusyError

log = logging.getLogger("rolegraph.server")


class HttpProblem(Exception):
    """An answer other than success, with the status and message to send."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
        self.extra = extra or {}


class ResultTooLargeError(RolegraphError):
    """An answer has more rows (or triples) than the server's limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            f"the answer has more than {limit:,} rows, this server's limit; "
            "add LIMIT or narrow the query"
        )


def problem_for(error: RolegraphError) -> HttpProblem:
    """The HTTP answer to an error rolegraph raised on purpose."""
    if isinstance(error, UnknownNameError):
        return HttpProblem(
            404,
            str(error),
            extra={"kind": error.kind, "name": error.name, "suggestions": list(error.suggestions)},
        )
    if isinstance(error, BusyError):
        return HttpProblem(503, str(error), headers={"Retry-After": "2"})
    if isinstance(error, QueryTimeoutError):
        return HttpProblem(503, str(error))
    if isinstance(error, StoreError):
        log.warning("store error: %s", error)
        return HttpProblem(502, f"the graph store cannot answer: {error}")
    if isinstance(error, LimitError) and error.limit == "size":
        return HttpProblem(413, str(error))
    if isinstance(error, ResultTooLargeError):
        # 422: the request is well-formed but asks for more than this server will produce.
        return HttpProblem(422, str(error))
    if isinstance(error, (QueryError, InputError, FormatError)):
        return HttpProblem(400, str(error))
    return HttpProblem(400, str(error))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def render(request: Request, problem: HttpProblem) -> Response:
    message = redact(problem.message)
    if _wants_json(request):
        body = {"error": message, "status": problem.status, **problem.extra}
        return Response(
            dump_json(body),
            status_code=problem.status,
            media_type="application/json",
            headers=problem.headers,
        )
    return PlainTextResponse(message + "\n", status_code=problem.status, headers=problem.headers)


async def on_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, HttpProblem)
    return render(request, error)


async def on_rolegraph_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RolegraphError)
    return render(request, problem_for(error))


async def on_validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    details = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "query")
        details.append(f"{where}: {item.get('msg', 'invalid')}" if where else item.get("msg", ""))
    message = "invalid parameters: " + "; ".join(details)
    return render(request, HttpProblem(422, message, extra={"detail": _plain(error.errors())}))


async def on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    headers = dict(error.headers or {})
    return render(request, HttpProblem(error.status_code, str(error.detail), headers=headers))


def _plain(errors: Any) -> Any:
    """Validation details without the raw input objects, which may not be JSON."""
    return [
        {"loc": list(item.get("loc", ())), "msg": item.get("msg"), "type": item.get("type")}
        for item in errors
    ]
