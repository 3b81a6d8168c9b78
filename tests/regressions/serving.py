"""Helpers of the regression tests: ``rolegraph serve`` in a process of its own, as users run it,
so that a crash of the server shows as a failed test, not as a crashed test run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from tests.server_fixtures import free_port, wait_until_up

TOKEN = "a-token-of-at-least-16-chars"
COMMAND = [sys.executable, "-c", "from rolegraph.cli import run; run()"]


@dataclass
class Served:
    process: subprocess.Popen[str]
    base: str
    port: int
    stderr: str = ""

    def alive(self) -> bool:
        return self.process.poll() is None


@contextmanager
def serving(*args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """``rolegraph serve ARGS`` on a free port; on leaving, stopped with Ctrl-C and its standard
    error kept in ``stderr``."""
    port = free_port()
    process = subprocess.Popen(
        [*COMMAND, "serve", "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    served = Served(process, f"http://127.0.0.1:{port}", port)
    try:
        try:
            wait_until_up(f"{served.base}/openapi.json", timeout=60)
        except RuntimeError:
            process.kill()
            raise AssertionError(process.communicate()[1]) from None
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            _, served.stderr = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            _, served.stderr = process.communicate()


def rolegraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in a process of its own."""
    return subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
