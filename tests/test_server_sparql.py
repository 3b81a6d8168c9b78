"""The SPARQL 1.1 Protocol endpoint: methods, content negotiation, status codes, limits, updates."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.sparql.results.xmlresults import XMLResultParser

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, RdflibStore, Store, load_builtin

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

ROLES = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?role ?label WHERE { ?role a rg:Role ; skos:prefLabel ?label } ORDER BY ?role"""
CONSTRUCT = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
CONSTRUCT { ?role a rg:Role } WHERE { ?role a rg:Role }"""
ASK = "PREFIX rg: <https://w3id.org/rolegraph/ns#> ASK { ?role a rg:Role }"
TOKEN = "s3cret-token-for-tests-only"


def client_for(store: Store, **settings: object) -> TestClient:
    return TestClient(create_app(store, settings=ServerSettings(**settings)))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    store = OxigraphStore()
    load_builtin(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with client_for(store) as client:
        yield client


def role_count(store: Store) -> int:
    return len(store.query(ROLES).rows)


def bindings(response: object) -> list[dict[str, str]]:
    data = json.loads(response.content)  # type: ignore[attr-defined]
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_get_form_and_direct_post_give_the_same_answer(client: TestClient, store: Store) -> None:
    by_get = client.get("/sparql", params={"query": ROLES})
    by_form = client.post("/sparql", data={"query": ROLES})
    by_body = client.post(
        "/sparql", content=ROLES, headers={"Content-Type": "application/sparql-query"}
    )
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert bindings(by_get) == bindings(by_form) == bindings(by_body)
    assert len(bindings(by_get)) == role_count(store) > 5


def test_select_formats_follow_the_accept_header(client: TestClient, store: Store) -> None:
    expected = {(str(r), str(label)) for r, label in store.query(ROLES).rows}
    xml = client.get(
        "/sparql", params={"query": ROLES}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    parsed = XMLResultParser().parse(io.BytesIO(xml.content))
    assert {(str(row[0]), str(row[1])) for row in parsed} == expected  # type: ignore[index]
    csv_answer = client.get("/sparql", params={"query": ROLES}, headers={"Accept": "text/csv"})
    assert csv_answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_answer.text)))
    assert rows[0] == ["role", "label"]
    assert {tuple(row) for row in rows[1:]} == expected
    tsv = client.get(
        "/sparql", params={"query": ROLES}, headers={"Accept": "text/tab-separated-values"}
    )
    lines = tsv.text.rstrip("\n").split("\n")
    assert lines[0] == "?role\t?label"
    assert lines[1].startswith("<https://w3id.org/rolegraph/id/role/")
    assert '"@en' in lines[1] or '"' in lines[1]


def test_format_parameter_and_quality_values(client: TestClient) -> None:
    answer = client.get("/sparql", params={"query": ASK, "format": "xml"})
    assert answer.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in answer.text
    preferred = client.get(
        "/sparql",
        params={"query": ASK},
        headers={"Accept": "text/csv;q=0.5, application/sparql-results+json;q=0.9"},
    )
    assert json.loads(preferred.content) == {"head": {}, "boolean": True}
    browser = client.get(
        "/sparql",
        params={"query": ASK},
        headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
    )
    assert browser.headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize(
    ("accept", "rdf_format", "media"),
    [
        (None, "turtle", "text/turtle"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/rdf+xml", "xml", "application/rdf+xml"),
    ],
)
def test_construct_formats(
    client: TestClient, store: Store, accept: str | None, rdf_format: str, media: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    answer = client.get("/sparql", params={"query": CONSTRUCT}, headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    graph = Graph().parse(data=answer.content, format=rdf_format)
    assert len(graph) == role_count(store)


def test_not_acceptable(client: TestClient) -> None:
    answer = client.get("/sparql", params={"query": ROLES}, headers={"Accept": "image/png"})
    assert answer.status_code == 406
    assert "application/sparql-results+json" in answer.text
    graph = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert graph.status_code == 406


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "words"),
    [
        ("get", {}, 400, "missing 'query'"),
        ("get", {"params": {"query": "SELECT WHERE {"}}, 400, "malformed"),
        ("get", {"params": {"query": ""}}, 400, "empty"),
        ("get", {"params": [("query", ASK), ("query", ASK)]}, 400, "exactly one"),
        ("get", {"params": {"query": ASK, "format": "png"}}, 400, "unknown format"),
        ("post", {"content": ASK, "headers": {"Content-Type": "text/plain"}}, 415, "Content-Type"),
        (
            "post",
            {"content": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}},
            400,
            "UTF-8",
        ),
        ("put", {"content": ASK}, 405, "GET or POST"),
        ("delete", {}, 405, "GET or POST"),
        ("get", {"params": {"update": "CLEAR ALL"}}, 405, "POST"),
        ("post", {"data": {"query": ASK, "update": "CLEAR ALL"}}, 400, "not both"),
        ("get", {"params": {"query": "CLEAR ALL"}}, 400, "update"),
    ],
)
def test_bad_requests_get_readable_4xx(
    client: TestClient, method: str, kwargs: dict[str, object], status: int, words: str
) -> None:
    answer = getattr(client, method)("/sparql", **kwargs)
    assert answer.status_code == status, answer.text
    assert words in answer.text
    assert "Traceback" not in answer.text
    if status == 405:
        assert answer.headers["allow"] in ("GET, POST", "POST")


def test_service_is_refused(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 400
    assert "SERVICE" in answer.text
    escaped = "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    assert client.get("/sparql", params={"query": escaped}).status_code == 400
    harmless = 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }'
    assert client.get("/sparql", params={"query": harmless}).status_code == 200


def test_dataset_parameters(client: TestClient) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    ontology = "https://w3id.org/rolegraph/graph/ontology"
    everything = bindings(client.get("/sparql", params={"query": count}))[0]["n"]
    only = bindings(client.get("/sparql", params={"query": count, "default-graph-uri": ontology}))
    assert 0 < int(only[0]["n"]) < int(everything)
    named = client.get(
        "/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": ontology,
        },
    )
    assert [row["g"] for row in bindings(named)] == [ontology]
    bad = client.get("/sparql", params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


def test_dataset_parameters_are_refused_where_unsupported() -> None:
    store = RdflibStore()
    load_builtin(store)
    with client_for(store) as client:
        answer = client.get(
            "/sparql", params={"query": ASK, "default-graph-uri": "http://example.org/g"}
        )
        assert answer.status_code == 400
        assert "FROM" in answer.text
        assert client.get("/sparql", params={"query": ASK}).json() == {"head": {}, "boolean": True}


def test_row_limit(store: Store) -> None:
    with client_for(store, max_rows=50) as client:
        small = client.get("/sparql", params={"query": ROLES})
        assert small.status_code == 200
        big = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert big.status_code == 422
        assert "50" in big.text and "LIMIT" in big.text
        huge = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert huge.status_code == 422


def test_request_size_limits(store: Store) -> None:
    with client_for(store, max_request_bytes=2048) as client:
        padding = "#" + "x" * 4000 + "\n"
        body = client.post(
            "/sparql",
            content=padding + ASK,
            headers={"Content-Type": "application/sparql-query"},
        )
        assert body.status_code == 413
        assert "2,048" in body.text
        url = client.get("/sparql", params={"query": padding + ASK})
        assert url.status_code == 414
        assert client.post("/sparql", data={"query": ASK}).status_code == 200


def test_updates_are_off_by_default(client: TestClient, store: Store) -> None:
    before = store.count()
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    answer = client.post("/sparql", data={"update": update})
    assert answer.status_code == 403
    direct = client.post(
        "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
    )
    assert direct.status_code == 403
    assert store.count() == before


def test_updates_need_the_token() -> None:
    store = OxigraphStore()
    load_builtin(store)
    update = (
        "INSERT DATA { GRAPH <http://example.org/g> "
        "{ <http://example.org/a> a <https://w3id.org/rolegraph/ns#Role> } }"
    )
    with client_for(store, allow_updates=True, token=TOKEN) as client:
        roles_before = len(client.get("/api/roles").json())
        missing = client.post("/sparql", data={"update": update})
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"].startswith("Bearer")
        wrong = client.post(
            "/sparql", data={"update": update}, headers={"Authorization": "Bearer wrong"}
        )
        assert wrong.status_code == 401
        good = client.post(
            "/sparql",
            content=update,
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
        )
        assert good.status_code == 204
        assert URIRef("http://example.org/g") in store.graph_names()
        # Cached answers belong to the old data: the role list now has one more role.
        assert len(client.get("/api/roles").json()) == roles_before + 1
        load = client.post(
            "/sparql",
            data={"update": "LOAD <http://127.0.0.1:1/x.ttl>"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert load.status_code == 400
        malformed = client.post(
            "/sparql", data={"update": "INSERT {"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert malformed.status_code == 400


def test_updates_need_a_token_to_be_enabled() -> None:
    from rolegraph.errors import InputError

    with pytest.raises(InputError, match="token"):
        ServerSettings(allow_updates=True)
    with pytest.raises(InputError, match="16"):
        ServerSettings(allow_updates=True, token="short")
