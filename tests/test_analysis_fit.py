"""Role fit from a person's skills, ranked as worked out by hand."""

from __future__ import annotations

import pytest

from rolegraph.analysis.fit import fit
from rolegraph.errors import UnknownNameError
from rolegraph.render import to_json
from tests.fixtures.analysis import ANALYST, CONSULTANT, MANAGER, SENIOR, skill, small_network


def test_fit_ranks_by_covered_weight_then_coverage_then_label() -> None:
    net = small_network()
    found = fit(net, [skill("s1"), skill("s2"), skill("s3")])
    assert [f.role.iri for f in found] == [CONSULTANT, SENIOR, ANALYST, MANAGER]
    consultant, senior, analyst, manager = found
    assert consultant.score == pytest.approx(3 / 3.5)
    assert senior.score == pytest.approx(3 / 3.5)  # tie: broken by label
    assert analyst.score == pytest.approx(0.75)
    assert manager.score == pytest.approx(1 / 2.5)
    assert manager.coverage == pytest.approx(1 / 3)
    assert [m.skill.label for m in analyst.matched] == ["skill one", "skill three", "skill two"]
    assert [m.skill.label for m in analyst.missing] == ["skill four"]
    assert [m.skill.label for m in manager.missing] == ["skill five", "skill six"]  # by weight


def test_fit_tie_on_score_broken_by_coverage() -> None:
    net = small_network()
    # Director: s5 + s6 fully covered (1.0, coverage 2/3); designer: s7 only (0.5, 1/3).
    found = fit(net, [skill("s5"), skill("s6"), skill("s7")], top=2)
    assert [f.role.label for f in found] == ["Director", "Manager"]
    assert found[0].score == 1.0
    assert found[1].score == pytest.approx(1.5 / 2.5)


def test_fit_json_top_and_scheme() -> None:
    net = small_network()
    data = to_json(fit(net, [skill("s1")], top=1)[0])
    assert set(data) == {"role", "score", "coverage", "matched", "missing"}
    assert data["matched"][0]["iri"] == skill("s1")
    assert fit(net, [skill("s1")], scheme="esco") == []
    assert fit(net, [skill("s9")]) == []  # a skill no role requires
    with pytest.raises(UnknownNameError):
        fit(net, ["https://w3id.org/rolegraph/id/skill/unknown"])
