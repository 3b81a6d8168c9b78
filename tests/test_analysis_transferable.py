"""Transferable skills: counted roles and bridged groups on a graph of known shape."""

from __future__ import annotations

import pytest

from rolegraph.analysis.transferable import transferable_skills
from rolegraph.errors import UnknownNameError
from rolegraph.render import to_json
from tests.fixtures.analysis import small_network


def test_bridging_ranks_by_groups_then_roles() -> None:
    net = small_network()
    found = transferable_skills(net, top=5)
    # Families: analyst..director (stated moves) and the consultant on its own.
    assert [(t.skill.label, t.roles, t.groups) for t in found] == [
        ("skill three", 4, 2),
        ("skill one", 3, 2),
        ("skill two", 3, 2),
        ("skill four", 2, 2),
        ("skill five", 3, 1),
    ]
    assert found[0].participation == pytest.approx(1 - (9 + 1) / 16)
    assert found[0].top_groups == ("Analyst family", "Consultant family")
    assert to_json(found[0])["skill"]["label"] == "skill three"


def test_other_rankings_and_scheme() -> None:
    net = small_network()
    assert transferable_skills(net, top=1, by="roles")[0].skill.label == "skill three"
    assert transferable_skills(net, top=1, by="participation")[0].skill.label == "skill four"
    esco = transferable_skills(net, top=5, scheme="esco")
    assert [(t.skill.label, t.roles) for t in esco] == [
        ("esco skill one", 2),
        ("esco skill two", 2),
        ("esco skill three", 1),
    ]
    with pytest.raises(UnknownNameError):
        transferable_skills(net, by="pagerank")
