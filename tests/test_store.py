"""Stores: every engine gives the same answers; named graphs are replaced atomically; reopening."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from rolegraph.errors import QueryError
from rolegraph.load import Triple
from rolegraph.store import (
    OxigraphStore,
    RdflibStore,
    Store,
    bind_in_text,
    load_builtin,
    open_store,
    values_clause,
)
from rolegraph.vocab import GRAPH, RG

EX = "http://example.org/"
TEST_GRAPH = GRAPH["test"]


def triples(n: int, prefix: str = "a") -> Iterator[Triple]:
    for i in range(n):
        yield URIRef(f"{EX}{prefix}{i}"), URIRef(f"{EX}p"), Literal(i)


def test_engines_agree_on_the_builtin_data() -> None:
    query = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
    SELECT ?s ?p ?o WHERE { ?s a rg:Role ; ?p ?o FILTER(!isBlank(?o)) } ORDER BY ?s ?p ?o"""
    answers = []
    for store in (OxigraphStore(), RdflibStore()):
        load_builtin(store)
        answers.append(store.query(query).rows)
    assert answers[0] == answers[1]
    assert len(answers[0]) > 50


def test_bindings_are_terms(any_store: Store) -> None:
    query = "SELECT ?label WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    result = any_store.query(query, {"c": RG.Role})
    assert [str(v) for v in result.column("label")] == ["Role"]
    hostile = Literal('x" } ; DROP ALL ; #')
    assert any_store.query(query, {"c": hostile}).rows == []
    assert any_store.count() > 500


def test_malformed_query_is_a_query_error(any_store: Store) -> None:
    with pytest.raises(QueryError, match="malformed"):
        any_store.query("SELECT WHERE {")


def test_replace_graph_is_idempotent(any_store: Store) -> None:
    any_store.replace_graph(TEST_GRAPH, triples(10))
    any_store.replace_graph(TEST_GRAPH, triples(10))
    assert any_store.count(TEST_GRAPH) == 10
    assert TEST_GRAPH in any_store.graph_names()


def test_interrupted_replace_keeps_the_old_graph(any_store: Store) -> None:
    any_store.replace_graph(TEST_GRAPH, triples(5, "old"))

    def failing() -> Iterator[Triple]:
        yield from triples(3, "new")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        any_store.replace_graph(TEST_GRAPH, failing())
    subjects = {str(s) for s, _, _ in any_store.triples(TEST_GRAPH)}
    assert subjects == {f"{EX}old{i}" for i in range(5)}


def test_a_replacement_with_a_bad_term_keeps_the_old_graph(any_store: Store) -> None:
    any_store.replace_graph(TEST_GRAPH, triples(5, "old"))
    bad = [*triples(3, "new"), (URIRef(f"{EX}x"), URIRef(f"{EX}p"), "plain text")]
    with pytest.raises(QueryError):
        any_store.replace_graph(TEST_GRAPH, iter(bad))  # type: ignore[arg-type]
    assert any_store.count(TEST_GRAPH) == 5


def test_on_disk_store_reopens_with_its_data(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = open_store(str(location))
    load_builtin(store)
    count = store.count()
    store.close()
    reopened = open_store(str(location))
    assert reopened.count() == count
    assert isinstance(reopened, OxigraphStore)
    reopened.close()


def test_values_clause_writes_terms_not_text() -> None:
    clause = values_clause({"name": Literal('x" } ; DROP ALL ; #'), "role": RG.Role})
    assert clause.strip() == (
        'VALUES (?name ?role) { ("x\\" } ; DROP ALL ; #" <https://w3id.org/rolegraph/ns#Role>) }'
    )
    with pytest.raises(QueryError):
        values_clause({"bad name": RG.Role})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "SELECT ?x WHERE { ?x ?p ?o }",
            "SELECT ?x WHERE { VALUES (?r) { (<http://e/r>) }  ?x ?p ?o }",
        ),
        ("ASK { ?x ?p ?o }", "ASK { VALUES (?r) { (<http://e/r>) }  ?x ?p ?o }"),
        (
            "CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }",
            "CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?r) { (<http://e/r>) }  ?x ?p ?o }",
        ),
        (
            "PREFIX a: <http://e/#{>\n# WHERE {\nSELECT ?where WHERE { ?x ?p '{' }",
            "PREFIX a: <http://e/#{>\n# WHERE {\nSELECT ?where WHERE { "
            "VALUES (?r) { (<http://e/r>) }  ?x ?p '{' }",
        ),
    ],
)
def test_bind_in_text_puts_values_first_in_the_where_group(query: str, expected: str) -> None:
    assert bind_in_text(query, {"r": URIRef("http://e/r")}) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "SELECT ?r ?x WHERE { ?x ?p ?r OPTIONAL { SELECT ?r ?y WHERE { ?y ?q ?r } } }",
            "SELECT ?r ?x WHERE { VALUES (?r) { (<http://e/r>) }  ?x ?p ?r OPTIONAL { "
            "SELECT ?r ?y WHERE { VALUES (?r) { (<http://e/r>) }  ?y ?q ?r } } }",
        ),
        (  # cut by LIMIT: binding inside would change which rows are kept
            "SELECT ?r WHERE { ?x ?p ?r { SELECT ?r WHERE { ?y ?q ?r } LIMIT 3 } }",
            "SELECT ?r WHERE { VALUES (?r) { (<http://e/r>) }  ?x ?p ?r "
            "{ SELECT ?r WHERE { ?y ?q ?r } LIMIT 3 } }",
        ),
        (  # not projected, or computed: the subquery's own ?r is another variable
            "SELECT ?r WHERE { ?x ?p ?r { SELECT ?y { { SELECT ?r ?y { ?r ?q ?y } } } } "
            "{ SELECT (1 AS ?r) ?z { ?z ?z ?z } } }",
            "SELECT ?r WHERE { VALUES (?r) { (<http://e/r>) }  ?x ?p ?r "
            "{ SELECT ?y { { SELECT ?r ?y { ?r ?q ?y } } } } "
            "{ SELECT (1 AS ?r) ?z { ?z ?z ?z } } }",
        ),
    ],
)
def test_bind_in_text_binds_subqueries_projecting_the_variable(query: str, expected: str) -> None:
    assert bind_in_text(query, {"r": URIRef("http://e/r")}) == expected


def test_bind_in_text_needs_a_where_group() -> None:
    with pytest.raises(QueryError, match="no WHERE"):
        bind_in_text("DESCRIBE <http://e/x>", {"r": URIRef("http://e/r")})


def leftovers(folder: Path) -> list[str]:
    """What an import left beside the store, besides the store, its generation, its cache and
    the lock files of its writers and readers (kept: removing a lock file races its users)."""
    kept = ("store", ".store.generation", ".store.cache", ".store.lock", ".store.swap")
    return sorted(p.name for p in folder.iterdir() if p.name not in kept)


def failing_after(n: int) -> Iterator[Triple]:
    yield from triples(n, "new")
    raise KeyboardInterrupt


@pytest.mark.parametrize("existing", [False, True], ids=["first import", "re-import"])
def test_interrupted_import_on_disk_leaves_the_store_as_it_was(
    tmp_path: Path, existing: bool
) -> None:
    location = tmp_path / "store"
    store = OxigraphStore(location)
    load_builtin(store)
    if existing:
        store.replace_graph(TEST_GRAPH, triples(5, "old"))
    before = store.count()
    with pytest.raises(KeyboardInterrupt):
        store.replace_graph(TEST_GRAPH, failing_after(120_000))
    assert store.count() == before
    store.close()
    reopened = OxigraphStore(location)
    assert reopened.count() == before
    assert leftovers(tmp_path) == []
    reopened.close()


def test_a_load_failing_before_it_reads_fails_the_import_instead_of_hanging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")  # before the engine opens the pipe

    store = OxigraphStore(tmp_path / "store")
    load_builtin(store)
    before = store.count()
    monkeypatch.setattr(OxigraphStore, "_bulk_load", refuse)
    outcome: list[BaseException] = []

    def replace() -> None:
        try:
            store.replace_graph(TEST_GRAPH, triples(1_000, "new"))
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=replace, daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "the import hung"
    assert outcome and "no space left" in str(outcome[0])
    assert "keeps its previous content" in str(outcome[0])
    monkeypatch.undo()
    assert store.count() == before
    store.close()


def test_crash_during_a_first_import_is_undone_on_open(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = OxigraphStore(location)
    load_builtin(store)
    before = store.count()
    # what a killed process leaves: a partial graph and the marker naming it
    marker = tmp_path / ".store.importing"
    marker.write_text(str(TEST_GRAPH), encoding="utf-8")
    store.update(f"INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{ <{EX}a> <{EX}p> 1 }} }}")
    store.close()
    reopened = OxigraphStore(location)
    assert reopened.count() == before
    assert not marker.exists()
    reopened.close()


def test_crash_during_a_swap_is_undone_on_open(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = OxigraphStore(location)
    load_builtin(store)
    before = store.count()
    store.close()
    # what a process killed between the two renames leaves: the old store, retired
    location.rename(tmp_path / ".store.retired-123")
    (tmp_path / ".store.building-123").mkdir()
    reopened = OxigraphStore(location)
    assert reopened.count() == before
    assert leftovers(tmp_path) == []
    reopened.close()


def test_reimport_on_disk_replaces_only_its_graph(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    load_builtin(store)
    store.replace_graph(TEST_GRAPH, triples(10, "old"))
    other = GRAPH["other"]
    store.replace_graph(other, triples(3, "other"))
    store.replace_graph(TEST_GRAPH, triples(4, "new"))
    assert {str(s) for s, _, _ in store.triples(TEST_GRAPH)} == {f"{EX}new{i}" for i in range(4)}
    assert store.count(other) == 3
    assert leftovers(tmp_path) == []
    store.close()


def test_generation_changes_with_every_write(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    first = store.generation()
    store.replace_graph(TEST_GRAPH, triples(2))
    second = store.generation()
    store.update(f"INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{ <{EX}x> <{EX}p> 9 }} }}")
    assert len({first, second, store.generation()}) == 3
    store.close()
    assert OxigraphStore(tmp_path / "store", read_only=True).generation() == store.generation()


def test_dump_is_current_after_imports_and_updates(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(TEST_GRAPH, triples(3, "first"))
    out = tmp_path / "dump.nt"

    def dumped() -> set[str]:
        store.dump_ntriples(out, [TEST_GRAPH])
        return {line.split()[0] for line in out.read_text().splitlines()}

    assert dumped() == {f"<{EX}first{i}>" for i in range(3)}
    store.replace_graph(TEST_GRAPH, triples(2, "second"))  # a re-import rewrites the snapshot
    assert dumped() == {f"<{EX}second{i}>" for i in range(2)}
    store.update(f"INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{ <{EX}third> <{EX}p> 3 }} }}")
    assert dumped() == {f"<{EX}second0>", f"<{EX}second1>", f"<{EX}third>"}
    store.close()


def test_read_only_store_opens_and_closes(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    load_builtin(store)
    count = store.count()
    store.close()
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert reader.count() == count
    reader.close()
