"""Answers kept per store generation: validators and 304s for conditional requests, SPARQL
answers given again without a worker, and nothing kept past a change of the store."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import formatdate

import pytest

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, load_builtin

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

TOKEN = "a-token-of-at-least-16-chars"
COUNT = (
    "PREFIX rg: <https://w3id.org/rolegraph/ns#> "
    "SELECT (COUNT(?role) AS ?n) WHERE { ?role a rg:Role }"
)


@pytest.fixture
def client() -> Iterator[TestClient]:
    store = OxigraphStore()
    load_builtin(store)
    settings = ServerSettings(allow_updates=True, token=TOKEN, query_processes=2)
    with TestClient(create_app(store, settings=settings)) as client:
        yield client
    store.close()


def _count(client: TestClient) -> int:
    answer = client.get("/sparql", params={"query": COUNT})
    assert answer.status_code == 200
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    "path", ["/api/role?id=Account%20Manager", "/api/roles", "/sparql?query=ASK%7B%7D"]
)
def test_an_unchanged_answer_is_not_sent_again(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    assert client.get(path, headers={"If-None-Match": f'W/"x", {etag}'}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200
    earlier = formatdate(0, usegmt=True)
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_different_answers_have_different_tags(client: TestClient) -> None:
    one = client.get("/api/role", params={"id": "Account Manager"})
    other = client.get("/api/role", params={"id": "Project Manager"})
    assert one.headers["etag"] != other.headers["etag"]
    table = client.get("/sparql", params={"query": COUNT})
    csv = client.get("/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"})
    assert csv.text.splitlines()[0] == "n"
    assert table.headers["etag"] != csv.headers["etag"]
    assert csv.headers["vary"] == "Accept"


def test_a_kept_sparql_answer_needs_no_worker(client: TestClient) -> None:
    state = client.app.state.rolegraph  # type: ignore[attr-defined]
    before = _count(client)
    state.query_processes.close()  # no worker could answer from now on
    assert _count(client) == before


def test_an_update_forgets_kept_answers_and_changes_the_tags(client: TestClient) -> None:
    before = _count(client)
    tag = client.get("/sparql", params={"query": COUNT}).headers["etag"]
    api_tag = client.get("/api/roles").headers["etag"]
    update = (
        "PREFIX rg: <https://w3id.org/rolegraph/ns#> "
        "INSERT DATA { GRAPH <https://w3id.org/rolegraph/graph/user> "
        "{ <https://w3id.org/rolegraph/id/role/new-role> a rg:Role } }"
    )
    done = client.post(
        "/sparql",
        content=update,
        headers={
            "Content-Type": "application/sparql-update",
            "Authorization": f"Bearer {TOKEN}",
        },
    )
    assert done.status_code == 204
    assert _count(client) == before + 1
    again = client.get("/sparql", params={"query": COUNT}, headers={"If-None-Match": tag})
    assert again.status_code == 200 and again.headers["etag"] != tag
    roles = client.get("/api/roles", headers={"If-None-Match": api_tag})
    assert roles.status_code == 200
    assert any(r["iri"].endswith("/new-role") for r in roles.json())


def test_a_role_described_while_warming_up_shows_an_update(client: TestClient) -> None:
    role = "https://w3id.org/rolegraph/id/role/account-manager"
    before = client.get("/api/role", params={"id": "Account Manager"}).json()
    assert "Key Account Lead" not in before["alt_labels"]
    update = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "INSERT DATA { GRAPH <https://w3id.org/rolegraph/graph/user> "
        f'{{ <{role}> skos:altLabel "Key Account Lead"@en }} }}'
    )
    headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    assert client.post("/sparql", content=update, headers=headers).status_code == 204
    after = client.get("/api/roles/Key Account Lead").json()
    assert after["iri"] == role and "Key Account Lead" in after["alt_labels"]
    assert {k: v for k, v in after.items() if k != "alt_labels"} == {
        k: v for k, v in before.items() if k != "alt_labels"
    }


def test_errors_are_not_kept(client: TestClient) -> None:
    bad = client.get("/sparql", params={"query": "SELECT WHERE {"})
    assert bad.status_code == 400 and "etag" not in bad.headers
    unknown = client.get("/api/role", params={"id": "no such role at all"})
    assert unknown.status_code == 404 and "etag" not in unknown.headers
