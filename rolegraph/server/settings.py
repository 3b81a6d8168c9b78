"""How a server behaves: where it listens, what it allows, and the limits that keep it answering."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from rolegraph.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080


@dataclass(frozen=True)
class ServerSettings:
    """Settings of ``rolegraph serve``; every default is the safe choice.

    Attributes:
        host: interface to bind; loopback unless the operator says otherwise.
        port: TCP port.
        allow_updates: accept SPARQL updates (POST) from clients that present ``token``.
        token: the bearer token updates require; mandatory when ``allow_updates`` is set.
        query_timeout: seconds a query (SPARQL or API) may run before the client gets a 503.
        max_rows: the most rows (or triples) a SPARQL answer may have; larger ones are refused.
        max_request_bytes: the largest request body or query string accepted (413 / 414 above).
        query_workers: threads that run SPARQL sent to /sparql when it runs in the server's
            own process (``query_processes`` 0, or a remote store).
        query_processes: worker processes that run SPARQL sent to /sparql; a query past its
            time limit is ended by killing its worker. 0 runs SPARQL in threads instead.
        query_memory_mb: the memory (MiB) one SPARQL query may take in its worker process.
        api_workers: threads that run the JSON API, apart from /sparql so those stay answered.
        cache_seconds: how long derived data (name indexes, the network projection, API answers)
            is reused; None keeps it until an update through this server. Set it when others
            write to a remote store behind this server.
        max_connections: the most connections open at once; more are answered 503 and closed.
        header_timeout: seconds a connection may take to send a request's headers (from when it
            opens, or from its previous answer) before it is closed.
        allow_service: let queries use SERVICE (and updates LOAD), which make this server fetch
            other URLs; off by default.
        cors: let pages of any origin read answers (GET and POST, no cookies): for browser
            applications on other hosts. Updates still need the token.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    allow_updates: bool = False
    token: str | None = None
    query_timeout: float = 10.0
    max_rows: int = 100_000
    max_request_bytes: int = 2 * 1024 * 1024
    query_workers: int = 4
    query_processes: int = 8
    query_memory_mb: int = 1024
    api_workers: int = 4
    cache_seconds: float | None = None
    max_connections: int = 1024
    header_timeout: float = 10.0
    allow_service: bool = False
    cors: bool = False

    def __post_init__(self) -> None:
        if self.allow_updates and not self.token:
            raise InputError("updates need a token: give --token-file FILE or set ROLEGRAPH_TOKEN")
        if self.token is not None and len(self.token) < 16:
            raise InputError("the update token must be at least 16 characters long")
        if self.query_timeout <= 0:
            raise InputError("the query timeout must be a positive number of seconds")
        if self.max_rows < 1:
            raise InputError("the row limit must be at least 1")
        if self.max_request_bytes < 1024:
            raise InputError("the request size limit must be at least 1024 bytes")
        if self.query_workers < 1 or self.api_workers < 1:
            raise InputError("at least one worker thread is needed")
        if self.query_processes < 0:
            raise InputError("the number of query processes cannot be negative")
        if self.query_memory_mb < 64:
            raise InputError("a query needs at least 64 MiB of memory")
        if self.max_connections < 1:
            raise InputError("the connection limit must be at least 1")
        if self.header_timeout <= 0:
            raise InputError("the header timeout must be a positive number of seconds")
        if not 0 <= self.port <= 65535:
            raise InputError(f"invalid port {self.port}")

    @property
    def loopback_only(self) -> bool:
        """Whether the server listens on a loopback interface only."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False
