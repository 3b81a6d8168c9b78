"""The Oxigraph store, in memory or on disk: bulk loads through N-Triples snapshots, build-and-swap
replacement of graphs, read-only readers, answers kept per generation.

One class for one engine: its reads, its guarded writes and its snapshots share the engine's
handle, the writer's lock and the generation, which is why the module runs over 500 lines (the
folder's own life, the lock and recovery, is in :mod:`rolegraph.store.ondisk`)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from rolegraph.answers import AnswerCache
from rolegraph.errors import InputError, QueryError, StoreError
from rolegraph.files import write_atomically
from rolegraph.load import Triple
from rolegraph.results import QueryResult
from rolegraph.store.base import Store
from rolegraph.store.binding import bind_in_text
from rolegraph.store.feed import NTriplesFeed
from rolegraph.store.ondisk import (
    StoreLock,
    compaction_marker,
    generation_file,
    import_marker,
    incomplete_graphs,
    needs_recovery,
    open_failure,
    recover_interrupted_swap,
    swap_guard,
    write_failure,
)
from rolegraph.terms import from_ox, to_ox
from rolegraph.vocab import GRAPH, bind_prefixes

T = TypeVar("T")

_STAGING = str(GRAPH["staging/"])
_BATCH = 50_000

#: A bulk load of at least this many triples is followed by a compaction of the store; a smaller
#: one adds a few small files that queries do not notice, and compacting 2 million triples for a
#: few thousand new ones would cost seconds.
_COMPACT_AFTER = 100_000

#: How often a reader tries to open a store that a writer is compacting.
_OPEN_ATTEMPTS = 8


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
    #: The compaction that follows a bulk load into this store, running in a thread of its own
    #: (:meth:`_compact_meanwhile`); None when none runs.
    _compactor: threading.Thread | None = None

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
            self._hidden = incomplete_graphs(self.path)
        elif self.path is not None:
            # One writer at a time; recovery of what an interrupted writer left runs only here.
            self._lock = lock or StoreLock(self.path).acquire(lock_timeout)
            self._owns_lock = lock is None
            try:
                recover_interrupted_swap(self.path)
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
        self._hidden = incomplete_graphs(self.path)
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
        marker = import_marker(self.path)
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
            raise StoreError(open_failure(self.path or Path("."), error)) from error

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

    def select_terms(
        self, sparql: str, bindings: Mapping[str, Node] | None = None
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """A SELECT query's variables and rows as the engine's own terms (None where unbound),
        for callers that read the values themselves: several times cheaper than rdflib terms
        for many small queries. Kept answers are neither read nor written."""
        sparql = bind_in_text(sparql, bindings or {})

        def run(store: ox.Store) -> tuple[list[str], list[tuple[Any, ...]]]:
            answer = self._run(store, sparql)
            if not isinstance(answer, ox.QuerySolutions):
                raise QueryError("select_terms needs a SELECT query")
            return [v.value for v in answer.variables], [tuple(row) for row in answer]

        try:
            return self._read(run)
        except SyntaxError as error:
            raise QueryError(f"malformed SPARQL query: {error}") from error
        except OSError as error:
            raise StoreError(str(error)) from error

    def update(self, sparql: str) -> None:
        self._wait_for_compaction()
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
            write_atomically(generation_file(self.path), uuid.uuid4().hex.encode("ascii"))
            self._opened_generation = self._read_generation()
            self._uncompacted = True

    def _read_generation(self) -> str | None:
        if self.path is None:
            return None
        try:
            return generation_file(self.path).read_text(encoding="utf-8").strip() or "initial"
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

    def replace_graph(
        self, graph_iri: URIRef, triples: Iterable[Triple], *, checked_iris: bool = False
    ) -> int:
        self._wait_for_compaction()
        if self.path is not None:
            try:
                return self._rebuild_with(graph_iri, triples, checked_iris)
            except OSError as error:
                raise StoreError(write_failure(self.path, graph_iri, error)) from error
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

    def _rebuild_with(
        self, graph_iri: URIRef, triples: Iterable[Triple], checked_iris: bool = False
    ) -> int:
        """Replace a graph of an on-disk store by building a new store beside it and swapping.

        Deleting a large graph in Oxigraph rewrites every index entry (35 s for ESCO), while a
        bulk load writes a million triples in seconds: so the new store receives the new content
        and a copy of the other graphs, and replaces the old directory only once complete. A
        graph the store lacks is loaded in place under a marker. Python writes the N-Triples
        while the engine loads them (:class:`NTriplesFeed`), without checking IRIs the caller
        has checked (``checked_iris``: a tenth of the engine's time). An interrupted or failed
        import leaves the old store as it was.
        """
        assert self.path is not None
        target = ox.NamedNode(str(graph_iri))
        snapshot = self._snapshot(target)
        assert snapshot is not None
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        for stale in snapshot.parent.glob(f"{snapshot.stem}.*partial"):
            stale.unlink(missing_ok=True)  # left by an interrupted import
        partial = snapshot.with_suffix(f".{os.getpid()}.partial")
        pipe = snapshot.with_suffix(f".{os.getpid()}.pipe")
        new = target not in set(self._store.named_graphs())
        try:
            with NTriplesFeed(triples, partial, pipe) as feed:
                if new:
                    count = self._add_new_graph(target, feed, checked_iris)
                else:
                    count = self._build_and_swap(target, feed, checked_iris)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, snapshot)
        compaction = self._compaction(count)
        if compaction == "owed":
            compaction_marker(self.path).touch()
        elif compaction == "now":
            compaction_marker(self.path).unlink(missing_ok=True)
            if new:  # a rebuilt store was compacted before the swap
                self._compact_meanwhile()
        return count

    def _compact_meanwhile(self) -> None:
        """Compact the store in a thread of its own after a bulk load into it. The content is
        complete and committed: compacting only makes reads faster (half the time of the
        whole-graph queries), so the answers prepared after an import are computed meanwhile
        (the engine releases the GIL) instead of after. Writes and :meth:`close` wait for it;
        if it fails, the compaction is owed to the next import."""
        assert self.path is not None
        store, owed = self._store, compaction_marker(self.path)

        def compact() -> None:
            try:
                store.optimize()
            except OSError:
                with contextlib.suppress(OSError):
                    owed.touch()

        self._compactor = threading.Thread(target=compact, name="rolegraph-compact")
        self._compactor.start()

    def _wait_for_compaction(self) -> None:
        """Wait for a compaction still running (uninterrupted: the engine must be through with
        the store before it is written or closed)."""
        compactor, self._compactor = self._compactor, None
        while compactor is not None and compactor.is_alive():
            with contextlib.suppress(KeyboardInterrupt):
                compactor.join()

    def _compaction(self, count: int) -> str:
        """Whether a write of ``count`` triples compacts the store ``now``, leaves it ``owed``
        to the last import of a batch, or needs ``none``."""
        assert self.path is not None
        owed = compaction_marker(self.path)
        if count >= _COMPACT_AFTER or (not self.defer_compaction and owed.exists()):
            return "owed" if self.defer_compaction else "now"
        return "none"

    def _bulk_load(
        self, store: ox.Store, graph: ox.NamedNode, path: Path, checked_iris: bool = False
    ) -> None:
        """Bulk-load an N-Triples file into ``graph`` of ``store`` (``checked_iris``: without
        checking its IRIs and language tags again)."""
        try:
            store.bulk_load(
                path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=graph, lenient=checked_iris
            )
        except SyntaxError as error:
            raise InputError(f"not valid RDF: {error.msg}", file=path) from error

    def _load_feed(
        self,
        graph: ox.NamedNode,
        feed: NTriplesFeed,
        checked_iris: bool,
        building: ox.Store | None = None,
    ) -> int:
        """Bulk-load what ``feed`` writes into ``graph`` of the store being built, or of this
        store; the number of triples. This store is looked up, not passed: a frame holding it
        in a feed's error (a cut row) would keep it, and its lock, alive after closing."""
        return feed.load(
            lambda pipe: self._bulk_load(
                self._store if building is None else building, graph, pipe, checked_iris
            )
        )

    def _build_and_swap(self, target: ox.NamedNode, feed: NTriplesFeed, checked_iris: bool) -> int:
        """Build a store with ``target`` loaded from ``feed`` and every other graph copied from
        its snapshot (the store's own content, so not checked again), then swap it in place of
        this one; the number of triples fed."""
        assert self.path is not None
        building = self.path.with_name(f".{self.path.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        try:
            fresh = ox.Store(str(building))
            count = self._load_feed(target, feed, checked_iris, fresh)
            for name in self._store.named_graphs():
                if not isinstance(name, ox.NamedNode) or name == target:
                    continue
                if name.value.startswith(_STAGING):
                    continue
                snapshot = self._snapshot(name)
                assert snapshot is not None
                if not snapshot.is_file():
                    self._write_snapshot(name, snapshot)
                self._bulk_load(fresh, name, snapshot, checked_iris=True)
            fresh.flush()
            if self._compaction(count) == "now":
                fresh.optimize()
            del fresh
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        self._swap_in(building)
        self._uncompacted = False
        return count

    def _add_new_graph(self, graph: ox.NamedNode, feed: NTriplesFeed, checked_iris: bool) -> int:
        """Bulk-load a graph the store does not have yet, straight into the store; the number
        of triples fed. The compaction it calls for follows (:meth:`_compact_meanwhile`).

        A marker file names the graph while it loads; if the load fails or is interrupted, the
        partial graph is removed (at once, or by the next open), so the store is as it was.
        """
        assert self.path is not None
        marker = import_marker(self.path)
        marker.write_text(graph.value, encoding="utf-8")
        self._changed()
        try:
            count = self._load_feed(graph, feed, checked_iris)
            self._store.flush()
        except BaseException as error:
            try:
                self._drop_interrupted_import()
            except OSError:
                # No room even to remove it (a full disk): readers do not see the partial
                # graph the marker names, and the next writer removes it.
                if isinstance(error, OSError):
                    raise StoreError(
                        write_failure(self.path, URIRef(graph.value), error, removed=False)
                    ) from error
            raise
        marker.unlink()
        self._changed()
        self._uncompacted = False
        return count

    def _swap_in(self, building: Path) -> None:
        """Put the store built in ``building`` in place of this one, and reopen."""
        assert self.path is not None
        retired = self.path.with_name(f".{self.path.name}.retired-{os.getpid()}")
        self._store.flush()
        del self._store
        # Readers opening the store wait the few milliseconds the two renames take.
        with swap_guard(self.path, fcntl.LOCK_EX):
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
        self._wait_for_compaction()
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
                    self._wait_for_compaction()
                    self._store.optimize()
                    self._uncompacted = False
            except OSError as error:
                raise StoreError(open_failure(self.path, error, "write")) from error

    def close(self) -> None:
        if not hasattr(self, "_store"):
            return
        self._wait_for_compaction()
        try:
            if self.path is not None and not self.read_only:
                # Committed changes are in the write-ahead log already: a flush that fails
                # (a full disk) loses nothing, and the error that led here was reported.
                with contextlib.suppress(OSError):
                    self._store.flush()
        finally:
            del self._store
            self._release_lock()


def _open_reader(path: Path) -> ox.Store:
    """Open an on-disk store read-only, first finishing what a crashed writer left undone
    (only when no writer is at work: a running writer's folders are never touched)."""
    if path.parent.is_dir() and needs_recovery(path):
        lock = StoreLock(path)
        # A folder this reader may not write, or a disk too full to recover on: read as is.
        with contextlib.suppress(OSError, StoreError):
            if lock.try_acquire():
                try:
                    recover_interrupted_swap(path)
                    if (path / "CURRENT").is_file() and import_marker(path).exists():
                        OxigraphStore(path, keep_answers=False, lock=lock).close()
                finally:
                    lock.release()
    with swap_guard(path, fcntl.LOCK_SH):
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
                        raise StoreError(open_failure(path, error)) from error
                    raise StoreError(f"cannot open the store at {path}: {error}") from error
                time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


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
