"""Where the server's messages go: the JSON access log (one line per request, on
``rolegraph.access``) and the server's own messages (``rolegraph.server``, ``uvicorn.error``)."""

from __future__ import annotations

import logging
import sys
from typing import TextIO


class _Formatter(logging.Formatter):
    """Access-log records are already JSON lines; other records get a time and a level."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == "rolegraph.access":
            return record.getMessage()
        return super().format(record)


def configure_logging(stream: TextIO | None = None, *, access: bool = True) -> None:
    """Send the access log (unless ``access`` is false) and server messages to ``stream``
    (default: standard error)."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(_Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("rolegraph.access", "rolegraph.server", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    if not access:
        logging.getLogger("rolegraph.access").setLevel(logging.WARNING)
