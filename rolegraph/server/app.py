"""The server application: the SPARQL endpoint, the JSON API, dereferenceable IRIs and the web
page, over one store.

>>> from rolegraph.store import OxigraphStore, load_builtin
>>> store = OxigraphStore(); load_builtin(store)
>>> app = create_app(store, settings=ServerSettings())
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from rolegraph import __version__
from rolegraph.errors import RolegraphError
from rolegraph.redact import add_secret
from rolegraph.server import api, deref, sparql
from rolegraph.server.docs import mount_docs
from rolegraph.server.guard import Guard
from rolegraph.server.html import index_page
from rolegraph.server.problems import (
    HttpProblem,
    on_http_error,
    on_problem,
    on_rolegraph_error,
    on_validation_error,
)
from rolegraph.server.responses import document_responses
from rolegraph.server.settings import ServerSettings
from rolegraph.server.state import ServerState
from rolegraph.store import Store

log = logging.getLogger("rolegraph.server")

#: Environment variable through which ``rolegraph serve --workers N`` configures each process.
CONFIG_ENV = "ROLEGRAPH_SERVE_CONFIG"

_DESCRIPTION = """A knowledge graph of job roles over HTTP.

- `/sparql`: SPARQL 1.1 Protocol endpoint (query; update when enabled, with a token).
- `/api/...`: the operations of the `rolegraph` command line as JSON.
- `/id/...`: rolegraph IRIs (`https://w3id.org/rolegraph/id/...`) as Turtle, JSON-LD or HTML.
- `/ns`: the vocabulary; `/context.jsonld`: the JSON-LD context.
"""


def create_app(store: Store, *, settings: ServerSettings | None = None) -> FastAPI:
    """A FastAPI application answering from ``store`` under ``settings``.

    The store must already hold the data; the application does not close it.
    """
    settings = settings if settings is not None else ServerSettings()
    add_secret(settings.token)
    state = ServerState(store, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Uvicorn listens only once this is done: the first clients find the server warm.
        await asyncio.to_thread(state.warm)
        yield
        state.close()

    app = FastAPI(
        title="rolegraph",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.rolegraph = state
    app.include_router(sparql.router)
    app.include_router(api.router)
    app.include_router(deref.router)
    app.add_exception_handler(HttpProblem, on_problem)
    app.add_exception_handler(RolegraphError, on_rolegraph_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    document_responses(app)
    mount_docs(app)
    _mount_web(app, state)
    if settings.cors:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            allow_credentials=False,
        )
    app.add_middleware(Guard, max_request_bytes=settings.max_request_bytes)
    return app


def _mount_web(app: FastAPI, state: ServerState) -> None:
    """Mount the web page (``rolegraph.server.web.mount_web``) when it is there, else a small
    index page at ``/``."""
    try:
        from rolegraph.server import web
    except ModuleNotFoundError as error:
        if error.name != "rolegraph.server.web":
            raise
        web = None  # type: ignore[assignment]
    mount = getattr(web, "mount_web", None) if web is not None else None
    if mount is None:

        @app.get("/", include_in_schema=False)
        async def index() -> HTMLResponse:
            return HTMLResponse(
                index_page(
                    {
                        "/api": "the JSON API",
                        "/sparql": "the SPARQL endpoint",
                        "/ns": "the vocabulary",
                        "/openapi.json": "the OpenAPI description",
                    },
                    web=False,
                )
            )

        return
    available: dict[str, Any] = {
        "state": state,
        "store": state.store,
        "settings": state.settings,
    }
    parameters = inspect.signature(mount).parameters
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    kwargs = {k: v for k, v in available.items() if accepts_any or k in parameters}
    mount(app, **kwargs)
    page_for = getattr(web, "page_for", None)
    if callable(page_for):
        app.state.page_for = page_for


def app_from_environment() -> FastAPI:
    """The application for one worker process of ``rolegraph serve --workers N``: opens the store
    described by ROLEGRAPH_SERVE_CONFIG (JSON written by the command)."""
    from rolegraph.load import USER_GRAPH
    from rolegraph.server.logs import configure_logging
    from rolegraph.store import OxigraphStore, load_builtin, load_user_files, open_store

    config = json.loads(os.environ[CONFIG_ENV])
    configure_logging(access=bool(config.get("access_log", True)))
    location = config.get("store")
    if location in (None, "", "memory"):
        store = open_store(None, engine=config.get("engine", "oxigraph"))
        load_builtin(store)
        if config.get("data"):
            load_user_files(store, config["data"], USER_GRAPH)
    elif str(location).startswith(("http://", "https://")):
        store = open_store(location)
    else:
        store = OxigraphStore(location, read_only=True)
    settings = ServerSettings(**config["settings"])
    from rolegraph.server.protocol import configure_protocol

    configure_protocol(settings)
    return create_app(store, settings=settings)
