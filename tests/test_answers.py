"""Answers of slow queries kept beside an on-disk store: read back while the store is unchanged,
never after it changed, and never a reason for a query to fail."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from rolegraph import answers
from rolegraph.answers import AnswerCache, load_kept, save_kept
from rolegraph.load import Triple
from rolegraph.results import QueryResult
from rolegraph.store import OxigraphStore
from rolegraph.vocab import GRAPH

EX = "http://example.org/"
TEST_GRAPH = GRAPH["test"]
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p> ?o }}"
LIST = f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"


def triples(n: int, prefix: str = "a") -> Iterator[Triple]:
    for i in range(n):
        yield URIRef(f"{EX}{prefix}{i}"), URIRef(f"{EX}p"), Literal(i % 3)


def count(result: QueryResult) -> int:
    value = result.rows[0][0]
    assert isinstance(value, Literal)
    return int(value)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """An on-disk store that keeps every answer, however fast."""
    opened = OxigraphStore(tmp_path / "store")
    assert opened.answers is not None
    opened.answers.slow_seconds = 0
    opened.replace_graph(TEST_GRAPH, triples(5))
    yield opened
    opened.close()


def kept(store: OxigraphStore) -> list[Path]:
    assert store.answers is not None
    return sorted(store.answers.folder.glob("*.pickle"))


def test_an_answer_is_read_back_with_its_terms(store: OxigraphStore) -> None:
    first = store.query(LIST)
    assert len(kept(store)) == 1
    again = store.query(LIST)
    assert again == first
    assert again.rows[0] == (URIRef(f"{EX}a0"), Literal(0))


def test_a_later_process_reads_the_answer_of_the_same_generation(tmp_path: Path) -> None:
    writer = OxigraphStore(tmp_path / "store")
    assert writer.answers is not None
    writer.answers.slow_seconds = 0
    writer.replace_graph(TEST_GRAPH, triples(5))
    answer = writer.query(LIST)
    writer.close()
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    (path,) = kept(reader)
    os.utime(path, (0, 0))
    assert reader.query(LIST) == answer
    assert path.stat().st_mtime > 0, "a hit marks the answer as recently used"
    reader.close()


def test_no_answer_survives_a_change(store: OxigraphStore) -> None:
    assert count(store.query(COUNT)) == 5
    store.update(f"INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{ <{EX}new> <{EX}p> 7 }} }}")
    assert count(store.query(COUNT)) == 6
    store.replace_graph(TEST_GRAPH, triples(2))
    assert count(store.query(COUNT)) == 2
    store.replace_graph(GRAPH["other"], triples(4, "b"))
    assert count(store.query(COUNT)) == 6
    assert len(kept(store)) == 1, "answers of earlier generations are removed"


def test_bound_values_are_part_of_the_key(store: OxigraphStore) -> None:
    query = f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s"
    zero = store.query(query, {"o": Literal(0)})
    one = store.query(query, {"o": Literal(1)})
    assert [str(s) for s in zero.column("s")] == [f"{EX}a0", f"{EX}a3"]
    assert [str(s) for s in one.column("s")] == [f"{EX}a1", f"{EX}a4"]
    assert store.query(query, {"o": Literal(0)}) == zero


def test_fast_answers_and_graphs_are_not_kept(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(TEST_GRAPH, triples(5))
    store.query(LIST)  # far below the threshold
    store.query(f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert kept(store) == []
    store.close()


def test_in_memory_stores_and_opted_out_stores_keep_nothing(tmp_path: Path) -> None:
    assert OxigraphStore().answers is None
    store = OxigraphStore(tmp_path / "store", keep_answers=False)
    assert store.answers is None
    store.close()


def test_damaged_or_foreign_files_are_misses(store: OxigraphStore) -> None:
    answer = store.query(LIST)
    (path,) = kept(store)
    path.write_bytes(b"not a pickle")
    assert store.query(LIST) == answer
    # an answer to another query filed under this one's name (a digest collision)
    assert save_kept(path, (answers._FORMAT, "SELECT * WHERE { ?s ?p ?o }"), QueryResult("SELECT"))
    assert store.query(LIST) == answer
    # an answer written by another release of rolegraph
    path.write_bytes(pickle.dumps((("0.0.0", (answers._FORMAT, LIST)), QueryResult("SELECT"))))
    assert store.query(LIST) == answer
    # a pickle naming a module that is not there
    path.write_bytes(pickle.dumps(PurePosixPath).replace(b"pathlib", b"nosuchm"))
    assert store.query(LIST) == answer


def test_the_least_recently_used_answers_go_first(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers", max_answers=3)
    result = QueryResult("ASK", boolean=True)
    first = f"ASK {{ <{EX}0> ?p ?o }}"
    for number in range(5):
        before = set(cache.folder.glob("*.pickle"))
        assert cache.put(f"ASK {{ <{EX}{number}> ?p ?o }}", "g1", result, 1.0)
        (written,) = set(cache.folder.glob("*.pickle")) - before
        os.utime(written, (number, number))  # distinct times, oldest first
        assert cache.get(first, "g1") == result, "used after every write, so kept"
    assert len(list(cache.folder.glob("*.pickle"))) == 3
    assert [cache.get(f"ASK {{ <{EX}{n}> ?p ?o }}", "g1") for n in range(5)] == [
        result,
        None,
        None,
        result,
        result,
    ]
    assert cache.get(first, "g2") is None


def test_an_unwritable_folder_only_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    cache = AnswerCache(blocker / "answers")
    assert not cache.put("ASK {}", "g", QueryResult("ASK", boolean=True), 1.0)
    assert cache.get("ASK {}", "g") is None


def test_large_answers_are_kept_only_when_slow_to_compute(tmp_path: Path) -> None:
    cache = AnswerCache(tmp_path / "answers", max_values=100)
    rows: list[tuple[URIRef | None, ...]] = [(URIRef(f"{EX}{n}"),) for n in range(20_000)]
    large = QueryResult("SELECT", ["s"], rows)  # type: ignore[arg-type]
    # a bulk read, quick for its size (3 µs a value): reading it back would save little
    assert not cache.put("SELECT 1", "g", large, 0.06)
    assert cache.get("SELECT 1", "g") is None
    # a listing that took long to compute (a sort, a join per row): kept
    assert cache.put("SELECT 2", "g", large, 1.0)
    kept = cache.get("SELECT 2", "g")
    assert kept is not None and kept.rows == rows
    assert cache.put("SELECT 3", "g", QueryResult("SELECT", ["s"], rows[:3]), 0.06)  # type: ignore[arg-type]


def test_updates_through_the_server_start_a_new_generation(store: OxigraphStore) -> None:
    from rolegraph.server.engine import QueryEngine

    assert count(store.query(COUNT)) == 5
    QueryEngine(store, max_rows=100).update(
        f"INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{ <{EX}new> <{EX}p> 7 }} }}"
    )
    assert count(store.query(COUNT)) == 6


def test_a_reader_opened_before_a_change_keeps_nothing_under_the_new_generation(
    tmp_path: Path,
) -> None:
    writer = OxigraphStore(tmp_path / "store")
    writer.replace_graph(TEST_GRAPH, triples(5))
    reader = OxigraphStore(tmp_path / "store", read_only=True)
    assert reader.answers is not None
    reader.answers.slow_seconds = 0
    writer.update(f"INSERT DATA {{ GRAPH <{TEST_GRAPH}> {{ <{EX}new> <{EX}p> 7 }} }}")
    assert reader.generation() is None, "it still sees the content before the change"
    assert count(reader.query(COUNT)) == 5
    assert kept(reader) == []
    writer.close()
    later = OxigraphStore(tmp_path / "store", read_only=True)
    assert count(later.query(COUNT)) == 6
    later.close()
    reader.close()


def test_dropping_what_an_interrupted_replacement_left_is_a_change(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.replace_graph(TEST_GRAPH, triples(5))
    before = store.generation()
    staging = ox.NamedNode(f"{GRAPH['staging/']}interrupted")
    store._store.add(
        ox.Quad(ox.NamedNode(f"{EX}x"), ox.NamedNode(f"{EX}p"), ox.Literal("1"), staging)
    )
    store.close()
    reopened = OxigraphStore(tmp_path / "store")
    assert reopened.generation() != before
    assert count(reopened.query(COUNT)) == 5
    reopened.close()


def test_answers_that_change_from_run_to_run_are_not_kept(store: OxigraphStore) -> None:
    for query in (
        "SELECT (RAND() AS ?r) WHERE {}",
        "SELECT (now() AS ?t) WHERE {}",
        "SELECT (STRUUID() AS ?u) WHERE {}",
    ):
        store.query(query)
    assert kept(store) == []


def test_values_kept_beside_a_store_are_read_back_only_under_their_key(tmp_path: Path) -> None:
    """The projections and name indexes of the API are kept this way too (``RoleGraph._cached``)."""
    path = tmp_path / "cache" / "network-all.pickle"
    assert save_kept(path, "generation-1", {"roles": 3})
    assert load_kept(path, "generation-1") == {"roles": 3}
    assert load_kept(path, "generation-2") is None
    path.write_bytes(pickle.dumps((("0.0.0", "generation-1"), {"roles": 3})))
    assert load_kept(path, "generation-1") is None, "kept by another release"
    assert load_kept(tmp_path / "missing.pickle", "generation-1") is None
