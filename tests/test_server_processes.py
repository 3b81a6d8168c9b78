"""SPARQL in worker processes: updates reach them, an on-disk store is read in each, and a
runaway is ended with its worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, RdflibStore, Store, load_builtin

TOKEN = "a-token-of-at-least-16-chars"
UPDATE = (
    "INSERT DATA { GRAPH <http://example.org/g> "
    "{ <http://example.org/new> a <https://w3id.org/rolegraph/ns#Role> } }"
)
ASK_NEW = "ASK { <http://example.org/new> a <https://w3id.org/rolegraph/ns#Role> }"


@pytest.fixture(params=["oxigraph-memory", "rdflib-memory", "oxigraph-disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    kinds = {
        "oxigraph-memory": lambda: OxigraphStore(),
        "rdflib-memory": RdflibStore,
        "oxigraph-disk": lambda: OxigraphStore(tmp_path / "store"),
    }
    made: Store = kinds[request.param]()
    load_builtin(made)
    yield made
    made.close()


def ask(client: TestClient, query: str) -> bool:
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 200, answer.text
    return bool(answer.json()["boolean"])


def test_queries_in_workers_see_an_update_made_through_the_server(store: Store) -> None:
    settings = ServerSettings(allow_updates=True, token=TOKEN, query_processes=2)
    app = create_app(store, settings=settings)
    assert app.state.rolegraph.query_processes is not None
    with TestClient(app) as client:
        assert ask(client, "ASK { ?s ?p ?o }")
        assert not ask(client, ASK_NEW)
        done = client.post(
            "/sparql",
            content=UPDATE,
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
        )
        assert done.status_code == 204
        for _ in range(4):  # whichever worker answers
            assert ask(client, ASK_NEW)


def test_errors_in_a_worker_come_back_as_answers(store: Store) -> None:
    app = create_app(store, settings=ServerSettings(query_processes=1, max_rows=5))
    with TestClient(app) as client:
        malformed = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
        assert malformed.status_code == 400 and "malformed" in malformed.text
        too_many = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert too_many.status_code == 422 and "LIMIT" in too_many.text
        graph = client.get(
            "/sparql",
            params={"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 2"},
            headers={"Accept": "application/sparql-results+json"},
        )
        assert graph.status_code == 406
        assert ask(client, "ASK { ?s ?p ?o }")


def test_threads_answer_when_processes_are_off(store: Store) -> None:
    app = create_app(store, settings=ServerSettings(query_processes=0))
    assert app.state.rolegraph.query_processes is None
    with TestClient(app) as client:
        assert ask(client, "ASK { ?s ?p ?o }")
