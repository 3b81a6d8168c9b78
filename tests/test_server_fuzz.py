"""Hostile and malformed input: fuzzed queries, parameters and headers get 4xx, never 5xx."""

from __future__ import annotations

import random
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, Store, load_builtin

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SEEDS = [
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5",
    "PREFIX rg: <https://w3id.org/rolegraph/ns#> SELECT ?r WHERE { ?r a rg:Role }",
    'ASK { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> "Project Manager"@en }',
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
    "DESCRIBE <https://w3id.org/rolegraph/id/role/account-manager>",
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "man", "i")) }',
    'SELECT ?x WHERE { VALUES ?x { 1 2.5 "a" <http://e/x> } } ORDER BY DESC(?x)',
]
PIECES = [
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    '"',
    "'",
    "?",
    "$",
    "#",
    "\\",
    "\\u0000",
    "\x00",
    "\n",
    "*",
    "SELECT",
    "WHERE",
    "FILTER",
    "OPTIONAL",
    "UNION",
    "GRAPH",
    "SERVICE",
    "INSERT",
    "DELETE",
    "LOAD",
    "BIND",
    "VALUES",
    "LIMIT -1",
    "OFFSET 99999999999999999999",
    "a",
    ";",
    ",",
    ".",
    "\u202e",
    "\ud7ff",
    "💼",
    "%",
    "&",
    "=",
    "+",
    "<<",
    ">>",
    "^^",
    "@en",
    "_:b",
]

settings.register_profile(
    "server-fuzz",
    max_examples=80,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store: Store = OxigraphStore()
    load_builtin(store)
    app = create_app(store, settings=ServerSettings(query_timeout=5, max_rows=2000))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    store.close()


@st.composite
def mutated_queries(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(PIECES) | st.text(max_size=5))
        if action == "insert":
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 8)) :]
        else:
            text = text[:position] + piece + text[position + len(piece) :]
    return text


queries = mutated_queries() | st.text(max_size=300)
headers_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60)


def assert_handled(response: object, what: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    assert status < 500, f"{what!r} -> {status}: {response.text[:300]}"  # type: ignore[attr-defined]
    assert "Traceback" not in response.text  # type: ignore[attr-defined]


@settings(settings.get_profile("server-fuzz"))
@given(query=queries, accept=headers_text | st.none())
def test_fuzzed_queries_by_get(client: TestClient, query: str, accept: str | None) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    assert_handled(client.get("/sparql", params={"query": query}, headers=headers), query)


@settings(settings.get_profile("server-fuzz"))
@given(
    body=st.binary(max_size=200) | queries.map(lambda q: q.encode("utf-8", "surrogatepass")),
    content_type=st.sampled_from(
        [
            "application/sparql-query",
            "application/sparql-update",
            "application/x-www-form-urlencoded",
            "text/plain",
            "",
            "application/sparql-query; charset=latin-1",
        ]
    )
    | headers_text,
)
def test_fuzzed_posts(client: TestClient, body: bytes, content_type: str) -> None:
    response = client.post("/sparql", content=body, headers={"Content-Type": content_type})
    assert_handled(response, (body, content_type))


api_text = st.text(max_size=80) | st.sampled_from(
    ["", " ", "\x00", "role:", "<>", "http://", "../../etc/passwd", "%00", "a" * 600, "-1", "1e9"]
)


@settings(settings.get_profile("server-fuzz"))
@given(
    path=st.sampled_from(
        [
            "/api/role",
            "/api/search",
            "/api/skills/search",
            "/api/compare",
            "/api/route",
            "/api/next",
            "/api/fit",
            "/api/similar",
            "/api/transferable",
            "/api/validate",
            "/api/queries/roles",
            "/api/queries/skill-gap",
        ]
    ),
    params=st.dictionaries(
        st.sampled_from(
            [
                "id",
                "q",
                "limit",
                "a",
                "b",
                "from",
                "to",
                "k",
                "max_steps",
                "promotions_only",
                "role",
                "depth",
                "skill",
                "top",
                "scheme",
                "by",
                "graph",
                "format",
            ]
        ),
        api_text,
        max_size=5,
    ),
)
def test_fuzzed_api_parameters(client: TestClient, path: str, params: dict[str, str]) -> None:
    assert_handled(client.get(path, params=params), (path, params))


@settings(settings.get_profile("server-fuzz"))
@given(segment=api_text, accept=headers_text | st.none(), fmt=api_text | st.none())
def test_fuzzed_paths(
    client: TestClient, segment: str, accept: str | None, fmt: str | None
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    params = {"format": fmt} if fmt is not None else {}
    for prefix in ("/id/role/", "/api/roles/", "/ns/"):
        url = prefix + quote(segment, safe="/:@")
        assert_handled(client.get(url, params=params, headers=headers), (url, params, headers))


def test_random_bytes_in_raw_requests(client: TestClient) -> None:
    generator = random.Random(20261127)
    for _ in range(200):
        raw = bytes(generator.randrange(256) for _ in range(generator.randrange(1, 80)))
        response = client.get("/sparql?query=" + raw.hex())
        assert_handled(response, raw)
        form = client.post(
            "/sparql", content=raw, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert_handled(form, raw)
