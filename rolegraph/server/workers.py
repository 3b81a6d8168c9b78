"""Bounded pools of daemon threads that run store work under a deadline.

A query runs in a worker thread while the event loop keeps serving other clients. When its time
is up the client gets an answer at once; the query is asked to stop (streamed answers stop at the
next row) and, if the engine cannot stop it, it finishes in the background while holding one
worker of a bounded pool, so a flood of runaway queries cannot exhaust the process. The threads
are daemons: a query still running does not keep the process alive at shutdown.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from rolegraph.errors import QueryTimeoutError

T = TypeVar("T")


class Deadline:
    """A point in time after which work should stop, plus a flag to stop it sooner."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.cancelled = threading.Event()

    @property
    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return self.cancelled.is_set() or time.monotonic() >= self.at

    def check(self) -> None:
        """Raise QueryTimeoutError once the deadline has passed or the work was cancelled."""
        if self.expired():
            raise QueryTimeoutError(self.message())

    def message(self) -> str:
        return (
            f"the query ran past the time limit of {self.seconds:g} s and was stopped; "
            "narrow it (add LIMIT, more specific patterns) and try again"
        )


class BusyError(QueryTimeoutError):
    """Every worker stayed busy until the request's deadline: the work never started."""


_STOP = object()


class WorkerPool:
    """A fixed number of daemon threads taking work from one queue."""

    def __init__(self, size: int, name: str) -> None:
        self.size = size
        self.name = name
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads = [
            threading.Thread(target=self._work, name=f"{name}-{i}", daemon=True)
            for i in range(size)
        ]
        self._busy = 0
        self._lock = threading.Lock()
        for thread in self._threads:
            thread.start()

    @property
    def busy(self) -> int:
        """How many workers are running something now."""
        return self._busy

    def submit(self, func: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        self._queue.put((future, func, args))
        return future

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            future, func, args = item
            if not future.set_running_or_notify_cancel():
                continue
            with self._lock:
                self._busy += 1
            try:
                result = func(*args)
            except BaseException as error:
                future.set_exception(error)
            else:
                future.set_result(result)
            finally:
                with self._lock:
                    self._busy -= 1

    def shutdown(self) -> None:
        """Ask idle workers to stop; busy ones stop after their current work."""
        for _ in self._threads:
            self._queue.put(_STOP)

    async def run(self, func: Callable[..., T], *args: Any, deadline: Deadline) -> T:
        """Run ``func(*args)`` in a worker; raise QueryTimeoutError when ``deadline`` passes.

        ``func`` may watch ``deadline`` itself to stop early; the caller's answer does not wait.
        """
        future = self.submit(func, *args)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), max(deadline.remaining, 0))
        except TimeoutError:
            deadline.cancelled.set()
            if future.cancel():
                raise BusyError(
                    f"the server is busy: the request could not start within "
                    f"{deadline.seconds:g} s; try again shortly"
                ) from None
            raise QueryTimeoutError(deadline.message()) from None
