"""Exports round-trip (parse, serialize, parse again: isomorphic); files are written atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from rolegraph.errors import FormatError, InputError
from rolegraph.export import EXPORTERS, serialize
from rolegraph.files import write_atomically
from rolegraph.store import Store

PARSE_FORMATS = {"turtle": "turtle", "json-ld": "json-ld", "nt": "nt", "xml": "xml"}


@pytest.mark.parametrize("name", sorted(EXPORTERS))
def test_every_format_round_trips(builtin_store: Store, name: str) -> None:
    graph = builtin_store.to_graph()
    assert len(graph) > 500
    data = serialize(graph, name)
    again = Graph().parse(data=data, format=PARSE_FORMATS[name])
    assert isomorphic(graph, again)
    # serialize the parsed copy once more: still the same graph
    assert isomorphic(again, Graph().parse(data=serialize(again, name), format=PARSE_FORMATS[name]))


def test_jsonld_is_compact_with_a_context(builtin_store: Store) -> None:
    document = json.loads(serialize(builtin_store.to_graph(), "json-ld"))
    assert "@context" in document
    assert document["@context"]["rg"] == "https://w3id.org/rolegraph/ns#"
    assert "@graph" in document
    # compact: terms of the context are used instead of full IRIs
    text = json.dumps(document)
    assert "https://w3id.org/rolegraph/ns#requiresSkill" not in text


def test_turtle_is_deterministic(builtin_store: Store) -> None:
    graph = builtin_store.to_graph()
    assert serialize(graph, "turtle") == serialize(graph, "turtle")
    assert serialize(graph, "nt") == serialize(graph, "nt")


def test_unknown_format() -> None:
    with pytest.raises(FormatError, match="turtle"):
        serialize(Graph(), "yaml")


def test_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old content\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match="No space left"):
        write_atomically(target, b"new content\n")
    assert target.read_bytes() == b"old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def test_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"


def test_write_into_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write"):
        write_atomically(tmp_path / "absent" / "out.ttl", b"x")
