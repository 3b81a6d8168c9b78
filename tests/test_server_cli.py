"""``rolegraph serve`` as a user starts it: a process on loopback with a JSON access log."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.conftest import CliResult
from tests.server_fixtures import free_port, wait_until_up

pytest.importorskip("uvicorn")

TOKEN = "a-token-of-at-least-16-chars"


def start(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from rolegraph.cli import run; run()",
            "serve",
            "--port",
            str(port),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/api/health", timeout=30)
    except RuntimeError:
        process.kill()
        raise AssertionError(process.communicate()[1]) from None
    return process, base


def stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=20)
    return process.returncode, err


def test_serve_answers_and_logs_each_request_as_json(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    process, base = start("--allow-updates", "--token-file", str(token_file))
    try:
        health = httpx.get(f"{base}/api/health").json()
        assert health["status"] == "ok" and health["updates"] is True
        update = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <p:p> 1 } }"
        refused = httpx.post(f"{base}/sparql", data={"update": update})
        assert refused.status_code == 401
        done = httpx.post(
            f"{base}/sparql", data={"update": update}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert done.status_code == 204
        ask = httpx.get(
            f"{base}/sparql", params={"query": "ASK { <http://example.org/s> <p:p> 1 }"}
        ).json()
        assert ask["boolean"] is True
    finally:
        code, err = stop(process)
    assert code == 0
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert [(line["method"], line["path"], line["status"]) for line in lines][-4:] == [
        ("GET", "/api/health", 200),
        ("POST", "/sparql", 401),
        ("POST", "/sparql", 204),
        ("GET", "/sparql", 200),
    ]
    assert all(line["client"].startswith("127.0.0.1:") for line in lines)
    assert "serving" in err


def test_serve_refuses_updates_without_a_token(
    cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ROLEGRAPH_TOKEN", raising=False)
    answer = cli("serve", "--allow-updates")
    assert answer.code == 2
    assert "token" in answer.err
    empty = tmp_path / "empty"
    empty.write_text("")
    assert cli("serve", "--allow-updates", "--token-file", empty).code == 2
    assert cli("serve", "--allow-updates", "--token-file", tmp_path / "missing").code == 2
