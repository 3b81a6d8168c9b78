"""``rolegraph serve`` on an on-disk store kept answering what the store held when it started
after another process imported into it: its role list, descriptions and SPARQL answers stayed
those of the old generation until it was restarted. It now notices a new generation within a
second or two, opens the store again and warms up for it while still answering from the old
one, then answers from the new one."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from rolegraph.store import OxigraphStore, load_builtin
from tests.regressions.serving import serving

pytest.importorskip("uvicorn")

NEW = "https://w3id.org/rolegraph/id/role/orbital-gardener"
INSERT = f"""PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
INSERT DATA {{ GRAPH <https://w3id.org/rolegraph/graph/user> {{
  <{NEW}> a rg:Role ; skos:prefLabel "Orbital Gardener"@en }} }}"""
COUNT = (
    "PREFIX rg: <https://w3id.org/rolegraph/ns#> "
    "SELECT (COUNT(?role) AS ?n) WHERE { ?role a rg:Role }"
)


def _state(client: httpx.Client) -> tuple[set[str], int, int]:
    roles = {role["iri"] for role in client.get("/api/roles").json()}
    answer = client.get("/sparql", params={"query": COUNT})
    count = int(answer.json()["results"]["bindings"][0]["n"]["value"])
    found = client.get("/api/role", params={"id": "Orbital Gardener"}).status_code
    return roles, count, found


def test_serve_follows_an_import_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    load_builtin(store)
    store.close()
    with serving("--store", str(path), "--query-processes", "2") as served:
        with httpx.Client(base_url=served.base, timeout=30) as client:
            roles, count, found = _state(client)
            assert NEW not in roles and found == 404
            writer = OxigraphStore(path)  # another process imports, as `rolegraph import` does
            try:
                writer.update(INSERT)
            finally:
                writer.close()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                now = _state(client)
                if now == (roles | {NEW}, count + 1, 200):
                    break
                time.sleep(0.2)
            assert now == (roles | {NEW}, count + 1, 200)
        assert served.alive()
