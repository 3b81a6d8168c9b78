"""A disk that filled up during an import left the store unusable, with tracebacks, until space
was freed. Now the import fails with one line saying the store kept its previous content; the
part already loaded is removed, or, when not even that can be written, hidden from readers and
removed by the first process that can once space is freed.

The disk filling up is simulated: the load writes part of the graph, then fails with ENOSPC (a
real one, on a small tmpfs, behaves the same: see the store's documentation)."""

from __future__ import annotations

import errno
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
import pytest

from rolegraph.store import OxigraphStore, load_builtin
from tests.conftest import FIXTURES

ESCO = FIXTURES / "esco" / "1.1.1"
ESCO_GRAPH = "https://w3id.org/rolegraph/graph/esco-1.1.1"


def disk_full(
    self: OxigraphStore,
    store: ox.Store,
    graph: ox.NamedNode,
    path: Path,
    checked_iris: bool = False,
) -> None:
    with path.open("rb") as lines:  # part of the graph reaches the store
        store.load(b"".join(islice(lines, 50)), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    load_builtin(store)
    store.close()
    return path


def graphs(path: Path) -> list[str]:
    with OxigraphStore(path, read_only=True) as store:
        return [str(name) for name in store.graph_names()]


def test_a_new_graph_is_removed_and_the_store_kept(
    cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = graphs(store_path)
    monkeypatch.setattr(OxigraphStore, "_bulk_load", disk_full)
    result = cli("import", "esco", ESCO, "--store", store_path, "--quiet")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "no space left on the device" in result.err
    assert "keeps its previous content" in result.err
    monkeypatch.undo()
    assert graphs(store_path) == before
    assert cli("roles", "--store", store_path).code == 0


def test_a_replaced_graph_keeps_its_old_content(
    cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("import", "esco", ESCO, "--store", store_path, "--quiet").code == 0
    with OxigraphStore(store_path, read_only=True) as store:
        count = store.count()
    monkeypatch.setattr(OxigraphStore, "_bulk_load", disk_full)
    result = cli("import", "esco", ESCO, "--store", store_path, "--quiet")
    assert result.code == 2 and "keeps its previous content" in result.err
    monkeypatch.undo()
    with OxigraphStore(store_path, read_only=True) as store:
        assert store.count() == count
    assert not list(store_path.parent.glob(".store.building-*"))


def test_a_partial_graph_no_one_could_remove_is_hidden_until_removed(
    cli, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot_write(self: OxigraphStore) -> None:
        if (store_path.parent / ".store.importing").exists():
            raise OSError(errno.ENOSPC, "No space left on device")

    roles_before = cli("roles", "--store", store_path, "--format", "json").out
    monkeypatch.setattr(OxigraphStore, "_bulk_load", disk_full)
    monkeypatch.setattr(OxigraphStore, "_drop_interrupted_import", cannot_write)
    result = cli("import", "esco", ESCO, "--store", store_path, "--quiet")
    assert result.code == 2
    assert "hidden and removed by the next import once space is freed" in result.err
    # the disk is still full: readers work and do not see the partial graph
    assert ESCO_GRAPH not in graphs(store_path)
    listed = cli("roles", "--store", store_path, "--format", "json")
    assert listed.code == 0 and listed.out == roles_before
    query = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), 'esco')) } LIMIT 1"
    counted = cli("query", "--store", store_path, "--sparql", query)
    assert counted.code == 1  # nothing found
    # space is freed: the next process removes the partial graph
    monkeypatch.undo()
    assert cli("roles", "--store", store_path).code == 0
    assert not (store_path.parent / ".store.importing").exists()
    with OxigraphStore(store_path) as store:
        assert ESCO_GRAPH not in [str(g) for g in store.graph_names()]
