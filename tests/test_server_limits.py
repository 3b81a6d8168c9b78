"""Time limits under a real server: a runaway query gets 503 while other clients are answered."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from rdflib import Literal, URIRef

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, Store, load_builtin
from tests.server_fixtures import LiveServer

pytest.importorskip("uvicorn")

P = "http://example.org/p"
#: Streams rows (about ten thousand a second, for many seconds): stoppable between two rows.
SLOW_STREAM = (
    f"SELECT ?a WHERE {{ ?a <{P}> ?c . ?d <{P}> ?f . ?g <{P}> ?i FILTER(?c + ?f + ?i = 400) }}"
)
#: Computes for about a second before its one row: the engine cannot stop it half-way.
SLOW_COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a <{P}> ?c . ?d <{P}> ?f . ?g <{P}> ?i }}"
QUICK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    """The built-in data and 200 numbered triples, whose three-way products are slow to join
    whatever the size of the built-in data."""
    store = OxigraphStore()
    load_builtin(store)
    numbers = ((URIRef(f"http://example.org/s{i}"), URIRef(P), Literal(i)) for i in range(200))
    store.replace_graph(URIRef("http://example.org/numbers"), numbers)
    yield store
    store.close()


def serve(store: Store, **settings: object) -> LiveServer:
    return LiveServer(create_app(store, settings=ServerSettings(**settings)))  # type: ignore[arg-type]


def test_a_streaming_query_is_stopped_at_the_time_limit(store: Store) -> None:
    app = create_app(store, settings=ServerSettings(query_timeout=0.5))
    with LiveServer(app) as server:
        started = time.monotonic()
        answer = httpx.get(f"{server.base}/sparql", params={"query": SLOW_STREAM}, timeout=30)
        elapsed = time.monotonic() - started
        assert answer.status_code == 503
        assert "time limit of 0.5 s" in answer.text
        assert elapsed < 3
        state = app.state.rolegraph
        end = time.monotonic() + 5
        while state.query_pool.busy and time.monotonic() < end:
            time.sleep(0.05)
        assert state.query_pool.busy == 0, "the stopped query freed its worker"
        assert state.query_processes is None or state.query_processes.busy == 0


def test_others_are_answered_while_a_query_runs_past_its_limit(store: Store) -> None:
    with serve(store, query_timeout=0.3, query_workers=2) as server:
        results: dict[str, httpx.Response] = {}

        def slow() -> None:
            results["slow"] = httpx.get(
                f"{server.base}/sparql", params={"query": SLOW_COUNT}, timeout=30
            )

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.05)
        latencies = []
        with httpx.Client(base_url=server.base, timeout=30) as others:
            for _ in range(5):
                started = time.monotonic()
                quick = others.get("/sparql", params={"query": QUICK})
                health = others.get("/api/health")
                latencies.append(time.monotonic() - started)
                assert quick.status_code == 200 and quick.json()["boolean"] is True
                assert health.status_code == 200
        thread.join(timeout=30)
        assert results["slow"].status_code == 503
        assert "time limit" in results["slow"].text
        assert max(latencies) < 0.25, latencies


def test_a_query_waiting_for_the_only_worker_runs_once_the_runaway_is_stopped(
    store: Store,
) -> None:
    with serve(store, query_timeout=0.6, query_workers=1, query_processes=1) as server:
        results: dict[str, httpx.Response] = {}

        def slow() -> None:
            results["slow"] = httpx.get(
                f"{server.base}/sparql", params={"query": SLOW_COUNT}, timeout=30
            )

        thread = threading.Thread(target=slow)
        thread.start()
        time.sleep(0.2)
        roles = httpx.get(f"{server.base}/api/roles", timeout=30)
        queued = httpx.get(f"{server.base}/sparql", params={"query": QUICK}, timeout=30)
        thread.join(timeout=30)
        assert results["slow"].status_code == 503
        assert "time limit" in results["slow"].text
        assert queued.status_code == 200 and queued.json()["boolean"] is True
        assert roles.status_code == 200 and roles.json()
