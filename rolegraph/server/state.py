"""What a running server holds: the store, its worker pools, and what is derived from the store
(name indexes, the network projection, API answers), reused until the store changes.

Derived data belongs to one *generation* of the store. An update through the server starts a new
generation; with ``cache_seconds`` set, a generation also ends after that long, for stores that
others write to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from typing import Any, TypeVar

from rdflib import URIRef
from rdflib.term import Node

from rolegraph.api import RoleGraph
from rolegraph.errors import QueryTimeoutError, RolegraphError
from rolegraph.load import Triple
from rolegraph.results import QueryResult
from rolegraph.server.engine import QueryEngine, QueryRequest, Reply
from rolegraph.server.processes import ProcessPool
from rolegraph.server.processes import supported as processes_supported
from rolegraph.server.settings import ServerSettings
from rolegraph.server.workers import Deadline, WorkerPool
from rolegraph.store import OxigraphStore, RdflibStore, RemoteStore, Store

T = TypeVar("T")

log = logging.getLogger("rolegraph.server")

#: How many API answers are kept per generation.
_CACHE_SIZE = 2048


class SerializedStore(Store):
    """A store used by one thread at a time: rdflib's dataset cannot be read while written."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.engine = inner.engine
        self._lock = threading.RLock()

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        with self._lock:
            return self.inner.query(sparql, bindings)

    def update(self, sparql: str) -> None:
        with self._lock:
            self.inner.update(sparql)

    def replace_graph(self, graph_iri: URIRef, triples: Iterable[Triple]) -> int:
        with self._lock:
            return self.inner.replace_graph(graph_iri, triples)

    def graph_names(self) -> list[URIRef]:
        with self._lock:
            return self.inner.graph_names()

    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        with self._lock:
            return iter(list(self.inner.triples(graph_iri)))

    def count(self, graph_iri: URIRef | None = None) -> int:
        with self._lock:
            return self.inner.count(graph_iri)

    def close(self) -> None:
        self.inner.close()


class ServerState:
    """The store a server answers from, and everything it keeps between requests."""

    def __init__(self, store: Store, settings: ServerSettings) -> None:
        self.raw_store = store
        self.store: Store = SerializedStore(store) if isinstance(store, RdflibStore) else store
        self.settings = settings
        self.engine = QueryEngine(self.store, max_rows=settings.max_rows)
        # Forked before any thread of this server touches the store.
        self.query_processes = self._start_processes(store, settings)
        threads = settings.query_workers
        if self.query_processes is not None:
            threads = max(threads, self.query_processes.size)
        self.query_pool = WorkerPool(threads, "rolegraph-query")
        self.api_pool = WorkerPool(settings.api_workers, "rolegraph-api")
        self._lock = threading.Lock()
        self.generation = 0
        self._graph = RoleGraph(self.store, owns_store=False)
        self._born = time.monotonic()
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._shared: dict[Hashable, Future[Any]] = {}

    # -- query processes -----------------------------------------------------------------------

    def _start_processes(self, store: Store, settings: ServerSettings) -> ProcessPool | None:
        """Worker processes for SPARQL, unless disabled, unsupported here, or useless (a remote
        store does the work itself, and its client has its own time limit)."""
        if settings.query_processes < 1 or isinstance(store, RemoteStore):
            return None
        if not processes_supported():
            return None
        in_memory = not (isinstance(store, OxigraphStore) and store.path is not None)
        return ProcessPool(
            settings.query_processes,
            self._worker_setup,
            memory_bytes=settings.query_memory_mb * 1024 * 1024,
            on_change=self.store.update if in_memory else None,
        )

    def _worker_setup(self) -> Callable[[QueryRequest], Reply]:
        """In a new worker process: the engine that answers its queries. An on-disk store is
        opened again, read-only (a store handle does not survive a fork)."""
        store: Store = self.store
        raw = self.raw_store
        if isinstance(raw, OxigraphStore) and raw.path is not None:
            store = OxigraphStore(raw.path, read_only=True, keep_answers=False)
        return QueryEngine(store, max_rows=self.settings.max_rows).answer

    def store_updated(self, text: str) -> None:
        """After an update through this server: workers see the new content from now on, and
        everything derived from the old one is forgotten."""
        try:
            if self.query_processes is not None:
                self.query_processes.apply(text)
        finally:
            self.changed()

    # -- warming up ------------------------------------------------------------------------------

    def warm(self) -> None:
        """Build what the JSON API needs before the first request does (name indexes, the
        network projection and its route graph, the role list), so that on a large store the
        first clients are answered as fast as later ones. Runs before the server listens."""
        if self.query_processes is not None:
            self.query_processes.start()
        graph = self.graph
        steps: list[Callable[[], object]] = [
            lambda: graph.index("role").search("manager"),
            lambda: graph.index("skill").search("negotiation"),
            graph.roles,
            graph.network,
            lambda: self._warm_routes(graph),
        ]
        for step in steps:
            # Best effort: what fails here fails again, with its proper answer, on request.
            try:
                step()
            except Exception as error:
                log.warning("warming up: %s", error)

    @staticmethod
    def _warm_routes(graph: RoleGraph) -> None:
        roles = graph.roles()
        if len(roles) < 2:
            return
        first, second = str(roles[0].iri), str(roles[-1].iri)
        graph.next_moves(first)
        with contextlib.suppress(RolegraphError):
            graph.routes(first, second)

    # -- generations ---------------------------------------------------------------------------

    def _expire(self) -> None:
        ttl = self.settings.cache_seconds
        if ttl is not None and time.monotonic() - self._born > ttl:
            self.changed()

    def changed(self) -> None:
        """Forget everything derived from the store: it has changed."""
        with self._lock:
            self.generation += 1
            self._graph = RoleGraph(self.store, owns_store=False)
            self._born = time.monotonic()
            self._answers.clear()
            self._shared.clear()

    @property
    def graph(self) -> RoleGraph:
        """The role graph of the current generation (its indexes and projections are cached)."""
        self._expire()
        return self._graph

    # -- answer cache --------------------------------------------------------------------------

    def cached(self, key: Hashable) -> Any | None:
        self._expire()
        with self._lock:
            value = self._answers.get(key)
            if value is not None:
                self._answers.move_to_end(key)
            return value

    def remember(self, key: Hashable, value: Any, generation: int) -> None:
        with self._lock:
            if generation != self.generation:
                return
            self._answers[key] = value
            if len(self._answers) > _CACHE_SIZE:
                self._answers.popitem(last=False)

    # -- running work --------------------------------------------------------------------------

    def deadline(self) -> Deadline:
        return Deadline(self.settings.query_timeout)

    async def api(self, func: Callable[..., T], *args: Any) -> T:
        """Run API work in the API pool under the query time limit."""
        return await self.api_pool.run(func, *args, deadline=self.deadline())

    async def shared(self, key: Hashable, func: Callable[[], T]) -> T:
        """Run slow work (validation) once per generation for every client that asks.

        When the time limit passes the work goes on; a later request gets its result.
        """
        self._expire()
        with self._lock:
            future = self._shared.get(key)
            if future is None or (future.done() and future.exception() is not None):
                future = self.api_pool.submit(func)
                self._shared[key] = future
        try:
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self.settings.query_timeout
            )
        except TimeoutError:
            raise QueryTimeoutError(
                "this takes longer than the time limit; it goes on in the background, "
                "ask again shortly"
            ) from None

    def close(self) -> None:
        if self.query_processes is not None:
            self.query_processes.close()
        self.query_pool.shutdown()
        self.api_pool.shutdown()
