"""Worker processes that run clients' SPARQL, each ended the moment its deadline passes.

A thread cannot stop a query the engine is computing, but a process can be killed. So queries run
in worker processes: when a query's time is up the client gets 503, the worker is killed (its
CPU and memory are free at once) and a new one takes its place. Each worker's address space is
capped (``RLIMIT_AS``): a query that needs more memory than the budget ends its own worker, not
the server.

Workers come from a *template* process forked once when the pool is made, before the server
runs any thread that touches the store: an in-memory store is then shared by every worker, copy
on write, and a new worker is a fork of the template (a few milliseconds). An on-disk store is
opened read-only by each worker (the ``setup`` function decides). After an update the template
applies it too and older workers are retired, so later queries see it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import resource
import signal
import socket
import threading
import time
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from rolegraph.errors import QueryTimeoutError, StoreError
from rolegraph.server.workers import BusyError

#: Seconds a new worker may take to start (open its store) before it is given up.
_START_TIMEOUT = 60.0
_OUT_OF_MEMORY = (
    "the query needed more memory than this server allows a query; narrow it (add LIMIT, more "
    "specific patterns) and try again"
)
#: A worker that ended without answering: out of memory, as a rule.
_ENDED = (
    "the query ended its worker before it answered (it needed more memory than this server "
    "allows a query, as a rule); narrow it (add LIMIT, more specific patterns) and try again"
)
#: Seconds after which a query still running gets a lower scheduling priority.
_NICE_AFTER = 0.25
#: The niceness a long query runs at (a worker never gets its priority back: it is replaced).
_NICENESS = 10


class QueryMemoryError(QueryTimeoutError):
    """A query needed more memory than a worker may use."""


class WorkerFailure(StoreError):
    """A worker ended without answering (killed, or out of memory)."""


def supported() -> bool:
    """Whether this platform can fork workers and pass them sockets."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(resource, "RLIMIT_AS")


def _vm_size() -> int:
    """The bytes of address space this process uses now."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _quiet_signals() -> None:
    # Ctrl-C reaches the whole process group: the server stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _close_inherited(keep: set[int]) -> None:
    """Close every descriptor but stdio and ``keep``: listening sockets and client connections
    of the server stay the server's alone."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)


def _serve_worker(
    fd: int, setup: Callable[[], Callable[[Any], Any]], memory_bytes: int | None
) -> None:
    """The life of one worker: answer requests on ``fd`` until the server hangs up."""
    connection = Connection(fd)
    try:
        handler = setup()
        if memory_bytes:
            limit = _vm_size() + memory_bytes
            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        connection.send(("ready", os.getpid()))
    except BaseException as error:  # reported to the server, which logs it
        with contextlib.suppress(Exception):
            connection.send(("failed", f"{type(error).__name__}: {error}"))
        return
    while True:
        try:
            request, seconds = connection.recv()
        except (EOFError, OSError):
            return
        # A safety net should the server not kill a runaway (it was itself killed): the kernel
        # ends a worker that computes well past its time.
        used = resource.getrusage(resource.RUSAGE_SELF)
        cpu = int(used.ru_utime + used.ru_stime + seconds) + 5
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, resource.RLIM_INFINITY))
        try:
            outcome: tuple[str, Any] = ("ok", handler(request))
        except MemoryError:
            outcome = ("memory", None)
        except BaseException as error:  # sent back, raised in the server
            outcome = ("error", f"{type(error).__name__}: {error}")
        try:
            connection.send(outcome)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            connection.send(("error", f"the answer cannot be sent: {error}"))
        except (OSError, EOFError):
            return


def _serve_template(
    sock: socket.socket,
    setup: Callable[[], Callable[[Any], Any]],
    memory_bytes: int | None,
    on_change: Callable[[Any], None] | None,
) -> None:
    """The template process: fork a worker for each socket the server sends, apply updates."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(sock, 16, 1)
        except OSError:
            return
        if not message or not fds:
            return
        fd = fds[0]
        if message == b"spawn":
            pid = os.fork()
            if pid == 0:
                try:
                    sock.close()
                    _serve_worker(fd, setup, memory_bytes)
                finally:
                    os._exit(0)
            os.close(fd)
        elif message == b"apply":
            connection = Connection(fd)
            try:
                change = connection.recv()
                if on_change is not None:
                    on_change(change)
                connection.send(("ok", None))
            except BaseException as error:  # reported to the server
                with contextlib.suppress(Exception):
                    connection.send(("error", repr(error)))
            finally:
                connection.close()


class _Worker:
    def __init__(self, connection: Connection, pid: int, generation: int) -> None:
        self.connection = connection
        self.pid = pid
        self.generation = generation
        self.pidfd: int | None = None
        with contextlib.suppress(AttributeError, OSError):
            self.pidfd = os.pidfd_open(pid)

    lowered = False

    def lower_priority(self) -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, self.pid, _NICENESS)
            self.lowered = True

    killed = False

    def kill(self) -> None:
        if self.killed:
            return
        self.killed = True
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.close()
        if self.pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self.pidfd)
            self.pidfd = None


class ProcessPool:
    """Up to ``size`` worker processes answering requests with ``setup()``'s handler.

    ``setup`` runs in each new worker and returns the function that answers one request; both
    the request and the answer cross a socket, so they must pickle. ``memory_bytes`` caps each
    worker's address space beyond what it had once set up. ``on_change`` runs in the template
    for each change given to :meth:`apply`.
    """

    def __init__(
        self,
        size: int,
        setup: Callable[[], Callable[[Any], Any]],
        *,
        memory_bytes: int | None = None,
        on_change: Callable[[Any], None] | None = None,
        spare: int = 2,
    ) -> None:
        self.size = size
        self.spare = min(spare, size)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._live = 0
        self._running = 0
        self._generation = 0
        self._closed = False
        self._template_lock = threading.Lock()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:  # the template
            try:
                ours.close()
                _quiet_signals()
                _close_inherited({theirs.fileno(), 0, 1, 2})
                _serve_template(theirs, setup, memory_bytes, on_change)
            finally:
                os._exit(0)
        theirs.close()
        self._template = ours
        self._template_pid = pid
        self._finalizer = weakref.finalize(self, _stop_template, ours, pid)
        self._started = False
        self._filling = False

    def start(self) -> None:
        """Start the spare workers now rather than on the first request."""
        self._started = True
        self._refill()

    # -- workers -------------------------------------------------------------------------------

    @property
    def busy(self) -> int:
        """How many workers are answering a request now."""
        return self._running

    @property
    def live(self) -> int:
        """How many worker processes exist now."""
        return self._live

    def _spawn(self) -> _Worker:
        """Fork a new worker from the template and wait until it is ready."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with self._template_lock:
                # The worker holds what the template holds now: a change applied after this is
                # newer than the worker, whenever the worker comes to be counted.
                generation = self._generation
                socket.send_fds(self._template, [b"spawn"], [theirs.fileno()])
        except OSError as error:
            ours.close()
            raise WorkerFailure(f"query workers cannot be started: {error}") from None
        finally:
            theirs.close()
        connection = Connection(ours.detach())
        try:
            if not connection.poll(_START_TIMEOUT):
                raise WorkerFailure("a new query worker did not start in time")
            kind, detail = connection.recv()
        except (EOFError, OSError) as error:
            connection.close()
            raise WorkerFailure(f"a new query worker ended as it started: {error}") from None
        if kind != "ready":
            connection.close()
            raise WorkerFailure(f"a new query worker could not start: {detail}")
        worker = _Worker(connection, int(detail), generation)
        with self._lock:
            self._all.add(worker)
        return worker

    def _refill(self) -> None:
        """Start workers until ``spare`` are idle (or the pool is full), in the background."""
        if not self._started or self._closed or self._filling:
            return
        with self._lock:
            if self._idle.qsize() >= self.spare or self._live >= self.size or self._filling:
                return
            self._filling = True

        def fill() -> None:
            try:
                grow()
            finally:
                self._filling = False

        def grow() -> None:
            while not self._closed:
                with self._lock:
                    if self._idle.qsize() >= self.spare or self._live >= self.size:
                        return
                    self._live += 1
                try:
                    worker = self._spawn()
                except (WorkerFailure, OSError):
                    with self._lock:
                        self._live -= 1
                    return
                self._idle.put(worker)

        threading.Thread(target=fill, name="rolegraph-spawn", daemon=True).start()

    def _take(self, deadline_at: float) -> _Worker:
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                worker = None
            if worker is None:
                with self._lock:
                    grow = self._live < self.size
                    if grow:
                        self._live += 1
                if grow:
                    try:
                        worker = self._spawn()
                    except BaseException:
                        with self._lock:
                            self._live -= 1
                        raise
                else:
                    remaining = deadline_at - time.monotonic()
                    if remaining <= 0:
                        raise BusyError(
                            "the server is busy: every query worker is taken; try again shortly"
                        )
                    try:
                        worker = self._idle.get(timeout=remaining)
                    except queue.Empty:
                        continue
            if worker.generation == self._generation:
                return worker
            self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        """End ``worker`` and start another in the background if spares are wanted."""
        worker.kill()
        with self._lock:
            self._live -= 1
            self._all.discard(worker)
        self._refill()

    def call(self, request: Any, deadline_at: float, message: str) -> Any:
        """Answer ``request`` in a worker; past ``deadline_at`` (monotonic) kill it and raise
        QueryTimeoutError(``message``). Exceptions the handler raised are raised here."""
        self._started = True
        worker = self._take(deadline_at)
        with self._lock:
            self._running += 1
        try:
            remaining = deadline_at - time.monotonic()
            try:
                worker.connection.send((request, max(remaining, 0.0)))
                answered = worker.connection.poll(min(max(remaining, 0.0), _NICE_AFTER))
                if not answered and remaining > _NICE_AFTER:
                    # A long query yields the processors to quick ones while it runs out its time.
                    worker.lower_priority()
                    answered = worker.connection.poll(max(deadline_at - time.monotonic(), 0.0))
                outcome = worker.connection.recv() if answered else None
            except (EOFError, OSError):
                self._discard(worker)
                raise QueryMemoryError(_ENDED) from None
            if outcome is None:
                self._discard(worker)
                raise QueryTimeoutError(message)
        finally:
            with self._lock:
                self._running -= 1
        kind, value = outcome
        if kind == "memory":
            self._discard(worker)
            raise QueryMemoryError(_OUT_OF_MEMORY)
        if worker.generation == self._generation and not self._closed and not worker.lowered:
            self._idle.put(worker)
        else:
            self._discard(worker)
        self._refill()
        if kind == "error":
            raise WorkerFailure(value)
        return value

    def apply(self, change: Any) -> None:
        """Give ``change`` (it must pickle) to the template's ``on_change``, then retire every
        older worker, so later requests see the change."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with self._template_lock:
                socket.send_fds(self._template, [b"apply"], [theirs.fileno()])
        finally:
            theirs.close()
        connection = Connection(ours.detach())
        try:
            connection.send(change)
            connection.recv()
        except (EOFError, OSError):
            pass
        finally:
            connection.close()
        self.retire()

    def retire(self) -> None:
        """Make every current worker stop after its request; new ones replace them."""
        with self._lock:
            self._generation += 1
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            self._discard(worker)
        self._refill()

    def close(self) -> None:
        """Stop every worker, busy ones included, and the template."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            worker.kill()
        self._finalizer()


def _stop_template(sock: socket.socket, pid: int) -> None:
    with contextlib.suppress(OSError):
        sock.close()
    with contextlib.suppress(OSError, ChildProcessError):
        os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                return
            time.sleep(0.01)
