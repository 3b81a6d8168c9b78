"""The queries rolegraph runs for itself (``queries/internal/``): the same headers as the
library's, every one parses and runs on both engines with the same answers, and none is offered
to users as a named query."""

from __future__ import annotations

import re

import pytest
from rdflib import URIRef
from rdflib.compare import isomorphic

from rolegraph.queries import (
    QUERY_KINDS,
    has_header,
    internal_query,
    load_internal_queries,
    load_queries,
)
from rolegraph.results import QueryResult
from rolegraph.store import OxigraphStore, RdflibStore, Store

ACCOUNT_MANAGER = "https://w3id.org/rolegraph/id/role/account-manager"

INTERNAL = load_internal_queries()
NAMES = sorted(INTERNAL)
_SEPARATOR = re.compile(r"[ \n]")


def canonical(result: QueryResult) -> list[str]:
    """Rows in a form that compares across engines: values sorted within a GROUP_CONCAT (whose
    order SPARQL leaves open), numbers in one spelling, rows sorted."""
    rows = []
    for row in result.rows:
        cells = []
        for value in row:
            text = "UNBOUND" if value is None else str(value)
            cells.append(" ".join(sorted(_number(part) for part in _SEPARATOR.split(text))))
        rows.append(" | ".join(cells))
    return sorted(rows)


def _number(text: str) -> str:
    """A number in one spelling (``STR`` of a decimal is ``60000`` in one engine and
    ``60000.0`` in the other; the projection reads both as the same float)."""
    try:
        return repr(float(text))
    except ValueError:
        return text


def test_every_module_that_reads_the_graph_takes_its_queries_from_files() -> None:
    modules = {name.split("-", 1)[0] for name in NAMES}
    assert modules == {"network", "lookup", "describe", "align", "import", "query"}
    assert internal_query("network-roles") == INTERNAL["network-roles"].text


def test_internal_queries_are_not_offered_as_named_queries() -> None:
    assert not set(NAMES) & set(load_queries())


@pytest.mark.parametrize("name", NAMES)
def test_every_internal_query_carries_its_full_header(name: str) -> None:
    query = INTERNAL[name]
    assert has_header(query.text)
    assert query.title and query.question and query.returns
    assert query.kind in QUERY_KINDS
    assert query.note.startswith("Internal: ")
    assert query.path.parent.name == "internal" and query.path.stem == name
    for parameter in query.parameters:
        assert f"?{parameter.name}" in query.text


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("name", NAMES)
def test_every_internal_query_runs_on_an_empty_store(engine: str, name: str) -> None:
    store = OxigraphStore() if engine == "oxigraph" else RdflibStore()
    result = store.query(INTERNAL[name].text)
    if INTERNAL[name].kind == "construct":
        assert result.type == "CONSTRUCT" and result.graph is not None and len(result.graph) == 0
        return
    assert result.type == "SELECT"
    assert all(value is None or str(value) == "" for row in result.rows for value in row)


@pytest.mark.parametrize("name", NAMES)
def test_oxigraph_and_rdflib_answer_alike_on_the_article(
    article_stores: dict[str, Store], name: str
) -> None:
    text = INTERNAL[name].text
    if INTERNAL[name].kind == "construct":
        bindings = {"iri": URIRef(ACCOUNT_MANAGER)}
        built = [article_stores[e].query(text, bindings).graph for e in ("oxigraph", "rdflib")]
        assert built[0] is not None and built[1] is not None and len(built[0]) > 10
        assert isomorphic(built[0], built[1])
        return
    oxigraph = article_stores["oxigraph"].query(text)
    rdflib = article_stores["rdflib"].query(text)
    assert oxigraph.variables == rdflib.variables
    assert canonical(oxigraph) == canonical(rdflib)


def test_the_role_names_find_the_article_roles(article_stores: dict[str, Store]) -> None:
    result = article_stores["oxigraph"].query(internal_query("lookup-role-names"))
    names = {str(row[1]) for row in result.rows}
    assert {"Account Manager", "Project Manager", "PM"} <= names
