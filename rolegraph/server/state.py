"""What a running server holds: the store, its worker pools, and what is derived from the store
(name indexes, the network projection, API answers), reused until the store changes.

Derived data belongs to one *generation* of the store. An update through the server starts a new
generation; so does a new generation that another process (an import) writes into an on-disk
store this server reads only, noticed within a second; with ``cache_seconds`` set, a generation
also ends after that long, for remote stores that others write to.
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
from typing import Any, NamedTuple, TypeVar

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

#: How many bytes of answers are kept per generation (the least recently used go first).
_CACHE_BYTES = 256 * 1024 * 1024
#: The largest answer kept: a larger one is computed again when asked again.
LARGEST_KEPT = 4 * 1024 * 1024
#: Seconds between two looks at the generation of an on-disk store others may write.
_WATCH_SECONDS = 1.0
#: The size counted for a kept value that is not bytes.
_SMALL = 256


class KeptAnswer(NamedTuple):
    """A SPARQL answer kept for the current generation: its body and media type."""

    body: bytes
    media_type: str


def _size(value: Any) -> int:
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, KeptAnswer):
        return len(value.body) + len(value.media_type)
    return _SMALL


def _written(store: Store) -> float:
    """When ``store``'s content was last written: the time its generation was recorded (an
    on-disk store), else now."""
    if isinstance(store, OxigraphStore) and store.path is not None:
        marker = store.path.with_name(f".{store.path.name}.generation")
        with contextlib.suppress(OSError):
            return marker.stat().st_mtime
        with contextlib.suppress(OSError):
            return store.path.stat().st_mtime
    return time.time()


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

    def replace_graph(
        self, graph_iri: URIRef, triples: Iterable[Triple], *, checked_iris: bool = False
    ) -> int:
        with self._lock:
            return self.inner.replace_graph(graph_iri, triples, checked_iris=checked_iris)

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
        self._answer_bytes = 0
        #: When the store's current generation began (seconds since the epoch), for
        #: Last-Modified: the time its content was last written, for an on-disk store.
        self.modified = _written(store)
        #: Whether answers to SPARQL queries are kept per generation: the store's changes are
        #: all seen here (a remote store may change behind the server's back).
        self.keeps_sparql = not isinstance(store, RemoteStore)
        self._shared: dict[Hashable, Future[Any]] = {}
        #: The generation of an on-disk store opened read-only that this server answers from,
        #: and when to look for a newer one another process wrote.
        self._following = (
            store._opened_generation if self._store_generation() is not None else None  # type: ignore[attr-defined]
        )
        self._next_look = time.monotonic() + _WATCH_SECONDS
        self._reloading = False

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
        role list and every role's description, the network projection and its route graph),
        so that on a large store the first clients are answered as fast as later ones. Runs
        before the server listens."""
        if self.query_processes is not None:
            self.query_processes.start()
        self._warm_graph(self.graph)

    def _warm_graph(self, graph: RoleGraph) -> None:
        steps: list[Callable[[], object]] = [
            lambda: graph.index("role").search("manager"),
            lambda: graph.index("skill").search("negotiation"),
            graph.roles,
            graph.describe_all,
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
        if self._following is not None:
            self._follow()

    def _store_generation(self) -> str | None:
        """The generation of an on-disk store this server reads only (others may write it);
        None for any other store."""
        raw = self.raw_store
        if isinstance(raw, OxigraphStore) and raw.path is not None and raw.read_only:
            return raw._read_generation()
        return None

    def _follow(self) -> None:
        """At most once a second, look whether another process wrote a new generation into the
        store (an import); if so, open the store again and warm up for it in the background,
        answering from the old generation meanwhile, then move over at once."""
        now = time.monotonic()
        if now < self._next_look or self._reloading:
            return
        self._next_look = now + _WATCH_SECONDS
        current = self._store_generation()
        with self._lock:
            if current is None or current == self._following or self._reloading:
                return
            self._reloading = True
        threading.Thread(
            target=self._reload, args=(current,), name="rolegraph-reload", daemon=True
        ).start()

    def _reload(self, generation: str) -> None:
        raw = self.raw_store
        assert isinstance(raw, OxigraphStore) and raw.path is not None
        try:
            store = OxigraphStore(raw.path, read_only=True)
            graph = RoleGraph(store, owns_store=False)
            self._warm_graph(graph)
        except Exception as error:  # the old generation is still answered; try again later
            log.warning("the store changed but cannot be opened again: %s", error)
            self._reloading = False
            return
        with self._lock:
            self.raw_store = self.store = store
            self.engine = QueryEngine(store, max_rows=self.settings.max_rows)
            self.generation += 1
            self._graph = graph
            self._born = time.monotonic()
            self.modified = _written(store)
            self._answers.clear()
            self._answer_bytes = 0
            self._shared.clear()
            self._following = generation
        if self.query_processes is not None:
            # New workers open the store again and see the new generation.
            self.query_processes.retire()
        log.info("the store changed: now answering from generation %s", generation)
        self._reloading = False

    def changed(self) -> None:
        """Forget everything derived from the store: it has changed."""
        with self._lock:
            self.generation += 1
            self._graph = RoleGraph(self.store, owns_store=False)
            self._born = time.monotonic()
            self.modified = time.time()
            self._answers.clear()
            self._answer_bytes = 0
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
        """Keep ``value`` under ``key`` if it was computed for the current generation; the
        least recently used answers make room past the byte budget."""
        size = _size(value)
        if size > LARGEST_KEPT:
            return
        with self._lock:
            if generation != self.generation:
                return
            old = self._answers.pop(key, None)
            if old is not None:
                self._answer_bytes -= _size(old)
            self._answers[key] = value
            self._answer_bytes += size
            while self._answer_bytes > _CACHE_BYTES and self._answers:
                _key, dropped = self._answers.popitem(last=False)
                self._answer_bytes -= _size(dropped)

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
