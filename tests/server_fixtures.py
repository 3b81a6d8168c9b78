"""Fixtures for the server tests: a real Oxigraph SPARQL server on a free loopback port, filled
with the built-in data through rolegraph, and rolegraph's own server running in a thread.

Use them from a test module with ``from tests.server_fixtures import ...`` (pytest then finds the
fixtures by name). The Oxigraph server comes from the ``oxigraph`` package on PyPI; without its
binary the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from rolegraph.store import RemoteSettings, RemoteStore, Store, load_builtin


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary: next to this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def wait_until_up(url: str, timeout: float = 20.0) -> None:
    """Poll ``url`` until it answers below 500, or fail after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < end:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError as error:
            last = error
        time.sleep(0.05)
    raise RuntimeError(f"nothing answered at {url} within {timeout} s: {last}")


@dataclass
class OxigraphServer:
    """An ``oxigraph serve`` process whose default graph is the union of its named graphs."""

    binary: str
    location: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def settings(self) -> RemoteSettings:
        return RemoteSettings(
            query_url=f"{self.base}/query",
            update_url=f"{self.base}/update",
            graph_store_url=f"{self.base}/store",
            timeout=30.0,
        )

    @property
    def env(self) -> dict[str, str]:
        """Environment variables that point rolegraph at this server."""
        return {
            "ROLEGRAPH_STORE": self.settings.query_url,
            "ROLEGRAPH_UPDATE_URL": self.settings.update_url or "",
            "ROLEGRAPH_GSP_URL": self.settings.graph_store_url or "",
        }

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen(
            [
                self.binary,
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(f"{self.base}/query?query=ASK%7B%7D")
        return self

    def kill(self) -> None:
        """Stop the server at once, as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def store(self) -> RemoteStore:
        return RemoteStore(self.settings)


def start_oxigraph(location: Path) -> OxigraphServer:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    return OxigraphServer(binary, location).start()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the session, filled with the built-in data through rolegraph
    (``RemoteStore.replace_graph`` via ``load_builtin``). Tests must not change its data."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    store = server.store()
    try:
        load_builtin(store)
    finally:
        store.close()
    yield server
    server.kill()


@pytest.fixture
def scratch_oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    """An Oxigraph server of the test's own, empty, on disk in ``tmp_path``; tests may kill it."""
    server = start_oxigraph(tmp_path / "oxigraph")
    yield server
    server.kill()


@pytest.fixture
def remote_store(oxigraph_server: OxigraphServer) -> Iterator[Store]:
    """A RemoteStore on the session's Oxigraph server."""
    store = oxigraph_server.store()
    yield store
    store.close()


class LiveServer:
    """A rolegraph application served by Uvicorn in a thread of the test process."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        config = uvicorn.Config(
            app,  # type: ignore[arg-type]
            host="127.0.0.1",
            port=self.port,
            log_config=None,
            access_log=False,
            lifespan="on",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        wait_until_up(f"{self.base}/api/health")
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
