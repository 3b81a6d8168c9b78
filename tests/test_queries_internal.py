"""The queries rolegraph runs for itself (``queries/internal/``): the same header as the named
queries, valid SPARQL on both engines, the same rows on both, and never listed to users."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Literal

from rolegraph.errors import UnknownNameError
from rolegraph.queries import internal_query, load_internal_queries, load_queries
from rolegraph.store import OxigraphStore, RdflibStore, Store, load_builtin

INTERNAL = load_internal_queries()
EXPECTED = {
    "imported-onet-codes",
    "release-with-digest",
    "role-links",
    "role-names",
    "skill-names",
}


def test_the_internal_queries_are_there_and_apart_from_the_named_ones() -> None:
    assert set(INTERNAL) == EXPECTED
    assert not set(INTERNAL) & set(load_queries())
    with pytest.raises(UnknownNameError):
        internal_query("role-name")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_internal_query_carries_its_header(name: str) -> None:
    query = INTERNAL[name]
    assert query.title and query.question and query.returns
    assert query.kind == "report"
    assert query.text.lstrip().startswith("# title:")


@pytest.fixture(scope="module")
def stores() -> Iterator[dict[str, Store]]:
    stores: dict[str, Store] = {"oxigraph": OxigraphStore(), "rdflib": RdflibStore()}
    for store in stores.values():
        load_builtin(store)
    yield stores
    for store in stores.values():
        store.close()


def _bindings(name: str) -> dict[str, Literal]:
    return {"digest": Literal("sha256:0000")} if name == "release-with-digest" else {}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_both_engines_give_the_same_rows(stores: dict[str, Store], name: str) -> None:
    rows = {
        engine: sorted(
            tuple(map(str, row)) for row in store.query(internal_query(name), _bindings(name)).rows
        )
        for engine, store in stores.items()
    }
    assert rows["oxigraph"] == rows["rdflib"]


def test_the_role_names_hold_labels_and_codes(stores: dict[str, Store]) -> None:
    rows = stores["oxigraph"].query(internal_query("role-names")).rows
    names = {str(name) for _, name, _ in rows}
    assert {"Project Manager", "Account Manager", "PM"} <= names
    assert any(str(name) == "13-1082.00" for _, name, _ in rows)
