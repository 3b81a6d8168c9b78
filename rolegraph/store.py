"""Where the graph lives: in memory (rdflib or Oxigraph), in an on-disk Oxigraph store, or on a
remote SPARQL 1.1 server. Every store answers the same SPARQL over the union of its named graphs.

Each source (the ontology, the article, one release of a taxonomy, the user's files) is kept in its
own named graph, so a re-import replaces exactly what it imported and a query still sees everything.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import shutil
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar, cast
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef, Variable
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from rolegraph.answers import AnswerCache
from rolegraph.errors import InputError, QueryError, QueryTimeoutError, StoreError
from rolegraph.files import write_atomically
from rolegraph.load import Triple, builtin_sources, iter_triples
from rolegraph.redact import add_secret, redact
from rolegraph.results import QueryResult
from rolegraph.terms import from_ox, ntriples, to_ox, typed_literal, write_ntriples
from rolegraph.vocab import GRAPH, bind_prefixes, sparql_prologue

T = TypeVar("T")

_STAGING = str(GRAPH["staging/"])
_BATCH = 50_000
#: How often a reader tries to open a store that a writer is compacting.
_OPEN_ATTEMPTS = 8

#: A bulk load of at least this many triples is followed by a compaction of the store; a smaller
#: one adds a few small files that queries do not notice, and compacting 2 million triples for a
#: few thousand new ones would cost seconds.
_COMPACT_AFTER = 100_000


class Store(ABC):
    """A graph store: SPARQL over the union of its named graphs, which it fills and replaces."""

    #: Short name of the engine, shown in ``--version``-like reports and benchmarks.
    engine: str = "abstract"

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query; ``bindings`` bind variables to RDF terms before evaluation.

        Raises:
            QueryError: the query is malformed.
            StoreError: the store cannot answer.
        """

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 update."""

    @abstractmethod
    def replace_graph(self, graph_iri: URIRef, triples: Iterable[Triple]) -> int:
        """Replace one named graph's content, atomically where the engine allows; return the count.

        Readers see the old content until the new one is complete, and an interrupted replacement
        leaves the old content in place.
        """

    @abstractmethod
    def graph_names(self) -> list[URIRef]:
        """The named graphs in the store."""

    @abstractmethod
    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        """Every triple of one named graph, or of all of them."""

    def drop_graph(self, graph_iri: URIRef) -> None:
        """Remove one named graph."""
        self.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def to_graph(self, graph_iri: URIRef | None = None) -> Graph:
        """A copy of one named graph, or of the union of all, as an in-memory rdflib graph."""
        graph = bind_prefixes(Graph())
        for triple in self.triples(graph_iri):
            graph.add(triple)
        return graph

    def count(self, graph_iri: URIRef | None = None) -> int:
        """The number of triples in one named graph, or in all of them."""
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
        value = result.rows[0][0] if result.rows else None
        return int(value.toPython()) if isinstance(value, RdfLiteral) else 0

    def dump_ntriples(self, path: Path, graphs: Iterable[URIRef] | None = None) -> None:
        """Write one named graph after another (default: all) to ``path`` as N-Triples."""
        names = list(graphs) if graphs is not None else self.graph_names()
        with path.open("w", encoding="utf-8") as out:
            for name in names:
                for triple in self.triples(name):
                    out.write(_nt_line(triple) + "\n")

    def generation(self) -> str | None:
        """An identifier that changes whenever the store's content changes, for caches kept
        beside a persistent store; None where no such cache is kept."""
        return None

    def cache_dir(self) -> Path | None:
        """Where results derived from this store may be cached; None: nowhere."""
        return None

    def close(self) -> None:
        """Release the store's resources."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OxigraphStore(Store):
    """Oxigraph, in memory or on disk: the fast default engine."""

    engine = "oxigraph"
    #: Changed since the last compaction (by anything but a bulk load, which decides itself).
    _uncompacted = False
    #: Leave the compaction a large bulk load calls for to a later write, the last import of a
    #: batch (``import --no-prepare``): that write compacts the whole store once, however small
    #: it is, instead of every import compacting it again. A file beside the store records that
    #: a compaction is owed.
    defer_compaction = False

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        keep_answers: bool = True,
        lock_timeout: float = 0.0,
        lock: StoreLock | None = None,
    ) -> None:
        """Open Oxigraph in memory (``path`` None) or on disk.

        Args:
            read_only: open an on-disk store for reading only: any number of processes may
                read while one writes; a reader sees the content the store had when it opened.
            keep_answers: keep the answers of slow queries beside an on-disk store until it
                changes (:mod:`rolegraph.answers`).
            lock_timeout: how long a writer waits for another writer to finish (seconds).
            lock: the writer's lock, when the caller already holds it.

        Raises:
            StoreError: the store does not exist (reading), another process is writing it
                (writing), or it cannot be opened.
        """
        self.path = Path(path) if path is not None else None
        self.read_only = read_only and self.path is not None
        folder = self.cache_dir()
        self.answers = AnswerCache(folder / "answers") if keep_answers and folder else None
        self._lock: StoreLock | None = None
        #: Graphs a reader must not see: one an import was loading when the disk filled up,
        #: which no process could remove yet (the next writer does).
        self._hidden: frozenset[str] = frozenset()
        if self.path is not None and self.read_only:
            self._store = _open_reader(self.path)
            self._hidden = _incomplete_graphs(self.path)
        elif self.path is not None:
            # One writer at a time; recovery of what an interrupted writer left runs only here.
            self._lock = lock or StoreLock(self.path).acquire(lock_timeout)
            self._owns_lock = lock is None
            try:
                _recover_interrupted_swap(self.path)
                self._store = self._open()
            except BaseException:
                self._release_lock()
                raise
        else:
            self._store = self._open()
        # A read-only handle keeps seeing the content the store had when it was opened.
        self._opened_generation = self._read_generation()
        if not self.read_only:
            try:
                self._drop_staging()
                self._drop_interrupted_import()
            except BaseException:
                self._release_lock()
                raise

    def _run(self, store: ox.Store, sparql: str) -> Any:
        """Evaluate a query over the union of the named graphs a reader may see."""
        if not self._hidden:
            return store.query(sparql, use_default_graph_as_union=True)
        visible: list[ox.NamedNode | ox.BlankNode] = [
            name
            for name in store.named_graphs()
            if not (isinstance(name, ox.NamedNode) and name.value in self._hidden)
        ]
        return store.query(sparql, default_graph=list(visible), named_graphs=visible)

    def _read(self, operation: Callable[[ox.Store], T]) -> T:
        """Run a read; a read-only handle whose files a writer has just compacted or swapped
        away opens the store again (seeing its new content) and reads once more."""
        try:
            return operation(self._store)
        except (OSError, RuntimeError) as error:
            if not self.read_only or "No such file" not in str(error):
                raise
        assert self.path is not None
        self._store = _open_reader(self.path)
        self._hidden = _incomplete_graphs(self.path)
        self._opened_generation = self._read_generation()
        return operation(self._store)

    def _release_lock(self) -> None:
        if self._lock is not None and getattr(self, "_owns_lock", False):
            self._lock.release()
        self._lock = None

    def _drop_interrupted_import(self) -> None:
        """Remove the partial graph of an import that was interrupted while it loaded."""
        if self.path is None:
            return
        marker = _import_marker(self.path)
        if marker.is_file():
            graph = marker.read_text(encoding="utf-8").strip()
            if graph:
                self._store.remove_graph(ox.NamedNode(graph))
            marker.unlink()
            self._changed()

    def _open(self) -> ox.Store:
        try:
            if self.path is None:
                return ox.Store()
            if self.read_only:
                return ox.Store.read_only(str(self.path))
            self.path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(_open_failure(self.path or Path("."), error)) from error

    def _drop_staging(self) -> None:
        """Drop what an interrupted replacement left in its staging graphs."""
        leftovers = [name for name in self.graph_names() if str(name).startswith(_STAGING)]
        for name in leftovers:
            self._store.remove_graph(ox.NamedNode(str(name)))
        if leftovers:
            self._changed()

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        # Oxigraph substitutes only projected variables: bind the others in the query text.
        sparql = bind_in_text(sparql, bindings or {})
        generation = self.generation() if self.answers is not None else None
        answers = self.answers if generation is not None else None
        if answers is not None and generation is not None:
            kept = answers.get(sparql, generation)
            if kept is not None:
                return kept
        started = time.perf_counter()
        try:
            result = self._read(lambda store: _from_ox_result(self._run(store, sparql)))
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error}") from error
        except OSError as error:
            raise StoreError(str(error)) from error
        seconds = time.perf_counter() - started
        # Kept only if slow enough, and if the store did not change while the query ran (the
        # generation is read again only then: a fast query pays for one read, not two).
        if (
            answers is not None
            and generation is not None
            and seconds >= answers.slow_seconds
            and generation == self.generation()
        ):
            answers.put(sparql, generation, result, seconds)
        return result

    def update(self, sparql: str) -> None:
        parsed = True
        try:
            self._store.update(sparql)
        except SyntaxError as error:
            parsed = False
            raise QueryError(f"malformed SPARQL update: {error}") from error
        except OSError as error:
            raise StoreError(str(error)) from error
        except (ValueError, TypeError) as error:
            raise QueryError(f"the update cannot be applied: {error}") from error
        finally:
            if parsed:  # even a failed update may have applied part of itself
                self._forget_snapshots()
                self._changed()

    def _changed(self) -> None:
        """Record that the content changed: caches beside the store become stale."""
        if self.path is not None and not self.read_only:
            write_atomically(_generation_file(self.path), uuid.uuid4().hex.encode("ascii"))
            self._opened_generation = self._read_generation()
            self._uncompacted = True

    def _read_generation(self) -> str | None:
        if self.path is None:
            return None
        try:
            return _generation_file(self.path).read_text(encoding="utf-8").strip() or "initial"
        except FileNotFoundError:
            return "initial"
        except OSError:
            return None

    def generation(self) -> str | None:
        """The store's generation; None for a read-only handle opened before the last change,
        which still sees the older content (nothing derived from it may be kept under the new
        generation)."""
        current = self._read_generation()
        if self.read_only and current != self._opened_generation:
            return None
        return current

    def cache_dir(self) -> Path | None:
        if self.path is None:
            return None
        return self.path.with_name(f".{self.path.name}.cache")

    def dump_ntriples(self, path: Path, graphs: Iterable[URIRef] | None = None) -> None:
        """Write the graphs as N-Triples: an on-disk store copies each graph's snapshot, written
        when the graph was imported (or on the first dump), instead of reading its indexes
        again (a million triples take seconds to dump, a fraction of a second to copy)."""
        names = list(graphs) if graphs is not None else self.graph_names()
        with path.open("wb") as out:
            for name in names:
                graph = ox.NamedNode(str(name))
                snapshot = self._snapshot(graph)
                if snapshot is None:
                    self._store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
                    continue
                if not snapshot.is_file():
                    self._write_snapshot(graph, snapshot)
                with snapshot.open("rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)

    def engine_quads(self, graphs: Iterable[URIRef] | None = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (default: all), one graph after another, as the
        engine's own terms and in its index order (a subject's triples come together), for
        serializers that stream without building a copy of the graph."""
        names = list(graphs) if graphs is not None else self.graph_names()
        for name in names:
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))

    def dump(self, out: Any, rdf_format: ox.RdfFormat, graph: URIRef | None = None) -> None:
        """The engine's own serialization, written to ``out`` (a binary file, or anything with
        ``write(bytes)``) as it goes: one named graph in a graph format, or the whole store in a
        dataset format (``graph`` None)."""
        source = ox.NamedNode(str(graph)) if graph is not None else None
        sink = _Sink(out)
        try:
            self._store.dump(cast(IO[bytes], sink), rdf_format, from_graph=source)
        except OSError as error:
            if sink.error is not None:  # the output failed (a full disk, a closed pipe)
                reason = sink.error.strerror or str(sink.error)
                raise InputError(f"cannot write: {reason}") from sink.error
            raise StoreError(f"cannot read the store: {error}") from error

    def _snapshot(self, graph: ox.NamedNode) -> Path | None:
        """Where the N-Triples snapshot of one graph of an on-disk store is kept."""
        folder = self.cache_dir()
        if folder is None:
            return None
        digest = hashlib.sha1(graph.value.encode("utf-8")).hexdigest()[:20]
        return folder / "graphs" / f"{digest}.nt"

    def _write_snapshot(self, graph: ox.NamedNode, snapshot: Path) -> None:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        partial = snapshot.with_suffix(".partial")
        self._store.dump(partial, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        os.replace(partial, snapshot)

    def _forget_snapshots(self, graph: ox.NamedNode | None = None) -> None:
        """Drop the snapshot of one graph, or of all (after an arbitrary update)."""
        folder = self.cache_dir()
        if folder is None or self.read_only:
            return
        if graph is None:
            shutil.rmtree(folder / "graphs", ignore_errors=True)
            return
        snapshot = self._snapshot(graph)
        if snapshot is not None:
            snapshot.unlink(missing_ok=True)

    def replace_graph(self, graph_iri: URIRef, triples: Iterable[Triple]) -> int:
        if self.path is not None:
            try:
                return self._rebuild_with(graph_iri, triples)
            except OSError as error:
                raise StoreError(_write_failure(self.path, graph_iri, error)) from error
        staging = ox.NamedNode(f"{_STAGING}{abs(hash(str(graph_iri)))}")
        self._store.remove_graph(staging)
        count = 0
        try:
            for batch in _batches(_quads(triples, staging)):
                self._store.extend(batch)
                count += len(batch)
        except BaseException:
            self._store.remove_graph(staging)
            raise
        # One update moves the staged graph in place: readers never see it half-filled.
        self.update(f"MOVE SILENT GRAPH <{staging.value}> TO <{graph_iri}>")
        return count

    def _rebuild_with(self, graph_iri: URIRef, triples: Iterable[Triple]) -> int:
        """Replace a graph of an on-disk store by building a new store beside it and swapping.

        Deleting a large graph in Oxigraph rewrites every index entry (35 s for ESCO), while a
        bulk load writes a million triples in seconds: so the new store receives a copy of the
        other graphs and the new content, and replaces the old directory only once complete. An
        interrupted import leaves the old store as it was.
        """
        assert self.path is not None
        target = ox.NamedNode(str(graph_iri))
        # The new content is written out in full before the store is touched: an input that
        # fails halfway changes nothing.
        snapshot, partial, count = self._stage_snapshot(target, triples)
        owed = _compaction_marker(self.path)
        compact = count >= _COMPACT_AFTER or (not self.defer_compaction and owed.exists())
        deferred = compact and self.defer_compaction
        try:
            if target not in set(self._store.named_graphs()):
                self._add_new_graph(target, partial, compact and not deferred)
            else:
                self._build_and_swap(target, partial, compact and not deferred)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, snapshot)
        if deferred:
            owed.touch()
        elif compact:
            owed.unlink(missing_ok=True)
        return count

    def _stage_snapshot(
        self, graph: ox.NamedNode, triples: Iterable[Triple]
    ) -> tuple[Path, Path, int]:
        """Write ``triples`` as the N-Triples snapshot-to-be of ``graph``: (snapshot, partial
        file, count). The engine bulk-loads the file, so Python builds text, not engine terms."""
        snapshot = self._snapshot(graph)
        assert snapshot is not None
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        for stale in snapshot.parent.glob(f"{snapshot.stem}.*partial"):
            stale.unlink(missing_ok=True)  # left by an interrupted import
        partial = snapshot.with_suffix(f".{os.getpid()}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="\n") as out:
                count = write_ntriples(triples, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return snapshot, partial, count

    def _bulk_load(self, store: ox.Store, graph: ox.NamedNode, path: Path) -> None:
        """Bulk-load an N-Triples file into ``graph`` of ``store``."""
        try:
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except SyntaxError as error:
            raise InputError(f"not valid RDF: {error.msg}", file=path) from error

    def _build_and_swap(self, target: ox.NamedNode, partial: Path, compact: bool) -> None:
        """Build a store with every graph but ``target`` copied from its snapshot and ``target``
        loaded from ``partial``, then swap it in place of this one."""
        assert self.path is not None
        building = self.path.with_name(f".{self.path.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        try:
            fresh = ox.Store(str(building))
            for name in self._store.named_graphs():
                if not isinstance(name, ox.NamedNode) or name == target:
                    continue
                if name.value.startswith(_STAGING):
                    continue
                snapshot = self._snapshot(name)
                assert snapshot is not None
                if not snapshot.is_file():
                    self._write_snapshot(name, snapshot)
                self._bulk_load(fresh, name, snapshot)
            self._bulk_load(fresh, target, partial)
            fresh.flush()
            if compact:
                fresh.optimize()
            del fresh
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        self._swap_in(building)
        self._uncompacted = False

    def _add_new_graph(self, graph: ox.NamedNode, partial: Path, compact: bool) -> None:
        """Bulk-load a graph the store does not have yet, straight into the store.

        A marker file names the graph while it loads; if the load is interrupted, the next open
        removes the partial graph, so the store is as it was before.
        """
        assert self.path is not None
        marker = _import_marker(self.path)
        marker.write_text(graph.value, encoding="utf-8")
        self._changed()
        try:
            self._bulk_load(self._store, graph, partial)
            self._store.flush()
            if compact:
                self._store.optimize()
        except BaseException as error:
            try:
                self._drop_interrupted_import()
            except OSError:
                # No room even to remove it (a full disk): readers do not see the partial
                # graph the marker names, and the next writer removes it.
                if isinstance(error, OSError):
                    raise StoreError(
                        _write_failure(self.path, URIRef(graph.value), error, removed=False)
                    ) from error
            raise
        marker.unlink()
        self._changed()
        self._uncompacted = False

    def _swap_in(self, building: Path) -> None:
        """Put the store built in ``building`` in place of this one, and reopen."""
        assert self.path is not None
        retired = self.path.with_name(f".{self.path.name}.retired-{os.getpid()}")
        self._store.flush()
        del self._store
        # Readers opening the store wait the few milliseconds the two renames take.
        with _swap_guard(self.path, fcntl.LOCK_EX):
            os.replace(self.path, retired)
            os.replace(building, self.path)
        shutil.rmtree(retired, ignore_errors=True)
        self._store = self._open()
        self._changed()

    def load_file(
        self, graph_iri: URIRef, path: Path | Sequence[Path], rdf_format: ox.RdfFormat
    ) -> None:
        """Replace a named graph with the content of one or more files, parsed by Oxigraph
        directly (fastest)."""
        staging = ox.NamedNode(f"{_STAGING}file")
        self._store.remove_graph(staging)
        for one in [path] if isinstance(path, Path) else path:
            try:
                self._store.load(path=one, format=rdf_format, to_graph=staging)
            except SyntaxError as error:
                raise InputError(
                    str(error.msg), file=one, line=error.lineno, column=error.offset
                ) from error
        self.update(f"MOVE SILENT GRAPH <{staging.value}> TO <{graph_iri}>")

    def graph_names(self) -> list[URIRef]:
        return sorted(
            URIRef(g.value)
            for g in self._read(lambda store: list(store.named_graphs()))
            if isinstance(g, ox.NamedNode) and g.value not in self._hidden
        )

    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        graph = ox.NamedNode(str(graph_iri)) if graph_iri is not None else None
        for quad in self._store.quads_for_pattern(None, None, None, graph):
            if self._hidden and getattr(quad.graph_name, "value", None) in self._hidden:
                continue
            yield from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)  # type: ignore[arg-type]

    def count(self, graph_iri: URIRef | None = None) -> int:
        if graph_iri is None and not self._hidden:
            return self._read(len)
        return super().count(graph_iri)

    def flush(self) -> None:
        """Write pending changes to disk and compact what changed since the last compaction
        (no-op in memory; a bulk load has already done both)."""
        if self.path is not None:
            try:
                self._store.flush()
                if self._uncompacted:
                    self._store.optimize()
                    self._uncompacted = False
            except OSError as error:
                raise StoreError(_open_failure(self.path, error, "write")) from error

    def close(self) -> None:
        if not hasattr(self, "_store"):
            return
        try:
            if self.path is not None and not self.read_only:
                # Committed changes are in the write-ahead log already: a flush that fails
                # (a full disk) loses nothing, and the error that led here was reported.
                with contextlib.suppress(OSError):
                    self._store.flush()
        finally:
            del self._store
            self._release_lock()


class StoreLock:
    """The exclusive right to change an on-disk store, held by one process at a time.

    An advisory ``fcntl`` lock on a file beside the store (``.NAME.lock``), which the system
    releases when the holder exits, however it exits: a crashed writer never blocks the next.
    The file names the holder's process, so the next writer can say who it waits for.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.with_name(f".{path.name}.lock")
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; True when taken."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        with contextlib.suppress(OSError):  # who holds it is a courtesy (a full disk refuses)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd
        return True

    def acquire(self, timeout: float = 0.0) -> StoreLock:
        """Take the lock, waiting up to ``timeout`` seconds for the writer that holds it.

        Raises:
            StoreError: another process still holds it (the message names it).
        """
        deadline = time.monotonic() + max(timeout, 0.0)
        try:
            while not self.try_acquire():
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"the store at {self.path} is being changed by another process "
                        f"({self.holder()}); try again when it has finished"
                    )
                time.sleep(0.1)
        except OSError as error:
            raise StoreError(f"cannot lock the store at {self.path}: {error.strerror}") from error
        return self

    def holder(self) -> str:
        """Who holds the lock, as well as the lock file says."""
        try:
            pid = self.file.read_text(encoding="ascii").strip()
        except OSError:
            pid = ""
        return f"process {pid}" if pid.isdigit() else "process unknown"

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing releases the lock
            self._fd = None

    def __enter__(self) -> StoreLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


@contextlib.contextmanager
def _swap_guard(path: Path, mode: int) -> Iterator[None]:
    """Shared while a reader opens the store, exclusive while a writer swaps its directory."""
    guard = path.with_name(f".{path.name}.swap")
    try:
        fd = os.open(guard, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a folder readers may not write: nothing to coordinate with
        yield
        return
    try:
        fcntl.flock(fd, mode)
        yield
    finally:
        os.close(fd)


def _needs_recovery(path: Path) -> bool:
    """Whether an interrupted writer left something behind (a swap, a build, a partial graph)."""
    leftovers = (f".{path.name}.building-*", f".{path.name}.retired-*")
    return _import_marker(path).exists() or any(
        next(path.parent.glob(pattern), None) is not None for pattern in leftovers
    )


def _open_reader(path: Path) -> ox.Store:
    """Open an on-disk store read-only, first finishing what a crashed writer left undone
    (only when no writer is at work: a running writer's folders are never touched)."""
    if path.parent.is_dir() and _needs_recovery(path):
        lock = StoreLock(path)
        # A folder this reader may not write, or a disk too full to recover on: read as is.
        with contextlib.suppress(OSError, StoreError):
            if lock.try_acquire():
                try:
                    _recover_interrupted_swap(path)
                    if (path / "CURRENT").is_file() and _import_marker(path).exists():
                        OxigraphStore(path, keep_answers=False, lock=lock).close()
                finally:
                    lock.release()
    with _swap_guard(path, fcntl.LOCK_SH):
        if not (path / "CURRENT").is_file():
            raise StoreError(
                f"no store at {path}: import data into it first (rolegraph import ... --store "
                f"{path})"
            )
        # A writer compacting the store meanwhile may remove a file between the moment the
        # reader lists it and the moment it opens it: opening again sees the new list.
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                return ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as error:
                if attempt + 1 == _OPEN_ATTEMPTS or "No such file" not in str(error):
                    if isinstance(error, OSError):
                        raise StoreError(_open_failure(path, error)) from error
                    raise StoreError(f"cannot open the store at {path}: {error}") from error
                time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _incomplete_graphs(path: Path) -> frozenset[str]:
    """The graph an interrupted import left partly loaded, while no writer could remove it."""
    try:
        graph = _import_marker(path).read_text(encoding="utf-8").strip()
    except OSError:
        return frozenset()
    return frozenset([graph]) if graph else frozenset()


def _write_failure(path: Path, graph: URIRef, error: OSError, *, removed: bool = True) -> str:
    """One line saying why writing ``graph`` into the store at ``path`` failed, and that the
    store kept its previous content."""
    text = str(error)
    full = error.errno == errno.ENOSPC or "No space left" in text
    reason = "no space left on the device" if full else (error.strerror or text)
    kept = f"the store at {path} keeps its previous content"
    if not removed:
        kept += " (the part loaded is hidden and removed by the next import once space is freed)"
    return f"cannot import <{graph}>: {reason}; {kept}"


def _open_failure(path: Path | None, error: OSError, doing: str = "open") -> str:
    """One line saying why the store at ``path`` cannot be opened (or written)."""
    text = str(error)
    if error.errno == errno.ENOSPC or "No space left" in text:
        return f"cannot {doing} the store at {path}: no space left on the device"
    if "lock" in text.lower():
        return (
            f"the store at {path} is open for writing in a process that is not rolegraph "
            f"(Oxigraph's lock: {text})"
        )
    return f"cannot open the store at {path}: {text}"


class _Sink:
    """A binary output that remembers why a write failed, so a failed output is not taken for
    a store that cannot be read."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.error: OSError | None = None

    def write(self, data: bytes) -> Any:
        try:
            return self.out.write(data)
        except OSError as error:
            self.error = error
            raise

    def flush(self) -> None:
        try:
            if hasattr(self.out, "flush"):
                self.out.flush()
        except OSError as error:
            self.error = error
            raise


def _quads(triples: Iterable[Triple], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    for s, p, o in triples:
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]


def _batches(quads: Iterator[ox.Quad], size: int = _BATCH) -> Iterator[list[ox.Quad]]:
    batch: list[ox.Quad] = []
    for quad in quads:
        batch.append(quad)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _generation_file(path: Path) -> Path:
    return path.with_name(f".{path.name}.generation")


def _import_marker(path: Path) -> Path:
    return path.with_name(f".{path.name}.importing")


def _compaction_marker(path: Path) -> Path:
    """The file saying that a bulk load left the compaction of the store to a later write."""
    return path.with_name(f".{path.name}.uncompacted")


def _recover_interrupted_swap(path: Path) -> None:
    """Finish or undo a swap of store directories that a crash interrupted, and remove the
    leftovers of an interrupted build."""
    for leftover in path.parent.glob(f".{path.name}.building-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    retired = sorted(path.parent.glob(f".{path.name}.retired-*"))
    if retired and not path.exists():
        os.replace(retired[-1], path)
        retired = retired[:-1]
    for leftover in retired:
        shutil.rmtree(leftover, ignore_errors=True)


def _from_ox_result(answer: Any) -> QueryResult:
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [
            tuple(from_ox(value) if value is not None else None for value in solution)  # type: ignore[arg-type]
            for solution in answer
        ]
        return QueryResult("SELECT", variables=variables, rows=rows)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    graph = bind_prefixes(Graph())
    for triple in answer:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))  # type: ignore[arg-type]
    return QueryResult("CONSTRUCT", graph=graph)


class RdflibStore(Store):
    """rdflib's in-memory dataset: the pure-Python engine, kept working beside Oxigraph."""

    engine = "rdflib"

    def __init__(self) -> None:
        self._dataset = Dataset(default_union=True)
        bind_prefixes(self._dataset)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        init: dict[str, Any] = {str(Variable(k)): v for k, v in (bindings or {}).items()}
        try:
            answer = self._dataset.query(sparql, initBindings=init)
        except Exception as error:  # rdflib raises pyparsing errors and plain exceptions alike
            raise QueryError(f"malformed SPARQL query: {error}") from error
        if answer.type == "SELECT":
            variables = [str(v) for v in answer.vars or []]
            rows = [tuple(row) for row in answer]  # type: ignore[arg-type]
            return QueryResult("SELECT", variables=variables, rows=rows)  # type: ignore[arg-type]
        if answer.type == "ASK":
            return QueryResult("ASK", boolean=bool(answer.askAnswer))
        graph = bind_prefixes(Graph())
        for triple in answer:
            graph.add(triple)  # type: ignore[arg-type]
        return QueryResult("CONSTRUCT", graph=graph)

    def update(self, sparql: str) -> None:
        try:
            self._dataset.update(sparql)
        except Exception as error:
            raise QueryError(f"malformed SPARQL update: {error}") from error

    def replace_graph(self, graph_iri: URIRef, triples: Iterable[Triple]) -> int:
        # Read the whole input before touching the graph, so an input that fails halfway leaves
        # the old graph as it was; a list costs a fraction of an indexed rdflib graph.
        staged = list(triples)
        for triple in staged:
            if not all(isinstance(term, Node) for term in triple):
                raise QueryError(f"not an RDF triple: {triple!r}")
        self._dataset.remove_graph(graph_iri)
        graph = self._dataset.graph(graph_iri)
        graph.addN((s, p, o, graph) for s, p, o in staged)
        return len(graph)

    def graph_names(self) -> list[URIRef]:
        return sorted(
            g.identifier
            for g in self._dataset.graphs()
            if isinstance(g.identifier, URIRef)
            and len(g)
            and "urn:x-rdflib:default" not in g.identifier
        )

    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        source = self._dataset.graph(graph_iri) if graph_iri is not None else self._dataset
        yield from source.triples((None, None, None))

    def count(self, graph_iri: URIRef | None = None) -> int:
        if graph_iri is None:
            return sum(len(self._dataset.graph(g)) for g in self.graph_names())
        return len(self._dataset.graph(graph_iri))


@dataclass(frozen=True)
class RemoteSettings:
    """How to reach a SPARQL 1.1 server: query, update and graph store URLs, credentials."""

    query_url: str
    update_url: str | None = None
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0

    @classmethod
    def from_env(cls, query_url: str) -> RemoteSettings:
        """Settings for ``query_url``, completed from ROLEGRAPH_UPDATE_URL, ROLEGRAPH_GSP_URL,
        ROLEGRAPH_USER, ROLEGRAPH_PASSWORD and ROLEGRAPH_TIMEOUT."""
        return cls(
            query_url=query_url,
            update_url=os.environ.get("ROLEGRAPH_UPDATE_URL") or None,
            graph_store_url=os.environ.get("ROLEGRAPH_GSP_URL") or None,
            user=os.environ.get("ROLEGRAPH_USER") or None,
            password=os.environ.get("ROLEGRAPH_PASSWORD") or None,
            timeout=float(os.environ.get("ROLEGRAPH_TIMEOUT", "60")),
        )


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A SPARQL VALUES block binding each variable to one RDF term, written in N-Triples syntax so
    a value is always data, never query text."""
    names = list(bindings)
    terms = []
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid variable name {name!r}")
        term = bindings[name]
        if isinstance(term, BNode):
            raise QueryError("blank nodes cannot be bound as query parameters")
        terms.append(ntriples(term))
    variables = " ".join(f"?{name}" for name in names)
    return f"VALUES ({variables}) {{ ({' '.join(terms)}) }}"


_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<comment>#[^\n]*)",
            r"(?P<string>'{3}.*?'{3}|\"{3}.*?\"{3}|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\")",
            r"(?P<iri><[^<>\"{}|^`\\\s]*>)",
            r"(?P<var>[?$][A-Za-z0-9_]+)",
            r"(?P<pname>[A-Za-z_][\w.-]*:[\w.-]*)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<open>\{)",
            r"(?P<close>\})",
            r"(?P<paren>[()])",
        ]
    ),
    re.DOTALL,
)


def bind_in_text(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Bind variables by a VALUES block placed first in the query's WHERE group, and first in
    the group of every subquery that projects one of them.

    Used for engines without native parameter binding (remote servers, Oxigraph when a bound
    variable is not projected). The values are serialized RDF terms, so a hostile value is a
    literal that matches nothing, never query text. A subquery is evaluated on its own before
    it is joined, so a value bound only outside it narrows nothing inside: bound inside as well,
    the subquery reads the matches of the value instead of every match. Only subqueries whose
    rows the binding cannot change otherwise get it: none cut by LIMIT or OFFSET, none binding
    the variable itself (``AS ?var``), none inside a subquery that hides the variable.

    Raises:
        QueryError: the query has no WHERE group to bind parameters in.
    """
    if not bindings:
        return sparql
    tokens = [(m.lastgroup or "", m.group(), m.end()) for m in _TOKEN.finditer(sparql)]
    opening = _where_group(tokens)
    if opening is None:
        raise QueryError("the query has no WHERE clause to bind parameters in")
    inserts = [(tokens[opening][2], values_clause(bindings))]
    closing = _group_end(tokens, opening)
    inserts += _subquery_bindings(tokens, opening + 1, closing, bindings, set(bindings))
    for position, clause in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        sparql = f"{sparql[:position]} {clause} {sparql[position:]}"
    return sparql


def _where_group(tokens: Sequence[tuple[str, str, int]]) -> int | None:
    """The index of the token opening the query's WHERE group (not a CONSTRUCT template)."""
    depth = 0
    seen_where = False
    construct_template_pending = False
    for index, (kind, text, _) in enumerate(tokens):
        if kind == "word" and depth == 0:
            word = text.upper()
            if word == "WHERE":
                seen_where = True
            elif word == "CONSTRUCT":
                construct_template_pending = True
        elif kind == "open":
            if depth == 0:
                if construct_template_pending and not seen_where:
                    construct_template_pending = False
                    depth += 1
                    continue
                return index
            depth += 1
        elif kind == "close":
            depth -= 1
    return None


def _group_end(tokens: Sequence[tuple[str, str, int]], opening: int) -> int:
    """The index of the token closing the group opened at ``opening`` (the end when unclosed)."""
    depth = 0
    for index in range(opening, len(tokens)):
        kind = tokens[index][0]
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
            if depth == 0:
                return index
    return len(tokens)


def _subquery_bindings(
    tokens: Sequence[tuple[str, str, int]],
    start: int,
    stop: int,
    bindings: Mapping[str, Node],
    names: set[str],
) -> list[tuple[int, str]]:
    """VALUES blocks for the subqueries between tokens ``start`` and ``stop`` that project
    bound variables, as (position, clause)."""
    inserts: list[tuple[int, str]] = []
    index = start
    while index < stop and names:
        kind, text, _ = tokens[index]
        if kind != "word" or text.upper() != "SELECT":
            index += 1
            continue
        projected: set[str] = set()
        parens = 0
        index += 1
        while index < stop and not (tokens[index][0] == "open" and parens == 0):
            kind, text, _ = tokens[index]
            if kind == "paren":
                parens += 1 if text == "(" else -1
            elif kind == "var" and parens == 0:
                projected.add(text[1:])
            index += 1
        if index >= stop:
            break
        closing = _group_end(tokens, index)
        inner = names & projected
        inner -= {
            tokens[at + 1][1][1:]
            for at in range(index, closing)
            if tokens[at][0] == "word" and tokens[at][1].upper() == "AS" and at + 1 < closing
        }
        if inner and _cuts_rows(tokens, closing, stop):
            inner = set()
        if inner:
            values = {name: term for name, term in bindings.items() if name in inner}
            inserts.append((tokens[index][2], values_clause(values)))
            inserts += _subquery_bindings(tokens, index + 1, closing, bindings, inner)
        index = closing + 1
    return inserts


def _cuts_rows(tokens: Sequence[tuple[str, str, int]], closing: int, stop: int) -> bool:
    """Whether the modifiers after a subquery's group (closing at ``closing``) may cut its rows:
    a LIMIT or OFFSET, or anything not understood (a brace before the end of the group)."""
    for index in range(closing + 1, stop + 1):
        kind, text, _ = tokens[index] if index < len(tokens) else ("close", "}", 0)
        if kind == "close":
            return False
        if kind == "open" or (kind == "word" and text.upper() in ("LIMIT", "OFFSET")):
            return True
    return False


class RemoteStore(Store):
    """A SPARQL 1.1 server (Oxigraph server, Fuseki, Virtuoso, GraphDB, ...), reached over HTTP."""

    engine = "sparql"

    def __init__(self, settings: RemoteSettings) -> None:
        import httpx

        self.settings = settings
        for secret in _url_secrets(settings):
            add_secret(secret)
        auth = (settings.user, settings.password or "") if settings.user else None
        self._client = httpx.Client(timeout=settings.timeout, auth=auth, follow_redirects=True)
        self._httpx = httpx

    def _post(self, url: str, **kwargs: Any) -> Any:
        httpx = self._httpx
        shown = redact(url)
        try:
            response = self._client.post(url, **kwargs)
        except httpx.TimeoutException as error:
            raise QueryTimeoutError(
                f"the SPARQL server at {shown} did not answer in time"
            ) from error
        except httpx.HTTPError as error:
            raise StoreError(
                f"cannot reach the SPARQL server at {shown}: {redact(str(error))}"
            ) from error
        if response.status_code == 400:
            raise QueryError(
                f"the SPARQL server rejected the request: {redact(response.text.strip()[:500])}"
            )
        if response.status_code >= 300:
            raise StoreError(
                f"the SPARQL server at {shown} answered {response.status_code}: "
                f"{redact(response.text.strip()[:500])}"
            )
        return response

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        sparql = bind_in_text(sparql, bindings or {})
        response = self._post(
            self.settings.query_url,
            data={"query": sparql},
            headers={
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
            },
        )
        media_type = response.headers.get("content-type", "").split(";")[0].strip()
        if media_type in ("application/sparql-results+json", "application/json"):
            return _from_sparql_json(response.json())
        # Parsed by Oxigraph and converted as every store converts its terms, so the triples
        # equal those an embedded store gives (literal forms included).
        graph = bind_prefixes(Graph())
        rdf_format = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        try:
            for quad in ox.parse(response.content, format=rdf_format):
                graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))  # type: ignore[arg-type]
        except SyntaxError as error:
            raise StoreError(f"the SPARQL server sent malformed {media_type}: {error}") from error
        return QueryResult("CONSTRUCT", graph=graph)

    def update(self, sparql: str) -> None:
        url = self.settings.update_url
        if not url:
            raise StoreError("this SPARQL server has no update URL (set ROLEGRAPH_UPDATE_URL)")
        self._post(url, data={"update": sparql})

    def replace_graph(self, graph_iri: URIRef, triples: Iterable[Triple]) -> int:
        # Stage into a temporary graph, then MOVE: the old graph stays whole if the load fails.
        staging = f"{_STAGING}remote"
        self.update(f"DROP SILENT GRAPH <{staging}>")
        try:
            if self.settings.graph_store_url:
                count = self._stream_to(staging, triples)
            else:
                count = 0
                batch: list[str] = []
                for triple in triples:
                    batch.append(_nt_line(triple))
                    if len(batch) >= 10_000:
                        self.update(_insert_data(staging, batch))
                        count += len(batch)
                        batch = []
                if batch:
                    self.update(_insert_data(staging, batch))
                    count += len(batch)
        except BaseException:
            # Queries see the union of all graphs: leave no half-filled staging graph behind.
            with contextlib.suppress(Exception):
                self.update(f"DROP SILENT GRAPH <{staging}>")
            raise
        self.update(f"MOVE SILENT GRAPH <{staging}> TO <{graph_iri}>")
        return count

    def _stream_to(self, graph_iri: str, triples: Iterable[Triple]) -> int:
        """POST every triple as one N-Triples document (the graph store protocol), streamed:
        a blank node keeps its identity across the whole graph, as it would not across several
        requests."""
        count = 0

        def body() -> Iterator[bytes]:
            nonlocal count
            lines: list[str] = []
            for triple in triples:
                lines.append(_nt_line(triple))
                if len(lines) >= 2_000:
                    count += len(lines)
                    yield ("\n".join(lines) + "\n").encode("utf-8")
                    lines = []
            count += len(lines)
            yield ("\n".join(lines) + "\n").encode("utf-8")

        assert self.settings.graph_store_url is not None
        self._post(
            self.settings.graph_store_url,
            params={"graph": graph_iri},
            content=body(),
            headers={"Content-Type": "application/n-triples"},
        )
        return count

    def graph_names(self) -> list[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(g for g in result.column("g") if isinstance(g, URIRef))

    def triples(self, graph_iri: URIRef | None = None) -> Iterator[Triple]:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        result = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        assert result.graph is not None
        yield from result.graph.triples((None, None, None))

    def close(self) -> None:
        self._client.close()


def _url_secrets(settings: RemoteSettings) -> list[str]:
    """The password and the user information written into the settings' URLs."""
    found = [settings.password or ""]
    for url in (settings.query_url, settings.update_url, settings.graph_store_url):
        if url:
            userinfo = urlsplit(url).netloc.rpartition("@")[0]
            found += [userinfo, userinfo.partition(":")[2]]
    return [value for value in found if value]


def _nt_line(triple: Triple) -> str:
    """A triple as one line of N-Triples (strings escaped: no raw line breaks)."""
    s, p, o = triple
    return f"{ntriples(s)} {ntriples(p)} {ntriples(o)} ."


def _insert_data(graph_iri: str, lines: list[str]) -> str:
    body = "\n".join(lines)
    return f"INSERT DATA {{ GRAPH <{graph_iri}> {{\n{body}\n}} }}"


def _from_sparql_json(data: dict[str, Any]) -> QueryResult:
    if "boolean" in data:
        return QueryResult("ASK", boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    rows = []
    for binding in data.get("results", {}).get("bindings", []):
        rows.append(tuple(_from_json_term(binding.get(name)) for name in variables))
    return QueryResult("SELECT", variables=variables, rows=rows)


def _from_json_term(term: dict[str, str] | None) -> Node | None:
    if term is None:
        return None
    kind = term["type"]
    if kind == "uri":
        return URIRef(term["value"])
    if kind == "bnode":
        return BNode(term["value"])
    if "xml:lang" in term:
        return RdfLiteral(term["value"], lang=term["xml:lang"])
    datatype = term.get("datatype")
    if datatype and datatype != "http://www.w3.org/2001/XMLSchema#string":
        return typed_literal(term["value"], datatype)
    return RdfLiteral(term["value"])


def open_store(
    location: str | None = None, *, engine: str = "oxigraph", read_only: bool = False
) -> Store:
    """Open the store named by ``location``: None or ``memory`` for a new in-memory store, an
    ``http(s)://`` URL for a remote SPARQL endpoint, else a directory for an on-disk Oxigraph store.

    ``engine`` picks the in-memory engine: ``oxigraph`` (default) or ``rdflib``. An on-disk
    store opened ``read_only`` may be read by many processes while one writes; a writer waits
    ROLEGRAPH_LOCK_TIMEOUT seconds (default 0) for another writer to finish.
    """
    if location in (None, "", "memory"):
        if engine == "rdflib":
            return RdflibStore()
        if engine == "oxigraph":
            return OxigraphStore()
        raise InputError(f"unknown engine {engine!r}; choose oxigraph or rdflib")
    assert location is not None
    if location.startswith(("http://", "https://")):
        return RemoteStore(RemoteSettings.from_env(location))
    try:
        timeout = float(os.environ.get("ROLEGRAPH_LOCK_TIMEOUT") or 0)
    except ValueError:
        raise InputError("ROLEGRAPH_LOCK_TIMEOUT must be a number of seconds") from None
    return OxigraphStore(location, read_only=read_only, lock_timeout=timeout)


def load_builtin(store: Store) -> None:
    """Fill ``store`` with the ontology and the article's roles, each in its own named graph."""
    for graph_iri, paths in builtin_sources():
        if isinstance(store, OxigraphStore):
            store.load_file(graph_iri, paths, ox.RdfFormat.TURTLE)
            continue
        store.replace_graph(graph_iri, (t for path in paths for t in iter_triples(path)))


def load_user_files(store: Store, paths: Iterable[str | Path], graph_iri: URIRef) -> int:
    """Add the user's own data files to ``store`` in one named graph; returns the triple count."""
    files = list(paths)
    return store.replace_graph(graph_iri, (t for path in files for t in iter_triples(path)))


__all__ = [
    "OxigraphStore",
    "QueryResult",
    "RdflibStore",
    "RemoteSettings",
    "RemoteStore",
    "Store",
    "StoreLock",
    "bind_in_text",
    "load_builtin",
    "load_user_files",
    "open_store",
    "sparql_prologue",
    "values_clause",
]
