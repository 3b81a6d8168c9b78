"""A GET query string of 64 KB got 400 from the HTTP parser instead of the promised 414."""

from __future__ import annotations

import http.client
from urllib.parse import urlencode

import pytest

from tests.regressions.serving import serving

pytest.importorskip("httptools")


def get(port: int, padding: int) -> tuple[int, str]:
    query = "SELECT * WHERE { ?s ?p ?o } LIMIT 1 #" + "x" * padding
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/sparql?" + urlencode({"query": query}))
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_64_kb_query_string_gets_414_and_a_shorter_one_is_answered() -> None:
    with serving("--quiet") as server:
        status, text = get(server.port, 64 * 1024)
        assert status == 414
        assert "POST" in text
        status, _ = get(server.port, 30_000)
        assert status == 200
        status, _ = get(server.port, 3 * 1024 * 1024)
        assert status == 414
