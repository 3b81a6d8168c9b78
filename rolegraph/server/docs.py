"""API documentation that needs no network: ``/openapi.json`` always, ``/docs`` (Swagger UI) when
its files are installed locally (the ``fastapi-offline`` package ships them), and ``/api``, a list
of the endpoints as HTML or JSON."""

from __future__ import annotations

from html import escape
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from rolegraph.server.formats import dump_json
from rolegraph.server.negotiation import choose

DOCS_STATIC = "/docs-static"


def swagger_ui_dir() -> Path | None:
    """Where a local copy of Swagger UI lives (a version that reads OpenAPI 3.1), if any."""
    spec = find_spec("fastapi_offline")
    if spec is None or spec.origin is None:
        return None
    static = Path(spec.origin).parent / "static"
    return static if (static / "swagger-ui-bundle.js").is_file() else None


def endpoints(app: FastAPI) -> list[dict[str, Any]]:
    """Each documented endpoint: path, methods and summary (read from the OpenAPI description)."""
    listed = []
    for path, operations in app.openapi().get("paths", {}).items():
        summaries = [op.get("summary", "") for op in operations.values() if isinstance(op, dict)]
        listed.append(
            {
                "path": path,
                "methods": sorted(method.upper() for method in operations),
                "summary": summaries[0] if summaries else "",
            }
        )
    return sorted(listed, key=lambda item: item["path"])


def mount_docs(app: FastAPI) -> None:
    """Add ``/docs`` (when Swagger UI is installed) and ``/api``."""
    static = swagger_ui_dir()
    if static is not None:
        app.mount(DOCS_STATIC, StaticFiles(directory=static), name="docs-static")

        @app.get("/docs", include_in_schema=False)
        async def swagger_ui() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title="rolegraph API",
                swagger_js_url=f"{DOCS_STATIC}/swagger-ui-bundle.js",
                swagger_css_url=f"{DOCS_STATIC}/swagger-ui.css",
                swagger_favicon_url=f"{DOCS_STATIC}/favicon.png",
            )

    @app.get("/api", include_in_schema=False)
    async def api_index(request: Request) -> Response:
        listed = endpoints(app)
        chosen = choose(
            request.headers.get("accept"), (("application/json", "json"), ("text/html", "html"))
        )
        if chosen is None or chosen[1] == "json":
            body = {"openapi": app.openapi_url, "docs": "/docs" if static else None}
            return Response(dump_json({**body, "endpoints": listed}), media_type="application/json")
        rows = "".join(
            f"<tr><td><code>{escape(' '.join(e['methods']))}</code></td>"
            f"<td><code>{escape(e['path'])}</code></td><td>{escape(e['summary'])}</td></tr>"
            for e in listed
        )
        docs = '<a href="/docs">interactive documentation</a> · ' if static else ""
        return HTMLResponse(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>rolegraph API</title></head><body><h1>rolegraph API</h1>"
            f'<p>{docs}<a href="/openapi.json">OpenAPI description</a></p>'
            f"<table><tbody>{rows}</tbody></table></body></html>"
        )
