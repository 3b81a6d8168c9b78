"""A re-import interrupted after its new store was built, but before the swap, replaced the
graph's N-Triples snapshot already: validation and later rebuilds then read content the store
did not have. The snapshot is now replaced only once the new store is in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from rolegraph.store import OxigraphStore
from rolegraph.vocab import GRAPH

GRAPH_IRI = GRAPH["test"]


def triples(label: str) -> list[tuple[URIRef, URIRef, Literal]]:
    return [
        (URIRef(f"urn:x:{i}"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(label))
        for i in range(3)
    ]


def test_interrupted_swap_keeps_the_old_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = tmp_path / "graph-db"
    with OxigraphStore(location) as store:
        store.replace_graph(GRAPH_IRI, triples("old"))

        def interrupted(building: Path) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(store, "_swap_in", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.replace_graph(GRAPH_IRI, triples("new"))
        monkeypatch.undo()
        dumped = tmp_path / "dump.nt"
        store.dump_ntriples(dumped, [GRAPH_IRI])
        text = dumped.read_text(encoding="utf-8")
        assert '"old"' in text and '"new"' not in text
        assert {str(o) for _, _, o in store.triples(GRAPH_IRI)} == {"old"}
        leftovers = [p.name for p in (store.cache_dir() or tmp_path).rglob("*partial")]
        assert leftovers == []
