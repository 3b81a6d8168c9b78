"""Comparing two roles on a graph whose answer is known."""

from __future__ import annotations

import pytest

from rolegraph.analysis.compare import compare
from rolegraph.errors import UnknownNameError
from rolegraph.render import to_json
from tests.fixtures.analysis import ANALYST, SENIOR, skill, small_network


def labels(items: object) -> list[str]:
    return [getattr(item, "skill", item).label for item in items]  # type: ignore[attr-defined]


def test_compare_splits_shared_and_distinct() -> None:
    net = small_network()
    result = compare(net, ANALYST, SENIOR)
    assert labels(result.shared_skills) == ["skill one", "skill three", "skill two"]
    assert labels(result.only_a_skills) == ["skill four"]
    assert labels(result.only_b_skills) == ["skill five"]
    assert result.skill_overlap == pytest.approx(0.6)
    assert result.weighted_skill_overlap == pytest.approx(3 / 4.5)
    assert labels(result.shared_responsibilities) == ["analyse data"]
    assert labels(result.only_a_responsibilities) == ["prepare reports"]
    assert labels(result.only_b_responsibilities) == ["mentor analysts"]
    assert labels(result.shared_qualifications) == ["bachelor's degree"]
    assert result.only_b_qualifications[0].kind == "ExperienceQualification"
    assert result.only_b_qualifications[0].level == "preferred"


def test_compare_json_shape() -> None:
    data = to_json(compare(small_network(), ANALYST, SENIOR))
    assert data["a"]["iri"] == ANALYST and data["a"]["label"] == "Analyst"
    assert data["b"]["label"] == "Senior Analyst"
    for key in (
        "shared_skills",
        "only_a_skills",
        "only_b_skills",
        "shared_responsibilities",
        "only_a_responsibilities",
        "only_b_responsibilities",
        "shared_qualifications",
        "only_a_qualifications",
        "only_b_qualifications",
    ):
        assert isinstance(data[key], list)
        assert all({"iri", "label"} <= set(item) for item in data[key])
    assert data["shared_skills"][0] == {
        "iri": skill("s1"),
        "label": "skill one",
        "categories": ["analytical"],
        "weight_a": 1.0,
        "weight_b": 1.0,
    }
    assert data["only_b_skills"][0]["weight"] == 0.5
    assert data["skill_overlap"] == 0.6
    assert data["focus"] == {
        "a": [{"iri": "https://w3id.org/rolegraph/ns#TaskFocused", "label": "task-focused"}],
        "b": [
            {
                "iri": "https://w3id.org/rolegraph/ns#RelationshipFocused",
                "label": "relationship-focused",
            }
        ],
    }
    assert data["seniority"] == {"a": 2, "b": 3}
    assert data["salary"]["a"] == {"annual": 50000.0, "currency": "USD"}


def test_compare_unknown_role() -> None:
    with pytest.raises(UnknownNameError):
        compare(small_network(), ANALYST, "https://w3id.org/rolegraph/id/role/nobody")
