"""Run the SPARQL clients send: streamed from Oxigraph under a deadline and a row limit, or
through the generic Store interface for rdflib and remote servers.

With the embedded Oxigraph store, solutions are read one at a time, so a query that produces
too many rows, or produces them too slowly, is stopped at the limit instead of being held whole
in memory. Other engines answer through :meth:`Store.query`, and the limits apply to the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from rolegraph.errors import QueryError, RolegraphError, StoreError
from rolegraph.export import serialize
from rolegraph.server.formats import WRITERS, Table, from_ox, from_rdflib
from rolegraph.server.problems import ResultTooLargeError, problem_for
from rolegraph.server.workers import Deadline
from rolegraph.store import OxigraphStore, Store
from rolegraph.terms import from_ox as term_from_ox
from rolegraph.vocab import bind_prefixes

#: How many rows are read between two looks at the deadline.
_CHECK_EVERY = 16


@dataclass(frozen=True)
class QueryRequest:
    """A client's query as a worker process receives it: the text, its dataset, the media type
    and writer chosen for a table and for a graph (None: not acceptable), and its time."""

    text: str
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    table_offer: tuple[str, str] | None
    graph_offer: tuple[str, str] | None
    seconds: float


@dataclass(frozen=True)
class Reply:
    """What a query answered, ready to send: ``status`` 200 with the body in ``media_type``, or
    an error status with its message (``media_type`` None). ``unacceptable`` says the answer
    had a kind (graph or table) the client cannot take."""

    status: int
    body: bytes | str
    media_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    unacceptable: bool | None = None


@dataclass
class Answer:
    """What a query answered: a table (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    table: Table | None = None
    graph: Graph | None = None

    @property
    def is_graph(self) -> bool:
        return self.graph is not None

    def __len__(self) -> int:
        if self.graph is not None:
            return len(self.graph)
        assert self.table is not None
        return len(self.table.rows) if self.table.boolean is None else 1


def native_store(store: Store) -> ox.Store | None:
    """The pyoxigraph store inside an embedded Oxigraph store, for streamed evaluation."""
    if isinstance(store, OxigraphStore):
        native = getattr(store, "_store", None)
        if isinstance(native, ox.Store):
            return native
    return None


class QueryEngine:
    """Evaluates client queries and updates on one store."""

    def __init__(self, store: Store, *, max_rows: int) -> None:
        self.store = store
        self.max_rows = max_rows
        self._native = native_store(store)

    @property
    def supports_dataset(self) -> bool:
        """Whether default-graph-uri and named-graph-uri can be honoured."""
        return self._native is not None

    def query(
        self,
        text: str,
        deadline: Deadline,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Answer:
        """Evaluate ``text``.

        Raises:
            QueryError: malformed query, or a dataset the engine cannot honour.
            ResultTooLargeError: more rows than ``max_rows``.
            QueryTimeoutError: the deadline passed while the answer was read.
            StoreError: the store cannot answer.
        """
        if self._native is not None:
            return self._query_native(self._native, text, deadline, default_graphs, named_graphs)
        if default_graphs or named_graphs:
            raise QueryError(
                "default-graph-uri and named-graph-uri are supported with the embedded Oxigraph "
                "store only; use FROM and FROM NAMED in the query instead"
            )
        deadline.check()
        result = self.store.query(text)
        deadline.check()
        if result.type == "CONSTRUCT":
            graph = result.graph if result.graph is not None else Graph()
            if len(graph) > self.max_rows:
                raise ResultTooLargeError(self.max_rows)
            return Answer(graph=graph)
        if result.type == "ASK":
            return Answer(table=Table(boolean=bool(result.boolean)))
        if len(result.rows) > self.max_rows:
            raise ResultTooLargeError(self.max_rows)
        rows = [tuple(from_rdflib(v) if v is not None else None for v in r) for r in result.rows]
        return Answer(table=Table(variables=list(result.variables), rows=rows))

    def _query_native(
        self,
        native: ox.Store,
        text: str,
        deadline: Deadline,
        default_graphs: list[str] | None,
        named_graphs: list[str] | None,
    ) -> Answer:
        # pyoxigraph's result iterators must be dropped on the thread that made them: an error's
        # traceback would carry them to the event loop's thread, so it is cut here.
        try:
            return self._evaluate_native(native, text, deadline, default_graphs, named_graphs)
        except Exception as error:
            failure = error
            _drop_tracebacks(failure)
        raise failure

    def _evaluate_native(
        self,
        native: ox.Store,
        text: str,
        deadline: Deadline,
        default_graphs: list[str] | None,
        named_graphs: list[str] | None,
    ) -> Answer:
        options: dict[str, Any] = {}
        try:
            if default_graphs is not None or named_graphs is not None:
                options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
                if named_graphs is not None:
                    options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
            else:
                options["use_default_graph_as_union"] = True
        except ValueError as error:
            raise QueryError(f"invalid graph IRI: {error}") from error
        try:
            answer = native.query(text, **options)
            if isinstance(answer, ox.QueryBoolean):
                return Answer(table=Table(boolean=bool(answer)))
            if isinstance(answer, ox.QuerySolutions):
                return Answer(table=self._read_solutions(answer, deadline))
            return Answer(graph=self._read_triples(answer, deadline))
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error}") from error
        except OSError as error:
            raise StoreError(str(error)) from error
        except (ValueError, TypeError) as error:
            raise QueryError(f"the query cannot be evaluated: {error}") from error

    def _read_solutions(self, solutions: ox.QuerySolutions, deadline: Deadline) -> Table:
        variables = [v.value for v in solutions.variables]
        rows: list[tuple[Any, ...]] = []
        limit = self.max_rows
        for count, solution in enumerate(solutions):
            if count % _CHECK_EVERY == 0:
                deadline.check()
            if count >= limit:
                raise ResultTooLargeError(limit)
            rows.append(tuple(from_ox(v) if v is not None else None for v in solution))
        deadline.check()
        return Table(variables=variables, rows=rows)

    def _read_triples(self, triples: ox.QueryTriples, deadline: Deadline) -> Graph:
        graph = bind_prefixes(Graph())
        limit = self.max_rows
        for count, triple in enumerate(triples):
            if count % _CHECK_EVERY == 0:
                deadline.check()
            if count >= limit:
                raise ResultTooLargeError(limit)
            graph.add(
                (
                    term_from_ox(triple.subject),  # type: ignore[arg-type]
                    term_from_ox(triple.predicate),
                    term_from_ox(triple.object),  # type: ignore[arg-type]
                )
            )
        deadline.check()
        return graph

    def answer(self, request: QueryRequest) -> Reply:
        """Evaluate ``request`` and serialize its answer; every error becomes a Reply (what
        crosses from a worker process to the server is plain data)."""
        deadline = Deadline(request.seconds)
        try:
            answer = self.query(
                request.text,
                deadline,
                default_graphs=request.default_graphs,
                named_graphs=request.named_graphs,
            )
            if answer.graph is not None:
                if request.graph_offer is None:
                    return Reply(406, "", unacceptable=True)
                data = serialize(answer.graph, request.graph_offer[1])
                deadline.check()
                return Reply(200, data, request.graph_offer[0])
            assert answer.table is not None
            if request.table_offer is None:
                return Reply(406, "", unacceptable=False)
            data = WRITERS[request.table_offer[1]](answer.table)
            deadline.check()
            return Reply(200, data, request.table_offer[0])
        except RolegraphError as error:
            problem = problem_for(error)
            return Reply(problem.status, problem.message, headers=tuple(problem.headers.items()))

    def update(self, text: str) -> None:
        """Run a SPARQL update.

        Raises:
            QueryError: malformed update.
            StoreError: the store cannot apply it.
        """
        # Through the store, never the native one: it records the change, so answers and
        # projections kept beside an on-disk store are not read back for the new content.
        self.store.update(text)


def _drop_tracebacks(error: BaseException) -> None:
    """Cut the tracebacks of ``error`` and of the errors it was raised from."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
