"""The JSON API, dereferenceable IRIs, documentation, error answers and access logs."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from rolegraph import __version__
from rolegraph.api import RoleGraph
from rolegraph.render import to_json
from rolegraph.server import ServerSettings, create_app
from rolegraph.store import OxigraphStore, Store, load_builtin
from rolegraph.vocab import ROLE
from tests.conftest import CliResult

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

AM = str(ROLE["account-manager"])
PM = str(ROLE["project-manager"])


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    store = OxigraphStore()
    load_builtin(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, settings=ServerSettings())) as client:
        yield client


@pytest.fixture(scope="module")
def graph(store: Store) -> RoleGraph:
    return RoleGraph(store, owns_store=False)


def test_health(client: TestClient, store: Store) -> None:
    answer = client.get("/api/health")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ok",
        "engine": "oxigraph",
        "triples": store.count(),
        "version": __version__,
        "updates": False,
    }


def test_roles_and_role_match_the_library(client: TestClient, graph: RoleGraph) -> None:
    assert client.get("/api/roles").json() == [s.to_dict() for s in graph.roles()]
    expected = graph.role("Account Manager").to_dict()
    by_label = client.get("/api/role", params={"id": "account manager"})
    assert by_label.status_code == 200
    assert by_label.json() == json.loads(json.dumps(expected))
    by_iri = client.get(f"/api/roles/{AM}")
    assert by_iri.json() == by_label.json()
    by_prefixed = client.get("/api/roles/role:account-manager")
    assert by_prefixed.json()["iri"] == AM


def test_unknown_role_is_404_with_suggestions(client: TestClient) -> None:
    answer = client.get("/api/role", params={"id": "acount manger"})
    assert answer.status_code == 404
    body = answer.json()
    assert body["name"] == "acount manger"
    assert "Account Manager" in body["suggestions"]
    assert "did you mean" in body["error"]


def test_search_forgives_typos(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "projct manger", "limit": 3}).json()
    assert 1 <= len(found) <= 3
    assert found[0]["iri"] == PM
    assert {"iri", "label", "score", "source"} <= set(found[0])
    skills = client.get("/api/skills/search", params={"q": "negotation"}).json()
    assert skills and "egotiat" in skills[0]["label"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/search", {}),
        ("/api/search", {"q": ""}),
        ("/api/search", {"q": "x", "limit": "0"}),
        ("/api/search", {"q": "x", "limit": "many"}),
        ("/api/role", {}),
        ("/api/route", {"from": "Account Manager"}),
        ("/api/route", {"from": "Account Manager", "to": "Project Manager", "k": "-1"}),
        ("/api/next", {"role": "Account Manager", "depth": "99"}),
        ("/api/fit", {}),
        ("/api/similar", {"role": "Account Manager", "scheme": "nope"}),
        ("/api/transferable", {"by": "nope"}),
    ],
)
def test_bad_parameters_are_422(client: TestClient, path: str, params: dict[str, str]) -> None:
    answer = client.get(path, params=params)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"].startswith("invalid parameters")


def test_analysis_endpoints_match_the_library(client: TestClient, graph: RoleGraph) -> None:
    from rolegraph.analysis.compare import compare
    from rolegraph.analysis.fit import fit
    from rolegraph.analysis.overlap import similar
    from rolegraph.analysis.routes import next_moves, routes
    from rolegraph.describe import salary_summary

    net = graph.network()
    skill = str(graph.resolve_skill("negotiation"))

    def same(answer: object, expected: object) -> None:
        assert answer == json.loads(json.dumps(expected, default=str))

    same(
        client.get("/api/compare", params={"a": "Account Manager", "b": "Project Manager"}).json(),
        to_json(
            compare(
                net,
                AM,
                PM,
                salaries={r: salary_summary(graph.store, URIRef(r)) for r in (AM, PM)},
            )
        ),
    )
    same(
        client.get("/api/route", params={"from": "Account Manager", "to": PM}).json(),
        to_json(routes(net, AM, PM)),
    )
    same(
        client.get("/api/next", params={"role": "Account Manager"}).json(),
        to_json(next_moves(net, AM)),
    )
    same(
        client.get("/api/fit", params={"skill": ["negotiation"], "top": 5}).json(),
        [f.to_dict() for f in fit(net, [skill], top=5)],
    )
    same(
        client.get("/api/similar", params={"role": "Account Manager"}).json(),
        [s.to_dict() for s in similar(net, AM)],
    )
    assert client.get("/api/transferable").status_code == 200
    unknown = client.get("/api/compare", params={"a": "Account Manager", "b": "Astronaut"})
    assert unknown.status_code == 404
    assert unknown.json()["kind"] == "role"


def test_named_queries(client: TestClient, store: Store) -> None:
    listed = client.get("/api/queries").json()
    names = {q["name"] for q in listed}
    assert "roles" in names
    answer = client.get("/api/queries/roles")
    assert answer.status_code == 200
    assert answer.json()["rows"]
    missing = client.get("/api/queries/role-skils")
    assert missing.status_code == 404
    assert missing.json()["suggestions"]


def test_validate(client: TestClient) -> None:
    report = client.get("/api/validate")
    assert report.status_code == 200
    assert report.json()["conforms"] is True
    assert client.get("/api/validate", params={"graph": "nope"}).status_code == 404
    bad = """@prefix rg: <https://w3id.org/rolegraph/ns#> .
<https://w3id.org/rolegraph/id/role/nameless> a rg:Role ."""
    upload = client.post("/api/validate", content=bad, headers={"Content-Type": "text/turtle"})
    assert upload.status_code == 200
    assert upload.json()["conforms"] is False
    malformed = client.post(
        "/api/validate", content="<a> <b> .", headers={"Content-Type": "text/turtle"}
    )
    assert malformed.status_code == 400
    wrong_type = client.post("/api/validate", content="x", headers={"Content-Type": "image/png"})
    assert wrong_type.status_code == 415


@pytest.mark.parametrize(
    ("accept", "rdf_format", "media"),
    [
        ("text/turtle", "turtle", "text/turtle"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/n-triples", "nt", "application/n-triples"),
        (None, "turtle", "text/turtle"),
    ],
)
def test_iris_dereference(
    client: TestClient, accept: str | None, rdf_format: str, media: str
) -> None:
    headers = {"Accept": accept} if accept else {}
    answer = client.get("/id/role/account-manager", headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    assert "Accept" in answer.headers["vary"]
    graph = Graph().parse(data=answer.content, format=rdf_format)
    subject = URIRef(AM)
    assert (subject, SKOS.prefLabel, None) in graph
    linked = set(graph.objects(subject, None))
    labelled = {s for s in graph.subjects(SKOS.prefLabel, None)}
    assert linked & labelled, "the labels of linked resources are included"


def test_iri_html_and_format_parameter(client: TestClient, store: Store) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    page = client.get("/id/role/account-manager", headers=browser, follow_redirects=False)
    if page.status_code == 303:  # the web page is served: a role's IRI leads to its view
        assert page.headers["location"].startswith("/role/")
    else:
        assert page.status_code == 200
        assert "Account Manager" in page.text
    skill = next(
        str(s)
        for s in store.query(
            "SELECT ?s WHERE { ?s a <https://w3id.org/rolegraph/ns#Skill> } ORDER BY ?s LIMIT 1"
        ).column("s")
    )
    skill_page = client.get(
        "/id/" + skill.removeprefix("https://w3id.org/rolegraph/id/"), headers=browser
    )
    assert skill_page.status_code == 200
    assert skill_page.headers["content-type"].startswith("text/html")
    assert 'href="/id/' in skill_page.text or "<table>" in skill_page.text
    assert "<script" not in skill_page.text
    turtle = client.get("/id/role/account-manager", params={"format": "turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert client.get("/id/role/no-such-role").status_code == 404
    assert client.get("/id/role/account-manager", params={"format": "gif"}).status_code == 400
    assert (
        client.get("/id/role/account-manager", headers={"Accept": "image/png"}).status_code == 406
    )


def test_vocabulary_and_context(client: TestClient) -> None:
    turtle = client.get("/ns")
    assert turtle.headers["content-type"].startswith("text/turtle")
    ontology = Graph().parse(data=turtle.content, format="turtle")
    assert (URIRef("https://w3id.org/rolegraph/ns#Role"), None, None) in ontology
    jsonld = client.get("/ns", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    html = client.get("/ns", headers={"Accept": "text/html"})
    assert 'id="Role"' in html.text
    context = client.get("/context.jsonld")
    assert context.headers["content-type"].startswith("application/ld+json")
    assert context.json()["@context"]["rg"] == "https://w3id.org/rolegraph/ns#"


def test_openapi_and_documentation_need_no_network(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/sparql", "/api/roles", "/api/route", "/api/fit", "/api/health"):
        assert path in spec["paths"]
    listing = client.get("/api").json()
    assert any(e["path"] == "/api/compare" for e in listing["endpoints"])
    docs = client.get("/docs")
    if docs.status_code == 200:
        assert "cdn" not in docs.text.lower()
        assert "/docs-static/swagger-ui-bundle.js" in docs.text
        assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


def test_unexpected_errors_hide_their_details(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(self: RoleGraph) -> object:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(RoleGraph, "roles", broken)
    with (
        TestClient(create_app(store), raise_server_exceptions=False) as client,
        caplog.at_level(logging.INFO),
    ):
        answer = client.get("/api/roles")
    assert answer.status_code == 500
    assert "secret" not in answer.text
    assert "Traceback" not in answer.text
    assert any("secret internal detail" in r.getMessage() or r.exc_info for r in caplog.records)


def test_access_log_is_one_json_line_per_request(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="rolegraph.access"):
        client.get("/api/health")
        client.get("/sparql")
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "rolegraph.access"]
    assert [(line["path"], line["status"]) for line in lines] == [
        ("/api/health", 200),
        ("/sparql", 400),
    ]
    for line in lines:
        assert set(line) == {"time", "method", "path", "status", "duration_ms", "bytes", "client"}
        assert line["bytes"] > 0 and line["duration_ms"] >= 0


def test_cors_is_off_unless_asked_for(store: Store) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    with TestClient(create_app(store)) as closed:
        assert (
            "access-control-allow-origin" not in closed.get("/api/health", headers=origin).headers
        )
    with TestClient(create_app(store, settings=ServerSettings(cors=True))) as open_:
        answer = open_.get("/api/health", headers=origin)
        assert answer.headers["access-control-allow-origin"] == "*"


def test_api_answers_what_the_command_line_answers(
    client: TestClient, cli: Callable[..., CliResult]
) -> None:
    cases = [
        (("roles",), "/api/roles", {}),
        (("show", "PM"), "/api/role", {"id": "PM"}),
        (
            ("compare", "Account Manager", "Project Manager"),
            "/api/compare",
            {"a": "Account Manager", "b": "Project Manager"},
        ),
        (
            ("route", "Project Manager", "Senior Project Manager"),
            "/api/route",
            {"from": "Project Manager", "to": "Senior Project Manager"},
        ),
        (
            ("next", "Account Manager", "--depth", "2"),
            "/api/next",
            {"role": "Account Manager", "depth": "2"},
        ),
        (
            ("fit", "--skill", "negotiation", "--skill", "communication"),
            "/api/fit",
            {"skill": ["negotiation", "communication"]},
        ),
        (("similar", "Account Manager"), "/api/similar", {"role": "Account Manager"}),
    ]
    for args, path, params in cases:
        answer = cli(*args, "--format", "json")
        assert answer.code in (0, 1), (args, answer.err)
        assert client.get(path, params=params).json() == json.loads(answer.out), args


def test_route_pay_for_a_place_and_no_dead_end(client: TestClient) -> None:
    ok = client.get("/api/route", params={"from": "Account Manager", "to": PM, "where": "ca"})
    assert ok.status_code == 200 and ok.json()["options"]["where"] == "US-CA"
    data = ok.json()
    assert data["routes"] or data["closest"]["gap"] is not None
    unknown = client.get(
        "/api/route", params={"from": "Account Manager", "to": PM, "where": "Mars"}
    )
    assert unknown.status_code == 404 and unknown.json()["kind"] == "place"
