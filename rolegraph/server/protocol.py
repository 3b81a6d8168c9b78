"""The HTTP connection layer under the application: limits on connections themselves.

Uvicorn's HTTP protocol, with what a public server needs besides:

- a cap on open connections: past it the connection idle the longest is closed to make room (or,
  when every one is busy, the new one is answered 503 and closed), so idle sockets can neither
  use up the process's file descriptors nor keep new clients out;
- a header timeout: a connection must send a request's headers within ``header_timeout``
  seconds of opening (or of its previous answer), so idle and trickling clients are closed;
- 414 (not 400) for a request line too long for the HTTP parser: the query string is too long.
"""

from __future__ import annotations

import asyncio
import logging
import resource
from typing import Any

from rolegraph.server.settings import ServerSettings

log = logging.getLogger("rolegraph.server")

try:
    import httptools
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is a dependency of the server
    httptools = None  # type: ignore[assignment]
    HttpToolsProtocol = object  # type: ignore[assignment,misc]

#: File descriptors kept free for the store, logs and worker sockets beyond the connection cap.
_RESERVED_FDS = 256


def _response(status: bytes, message: str) -> bytes:
    body = (message + "\n").encode("utf-8")
    return (
        b"HTTP/1.1 "
        + status
        + b"\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
        + str(len(body)).encode("ascii")
        + b"\r\nconnection: close\r\n\r\n"
        + body
    )


class GuardedProtocol(HttpToolsProtocol):  # type: ignore[misc,valid-type]
    """Uvicorn's httptools protocol with a connection cap, a header timeout and a 414."""

    max_connections = 1024
    header_timeout = 10.0
    max_query_bytes = 2 * 1024 * 1024

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None
        # The length of the request line being read (-1 once its headers are read), and
        # whether it has ended.
        self._head_bytes = 0
        self._head_has_line = False
        self._since = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._since = self.loop.time()
        if len(self.connections) > self.max_connections and not self._evict_idle():
            log.warning("more than %d open connections: new ones are refused", self.max_connections)
            transport.write(
                _response(b"503 Service Unavailable", "too many open connections; try again")
            )
            transport.close()
            return
        self._arm_header_timer()

    def _idle(self) -> bool:
        """Whether no request of this connection is being answered."""
        return self.cycle is None or self.cycle.response_complete

    def _evict_idle(self) -> bool:
        """Close the connection idle the longest to make room: clients holding connections
        without using them cannot keep new clients out."""
        idle = [
            other
            for other in self.connections
            if other is not self and isinstance(other, GuardedProtocol) and other._idle()
        ]
        if not idle:
            return False
        oldest = min(idle, key=lambda other: other._since)
        if oldest.transport is not None:
            oldest.transport.close()
        self.connections.discard(oldest)
        log.warning(
            "more than %d open connections: the longest idle ones are closed", self.max_connections
        )
        return True

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        idle = self.cycle is None or self.cycle.response_complete
        if idle and self.transport is not None and not self.transport.is_closing():
            self.transport.close()

    def on_headers_complete(self) -> None:
        self._cancel_header_timer()
        super().on_headers_complete()  # raises on a URL the parser cannot split (over 64 KiB)
        self._head_bytes = -1

    def on_response_complete(self) -> None:
        self._since = self.loop.time()
        self._head_bytes = 0
        self._head_has_line = False
        super().on_response_complete()
        if self.transport is not None and not self.transport.is_closing():
            self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        if httptools is None:  # pragma: no cover
            super().data_received(data)
            return
        self._unset_keepalive_if_required()
        if self._head_bytes >= 0 and not self._head_has_line:
            end = data.find(b"\n")
            self._head_has_line = end >= 0
            self._head_bytes += end if end >= 0 else len(data)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
        except httptools.HttpParserError:
            if self._head_bytes > 8192:
                message = (
                    "the request line is longer than this server reads; send long queries with POST"
                )
                self.transport.write(_response(b"414 URI Too Long", message))
            else:
                self.transport.write(_response(b"400 Bad Request", "invalid HTTP request received"))
            self.transport.close()


def configure_protocol(settings: ServerSettings) -> type[GuardedProtocol]:
    """Set the connection limits of :class:`GuardedProtocol` from ``settings`` and make room
    for them in the process's file descriptor limit; returns the protocol class."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = settings.max_connections + _RESERVED_FDS
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    cap = settings.max_connections
    if soft != resource.RLIM_INFINITY and soft - _RESERVED_FDS < cap:
        cap = max(16, soft - _RESERVED_FDS)
        log.warning("the file descriptor limit allows %d open connections only", cap)
    GuardedProtocol.max_connections = cap
    GuardedProtocol.header_timeout = settings.header_timeout
    return GuardedProtocol
