"""20,200 idle sockets used up the server's 20,000 file descriptors, and the log grew 65 MB of
``Errno 24`` tracebacks in 4 s, even with --quiet. Connections must now send their headers in
time, their number is capped, and a repeated log line is written a few times, then counted."""

from __future__ import annotations

import io
import logging
import socket
import time

import httpx
import pytest

from rolegraph.server.logs import configure_logging
from tests.regressions.serving import serving

pytest.importorskip("uvicorn")


def test_idle_connections_are_closed_and_the_cap_keeps_the_server_answering() -> None:
    with serving("--header-timeout", "1", "--max-connections", "20", "--quiet") as server:
        idle = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(60)]
        try:
            time.sleep(0.3)
            # Over the cap the longest idle connections make room: new clients are answered.
            for _ in range(3):
                assert httpx.get(f"{server.base}/api/health", timeout=10).status_code == 200
            time.sleep(1.5)
            closed = 0
            for sock in idle:
                sock.settimeout(2)
                try:
                    closed += sock.recv(1024) == b""
                except OSError:
                    closed += 1
            assert closed == len(idle), "every idle connection was closed"
            assert httpx.get(f"{server.base}/api/health", timeout=10).status_code == 200
        finally:
            for sock in idle:
                sock.close()
    assert server.stderr.count("open connections") <= 10


def test_a_trickling_client_is_closed_at_the_header_timeout() -> None:
    with serving("--header-timeout", "1", "--quiet") as server:
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.settimeout(5)
        started = time.monotonic()
        closed_at = None
        try:
            for part in (b"GET /api/health HTTP/1.1\r\n", b"Host: x\r\n", b"X-A: 1\r\n"):
                sock.sendall(part)
                time.sleep(0.4)
            sock.sendall(b"X-B: 2\r\n")
            if sock.recv(1024) == b"":
                closed_at = time.monotonic() - started
        except OSError:
            closed_at = time.monotonic() - started
        finally:
            sock.close()
        assert closed_at is not None and closed_at < 3


def test_a_flood_of_one_error_writes_a_few_lines() -> None:
    stream = io.StringIO()
    configure_logging(stream, access=False)
    log = logging.getLogger("asyncio")
    for _ in range(10_000):
        log.error("socket.accept() out of system resource", exc_info=OSError(24, "Too many"))
    lines = stream.getvalue().count("out of system resource")
    assert 1 <= lines <= 10
    assert len(stream.getvalue()) < 20_000
