"""``rolegraph serve``: the graph over HTTP, as a SPARQL 1.1 endpoint, a JSON API, dereferenceable
IRIs and a web page. Needs the ``serve`` extra (FastAPI and Uvicorn)."""

from __future__ import annotations

from rolegraph.server.app import create_app
from rolegraph.server.settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]
