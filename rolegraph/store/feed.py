"""Feeding an import to Oxigraph's bulk loader while Python is still writing it.

An import is a stream of rdflib triples made from CSV rows. Written out first and bulk-loaded
after, the two halves add up: Python builds the N-Triples text while the engine waits, then the
engine parses and indexes it while Python waits. :class:`NTriplesFeed` runs them side by side:
a thread writes the text to the graph's snapshot file and, at the same time, through a named
pipe that the engine's loader reads (the loader releases the GIL). The snapshot file is still
complete at the end, so exports and later rebuilds copy it as before.

A feed that fails halfway (a cut row, a bad number) must not look like a short but whole file to
the loader: the thread ends the pipe with a line that is not N-Triples, so the load fails too,
and the feed's own error is raised, not the parser's. The load itself runs in a thread of its
own while the calling thread waits where Ctrl-C is heard: an interrupt stops the feed, which
makes the load fail, and the caller's clean-up runs as for any failed import.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType

from rolegraph.load import Triple
from rolegraph.terms import TextSink, write_ntriples

#: Sent down the pipe when the feed fails: not N-Triples, so the loader stops with an error.
_BROKEN_LINE = "\n<\n"
_PIPE_BUFFER = 1 << 20
#: Triples written between two looks at whether the feed was told to stop.
_CHUNK = 4096
#: Seconds between two looks at a running load by the waiting thread.
_POLL = 0.1


class FeedStopped(Exception):
    """The feed was told to stop before it was through."""


class _Tee:
    """A text sink that writes each piece to two sinks."""

    def __init__(self, first: TextSink, second: TextSink) -> None:
        self._writes = (first.write, second.write)

    def write(self, text: str) -> int:
        for write in self._writes:
            write(text)
        return len(text)


class NTriplesFeed:
    """Write ``triples`` as N-Triples to ``snapshot`` and through the named pipe ``pipe``.

    Use as a context manager; inside, :meth:`load` runs the loader that reads :attr:`pipe` and
    returns the number of triples fed, or raises what stopped the feed or the load.
    """

    def __init__(self, triples: Iterable[Triple], snapshot: Path, pipe: Path) -> None:
        self.snapshot = snapshot
        self.pipe = pipe
        self._triples = triples
        self._count = 0
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._write, name="rolegraph-feed", daemon=True)

    def __enter__(self) -> NTriplesFeed:
        with contextlib.suppress(FileNotFoundError):
            self.pipe.unlink()
        os.mkfifo(self.pipe, 0o600)
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
        with contextlib.suppress(FileNotFoundError):
            self.pipe.unlink()

    def load(self, loader: Callable[[Path], None]) -> int:
        """Run ``loader(pipe)`` and return the number of triples fed.

        Raises:
            BaseException: the feed's own error if it failed (the loader's is then only its
                echo), else the loader's; KeyboardInterrupt if the wait was interrupted.
        """
        outcome: list[BaseException] = []
        done = threading.Event()

        def run(load: Callable[[Path], None]) -> None:
            try:
                load(self.pipe)
            except BaseException as error:
                outcome.append(error)
            finally:
                done.set()

        # Waiting on an event, not on Thread.join: a join cut short by Ctrl-C can report a
        # running thread as ended (CPython before 3.12), and the engine must not outlive us.
        threading.Thread(target=run, args=(loader,), name="rolegraph-load", daemon=True).start()
        try:
            while not done.wait(_POLL):
                pass
        except BaseException:
            self._stop.set()  # the feed stops, so the load fails and ends
            while not done.is_set():
                with contextlib.suppress(KeyboardInterrupt):
                    done.wait()
            raise
        finally:
            # The loader holds the engine's store: an error leaving this frame must not keep
            # the store (and its lock) alive after it is closed.
            del loader
        self._finish()
        error = self._error or (outcome[0] if outcome else None)
        self._error = None
        outcome.clear()  # a loader's error echoing the feed's is dropped with its frames
        if error is None:
            return self._count
        try:
            raise error
        finally:
            del error

    def _finish(self) -> None:
        """Wait for the writing thread. If the loader stopped early, or never opened the pipe,
        the thread may wait on the pipe: opening and closing its reading end lets the thread's
        open return and its next write fail, which ends it."""
        while self._thread.is_alive():
            with contextlib.suppress(OSError):
                os.close(os.open(self.pipe, os.O_RDONLY | os.O_NONBLOCK))
            self._thread.join(0.05)

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
                # Opening the writing end waits for the loader to open the reading end.
                pipe = open(self.pipe, "w", encoding="utf-8", newline="\n", buffering=_PIPE_BUFFER)  # noqa: SIM115
                try:
                    self._count = write_ntriples(self._stoppable(), _Tee(snapshot, pipe))
                except BaseException:
                    with contextlib.suppress(OSError, ValueError):
                        pipe.write(_BROKEN_LINE)
                    raise
                finally:
                    with contextlib.suppress(OSError, ValueError):
                        pipe.close()
        except BrokenPipeError:
            pass  # the loader stopped reading: its own error says why
        except BaseException as error:  # raised in the loading thread by load()
            self._error = error
