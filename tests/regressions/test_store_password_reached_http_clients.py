"""``serve --store 'http://admin:PASS@host/query'`` printed the URL with its password in
/api/health and in /sparql errors. Credentials are now hidden in every message, log line and
HTTP body, on the command line too."""

from __future__ import annotations

import httpx
import pytest

from rolegraph.redact import redact
from tests.regressions.serving import rolegraph, serving
from tests.server_fixtures import free_port

pytest.importorskip("uvicorn")

PASSWORD = "Sup3r-secret-pw"


def test_health_errors_and_logs_hide_the_password() -> None:
    store = f"http://admin:{PASSWORD}@127.0.0.1:{free_port()}/query"
    env = {"ROLEGRAPH_PASSWORD": "an0ther-Secret", "ROLEGRAPH_USER": "someone"}
    with serving("--store", store, env=env) as server:
        health = httpx.get(f"{server.base}/api/health", timeout=30)
        sparql = httpx.get(f"{server.base}/sparql", params={"query": "ASK {}"}, timeout=30)
        roles = httpx.get(f"{server.base}/api/roles", timeout=30)
    assert health.status_code == 503
    assert sparql.status_code == 502 and roles.status_code == 502
    for text in (health.text, sparql.text, roles.text, server.stderr):
        assert PASSWORD not in text and "an0ther-Secret" not in text
    assert "127.0.0.1" in health.json()["error"]


def test_the_command_line_hides_the_password() -> None:
    store = f"http://admin:{PASSWORD}@127.0.0.1:{free_port()}/query"
    result = rolegraph("roles", "--store", store)
    assert result.returncode == 2
    assert PASSWORD not in result.stderr and "cannot reach" in result.stderr


def test_user_information_of_any_url_is_hidden() -> None:
    text = "at https://u:p%40ss@example.org:7200/repositories/x and ftp://tok@h/"
    shown = redact(text)
    assert "p%40ss" not in shown and "tok@" not in shown
    assert "https://***@example.org:7200/repositories/x" in shown
