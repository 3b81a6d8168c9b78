"""Started on the full store, the server accepted requests before it had built its name indexes
and network projection: the first clients waited for them and got 503. It now builds them before
it listens, and starts its SPARQL workers then too."""

from __future__ import annotations

import httpx
import pytest

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, load_builtin
from tests.server_fixtures import LiveServer

pytest.importorskip("uvicorn")


def test_the_server_is_warm_when_it_starts_listening() -> None:
    store = OxigraphStore()
    load_builtin(store)
    app = create_app(store, settings=ServerSettings(query_timeout=5))
    state = app.state.rolegraph
    assert not state.graph._networks, "nothing is built before the server starts"
    with LiveServer(app) as server:
        graph = state.graph
        assert None in graph._networks, "the network projection was built before listening"
        assert {"role", "skill"} <= set(graph._indexes)
        if state.query_processes is not None:
            assert state.query_processes.live >= 1
        with httpx.Client(base_url=server.base, timeout=30) as client:
            answers = [
                client.get("/api/route", params={"from": "Account Manager", "to": "Sales Manager"}),
                client.get("/api/similar", params={"role": "Project Manager"}),
                client.get("/api/search", params={"q": "projct"}),
            ]
        assert [answer.status_code for answer in answers] == [200, 200, 200]
