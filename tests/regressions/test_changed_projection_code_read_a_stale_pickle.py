"""A projection pickled beside a store by other code (same release, same store generation) was
read back as if current; kept results now carry a digest of the code that made them."""

from __future__ import annotations

from pathlib import Path

import pytest

import rolegraph.kept
import rolegraph.network
from rolegraph import RoleGraph
from rolegraph.store import OxigraphStore, load_builtin


def test_a_projection_made_by_other_code_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    location = tmp_path / "store"
    store = OxigraphStore(location)
    load_builtin(store)
    store.close()
    with RoleGraph.open(location) as graph:
        graph.network()
    calls: list[object] = []
    real = rolegraph.network.project

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(rolegraph.network, "project", counting)
    with RoleGraph.open(location) as graph:
        graph.network()
    assert calls == []  # same code: read back
    monkeypatch.setattr(rolegraph.kept, "code_version", lambda: "changed")
    with RoleGraph.open(location) as graph:
        graph.network()
    assert len(calls) == 1  # other code: built again
