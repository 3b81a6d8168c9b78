"""What a network derives is kept on it once, never changes its data, and is not pickled."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from rolegraph.analysis.overlap import all_neighbours
from rolegraph.analysis.routes import route_graph
from rolegraph.network import RoleNetwork, derived, forget_derived
from tests.fixtures.analysis import ANALYST, small_network

calls: list[tuple[str, int]] = []


@derived
def _counted(net: RoleNetwork, role: str, top: int = 3) -> list[str]:
    calls.append((role, top))
    return net.roles[:top]


@pytest.fixture()
def net() -> RoleNetwork:
    calls.clear()
    return small_network()


def test_the_network_is_frozen(net: RoleNetwork) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        net.roles = []  # type: ignore[misc]


def test_a_derived_value_is_computed_once_whatever_the_call_form(net: RoleNetwork) -> None:
    first = _counted(net, ANALYST)
    assert _counted(net, ANALYST, 3) is first
    assert _counted(net, role=ANALYST, top=3) is first
    assert _counted(net, ANALYST, top=2) == net.roles[:2]
    assert calls == [(ANALYST, 3), (ANALYST, 2)]
    assert _counted(small_network(), ANALYST) is not first  # each network keeps its own


def test_forgetting_derives_again(net: RoleNetwork) -> None:
    neighbours = all_neighbours(net, 3, "weighted-jaccard")
    binary = net.binary
    assert all_neighbours(net, 3, "weighted-jaccard") is neighbours
    forget_derived(net)
    assert all_neighbours(net, 3, "weighted-jaccard") is not neighbours
    assert net.binary is not binary
    assert (net.binary != binary).nnz == 0


def test_seed_keeps_a_value_made_elsewhere_unless_known(net: RoleNetwork) -> None:
    assert not _counted.known(net, ANALYST)
    assert _counted.seed(net, lambda: ["kept"], ANALYST) == ["kept"]
    assert _counted(net, ANALYST) == ["kept"]
    assert _counted.seed(net, lambda: ["other"], ANALYST) == ["kept"]
    assert calls == []


def test_a_pickled_network_leaves_derived_values_behind(net: RoleNetwork) -> None:
    graph = route_graph(net, measure="weighted-jaccard")
    net.group(ANALYST)
    copy = pickle.loads(pickle.dumps(net))
    assert copy.derived_values == {}
    assert "groups" not in vars(copy) and "binary" not in vars(copy)
    assert copy.roles == net.roles and copy.labels == net.labels
    again = route_graph(copy, measure="weighted-jaccard")
    assert again is not graph
    assert sorted(again.edges) == sorted(graph.edges)
    assert route_graph(net, measure="weighted-jaccard") is graph  # the original keeps its own
