"""Where the server's messages go: the JSON access log (one line per request, on
``rolegraph.access``) and the server's own messages (``rolegraph.server``, ``uvicorn.error``,
``asyncio``), with credentials hidden and repeated messages rate-limited: a flood of the same
error (out of file descriptors, say) writes a few lines and a count, not gigabytes."""

from __future__ import annotations

import logging
import sys
import threading
import time
from typing import TextIO

from rolegraph.redact import redact


class _Formatter(logging.Formatter):
    """Access-log records are already JSON lines; other records get a time and a level."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "rolegraph.access":
            return redact(record.getMessage())
        return redact(super().format(record))


class RateLimit(logging.Filter):
    """Let through at most ``burst`` records of one kind (logger and message template) per
    ``window`` seconds; then say how many were left out. The access log is not limited."""

    def __init__(self, burst: int = 10, window: float = 10.0) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], tuple[float, int]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "rolegraph.access":
            return True
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self._lock:
            start, count = self._seen.get(key, (now, 0))
            if now - start >= self.window:
                if count > self.burst:
                    record.msg = f"{record.msg} ({count - self.burst} more like it not shown)"
                start, count = now, 0
            count += 1
            self._seen[key] = (start, count)
            if len(self._seen) > 10_000:
                self._seen.clear()
        return count <= self.burst


#: The loggers whose records go to the server's stream.
LOGGERS = ("rolegraph.access", "rolegraph.server", "uvicorn.error", "asyncio")


def configure_logging(stream: TextIO | None = None, *, access: bool = True) -> None:
    """Send the access log (unless ``access`` is false) and server messages to ``stream``
    (default: standard error)."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(_Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RateLimit())
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    logging.getLogger("asyncio").setLevel(logging.WARNING)
    if not access:
        logging.getLogger("rolegraph.access").setLevel(logging.WARNING)
