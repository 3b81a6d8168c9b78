"""Streamed exports: what an Oxigraph store writes graph by graph equals the in-memory export, in
every format, on the built-in data and on an imported release; files are still replaced whole."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from rolegraph.errors import InputError
from rolegraph.export import EXPORT_FORMATS, export, serialize
from rolegraph.files import write_atomically
from rolegraph.load import ARTICLE_GRAPH, ONTOLOGY_GRAPH
from rolegraph.store import OxigraphStore, RdflibStore, Store, load_builtin
from rolegraph.vocab import GRAPH
from tests.conftest import FIXTURES, CliResult

Cli = Callable[..., CliResult]
GRAPH_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "xml": "xml"}
DATASET_FORMATS = {"nq": "nquads", "trig": "trig"}
ESCO_GRAPH = GRAPH["esco-1.1.1"]
ONET_GRAPH = GRAPH["onet-29.2"]


def streamed(store: Store, name: str, graphs: list[URIRef] | None = None) -> bytes:
    out = io.BytesIO()
    export(store, out, name, graphs=graphs)
    return out.getvalue()


def parsed(data: bytes, name: str) -> Graph:
    return Graph().parse(data=data, format=GRAPH_FORMATS[name])


def union(store: Store, graphs: list[URIRef]) -> Graph:
    graph = Graph()
    for name in graphs:
        for triple in store.triples(name):
            graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """An on-disk store with the ESCO and O*NET fixtures imported through the command line."""
    from rolegraph.cli import main

    location = tmp_path_factory.mktemp("stream") / "graph-db"
    for kind, path in (("esco", FIXTURES / "esco" / "1.1.1"), ("onet", FIXTURES / "onet" / "29.2")):
        assert main(["import", kind, str(path), "--store", str(location), "--quiet"]) == 0
    store = OxigraphStore(location)
    yield store
    store.close()


@pytest.mark.parametrize("name", sorted(GRAPH_FORMATS))
def test_streamed_export_equals_the_in_memory_export(builtin_store: Store, name: str) -> None:
    assert isinstance(builtin_store, OxigraphStore)
    in_memory = parsed(serialize(builtin_store.to_graph(), name), name)
    stream = parsed(streamed(builtin_store, name), name)
    assert len(stream) > 3000
    assert isomorphic(stream, in_memory)


@pytest.mark.parametrize("name", sorted(GRAPH_FORMATS))
def test_streamed_export_of_an_import_equals_the_in_memory_export(
    imported: OxigraphStore, name: str
) -> None:
    for graphs in ([ESCO_GRAPH], [ESCO_GRAPH, ONET_GRAPH], None):
        expected = union(imported, graphs or imported.graph_names())
        assert len(expected) > 150
        assert isomorphic(parsed(streamed(imported, name, graphs), name), expected), graphs


@pytest.mark.parametrize("name", sorted(GRAPH_FORMATS))
def test_streamed_formats_round_trip(imported: OxigraphStore, name: str) -> None:
    # export, load what was written into a new store, export again: the same graph
    first = parsed(streamed(imported, name), name)
    again = OxigraphStore()
    again.replace_graph(GRAPH["copy"], first)
    assert isomorphic(parsed(streamed(again, name), name), first)


@pytest.mark.parametrize("name", sorted(DATASET_FORMATS))
def test_dataset_formats_keep_every_named_graph(imported: OxigraphStore, name: str) -> None:
    dataset = Dataset()
    dataset.parse(data=streamed(imported, name), format=DATASET_FORMATS[name])
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == set(imported.graph_names())
    for graph_name in imported.graph_names():
        assert isomorphic(dataset.graph(graph_name), imported.to_graph(graph_name)), graph_name


@pytest.mark.parametrize("name", sorted(DATASET_FORMATS))
def test_dataset_formats_keep_the_graphs_asked_for(imported: OxigraphStore, name: str) -> None:
    # what `export --format nq --no-ontology` or `--graph` asks for: those graphs, as N-Triples
    # gives each of them (the same written form of every term)
    dataset = Dataset()
    dataset.parse(data=streamed(imported, name, [ONET_GRAPH]), format=DATASET_FORMATS[name])
    assert {g.identifier for g in dataset.graphs() if len(g)} == {ONET_GRAPH}
    alone = parsed(streamed(imported, "nt", [ONET_GRAPH]), "nt")
    assert len(alone) > 150
    assert isomorphic(dataset.graph(ONET_GRAPH), alone)


@pytest.mark.parametrize("name", sorted(EXPORT_FORMATS))
def test_the_rdflib_engine_exports_the_same_graph(builtin_store: Store, name: str) -> None:
    other = RdflibStore()
    load_builtin(other)
    if name in DATASET_FORMATS:
        first, second = Dataset(), Dataset()
        first.parse(data=streamed(builtin_store, name), format=DATASET_FORMATS[name])
        second.parse(data=streamed(other, name), format=DATASET_FORMATS[name])
        for graph_name in (ONTOLOGY_GRAPH, ARTICLE_GRAPH):
            assert isomorphic(first.graph(graph_name), second.graph(graph_name))
    else:
        assert isomorphic(
            parsed(streamed(builtin_store, name), name), parsed(streamed(other, name), name)
        )


def test_streamed_jsonld_is_compact_with_the_rolegraph_context(builtin_store: Store) -> None:
    document = json.loads(streamed(builtin_store, "json-ld"))
    assert document["@context"]["rg"] == "https://w3id.org/rolegraph/ns#"
    text = json.dumps(document["@graph"])
    assert "https://w3id.org/rolegraph/ns#requiresSkill" not in text
    assert "https://w3id.org/rolegraph/id/role/" not in text
    manager = next(n for n in document["@graph"] if n["@id"] == "role:account-manager")
    assert "Role" in json.dumps(manager["@type"])
    assert manager["requiresSkill"]  # a term of the context, its values plain prefixed names
    assert all(isinstance(skill, str) for skill in manager["requiresSkill"])


def test_decimals_keep_their_written_form(builtin_store: Store) -> None:
    # the engine keeps values, not spellings; the export writes them as the sources do
    text = streamed(builtin_store, "nt").decode("utf-8")
    in_memory = serialize(builtin_store.to_graph(), "nt").decode("utf-8")
    decimals = {line.split(" ", 2)[2] for line in in_memory.splitlines() if "#decimal>" in line}
    assert decimals
    assert decimals <= {line.split(" ", 2)[2] for line in text.splitlines()}


def test_progress_counts_every_triple(builtin_store: Store) -> None:
    seen: list[int] = []
    count = export(builtin_store, io.BytesIO(), "nt", progress=seen.append)
    assert count == sum(seen) == len(builtin_store.to_graph())


def test_export_one_named_graph(cli: Cli, tmp_path: Path) -> None:
    location = tmp_path / "graph-db"
    assert cli("import", "esco", FIXTURES / "esco" / "1.1.1", "--store", location).code == 0
    target = tmp_path / "esco.ttl"
    result = cli("export", "--store", location, "--graph", "esco-1.1.1", "-o", target)
    assert result.code == 0, result.err
    with OxigraphStore(location) as store:
        expected = store.to_graph(ESCO_GRAPH)
    assert f"wrote {len(expected)} triples" in result.err
    assert isomorphic(Graph().parse(target, format="turtle"), expected)
    location = str(location)
    unknown = cli("export", "--store", location, "--graph", "esco-9")
    assert unknown.code == 2
    assert "esco-1.1.1" in unknown.err


def test_export_trig_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "all.trig"
    assert cli("export", "--format", "trig", "-o", target).code == 0
    dataset = Dataset()
    dataset.parse(target, format="trig")
    assert {g.identifier for g in dataset.graphs() if len(g)} == {ONTOLOGY_GRAPH, ARTICLE_GRAPH}


def test_an_export_that_fails_halfway_leaves_the_old_file(
    builtin_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "out.nt"
    target.write_bytes(b"old\n")

    def stop(count: int) -> None:
        raise InputError("stopped")

    def write(out: io.BufferedWriter) -> None:
        export(builtin_store, out, "nt", progress=stop)

    with pytest.raises(InputError, match="stopped"):
        write_atomically(target, write)
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"]
