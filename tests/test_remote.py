"""Every command against a real SPARQL server (Oxigraph server) gives the answers the embedded
store gives, and a server that goes away mid-command leaves a clear error and nothing
half-written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from rolegraph.api import RoleGraph
from rolegraph.errors import StoreError
from rolegraph.load import ARTICLE_GRAPH
from rolegraph.render import to_json
from rolegraph.store import OxigraphStore, RemoteStore, Store, load_builtin
from rolegraph.terms import to_ox
from tests.conftest import CliResult
from tests.server_fixtures import OxigraphServer, oxigraph_server, remote_store, scratch_oxigraph

__all__ = ["oxigraph_server", "remote_store", "scratch_oxigraph"]

pytestmark = pytest.mark.server

ROLE_QUERY = "SELECT ?s WHERE { ?s a <https://w3id.org/rolegraph/ns#Role> } ORDER BY ?s"
PAIRS = [
    ("Account Manager", "Project Manager"),
    ("Project Manager", "Senior Project Manager"),
    ("Account Manager", "Senior Account Manager"),
]


@pytest.fixture(scope="module")
def embedded() -> Iterator[RoleGraph]:
    store = OxigraphStore()
    load_builtin(store)
    graph = RoleGraph(store)
    yield graph
    graph.close()


@pytest.fixture(scope="module")
def remote(oxigraph_server: OxigraphServer) -> Iterator[RoleGraph]:
    graph = RoleGraph(oxigraph_server.store())
    yield graph
    graph.close()


def canonical(graph: Graph) -> set[str]:
    """The triples of ``graph`` with blank nodes canonically named, for comparing graphs fast."""
    dataset = ox.Dataset(
        ox.Quad(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
        for s, p, o in graph
    )
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(quad) for quad in dataset}


def plain(data: Any) -> Any:
    """``data`` as JSON would carry it."""
    return json.loads(json.dumps(data, default=str))


def test_the_data_arrived_whole(embedded: RoleGraph, remote: RoleGraph) -> None:
    assert remote.store.graph_names() == embedded.store.graph_names()
    assert remote.store.count() == embedded.store.count()
    assert canonical(remote.store.to_graph()) == canonical(embedded.store.to_graph())


def test_roles_and_descriptions_are_identical(embedded: RoleGraph, remote: RoleGraph) -> None:
    listed = [s.to_dict() for s in embedded.roles()]
    assert [s.to_dict() for s in remote.roles()] == listed
    for summary in listed:
        assert plain(remote.role(summary["iri"]).to_dict()) == plain(
            embedded.role(summary["iri"]).to_dict()
        ), summary["iri"]


def test_name_lookup_is_identical(embedded: RoleGraph, remote: RoleGraph) -> None:
    for text in ("acount manger", "PM", "project", "13-1082.00"):
        assert remote.search(text) == embedded.search(text)
    assert remote.search("negotation", kind="skill") == embedded.search("negotation", kind="skill")


def test_named_queries_give_identical_rows(embedded: RoleGraph, remote: RoleGraph) -> None:
    from rolegraph.queries import bind_values, load_queries, run_query

    ran = 0
    for query in load_queries().values():
        if any(p.required for p in query.parameters) and not query.example:
            continue
        values = dict(query.example)
        ours = run_query(embedded.store, query, bind_values(query, values))
        theirs = run_query(remote.store, query, bind_values(query, values))
        assert theirs.type == ours.type, query.name
        if ours.type == "CONSTRUCT":
            assert ours.graph is not None and theirs.graph is not None
            assert canonical(ours.graph) == canonical(theirs.graph), query.name
        else:
            assert theirs.variables == ours.variables, query.name
            assert theirs.rows == ours.rows, query.name
        ran += 1
    assert ran >= 10


def test_analysis_is_identical(embedded: RoleGraph, remote: RoleGraph) -> None:
    from rolegraph.analysis.compare import compare
    from rolegraph.analysis.fit import fit
    from rolegraph.analysis.overlap import similar
    from rolegraph.analysis.routes import next_moves, routes

    def answers(g: RoleGraph) -> list[Any]:
        net = g.network()
        out: list[Any] = []
        for a_name, b_name in PAIRS:
            a, b = str(g.resolve_role(a_name)), str(g.resolve_role(b_name))
            out.append(to_json(compare(net, a, b)))
            out.append(to_json(routes(net, a, b)))
            out.append(to_json(next_moves(net, a, depth=2)))
            out.append([s.to_dict() for s in similar(net, a)])
        skills = [str(g.resolve_skill(name)) for name in ("negotiation", "communication")]
        out.append([f.to_dict() for f in fit(net, skills)])
        return out

    assert plain(answers(remote)) == plain(answers(embedded))


def test_validation_is_identical(embedded: RoleGraph, remote: RoleGraph) -> None:
    assert remote.validate().to_dict() == embedded.validate().to_dict()


def test_commands_run_against_the_server(
    oxigraph_server: OxigraphServer,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    local = {
        args: cli(*args, "--format", "json") for args in (("roles",), ("show", "Account Manager"))
    }
    for name, value in oxigraph_server.env.items():
        monkeypatch.setenv(name, value)
    for args, expected in local.items():
        answer = cli(*args, "--format", "json")
        assert answer.code == 0, answer.err
        assert json.loads(answer.out) == json.loads(expected.out), args
    out = tmp_path / "graph.nt"
    exported = cli("export", "--format", "nt", "-o", out)
    assert exported.code == 0, exported.err
    remote_graph = Graph().parse(out, format="nt")
    monkeypatch.delenv("ROLEGRAPH_STORE")
    embedded = tmp_path / "embedded.nt"
    assert cli("export", "--format", "nt", "-o", embedded).code == 0
    assert canonical(remote_graph) == canonical(Graph().parse(embedded, format="nt"))


def test_the_server_is_served_through_rolegraph(
    oxigraph_server: OxigraphServer, embedded: RoleGraph
) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from rolegraph.server import create_app

    store = oxigraph_server.store()
    with TestClient(create_app(store)) as client, TestClient(create_app(embedded.store)) as local:
        for path, params in (
            ("/api/roles", {}),
            ("/api/role", {"id": "PM"}),
            ("/api/compare", {"a": "Account Manager", "b": "Project Manager"}),
            ("/api/route", {"from": "Account Manager", "to": "Senior Project Manager"}),
            ("/api/fit", {"skill": "negotiation"}),
            ("/sparql", {"query": ROLE_QUERY}),
        ):
            answer = client.get(path, params=params)
            assert answer.status_code == 200, (path, answer.text)
            assert answer.json() == local.get(path, params=params).json(), path
        health = client.get("/api/health").json()
        assert health["engine"] == "sparql" and health["triples"] == embedded.store.count()
    store.close()


# -- faults --------------------------------------------------------------------------------------


def _fill(server: OxigraphServer) -> RemoteStore:
    store = server.store()
    load_builtin(store)
    return store


def test_a_server_gone_before_the_command_is_a_clear_error(
    scratch_oxigraph: OxigraphServer,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _fill(scratch_oxigraph).close()
    for name, value in scratch_oxigraph.env.items():
        monkeypatch.setenv(name, value)
    scratch_oxigraph.kill()
    answer = cli("roles")
    assert answer.code == 2
    assert "cannot reach the SPARQL server" in answer.err
    assert "Traceback" not in answer.err


def test_a_server_gone_mid_command_leaves_the_old_file(
    scratch_oxigraph: OxigraphServer,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _fill(scratch_oxigraph).close()
    for name, value in scratch_oxigraph.env.items():
        monkeypatch.setenv(name, value)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export.ttl"
    target.write_text("# the previous export\n")
    calls = {"n": 0}
    original = RemoteStore._post

    def dying(self: RemoteStore, url: str, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:  # the server dies after the command's first request
            scratch_oxigraph.kill()
        return original(self, url, **kwargs)

    monkeypatch.setattr(RemoteStore, "_post", dying)
    answer = cli("export", "--no-ontology", "-o", target)  # one request per named graph
    assert calls["n"] >= 2
    assert answer.code == 2, answer.out
    assert "SPARQL server" in answer.err
    assert target.read_text() == "# the previous export\n"
    assert [p.name for p in folder.iterdir()] == ["export.ttl"]


def test_an_import_cut_short_leaves_the_old_graph(
    scratch_oxigraph: OxigraphServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _fill(scratch_oxigraph)
    before = store.count(ARTICLE_GRAPH)
    roles_before = len(RoleGraph(store, owns_store=False).roles())
    assert before > 100

    def half(n: int) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
        for i in range(n):
            if i == n // 2:
                scratch_oxigraph.kill()
            yield (
                URIRef(f"http://example.org/s{i}"),
                URIRef("http://example.org/p"),
                URIRef("http://example.org/o"),
            )

    with pytest.raises(StoreError, match="SPARQL server"):
        store.replace_graph(ARTICLE_GRAPH, half(25_000))
    store.close()
    scratch_oxigraph.start()
    reopened = scratch_oxigraph.store()
    assert reopened.count(ARTICLE_GRAPH) == before
    assert len(RoleGraph(reopened, owns_store=False).roles()) == roles_before
    reopened.close()


def test_remote_store_errors_are_store_errors(scratch_oxigraph: OxigraphServer) -> None:
    store: Store = scratch_oxigraph.store()
    scratch_oxigraph.kill()
    with pytest.raises(StoreError, match="cannot reach"):
        store.query("ASK {}")
    store.close()


def test_literals_and_blank_nodes_survive_the_trip(scratch_oxigraph: OxigraphServer) -> None:
    from rdflib import BNode, Literal

    store = scratch_oxigraph.store()
    graph = URIRef("http://example.org/g")
    node = BNode()
    text = Literal('two\nlines, "quoted" \\ and tabbed\t', lang="en")
    triples = [(node, URIRef("http://example.org/n"), Literal(i)) for i in range(12_000)]
    triples.append((node, URIRef("http://example.org/text"), text))
    assert store.replace_graph(graph, triples) == 12_001
    subjects = store.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }").rows
    assert len(subjects) == 1, "one blank node, whatever the size of the graph"
    assert store.query("SELECT ?t WHERE { ?s <http://example.org/text> ?t }").rows == [(text,)]

    def failing() -> Iterator[tuple[URIRef, URIRef, Literal]]:
        yield URIRef("http://example.org/a"), URIRef("http://example.org/b"), Literal(1)
        raise ValueError("the input broke off")

    with pytest.raises(ValueError):
        store.replace_graph(URIRef("http://example.org/other"), failing())
    assert store.graph_names() == [graph], "no staging graph is left for queries to see"
    store.close()
