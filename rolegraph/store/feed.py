"""Feeding an import to Oxigraph's bulk loader while Python is still writing it.

An import is a stream of rdflib triples made from CSV rows. Written out first and bulk-loaded
after, the two halves add up: Python builds the N-Triples text while the engine waits, then the
engine parses and indexes it while Python waits. :class:`NTriplesFeed` runs them side by side:
a thread writes the text to the graph's snapshot file and, at the same time, through named
pipes that the engine's loader reads (the loader releases the GIL). The snapshot file is still
complete at the end, so exports and later rebuilds copy it as before.

The engine's bulk load parses its whole input before it sorts and writes the indexes (for fewer
than a million triples, on one thread): fed one pipe, it would index an import only once Python
is through. So the text goes in chunks, one pipe and one bulk load each, on two loading
threads: the engine indexes one chunk while Python writes and the engine parses the next.

A feed that fails halfway (a cut row, a bad number) must not look like a short but whole file to
the loader: the thread ends its pipe with a line that is not N-Triples, so that load fails too,
and the feed's own error is raised, not the parser's. The loads run in threads of their own
while the calling thread waits where Ctrl-C is heard: an interrupt stops the feed, which makes
the load fail, and the caller's clean-up runs as for any failed import (the chunks already
loaded are part of the graph it removes).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO

from rolegraph.load import Triple
from rolegraph.terms import TextSink, write_ntriples

#: Sent down the pipe when the feed fails: not N-Triples, so the loader stops with an error.
_BROKEN_LINE = "\n<\n"
_PIPE_BUFFER = 1 << 20
#: Triples written between two looks at whether the feed was told to stop.
_CHUNK = 4096
#: Triples per bulk load: small enough for the engine to index one chunk while the next is
#: written, large enough that the store is left with few files to compact.
LOAD_CHUNK = 200_000
#: Bulk loads at work at once: one indexing while the next parses.
_LOADERS = 2
#: Seconds between two looks at a running load by the waiting thread.
_POLL = 0.1


class FeedStopped(Exception):
    """The feed was told to stop before it was through."""


class _Tee:
    """A text sink that writes each piece to the snapshot and to the pipe of the current chunk,
    moving to a new pipe (and a new bulk load) every ``chunk`` triples."""

    def __init__(self, snapshot: TextSink, feed: NTriplesFeed, chunk: int) -> None:
        self._snapshot = snapshot.write
        self._feed = feed
        self._chunk = chunk or LOAD_CHUNK
        self._pipe: TextIO | None = None
        self._written = 0

    def write(self, text: str) -> int:
        if not text:
            return 0
        self._snapshot(text)
        if self._pipe is None:
            self._pipe = self._feed._next_pipe()
        self._pipe.write(text)
        # write_ntriples hands over whole lines: a chunk ends at a line's end
        self._written += text.count("\n")
        if self._written >= self._chunk:
            self.close()
        return len(text)

    def close(self, broken: bool = False) -> None:
        """End the current chunk; ``broken``: with a line that makes its load fail."""
        pipe, self._pipe, self._written = self._pipe, None, 0
        if pipe is None:
            return
        try:
            if broken:
                with contextlib.suppress(OSError, ValueError):
                    pipe.write(_BROKEN_LINE)
        finally:
            with contextlib.suppress(OSError, ValueError) if broken else contextlib.nullcontext():
                pipe.close()


class NTriplesFeed:
    """Write ``triples`` as N-Triples to ``snapshot`` and, ``chunk`` triples at a time, through
    named pipes named after ``pipe``.

    Use as a context manager; inside, :meth:`load` runs the loader on each pipe and returns the
    number of triples fed, or raises what stopped the feed or a load.
    """

    def __init__(
        self, triples: Iterable[Triple], snapshot: Path, pipe: Path, chunk: int | None = None
    ) -> None:
        self.snapshot = snapshot
        self.pipe = pipe
        self._triples = triples
        self._chunk = chunk or LOAD_CHUNK
        self._count = 0
        self._error: BaseException | None = None
        self._stop = threading.Event()
        #: The pipes of the chunks, in order, for the loading threads; None: no more.
        self._pipes: queue.Queue[Path | None] = queue.Queue()
        self._made: list[Path] = []
        self._thread = threading.Thread(target=self._write, name="rolegraph-feed", daemon=True)

    def __enter__(self) -> NTriplesFeed:
        # The importer's caches and the modules a command loads are long-lived: the collector's
        # full passes over them cost a fifth of the feed. Frozen, they are not scanned again.
        gc.freeze()
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._finish()
        gc.unfreeze()
        for made in self._made:
            with contextlib.suppress(FileNotFoundError):
                made.unlink()

    def load(self, loader: Callable[[Path], None]) -> int:
        """Run ``loader(pipe)`` on each chunk's pipe, two at a time, and return the number of
        triples fed.

        Raises:
            BaseException: the feed's own error if it failed (a load's is then only its echo),
                else the first load's; KeyboardInterrupt if the wait was interrupted.
        """
        outcome: list[BaseException] = []

        def run(load: Callable[[Path], None]) -> None:
            while (pipe := self._pipes.get()) is not None:
                try:
                    load(pipe)
                except BaseException as error:
                    outcome.append(error)
                    self._stop.set()  # the feed stops: the other load fails and ends too

        # Waiting on events, not on Thread.join: a join cut short by Ctrl-C can report a
        # running thread as ended (CPython before 3.12), and the engine must not outlive us.
        done = [threading.Event() for _ in range(_LOADERS)]
        for event in done:
            threading.Thread(
                target=_then_set, args=(run, loader, event), name="rolegraph-load", daemon=True
            ).start()
        try:
            for event in done:
                while not event.wait(_POLL):
                    if self._stop.is_set():
                        self._unblock_writer()  # a load that failed before opening its pipe
        except BaseException:
            self._stop.set()  # the feed stops, so the loads fail and end
            for event in done:
                while not event.is_set():
                    with contextlib.suppress(KeyboardInterrupt):
                        event.wait()
            raise
        finally:
            # The loader holds the engine's store: an error leaving this frame must not keep
            # the store (and its lock) alive after it is closed.
            del loader
        self._finish()
        error = self._error
        if isinstance(error, FeedStopped) and outcome:
            error = None  # stopped because a load failed: that load says why
        error = error or (outcome[0] if outcome else None)
        self._error = None
        outcome.clear()  # a loader's error echoing the feed's is dropped with its frames
        if error is None:
            return self._count
        try:
            raise error
        finally:
            del error

    def _next_pipe(self) -> TextIO:
        """Make the pipe of the next chunk, hand it to the loading threads and open it (which
        waits for a load to open its reading end)."""
        if self._stop.is_set():
            raise FeedStopped("the import was interrupted")
        path = self.pipe.with_name(f"{self.pipe.name}.{len(self._made)}")
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        os.mkfifo(path, 0o600)
        self._made.append(path)
        self._pipes.put(path)
        return open(path, "w", encoding="utf-8", newline="\n", buffering=_PIPE_BUFFER)

    def _finish(self) -> None:
        """Wait for the writing thread. If the loads stopped early, or never opened a pipe, the
        thread may wait on its pipe: opening and closing the reading end lets the thread's
        open return and its next write fail, which ends it."""
        while self._thread.is_alive():
            self._unblock_writer()
            self._thread.join(0.05)

    def _unblock_writer(self) -> None:
        """Let the writing thread's open of its current pipe return, when no load will read it:
        its next write then fails, and it ends."""
        if self._made:
            with contextlib.suppress(OSError):
                os.close(os.open(self._made[-1], os.O_RDONLY | os.O_NONBLOCK))

    def _stoppable(self) -> Iterator[Triple]:
        """The triples, with a look at the stop flag every few thousand."""
        triples = iter(self._triples)
        while chunk := list(itertools.islice(triples, _CHUNK)):
            if self._stop.is_set():
                raise FeedStopped("the import was interrupted")
            yield from chunk

    def _write(self) -> None:
        try:
            with self.snapshot.open("w", encoding="utf-8", newline="\n") as snapshot:
                tee = _Tee(snapshot, self, self._chunk)
                try:
                    self._count = write_ntriples(self._stoppable(), tee)
                except BaseException:
                    tee.close(broken=True)
                    raise
                tee.close()
        except BrokenPipeError:
            pass  # a load stopped reading: its own error says why
        except BaseException as error:  # raised in the loading thread by load()
            self._error = error
        finally:
            for _ in range(_LOADERS):
                self._pipes.put(None)


def _then_set(
    run: Callable[[Callable[[Path], None]], None],
    loader: Callable[[Path], None],
    event: threading.Event,
) -> None:
    try:
        run(loader)
    finally:
        event.set()
