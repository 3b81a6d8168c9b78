"""Role search on the full public taxonomies (ROLEGRAPH_DATA_DIR): the duplicates a job seeker
met ("Project Manager" / "project manager", "data scientist" / "Data Scientists") are one result
each, and "nurse" finds Registered Nurses first."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rolegraph.api import RoleGraph
from rolegraph.cli import main

pytestmark = pytest.mark.data

REPO = Path(__file__).resolve().parent.parent


def search_json(graph: RoleGraph, text: str, **options: object) -> list[dict[str, object]]:
    """The search results as the JSON API gives them."""
    return [hit.to_dict() for hit in graph.search(text, **options)]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RoleGraph]:
    data = Path(os.environ.get("ROLEGRAPH_DATA_DIR", REPO.parent / "shared" / "data"))
    sources = {
        "esco": data / "esco" / "1.1.1",
        "onet": data / "onet" / "29.2",
        "crosswalk": data / "crosswalk" / "esco_onet_crosswalk_MCC.csv",
    }
    if not all(path.exists() for path in sources.values()):
        pytest.skip(f"the public data is not at {data} (set ROLEGRAPH_DATA_DIR)")
    store = tmp_path_factory.mktemp("search") / "store"
    for kind, path in sources.items():
        assert main(["import", kind, str(path), "--store", str(store), "--quiet"]) == 0
    with RoleGraph.open(store) as opened:
        yield opened


def _labels(found: list[dict]) -> list[str]:
    return [item["label"] for item in found]


def test_the_same_occupation_is_one_result(graph: RoleGraph) -> None:
    found = search_json(graph, "project manager")
    assert found[0]["label"] == "Project Manager" and found[0]["source"] == "rolegraph"
    also = {(a["label"], a["source"]) for a in found[0]["also"]}
    assert ("project manager", "ESCO") in also
    assert [label.casefold() for label in _labels(found)].count("project manager") == 1

    found = search_json(graph, "data scientist")
    assert found[0]["label"] == "Data Scientists"
    assert ("data scientist", "ESCO") in {(a["label"], a["source"]) for a in found[0]["also"]}
    assert "data scientist" not in _labels(found)


def test_the_common_title_comes_first(graph: RoleGraph) -> None:
    found = _labels(search_json(graph, "nurse"))
    assert found[0] == "Registered Nurses"
    assert found.index("Registered Nurses") < found.index("Acute Care Nurses")


def test_a_misspelled_title_still_finds_the_role(graph: RoleGraph) -> None:
    assert search_json(graph, "data scientst")[0]["label"] == "Data Scientists"
    assert search_json(graph, "sofware developer")[0]["label"] == "Software Developers"
