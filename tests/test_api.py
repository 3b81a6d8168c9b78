"""The Python API: RoleGraph over the built-in data and over an on-disk store with its caches."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from rolegraph import RoleGraph
from rolegraph.errors import InputError, UnknownNameError
from rolegraph.store import OxigraphStore, load_builtin
from rolegraph.vocab import GRAPH, ROLE


def test_open_the_builtin_data() -> None:
    with RoleGraph.open() as graph:
        assert graph.role("PM").label == "Project Manager"
        assert {r.label for r in graph.roles()} >= {"Account Manager", "Project Manager"}
        assert graph.search("projct manger", limit=1)[0].label == "Project Manager"
        with pytest.raises(UnknownNameError) as caught:
            graph.resolve_role("Acount Manger")
        assert "Account Manager" in caught.value.suggestions


@pytest.mark.parametrize("engine", ["shacl", "pyshacl"])
def test_validate_the_builtin_data(engine: str) -> None:
    with RoleGraph.open() as graph:
        report = graph.validate(engine=engine)
    assert report.conforms
    assert report.results == ()


def test_validate_one_graph_of_a_store(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    load_builtin(store)
    store.replace_graph(
        GRAPH["mine"],
        [
            (
                ROLE["nobody"],
                URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                URIRef("https://w3id.org/rolegraph/ns#Role"),
            )
        ],
    )
    graph = RoleGraph(store)
    report = graph.validate("mine")
    assert not report.conforms
    assert {r.focus_node for r in report.results} == {str(ROLE["nobody"])}
    assert graph.validate("article").conforms
    with pytest.raises(InputError, match="no graph 'absent'"):
        graph.validate("absent")
    graph.close()


def test_projection_and_names_are_cached_beside_a_store(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = OxigraphStore(location)
    load_builtin(store)
    store.close()
    with RoleGraph.open(location) as graph:
        first = graph.network()
        graph.resolve_role("Account Manager")
    cache = tmp_path / ".store.cache"
    kept = {p.name for p in cache.iterdir() if p.suffix == ".pickle"}
    assert kept == {"network-all.pickle", "similarity-all.pickle", "names-role.pickle"}
    with RoleGraph.open(location) as graph:
        assert graph.network().roles == first.roles
        # a write makes the caches stale: a new role must be found
        graph.store.update(
            "INSERT DATA { GRAPH <https://w3id.org/rolegraph/graph/user> { "
            f"<{ROLE['tester']}> a <https://w3id.org/rolegraph/ns#Role> ; "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> "
            f"{Literal('Tester', lang='en').n3()} }} }}"
        )
    with RoleGraph.open(location) as graph:
        assert graph.resolve_role("tester") == ROLE["tester"]
        assert str(ROLE["tester"]) in graph.network().roles


def test_a_named_query_runs_by_name_and_sparql_text_is_never_taken_for_one() -> None:
    from rolegraph.errors import QueryError
    from rolegraph.queries import get_query

    with RoleGraph.open() as graph:
        by_name = graph.query("roles")
        assert len(by_name) == len(graph.query(get_query("roles")))
        assert "Project Manager" in {str(row[1]) for row in by_name.rows}
        asked = graph.sparql("ASK { ?role a rg:Role }")  # the rg: prefix is added
        assert asked.boolean is True
        with pytest.raises(QueryError):
            graph.sparql("roles")


def test_validate_data_checks_rdf_sent_as_bytes() -> None:
    role = b"<https://w3id.org/rolegraph/id/role/x> a <https://w3id.org/rolegraph/ns#Role> ."
    with RoleGraph.open() as graph:
        report = graph.validate_data(role, "turtle")
        assert not report.conforms  # a role without a label or a skill
        with pytest.raises(InputError, match="malformed turtle"):
            graph.validate_data(b"<a> <b> .", "turtle")


def test_every_public_name_of_the_api_resolves() -> None:
    """The result types are imported on first use: a name listed in ``__all__`` (and in the
    type checker's imports) but missing from the lazy table would fail only when a user asks."""
    import rolegraph.api as api

    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert missing == []
    assert api.Similar.__name__ == "Similar"
    assert api.to_json.__module__ == "rolegraph.render"
